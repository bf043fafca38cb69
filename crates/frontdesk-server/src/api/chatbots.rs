//! `/api/v1/chatbots/{id}`: read a chatbot's flow, check a document, save a draft (versioned
//! by an ETag, so concurrent editors never overwrite each other unseen), publish.

use super::{
    auth::Authenticated,
    error::ApiError,
    extract::{Json, Path},
    idempotency::{self, Created},
    model::{
        ChatbotDetail, ChatbotOut, FindingOut, FlowDocument, FlowIn, NewChatbotIn, TemplateName,
        ValidationOut,
    },
    responses::{BodyFailures, EditFailures, Failures},
};
use crate::state::AppState;
use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
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

/// Creates an unpublished chatbot (it greets nobody until published) with a template or a flow document as its
/// draft (a draft may still have validation errors; publishing refuses them). With an
/// `Idempotency-Key`, a retry creates nothing and answers with the first chatbot.
#[utoipa::path(
    post,
    path = "/api/v1/chatbots",
    tag = "chatbots",
    params(
        ("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{1,64}$",
            description = "1 to 64 printable ASCII characters naming this request across retries"),
    ),
    request_body = NewChatbotIn,
    responses(
        (status = 201, description = "Created", body = ChatbotDetail,
            headers(("ETag" = String, description = "The draft's version"))),
        (status = 200, description = "A retry: the chatbot created the first time", body = ChatbotDetail,
            headers(("ETag" = String, description = "The draft's version"))),
        Failures, BodyFailures
    ),
    security(("api_key" = ["chatbots:write"]))
)]
pub async fn create(
    State(state): State<AppState>,
    auth: Authenticated,
    headers: HeaderMap,
    Json(input): Json<NewChatbotIn>,
) -> Result<
    (
        StatusCode,
        [(header::HeaderName, HeaderValue); 1],
        Json<ChatbotDetail>,
    ),
    ApiError,
> {
    auth.require(Scope::ChatbotsWrite)?;
    let request = serde_json::to_vec(&input).unwrap_or_default();
    let outcome = idempotency::once(
        &state,
        &auth.idempotency_owner(),
        "create_chatbot",
        &headers,
        &request,
        || async {
            let bot = create_chatbot(&state, &auth, input).await?;
            let id = bot.id.to_string();
            Ok((bot, id))
        },
        |id| {
            let (state, auth) = (&state, &auth);
            async move {
                let id = id.parse().map_err(|_| ApiError::NotFound("chatbot"))?;
                load(state, auth, id).await
            }
        },
    )
    .await?;
    let (status, bot) = match outcome {
        Created::New(bot) => (StatusCode::CREATED, bot),
        Created::Replayed(bot) => (StatusCode::OK, bot),
    };
    Ok((status, etag_header(&bot), Json(detail(&bot))))
}

async fn create_chatbot(
    state: &AppState,
    auth: &Authenticated,
    input: NewChatbotIn,
) -> Result<Chatbot, ApiError> {
    let mut flow = match (&input.document, input.template) {
        (Some(_), Some(_)) => {
            return Err(ApiError::InvalidRequest(
                "send a template or a document, not both".into(),
            ))
        }
        (Some(document), None) => parse(document).map_err(ApiError::InvalidRequest)?,
        (None, template) => {
            let language = match input.language {
                Some(language) => language.as_str().to_owned(),
                None => account_bot_language(state, auth).await?,
            };
            let name = template.unwrap_or(TemplateName::Blank).as_str();
            crate::chatbots::starting_flow(state, name, &language)
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("template {name} is missing")))?
        }
    };
    if let Some(language) = input.language {
        flow.language = language.as_str().to_owned();
    }
    if let Some(name) = &input.name {
        flow.name = frontdesk_core::account::DisplayName::parse(name)?.to_string();
    }
    let bots = state.store.list_chatbots(auth.account()).await?;
    let new = frontdesk_store::NewChatbot {
        name: if flow.name.trim().is_empty() {
            "Chatbot".to_owned()
        } else {
            flow.name.clone()
        },
        language: flow.language.clone(),
        position: bots.iter().map(|b| b.position).max().unwrap_or(0) + 1,
        draft: flow.to_json(),
    };
    Ok(state
        .store
        .create_chatbot(auth.account(), &new, state.now_ms())
        .await?)
}

/// The account's language if chatbots can be made in it, else English.
async fn account_bot_language(state: &AppState, auth: &Authenticated) -> Result<String, ApiError> {
    let account = auth.load_account(state).await?;
    let language = account.default_language.as_str();
    Ok(if crate::chatbots::LANGUAGES.contains(&language) {
        language.to_owned()
    } else {
        "en".to_owned()
    })
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
