//! The demo page: a small fake shop where the chat box is mounted, so a newcomer can chat
//! with themself right after the first start.

use crate::{
    error::AppError,
    state::AppState,
    web::{render, Lang},
};
use axum::{extract::State, response::Html};
use minijinja::context;

/// `GET /demo`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
) -> Result<Html<String>, AppError> {
    let account = state.store.list_accounts().await?.into_iter().next();
    render(
        &state,
        &locale,
        "demo.html",
        context! { widget_key => account.map(|a| a.widget_key) },
    )
}
