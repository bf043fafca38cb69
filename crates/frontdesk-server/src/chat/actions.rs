//! What an agent does to a conversation — reply, note, tag, assign, close — shared by the
//! inbox's socket and the REST API, so both store, record and publish the same way. Every
//! conversation is looked up within the account, so another account's id is "not found".

use super::ops;
use crate::state::AppState;
use frontdesk_core::{
    account::Account,
    conversation::{
        AuthorKind, ClientId, Conversation, ConversationStatus, MessageBody, MessageKind,
        NewMessage, Tag,
    },
    ids::{AccountId, AgentId},
};
use frontdesk_store::{Appended, StoreError};

/// Who acts: an agent, or an integration (an API key) acting under its own name.
#[derive(Debug, Clone)]
pub struct Actor {
    pub agent: Option<AgentId>,
    pub name: String,
}

impl Actor {
    fn event_author(&self) -> Option<(AgentId, String)> {
        self.agent.map(|id| (id, self.name.clone()))
    }
}

/// Why an action was refused.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("the conversation is closed")]
    Closed,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One conversation of the account.
pub async fn load(
    state: &AppState,
    account: AccountId,
    id: i64,
) -> Result<Conversation, ActionError> {
    state
        .store
        .conversation(account, id)
        .await?
        .ok_or(ActionError::NotFound("conversation"))
}

/// Saves a changed conversation and tells everyone.
async fn save(state: &AppState, c: &mut Conversation) -> Result<(), ActionError> {
    c.updated_at_ms = state.now_ms();
    state.store.save_conversation(c).await?;
    ops::publish_changed(state, c.account_id, c.id);
    Ok(())
}

/// Adds an event (`joined`, `tagged` …) to the transcript.
async fn record(
    state: &AppState,
    actor: &Actor,
    c: &Conversation,
    event: &str,
    detail: &str,
) -> Result<(), ActionError> {
    let message = NewMessage::event(event, detail, actor.event_author());
    ops::append(state, c.account_id, c.id, &message, None).await?;
    Ok(())
}

/// A message an agent or integration sends.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub body: MessageBody,
    /// An internal note, never shown to the visitor.
    pub note: bool,
    pub client_id: ClientId,
    /// Identifies the message across retries: a retry returns the stored message.
    pub dedupe: String,
}

/// Sends a reply (the visitor sees it at once) or an internal note. A reply to an
/// unassigned conversation by an agent assigns it to them; a reply ends the chatbot's part.
pub async fn send(
    state: &AppState,
    account: &Account,
    actor: &Actor,
    conversation_id: i64,
    out: &Outgoing,
) -> Result<Appended, ActionError> {
    let note = out.note;
    let mut c = load(state, account.id, conversation_id).await?;
    if !note && c.status == ConversationStatus::Closed {
        return Err(ActionError::Closed);
    }
    if let (false, None, Some(agent)) = (note, c.assigned_agent_id, actor.agent) {
        c.assigned_agent_id = Some(agent);
        save(state, &mut c).await?;
        record(state, actor, &c, "joined", &actor.name).await?;
    }
    let kind = if note {
        MessageKind::Note
    } else {
        MessageKind::Message
    };
    let mut message = NewMessage::text(AuthorKind::Agent, kind, out.body.as_str());
    message.author_agent_id = actor.agent;
    message.author_name = Some(actor.name.clone());
    message.client_id = Some(out.client_id.clone());
    let appended = ops::append(state, account.id, c.id, &message, Some(&out.dedupe)).await?;
    let bot_running = appended
        .conversation
        .bot
        .as_ref()
        .is_some_and(|b| !b.state.finished);
    if !note && bot_running {
        let visitor = state.store.visitor(account.id, &c.visitor_id).await;
        if let Ok(Some(mut visitor)) = visitor {
            let event = frontdesk_core::flow::BotEvent::AgentReplied;
            let fed = super::bot::feed(
                state,
                account,
                appended.conversation.clone(),
                &mut visitor,
                None,
                event,
            )
            .await;
            if let Err(super::bot::BotError::Store(err)) = fed {
                return Err(err.into());
            }
        }
    }
    Ok(appended)
}

/// Assigns the conversation to an agent of the account, or to nobody.
pub async fn assign(
    state: &AppState,
    actor: &Actor,
    account: AccountId,
    conversation_id: i64,
    agent_id: Option<AgentId>,
) -> Result<Conversation, ActionError> {
    let mut c = load(state, account, conversation_id).await?;
    let target = match agent_id {
        Some(id) => Some(
            state
                .store
                .agent(account, id)
                .await?
                .ok_or(ActionError::NotFound("agent"))?,
        ),
        None => None,
    };
    c.assigned_agent_id = target.as_ref().map(|a| a.id);
    save(state, &mut c).await?;
    match target {
        Some(a) if Some(a.id) == actor.agent => {
            record(state, actor, &c, "joined", a.name.as_str()).await?
        }
        Some(a) => record(state, actor, &c, "transferred", a.name.as_str()).await?,
        None => {}
    }
    Ok(c)
}

/// Adds (`on`) or removes a tag; adding records a `tagged` event.
pub async fn tag(
    state: &AppState,
    actor: &Actor,
    account: AccountId,
    conversation_id: i64,
    tag: &Tag,
    on: bool,
) -> Result<Conversation, ActionError> {
    let mut c = load(state, account, conversation_id).await?;
    let present = c.tags.iter().any(|t| t == tag.as_str());
    if on && !present {
        c.tags.push(tag.as_str().to_owned());
        c.tags.sort();
        save(state, &mut c).await?;
        record(state, actor, &c, "tagged", tag.as_str()).await?;
    } else if !on && present {
        c.tags.retain(|t| t != tag.as_str());
        save(state, &mut c).await?;
    }
    Ok(c)
}

/// Closes the conversation, unless a chatbot that finishes conversations (a closing
/// survey) takes over; returns the conversation as it is afterwards.
pub async fn close(
    state: &AppState,
    actor: &Actor,
    account: &Account,
    conversation_id: i64,
) -> Result<Conversation, ActionError> {
    let c = load(state, account.id, conversation_id).await?;
    if let Some(finishing) = super::bot::finish_after_close(state, account, &c).await? {
        return Ok(finishing);
    }
    Ok(ops::close_conversation(state, c, actor.event_author(), &actor.name).await?)
}
