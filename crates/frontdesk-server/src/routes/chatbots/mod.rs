//! The chatbot list: create from a template, enable or disable, reorder, duplicate, delete.
//! Owners and admins change chatbots; agents may look.

mod editor;
mod form;
mod settings;

pub use editor::{check, draft, page, preview, publish};
pub use settings::save as save_settings;

use crate::{
    error::AppError,
    state::AppState,
    web::{check_csrf, render, CurrentAgent, Lang},
};
use axum::{
    extract::{Path, Query, State},
    response::{Html, Redirect},
    Form,
};
use axum_extra::extract::WithRejection;
use frontdesk_core::flow::{Chatbot, Flow};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

/// Notices a page may show after a redirect, by their short name.
const NOTICES: [&str; 6] = [
    "created",
    "saved",
    "published",
    "deleted",
    "duplicated",
    "settings-saved",
];
/// Languages chatbots ship templates in.
pub(super) const BOT_LANGUAGES: [&str; 4] = crate::chatbots::LANGUAGES;

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    notice: String,
}

impl NoticeQuery {
    /// The catalog key of a known notice; anything else shows nothing.
    pub(super) fn key(&self) -> Option<String> {
        NOTICES
            .contains(&self.notice.as_str())
            .then(|| format!("chatbots-notice-{}", self.notice))
    }
}

/// Refuses agents who may not change chatbots.
pub(super) fn require_manager(current: &CurrentAgent) -> Result<(), AppError> {
    if current.agent.role.manages_account() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// One chatbot of the agent's account.
pub(super) async fn load(
    state: &AppState,
    current: &CurrentAgent,
    id: i64,
) -> Result<Chatbot, AppError> {
    state
        .store
        .chatbot(current.account.id, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether the draft differs from the published version.
pub(super) async fn draft_differs(state: &AppState, bot: &Chatbot) -> Result<bool, AppError> {
    let Some(version) = bot.published_version else {
        return Ok(true);
    };
    let published = state
        .store
        .chatbot_version(bot.account_id, bot.id, version)
        .await?;
    Ok(published.as_deref() != Some(bot.draft.as_str()))
}

#[derive(Serialize)]
struct Row {
    id: i64,
    name: String,
    language: String,
    position: i64,
    enabled: bool,
    published_version: Option<i64>,
    draft_differs: bool,
}

/// `GET /dashboard/chatbots`
pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Query(notice): Query<NoticeQuery>,
) -> Result<Html<String>, AppError> {
    let mut rows = Vec::new();
    for bot in state.store.list_chatbots(current.account.id).await? {
        rows.push(Row {
            draft_differs: draft_differs(&state, &bot).await?,
            id: bot.id,
            name: bot.name,
            language: bot.language,
            position: bot.position,
            enabled: bot.enabled,
            published_version: bot.published_version,
        });
    }
    render(
        &state,
        &locale,
        "chatbots.html",
        context! {
            nav => "chatbots",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            csrf => current.session.csrf_token,
            notice => notice.key(),
            chatbots => Value::from_serialize(&rows),
            templates => crate::chatbots::TEMPLATE_NAMES,
            bot_languages => BOT_LANGUAGES,
            can_manage => current.agent.role.manages_account(),
        },
    )
}

#[derive(Deserialize)]
pub struct CreateForm {
    template: String,
    language: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    csrf: String,
}

/// A minimal valid flow to start from, in the chosen language.
/// `POST /dashboard/chatbots`
pub async fn create(
    State(state): State<AppState>,
    current: CurrentAgent,
    WithRejection(Form(form), _): WithRejection<Form<CreateForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    if !BOT_LANGUAGES.contains(&form.language.as_str()) {
        return Err(frontdesk_core::ValidationError::Language(form.language).into());
    }
    let mut flow = crate::chatbots::starting_flow(&state, &form.template, &form.language)
        .ok_or(AppError::NotFound)?;
    if !form.name.trim().is_empty() {
        flow.name = frontdesk_core::account::DisplayName::parse(&form.name)?.to_string();
    } else if flow.name.is_empty() {
        flow.name = "Chatbot".into();
    }
    let position = next_position(&state, &current).await?;
    let bot = crate::chatbots::import(
        &*state.store,
        current.account.id,
        &flow,
        position,
        false,
        state.now_ms(),
    )
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok(Redirect::to(&format!(
        "/dashboard/chatbots/{}?notice=created",
        bot.id
    )))
}

async fn next_position(state: &AppState, current: &CurrentAgent) -> Result<i64, AppError> {
    let bots = state.store.list_chatbots(current.account.id).await?;
    Ok(bots.iter().map(|b| b.position).max().unwrap_or(0) + 1)
}

#[derive(Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    enabled: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/chatbots/{id}/{action}` for enabled, move, duplicate and delete.
pub async fn act(
    State(state): State<AppState>,
    current: CurrentAgent,
    Path((id, action)): Path<(i64, String)>,
    WithRejection(Form(form), _): WithRejection<Form<ActionForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let mut bot = load(&state, &current, id).await?;
    let now = state.now_ms();
    let back = match action.as_str() {
        "enabled" => {
            bot.enabled = form.enabled == "true";
            bot.updated_at_ms = now;
            state.store.save_chatbot(&bot).await?;
            "/dashboard/chatbots".to_owned()
        }
        "move" => {
            let mut bots = state.store.list_chatbots(current.account.id).await?;
            let index = bots
                .iter()
                .position(|b| b.id == id)
                .ok_or(AppError::NotFound)?;
            let other = match form.direction.as_str() {
                "up" => index.checked_sub(1),
                "down" => Some(index + 1).filter(|i| *i < bots.len()),
                _ => None,
            };
            if let Some(other) = other {
                bots.swap(index, other);
                // Renumbering the whole list keeps positions distinct whatever gaps exist.
                for (i, b) in bots.iter_mut().enumerate() {
                    let position = i as i64 + 1;
                    if b.position != position {
                        b.position = position;
                        state.store.save_chatbot(b).await?;
                    }
                }
            }
            "/dashboard/chatbots".to_owned()
        }
        "duplicate" => {
            let mut flow = Flow::parse(&bot.draft).map_err(|e| AppError::Internal(e.into()))?;
            let locale = crate::i18n::Locale(bot.language.clone());
            flow.name = state.catalogs.t(
                &locale,
                "chatbot-copy-name",
                &[("name", bot.name.clone().into())],
            );
            let position = next_position(&state, &current).await?;
            let mut copy = state
                .store
                .create_chatbot(
                    current.account.id,
                    &frontdesk_store::NewChatbot {
                        name: flow.name.clone(),
                        language: bot.language.clone(),
                        position,
                        draft: flow.to_json(),
                    },
                    now,
                )
                .await?;
            copy.enabled = false;
            state.store.save_chatbot(&copy).await?;
            format!("/dashboard/chatbots/{}?notice=duplicated", copy.id)
        }
        "delete" => {
            state.store.delete_chatbot(current.account.id, id).await?;
            "/dashboard/chatbots?notice=deleted".to_owned()
        }
        _ => return Err(AppError::NotFound),
    };
    Ok(Redirect::to(&back))
}
