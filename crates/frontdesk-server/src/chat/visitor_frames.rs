//! What each visitor frame does. A refused frame answers with an `error` frame and the
//! connection goes on; nothing already stored is touched by a refusal.

use super::{
    auto, bot, ops, select,
    socket::FrameRefusal,
    visitor_socket::{push_page, VisitorConn},
};
use crate::bus::{Event, Topic};
use axum::extract::ws::WebSocket;
use frontdesk_core::{
    account::{DisplayName, Language},
    agent::Email,
    auto::AutoKind,
    conversation::{
        clip, AuthorKind, ClientId, ConversationStatus, MessageBody, MessageKind, NewMessage,
        PageView, Visitor, MAX_PAGE_TEXT,
    },
    wire::{
        visitor::{VisitorIn, VisitorOut},
        Identify,
    },
};
use frontdesk_store::Appended;

/// Most custom variables kept per visitor.
const MAX_VARIABLES: usize = 30;

fn internal(err: impl std::fmt::Display) -> FrameRefusal {
    tracing::error!(error = %err, "visitor frame failed");
    FrameRefusal::new("internal", "the server could not do that; try again")
}

/// Records a page view as the visitor's current page.
pub(super) fn record_page(visitor: &mut Visitor, url: &str, title: &str, now: i64) {
    let (url, title) = (clip(url, MAX_PAGE_TEXT), clip(title, MAX_PAGE_TEXT));
    visitor.current_url = Some(url.clone());
    visitor.current_title = Some(title.clone());
    push_page(
        visitor,
        PageView {
            url,
            title,
            at: now,
        },
    );
}

