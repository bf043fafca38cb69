//! Automatic messages (§4.3): the four presets, each switched on or off, with its delay and
//! its text per language (empty: the shipped text).

use crate::{
    error::AppError,
    state::AppState,
    web::{check_csrf, render, CurrentAgent, Lang},
};
use axum::{
    extract::{Query, State},
    response::{Html, Redirect},
    Form,
};
use axum_extra::extract::WithRejection;
use frontdesk_core::auto::{AutoKind, AutoMessage};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const LANGUAGES: [&str; 4] = ["en", "de", "fr", "cs"];
/// Longest custom text.
const MAX_TEXT: usize = 1000;

#[derive(Serialize)]
struct Row {
    kind: &'static str,
    enabled: bool,
    delay_secs: i64,
    texts: Vec<(&'static str, String, String)>,
}

#[derive(Deserialize, Default)]
pub struct Saved {
    #[serde(default)]
    saved: bool,
}

/// `GET /dashboard/automatic`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Query(saved): Query<Saved>,
) -> Result<Html<String>, AppError> {
    let settings = state.store.auto_messages(current.account.id).await?;
    let rows: Vec<Row> = settings
        .iter()
        .map(|m| Row {
            kind: m.kind.as_str(),
            enabled: m.enabled,
            delay_secs: m.delay_secs,
            texts: LANGUAGES
                .iter()
                .map(|lang| {
                    let shipped = crate::i18n::Locale((*lang).to_owned());
                    let default = state.catalogs.t(&shipped, m.kind.catalog_key(), &[]);
                    (
                        *lang,
                        m.texts.get(*lang).cloned().unwrap_or_default(),
                        default,
                    )
                })
                .collect(),
        })
        .collect();
    render(
        &state,
        &locale,
        "automatic.html",
        context! {
            nav => "automatic",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            csrf => current.session.csrf_token,
            presets => Value::from_serialize(&rows),
            can_manage => current.agent.role.manages_account(),
            saved => saved.saved,
        },
    )
}

/// `POST /dashboard/automatic`
pub async fn save(
    State(state): State<AppState>,
    current: CurrentAgent,
    WithRejection(Form(form), _): WithRejection<Form<HashMap<String, String>>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(
        &current.session.csrf_token,
        form.get("csrf").map_or("", String::as_str),
    )?;
    if !current.agent.role.manages_account() {
        return Err(AppError::Forbidden);
    }
    for kind in AutoKind::ALL {
        let field = |name: &str| form.get(&format!("{}_{name}", kind.as_str())).cloned();
        let delay = field("delay")
            .and_then(|d| d.trim().parse::<i64>().ok())
            .filter(|d| (0..=3600).contains(d))
            .unwrap_or_else(|| kind.default_delay_secs());
        let texts = LANGUAGES
            .iter()
            .filter_map(|lang| {
                let text: String = field(&format!("text_{lang}"))?
                    .trim()
                    .chars()
                    .take(MAX_TEXT)
                    .collect();
                (!text.is_empty()).then(|| ((*lang).to_owned(), text))
            })
            .collect();
        let message = AutoMessage {
            kind,
            enabled: field("enabled").is_some(),
            delay_secs: delay,
            texts,
        };
        state
            .store
            .save_auto_message(current.account.id, &message)
            .await?;
    }
    Ok(Redirect::to("/dashboard/automatic?saved=true"))
}
