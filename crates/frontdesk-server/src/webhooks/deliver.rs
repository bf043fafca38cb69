//! The delivery worker: takes due deliveries from the outbox, POSTs them signed, and records
//! the outcome by the shared retry rule ([`frontdesk_core::outbox`]). Rows are claimed
//! atomically, so on several nodes each delivery is sent by one of them; a node that dies
//! mid-request releases its rows when their hold expires (at-least-once, never lost).

use super::{guard, secret};
use crate::state::AppState;
use frontdesk_core::{
    outbox::{after_failure, AfterFailure},
    webhook::WebhookUrl,
};
use frontdesk_store::{
    AttemptResult, DeliveryStatus, StoreError, WebhookDelivery, WebhookEndpoint,
};
use std::{sync::Arc, time::Duration};
use tokio::task::JoinHandle;

/// Deliveries taken at once; they are sent concurrently.
const BATCH: i64 = 20;
/// Longest error text kept for the delivery log.
const MAX_ERROR_LEN: usize = 300;

/// Why an endpoint was switched off: by a person, or after failing for good.
pub const DISABLED_MANUALLY: &str = "manual";
pub const DISABLED_FAILING: &str = "failing";

/// Starts the worker; it runs until the handle is aborted.
pub fn spawn_worker(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let client = match client(&state) {
            Ok(client) => client,
            Err(err) => {
                tracing::error!(error = %err, "webhooks cannot be delivered: no HTTP client");
                return;
            }
        };
        let poll = Duration::from_millis(state.config.webhooks.poll_interval_ms.max(10));
        loop {
            let sent = match run_once(&state, &client).await {
                Ok(sent) => sent,
                Err(err) => {
                    tracing::warn!(error = %err, "webhook deliveries could not be taken");
                    0
                }
            };
            // A full batch means more may be due: go on at once.
            if sent < BATCH as usize {
                let _ = tokio::time::timeout(poll, state.webhook_wake.notified()).await;
            }
        }
    })
}

/// The client every delivery uses: no redirects (a 3xx is a failure, and cannot lead the
/// request elsewhere), a short timeout, and the resolver that refuses private addresses.
fn client(state: &AppState) -> reqwest::Result<reqwest::Client> {
    let config = &state.config.webhooks;
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(config.timeout_secs.max(1)))
        .user_agent(concat!("Frontdesk-Webhooks/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(Arc::new(guard::GuardedResolver {
            allow_private: config.allow_private_targets,
        }))
        .build()
}

/// Sends what is due now; returns how many deliveries were taken.
pub async fn run_once(state: &AppState, client: &reqwest::Client) -> Result<usize, StoreError> {
    let now = state.now_ms();
    // Held a little longer than a request may take, so no other node sends it meanwhile.
    let hold_ms = (state.config.webhooks.timeout_secs as i64 + 30) * 1000;
    let due = state
        .store
        .claim_webhook_deliveries(now, now + hold_ms, BATCH)
        .await?;
    let taken = due.len();
    let attempts = due.into_iter().map(|d| attempt(state, client, d));
    for result in futures_util::future::join_all(attempts).await {
        if let Err(err) = result {
            tracing::warn!(error = %err, "a webhook attempt could not be recorded");
        }
    }
    Ok(taken)
}

async fn attempt(
    state: &AppState,
    client: &reqwest::Client,
    delivery: WebhookDelivery,
) -> Result<(), StoreError> {
    let Some(endpoint) = state
        .store
        .webhook_endpoint(delivery.account_id, delivery.endpoint_id)
        .await?
    else {
        return Ok(()); // Deleted meanwhile; its deliveries went with it.
    };
    let outcome = send(state, client, &endpoint, &delivery).await;
    let now = state.now_ms();
    let result = match outcome {
        Ok(code) => AttemptResult {
            status: DeliveryStatus::Delivered,
            next_attempt_at_ms: now,
            status_code: Some(code),
            error: None,
        },
        Err((code, error)) => {
            let tried = u32::try_from(delivery.attempts + 1).unwrap_or(u32::MAX);
            let (status, next) = match after_failure(tried, now) {
                AfterFailure::RetryAt(at) => (DeliveryStatus::Pending, at),
                AfterFailure::GiveUp => (DeliveryStatus::Failed, now),
            };
            AttemptResult {
                status,
                next_attempt_at_ms: next,
                status_code: code,
                error: Some(clip(&error)),
            }
        }
    };
    let done = state
        .store
        .finish_webhook_attempt(delivery.id, &result, now)
        .await?;
    if done.status == DeliveryStatus::Failed && endpoint.enabled {
        switch_off(
            state,
            &endpoint,
            result.error.as_deref().unwrap_or_default(),
        )
        .await?;
    }
    Ok(())
}

/// One POST. `Ok(status)` on 2xx; otherwise the status (if any) and what went wrong.
async fn send(
    state: &AppState,
    client: &reqwest::Client,
    endpoint: &WebhookEndpoint,
    delivery: &WebhookDelivery,
) -> Result<i64, (Option<i64>, String)> {
    let allow_private = state.config.webhooks.allow_private_targets;
    let url = WebhookUrl::parse(&endpoint.url).map_err(|e| (None, e.to_string()))?;
    guard::check_literal(&url, allow_private).map_err(|e| (None, e.to_string()))?;
    let secret = state.webhook_secrets.open(&endpoint.sealed_secret).ok_or((
        None,
        "the secret cannot be read with this server's key: rotate the secret".to_owned(),
    ))?;
    let timestamp = state.now_ms().div_euclid(1000);
    let response = client
        .post(url.as_str())
        .header("content-type", "application/json")
        .header("frontdesk-event-id", &delivery.event_id)
        .header("frontdesk-event", delivery.event_type.as_str())
        .header("frontdesk-timestamp", timestamp.to_string())
        .header(
            "frontdesk-signature",
            secret::signature(&secret, timestamp, &delivery.payload),
        )
        .body(delivery.payload.clone())
        .send()
        .await
        .map_err(|e| (None, describe(&e)))?;
    let code = i64::from(response.status().as_u16());
    if response.status().is_success() {
        Ok(code)
    } else {
        Err((Some(code), format!("HTTP {code}")))
    }
}

/// A request error in words, without the URL (the log shows it beside).
fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "no answer in time".into();
    }
    let first = if err.is_connect() {
        "could not connect"
    } else {
        "the request failed"
    };
    let mut parts = vec![first.to_owned()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

fn clip(text: &str) -> String {
    text.chars().take(MAX_ERROR_LEN).collect()
}

/// Switches off an endpoint whose delivery was given up, and tells the owners by e-mail;
/// the dashboard shows why.
async fn switch_off(
    state: &AppState,
    endpoint: &WebhookEndpoint,
    last_error: &str,
) -> Result<(), StoreError> {
    let account = endpoint.account_id;
    state
        .store
        .set_webhook_endpoint_enabled(
            account,
            endpoint.id,
            false,
            Some(DISABLED_FAILING),
            state.now_ms(),
        )
        .await?;
    tracing::warn!(endpoint = endpoint.id, %account, "webhook endpoint switched off after failing");
    if let Some(account) = state.store.account(account).await? {
        let body = format!("{}\n{last_error}", endpoint.url);
        crate::chat::ops_email_team(
            state,
            &account,
            "webhook_disabled",
            "webhooks-disabled-email-subject",
            &body,
        )
        .await?;
    }
    Ok(())
}