/// Handles one parsed frame.
pub(super) async fn handle(
    conn: &mut VisitorConn,
    ws: &mut WebSocket,
    frame: VisitorIn,
) -> Result<(), FrameRefusal> {
    match frame {
        VisitorIn::Hello { .. } => Err(FrameRefusal::new("not_allowed", "already said hello")),
        VisitorIn::Ping => reply(conn, ws, VisitorOut::Pong).await,
        VisitorIn::Send { client_id, body } => {
            let raw_id = client_id.clone();
            send_message(conn, ws, client_id, body)
                .await
                .map_err(|r| r.for_message(&raw_id))
        }
        VisitorIn::Typing { on } => {
            if let Some(c) = &conn.conversation {
                let event = Event::VisitorTyping {
                    conversation_id: c.id,
                    on,
                };
                conn.state
                    .bus
                    .publish(Topic::Agents(conn.account.id), event);
            }
            Ok(())
        }
        VisitorIn::Read { seq } => {
            let Some(mut c) = conn.conversation.clone() else {
                return Ok(());
            };
            let seq = seq.clamp(0, c.last_seq);
            if seq > c.visitor_read_seq {
                c.visitor_read_seq = seq;
                conn.state
                    .store
                    .save_conversation(&c)
                    .await
                    .map_err(internal)?;
                conn.conversation = Some(c);
            }
            Ok(())
        }
        VisitorIn::Identify(identify) => {
            let before = crate::webhooks::events::contact_of(&conn.visitor);
            apply_identify(&mut conn.visitor, identify)?;
            save_visitor(conn).await?;
            if crate::webhooks::events::contact_of(&conn.visitor) != before {
                crate::webhooks::events::contact_updated(&conn.state, &conn.visitor)
                    .await
                    .map_err(internal)?;
            }
            Ok(())
        }
        VisitorIn::Page { url, title } => {
            let now = conn.state.now_ms();
            let changed = conn.visitor.current_url.as_deref() != Some(url.as_str());
            record_page(&mut conn.visitor, &url, &title, now);
            conn.visitor.last_seen_at_ms = now;
            save_visitor(conn).await?;
            if !changed {
                return Ok(());
            }
            // A page changed without a reload is a new page view: what may greet there (§5).
            let going = conn.conversation.as_ref().is_some_and(|c| c.is_going());
            let chatbots = select::offers(&conn.state, &conn.account, &conn.visitor, going)
                .await
                .map_err(internal)?;
            reply(conn, ws, VisitorOut::Chatbots { chatbots }).await
        }
        VisitorIn::Offline {
            client_id,
            email,
            name,
            body,
        } => {
            let raw_id = client_id.clone();
            throttle(conn).map_err(|r| r.for_message(&raw_id))?;
            leave_offline_message(conn, ws, client_id, email, name, body)
                .await
                .map_err(|r| r.for_message(&raw_id))
        }
        VisitorIn::End => {
            let Some(c) = conn.conversation.clone() else {
                return Ok(());
            };
            let closed = ops::close_conversation(&conn.state, c, None, "visitor")
                .await
                .map_err(internal)?;
            conn.conversation = Some(closed);
            Ok(())
        }
        VisitorIn::Rate { score, comment } => {
            let Some(mut c) = conn.conversation.clone() else {
                return Err(FrameRefusal::new("not_allowed", "no conversation to rate"));
            };
            if c.status != ConversationStatus::Closed {
                return Err(FrameRefusal::new(
                    "not_allowed",
                    "rate after the chat has ended",
                ));
            }
            if !(1..=5).contains(&score) {
                return Err(FrameRefusal::new("malformed", "the score is 1 to 5"));
            }
            c.rating = Some(score);
            c.rating_comment = Some(clip(comment.trim(), 1000)).filter(|s| !s.is_empty());
            conn.state
                .store
                .save_conversation(&c)
                .await
                .map_err(internal)?;
            super::record::rated(&conn.state, &c, score).await;
            let event = NewMessage::event("rated", &score.to_string(), None);
            let appended = ops::append(&conn.state, conn.account.id, c.id, &event, None)
                .await
                .map_err(internal)?;
            conn.conversation = Some(appended.conversation);
            Ok(())
        }
        VisitorIn::Trigger {
            preview,
            chatbot_id,
        } => {
            throttle(conn)?;
            start_chatbot(conn, ws, preview, chatbot_id).await
        }
        VisitorIn::Event { .. } => Ok(()),
        VisitorIn::Greet { kind } => {
            throttle(conn)?;
            greet(conn, ws, &kind).await
        }
        VisitorIn::Click {
            conversation_id,
            node,
            button,
        } => {
            let Some(c) = conn
                .conversation
                .clone()
                .filter(|c| c.id == conversation_id)
            else {
                return Err(FrameRefusal::new(
                    "stale_button",
                    "not this conversation's button",
                ));
            };
            let event = frontdesk_core::flow::BotEvent::ButtonClicked { node, button };
            let started = std::time::Instant::now();
            let fed = bot::feed(
                &conn.state,
                &conn.account,
                c,
                &mut conn.visitor,
                None,
                event,
            )
            .await;
            // The server's share of a bot step (stored, decided, published), for operators
            // and the benchmark harness: `RUST_LOG=frontdesk::bot_step=debug`.
            tracing::debug!(
                target: "frontdesk::bot_step",
                micros = started.elapsed().as_micros() as u64,
                "bot step"
            );
            conn.conversation = Some(bot_result(fed)?);
            Ok(())
        }
        VisitorIn::Transcript { email } => {
            let email = Email::parse(&email)
                .map_err(|e| FrameRefusal::new("invalid_email", e.to_string()))?;
            // One transcript per ended conversation: the box cannot be used to mail anyone
            // anything, any number of times.
            let Some(c) = conn
                .conversation
                .clone()
                .filter(|c| c.status == ConversationStatus::Closed)
            else {
                return Err(FrameRefusal::new(
                    "not_allowed",
                    "a transcript follows the end of the chat",
                ));
            };
            if conn.transcript_sent == Some(c.id) {
                return Err(FrameRefusal::new(
                    "not_allowed",
                    "the transcript was sent already",
                ));
            }
            throttle(conn)?;
            ops::send_transcript(&conn.state, &c, email.as_str(), &conn.locale)
                .await
                .map_err(internal)?;
            conn.transcript_sent = Some(c.id);
            Ok(())
        }
    }
}

/// Frames that store something or send e-mail share the visitor's rate limit.
fn throttle(conn: &VisitorConn) -> Result<(), FrameRefusal> {
    conn.limiter
        .check()
        .map_err(|_| FrameRefusal::new("rate_limited", "too many messages; wait a moment"))
}

fn bot_result(
    fed: Result<frontdesk_core::conversation::Conversation, bot::BotError>,
) -> Result<frontdesk_core::conversation::Conversation, FrameRefusal> {
    fed.map_err(|e| match e {
        // Whatever the bot's reason (finished, not started …), the protocol says one thing
        // for a click that no longer applies.
        bot::BotError::Refused("unknown_button") => {
            FrameRefusal::new("unknown_button", "that button no longer applies")
        }
        bot::BotError::Refused(_) => {
            FrameRefusal::new("stale_button", "that button no longer applies")
        }
        bot::BotError::Store(err) => internal(err),
    })
}

