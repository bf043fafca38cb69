//! What the agents' inbox shows of many conversations at once.

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::{
    conversation::{Conversation, Message, Visitor},
    ids::AccountId,
};

/// One conversation as the inbox lists it, with everything its summary shows.
#[derive(Debug, Clone)]
pub struct InboxRow {
    pub conversation: Conversation,
    pub visitor: Visitor,
    /// The conversation's last message, if it has any.
    pub last_message: Option<Message>,
    /// Visitor messages after the agents' read mark.
    pub unread: i64,
    /// The visitor's conversations, newest first, at most 50 (this one among them).
    pub visitor_conversations: Vec<Conversation>,
}

/// Inbox reads.
#[async_trait]
pub trait InboxStore: Send + Sync {
    /// The inbox rows of `ids` in the account, in the order of `ids`; ids that are not the
    /// account's conversations are left out. A handful of statements however many ids: the
    /// inbox of a busy account is rebuilt for many conversations at once, and one set of
    /// statements per conversation would take the database's time from the messages.
    async fn inbox_rows(
        &self,
        account: AccountId,
        ids: &[i64],
    ) -> Result<Vec<InboxRow>, StoreError>;
}
