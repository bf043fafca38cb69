//! The demo page: a small fake shop where the chat box is mounted, so a newcomer can chat
//! with themself right after the first start.

use crate::{
    error::AppError,
    state::AppState,
    web::{public_base, render, Lang},
};
use axum::{extract::State, http::HeaderMap, response::Html};
use minijinja::context;

/// `GET /demo`: the shop's front page.
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    demo_page(&state, &locale, &headers, false).await
}

/// `GET /demo/pricing`: a second page, so chatbots limited to some pages can be tried (§5).
pub async fn pricing(
    State(state): State<AppState>,
    Lang(locale): Lang,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    demo_page(&state, &locale, &headers, true).await
}

async fn demo_page(
    state: &AppState,
    locale: &crate::i18n::Locale,
    headers: &HeaderMap,
    pricing: bool,
) -> Result<Html<String>, AppError> {
    let account = state.store.list_accounts().await?.into_iter().next();
    render(
        state,
        locale,
        "demo.html",
        context! {
            widget_key => account.map(|a| a.widget_key),
            base => public_base(headers),
            pricing => pricing,
        },
    )
}
