//! Finding conversations by what the API filters on, a page at a time.

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::{
    conversation::{Conversation, ConversationStatus},
    ids::{AccountId, AgentId},
};

/// Which conversations to find: those matching every filter given, newest first, with ids
/// below `before_id` (the previous page's last id), at most `limit`.
#[derive(Debug, Clone, Default)]
pub struct ConversationQuery {
    pub status: Option<ConversationStatus>,
    pub assigned_agent: Option<AgentId>,
    pub tag: Option<String>,
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// Conversation search; scoped by account.
#[async_trait]
pub trait SearchStore: Send + Sync {
    /// The account's conversations in which the visitor took part (as the inbox shows them)
    /// that match `query`, newest first. Ids only grow, so pages never repeat or skip one.
    async fn search_conversations(
        &self,
        account: AccountId,
        query: &ConversationQuery,
    ) -> Result<Vec<Conversation>, StoreError>;
}

/// A LIKE pattern matching `tag` as one element of the stored JSON array of tags.
pub(crate) fn tag_pattern(tag: &str) -> String {
    let quoted = serde_json::to_string(tag).unwrap_or_default();
    let escaped = quoted
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
