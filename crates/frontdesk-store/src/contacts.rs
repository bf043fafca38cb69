//! Contacts (§1, §10): visitors whose name, e-mail or phone is known, found a page at a
//! time, and erased on request with everything said in their conversations.

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::{conversation::Visitor, ids::AccountId};

/// Which contacts to find: newest first, optionally only those whose name, e-mail or phone
/// contains `search` (any case), after the previous page's last one, at most `limit`.
#[derive(Debug, Clone, Default)]
pub struct ContactQuery {
    pub search: Option<String>,
    /// `(created_at_ms, id)` of the previous page's last contact.
    pub after: Option<(i64, String)>,
    pub limit: i64,
}

/// Contact lookup and erasure; scoped by account.
#[async_trait]
pub trait ContactStore: Send + Sync {
    /// The account's contacts matching `query`, newest first. The order is by creation
    /// time and id, which never change, so pages never repeat or skip one.
    async fn list_contacts(
        &self,
        account: AccountId,
        query: &ContactQuery,
    ) -> Result<Vec<Visitor>, StoreError>;

    /// Erases a visitor of the account (§10): the visitor, their conversations and
    /// messages, e-mails to their address not yet sent, and the webhook deliveries (sent or
    /// waiting) about their conversations, messages and contact details. Counted chatbot conversations
    /// and statistics stay, as they hold nothing personal. False when there was no such
    /// visitor.
    async fn erase_visitor(&self, account: AccountId, id: &str) -> Result<bool, StoreError>;
}

/// A LIKE pattern matching `text` anywhere, lower-cased, with LIKE's wildcards escaped.
pub(crate) fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
