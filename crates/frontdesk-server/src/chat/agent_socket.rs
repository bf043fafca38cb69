//! The agent endpoint: `GET /ws/agent`, authenticated by the dashboard session.

use super::{
    agent_frames, ops,
    socket::{self, codes, Close, FrameRefusal, MAX_BAD_FRAMES},
};
use crate::{
    bus::{Event, Topic},
    error::AppError,
    state::AppState,
    web::CurrentAgent,
};
use axum::{
    extract::{
        ws::{Message, WebSocket},
        State, WebSocketUpgrade,
    },
    http::{header, HeaderMap},
    response::Response,
};
use frontdesk_core::{
    account::Account,
    agent::Agent,
    ids::{AccountId, AgentId},
    wire::{
        agent::{AgentCard, AgentIn, AgentOut, Summary},
        parse_frame, PROTOCOL_VERSION,
    },
};
use std::collections::HashSet;
use std::{sync::Arc, time::Duration};
use tokio::sync::broadcast;

/// Only the dashboard's own pages may open the agent socket: a hostile page could otherwise
/// ride on the session cookie.
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .and_then(|o| url::Url::parse(o).ok());
    match (host, origin) {
        (Some(host), Some(origin)) => {
            let origin_host = match origin.port() {
                Some(port) => format!("{}:{port}", origin.host_str().unwrap_or_default()),
                None => origin.host_str().unwrap_or_default().to_owned(),
            };
            origin_host.eq_ignore_ascii_case(host)
        }
        _ => false,
    }
}

