//! The storage of live chat: visitors, conversations, messages and the e-mail outbox.

use crate::{rows::OutboxEmail, StoreError};
use async_trait::async_trait;
use frontdesk_core::{
    conversation::{Conversation, ConversationStatus, Message, NewMessage, Presence, Visitor},
    ids::{AccountId, AgentId},
};

/// The result of appending a message.
#[derive(Debug, Clone)]
pub struct Appended {
    pub message: Message,
    /// The conversation after the append (new `last_seq`, maybe a new status).
    pub conversation: Conversation,
    /// The message had been stored before (a retry): nothing new was written.
    pub duplicate: bool,
}

/// An e-mail to queue.
#[derive(Debug, Clone)]
pub struct NewEmail {
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// Live-chat storage; every method is scoped by account except the system sweeps.
#[async_trait]
pub trait ChatStore: Send + Sync {
    /// Creates a visitor with a server-chosen id.
    async fn create_visitor(
        &self,
        account: AccountId,
        id: &str,
        now_ms: i64,
    ) -> Result<Visitor, StoreError>;
    /// One visitor of an account.
    async fn visitor(&self, account: AccountId, id: &str) -> Result<Option<Visitor>, StoreError>;
    /// Saves a visitor's mutable fields (contact data, context, pages, last seen). A ban
    /// only ever sticks: a stale copy saved elsewhere cannot lift it.
    async fn save_visitor(&self, visitor: &Visitor) -> Result<(), StoreError>;

    /// Starts a conversation.
    async fn create_conversation(
        &self,
        account: AccountId,
        visitor_id: &str,
        status: ConversationStatus,
        now_ms: i64,
    ) -> Result<Conversation, StoreError>;
    /// One conversation of an account.
    async fn conversation(
        &self,
        account: AccountId,
        id: i64,
    ) -> Result<Option<Conversation>, StoreError>;
    /// The visitor's most recent conversation, whatever its status.
    async fn latest_conversation(
        &self,
        account: AccountId,
        visitor_id: &str,
    ) -> Result<Option<Conversation>, StoreError>;
    /// All conversations of a visitor, newest first.
    async fn visitor_conversations(
        &self,
        account: AccountId,
        visitor_id: &str,
    ) -> Result<Vec<Conversation>, StoreError>;
    /// The account's conversations, most recently active first.
    async fn list_conversations(
        &self,
        account: AccountId,
        limit: i64,
    ) -> Result<Vec<Conversation>, StoreError>;
    /// Saves what agents and visitors change directly: status, assignment, tags, flag, read
    /// marks, rating, times. `last_seq` is owned by [`ChatStore::append_message`].
    async fn save_conversation(&self, conversation: &Conversation) -> Result<(), StoreError>;

    /// Appends a message with the next sequence number and moves the conversation's status
    /// by the §3 rules, in one transaction. With a `dedupe_key` already stored, returns the
    /// stored message and writes nothing.
    async fn append_message(
        &self,
        account: AccountId,
        conversation_id: i64,
        message: &NewMessage,
        dedupe_key: Option<&str>,
        now_ms: i64,
    ) -> Result<Appended, StoreError>;
    /// Appends several messages to one conversation, in order and in one transaction (a bot
    /// step's click and reply share one durable commit), then saves `then_save` as
    /// [`ChatStore::save_conversation`] would, in the same transaction. A message whose
    /// `dedupe_key` is already stored comes back as the duplicate, and nothing after it is
    /// written (nor saved).
    async fn append_messages(
        &self,
        account: AccountId,
        conversation_id: i64,
        messages: &[(NewMessage, Option<String>)],
        then_save: Option<&Conversation>,
        now_ms: i64,
    ) -> Result<Vec<Appended>, StoreError>;
    /// Messages after `after_seq`, oldest first, at most `limit`.
    async fn messages_after(
        &self,
        account: AccountId,
        conversation_id: i64,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<Message>, StoreError>;
    /// How many visitor messages come after `seq` (the team's unread count).
    async fn visitor_messages_after(
        &self,
        account: AccountId,
        conversation_id: i64,
        seq: i64,
    ) -> Result<i64, StoreError>;

    /// Conversations of any account, not closed, without a message since `bot_before_ms`
    /// (status `bot`) or `other_before_ms` (any other status).
    async fn idle_conversations(
        &self,
        bot_before_ms: i64,
        other_before_ms: i64,
        limit: i64,
    ) -> Result<Vec<Conversation>, StoreError>;

    /// Open conversations of any account without a chatbot, whose latest message is the
    /// visitor's and older than `before_ms`: candidates for a chatbot that joins.
    async fn waiting_without_bot(
        &self,
        before_ms: i64,
        limit: i64,
    ) -> Result<Vec<Conversation>, StoreError>;

    /// Sets an agent's chosen presence.
    async fn set_agent_presence(
        &self,
        account: AccountId,
        agent: AgentId,
        presence: Presence,
    ) -> Result<(), StoreError>;

    /// Queues an e-mail.
    async fn enqueue_email(
        &self,
        account: AccountId,
        email: &NewEmail,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// The account's queued and sent e-mails, oldest first.
    async fn emails(&self, account: AccountId) -> Result<Vec<OutboxEmail>, StoreError>;
}
