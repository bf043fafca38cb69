//! What the webhook API sends and accepts.

use frontdesk_store::{WebhookDelivery, WebhookEndpoint};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A webhook endpoint. The secret is never shown again after it was made.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookOut {
    pub id: i64,
    pub url: String,
    pub description: String,
    /// Event names, or `["*"]` for every event.
    pub events: Vec<String>,
    pub enabled: bool,
    /// Why it is off: `manual` (a person switched it off) or `failing` (a delivery failed
    /// for good).
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl From<&WebhookEndpoint> for WebhookOut {
    fn from(e: &WebhookEndpoint) -> Self {
        Self {
            id: e.id,
            url: e.url.clone(),
            description: e.description.clone(),
            events: e.events.names(),
            enabled: e.enabled,
            disabled_reason: e.disabled_reason.clone(),
            disabled_at: e.disabled_at_ms,
            created_at: e.created_at_ms,
            updated_at: e.updated_at_ms,
        }
    }
}

/// An endpoint with its signing secret, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookWithSecret {
    pub webhook: WebhookOut,
    /// `whsec_…`: verify `Frontdesk-Signature` with it. Store it now; it is not shown again.
    pub secret: String,
}

/// A new endpoint.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookIn {
    /// Where events are POSTed: an http or https URL.
    #[schema(
        min_length = 1,
        max_length = 2000,
        example = "https://example.com/frontdesk"
    )]
    pub url: String,
    /// For people; up to 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub description: String,
    /// Event names to receive (see the `webhooks` tag); `*` or none for every event.
    #[serde(default)]
    pub events: Vec<String>,
}

/// Changes to an endpoint; what is left out stays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookPatchIn {
    #[schema(min_length = 1, max_length = 2000)]
    pub url: Option<String>,
    #[schema(max_length = 200)]
    pub description: Option<String>,
    pub events: Option<Vec<String>>,
    /// Switch it off (`false`) or on again; on again sends what waited meanwhile.
    pub enabled: Option<bool>,
}

/// One event on its way to an endpoint, and how that went.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryOut {
    pub id: i64,
    pub webhook_id: i64,
    /// The event's id, also in the payload and the `Frontdesk-Event-Id` header.
    pub event_id: String,
    pub event: String,
    /// pending, delivered or failed (given up).
    pub status: String,
    pub attempts: i64,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<i64>,
    /// The receiver's HTTP status at the last attempt.
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub delivered_at: Option<i64>,
    /// The JSON body sent, exactly as signed.
    pub payload: String,
}

impl From<&WebhookDelivery> for DeliveryOut {
    fn from(d: &WebhookDelivery) -> Self {
        let pending = d.status == frontdesk_store::DeliveryStatus::Pending;
        Self {
            id: d.id,
            webhook_id: d.endpoint_id,
            event_id: d.event_id.clone(),
            event: d.event_type.as_str().to_owned(),
            status: d.status.as_str().to_owned(),
            attempts: d.attempts,
            next_attempt_at: pending.then_some(d.next_attempt_at_ms),
            last_status_code: d.last_status_code,
            last_error: d.last_error.clone(),
            created_at: d.created_at_ms,
            updated_at: d.updated_at_ms,
            delivered_at: d.delivered_at_ms,
            payload: d.payload.clone(),
        }
    }
}

/// Which deliveries to list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeliveryFilter {
    /// How many, newest first (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}
