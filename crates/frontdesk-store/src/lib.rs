//! Frontdesk's storage: one [`Store`] trait with an embedded SQLite and a PostgreSQL
//! implementation, chosen by the database URL. Every query that touches account data takes
//! the account id, so isolation between accounts is enforced here and not left to callers.

mod api_keys;
mod append_plan;
mod auto;
mod billing;
mod chat;
mod chatbots;
mod cluster;
mod contacts;
mod email_outbox;
mod error;
mod group_commit;
mod idempotency;
mod inbox;
mod metering;
mod open;
mod operator_keys;
mod postgres;
mod rows;
mod search;
mod sql_impl;
mod sqlite;
mod stats;
mod webhooks;

pub use api_keys::{ApiKey, ApiKeyStore, NewApiKey};
pub use auto::AutoStore;
pub use billing::{AddonSubscription, BillingStore, LedgerEntry};
pub use chat::{Appended, ChatStore, NewEmail};
pub use chatbots::{ChatbotStore, NewChatbot};
pub use cluster::ClusterStore;
pub use contacts::{ContactQuery, ContactStore};
pub use email_outbox::{EmailCounts, EmailOutboxStore};
pub use error::StoreError;
pub use idempotency::{IdempotencyClaim, IdempotencyStore};
pub use inbox::{InboxRow, InboxStore};
pub use metering::{CountRequest, CountedAppend, CountedConversation, MeteringStore};
pub use open::{open, redact, Backend};
pub use operator_keys::{OperatorKey, OperatorKeyStore};
pub use postgres::PgStore;
pub use rows::OutboxEmail;
pub use search::{ConversationQuery, SearchStore};
pub use sqlite::SqliteStore;
pub use stats::{StatFamily, StatMarks, StatsStore};
pub use webhooks::{
    AttemptResult, DeliveryStatus, NewWebhookEndpoint, NewWebhookEvent, WebhookDelivery,
    WebhookEndpoint, WebhookEndpointPatch, WebhookStore,
};

use async_trait::async_trait;
use frontdesk_core::{
    account::{Account, NewAccount},
    agent::{Agent, AgentState, Email, NewAgent},
    ids::{AccountId, AgentId},
};

/// A dashboard login session. Only a hash of the cookie token is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub account_id: AccountId,
    pub agent_id: AgentId,
    /// Token that state-changing forms of this session must carry.
    pub csrf_token: String,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
}

/// Everything Frontdesk persists. Implementations must be safe to share between tasks.
#[async_trait]
pub trait Store:
    ApiKeyStore
    + AutoStore
    + BillingStore
    + ChatStore
    + ChatbotStore
    + ClusterStore
    + ContactStore
    + IdempotencyStore
    + InboxStore
    + EmailOutboxStore
    + MeteringStore
    + OperatorKeyStore
    + SearchStore
    + StatsStore
    + WebhookStore
    + Send
    + Sync
    + 'static
{
    /// Which backend this is, for logs and readiness.
    fn backend(&self) -> Backend;
    /// Checks that the database answers.
    async fn ping(&self) -> Result<(), StoreError>;
    /// Closes the connection pool, waiting for queries under way.
    async fn close(&self);

    /// Creates an account with a fresh widget key.
    async fn create_account(&self, new: &NewAccount, now_ms: i64) -> Result<Account, StoreError>;
    /// All accounts, oldest first. For the operator only.
    async fn list_accounts(&self) -> Result<Vec<Account>, StoreError>;
    /// One account by id.
    async fn account(&self, id: AccountId) -> Result<Option<Account>, StoreError>;
    /// Moves an account to another plan; the new limit applies at once (§7.4).
    async fn set_account_plan(&self, id: AccountId, plan: &str) -> Result<(), StoreError>;
    /// Replaces an account's weekly office hours.
    async fn set_account_office_hours(
        &self,
        id: AccountId,
        hours: &frontdesk_core::office_hours::OfficeHours,
    ) -> Result<(), StoreError>;
    /// The account whose widget key this is.
    async fn account_by_widget_key(&self, key: &str) -> Result<Option<Account>, StoreError>;

    /// Creates an agent in an account; an e-mail already in use is a [`StoreError::Conflict`].
    async fn create_agent(
        &self,
        account: AccountId,
        new: &NewAgent,
        now_ms: i64,
    ) -> Result<Agent, StoreError>;
    /// The agents of one account, oldest first.
    async fn list_agents(&self, account: AccountId) -> Result<Vec<Agent>, StoreError>;
    /// One agent, only if it belongs to `account`.
    async fn agent(&self, account: AccountId, id: AgentId) -> Result<Option<Agent>, StoreError>;
    /// One agent by e-mail, only if it belongs to `account`.
    async fn agent_by_email(
        &self,
        account: AccountId,
        email: &Email,
    ) -> Result<Option<Agent>, StoreError>;
    /// The agent and password hash for a login attempt. Logging in is the one lookup that
    /// cannot be scoped by account: the account is what it finds out.
    async fn login_candidate(&self, email: &Email) -> Result<Option<(Agent, String)>, StoreError>;
    /// Replaces an agent's password hash; `NotFound` outside `account`.
    async fn set_agent_password(
        &self,
        account: AccountId,
        id: AgentId,
        password_hash: &str,
    ) -> Result<(), StoreError>;
    /// Makes an agent active or inactive; `NotFound` outside `account`.
    async fn set_agent_state(
        &self,
        account: AccountId,
        id: AgentId,
        state: AgentState,
    ) -> Result<(), StoreError>;

    /// Stores a new login session.
    async fn create_session(&self, session: &Session) -> Result<(), StoreError>;
    /// The session with this token hash, if it has not expired at `now_ms`.
    async fn session(&self, token_hash: &str, now_ms: i64) -> Result<Option<Session>, StoreError>;
    /// Ends a session (logout).
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Removes sessions that expired before `now_ms`; returns how many.
    async fn delete_expired_sessions(&self, now_ms: i64) -> Result<u64, StoreError>;
    /// Ends every session of one agent (after a password change).
    async fn delete_agent_sessions(
        &self,
        account: AccountId,
        agent: AgentId,
    ) -> Result<u64, StoreError>;
}
