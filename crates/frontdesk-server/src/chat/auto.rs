//! Automatic messages (§4.3) in live conversations: greetings the chat box asks for when
//! their delay is over, the offline notice right after a message nobody can read now, and
//! the busy notice when nobody answered in time.

use super::ops;
use crate::state::AppState;
use frontdesk_core::{
    account::Account,
    auto::{AutoKind, AutoMessage},
    conversation::{AuthorKind, Conversation, MessageKind, MessagePayload, NewMessage},
};
use frontdesk_store::StoreError;

/// The preset's text in `language`: the account's own, else the shipped one.
pub fn text(state: &AppState, message: &AutoMessage, language: &str) -> String {
    message
        .texts
        .get(language)
        .filter(|t| !t.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| {
            let locale = state.catalogs.negotiate([language]);
            state.catalogs.t(&locale, message.kind.catalog_key(), &[])
        })
}

/// Posts an automatic message in the team's name.
pub async fn post(
    state: &AppState,
    account: &Account,
    conversation: &Conversation,
    message: &AutoMessage,
    language: &str,
) -> Result<(), StoreError> {
    let mut said = NewMessage::text(
        AuthorKind::Bot,
        MessageKind::Message,
        &text(state, message, language),
    );
    said.author_name = Some(account.name.to_string());
    said.payload = Some(MessagePayload {
        auto: Some(message.kind),
        ..MessagePayload::default()
    });
    ops::append(state, account.id, conversation.id, &said, None).await?;
    Ok(())
}

/// The account's setting for one preset.
pub async fn setting(
    state: &AppState,
    account: &Account,
    kind: AutoKind,
) -> Result<AutoMessage, StoreError> {
    let all = state.store.auto_messages(account.id).await?;
    Ok(all
        .into_iter()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| AutoMessage::default_for(kind)))
}

/// Sends the busy notice in every open conversation whose visitor has waited longer than
/// the account allows; returns how many were sent. Runs from the node's housekeeping.
pub async fn send_busy_notices(state: &AppState) -> Result<usize, StoreError> {
    let now = state.now_ms();
    let waiting = state.store.unanswered_conversations(now, 200).await?;
    let mut sent = 0;
    for conversation in waiting {
        let Some(account) = state.store.account(conversation.account_id).await? else {
            continue;
        };
        let busy = setting(state, &account, AutoKind::Busy).await?;
        if !busy.enabled || conversation.last_message_at_ms > now - busy.delay_secs * 1000 {
            continue;
        }
        let visitor = state
            .store
            .visitor(account.id, &conversation.visitor_id)
            .await?;
        let language = visitor
            .and_then(|v| v.language)
            .unwrap_or_else(|| account.default_language.as_str().to_owned());
        post(state, &account, &conversation, &busy, &language).await?;
        sent += 1;
    }
    Ok(sent)
}
