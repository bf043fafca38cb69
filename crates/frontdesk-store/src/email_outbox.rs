//! Delivering the e-mail outbox (§9): the sender claims e-mails that are due, then records
//! whether each went out, will be tried again, or was given up.

use crate::{OutboxEmail, StoreError};
use async_trait::async_trait;
use frontdesk_core::ids::AccountId;

/// How many of an account's e-mails are in each state, for the dashboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmailCounts {
    /// Queued or waiting for another attempt.
    pub waiting: i64,
    /// Given up after permanent or repeated failures.
    pub failed: i64,
    pub sent: i64,
}

/// The e-mail sender's side of the outbox.
#[async_trait]
pub trait EmailOutboxStore: Send + Sync {
    /// Takes up to `limit` e-mails of any account that are due at `now_ms`, oldest first:
    /// counts the attempt and holds each until `hold_until_ms`, so a second sender (or this
    /// one after a crash) does not take them again before then.
    async fn claim_due_emails(
        &self,
        now_ms: i64,
        hold_until_ms: i64,
        limit: i64,
    ) -> Result<Vec<OutboxEmail>, StoreError>;
    /// Records that e-mail `id` was accepted by the mail server.
    async fn mark_email_sent(&self, id: i64, now_ms: i64) -> Result<(), StoreError>;
    /// Records a failed attempt: tried again at `retry_at_ms`, or given up at `now_ms` when
    /// it is `None`.
    async fn mark_email_failed(
        &self,
        id: i64,
        error: &str,
        retry_at_ms: Option<i64>,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// How many of the account's e-mails are waiting, failed and sent.
    async fn email_counts(&self, account: AccountId) -> Result<EmailCounts, StoreError>;
}
