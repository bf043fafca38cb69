//! The chat box's files and its configuration, served to any allowed website.

use crate::{
    chat::agents_online, chat::visitor_ws_origin_allowed, error::AppError, state::AppState,
};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    Json,
};
use fluent_bundle::FluentValue;
use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

static WIDGET: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../widget");

/// Message ids of the chat box start with this; the box sees them without it.
const PREFIX: &str = "widget-";
/// Token in loader.js replaced by the launcher labels of every language.
const LABELS_TOKEN: &str = "__FRONTDESK_LABELS__";

/// The chat box's files are public: `Timing-Allow-Origin` lets the embedding site's own
/// performance tools (Resource Timing) see what they cost it.
const TIMING_ALLOW_ORIGIN: &str = "timing-allow-origin";

fn javascript(body: impl Into<axum::body::Body>, max_age: u32) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/javascript; charset=utf-8".to_owned(),
            ),
            (header::CACHE_CONTROL, format!("public, max-age={max_age}")),
            (
                header::HeaderName::from_static(TIMING_ALLOW_ORIGIN),
                "*".to_owned(),
            ),
        ],
        body.into(),
    )
        .into_response()
}

/// `GET /widget/loader.js`: the only script a page loads up front, with the launcher's label
/// in every shipped language filled in.
pub async fn loader(State(state): State<AppState>) -> Result<Response, AppError> {
    let source = WIDGET
        .get_file("loader.js")
        .and_then(|f| f.contents_utf8())
        .ok_or(AppError::NotFound)?;
    let labels: BTreeMap<String, String> = state
        .catalogs
        .languages()
        .into_iter()
        .map(|lang| {
            let text =
                state
                    .catalogs
                    .t(&crate::i18n::Locale(lang.clone()), "widget-open-chat", &[]);
            (lang, text)
        })
        .collect();
    let labels = serde_json::to_string(&labels).map_err(|e| AppError::Internal(e.into()))?;
    Ok(javascript(source.replace(LABELS_TOKEN, &labels), 300))
}

/// `GET /widget/{file}`: the rest of the chat box, loaded when the visitor opens it.
pub async fn file(Path(name): Path<String>) -> Response {
    let Some(file) = WIDGET.get_file(&name) else {
        return AppError::NotFound.into_response();
    };
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("js") => javascript(file.contents(), 3600),
        Some("css") => (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=3600"),
                (header::HeaderName::from_static(TIMING_ALLOW_ORIGIN), "*"),
            ],
            file.contents(),
        )
            .into_response(),
        _ => AppError::NotFound.into_response(),
    }
}

#[derive(Deserialize)]
pub struct ConfigQuery {
    key: String,
    /// Preferred languages, most preferred first, comma-separated.
    #[serde(default)]
    lang: String,
}

#[derive(Serialize)]
struct WidgetConfig {
    language: String,
    account_name: String,
    agents_online: bool,
    strings: BTreeMap<String, String>,
}

/// `GET /widget/config?key=…&lang=…`: texts in the visitor's language and whether anyone
/// can answer. Readable cross-origin only by the account's allowed domains.
pub async fn config(
    State(state): State<AppState>,
    Query(query): Query<ConfigQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let account = state
        .store
        .account_by_widget_key(&query.key)
        .await?
        .ok_or(AppError::NotFound)?;
    // Browsers leave out `Origin` on a same-origin GET (the demo page): the texts are public,
    // so only a page from a foreign, not allowed origin is refused.
    if headers.contains_key(header::ORIGIN) && !visitor_ws_origin_allowed(&account, &headers) {
        return Err(AppError::Forbidden);
    }
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let browser: Vec<String> = fluent_langneg::accepted_languages::parse(browser)
        .iter()
        .map(ToString::to_string)
        .collect();
    let preferences = query
        .lang
        .split(',')
        .chain(browser.iter().map(String::as_str));
    let locale = state
        .catalogs
        .negotiate_or(preferences, account.default_language.as_str());
    // Placeholders stay as `{name}` tokens that the chat box fills in itself.
    let args: Vec<(&str, FluentValue)> = ["name", "count", "email"]
        .into_iter()
        .map(|n| (n, FluentValue::from(format!("{{{n}}}"))))
        .collect();
    let strings = state
        .catalogs
        .keys(crate::i18n::FALLBACK)
        .into_iter()
        .filter_map(|key| {
            let short = key.strip_prefix(PREFIX)?.to_owned();
            Some((short, state.catalogs.t(&locale, &key, &args)))
        })
        .collect();
    let body = WidgetConfig {
        language: locale.0,
        account_name: account.name.to_string(),
        agents_online: agents_online(&state, account.id).await?,
        strings,
    };
    let mut response = Json(body).into_response();
    if let Some(origin) = headers.get(header::ORIGIN) {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        headers.insert(
            header::HeaderName::from_static(TIMING_ALLOW_ORIGIN),
            origin.clone(),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    Ok(response)
}
