//! The webhooks page (§9) for owners and admins: endpoints, adding, switching off and on,
//! deleting, and per endpoint the delivery log with a button to send a delivery again.
//! Every lookup is scoped by the session's account, so another account's endpoint is a 404.

use crate::{
    error::AppError,
    state::AppState,
    web::{check_csrf, render, CurrentAgent, Lang},
    webhooks::manage::{self, Changes},
};
use axum::{
    extract::{Path, State},
    response::{Html, Redirect},
    Form,
};
use axum_extra::extract::WithRejection;
use frontdesk_core::webhook::EventType;
use frontdesk_store::{WebhookDelivery, WebhookEndpoint};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

/// Deliveries shown per endpoint.
const LOG_LENGTH: i64 = 50;

fn require_manager(current: &CurrentAgent) -> Result<(), AppError> {
    if current.agent.role.manages_account() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

#[derive(Serialize)]
struct EndpointView {
    id: i64,
    url: String,
    description: String,
    events: String,
    enabled: bool,
    disabled_reason: Option<String>,
    disabled_at: Option<String>,
}

#[derive(Serialize)]
struct DeliveryView {
    id: i64,
    at: String,
    event: &'static str,
    status: &'static str,
    attempts: i64,
    code: Option<i64>,
    error: Option<String>,
}

/// A time in the account's zone, as people read it.
fn when(current: &CurrentAgent, ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&current.account.time_zone.tz())
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

fn endpoint_view(current: &CurrentAgent, e: &WebhookEndpoint) -> EndpointView {
    EndpointView {
        id: e.id,
        url: e.url.clone(),
        description: e.description.clone(),
        events: e.events.names().join(", "),
        enabled: e.enabled,
        disabled_reason: e.disabled_reason.clone(),
        disabled_at: e.disabled_at_ms.map(|ms| when(current, ms)),
    }
}

fn delivery_view(current: &CurrentAgent, d: &WebhookDelivery) -> DeliveryView {
    DeliveryView {
        id: d.id,
        at: when(current, d.updated_at_ms),
        event: d.event_type.as_str(),
        status: d.status.as_str(),
        attempts: d.attempts,
        code: d.last_status_code,
        error: d.last_error.clone(),
    }
}

fn event_names() -> Vec<&'static str> {
    EventType::ALL
        .iter()
        .filter(|e| **e != EventType::Ping)
        .map(|e| e.as_str())
        .collect()
}

/// `GET /dashboard/webhooks`
pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
) -> Result<Html<String>, AppError> {
    require_manager(&current)?;
    let endpoints = state
        .store
        .list_webhook_endpoints(current.account.id)
        .await?;
    let views: Vec<EndpointView> = endpoints
        .iter()
        .map(|e| endpoint_view(&current, e))
        .collect();
    render(
        &state,
        &locale,
        "webhooks.html",
        context! {
            nav => "webhooks",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            endpoints => Value::from_serialize(&views),
            event_names => event_names(),
            csrf => current.session.csrf_token,
        },
    )
}

/// The add-endpoint form as posted; `events` is a comma- or space-separated list.
#[derive(Deserialize)]
pub struct NewEndpointForm {
    url: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    events: String,
    #[serde(default)]
    csrf: String,
}

fn split_events(text: &str) -> Vec<String> {
    text.split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn endpoint_page(
    state: &AppState,
    locale: &crate::i18n::Locale,
    current: CurrentAgent,
    endpoint: &WebhookEndpoint,
    new_secret: Option<String>,
) -> Result<Html<String>, AppError> {
    let log = state
        .store
        .list_webhook_deliveries(current.account.id, endpoint.id, LOG_LENGTH)
        .await?;
    let deliveries: Vec<DeliveryView> = log.iter().map(|d| delivery_view(&current, d)).collect();
    render(
        state,
        locale,
        "webhook.html",
        context! {
            nav => "webhooks",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            endpoint => Value::from_serialize(endpoint_view(&current, endpoint)),
            deliveries => Value::from_serialize(&deliveries),
            new_secret => new_secret,
            csrf => current.session.csrf_token,
        },
    )
}

/// `POST /dashboard/webhooks`: creates the endpoint and shows its secret, this once.
pub async fn create(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    WithRejection(Form(form), _): WithRejection<Form<NewEndpointForm>, AppError>,
) -> Result<Html<String>, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let events = split_events(&form.events);
    let (endpoint, secret) = manage::create(
        &state,
        current.account.id,
        &form.url,
        &form.description,
        &events,
    )
    .await?;
    tracing::info!(endpoint = endpoint.id, account = %current.account.id, "webhook created");
    endpoint_page(&state, &locale, current, &endpoint, Some(secret)).await
}

/// `GET /dashboard/webhooks/{id}`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    require_manager(&current)?;
    let endpoint = state
        .store
        .webhook_endpoint(current.account.id, parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    endpoint_page(&state, &locale, current, &endpoint, None).await
}

/// A form that only carries its CSRF token (and maybe a switch).
#[derive(Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/webhooks/{id}/enabled`: switches the endpoint off or on.
pub async fn set_enabled(
    State(state): State<AppState>,
    current: CurrentAgent,
    Path(id): Path<String>,
    WithRejection(Form(form), _): WithRejection<Form<ActionForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let id = parse_id(&id)?;
    let changes = Changes {
        enabled: Some(form.enabled.unwrap_or(false)),
        ..Default::default()
    };
    manage::update(&state, current.account.id, id, changes).await?;
    Ok(Redirect::to(&format!("/dashboard/webhooks/{id}")))
}

/// `POST /dashboard/webhooks/{id}/delete`
pub async fn delete(
    State(state): State<AppState>,
    current: CurrentAgent,
    Path(id): Path<String>,
    WithRejection(Form(form), _): WithRejection<Form<ActionForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    state
        .store
        .delete_webhook_endpoint(current.account.id, parse_id(&id)?)
        .await?;
    Ok(Redirect::to("/dashboard/webhooks"))
}

/// `POST /dashboard/webhooks/{id}/deliveries/{delivery}/redeliver`
pub async fn redeliver(
    State(state): State<AppState>,
    current: CurrentAgent,
    Path((id, delivery)): Path<(String, String)>,
    WithRejection(Form(form), _): WithRejection<Form<ActionForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let id = parse_id(&id)?;
    manage::redeliver(&state, current.account.id, id, parse_id(&delivery)?).await?;
    Ok(Redirect::to(&format!("/dashboard/webhooks/{id}")))
}
