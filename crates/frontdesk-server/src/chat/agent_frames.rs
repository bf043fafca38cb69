//! What each agent frame does. Every conversation is looked up within the agent's account,
//! so another account's id is simply "not found".

use super::{
    agent_socket::{publish_presence, AgentConn},
    ops,
    socket::FrameRefusal,
};
use crate::bus::{Event, Topic};
use axum::extract::ws::WebSocket;
use frontdesk_core::{
    agent::AgentState,
    conversation::{
        AuthorKind, ClientId, Conversation, ConversationStatus, MessageBody, MessageKind,
        NewMessage, Presence, Tag,
    },
    ids::AgentId,
    wire::{
        agent::{AgentIn, AgentOut},
        WireMessage,
    },
};

fn internal(err: impl std::fmt::Display) -> FrameRefusal {
    tracing::error!(error = %err, "agent frame failed");
    FrameRefusal::new("internal", "the server could not do that; try again")
}

fn bad(err: impl std::fmt::Display) -> FrameRefusal {
    FrameRefusal::new("malformed", err.to_string())
}

async fn load(conn: &AgentConn, id: i64) -> Result<Conversation, FrameRefusal> {
    conn.state
        .store
        .conversation(conn.account.id, id)
        .await
        .map_err(internal)?
        .ok_or_else(|| FrameRefusal::new("not_found", "no such conversation"))
}

fn me(conn: &AgentConn) -> Option<(AgentId, String)> {
    Some((conn.agent.id, conn.agent.name.to_string()))
}

async fn save(conn: &AgentConn, c: &mut Conversation) -> Result<(), FrameRefusal> {
    c.updated_at_ms = conn.state.now_ms();
    conn.state
        .store
        .save_conversation(c)
        .await
        .map_err(internal)?;
    ops::publish_changed(&conn.state, conn.account.id, c.id);
    Ok(())
}

async fn record(
    conn: &AgentConn,
    c: &Conversation,
    event: &str,
    detail: &str,
) -> Result<(), FrameRefusal> {
    ops::append(
        &conn.state,
        conn.account.id,
        c.id,
        &NewMessage::event(event, detail, me(conn)),
        None,
    )
    .await
    .map(|_| ())
    .map_err(internal)
}

/// Whether a frame changes conversations or visitors, which only active agents may do.
fn writes(frame: &AgentIn) -> bool {
    matches!(
        frame,
        AgentIn::Send { .. }
            | AgentIn::Assign { .. }
            | AgentIn::Tag { .. }
            | AgentIn::Important { .. }
            | AgentIn::Close { .. }
            | AgentIn::Ban { .. }
    )
}

