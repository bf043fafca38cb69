//! The visitor endpoint: `GET /ws/visitor?key=WIDGET_KEY` (docs/protocol.md).

use super::{
    ops,
    socket::{self, codes, Close, FrameRefusal, MAX_BAD_FRAMES},
    visitor_frames,
};
use crate::{
    bus::{Event, Topic},
    error::AppError,
    i18n::Locale,
    state::AppState,
};
use axum::{
    extract::{
        ws::{Message, WebSocket},
        Query, State, WebSocketUpgrade,
    },
    http::HeaderMap,
    response::Response,
};
use frontdesk_core::{
    account::Account,
    conversation::{Conversation, MessageKind, PageView, Visitor},
    wire::{
        parse_frame,
        visitor::{VisitorIn, VisitorOut},
        ConversationRef, WireMessage, PROTOCOL_VERSION,
    },
};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use std::{num::NonZeroU32, sync::Arc, time::Duration};
use tokio::sync::broadcast;

/// How long a new connection may take to say hello.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// A visit ends after this long without activity; the next page view is a new visit.
const VISIT_GAP_MS: i64 = 30 * 60 * 1000;

#[derive(Deserialize)]
pub struct WidgetKey {
    key: String,
}

/// Whether the page's `Origin` may run the widget: one of the account's allowed domains, or
/// Frontdesk's own pages (the demo and the chatbot preview), served from this very host.
pub fn allowed_origin(account: &Account, headers: &HeaderMap) -> bool {
    let Some(origin) = headers
        .get(axum::http::header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .and_then(|o| url::Url::parse(o).ok())
    else {
        return false;
    };
    let own_host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok());
    let origin_authority = match (origin.host_str(), origin.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => return false,
    };
    own_host.is_some_and(|h| h.eq_ignore_ascii_case(&origin_authority))
        || origin
            .host_str()
            .is_some_and(|host| account.allows_host(host))
}

