//! `/api/v1/agents` (writing): add agents and admins, activate and deactivate them — what
//! an admin does on the dashboard's agents page. Owners are made and changed only by an
//! owner in the dashboard (or by the operator), never with an account's API key.

use super::{
    auth::Authenticated,
    error::ApiError,
    extract::{Json, Path},
    idempotency::{self, Created},
    model::AgentOut,
    responses::{BodyFailures, Failures},
};
use crate::{
    accounts::{create_agent, given_or_generated, AgentDraft},
    state::AppState,
};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
};
use frontdesk_core::{
    account::DisplayName,
    agent::{AgentState, Email, Role},
    api_key::Scope,
    ids::AgentId,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A role an API key may give.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoleIn {
    Admin,
    Agent,
}

/// A new agent.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgentIn {
    #[schema(max_length = 254)]
    pub email: String,
    #[schema(max_length = 120)]
    pub name: String,
    #[schema(inline)]
    pub role: RoleIn,
    /// At least 10 characters; generated (and returned once) when left out.
    #[schema(max_length = 1000)]
    pub password: Option<String>,
}

/// A created agent.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgentCreatedOut {
    pub agent: AgentOut,
    /// The generated password, shown this once; absent when one was given.
    pub password: Option<String>,
}

/// An agent's state.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StateIn {
    Active,
    Inactive,
}

/// Changes to an agent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgentUpdateIn {
    /// `inactive`: reads history and statistics only, takes no chats.
    #[schema(inline)]
    pub state: StateIn,
}

/// Adds an agent or admin to the account. With an `Idempotency-Key`, a retry adds nobody
/// and answers with the first agent (without the generated password, shown once).
#[utoipa::path(
    post,
    path = "/api/v1/agents",
    tag = "agents",
    params(
        ("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{1,64}$",
            description = "1 to 64 printable ASCII characters naming this request across retries"),
    ),
    request_body = NewAgentIn,
    responses(
        (status = 201, description = "Added", body = AgentCreatedOut),
        (status = 200, description = "A retry: the agent added the first time", body = AgentCreatedOut),
        Failures, BodyFailures
    ),
    security(("api_key" = ["agents:write"]))
)]
pub async fn create(
    State(state): State<AppState>,
    auth: Authenticated,
    headers: HeaderMap,
    Json(input): Json<NewAgentIn>,
) -> Result<(StatusCode, Json<AgentCreatedOut>), ApiError> {
    auth.require(Scope::AgentsWrite)?;
    let request = serde_json::to_vec(&input).unwrap_or_default();
    let outcome = idempotency::once(
        &state,
        &auth.idempotency_owner(),
        "create_agent",
        &headers,
        &request,
        || async {
            let created = add(&state, &auth, input).await?;
            let id = created.agent.id.to_string();
            Ok((created, id))
        },
        |id| {
            let (state, auth) = (&state, &auth);
            async move {
                let agent = state
                    .store
                    .agent(auth.account(), AgentId(id.parse().unwrap_or(-1)))
                    .await?
                    .ok_or(ApiError::NotFound("agent"))?;
                Ok(AgentCreatedOut {
                    agent: (&agent).into(),
                    password: None,
                })
            }
        },
    )
    .await?;
    Ok(match outcome {
        Created::New(created) => (StatusCode::CREATED, Json(created)),
        Created::Replayed(created) => (StatusCode::OK, Json(created)),
    })
}

async fn add(
    state: &AppState,
    auth: &Authenticated,
    input: NewAgentIn,
) -> Result<AgentCreatedOut, ApiError> {
    let draft = AgentDraft {
        email: Email::parse(&input.email)?,
        name: DisplayName::parse(&input.name)?,
        role: match input.role {
            RoleIn::Admin => Role::Admin,
            RoleIn::Agent => Role::Agent,
        },
    };
    let (password, generated) = given_or_generated(input.password.as_deref())?;
    let account = auth.load_account(state).await?;
    let agent = create_agent(
        &*state.store,
        &state.passwords,
        &account,
        draft,
        &password,
        state.now_ms(),
    )
    .await
    .map_err(ApiError::Internal)?
    .map_err(|err| match err {
        frontdesk_store::StoreError::Conflict(_) => {
            ApiError::Conflict("an agent with this e-mail address exists already".into())
        }
        other => other.into(),
    })?;
    Ok(AgentCreatedOut {
        agent: (&agent).into(),
        password: generated,
    })
}

/// Activates or deactivates an agent or admin. An inactive agent keeps reading history and
/// statistics and takes no chats (§1).
#[utoipa::path(
    patch,
    path = "/api/v1/agents/{id}",
    tag = "agents",
    params(("id" = i64, Path, description = "Agent id", example = 1)),
    request_body = AgentUpdateIn,
    responses((status = 200, description = "The agent as stored", body = AgentOut), Failures, BodyFailures),
    security(("api_key" = ["agents:write"]))
)]
pub async fn update(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
    Json(change): Json<AgentUpdateIn>,
) -> Result<Json<AgentOut>, ApiError> {
    auth.require(Scope::AgentsWrite)?;
    let agent = state
        .store
        .agent(auth.account(), AgentId(id))
        .await?
        .ok_or(ApiError::NotFound("agent"))?;
    if agent.role == Role::Owner {
        return Err(ApiError::Conflict(
            "owners are changed by an owner in the dashboard, not with an API key".into(),
        ));
    }
    let new_state = match change.state {
        StateIn::Active => AgentState::Active,
        StateIn::Inactive => AgentState::Inactive,
    };
    state
        .store
        .set_agent_state(auth.account(), agent.id, new_state)
        .await?;
    let stored = state
        .store
        .agent(auth.account(), agent.id)
        .await?
        .ok_or(ApiError::NotFound("agent"))?;
    Ok(Json((&stored).into()))
}