/// Starts the chatbot for this page view, unless a conversation is going or none applies.
async fn start_chatbot(
    conn: &mut VisitorConn,
    ws: &mut WebSocket,
    preview: Option<String>,
    chatbot_id: Option<i64>,
) -> Result<(), FrameRefusal> {
    if conn.conversation.as_ref().is_some_and(|c| c.is_going()) {
        return Ok(());
    }
    let chosen = match preview {
        Some(token) => bot::preview(&conn.state, &conn.account, &token)
            .await
            .map_err(internal)?
            .ok_or_else(|| FrameRefusal::new("not_allowed", "the preview link has expired"))?,
        None => match select::choose(&conn.state, &conn.account, &conn.visitor, chatbot_id)
            .await
            .map_err(internal)?
        {
            Some(chosen) => chosen,
            None => return Ok(()),
        },
    };
    let (run, flow) = chosen;
    if !run.preview {
        // Behaviour rules (§5) count greetings per visit; a preview is the owner testing.
        conn.visitor
            .bots_shown
            .insert(run.chatbot_id, conn.visitor.visit_count);
        conn.state
            .store
            .save_visitor(&conn.visitor)
            .await
            .map_err(internal)?;
    }
    let state = conn.state.clone();
    let mut c = state
        .store
        .create_conversation(
            conn.account.id,
            &conn.visitor.id,
            ConversationStatus::Bot,
            state.now_ms(),
        )
        .await
        .map_err(internal)?;
    c.bot = Some(run);
    state.store.save_conversation(&c).await.map_err(internal)?;
    conn.follow(c.clone());
    let event = frontdesk_core::flow::BotEvent::Triggered;
    let fed = bot::feed(
        &state,
        &conn.account,
        c,
        &mut conn.visitor,
        Some(flow),
        event,
    )
    .await;
    let c = bot_result(fed)?;
    conn.announced = Some((c.status, c.text_disabled()));
    conn.conversation = Some(c.clone());
    reply(
        conn,
        ws,
        VisitorOut::Status {
            conversation: (&c).into(),
        },
    )
    .await
}

/// Posts the greeting offered in `welcome`, unless a conversation started meanwhile.
async fn greet(conn: &mut VisitorConn, ws: &mut WebSocket, kind: &str) -> Result<(), FrameRefusal> {
    let going = conn.conversation.as_ref().is_some_and(|c| c.is_going());
    let settings = conn
        .state
        .store
        .auto_messages(conn.account.id)
        .await
        .map_err(internal)?;
    let Some(message) = frontdesk_core::auto::greeting(&settings, conn.visitor.visit_count, going)
        .filter(|m| m.kind.as_str() == kind)
        .cloned()
    else {
        return Ok(());
    };
    let state = conn.state.clone();
    let mut c = state
        .store
        .create_conversation(
            conn.account.id,
            &conn.visitor.id,
            ConversationStatus::Open,
            state.now_ms(),
        )
        .await
        .map_err(internal)?;
    // A greeting nobody answered is not a conversation for the inbox (§3).
    c.visitor_acted = false;
    state.store.save_conversation(&c).await.map_err(internal)?;
    conn.follow(c.clone());
    let language = conn
        .visitor
        .language
        .clone()
        .unwrap_or_else(|| conn.account.default_language.as_str().to_owned());
    auto::post(&state, &conn.account, &c, &message, &language)
        .await
        .map_err(internal)?;
    reply(
        conn,
        ws,
        VisitorOut::Status {
            conversation: (&c).into(),
        },
    )
    .await
}