/// Upgrades a logged-in agent's connection. Without a valid session the upgrade still
/// happens and the socket closes with 4401, because a browser cannot read the status of a
/// refused upgrade and would otherwise retry forever instead of asking to log in again.
pub async fn agent_ws(
    State(state): State<AppState>,
    current: Result<CurrentAgent, AppError>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, AppError> {
    if !same_origin(&headers) {
        return Err(AppError::Forbidden);
    }
    let upgrade = socket::configure(upgrade);
    match current {
        Ok(CurrentAgent { agent, account, .. }) => {
            Ok(upgrade.on_upgrade(move |ws| run(state, account, agent, ws)))
        }
        Err(AppError::LoginRequired) => Ok(upgrade.on_upgrade(|mut ws| async move {
            socket::close(&mut ws, &codes::SESSION_ENDED).await;
        })),
        Err(other) => Err(other),
    }
}

/// One agent's connection.
pub(super) struct AgentConn {
    pub state: AppState,
    pub account: Account,
    pub agent: Agent,
    /// Conversations changed since their last summary was sent, oldest change first.
    pub stale: Vec<i64>,
}

fn card(agent: &Agent, connected: &HashSet<AgentId>) -> AgentCard {
    AgentCard {
        id: agent.id.0,
        name: agent.name.to_string(),
        role: agent.role.as_str(),
        presence: agent.presence.as_str(),
        online: connected.contains(&agent.id),
    }
}

/// The agents with a dashboard open on any node (none known if the store fails).
async fn connected(state: &AppState, account: AccountId) -> HashSet<AgentId> {
    crate::hub::connected_agents(&state.hub, &*state.store, account, state.now_ms())
        .await
        .unwrap_or_default()
}

/// The shortest time between two batches of inbox summaries on one agent socket.
const SUMMARY_PACE: Duration = Duration::from_millis(500);

/// Tells colleagues and visitors that someone's availability may have changed.
pub(super) fn publish_presence(state: &AppState, account: &Account) {
    state.hub.forget_availability(account.id);
    state
        .bus
        .publish(Topic::Agents(account.id), Event::PresenceChanged);
    state
        .bus
        .publish(Topic::Visitors(account.id), Event::PresenceChanged);
}

async fn run(state: AppState, account: Account, agent: Agent, mut ws: WebSocket) {
    let mut events = state.bus.subscribe(Topic::Agents(account.id));
    state.hub.agent_connected(account.id, agent.id, true);
    publish_presence(&state, &account);
    let mut conn = AgentConn {
        state: state.clone(),
        account: account.clone(),
        agent,
        stale: Vec::new(),
    };
    let result = conn.serve(&mut ws, &mut events).await;
    state.hub.agent_connected(account.id, conn.agent.id, false);
    publish_presence(&state, &account);
    if let Err(close) = result {
        socket::close(&mut ws, &close).await;
    }
}

impl AgentConn {
    async fn serve(
        &mut self,
        ws: &mut WebSocket,
        events: &mut broadcast::Receiver<Arc<Event>>,
    ) -> Result<(), Close> {
        let idle = Duration::from_secs(self.state.config.chat.idle_timeout_secs);
        let mut bad_frames = 0;
        let mut stopping = self.state.stopping.subscribe();
        // Summaries are built off the socket's loop, one batch at a time: changes that come
        // in meanwhile are merged into the next batch, so a busy inbox costs one summary per
        // conversation per batch instead of one per message, and events keep flowing while
        // the store is read.
        let mut refreshing: Option<tokio::task::JoinHandle<Vec<Summary>>> = None;
        // Batches start at most every SUMMARY_PACE: under a steady stream of messages the
        // summaries would otherwise be rebuilt back to back, taking the database's time from
        // the messages themselves. A change to a quiet inbox is still summed up at once.
        let mut next_batch = tokio::time::Instant::now();
        loop {
            let due = refreshing.is_none() && !self.stale.is_empty();
            if due && tokio::time::Instant::now() >= next_batch {
                next_batch = tokio::time::Instant::now() + SUMMARY_PACE;
                let ids = std::mem::take(&mut self.stale);
                let (state, account) = (self.state.clone(), self.account.id);
                refreshing = Some(tokio::spawn(async move {
                    summaries(&state, account, ids).await
                }));
            }
            tokio::select! {
                _ = stopping.changed() => return Err(codes::GOING_AWAY),
                _ = tokio::time::sleep_until(next_batch), if due => {}
                done = async { refreshing.as_mut().expect("guarded").await }, if refreshing.is_some() => {
                    refreshing = None;
                    for conversation in done.unwrap_or_default() {
                        self.send(ws, &AgentOut::Conversation { conversation }).await?;
                    }
                }
                incoming = tokio::time::timeout(idle, ws.recv()) => {
                    let text = match incoming {
                        Err(_) => return Err(codes::TIMEOUT),
                        Ok(None | Some(Ok(Message::Close(_)))) => return Ok(()),
                        // A read error is a protocol violation, most often an oversized frame.
                        Ok(Some(Err(_))) => return Err(codes::TOO_LARGE),
                        Ok(Some(Ok(Message::Text(text)))) => text,
                        Ok(Some(Ok(_))) => continue,
                    };
                    let outcome = match parse_frame::<AgentIn>(&text) {
                        Ok(frame) => agent_frames::handle(self, ws, frame).await,
                        Err(err) => {
                            bad_frames += 1;
                            Err(FrameRefusal::new(err.code(), "the frame was refused"))
                        }
                    };
                    if let Err(refusal) = outcome {
                        let frame = AgentOut::Error { code: refusal.code.into(), message: refusal.message };
                        self.send(ws, &frame).await?;
                    }
                    if bad_frames >= MAX_BAD_FRAMES {
                        return Err(codes::TOO_MANY_BAD_FRAMES);
                    }
                }
                event = events.recv() => match event {
                    Ok(event) => self.on_event(ws, &event).await?,
                    // Fell behind: a fresh snapshot replaces whatever was missed.
                    Err(broadcast::error::RecvError::Lagged(_)) => self.welcome(ws).await?,
                    Err(broadcast::error::RecvError::Closed) => return Ok(()),
                },
            }
        }
    }

    pub(super) async fn send(&self, ws: &mut WebSocket, frame: &AgentOut) -> Result<(), Close> {
        socket::send(ws, frame).await.map_err(|_| codes::GOING_AWAY)
    }

    async fn cards(&self) -> Vec<AgentCard> {
        let agents = self
            .state
            .store
            .list_agents(self.account.id)
            .await
            .unwrap_or_default();
        let connected = connected(&self.state, self.account.id).await;
        agents.iter().map(|a| card(a, &connected)).collect()
    }

    /// Sends the full picture: who I am, my colleagues, the conversations.
    pub(super) async fn welcome(&mut self, ws: &mut WebSocket) -> Result<(), Close> {
        if let Ok(Some(fresh)) = self.state.store.agent(self.account.id, self.agent.id).await {
            self.agent = fresh;
        }
        let conversations = self
            .state
            .store
            .list_conversations(self.account.id, 200)
            .await
            .unwrap_or_default();
        let ids: Vec<i64> = conversations.iter().map(|c| c.id).collect();
        let summaries = match ops::summaries(&self.state, self.account.id, &ids).await {
            Ok(summaries) => summaries,
            Err(err) => {
                tracing::warn!(error = %err, "inbox summaries could not be read");
                Vec::new()
            }
        };
        let frame = AgentOut::Welcome {
            v: PROTOCOL_VERSION,
            me: card(&self.agent, &connected(&self.state, self.account.id).await),
            agents: self.cards().await,
            conversations: summaries,
        };
        self.send(ws, &frame).await
    }

    async fn on_event(&mut self, ws: &mut WebSocket, event: &Event) -> Result<(), Close> {
        match event {
            Event::Message(m) => {
                self.send(
                    ws,
                    &AgentOut::Message {
                        message: m.as_ref().into(),
                    },
                )
                .await
            }
            Event::ConversationChanged {
                conversation_id, ..
            } => {
                if !self.stale.contains(conversation_id) {
                    self.stale.push(*conversation_id);
                }
                Ok(())
            }
            Event::VisitorTyping {
                conversation_id,
                on,
            } => {
                self.send(
                    ws,
                    &AgentOut::Typing {
                        conversation_id: *conversation_id,
                        on: *on,
                    },
                )
                .await
            }
            Event::PresenceChanged => {
                let agents = self.cards().await;
                self.send(ws, &AgentOut::Agents { agents }).await
            }
            // Events may have been missed (the cluster bus reconnected): a fresh snapshot.
            Event::Resync => self.welcome(ws).await,
            _ => Ok(()),
        }
    }
}

/// The current summaries of `ids`, skipping conversations that are gone and those the bot
/// opened but the visitor never acted in (they stay out of the inbox).
async fn summaries(state: &AppState, account: AccountId, ids: Vec<i64>) -> Vec<Summary> {
    let rows = match state.store.inbox_rows(account, &ids).await {
        Ok(rows) => rows,
        Err(err) => {
            tracing::warn!(error = %err, "inbox summaries could not be read");
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(rows.len());
    for row in rows.into_iter().filter(|r| r.conversation.visitor_acted) {
        let id = row.conversation.id;
        match ops::summary_of(state, row).await {
            Ok(summary) => out.push(summary),
            Err(err) => tracing::warn!(conversation = id, error = %err, "no inbox summary"),
        }
    }
    out
}