/// Upgrades after checking the widget key and the page's origin.
pub async fn visitor_ws(
    State(state): State<AppState>,
    Query(query): Query<WidgetKey>,
    headers: HeaderMap,
    peer: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, AppError> {
    let account = state
        .store
        .account_by_widget_key(&query.key)
        .await?
        .ok_or(AppError::NotFound)?;
    if !allowed_origin(&account, &headers) {
        tracing::info!(account = %account.id, "widget refused: origin not allowed");
        return Err(AppError::Forbidden);
    }
    let country = state.geo.country(&headers, peer.map(|p| p.0 .0.ip()));
    Ok(socket::configure(upgrade).on_upgrade(move |ws| run(state, account, country, ws)))
}

/// One visitor's connection after `hello`.
pub(super) struct VisitorConn {
    pub state: AppState,
    pub account: Account,
    pub locale: Locale,
    pub visitor: Visitor,
    pub conversation: Option<Conversation>,
    pub conversation_rx: Option<broadcast::Receiver<Arc<Event>>>,
    pub limiter: DefaultDirectRateLimiter,
    pub agents_online: bool,
    /// Highest seq delivered to this socket, for resync after lagging.
    pub delivered_seq: i64,
    /// The conversation whose offline notice was sent, so it is sent once.
    pub offline_noticed: Option<i64>,
    /// The conversation whose transcript was sent, so it is sent once.
    pub transcript_sent: Option<i64>,
    /// The status (and text-field state) the client was last told, so each change is
    /// announced exactly once.
    pub announced: Option<(frontdesk_core::conversation::ConversationStatus, bool)>,
}

async fn run(state: AppState, account: Account, country: Option<String>, mut ws: WebSocket) {
    let hello = match tokio::time::timeout(HELLO_TIMEOUT, ws.recv()).await {
        Ok(Some(Ok(Message::Text(text)))) => parse_frame::<VisitorIn>(&text).ok(),
        Ok(_) => return,
        Err(_) => None,
    };
    let Some(VisitorIn::Hello { .. }) = hello else {
        socket::close(&mut ws, &codes::TIMEOUT).await;
        return;
    };
    let mut conn = match Box::pin(greet(&state, &account, hello.unwrap(), country, &mut ws)).await {
        Ok(conn) => conn,
        Err(close) => {
            socket::close(&mut ws, &close).await;
            return;
        }
    };
    let (account_id, visitor_id) = (account.id, conn.visitor.id.clone());
    state.hub.visitor_connected(account_id, &visitor_id, true);
    if let Some(c) = &conn.conversation {
        ops::publish_changed(&state, account_id, c.id);
    }
    let result = conn.serve(&mut ws).await;
    conn.conversation_rx = None;
    state
        .bus
        .release(&Topic::Visitor(account_id, visitor_id.clone()));
    if let Some(c) = &conn.conversation {
        state.bus.release(&Topic::Conversation(c.id));
    }
    state.hub.visitor_connected(account_id, &visitor_id, false);
    if let Some(c) = &conn.conversation {
        ops::publish_changed(&state, account_id, c.id);
    }
    if let Err(close) = result {
        socket::close(&mut ws, &close).await;
    }
}

/// Identifies the visitor from `hello`, records the page view and sends `welcome`.
async fn greet(
    state: &AppState,
    account: &Account,
    hello: VisitorIn,
    country: Option<String>,
    ws: &mut WebSocket,
) -> Result<VisitorConn, Close> {
    let VisitorIn::Hello {
        token,
        conversation_id,
        last_seq,
        page,
        language,
        device,
        ..
    } = hello
    else {
        return Err(codes::TIMEOUT);
    };
    let internal = |_| Close {
        code: 1011,
        reason: "internal error",
    };
    let now = state.now_ms();
    let mut visitor = match token {
        Some(token) => {
            let id = state
                .tokens
                .verify(account.id, &token)
                .ok_or(codes::FORGED_TOKEN)?;
            state
                .store
                .visitor(account.id, &id)
                .await
                .map_err(internal)?
                .ok_or(codes::FORGED_TOKEN)?
        }
        None => {
            let id = uuid::Uuid::new_v4().simple().to_string();
            state
                .store
                .create_visitor(account.id, &id, now)
                .await
                .map_err(internal)?
        }
    };
    if visitor.banned {
        return Err(codes::BANNED);
    }
    let came_back = now - visitor.last_seen_at_ms > VISIT_GAP_MS;
    if came_back {
        visitor.visit_count += 1;
    }
    // A first page view starts a visit too.
    if came_back || visitor.pages.is_empty() {
        // Where the visit came from: the first page's referrer, not the site's own pages.
        visitor.referrer =
            Some(page.referrer.chars().take(2000).collect::<String>()).filter(|r| !r.is_empty());
    }
    if country.is_some() {
        visitor.country = country;
    }
    visitor.last_seen_at_ms = now;
    if let Some(lang) = language
        .as_deref()
        .and_then(|l| frontdesk_core::account::Language::parse(l).ok())
    {
        visitor.language = Some(lang.as_str().to_owned());
    }
    if let Some(device) = device.filter(|d| d == "mobile" || d == "desktop") {
        visitor.device = Some(device);
    }
    if !page.url.is_empty() {
        visitor_frames::record_page(&mut visitor, &page.url, &page.title, now);
    }
    state.store.save_visitor(&visitor).await.map_err(internal)?;

    let conversation = state
        .store
        .latest_conversation(account.id, &visitor.id)
        .await
        .map_err(internal)?;
    let reset = conversation.as_ref().map(|c| c.id) != conversation_id;
    let from_seq = if reset { 0 } else { last_seq.max(0) };
    let messages = match &conversation {
        Some(c) => state
            .store
            .messages_after(account.id, c.id, from_seq, 1000)
            .await
            .map_err(internal)?,
        None => Vec::new(),
    };
    let agents_online = ops::agents_online_now(state, account.id)
        .await
        .map_err(internal)?;
    let going = conversation.as_ref().is_some_and(|c| c.is_going());
    let settings = state
        .store
        .auto_messages(account.id)
        .await
        .map_err(internal)?;
    let greeting = frontdesk_core::auto::greeting(&settings, visitor.visit_count, going).map(|m| {
        frontdesk_core::wire::visitor::Greeting {
            kind: m.kind.as_str(),
            delay_ms: m.delay_secs * 1000,
        }
    });
    let chatbots = super::select::offers(state, account, &visitor, going)
        .await
        .map_err(internal)?;
    let delivered_seq = conversation.as_ref().map_or(0, |c| c.last_seq);
    let welcome = VisitorOut::Welcome {
        v: PROTOCOL_VERSION,
        token: state.tokens.sign(account.id, &visitor.id),
        visitor_id: visitor.id.clone(),
        conversation: conversation.as_ref().map(ConversationRef::from),
        messages: messages
            .iter()
            .filter(|m| m.kind != MessageKind::Note)
            .map(WireMessage::from)
            .collect(),
        agents_online,
        reset,
        greeting,
        chatbots,
    };
    socket::send(ws, &welcome)
        .await
        .map_err(|_| codes::GOING_AWAY)?;
    let locale = state.catalogs.negotiate(
        visitor
            .language
            .as_deref()
            .into_iter()
            .chain([account.default_language.as_str()]),
    );
    let per_minute = NonZeroU32::new(state.config.chat.visitor_messages_per_minute.max(1))
        .unwrap_or(NonZeroU32::MIN);
    let announced = conversation.as_ref().map(|c| (c.status, c.text_disabled()));
    Ok(VisitorConn {
        conversation_rx: conversation
            .as_ref()
            .map(|c| state.bus.subscribe(Topic::Conversation(c.id))),
        state: state.clone(),
        account: account.clone(),
        locale,
        visitor,
        conversation,
        limiter: RateLimiter::direct(Quota::per_minute(per_minute)),
        agents_online,
        delivered_seq,
        announced,
        offline_noticed: None,
        transcript_sent: None,
    })
}

impl VisitorConn {
    /// Serves frames and bus events until the socket ends or must be closed.
    async fn serve(&mut self, ws: &mut WebSocket) -> Result<(), Close> {
        let idle = Duration::from_secs(self.state.config.chat.idle_timeout_secs);
        let mut presence_rx = self.state.bus.subscribe(Topic::Visitors(self.account.id));
        let mut own_rx = self
            .state
            .bus
            .subscribe(Topic::Visitor(self.account.id, self.visitor.id.clone()));
        let mut bad_frames = 0;
        let mut stopping = self.state.stopping.subscribe();
        loop {
            tokio::select! {
                _ = stopping.changed() => return Err(codes::GOING_AWAY),
                incoming = tokio::time::timeout(idle, ws.recv()) => {
                    let text = match incoming {
                        Err(_) => return Err(codes::TIMEOUT),
                        Ok(None | Some(Ok(Message::Close(_)))) => return Ok(()),
                        // A read error is a protocol violation, most often an oversized frame.
                        Ok(Some(Err(_))) => return Err(codes::TOO_LARGE),
                        Ok(Some(Ok(Message::Text(text)))) => text,
                        Ok(Some(Ok(Message::Binary(_)))) => {
                            bad_frames += 1;
                            self.refuse(ws, FrameRefusal::new("malformed", "text frames only")).await?;
                            continue;
                        }
                        Ok(Some(Ok(_))) => continue,
                    };
                    let outcome = match parse_frame::<VisitorIn>(&text) {
                        // Boxed, as the other rarely-running branches: an idle socket's task
                        // is as large as the largest future it may await, and a frame handler
                        // that runs the bot is large. Boxing keeps idle visitors cheap.
                        Ok(frame) => Box::pin(visitor_frames::handle(self, ws, frame)).await,
                        Err(err) => {
                            bad_frames += 1;
                            Err(FrameRefusal::new(err.code(), "the frame was refused"))
                        }
                    };
                    if let Err(refusal) = outcome {
                        self.refuse(ws, refusal).await?;
                    }
                    if bad_frames >= MAX_BAD_FRAMES {
                        return Err(codes::TOO_MANY_BAD_FRAMES);
                    }
                }
                event = socket::recv_opt(&mut self.conversation_rx) => {
                    Box::pin(self.on_event(ws, event)).await?;
                }
                event = presence_rx.recv() => {
                    if let Ok(event) = event {
                        if matches!(*event, Event::PresenceChanged | Event::Resync) {
                            Box::pin(self.refresh_presence(ws)).await?;
                        }
                    }
                }
                event = own_rx.recv() => {
                    match event.as_deref() {
                        Ok(Event::Banned) => return Err(codes::BANNED),
                        Ok(Event::Erased) => return Err(codes::ERASED),
                        Ok(Event::VisitorChanged) => self.reload_visitor().await,
                        _ => {}
                    }
                }
            }
        }
    }

    /// Takes the stored contact details, changed by someone else, as this socket's copy.
    async fn reload_visitor(&mut self) {
        match self
            .state
            .store
            .visitor(self.account.id, &self.visitor.id)
            .await
        {
            Ok(Some(stored)) => self.visitor = stored,
            Ok(None) => {}
            Err(err) => tracing::warn!(error = %err, "could not reload a changed visitor"),
        }
    }

    async fn refuse(&self, ws: &mut WebSocket, refusal: FrameRefusal) -> Result<(), Close> {
        tracing::debug!(code = refusal.code, "visitor frame refused");
        let frame = VisitorOut::Error {
            code: refusal.code.into(),
            message: refusal.message,
            client_id: refusal.client_id,
        };
        socket::send(ws, &frame)
            .await
            .map_err(|_| codes::GOING_AWAY)
    }

    /// Sends a frame; a failure means the visitor is gone.
    pub(super) async fn send(&self, ws: &mut WebSocket, frame: &VisitorOut) -> Result<(), Close> {
        socket::send(ws, frame).await.map_err(|_| codes::GOING_AWAY)
    }

    async fn refresh_presence(&mut self, ws: &mut WebSocket) -> Result<(), Close> {
        let online = ops::agents_online_now(&self.state, self.account.id)
            .await
            .unwrap_or(self.agents_online);
        if online != self.agents_online {
            self.agents_online = online;
            self.send(
                ws,
                &VisitorOut::Presence {
                    agents_online: online,
                },
            )
            .await?;
        }
        Ok(())
    }

    /// Follows a new conversation's events instead of the old one's.
    pub(super) fn follow(&mut self, conversation: Conversation) {
        self.conversation_rx = Some(
            self.state
                .bus
                .subscribe(Topic::Conversation(conversation.id)),
        );
        self.delivered_seq = 0;
        self.announced = Some((conversation.status, conversation.text_disabled()));
        self.conversation = Some(conversation);
    }

    /// Sends stored messages after `delivered_seq` (resync after lagging).
    async fn resync(&mut self, ws: &mut WebSocket) -> Result<(), Close> {
        let Some(c) = &self.conversation else {
            return Ok(());
        };
        let missed = self
            .state
            .store
            .messages_after(self.account.id, c.id, self.delivered_seq, 1000)
            .await
            .unwrap_or_default();
        for m in missed.iter().filter(|m| m.kind != MessageKind::Note) {
            self.delivered_seq = self.delivered_seq.max(m.seq);
            self.send(ws, &VisitorOut::Message { message: m.into() })
                .await?;
        }
        Ok(())
    }

    async fn on_event(
        &mut self,
        ws: &mut WebSocket,
        event: Result<Arc<Event>, broadcast::error::RecvError>,
    ) -> Result<(), Close> {
        let event = match event {
            Ok(event) => event,
            Err(broadcast::error::RecvError::Lagged(_)) => return self.resync(ws).await,
            Err(broadcast::error::RecvError::Closed) => {
                self.conversation_rx = None;
                return Ok(());
            }
        };
        match &*event {
            Event::Message(m) if m.kind != MessageKind::Note => {
                if m.seq > self.delivered_seq {
                    self.delivered_seq = m.seq;
                }
                self.send(
                    ws,
                    &VisitorOut::Message {
                        message: m.as_ref().into(),
                    },
                )
                .await
            }
            Event::ConversationChanged {
                conversation_id,
                stored,
            } => {
                // The append's own conversation needs no read when it is what this socket
                // holds (its own message), or newer (a message it has not seen): every later
                // change numbers on from it or comes after it, with its own event.
                let current = self.conversation.as_ref();
                let usable = stored.as_deref().filter(|stored| {
                    current.is_some_and(|c| c == *stored || stored.last_seq > c.last_seq)
                });
                let fresh = match usable {
                    Some(stored) => stored.clone(),
                    None => {
                        let read = self
                            .state
                            .store
                            .conversation(self.account.id, *conversation_id)
                            .await;
                        let Ok(Some(fresh)) = read else {
                            return Ok(());
                        };
                        fresh
                    }
                };
                if self.conversation.as_ref().map(|c| c.id) != Some(fresh.id) {
                    return Ok(());
                }
                let now = (fresh.status, fresh.text_disabled());
                let changed = self.announced != Some(now);
                self.conversation = Some(fresh.clone());
                if changed {
                    self.announced = Some(now);
                    self.send(
                        ws,
                        &VisitorOut::Status {
                            conversation: (&fresh).into(),
                        },
                    )
                    .await?;
                }
                Ok(())
            }
            Event::AgentTyping { name, on } => {
                self.send(
                    ws,
                    &VisitorOut::Typing {
                        on: *on,
                        name: name.clone(),
                    },
                )
                .await
            }
            Event::ReadByTeam { seq } => self.send(ws, &VisitorOut::Read { seq: *seq }).await,
            Event::Banned => Err(codes::BANNED),
            // Events may have been missed (the cluster bus reconnected): catch up by seq.
            Event::Resync => self.resync(ws).await,
            _ => Ok(()),
        }
    }
}

/// Adds a page view to the visitor's recent pages.
pub(super) fn push_page(visitor: &mut Visitor, view: PageView) {
    visitor.pages.push(view);
    let excess = visitor
        .pages
        .len()
        .saturating_sub(frontdesk_core::conversation::MAX_PAGES_KEPT);
    visitor.pages.drain(..excess);
}
