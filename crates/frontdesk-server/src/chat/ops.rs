//! Conversation operations shared by visitors, agents and the background sweeper.

use crate::{
    bus::{Event, Topic},
    i18n::Locale,
    state::AppState,
};
use frontdesk_core::{
    agent::AgentState,
    conversation::{
        Conversation, ConversationStatus, Message, MessageKind, NewMessage, Presence, Visitor,
    },
    ids::{AccountId, AgentId},
    wire::{agent::Summary, PastConversation, VisitorInfo, WireMessage},
};
use frontdesk_store::{Appended, InboxRow, NewEmail, StoreError};

/// Whether anyone can answer now: an active agent whose presence is online and who has the
/// dashboard open. Asked for every visitor message, so the answer is remembered for a moment
/// ([`crate::hub::AVAILABILITY_FRESH_FOR`]); any change on this node forgets it at once.
pub async fn agents_online(state: &AppState, account: AccountId) -> Result<bool, StoreError> {
    match state.hub.availability(account) {
        (_, Some(online)) => Ok(online),
        (changes, None) => {
            let online = work_out_agents_online(state, account).await?;
            state.hub.remember_availability(account, changes, online);
            Ok(online)
        }
    }
}

/// [`agents_online`] as of now, for telling a visitor about a change: with several nodes
/// (§11) the change may come from another node, after the remembered answer.
pub async fn agents_online_now(state: &AppState, account: AccountId) -> Result<bool, StoreError> {
    if !state.hub.is_shared() {
        // Every change happens on this node and forgets the answer before it is announced.
        return agents_online(state, account).await;
    }
    let (changes, _) = state.hub.availability(account);
    let online = work_out_agents_online(state, account).await?;
    state.hub.remember_availability(account, changes, online);
    Ok(online)
}

async fn work_out_agents_online(state: &AppState, account: AccountId) -> Result<bool, StoreError> {
    let connected =
        crate::hub::connected_agents(&state.hub, &*state.store, account, state.now_ms()).await?;
    if connected.is_empty() {
        return Ok(false);
    }
    let agents = state.store.list_agents(account).await?;
    Ok(agents.iter().any(|a| {
        a.state == AgentState::Active && a.presence == Presence::Online && connected.contains(&a.id)
    }))
}

/// Tells everyone concerned about an appended message and its conversation, which goes
/// along as the append left it so this node's subscribers need not read it again.
fn publish_appended(state: &AppState, account: AccountId, appended: &Appended) {
    publish_message(state, account, &appended.message);
    publish_changed_to(state, account, &appended.conversation);
}

/// [`publish_changed`] with the conversation exactly as the change stored it.
pub fn publish_changed_to(state: &AppState, account: AccountId, stored: &Conversation) {
    let stored_copy = Some(std::sync::Arc::new(stored.clone()));
    publish_change(state, account, stored.id, stored_copy);
}

/// Tells everyone concerned about a stored message (notes stay with the agents).
fn publish_message(state: &AppState, account: AccountId, message: &Message) {
    state.bus.publish(
        Topic::Agents(account),
        Event::Message(Box::new(message.clone())),
    );
    if message.kind != MessageKind::Note {
        state.bus.publish(
            Topic::Conversation(message.conversation_id),
            Event::Message(Box::new(message.clone())),
        );
    }
}

/// Tells agents and the visitor that a conversation changed.
pub fn publish_changed(state: &AppState, account: AccountId, conversation_id: i64) {
    publish_change(state, account, conversation_id, None);
}

fn publish_change(
    state: &AppState,
    account: AccountId,
    conversation_id: i64,
    stored: Option<std::sync::Arc<Conversation>>,
) {
    let event = Event::ConversationChanged {
        conversation_id,
        stored,
    };
    state.bus.publish(Topic::Agents(account), event.clone());
    state
        .bus
        .publish(Topic::Conversation(conversation_id), event);
}

/// Appends a message and, unless it was a retry, publishes it.
pub async fn append(
    state: &AppState,
    account: AccountId,
    conversation_id: i64,
    message: &NewMessage,
    dedupe_key: Option<&str>,
) -> Result<Appended, StoreError> {
    let appended = state
        .store
        .append_message(
            account,
            conversation_id,
            message,
            dedupe_key,
            state.now_ms(),
        )
        .await?;
    // Written before the sender hears of success, and again on a retry (which adds nothing
    // if the first write went through), so no webhook event is lost.
    crate::webhooks::events::on_message(state, account, &appended).await?;
    if !appended.duplicate {
        super::record::message(state, account, &appended.message).await;
        publish_appended(state, account, &appended);
    }
    Ok(appended)
}

