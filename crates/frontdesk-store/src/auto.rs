//! Storage of automatic-message settings, and the query behind the busy message.

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::{auto::AutoMessage, conversation::Conversation, ids::AccountId};

/// Automatic messages.
#[async_trait]
pub trait AutoStore: Send + Sync {
    /// All four presets of an account, the shipped default where none was saved.
    async fn auto_messages(&self, account: AccountId) -> Result<Vec<AutoMessage>, StoreError>;
    /// Saves one preset.
    async fn save_auto_message(
        &self,
        account: AccountId,
        message: &AutoMessage,
    ) -> Result<(), StoreError>;
    /// Open conversations of any account whose latest message is the visitor's and has
    /// waited longer than the account's busy delay (45 s unless set), in accounts whose busy
    /// notice is on: nobody has answered them in time.
    async fn unanswered_conversations(
        &self,
        now_ms: i64,
        limit: i64,
    ) -> Result<Vec<Conversation>, StoreError>;
}
