//! Creating and changing endpoints, for the API and the dashboard alike: the URL is checked
//! for form and target, the secret is made here and sealed before it is stored.

use super::{deliver::DISABLED_MANUALLY, events, guard, secret};
use crate::state::AppState;
use frontdesk_core::{
    ids::AccountId,
    webhook::{parse_description, EventFilter, EventType, WebhookUrl},
    ValidationError,
};
use frontdesk_store::{
    NewWebhookEndpoint, NewWebhookEvent, StoreError, WebhookDelivery, WebhookEndpoint,
    WebhookEndpointPatch,
};

/// Why an endpoint could not be saved or used.
#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error(transparent)]
    Target(#[from] guard::TargetError),
    #[error("the endpoint is switched off: switch it on to send to it")]
    Disabled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

async fn checked_url(state: &AppState, raw: &str) -> Result<String, ManageError> {
    let url = WebhookUrl::parse(raw)?;
    guard::check_on_save(&url, state.config.webhooks.allow_private_targets).await?;
    Ok(url.as_str().to_owned())
}

/// Creates an enabled endpoint; returns it with its secret, shown this once.
pub async fn create(
    state: &AppState,
    account: AccountId,
    url: &str,
    description: &str,
    events: &[String],
) -> Result<(WebhookEndpoint, String), ManageError> {
    let new_secret = secret::new_secret();
    let new = NewWebhookEndpoint {
        url: checked_url(state, url).await?,
        description: parse_description(description)?,
        events: EventFilter::parse(events)?,
        sealed_secret: state.webhook_secrets.seal(&new_secret),
    };
    let endpoint = state
        .store
        .create_webhook_endpoint(account, &new, state.now_ms())
        .await?;
    state.webhook_interest.forget(account);
    Ok((endpoint, new_secret))
}

/// What may change about an endpoint.
#[derive(Debug, Default)]
pub struct Changes {
    pub url: Option<String>,
    pub description: Option<String>,
    pub events: Option<Vec<String>>,
    pub enabled: Option<bool>,
}

/// Applies `changes`; `NotFound` outside `account`.
pub async fn update(
    state: &AppState,
    account: AccountId,
    id: i64,
    changes: Changes,
) -> Result<WebhookEndpoint, ManageError> {
    let url = match changes.url.as_deref() {
        Some(raw) => Some(checked_url(state, raw).await?),
        None => None,
    };
    let patch = WebhookEndpointPatch {
        url,
        description: changes
            .description
            .as_deref()
            .map(parse_description)
            .transpose()?,
        events: changes
            .events
            .as_deref()
            .map(EventFilter::parse)
            .transpose()?,
        sealed_secret: None,
    };
    let now = state.now_ms();
    let mut endpoint = state
        .store
        .update_webhook_endpoint(account, id, &patch, now)
        .await?;
    if let Some(enabled) = changes.enabled.filter(|e| *e != endpoint.enabled) {
        let reason = (!enabled).then_some(DISABLED_MANUALLY);
        endpoint = state
            .store
            .set_webhook_endpoint_enabled(account, id, enabled, reason, now)
            .await?;
        state.webhook_wake.notify_one();
        state.webhook_interest.forget(account);
    }
    Ok(endpoint)
}

/// Replaces the secret; returns the new one, shown this once.
pub async fn rotate_secret(
    state: &AppState,
    account: AccountId,
    id: i64,
) -> Result<(WebhookEndpoint, String), ManageError> {
    let new_secret = secret::new_secret();
    let patch = WebhookEndpointPatch {
        sealed_secret: Some(state.webhook_secrets.seal(&new_secret)),
        ..Default::default()
    };
    let endpoint = state
        .store
        .update_webhook_endpoint(account, id, &patch, state.now_ms())
        .await?;
    Ok((endpoint, new_secret))
}

/// Sends a `ping` event to one endpoint, whatever it subscribed to.
pub async fn ping(
    state: &AppState,
    account: AccountId,
    id: i64,
) -> Result<WebhookDelivery, ManageError> {
    let endpoint = state
        .store
        .webhook_endpoint(account, id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if !endpoint.enabled {
        return Err(ManageError::Disabled);
    }
    let now = state.now_ms();
    let event_id = events::new_event_id();
    let data = serde_json::json!({ "webhook_id": id });
    let new = NewWebhookEvent {
        payload: events::payload(&event_id, EventType::Ping, account, now, data),
        dedupe_key: format!("ping:{event_id}"),
        event_id,
        event_type: EventType::Ping,
    };
    let delivery = state
        .store
        .enqueue_webhook_event_to(account, id, &new, now)
        .await?;
    state.webhook_wake.notify_one();
    Ok(delivery)
}

/// Sends a delivery of endpoint `id` again, with the same event id.
pub async fn redeliver(
    state: &AppState,
    account: AccountId,
    id: i64,
    delivery_id: i64,
) -> Result<WebhookDelivery, ManageError> {
    let delivery = state
        .store
        .webhook_delivery(account, delivery_id)
        .await?
        .filter(|d| d.endpoint_id == id)
        .ok_or(StoreError::NotFound)?;
    let again = state
        .store
        .redeliver_webhook(account, delivery.id, state.now_ms())
        .await?;
    state.webhook_wake.notify_one();
    Ok(again)
}