/// Appends several messages and saves `then_save` in one durable commit (see
/// `ChatStore::append_messages`), and publishes the new messages. The list ends early at a
/// message that was stored before.
pub async fn append_all(
    state: &AppState,
    account: AccountId,
    conversation_id: i64,
    messages: &[(NewMessage, Option<String>)],
    then_save: Option<&Conversation>,
) -> Result<Vec<Appended>, StoreError> {
    let now = state.now_ms();
    let appended = state
        .store
        .append_messages(account, conversation_id, messages, then_save, now)
        .await?;
    announce(state, account, &appended, then_save).await?;
    Ok(appended)
}

/// Tells of stored messages: their webhook events, statistics, and the subscribers.
pub(super) async fn announce(
    state: &AppState,
    account: AccountId,
    appended: &[Appended],
    then_save: Option<&Conversation>,
) -> Result<(), StoreError> {
    // As in `append`: the events are written before anyone hears of success.
    for a in appended {
        crate::webhooks::events::on_message(state, account, a).await?;
    }
    for a in appended.iter().filter(|a| !a.duplicate) {
        super::record::message(state, account, &a.message).await;
        publish_message(state, account, &a.message);
    }
    // One change for the lot, with the conversation as the commit left it: the last
    // message's numbering and, when one was saved along, everything else from that one.
    if let Some(last) = appended.last().filter(|a| !a.duplicate) {
        let stored = match then_save {
            Some(saved) => Conversation {
                last_seq: last.conversation.last_seq,
                last_message_at_ms: last.conversation.last_message_at_ms,
                ..saved.clone()
            },
            None => last.conversation.clone(),
        };
        publish_changed_to(state, account, &stored);
    }
    Ok(())
}

/// Closes a conversation with a `closed` event (by an agent, or by the system when `by` is
/// `None`). Closing a closed conversation changes nothing.
pub async fn close_conversation(
    state: &AppState,
    mut conversation: Conversation,
    by: Option<(AgentId, String)>,
    detail: &str,
) -> Result<Conversation, StoreError> {
    if conversation.status == ConversationStatus::Closed {
        return Ok(conversation);
    }
    let now = state.now_ms();
    let status_before = conversation.status;
    let before = conversation.clone();
    if let Some(bot) = conversation.bot.as_mut() {
        bot.state.finished = true;
        bot.state.at = None;
        // The outcome is decided once, at the close, from what happened (§7.1).
        bot.outcome.get_or_insert(frontdesk_core::metering::outcome(
            status_before,
            bot.state.interacted,
        ));
    }
    conversation.status = ConversationStatus::Closed;
    conversation.closed_at_ms = Some(now);
    conversation.updated_at_ms = now;
    state.store.save_conversation(&conversation).await?;
    let outcome = conversation.bot.as_ref().and_then(|b| b.outcome);
    let closer = by.as_ref().map(|(agent, _)| agent.0);
    super::record::closed(state, &before, outcome, closer, now).await;
    let event = NewMessage::event("closed", detail, by);
    let appended = append(
        state,
        conversation.account_id,
        conversation.id,
        &event,
        None,
    )
    .await?;
    Ok(appended.conversation)
}

/// Closes every conversation without a message for the configured time; returns how many.
pub async fn close_idle_conversations(state: &AppState) -> Result<usize, StoreError> {
    let now = state.now_ms();
    let chat = &state.config.chat;
    // A bot conversation closes after a short quiet spell, any other after a long one (§3).
    let bot_before = now - i64::from(chat.bot_close_after_minutes) * 60_000;
    let before = now - i64::from(chat.close_after_hours) * 3_600_000;
    let idle = state
        .store
        .idle_conversations(bot_before, before, 500)
        .await?;
    let count = idle.len();
    for conversation in idle {
        close_conversation(state, conversation, None, "inactivity").await?;
    }
    Ok(count)
}

