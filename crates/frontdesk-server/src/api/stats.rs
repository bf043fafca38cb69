//! `/api/v1/stats/…`, `/api/v1/usage/history`, `/api/v1/billing/ledger`: the numbers of
//! the dashboard's statistics and usage pages (§7, §8), computed by the same code.

use super::{
    auth::Authenticated,
    error::ApiError,
    extract::{Json, Query},
    responses::Failures,
    stats_model::{
        ChatbotStatsOut, ConversationStatsOut, LedgerEntryOut, RangeFilter, UsageHistoryOut,
    },
};
use crate::{
    state::AppState,
    stats::{self, StatsError},
};
use axum::extract::State;
use frontdesk_core::{account::Account, api_key::Scope};

impl From<StatsError> for ApiError {
    fn from(err: StatsError) -> Self {
        match err {
            StatsError::Range(range) => Self::InvalidRequest(range.to_string()),
            StatsError::UnknownAgent(_) => Self::NotFound("agent"),
            StatsError::UnknownChatbot(_) => Self::NotFound("chatbot"),
            StatsError::Store(err) => err.into(),
        }
    }
}

/// The range asked for; unlike the dashboard's form, the API has no empty fields, so an
/// empty date is a mistake rather than "the default".
fn range(
    state: &AppState,
    account: &Account,
    filter: &RangeFilter,
) -> Result<frontdesk_core::stats::DateRange, ApiError> {
    for date in [&filter.from, &filter.to].into_iter().flatten() {
        if date.trim().is_empty() {
            return Err(ApiError::InvalidRequest(
                "a date must be YYYY-MM-DD; leave the parameter out for the default".into(),
            ));
        }
    }
    Ok(stats::parse_range(
        state,
        account,
        filter.from.as_deref(),
        filter.to.as_deref(),
    )?)
}

/// Conversations per day, with response and close times, for the team and per agent
/// (`id` narrows it to one agent).
#[utoipa::path(
    get,
    path = "/api/v1/stats/conversations",
    tag = "statistics",
    params(RangeFilter),
    responses((status = 200, description = "The statistics", body = ConversationStatsOut), Failures),
    security(("api_key" = ["stats:read"]))
)]
pub async fn conversations(
    State(state): State<AppState>,
    auth: Authenticated,
    Query(filter): Query<RangeFilter>,
) -> Result<Json<ConversationStatsOut>, ApiError> {
    auth.require(Scope::StatsRead)?;
    let account = auth.load_account(&state).await?;
    let range = range(&state, &account, &filter)?;
    let report = stats::conversations(&state, &account, &range, filter.id).await?;
    Ok(Json((&report).into()))
}

/// Chatbots per language and day, with each one's funnel (`id` narrows it to one chatbot).
#[utoipa::path(
    get,
    path = "/api/v1/stats/chatbots",
    tag = "statistics",
    params(RangeFilter),
    responses((status = 200, description = "The statistics", body = ChatbotStatsOut), Failures),
    security(("api_key" = ["stats:read"]))
)]
pub async fn chatbots(
    State(state): State<AppState>,
    auth: Authenticated,
    Query(filter): Query<RangeFilter>,
) -> Result<Json<ChatbotStatsOut>, ApiError> {
    auth.require(Scope::StatsRead)?;
    let account = auth.load_account(&state).await?;
    let range = range(&state, &account, &filter)?;
    let report = stats::chatbots(&state, &account, &range, filter.id).await?;
    Ok(Json((&report).into()))
}

/// The current billing period's chatbot conversations, day by day.
#[utoipa::path(
    get,
    path = "/api/v1/usage/history",
    tag = "usage",
    responses((status = 200, description = "This period by day", body = UsageHistoryOut), Failures),
    security(("api_key" = ["usage:read"]))
)]
pub async fn usage_history(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<UsageHistoryOut>, ApiError> {
    auth.require(Scope::UsageRead)?;
    let account = auth.load_account(&state).await?;
    let history = stats::usage_history(&state, &account).await?;
    Ok(Json((&history).into()))
}

/// The billing ledger, oldest first: add-ons bought, renewed and reduced (§7.3).
#[utoipa::path(
    get,
    path = "/api/v1/billing/ledger",
    tag = "usage",
    responses((status = 200, description = "The ledger", body = Vec<LedgerEntryOut>), Failures),
    security(("api_key" = ["usage:read"]))
)]
pub async fn ledger(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<Vec<LedgerEntryOut>>, ApiError> {
    auth.require(Scope::UsageRead)?;
    let entries = state.store.billing_ledger(auth.account()).await?;
    Ok(Json(entries.iter().map(LedgerEntryOut::from).collect()))
}
