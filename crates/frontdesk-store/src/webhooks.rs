//! Storage of webhook endpoints and of the durable outbox of their deliveries (§9).

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::{
    ids::AccountId,
    webhook::{EventFilter, EventType},
};

/// A receiver of an account's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    pub id: i64,
    pub account_id: AccountId,
    pub url: String,
    pub description: String,
    pub events: EventFilter,
    /// The signing secret, sealed by the server; the store never sees it in the clear.
    pub sealed_secret: String,
    pub enabled: bool,
    /// Why it was switched off (by a person, or after failing for good).
    pub disabled_reason: Option<String>,
    pub disabled_at_ms: Option<i64>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// An endpoint to create.
#[derive(Debug, Clone)]
pub struct NewWebhookEndpoint {
    pub url: String,
    pub description: String,
    pub events: EventFilter,
    pub sealed_secret: String,
}

/// Changes to an endpoint; `None` keeps the stored value.
#[derive(Debug, Clone, Default)]
pub struct WebhookEndpointPatch {
    pub url: Option<String>,
    pub description: Option<String>,
    pub events: Option<EventFilter>,
    pub sealed_secret: Option<String>,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Waiting for its next attempt.
    Pending,
    /// A receiver answered 2xx.
    Delivered,
    /// Given up after the last attempt.
    Failed,
}

impl DeliveryStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    /// The status with this stored name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "pending" => Some(Self::Pending),
            "delivered" => Some(Self::Delivered),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// One event on its way to one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    pub id: i64,
    pub account_id: AccountId,
    pub endpoint_id: i64,
    pub event_id: String,
    pub event_type: EventType,
    /// The JSON body sent, exactly as signed.
    pub payload: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub next_attempt_at_ms: i64,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub delivered_at_ms: Option<i64>,
}

/// An event to write into the outbox.
#[derive(Debug, Clone)]
pub struct NewWebhookEvent {
    pub event_id: String,
    pub event_type: EventType,
    /// What the event is about, so writing it again (a retry) adds nothing.
    pub dedupe_key: String,
    pub payload: String,
}

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptResult {
    /// Delivered, pending again (with `next_attempt_at_ms`), or failed for good.
    pub status: DeliveryStatus,
    pub next_attempt_at_ms: i64,
    pub status_code: Option<i64>,
    pub error: Option<String>,
}

/// Webhook endpoints and deliveries; every method is scoped by account except the worker's.
#[async_trait]
pub trait WebhookStore: Send + Sync {
    /// Stores a new, enabled endpoint.
    async fn create_webhook_endpoint(
        &self,
        account: AccountId,
        new: &NewWebhookEndpoint,
        now_ms: i64,
    ) -> Result<WebhookEndpoint, StoreError>;
    /// The account's endpoints, oldest first.
    async fn list_webhook_endpoints(
        &self,
        account: AccountId,
    ) -> Result<Vec<WebhookEndpoint>, StoreError>;
    /// One endpoint of the account.
    async fn webhook_endpoint(
        &self,
        account: AccountId,
        id: i64,
    ) -> Result<Option<WebhookEndpoint>, StoreError>;
    /// Changes an endpoint; `NotFound` outside `account`.
    async fn update_webhook_endpoint(
        &self,
        account: AccountId,
        id: i64,
        patch: &WebhookEndpointPatch,
        now_ms: i64,
    ) -> Result<WebhookEndpoint, StoreError>;
    /// Switches an endpoint off (with why) or on again. Switching on clears the reason and
    /// makes its pending deliveries due at once, so nothing written meanwhile is lost.
    async fn set_webhook_endpoint_enabled(
        &self,
        account: AccountId,
        id: i64,
        enabled: bool,
        reason: Option<&str>,
        now_ms: i64,
    ) -> Result<WebhookEndpoint, StoreError>;
    /// Deletes an endpoint and its deliveries; `NotFound` outside `account`.
    async fn delete_webhook_endpoint(&self, account: AccountId, id: i64) -> Result<(), StoreError>;
    /// Whether the account has an endpoint switched on (a read, so the write path of every
    /// message need not take the writer when nobody listens).
    async fn has_enabled_webhook_endpoints(&self, account: AccountId) -> Result<bool, StoreError>;

    /// Writes `event` once for every enabled endpoint of the account that wants it, in one
    /// transaction; an event already written for an endpoint is kept as it is. Returns how
    /// many deliveries were added.
    async fn enqueue_webhook_event(
        &self,
        account: AccountId,
        event: &NewWebhookEvent,
        now_ms: i64,
    ) -> Result<u64, StoreError>;
    /// Writes `event` for one endpoint whatever its filter (a test ping).
    async fn enqueue_webhook_event_to(
        &self,
        account: AccountId,
        endpoint_id: i64,
        event: &NewWebhookEvent,
        now_ms: i64,
    ) -> Result<WebhookDelivery, StoreError>;
    /// An endpoint's deliveries, newest first, at most `limit`.
    async fn list_webhook_deliveries(
        &self,
        account: AccountId,
        endpoint_id: i64,
        limit: i64,
    ) -> Result<Vec<WebhookDelivery>, StoreError>;
    /// One delivery of the account.
    async fn webhook_delivery(
        &self,
        account: AccountId,
        id: i64,
    ) -> Result<Option<WebhookDelivery>, StoreError>;
    /// Sends a delivery again, with the same event id: pending, due now, attempts from zero.
    async fn redeliver_webhook(
        &self,
        account: AccountId,
        id: i64,
        now_ms: i64,
    ) -> Result<WebhookDelivery, StoreError>;

    /// Takes up to `limit` due deliveries of enabled endpoints (of any account) for one
    /// worker until `locked_until_ms`; a row is taken by one worker only, however many
    /// nodes ask at once.
    async fn claim_webhook_deliveries(
        &self,
        now_ms: i64,
        locked_until_ms: i64,
        limit: i64,
    ) -> Result<Vec<WebhookDelivery>, StoreError>;
    /// Records how an attempt ended and releases the row.
    async fn finish_webhook_attempt(
        &self,
        id: i64,
        result: &AttemptResult,
        now_ms: i64,
    ) -> Result<WebhookDelivery, StoreError>;
}