/// Handles one parsed frame.
pub(super) async fn handle(
    conn: &mut AgentConn,
    ws: &mut WebSocket,
    frame: AgentIn,
) -> Result<(), FrameRefusal> {
    if writes(&frame) {
        // Read afresh: an agent made inactive (or removed) mid-session loses write access
        // at once, not at the next login.
        let current = conn
            .state
            .store
            .agent(conn.account.id, conn.agent.id)
            .await
            .map_err(internal)?;
        match current {
            Some(agent) if agent.state == AgentState::Active => conn.agent = agent,
            _ => {
                return Err(FrameRefusal::new(
                    "not_allowed",
                    "inactive agents cannot change chats",
                ))
            }
        }
    }
    match frame {
        AgentIn::Hello { .. } => conn
            .welcome(ws)
            .await
            .map_err(|_| internal("socket closed")),
        AgentIn::Ping => conn
            .send(ws, &AgentOut::Pong)
            .await
            .map_err(|_| internal("socket closed")),
        AgentIn::Open {
            conversation_id,
            last_seq,
        } => {
            let c = load(conn, conversation_id).await?;
            let messages = conn
                .state
                .store
                .messages_after(conn.account.id, c.id, last_seq.max(0), 5000)
                .await
                .map_err(internal)?;
            let summary = ops::summary(&conn.state, &c).await.map_err(internal)?;
            let frame = AgentOut::History {
                conversation: summary,
                messages: messages.iter().map(WireMessage::from).collect(),
            };
            conn.send(ws, &frame)
                .await
                .map_err(|_| internal("socket closed"))
        }
        AgentIn::Send {
            conversation_id,
            client_id,
            body,
            note,
        } => {
            if conn.agent.state != AgentState::Active {
                return Err(FrameRefusal::new(
                    "not_allowed",
                    "inactive agents cannot chat",
                ));
            }
            let client_id = ClientId::parse(&client_id).map_err(bad)?;
            let body = MessageBody::parse(&body).map_err(|e| match e {
                frontdesk_core::ValidationError::MessageTooLong { .. } => {
                    FrameRefusal::new("too_long", e.to_string())
                }
                other => bad(other),
            })?;
            let mut c = load(conn, conversation_id).await?;
            if !note && c.status == ConversationStatus::Closed {
                return Err(FrameRefusal::new(
                    "not_allowed",
                    "the conversation is closed",
                ));
            }
            if !note && c.assigned_agent_id.is_none() {
                c.assigned_agent_id = Some(conn.agent.id);
                save(conn, &mut c).await?;
                record(conn, &c, "joined", conn.agent.name.as_str()).await?;
            }
            let kind = if note {
                MessageKind::Note
            } else {
                MessageKind::Message
            };
            let mut message = NewMessage::text(AuthorKind::Agent, kind, body.as_str());
            message.author_agent_id = Some(conn.agent.id);
            message.author_name = Some(conn.agent.name.to_string());
            message.client_id = Some(client_id.clone());
            let dedupe = format!("a:{}:{}", conn.agent.id, client_id.as_str());
            let appended = ops::append(&conn.state, conn.account.id, c.id, &message, Some(&dedupe))
                .await
                .map_err(internal)?;
            // An agent's reply ends the bot's part of the conversation.
            if !note
                && appended
                    .conversation
                    .bot
                    .as_ref()
                    .is_some_and(|b| !b.state.finished)
            {
                let visitor = conn
                    .state
                    .store
                    .visitor(conn.account.id, &c.visitor_id)
                    .await;
                if let Ok(Some(mut visitor)) = visitor {
                    let event = frontdesk_core::flow::BotEvent::AgentReplied;
                    let fed = super::bot::feed(
                        &conn.state,
                        &conn.account,
                        appended.conversation.clone(),
                        &mut visitor,
                        None,
                        event,
                    )
                    .await;
                    if let Err(super::bot::BotError::Store(err)) = fed {
                        return Err(internal(err));
                    }
                }
            }
            let ack = AgentOut::Ack {
                client_id: client_id.as_str().to_owned(),
                message: (&appended.message).into(),
            };
            conn.send(ws, &ack)
                .await
                .map_err(|_| internal("socket closed"))
        }
        AgentIn::Typing {
            conversation_id,
            on,
        } => {
            let c = load(conn, conversation_id).await?;
            let event = Event::AgentTyping {
                name: conn.agent.name.to_string(),
                on,
            };
            conn.state.bus.publish(Topic::Conversation(c.id), event);
            Ok(())
        }
        AgentIn::Read {
            conversation_id,
            seq,
        } => {
            let mut c = load(conn, conversation_id).await?;
            let seq = seq.clamp(0, c.last_seq);
            if seq > c.agent_read_seq {
                c.agent_read_seq = seq;
                save(conn, &mut c).await?;
                conn.state
                    .bus
                    .publish(Topic::Conversation(c.id), Event::ReadByTeam { seq });
            }
            Ok(())
        }
        AgentIn::Assign {
            conversation_id,
            agent_id,
        } => {
            let mut c = load(conn, conversation_id).await?;
            let target = match agent_id {
                Some(id) => Some(
                    conn.state
                        .store
                        .agent(conn.account.id, AgentId(id))
                        .await
                        .map_err(internal)?
                        .ok_or_else(|| FrameRefusal::new("not_found", "no such agent"))?,
                ),
                None => None,
            };
            c.assigned_agent_id = target.as_ref().map(|a| a.id);
            save(conn, &mut c).await?;
            match target {
                Some(a) if a.id == conn.agent.id => {
                    record(conn, &c, "joined", a.name.as_str()).await
                }
                Some(a) => record(conn, &c, "transferred", a.name.as_str()).await,
                None => Ok(()),
            }
        }
        AgentIn::Tag {
            conversation_id,
            tag,
            on,
        } => {
            let tag = Tag::parse(&tag).map_err(bad)?;
            let mut c = load(conn, conversation_id).await?;
            let present = c.tags.iter().any(|t| t == tag.as_str());
            if on && !present {
                c.tags.push(tag.as_str().to_owned());
                c.tags.sort();
                save(conn, &mut c).await?;
                record(conn, &c, "tagged", tag.as_str()).await?;
            } else if !on && present {
                c.tags.retain(|t| t != tag.as_str());
                save(conn, &mut c).await?;
            }
            Ok(())
        }
        AgentIn::Important {
            conversation_id,
            on,
        } => {
            let mut c = load(conn, conversation_id).await?;
            c.important = on;
            save(conn, &mut c).await
        }
        AgentIn::Close { conversation_id } => {
            let c = load(conn, conversation_id).await?;
            // A chatbot that finishes conversations (a closing survey) takes over instead.
            let finisher = super::bot::finish_after_close(&conn.state, &conn.account, &c)
                .await
                .map_err(internal)?;
            if finisher.is_some() {
                return Ok(());
            }
            let name = conn.agent.name.to_string();
            ops::close_conversation(&conn.state, c, me(conn), &name)
                .await
                .map_err(internal)?;
            Ok(())
        }
        AgentIn::Ban { conversation_id } => {
            let c = load(conn, conversation_id).await?;
            let mut visitor = conn
                .state
                .store
                .visitor(conn.account.id, &c.visitor_id)
                .await
                .map_err(internal)?
                .ok_or_else(|| FrameRefusal::new("not_found", "no such visitor"))?;
            visitor.banned = true;
            conn.state
                .store
                .save_visitor(&visitor)
                .await
                .map_err(internal)?;
            let name = conn.agent.name.to_string();
            let closed = ops::close_conversation(&conn.state, c, me(conn), &name)
                .await
                .map_err(internal)?;
            let topic = Topic::Visitor(conn.account.id, closed.visitor_id.clone());
            conn.state.bus.publish(topic, Event::Banned);
            Ok(())
        }
        AgentIn::Presence { status } => {
            let presence: Presence = status.parse().map_err(bad)?;
            conn.state
                .store
                .set_agent_presence(conn.account.id, conn.agent.id, presence)
                .await
                .map_err(internal)?;
            conn.agent.presence = presence;
            publish_presence(&conn.state, &conn.account);
            Ok(())
        }
    }
}
