//! The statistics pages (§8): conversations and agents, and chatbot insights with the usage
//! history. Every table downloads as CSV with `?format=csv&table=…`. All agents may read
//! statistics; the usage history (billing) is for owners and admins.

mod chatbots;
mod conversations;

pub use chatbots::chatbots;
pub use conversations::conversations;

use crate::{error::AppError, i18n::Locale, state::AppState, stats::StatsError};
use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

/// The query every statistics page takes. Everything is text so that bad input reaches the
/// page and gets a clear message instead of a bare rejection.
#[derive(Deserialize, Default)]
pub struct StatsQuery {
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) agent: Option<String>,
    pub(super) chatbot: Option<String>,
    pub(super) format: Option<String>,
    pub(super) table: Option<String>,
}

pub(super) fn id_param(raw: &Option<String>) -> Result<Option<i64>, String> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| s.to_owned()),
    }
}

pub(super) fn message(state: &AppState, locale: &Locale, err: &StatsError) -> String {
    let (key, args) = err.message();
    let args: Vec<(&str, FluentValue)> = args
        .into_iter()
        .map(|(k, v)| (k, FluentValue::from(v)))
        .collect();
    state.catalogs.t(locale, key, &args)
}

pub(super) fn status(err: &StatsError) -> StatusCode {
    match err {
        StatsError::Range(_) => StatusCode::UNPROCESSABLE_ENTITY,
        StatsError::UnknownAgent(_) | StatsError::UnknownChatbot(_) => StatusCode::NOT_FOUND,
        StatsError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub(super) fn csv_response(name: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{name}.csv\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

pub(super) fn wants_csv(q: &StatsQuery) -> bool {
    q.format.as_deref() == Some("csv")
}

/// A refused CSV download: the status and the explanation as plain text.
pub(super) fn refuse_csv(
    state: &AppState,
    locale: &Locale,
    err: StatsError,
) -> Result<Response, AppError> {
    if let StatsError::Store(store) = err {
        return Err(store.into());
    }
    Ok((status(&err), message(state, locale, &err)).into_response())
}

#[derive(Serialize)]
pub(super) struct Choice {
    pub(super) id: i64,
    pub(super) name: String,
}

/// Hours, minutes and seconds: `1:05:09`, the same in every language.
pub(super) fn duration(ms: Option<i64>) -> Option<String> {
    ms.map(|ms| {
        let s = ms / 1000;
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    })
}

/// A decimal in the page's language (a comma in German, French and Czech).
pub(super) fn decimal(locale: &Locale, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    if locale.as_str() == "en" {
        text
    } else {
        text.replace('.', ",")
    }
}

pub(super) fn percent(state: &AppState, locale: &Locale, rate: Option<f64>) -> Option<String> {
    rate.map(|r| {
        let n = (r * 100.0).round() as i64;
        state
            .catalogs
            .t(locale, "stats-percent", &[("n", n.into())])
    })
}