/// The visitor as agents see it, with their recent conversations.
async fn visitor_info(
    state: &AppState,
    visitor: Visitor,
    recent: &[Conversation],
) -> Result<VisitorInfo, StoreError> {
    let past = recent
        .iter()
        .map(|c| PastConversation {
            id: c.id,
            status: c.status.as_str(),
            created_at: c.created_at_ms,
        })
        .collect();
    Ok(VisitorInfo {
        online: crate::hub::visitor_connected(
            &state.hub,
            &*state.store,
            visitor.account_id,
            &visitor.id,
            state.now_ms(),
        )
        .await?,
        visitor,
        past_conversations: past,
    })
}

/// A conversation as the inbox lists it, from what the store read for it.
pub async fn summary_of(state: &AppState, row: InboxRow) -> Result<Summary, StoreError> {
    let c = row.conversation;
    Ok(Summary {
        id: c.id,
        status: c.status.as_str(),
        visitor: visitor_info(state, row.visitor, &row.visitor_conversations).await?,
        assigned_agent_id: c.assigned_agent_id.map(|a| a.0),
        chatbot_counted: c.bot.as_ref().is_some_and(|b| b.counted),
        tags: c.tags,
        important: c.important,
        unread: row.unread,
        last_message: row.last_message.as_ref().map(WireMessage::from),
        last_seq: c.last_seq,
        created_at: c.created_at_ms,
        updated_at: c.updated_at_ms,
    })
}

/// The inbox summaries of `ids` in that order, read in one go; conversations that are gone,
/// or whose summary fails, are left out.
pub async fn summaries(
    state: &AppState,
    account: AccountId,
    ids: &[i64],
) -> Result<Vec<Summary>, StoreError> {
    let rows = state.store.inbox_rows(account, ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        // One conversation that cannot be summed up does not hide the others.
        let id = row.conversation.id;
        match summary_of(state, row).await {
            Ok(summary) => out.push(summary),
            Err(err) => tracing::warn!(conversation = id, error = %err, "no inbox summary"),
        }
    }
    Ok(out)
}

/// A conversation as the inbox lists it, as stored now.
pub async fn summary(state: &AppState, c: &Conversation) -> Result<Summary, StoreError> {
    summaries(state, c.account_id, &[c.id])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Queues the transcript of a conversation (everything the visitor saw) for `recipient`.
pub async fn send_transcript(
    state: &AppState,
    conversation: &Conversation,
    recipient: &str,
    locale: &Locale,
) -> Result<(), StoreError> {
    let account = conversation.account_id;
    let messages = state
        .store
        .messages_after(account, conversation.id, 0, 10_000)
        .await?;
    let t = |key: &str| state.catalogs.t(locale, key, &[]);
    let mut body = String::new();
    for m in messages.iter().filter(|m| m.kind == MessageKind::Message) {
        let when = chrono::DateTime::from_timestamp_millis(m.created_at_ms)
            .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default();
        let who = match m.author {
            frontdesk_core::conversation::AuthorKind::Visitor => t("transcript-you"),
            _ => m
                .author_name
                .clone()
                .unwrap_or_else(|| t("transcript-team")),
        };
        body.push_str(&format!("[{when}] {who}: {}\n", m.body));
    }
    state
        .store
        .enqueue_email(
            account,
            &NewEmail {
                kind: "transcript".into(),
                recipient: recipient.to_owned(),
                subject: t("transcript-subject"),
                body,
            },
            state.now_ms(),
        )
        .await?;
    state.email.wake();
    Ok(())
}

/// E-mails the account's owners and admins through the outbox, each in the account's
/// language; `subject_key` names a catalog message that may use `$email`.
pub async fn email_team(
    state: &AppState,
    account: &frontdesk_core::account::Account,
    kind: &str,
    subject_key: &str,
    email_arg: &str,
    body: &str,
) -> Result<(), StoreError> {
    let locale = state
        .catalogs
        .negotiate([account.default_language.as_str()]);
    let subject = state.catalogs.t(
        &locale,
        subject_key,
        &[("email", email_arg.to_owned().into())],
    );
    let agents = state.store.list_agents(account.id).await?;
    for agent in agents.iter().filter(|a| a.role.manages_account()) {
        let email = NewEmail {
            kind: kind.to_owned(),
            recipient: agent.email.to_string(),
            subject: subject.clone(),
            body: body.to_owned(),
        };
        state
            .store
            .enqueue_email(account.id, &email, state.now_ms())
            .await?;
    }
    state.email.wake();
    Ok(())
}
