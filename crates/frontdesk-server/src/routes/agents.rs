//! Agents of the logged-in agent's account: viewing, adding, (de)activating.
//! Every lookup is scoped by the session's account, so another account's agent is a 404.

use crate::{
    accounts::{create_agent, AgentDraft},
    error::AppError,
    state::AppState,
    web::{check_csrf, render, CurrentAgent, Lang},
};
use axum::{
    extract::{Path, State},
    response::{Html, Redirect},
    Form,
};
use axum_extra::extract::WithRejection;
use frontdesk_core::{
    account::DisplayName,
    agent::{AgentState, Email, NewPassword, Role},
    ids::AgentId,
};
use minijinja::{context, Value};
use serde::Deserialize;

fn parse_id(raw: &str) -> Result<AgentId, AppError> {
    raw.parse().map(AgentId).map_err(|_| AppError::NotFound)
}

/// `GET /dashboard/agents/{id}`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let agent = state
        .store
        .agent(current.account.id, parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        &state,
        &locale,
        "agent.html",
        context! {
            nav => "overview",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            agent => Value::from_serialize(&agent),
            can_manage => current.agent.role.manages_account() && agent.id != current.agent.id,
            csrf => current.session.csrf_token,
        },
    )
}

/// The add-agent form as posted.
#[derive(Deserialize)]
pub struct NewAgentForm {
    email: String,
    name: String,
    role: String,
    password: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/agents`
pub async fn create(
    State(state): State<AppState>,
    current: CurrentAgent,
    WithRejection(Form(form), _): WithRejection<Form<NewAgentForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    let role: Role = form.role.parse()?;
    // Only an owner may make another owner; admins manage agents and admins.
    if !current.agent.role.manages_account()
        || (role == Role::Owner && current.agent.role != Role::Owner)
    {
        return Err(AppError::Forbidden);
    }
    let draft = AgentDraft {
        email: Email::parse(&form.email)?,
        name: DisplayName::parse(&form.name)?,
        role,
    };
    let password = NewPassword::parse(&form.password)?;
    let agent = create_agent(
        &*state.store,
        &state.passwords,
        &current.account,
        draft,
        &password,
        state.now_ms(),
    )
    .await??;
    tracing::info!(agent = %agent.id, account = %agent.account_id, "agent created");
    Ok(Redirect::to(&format!("/dashboard/agents/{}", agent.id)))
}

/// The activate/deactivate form as posted.
#[derive(Deserialize)]
pub struct StateForm {
    state: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/agents/{id}/state`
pub async fn set_state(
    State(state): State<AppState>,
    current: CurrentAgent,
    Path(id): Path<String>,
    WithRejection(Form(form), _): WithRejection<Form<StateForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    let id = parse_id(&id)?;
    if !current.agent.role.manages_account() || id == current.agent.id {
        return Err(AppError::Forbidden);
    }
    let new_state: AgentState = form.state.parse()?;
    state
        .store
        .set_agent_state(current.account.id, id, new_state)
        .await?;
    state.hub.forget_availability(current.account.id);
    Ok(Redirect::to(&format!("/dashboard/agents/{id}")))
}
