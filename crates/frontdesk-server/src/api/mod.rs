//! The JSON REST API under `/api/v1` (§9), authenticated by per-account API keys. The
//! OpenAPI document is generated from the handlers and types themselves, so it cannot
//! drift from what the server does; it is served at `/api/openapi.json` and rendered as a
//! reference page at `/api/docs`.

mod agents;
pub mod auth;
mod chatbots;
mod contact_model;
mod contacts;
mod conversations;
pub mod error;
mod extract;
pub mod idempotency;
pub mod keys;
mod model;
mod operator;
mod operator_model;
mod reference;
mod resources;
mod responses;
mod stats;
mod stats_model;
mod webhook_model;
mod webhooks;

use crate::state::AppState;
use axum::{
    extract::Request,
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use std::sync::Arc;
use utoipa::{
    openapi::security::{Http, HttpAuthScheme, SecurityScheme},
    Modify, OpenApi,
};
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Frontdesk API",
        description = "Everything the dashboard does, for programs. Authenticate with a \
            per-account API key: `Authorization: Bearer fdk_…` (create one with \
            `frontdesk api-key create`). Every failure answers \
            `{\"error\": {\"code\": \"…\", \"message\": \"…\"}}` with a stable code."
    ),
    modifiers(&BearerKeys),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    tags(
        (name = "conversations", description = "Conversations and their messages (§3)"),
        (name = "agents", description = "The people who answer"),
        (name = "chatbots", description = "Chatbots and their flows (§4)"),
        (name = "usage", description = "Chatbot conversations against the plan (§7)"),
        (name = "operator", description = "The installation's own endpoints, with an operator key: accounts, plans (§1, §7.4)"),
        (name = "statistics", description = "Conversations and chatbots over a range of days (§8)"),
        (name = "contacts", description = "Visitors whose name, e-mail or phone is known; export and erasure (§10)"),
        (name = "webhooks", description = "Signed event deliveries to your endpoints (§9). \
            Events: conversation.created, conversation.escalated, conversation.closed, \
            conversation.rated, message.created, contact.updated, \
            chatbot_conversation.counted, quota.threshold, billing.ledger_entry, ping. \
            See docs/webhooks.md."),
    )
)]
struct ApiDoc;

/// Declares the bearer API key every operation requires.
struct BearerKeys;

impl Modify for BearerKeys {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.description = Some("An API key, `fdk_…`".into());
        components.add_security_scheme("api_key", SecurityScheme::Http(scheme));
        let mut operator = Http::new(HttpAuthScheme::Bearer);
        operator.description = Some(
            "An operator key, `fdo_…` (`frontdesk operator-key create`), for the \
             /api/v1/operator endpoints only"
                .into(),
        );
        components.add_security_scheme("operator_key", SecurityScheme::Http(operator));
    }
}

/// The API's routes and the OpenAPI document describing exactly them.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, doc) = OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
        .routes(routes!(conversations::list))
        .routes(routes!(conversations::read))
        .routes(routes!(conversations::send))
        .routes(routes!(conversations::add_tag))
        .routes(routes!(conversations::remove_tag))
        .routes(routes!(conversations::assign))
        .routes(routes!(conversations::close))
        .routes(routes!(resources::agents, agents::create))
        .routes(routes!(agents::update))
        .routes(routes!(resources::chatbots, chatbots::create))
        .routes(routes!(chatbots::read))
        .routes(routes!(chatbots::check))
        .routes(routes!(chatbots::save_draft))
        .routes(routes!(chatbots::publish))
        .routes(routes!(resources::usage))
        .routes(routes!(contacts::list))
        .routes(routes!(contacts::read, contacts::update, contacts::erase))
        .routes(routes!(contacts::export))
        .routes(routes!(stats::conversations))
        .routes(routes!(stats::chatbots))
        .routes(routes!(stats::usage_history))
        .routes(routes!(stats::ledger))
        .routes(routes!(operator::list, operator::create))
        .routes(routes!(operator::read, operator::update))
        .routes(routes!(operator::create_api_key))
        .routes(routes!(operator::plans))
        .routes(routes!(webhooks::list, webhooks::create))
        .routes(routes!(webhooks::read, webhooks::update, webhooks::delete))
        .routes(routes!(webhooks::rotate_secret))
        .routes(routes!(webhooks::ping))
        .routes(routes!(webhooks::deliveries))
        .routes(routes!(webhooks::redeliver))
        .split_for_parts();
    let json: Arc<str> = doc.to_pretty_json().unwrap_or_default().into();
    let router = router.merge(reference::router(&doc)).route(
        "/api/openapi.json",
        get(move || {
            let json = json.clone();
            async move {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    json.to_string(),
                )
            }
        }),
    );
    (router, doc)
}

/// Gives every failed `/api` response the API's JSON error shape, whatever produced it: an
/// unknown route, a wrong method, a body over the limit, a timeout.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let is_api = request.uri().path() == "/api" || request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !is_api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "no such endpoint"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this endpoint does not take that method",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "the request body is too large"),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long"),
        s if s.is_server_error() => ("internal", "the server could not do that; try again"),
        _ => ("invalid_request", "the request is malformed"),
    };
    let mut fixed = error::error_response(status, code, message.into());
    if let Some(allow) = response.headers().get(header::ALLOW) {
        fixed.headers_mut().insert(header::ALLOW, allow.clone());
    }
    fixed.into_response()
}