/// After a message nobody can read now, tells the visitor so, once per conversation.
async fn notice_if_offline(conn: &mut VisitorConn) -> Result<(), FrameRefusal> {
    let Some(c) = conn
        .conversation
        .clone()
        .filter(|c| c.status == ConversationStatus::Open)
    else {
        return Ok(());
    };
    if conn.offline_noticed == Some(c.id)
        || ops::agents_online(&conn.state, conn.account.id)
            .await
            .map_err(internal)?
    {
        return Ok(());
    }
    let offline = auto::setting(&conn.state, &conn.account, AutoKind::Offline)
        .await
        .map_err(internal)?;
    if !offline.enabled {
        return Ok(());
    }
    conn.offline_noticed = Some(c.id);
    let (state, account) = (conn.state.clone(), conn.account.clone());
    let language = conn
        .visitor
        .language
        .clone()
        .unwrap_or_else(|| account.default_language.as_str().to_owned());
    // The notice follows after its delay without holding up this socket.
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(
            offline.delay_secs.max(0) as u64 * 1000,
        ))
        .await;
        if let Err(err) = auto::post(&state, &account, &c, &offline, &language).await {
            tracing::warn!(error = %err, "offline notice not sent");
        }
    });
    Ok(())
}

/// A visitor message: rate-limited, checked, stored, then acknowledged.
async fn send_message(
    conn: &mut VisitorConn,
    ws: &mut WebSocket,
    client_id: String,
    body: String,
) -> Result<(), FrameRefusal> {
    throttle(conn)?;
    let client_id =
        ClientId::parse(&client_id).map_err(|e| FrameRefusal::new("malformed", e.to_string()))?;
    let body = parse_body(&body)?;
    let text = body.as_str().to_owned();
    let appended = store_visitor_message(conn, client_id.clone(), body).await?;
    acknowledge(conn, ws, &client_id, &appended).await?;
    // The message is stored and acknowledged: what follows must not be reported as its
    // failure (the chat box would offer to resend a message the team already has).
    if let Err(refusal) = after_visitor_message(conn, &appended, text).await {
        tracing::warn!(
            code = refusal.code,
            "a stored visitor message had no follow-up"
        );
    }
    Ok(())
}

/// What a stored visitor message sets off: the bot hears it, the offline notice may follow.
async fn after_visitor_message(
    conn: &mut VisitorConn,
    appended: &Appended,
    text: String,
) -> Result<(), FrameRefusal> {
    // The bot hears what the visitor typed: an answer to its question, or the visitor
    // turning to the team (which ends the bot's part).
    let running = conn
        .conversation
        .clone()
        .filter(|c| c.bot.as_ref().is_some_and(|b| !b.state.finished) && !appended.duplicate);
    if let Some(c) = running {
        let event = frontdesk_core::flow::BotEvent::VisitorTyped { text };
        match bot::feed(
            &conn.state,
            &conn.account,
            c,
            &mut conn.visitor,
            None,
            event,
        )
        .await
        {
            Ok(c) => conn.conversation = Some(c),
            Err(bot::BotError::Refused(_)) => {}
            Err(bot::BotError::Store(err)) => return Err(internal(err)),
        }
    }
    notice_if_offline(conn).await
}

/// The offline form: stored like a message, and the owners are told by e-mail.
async fn leave_offline_message(
    conn: &mut VisitorConn,
    ws: &mut WebSocket,
    client_id: String,
    email: String,
    name: String,
    body: String,
) -> Result<(), FrameRefusal> {
    let client_id =
        ClientId::parse(&client_id).map_err(|e| FrameRefusal::new("malformed", e.to_string()))?;
    let email =
        Email::parse(&email).map_err(|e| FrameRefusal::new("invalid_email", e.to_string()))?;
    let body = parse_body(&body)?;
    conn.visitor.email = Some(email.to_string());
    if let Ok(name) = DisplayName::parse(&name) {
        conn.visitor.name = Some(name.to_string());
    }
    save_visitor(conn).await?;
    let text = body.as_str().to_owned();
    let appended = store_visitor_message(conn, client_id.clone(), body).await?;
    if !appended.duplicate {
        notify_team_of_offline_message(conn, &email, &text).await?;
    }
    acknowledge(conn, ws, &client_id, &appended).await
}

async fn reply(
    conn: &VisitorConn,
    ws: &mut WebSocket,
    frame: VisitorOut,
) -> Result<(), FrameRefusal> {
    // A failed send means the socket is gone; the read loop notices and ends.
    let _ = conn.send(ws, &frame).await;
    Ok(())
}

fn parse_body(body: &str) -> Result<MessageBody, FrameRefusal> {
    MessageBody::parse(body).map_err(|e| match e {
        frontdesk_core::ValidationError::MessageTooLong { .. } => {
            FrameRefusal::new("too_long", e.to_string())
        }
        _ => FrameRefusal::new("malformed", e.to_string()),
    })
}

