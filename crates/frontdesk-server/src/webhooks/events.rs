//! Writing events into the outbox where things happen. The write is part of the action: it
//! is done before the action is acknowledged, and a failure fails the action, so an event is
//! never silently dropped. Writing an event twice (a retried request) leaves one delivery.

use crate::state::AppState;
use frontdesk_core::{
    conversation::{Conversation, Message, MessageKind, Visitor},
    ids::AccountId,
    webhook::EventType,
};
use frontdesk_store::{Appended, NewWebhookEvent, StoreError};
use serde_json::{json, Value};

/// A new event id: receivers deduplicate by it.
pub fn new_event_id() -> String {
    format!("evt_{}", uuid::Uuid::new_v4().simple())
}

/// The body every receiver gets: `{id, type, created_at, account_id, data}`.
pub fn payload(id: &str, event: EventType, account: AccountId, now_ms: i64, data: Value) -> String {
    json!({
        "id": id,
        "type": event.as_str(),
        "created_at": now_ms,
        "account_id": account.0,
        "data": data,
    })
    .to_string()
}

/// Writes `event` about `about` (what makes it unique, e.g. a message id) for every endpoint
/// of the account that wants it, and wakes the delivery worker.
pub async fn emit(
    state: &AppState,
    account: AccountId,
    event: EventType,
    about: &str,
    data: Value,
) -> Result<(), StoreError> {
    if !state.webhook_interest.any(state, account).await? {
        return Ok(());
    }
    let now = state.now_ms();
    let id = new_event_id();
    let new = NewWebhookEvent {
        payload: payload(&id, event, account, now, data),
        event_id: id,
        event_type: event,
        dedupe_key: format!("{}:{about}", event.as_str()),
    };
    if state
        .store
        .enqueue_webhook_event(account, &new, now)
        .await?
        > 0
    {
        state.webhook_wake.notify_one();
    }
    Ok(())
}

/// A conversation as receivers see it.
pub fn conversation_json(c: &Conversation) -> Value {
    json!({
        "id": c.id,
        "status": c.status.as_str(),
        "visitor_id": c.visitor_id,
        "assigned_agent_id": c.assigned_agent_id.map(|a| a.0),
        "tags": c.tags,
        "rating": c.rating,
        "created_at": c.created_at_ms,
        "closed_at": c.closed_at_ms,
    })
}

fn message_json(m: &Message) -> Value {
    json!({
        "id": m.id,
        "seq": m.seq,
        "author": m.author.as_str(),
        "author_agent_id": m.author_agent_id.map(|a| a.0),
        "author_name": m.author_name,
        "kind": m.kind.as_str(),
        "body": m.body,
        "created_at": m.created_at_ms,
    })
}

/// After a message was stored (or found stored, on a retry): the conversation's first
/// message creates it; messages and notes are `message.created`; the close, handover and
/// rating events the chat records become their own webhook events.
pub async fn on_message(
    state: &AppState,
    account: AccountId,
    appended: &Appended,
) -> Result<(), StoreError> {
    let (m, c) = (&appended.message, &appended.conversation);
    if m.seq == 1 {
        let data = json!({ "conversation": conversation_json(c) });
        emit(
            state,
            account,
            EventType::ConversationCreated,
            &c.id.to_string(),
            data,
        )
        .await?;
    }
    let about = m.id.to_string();
    let conversation = json!({ "conversation": conversation_json(c) });
    match m.kind {
        MessageKind::Message | MessageKind::Note => {
            let data = json!({ "conversation_id": c.id, "message": message_json(m) });
            emit(state, account, EventType::MessageCreated, &about, data).await
        }
        MessageKind::Event => match m.event.as_deref() {
            Some("closed") => {
                emit(
                    state,
                    account,
                    EventType::ConversationClosed,
                    &about,
                    conversation,
                )
                .await
            }
            Some("handover") => {
                emit(
                    state,
                    account,
                    EventType::ConversationEscalated,
                    &about,
                    conversation,
                )
                .await
            }
            Some("rated") => {
                emit(
                    state,
                    account,
                    EventType::ConversationRated,
                    &about,
                    conversation,
                )
                .await
            }
            _ => Ok(()),
        },
    }
}

/// A visitor's contact data (name, e-mail, phone) changed.
pub async fn contact_updated(state: &AppState, visitor: &Visitor) -> Result<(), StoreError> {
    use sha2::{Digest, Sha256};
    let contact = json!({
        "visitor_id": visitor.id,
        "name": visitor.name,
        "email": visitor.email,
        "phone": visitor.phone,
    });
    // The same change written twice is one event; a later change is another.
    let about = format!(
        "{}:{}",
        visitor.id,
        hex::encode(&Sha256::digest(contact.to_string().as_bytes())[..8])
    );
    let data = json!({ "contact": contact });
    emit(
        state,
        visitor.account_id,
        EventType::ContactUpdated,
        &about,
        data,
    )
    .await
}

/// The contact fields, to tell whether they changed.
pub fn contact_of(v: &Visitor) -> (Option<String>, Option<String>, Option<String>) {
    (v.name.clone(), v.email.clone(), v.phone.clone())
}

/// Announces the billing ledger's new lines: called after an action that may have written
/// some. Lines are recognized by their id, so announcing one twice sends it once; only lines
/// of the last minute are looked at, so an endpoint added later is not sent old ones.
pub async fn ledger_written(state: &AppState, account: AccountId) -> Result<(), StoreError> {
    let recent = state.now_ms() - 60_000;
    let ledger = state.store.billing_ledger(account).await?;
    for entry in ledger.iter().filter(|e| e.created_at >= recent) {
        let data = json!({ "entry": {
            "id": entry.id,
            "kind": entry.kind,
            "units": entry.units,
            "detail": entry.detail,
            "period_start": entry.period_start,
            "created_at": entry.created_at,
        }});
        emit(
            state,
            account,
            EventType::BillingLedgerEntry,
            &entry.id.to_string(),
            data,
        )
        .await?;
    }
    Ok(())
}
