//! The agent inbox page; its live part runs over `/ws/agent`.

use crate::{
    error::AppError,
    state::AppState,
    web::{render, CurrentAgent, Lang},
};
use axum::{extract::State, response::Html};
use minijinja::{context, Value};

/// `GET /dashboard/inbox`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
) -> Result<Html<String>, AppError> {
    render(
        &state,
        &locale,
        "inbox.html",
        context! {
            nav => "inbox",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            csrf => current.session.csrf_token,
        },
    )
}