/// Acknowledges a stored message: only now may the chat box forget it.
async fn acknowledge(
    conn: &VisitorConn,
    ws: &mut WebSocket,
    client_id: &ClientId,
    appended: &Appended,
) -> Result<(), FrameRefusal> {
    let frame = VisitorOut::Ack {
        client_id: client_id.as_str().to_owned(),
        message: (&appended.message).into(),
    };
    reply(conn, ws, frame).await
}

/// Stores a visitor message, starting a conversation when there is none or it was closed.
async fn store_visitor_message(
    conn: &mut VisitorConn,
    client_id: ClientId,
    body: MessageBody,
) -> Result<Appended, FrameRefusal> {
    let open = conn
        .conversation
        .clone()
        .filter(|c| c.status != ConversationStatus::Closed);
    let conversation = match open {
        Some(c) => c,
        None => {
            let c = conn
                .state
                .store
                .create_conversation(
                    conn.account.id,
                    &conn.visitor.id,
                    ConversationStatus::Open,
                    conn.state.now_ms(),
                )
                .await
                .map_err(internal)?;
            conn.follow(c.clone());
            c
        }
    };
    let dedupe = format!("v:{}:{}", conn.visitor.id, client_id.as_str());
    let mut message = NewMessage::text(AuthorKind::Visitor, MessageKind::Message, body.as_str());
    message.author_name = conn.visitor.name.clone();
    message.client_id = Some(client_id.clone());
    message.answers_bot = bot::awaits_answer(&conn.state, &conversation).await;
    let appended = ops::append(
        &conn.state,
        conn.account.id,
        conversation.id,
        &message,
        Some(&dedupe),
    )
    .await
    .map_err(internal)?;
    let mut current = appended.conversation.clone();
    if !current.visitor_acted {
        // The visitor wrote: from now on the team sees this conversation.
        current.visitor_acted = true;
        conn.state
            .store
            .save_conversation(&current)
            .await
            .map_err(internal)?;
        ops::publish_changed(&conn.state, conn.account.id, current.id);
    }
    if current.id == conversation.id {
        conn.conversation = Some(current);
    }
    Ok(appended)
}

/// Applies contact data; an invalid e-mail or language is refused, over-long text is cut.
fn apply_identify(visitor: &mut Visitor, identify: Identify) -> Result<(), FrameRefusal> {
    if let Some(email) = identify.email.filter(|e| !e.trim().is_empty()) {
        let email =
            Email::parse(&email).map_err(|e| FrameRefusal::new("invalid_email", e.to_string()))?;
        visitor.email = Some(email.to_string());
    }
    if let Some(name) = identify.name {
        visitor.name = DisplayName::parse(&name).ok().map(|n| n.to_string());
    }
    if let Some(phone) = identify.phone {
        visitor.phone = Some(clip(phone.trim(), 40)).filter(|p| !p.is_empty());
    }
    if let Some(group) = identify.group {
        visitor.group = Some(clip(group.trim(), 60)).filter(|g| !g.is_empty());
    }
    if let Some(language) = identify.language {
        let language = Language::parse(&language)
            .map_err(|e| FrameRefusal::new("malformed", e.to_string()))?;
        visitor.language = Some(language.as_str().to_owned());
    }
    for (label, value) in identify.variables {
        if visitor.variables.len() >= MAX_VARIABLES && !visitor.variables.contains_key(&label) {
            break;
        }
        visitor
            .variables
            .insert(clip(label.trim(), 60), clip(&value, 500));
    }
    Ok(())
}

async fn save_visitor(conn: &mut VisitorConn) -> Result<(), FrameRefusal> {
    conn.state
        .store
        .save_visitor(&conn.visitor)
        .await
        .map_err(internal)?;
    if let Some(c) = &conn.conversation {
        ops::publish_changed(&conn.state, conn.account.id, c.id);
    }
    Ok(())
}

/// E-mails the owners and admins about a message left while nobody was online.
async fn notify_team_of_offline_message(
    conn: &VisitorConn,
    from: &Email,
    text: &str,
) -> Result<(), FrameRefusal> {
    let subject = "offline-email-subject";
    ops::email_team(
        &conn.state,
        &conn.account,
        "offline_message",
        subject,
        from.as_str(),
        text,
    )
    .await
    .map_err(internal)
}
