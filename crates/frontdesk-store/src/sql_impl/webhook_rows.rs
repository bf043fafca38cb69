//! Raw webhook rows as both backends return them, and their conversion into store types.

use crate::{
    webhooks::{DeliveryStatus, WebhookDelivery, WebhookEndpoint},
    StoreError,
};
use frontdesk_core::{
    ids::AccountId,
    webhook::{EventFilter, EventType},
};

fn corrupt(what: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {err}"))
}

/// The stored text of a filter: names separated by spaces, `*` for all.
pub(crate) fn events_text(filter: &EventFilter) -> String {
    filter.names().join(" ")
}

#[derive(sqlx::FromRow)]
pub(crate) struct EndpointRow {
    id: i64,
    account_id: i64,
    url: String,
    description: String,
    events: String,
    secret: String,
    enabled: bool,
    disabled_reason: Option<String>,
    disabled_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<EndpointRow> for WebhookEndpoint {
    type Error = StoreError;
    fn try_from(row: EndpointRow) -> Result<Self, StoreError> {
        let names: Vec<&str> = row.events.split_whitespace().collect();
        Ok(WebhookEndpoint {
            id: row.id,
            account_id: AccountId(row.account_id),
            url: row.url,
            description: row.description,
            events: EventFilter::parse(&names).map_err(|e| corrupt("webhook events", e))?,
            sealed_secret: row.secret,
            enabled: row.enabled,
            disabled_reason: row.disabled_reason,
            disabled_at_ms: row.disabled_at,
            created_at_ms: row.created_at,
            updated_at_ms: row.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DeliveryRow {
    id: i64,
    account_id: i64,
    endpoint_id: i64,
    event_id: String,
    event_type: String,
    payload: String,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_status_code: Option<i64>,
    last_error: Option<String>,
    created_at: i64,
    updated_at: i64,
    delivered_at: Option<i64>,
}

impl TryFrom<DeliveryRow> for WebhookDelivery {
    type Error = StoreError;
    fn try_from(row: DeliveryRow) -> Result<Self, StoreError> {
        Ok(WebhookDelivery {
            id: row.id,
            account_id: AccountId(row.account_id),
            endpoint_id: row.endpoint_id,
            event_id: row.event_id,
            event_type: EventType::parse(&row.event_type)
                .map_err(|e| corrupt("webhook event", e))?,
            payload: row.payload,
            status: DeliveryStatus::parse(&row.status)
                .ok_or_else(|| corrupt("delivery status", &row.status))?,
            attempts: row.attempts,
            next_attempt_at_ms: row.next_attempt_at,
            last_status_code: row.last_status_code,
            last_error: row.last_error,
            created_at_ms: row.created_at,
            updated_at_ms: row.updated_at,
            delivered_at_ms: row.delivered_at,
        })
    }
}
