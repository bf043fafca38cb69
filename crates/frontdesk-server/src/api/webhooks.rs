//! `/api/v1/webhooks`: endpoints, their delivery log, redelivery and a test ping (§9).
//! Another account's endpoint or delivery is a 404, like one that does not exist.

use super::{
    auth::Authenticated,
    error::ApiError,
    extract::{Json, Path, Query},
    responses::{BodyFailures, Failures, WebhookFailures},
    webhook_model::{
        DeliveryFilter, DeliveryOut, WebhookIn, WebhookOut, WebhookPatchIn, WebhookWithSecret,
    },
};
use crate::{
    state::AppState,
    webhooks::manage::{self, Changes},
};
use axum::{extract::State, http::StatusCode};
use frontdesk_core::api_key::Scope;

const DEFAULT_DELIVERIES: i64 = 50;
const MAX_DELIVERIES: i64 = 200;

/// The account's webhook endpoints, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    responses((status = 200, description = "The endpoints", body = Vec<WebhookOut>), Failures),
    security(("api_key" = ["webhooks:read"]))
)]
pub async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<Vec<WebhookOut>>, ApiError> {
    auth.require(Scope::WebhooksRead)?;
    let endpoints = state.store.list_webhook_endpoints(auth.account()).await?;
    Ok(Json(endpoints.iter().map(WebhookOut::from).collect()))
}

/// Creates an endpoint; the answer carries its secret, which is not shown again.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    request_body = WebhookIn,
    responses(
        (status = 201, description = "Created", body = WebhookWithSecret),
        Failures, BodyFailures, WebhookFailures
    ),
    security(("api_key" = ["webhooks:write"]))
)]
pub async fn create(
    State(state): State<AppState>,
    auth: Authenticated,
    Json(input): Json<WebhookIn>,
) -> Result<(StatusCode, Json<WebhookWithSecret>), ApiError> {
    auth.require(Scope::WebhooksWrite)?;
    let (endpoint, secret) = manage::create(
        &state,
        auth.account(),
        &input.url,
        &input.description,
        &input.events,
    )
    .await?;
    let webhook = WebhookOut::from(&endpoint);
    Ok((
        StatusCode::CREATED,
        Json(WebhookWithSecret { webhook, secret }),
    ))
}

/// One endpoint.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id", example = 1)),
    responses((status = 200, description = "The endpoint", body = WebhookOut), Failures),
    security(("api_key" = ["webhooks:read"]))
)]
pub async fn read(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
) -> Result<Json<WebhookOut>, ApiError> {
    auth.require(Scope::WebhooksRead)?;
    let endpoint = state
        .store
        .webhook_endpoint(auth.account(), id)
        .await?
        .ok_or(ApiError::NotFound("webhook"))?;
    Ok(Json(WebhookOut::from(&endpoint)))
}

/// Changes an endpoint's URL, description or events, or switches it off or on.
#[utoipa::path(
    patch,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id", example = 1)),
    request_body = WebhookPatchIn,
    responses(
        (status = 200, description = "Changed", body = WebhookOut),
        Failures, BodyFailures, WebhookFailures
    ),
    security(("api_key" = ["webhooks:write"]))
)]
pub async fn update(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
    Json(input): Json<WebhookPatchIn>,
) -> Result<Json<WebhookOut>, ApiError> {
    auth.require(Scope::WebhooksWrite)?;
    let changes = Changes {
        url: input.url,
        description: input.description,
        events: input.events,
        enabled: input.enabled,
    };
    let endpoint = manage::update(&state, auth.account(), id, changes).await?;
    Ok(Json(WebhookOut::from(&endpoint)))
}

/// Deletes an endpoint and its delivery log.
#[utoipa::path(
    delete,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id", example = 1)),
    responses((status = 204, description = "Deleted"), Failures),
    security(("api_key" = ["webhooks:write"]))
)]
pub async fn delete(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    auth.require(Scope::WebhooksWrite)?;
    state
        .store
        .delete_webhook_endpoint(auth.account(), id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces the signing secret; the answer carries the new one, which is not shown again.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/rotate-secret",
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id", example = 1)),
    responses((status = 200, description = "The new secret", body = WebhookWithSecret), Failures),
    security(("api_key" = ["webhooks:write"]))
)]
pub async fn rotate_secret(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
) -> Result<Json<WebhookWithSecret>, ApiError> {
    auth.require(Scope::WebhooksWrite)?;
    let (endpoint, secret) = manage::rotate_secret(&state, auth.account(), id).await?;
    let webhook = WebhookOut::from(&endpoint);
    Ok(Json(WebhookWithSecret { webhook, secret }))
}

/// Sends a `ping` event to the endpoint, to try the receiver.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/ping",
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id", example = 1)),
    responses(
        (status = 202, description = "Queued for delivery", body = DeliveryOut),
        (status = 409, description = "`conflict`: the endpoint is switched off", body = super::error::ErrorBody),
        Failures
    ),
    security(("api_key" = ["webhooks:write"]))
)]
pub async fn ping(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<DeliveryOut>), ApiError> {
    auth.require(Scope::WebhooksWrite)?;
    let delivery = manage::ping(&state, auth.account(), id).await?;
    Ok((StatusCode::ACCEPTED, Json(DeliveryOut::from(&delivery))))
}

/// The endpoint's deliveries, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}/deliveries",
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id", example = 1), DeliveryFilter),
    responses((status = 200, description = "The delivery log", body = Vec<DeliveryOut>), Failures),
    security(("api_key" = ["webhooks:read"]))
)]
pub async fn deliveries(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
    Query(filter): Query<DeliveryFilter>,
) -> Result<Json<Vec<DeliveryOut>>, ApiError> {
    auth.require(Scope::WebhooksRead)?;
    let limit = filter.limit.unwrap_or(DEFAULT_DELIVERIES);
    if !(1..=MAX_DELIVERIES).contains(&limit) {
        return Err(ApiError::InvalidRequest(format!(
            "limit must be 1 to {MAX_DELIVERIES}"
        )));
    }
    if state
        .store
        .webhook_endpoint(auth.account(), id)
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound("webhook"));
    }
    let found = state
        .store
        .list_webhook_deliveries(auth.account(), id, limit)
        .await?;
    Ok(Json(found.iter().map(DeliveryOut::from).collect()))
}

/// Sends a delivery again, with the same event id, whatever became of it before.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver",
    tag = "webhooks",
    params(
        ("id" = i64, Path, description = "Endpoint id", example = 1),
        ("delivery_id" = i64, Path, description = "Delivery id", example = 1),
    ),
    responses((status = 202, description = "Queued again", body = DeliveryOut), Failures),
    security(("api_key" = ["webhooks:write"]))
)]
pub async fn redeliver(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((id, delivery_id)): Path<(i64, i64)>,
) -> Result<(StatusCode, Json<DeliveryOut>), ApiError> {
    auth.require(Scope::WebhooksWrite)?;
    let delivery = manage::redeliver(&state, auth.account(), id, delivery_id).await?;
    Ok((StatusCode::ACCEPTED, Json(DeliveryOut::from(&delivery))))
}
