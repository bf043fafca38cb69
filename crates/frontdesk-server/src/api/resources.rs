//! `/api/v1/agents`, the chatbot list, `/api/v1/usage`: what the dashboard shows.

use super::{
    auth::Authenticated,
    error::ApiError,
    extract::Json,
    model::{AgentOut, ChatbotOut, UsageOut},
    responses::Failures,
};
use crate::state::AppState;
use axum::extract::State;
use frontdesk_core::api_key::Scope;

/// The account's agents, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/agents",
    tag = "agents",
    responses((status = 200, description = "The agents", body = Vec<AgentOut>), Failures),
    security(("api_key" = ["agents:read"]))
)]
pub async fn agents(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<Vec<AgentOut>>, ApiError> {
    auth.require(Scope::AgentsRead)?;
    let agents = state.store.list_agents(auth.account()).await?;
    Ok(Json(agents.iter().map(AgentOut::from).collect()))
}

/// The account's chatbots.
#[utoipa::path(
    get,
    path = "/api/v1/chatbots",
    tag = "chatbots",
    responses((status = 200, description = "The chatbots", body = Vec<ChatbotOut>), Failures),
    security(("api_key" = ["chatbots:read"]))
)]
pub async fn chatbots(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<Vec<ChatbotOut>>, ApiError> {
    auth.require(Scope::ChatbotsRead)?;
    let bots = state.store.list_chatbots(auth.account()).await?;
    Ok(Json(bots.iter().map(ChatbotOut::from).collect()))
}

/// Chatbot conversations this billing period against the plan's limit (§7).
#[utoipa::path(
    get,
    path = "/api/v1/usage",
    tag = "usage",
    responses((status = 200, description = "This period's usage", body = UsageOut), Failures),
    security(("api_key" = ["usage:read"]))
)]
pub async fn usage(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<UsageOut>, ApiError> {
    auth.require(Scope::UsageRead)?;
    let account = auth.load_account(&state).await?;
    let (period, quota) = crate::metering::quota(&state, &account).await?;
    Ok(Json(UsageOut {
        plan: crate::metering::plan_of(&state, &account).code,
        period_start: period.start_ms,
        period_end: period.end_ms,
        renews_on: period.renews_on.to_string(),
        used: quota.used,
        limit: quota.limit,
        remaining: quota.remaining(),
    }))
}
