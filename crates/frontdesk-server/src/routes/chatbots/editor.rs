//! The chatbot editor: the flow document with live validation and a diagram, saving the
//! draft, publishing, and previewing the draft in the real chat box.

use super::{draft_differs, load, require_manager, NoticeQuery};
use crate::{
    error::AppError,
    state::AppState,
    web::{check_csrf, public_base, render, CurrentAgent, Lang},
};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Form, Json,
};
use axum_extra::extract::WithRejection;
use frontdesk_core::flow::{has_errors, layout, validate, Chatbot, Finding, Flow, Severity};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

/// How long a preview link works.
const PREVIEW_MS: i64 = 30 * 60 * 1000;

#[derive(Serialize)]
pub(super) struct FindingView {
    severity: &'static str,
    pub node: Option<String>,
    message: String,
}

pub(super) fn views(findings: &[Finding]) -> Vec<FindingView> {
    findings
        .iter()
        .map(|f| FindingView {
            severity: if f.severity == Severity::Error {
                "error"
            } else {
                "warning"
            },
            node: f.node.clone(),
            message: f.message.clone(),
        })
        .collect()
}

/// The draft as YAML, which people edit more easily than JSON.
pub(super) fn as_yaml(bot: &Chatbot) -> String {
    Flow::parse(&bot.draft)
        .ok()
        .and_then(|f| serde_yaml_ng::to_string(&f).ok())
        .unwrap_or_else(|| bot.draft.clone())
}

pub(super) struct EditorView<'a> {
    pub document: String,
    pub findings: Vec<FindingView>,
    pub flow: Option<Flow>,
    pub notice: Option<String>,
    pub headers: &'a HeaderMap,
    /// The settings form as sent, when it comes back refused; else read from the draft.
    pub settings: Option<super::form::Settings>,
    /// Why the settings were refused.
    pub settings_errors: Vec<String>,
}

pub(super) async fn show(
    state: &AppState,
    locale: &crate::i18n::Locale,
    current: &CurrentAgent,
    bot: &Chatbot,
    view: EditorView<'_>,
) -> Result<Html<String>, AppError> {
    let preview_url = format!(
        "{}/dashboard/chatbots/{}/preview",
        public_base(view.headers),
        bot.id
    );
    render(
        state,
        locale,
        "chatbot_edit.html",
        context! {
            nav => "chatbots",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            csrf => current.session.csrf_token.clone(),
            notice => view.notice,
            can_manage => current.agent.role.manages_account(),
            chatbot => context! {
                id => bot.id, name => bot.name.clone(), language => bot.language.clone(),
                enabled => bot.enabled, published_version => bot.published_version,
                draft_differs => draft_differs(state, bot).await?,
            },
            document => view.document,
            findings => Value::from_serialize(&view.findings),
            diagram => view.flow.as_ref().map(|f| Value::from_serialize(layout(f))),
            preview_url => preview_url,
            office_hours => crate::routes::overview::office_hour_rows(&current.account.office_hours),
            settings => super::settings::context(bot, view.settings, &view.findings, view.settings_errors),
        },
    )
}

/// `GET /dashboard/chatbots/{id}`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Path(id): Path<i64>,
    Query(notice): Query<NoticeQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    let bot = load(&state, &current, id).await?;
    let flow = Flow::parse(&bot.draft).ok();
    let findings = flow.as_ref().map(validate).unwrap_or_default();
    let view = EditorView {
        document: as_yaml(&bot),
        findings: views(&findings),
        flow,
        notice: notice.key(),
        headers: &headers,
        settings: None,
        settings_errors: Vec::new(),
    };
    show(&state, &locale, &current, &bot, view).await
}

/// Stores `flow` as the chatbot's draft: the one way drafts are saved.
pub(super) async fn save_flow(
    state: &AppState,
    bot: &mut Chatbot,
    flow: &Flow,
) -> Result<(), AppError> {
    crate::chatbots::apply_draft(bot, flow, state.now_ms());
    state.store.save_chatbot(bot).await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct DraftForm {
    document: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/chatbots/{id}/draft`: saves a document that parses; one that does not is
/// shown again with the reason, so nothing typed is lost.
pub async fn draft(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    WithRejection(Form(form), _): WithRejection<Form<DraftForm>, AppError>,
) -> Result<Response, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let mut bot = load(&state, &current, id).await?;
    match Flow::parse(&form.document) {
        Ok(flow) => {
            save_flow(&state, &mut bot, &flow).await?;
            Ok(Redirect::to(&format!("/dashboard/chatbots/{id}?notice=saved")).into_response())
        }
        Err(err) => {
            let finding = FindingView {
                severity: "error",
                node: None,
                message: err.to_string(),
            };
            let view = EditorView {
                document: form.document,
                findings: vec![finding],
                flow: None,
                notice: None,
                headers: &headers,
                settings: None,
                settings_errors: Vec::new(),
            };
            let html = show(&state, &locale, &current, &bot, view).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct CheckBody {
    document: String,
}

#[derive(Serialize)]
pub struct CheckAnswer {
    parse_error: Option<String>,
    findings: Vec<FindingView>,
    diagram: Option<frontdesk_core::flow::Diagram>,
}

/// `POST /dashboard/chatbots/{id}/check` (JSON, header `X-CSRF-Token`): validates a
/// document as typed, for the editor's live feedback.
pub async fn check(
    State(state): State<AppState>,
    current: CurrentAgent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(body): Json<CheckBody>,
) -> Result<Json<CheckAnswer>, AppError> {
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    check_csrf(&current.session.csrf_token, token)?;
    load(&state, &current, id).await?;
    Ok(Json(match Flow::parse(&body.document) {
        Ok(flow) => CheckAnswer {
            parse_error: None,
            findings: views(&validate(&flow)),
            diagram: Some(layout(&flow)),
        },
        Err(err) => CheckAnswer {
            parse_error: Some(err.to_string()),
            findings: Vec::new(),
            diagram: None,
        },
    }))
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/chatbots/{id}/publish`: refused while the draft has errors.
pub async fn publish(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    WithRejection(Form(form), _): WithRejection<Form<CsrfForm>, AppError>,
) -> Result<Response, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let bot = load(&state, &current, id).await?;
    let flow = Flow::parse(&bot.draft).map_err(|e| AppError::Internal(e.into()))?;
    let findings = validate(&flow);
    if has_errors(&findings) {
        let view = EditorView {
            document: as_yaml(&bot),
            findings: views(&findings),
            flow: Some(flow),
            notice: Some("chatbots-publish-refused".into()),
            headers: &headers,
            settings: None,
            settings_errors: Vec::new(),
        };
        let html = show(&state, &locale, &current, &bot, view).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    state
        .store
        .publish_chatbot(current.account.id, id, &bot.draft, state.now_ms())
        .await?;
    Ok(Redirect::to(&format!("/dashboard/chatbots/{id}?notice=published")).into_response())
}

/// `GET /dashboard/chatbots/{id}/preview`: a page with the real chat box running the draft.
pub async fn preview(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    let bot = load(&state, &current, id).await?;
    let token = state
        .tokens
        .sign_preview(current.account.id, bot.id, state.now_ms() + PREVIEW_MS);
    render(
        &state,
        &locale,
        "preview.html",
        context! {
            chatbot_name => bot.name,
            widget_key => current.account.widget_key,
            base => public_base(&headers),
            preview => token,
        },
    )
}
