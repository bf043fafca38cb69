//! Storage of chatbots: drafts and immutable published versions.

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::{flow::Chatbot, ids::AccountId};

/// What is needed to create a chatbot.
#[derive(Debug, Clone)]
pub struct NewChatbot {
    pub name: String,
    pub language: String,
    pub position: i64,
    /// The flow document as JSON.
    pub draft: String,
}

/// Chatbot storage, scoped by account.
#[async_trait]
pub trait ChatbotStore: Send + Sync {
    /// Creates an enabled, unpublished chatbot.
    async fn create_chatbot(
        &self,
        account: AccountId,
        new: &NewChatbot,
        now_ms: i64,
    ) -> Result<Chatbot, StoreError>;
    /// The account's chatbots by position.
    async fn list_chatbots(&self, account: AccountId) -> Result<Vec<Chatbot>, StoreError>;
    /// One chatbot.
    async fn chatbot(&self, account: AccountId, id: i64) -> Result<Option<Chatbot>, StoreError>;
    /// Saves name, language, position, enabled flag and draft.
    async fn save_chatbot(&self, chatbot: &Chatbot) -> Result<(), StoreError>;
    /// Saves like [`ChatbotStore::save_chatbot`], but only while the stored draft is still
    /// `expected_draft`; `false` when another edit came first (or the chatbot is gone), so
    /// concurrent editors cannot overwrite each other unseen.
    async fn save_chatbot_if_draft(
        &self,
        chatbot: &Chatbot,
        expected_draft: &str,
    ) -> Result<bool, StoreError>;
    /// Stores `document` (the draft as it was validated) as the next version and makes it
    /// the published one; a draft saved meanwhile does not slip in unvalidated.
    async fn publish_chatbot(
        &self,
        account: AccountId,
        id: i64,
        document: &str,
        now_ms: i64,
    ) -> Result<i64, StoreError>;
    /// Deletes a chatbot and its versions; conversations it ran keep their transcripts.
    async fn delete_chatbot(&self, account: AccountId, id: i64) -> Result<(), StoreError>;
    /// The flow document of one published version.
    async fn chatbot_version(
        &self,
        account: AccountId,
        id: i64,
        version: i64,
    ) -> Result<Option<String>, StoreError>;
}
