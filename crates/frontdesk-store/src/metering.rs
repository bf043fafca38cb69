//! The atomic count of chatbot conversations (§7.2) and the usage ledger.

use crate::{Appended, StoreError};
use async_trait::async_trait;
use frontdesk_core::{
    conversation::{Conversation, NewMessage},
    ids::AccountId,
    metering::{CountReason, CountResult},
};

/// One counted chatbot conversation, as the usage ledger lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CountedConversation {
    pub conversation_id: i64,
    pub chatbot_id: i64,
    pub reason: String,
    pub counted_at: i64,
}

/// What to count.
#[derive(Debug, Clone, Copy)]
pub struct CountRequest {
    pub account: AccountId,
    pub conversation_id: i64,
    pub chatbot_id: i64,
    pub reason: CountReason,
    /// The billing period the count belongs to.
    pub period_start_ms: i64,
    /// The period's limit; `None` is unlimited.
    pub limit: Option<i64>,
    pub now_ms: i64,
}

/// A count and the append that went with it.
#[derive(Debug)]
pub struct CountedAppend {
    pub count: CountResult,
    /// Empty when the limit was reached: then nothing was written.
    pub appended: Vec<Appended>,
}

/// Metering storage.
#[async_trait]
pub trait MeteringStore: Send + Sync {
    /// In one transaction: counts the conversation only if it is not counted yet and the
    /// period's `used` is below the limit. Holds under any number of concurrent writers on
    /// any number of nodes, because the database decides.
    async fn count_chatbot_conversation(
        &self,
        request: &CountRequest,
    ) -> Result<CountResult, StoreError>;
    /// Counts as [`MeteringStore::count_chatbot_conversation`] and, unless the limit is
    /// reached, appends `messages` to the request's conversation and saves `then_save` as
    /// [`crate::ChatStore::append_messages`] does — all in one transaction, so a chatbot's
    /// first interaction and what it says share one durable commit (and one wait for it).
    /// When the limit is reached, nothing is written.
    async fn append_counted(
        &self,
        request: &CountRequest,
        messages: &[(NewMessage, Option<String>)],
        then_save: Option<&Conversation>,
    ) -> Result<CountedAppend, StoreError>;
    /// How many chatbot conversations a period has used.
    async fn used(&self, account: AccountId, period_start_ms: i64) -> Result<i64, StoreError>;
    /// The counted conversations of a period, oldest first.
    async fn usage_ledger(
        &self,
        account: AccountId,
        period_start_ms: i64,
    ) -> Result<Vec<CountedConversation>, StoreError>;
}
