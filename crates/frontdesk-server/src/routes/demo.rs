//! The demo page: a small fake shop where the chat box is mounted, so a newcomer can chat
//! with themself right after the first start.

use crate::{
    error::AppError,
    state::AppState,
    web::{public_base, render, Lang},
};
use axum::{extract::State, http::HeaderMap, response::Html};
use minijinja::context;

/// `GET /demo`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    let account = state.store.list_accounts().await?.into_iter().next();
    render(
        &state,
        &locale,
        "demo.html",
        context! {
            widget_key => account.map(|a| a.widget_key),
            base => public_base(&headers),
        },
    )
}
