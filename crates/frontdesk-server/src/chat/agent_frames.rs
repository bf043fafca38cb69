//! What each agent frame does. Every conversation is looked up within the agent's account,
//! so another account's id is simply "not found".

use super::{
    actions,
    agent_socket::{publish_presence, AgentConn},
    ops,
    socket::FrameRefusal,
};
use crate::bus::{Event, Topic};
use axum::extract::ws::WebSocket;
use frontdesk_core::{
    agent::AgentState,
    conversation::{ClientId, Conversation, MessageBody, Presence, Tag},
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

fn actor(conn: &AgentConn) -> actions::Actor {
    actions::Actor {
        agent: Some(conn.agent.id),
        name: conn.agent.name.to_string(),
    }
}

fn refused(err: actions::ActionError) -> FrameRefusal {
    match err {
        actions::ActionError::NotFound(what) => {
            FrameRefusal::new("not_found", format!("no such {what}"))
        }
        actions::ActionError::Closed => {
            FrameRefusal::new("not_allowed", "the conversation is closed")
        }
        actions::ActionError::Store(err) => internal(err),
    }
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
            let appended = actions::send(
                &conn.state,
                &conn.account,
                &actor(conn),
                conversation_id,
                &actions::Outgoing {
                    body,
                    note,
                    dedupe: format!("a:{}:{}", conn.agent.id, client_id.as_str()),
                    client_id: client_id.clone(),
                },
            )
            .await
            .map_err(refused)?;
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
            let agent_id = agent_id.map(AgentId);
            actions::assign(
                &conn.state,
                &actor(conn),
                conn.account.id,
                conversation_id,
                agent_id,
            )
            .await
            .map(|_| ())
            .map_err(refused)
        }
        AgentIn::Tag {
            conversation_id,
            tag,
            on,
        } => {
            let tag = Tag::parse(&tag).map_err(bad)?;
            actions::tag(
                &conn.state,
                &actor(conn),
                conn.account.id,
                conversation_id,
                &tag,
                on,
            )
            .await
            .map(|_| ())
            .map_err(refused)
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
            actions::close(&conn.state, &actor(conn), &conn.account, conversation_id)
                .await
                .map(|_| ())
                .map_err(refused)
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
