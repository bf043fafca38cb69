//! The JSON REST API under `/api/v1` (§9), authenticated by per-account API keys. The
//! OpenAPI document is generated from the handlers and types themselves, so it cannot
//! drift from what the server does; it is served at `/api/openapi.json` and rendered as a
//! reference page at `/api/docs`.

pub mod auth;
mod chatbots;
mod conversations;
pub mod error;
mod extract;
pub mod keys;
mod model;
mod resources;
mod responses;
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
use utoipa_redoc::Servable;

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
        (name = "webhooks", description = "Signed event deliveries to your endpoints (§9). \
            Events: conversation.created, conversation.escalated, conversation.closed, \
            conversation.rated, message.created, contact.updated, \
            chatbot_conversation.counted, quota.threshold, ping. See docs/webhooks.md."),
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
        .routes(routes!(resources::agents))
        .routes(routes!(resources::chatbots))
        .routes(routes!(chatbots::read))
        .routes(routes!(chatbots::check))
        .routes(routes!(chatbots::save_draft))
        .routes(routes!(chatbots::publish))
        .routes(routes!(resources::usage))
        .routes(routes!(webhooks::list, webhooks::create))
        .routes(routes!(webhooks::read, webhooks::update, webhooks::delete))
        .routes(routes!(webhooks::rotate_secret))
        .routes(routes!(webhooks::ping))
        .routes(routes!(webhooks::deliveries))
        .routes(routes!(webhooks::redeliver))
        .split_for_parts();
    let json: Arc<str> = doc.to_pretty_json().unwrap_or_default().into();
    // The reference page renders the same document with Redoc (its script comes from
    // Redoc's CDN, so the page needs the browser to be online; the JSON never does).
    let reference: Router<AppState> =
        utoipa_redoc::Redoc::with_url("/api/docs", doc.clone()).into();
    let router = router.merge(reference).route(
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
