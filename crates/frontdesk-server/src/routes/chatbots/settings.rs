//! The chatbot settings panel of the editor (§5): saving it writes the draft's trigger,
//! conditions and behaviour through the same path as the document editor.

use super::{
    editor::{as_yaml, save_flow, show, views, EditorView, FindingView},
    form::{self, Settings, AUDIENCE_ATTRIBUTES, WHERE_ATTRIBUTES},
    load, require_manager,
};
use crate::{
    error::AppError,
    i18n::Locale,
    state::AppState,
    web::{check_csrf, CurrentAgent, Lang},
};
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use axum_extra::extract::WithRejection;
use frontdesk_core::{
    flow::{validate, Chatbot, Finding, Flow, Severity},
    targeting::{kind_of, operators, Kind},
};
use minijinja::{context, Value};
use serde::Deserialize;
use serde_json::json;

/// What the script of the panel needs to know about an attribute: its kind, operators and,
/// for a choice, its values.
fn attribute_meta(attribute: &str) -> serde_json::Value {
    let kind = kind_of(attribute).unwrap_or(Kind::Text);
    let (name, choices): (&str, &[&str]) = match kind {
        Kind::Number => ("number", &[]),
        Kind::Text => ("text", &[]),
        Kind::Boolean => ("boolean", &[]),
        Kind::Choice(c) => ("choice", c),
    };
    json!({"kind": name, "ops": operators(kind), "choices": choices})
}

/// The panel's part of the editor page.
pub(super) fn context(
    bot: &Chatbot,
    sent: Option<Settings>,
    findings: &[FindingView],
    errors: Vec<String>,
) -> Value {
    let stored = Flow::parse(&bot.draft).ok();
    let settings = sent.or_else(|| stored.as_ref().map(form::settings_of));
    let custom = settings
        .as_ref()
        .filter(|s| s.custom)
        .and_then(|_| stored.as_ref()?.conditions.as_ref())
        .and_then(|c| serde_json::to_string_pretty(c).ok());
    let mut attributes = serde_json::Map::new();
    for a in WHERE_ATTRIBUTES.iter().chain(AUDIENCE_ATTRIBUTES) {
        attributes.insert((*a).to_owned(), attribute_meta(a));
    }
    attributes.insert("var.".into(), attribute_meta("var.x"));
    context! {
        data => settings.map(|s| Value::from_serialize(&s)),
        custom => custom,
        flow_findings => Value::from_serialize(
            findings.iter().filter(|f| f.node.is_none()).collect::<Vec<_>>()
        ),
        errors => errors,
        where_attributes => WHERE_ATTRIBUTES,
        audience_attributes => AUDIENCE_ATTRIBUTES,
        attributes => Value::from_serialize(&attributes),
        days => form::DAYS,
    }
}

#[derive(Deserialize)]
pub struct SettingsForm {
    /// The panel as JSON (see [`Settings`]).
    settings: String,
    #[serde(default)]
    csrf: String,
}

/// Errors of `after` that `before` does not have: what the settings would break.
fn new_errors(before: &[Finding], after: &[Finding]) -> Vec<String> {
    after
        .iter()
        .filter(|f| f.severity == Severity::Error && !before.contains(f))
        .map(|f| f.message.clone())
        .collect()
}

/// `POST /dashboard/chatbots/{id}/settings`: writes the panel into the draft. Settings that
/// would add errors to the flow are refused and shown again as sent, so nothing is lost.
pub async fn save(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    WithRejection(Form(sent), _): WithRejection<Form<SettingsForm>, AppError>,
) -> Result<Response, AppError> {
    check_csrf(&current.session.csrf_token, &sent.csrf)?;
    require_manager(&current)?;
    let mut bot = load(&state, &current, id).await?;
    let flow = Flow::parse(&bot.draft).map_err(|e| AppError::Internal(e.into()))?;
    let before = validate(&flow);
    let refuse = |settings: Option<Settings>, errors: Vec<String>| EditorView {
        document: as_yaml(&bot),
        findings: views(&before),
        flow: Some(flow.clone()),
        notice: Some("chatbots-settings-refused".into()),
        headers: &headers,
        settings,
        settings_errors: errors,
    };
    let settings: Settings = match serde_json::from_str(&sent.settings) {
        Ok(s) => s,
        Err(err) => {
            let message = t(
                &state,
                &locale,
                "settings-error-unreadable",
                &err.to_string(),
            );
            let view = refuse(None, vec![message]);
            return unprocessable(&state, &locale, &current, &bot, view).await;
        }
    };
    let mut changed = flow.clone();
    if let Err(err) = form::apply(&settings, &mut changed) {
        let (key, arg) = err.message();
        let view = refuse(Some(settings), vec![t(&state, &locale, key, &arg)]);
        return unprocessable(&state, &locale, &current, &bot, view).await;
    }
    let errors = new_errors(&before, &validate(&changed));
    if !errors.is_empty() {
        let view = refuse(Some(settings), errors);
        return unprocessable(&state, &locale, &current, &bot, view).await;
    }
    save_flow(&state, &mut bot, &changed).await?;
    Ok(Redirect::to(&format!(
        "/dashboard/chatbots/{id}?notice=settings-saved#settings"
    ))
    .into_response())
}

fn t(state: &AppState, locale: &Locale, key: &str, detail: &str) -> String {
    state
        .catalogs
        .t(locale, key, &[("detail", detail.to_owned().into())])
}

async fn unprocessable(
    state: &AppState,
    locale: &Locale,
    current: &CurrentAgent,
    bot: &Chatbot,
    view: EditorView<'_>,
) -> Result<Response, AppError> {
    let html = show(state, locale, current, bot, view).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}
