//! `/api/v1/chatbots/{id}`: read a chatbot's flow, check a document, save a draft (versioned
//! by an ETag, so concurrent editors never overwrite each other unseen), publish.

use super::{
    auth::Authenticated,
    error::ApiError,
    extract::{Json, Path},
    model::{ChatbotDetail, ChatbotOut, FindingOut, FlowDocument, FlowIn, ValidationOut},
    responses::{BodyFailures, EditFailures, Failures},
};
use crate::state::AppState;
use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue},
};
use frontdesk_core::{
    api_key::Scope,
    flow::{has_errors, validate, Chatbot, Flow},
};
use sha2::{Digest, Sha256};

/// The version of a chatbot's draft, as an ETag.
fn etag(bot: &Chatbot) -> String {
    let digest = hex::encode(Sha256::digest(bot.draft.as_bytes()));
    format!("\"{}\"", &digest[..20])
}

fn etag_header(bot: &Chatbot) -> [(header::HeaderName, HeaderValue); 1] {
    let value = HeaderValue::from_str(&etag(bot)).unwrap_or(HeaderValue::from_static("\"\""));
    [(header::ETAG, value)]
}

async fn load(state: &AppState, auth: &Authenticated, id: i64) -> Result<Chatbot, ApiError> {
    state
        .store
        .chatbot(auth.account(), id)
        .await?
        .ok_or(ApiError::NotFound("chatbot"))
}

fn detail(bot: &Chatbot) -> ChatbotDetail {
    let findings = Flow::parse(&bot.draft)
        .map(|flow| validate(&flow).iter().map(FindingOut::from).collect())
        .unwrap_or_default();
    ChatbotDetail {
        chatbot: bot.into(),
        draft: serde_json::from_str(&bot.draft).unwrap_or(serde_json::Value::Null),
        findings,
    }
}

/// A document as sent: a JSON object, or JSON or YAML text.
fn parse(document: &FlowDocument) -> Result<Flow, String> {
    Flow::parse(&document.text()).map_err(|e| e.to_string())
}

/// One chatbot with its draft flow; the `ETag` header versions the draft.
#[utoipa::path(
    get,
    path = "/api/v1/chatbots/{id}",
    tag = "chatbots",
    params(("id" = i64, Path, description = "Chatbot id", example = 1)),
    responses(
        (status = 200, description = "The chatbot", body = ChatbotDetail,
            headers(("ETag" = String, description = "The draft's version"))),
        Failures
    ),
    security(("api_key" = ["chatbots:read"]))
)]
pub async fn read(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
) -> Result<([(header::HeaderName, HeaderValue); 1], Json<ChatbotDetail>), ApiError> {
    auth.require(Scope::ChatbotsRead)?;
    let bot = load(&state, &auth, id).await?;
    Ok((etag_header(&bot), Json(detail(&bot))))
}

/// Checks a flow document without saving it.
#[utoipa::path(
    post,
    path = "/api/v1/chatbots/{id}/validate",
    tag = "chatbots",
    params(("id" = i64, Path, description = "Chatbot id", example = 1)),
    request_body = FlowIn,
    responses((status = 200, description = "What validation says", body = ValidationOut), Failures, BodyFailures),
    security(("api_key" = ["chatbots:read"]))
)]
pub async fn check(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
    Json(input): Json<FlowIn>,
) -> Result<Json<ValidationOut>, ApiError> {
    auth.require(Scope::ChatbotsRead)?;
    load(&state, &auth, id).await?;
    Ok(Json(match parse(&input.document) {
        Ok(flow) => ValidationOut {
            parse_error: None,
            findings: validate(&flow).iter().map(FindingOut::from).collect(),
        },
        Err(reason) => ValidationOut {
            parse_error: Some(reason),
            findings: Vec::new(),
        },
    }))
}

/// Saves a flow document as the draft. `If-Match` must carry the ETag the edit started
/// from; if someone saved meanwhile, nothing is saved (412) and the edit can be redone on
/// the new draft. A draft with validation errors is saved (publishing refuses it).
#[utoipa::path(
    put,
    path = "/api/v1/chatbots/{id}/draft",
    tag = "chatbots",
    params(
        ("id" = i64, Path, description = "Chatbot id", example = 1),
        ("If-Match" = String, Header,
            description = "The ETag of the draft this edit started from, or * to overwrite"),
    ),
    request_body = FlowIn,
    responses(
        (status = 200, description = "Saved", body = ChatbotDetail,
            headers(("ETag" = String, description = "The new draft's version"))),
        Failures, BodyFailures, EditFailures
    ),
    security(("api_key" = ["chatbots:write"]))
)]
pub async fn save_draft(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(input): Json<FlowIn>,
) -> Result<([(header::HeaderName, HeaderValue); 1], Json<ChatbotDetail>), ApiError> {
    auth.require(Scope::ChatbotsWrite)?;
    let mut bot = load(&state, &auth, id).await?;
    let expected = headers
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .unwrap_or_default()
        .trim()
        .to_owned();
    // `*` asks only that the chatbot exists (RFC 9110), for clients that overwrite on purpose.
    if expected != "*" && expected != etag(&bot) {
        return Err(ApiError::PreconditionFailed(expected));
    }
    let flow = parse(&input.document).map_err(ApiError::InvalidRequest)?;
    let before = bot.draft.clone();
    crate::chatbots::apply_draft(&mut bot, &flow, state.now_ms());
    if !state.store.save_chatbot_if_draft(&bot, &before).await? {
        return Err(ApiError::PreconditionFailed(expected));
    }
    Ok((etag_header(&bot), Json(detail(&bot))))
}

/// Publishes the draft as the chatbot's next version, unless validation finds errors (409).
#[utoipa::path(
    post,
    path = "/api/v1/chatbots/{id}/publish",
    tag = "chatbots",
    params(("id" = i64, Path, description = "Chatbot id", example = 1)),
    responses((status = 200, description = "Published", body = ChatbotOut), Failures, BodyFailures),
    security(("api_key" = ["chatbots:write"]))
)]
pub async fn publish(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
) -> Result<Json<ChatbotOut>, ApiError> {
    auth.require(Scope::ChatbotsWrite)?;
    let bot = load(&state, &auth, id).await?;
    let flow = Flow::parse(&bot.draft).map_err(|e| ApiError::Internal(e.into()))?;
    let findings = validate(&flow);
    if has_errors(&findings) {
        let first = findings
            .iter()
            .find(|f| f.severity == frontdesk_core::flow::Severity::Error);
        return Err(ApiError::Conflict(format!(
            "the draft has errors and cannot be published: {}",
            first.map(ToString::to_string).unwrap_or_default()
        )));
    }
    state
        .store
        .publish_chatbot(auth.account(), id, &bot.draft, state.now_ms())
        .await?;
    let published = load(&state, &auth, id).await?;
    Ok(Json((&published).into()))
}
