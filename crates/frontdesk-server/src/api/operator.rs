//! `/api/v1/operator/…`: the installation's own endpoints, authenticated by an operator key
//! (`fdo_…`): accounts, their plans, and their first API keys (§1, §7.4). An account's own
//! API keys cannot reach these, and an operator key reads nothing inside an account.

use super::{
    auth::Operator,
    error::ApiError,
    extract::{Json, Path},
    idempotency::{self, Created},
    operator_model::{
        AccountCreatedOut, AccountOut, AccountUpdateIn, ApiKeyCreatedOut, NewAccountIn,
        NewApiKeyIn, PlanOut,
    },
    responses::{BodyFailures, Failures},
};
use crate::{
    accounts::{create_agent, given_or_generated, AgentDraft},
    state::AppState,
};
use axum::{extract::State, http::HeaderMap, http::StatusCode};
use frontdesk_core::{
    account::{Account, AllowedDomain, DisplayName, Language, NewAccount, TimeZoneName},
    agent::{Email, Role},
    api_key::{parse_scopes, KeyName},
    ids::AccountId,
    office_hours::OfficeHours,
};

async fn load(state: &AppState, id: i64) -> Result<Account, ApiError> {
    state
        .store
        .account(AccountId(id))
        .await?
        .ok_or(ApiError::NotFound("account"))
}

fn unknown_plan(state: &AppState, plan: &str) -> ApiError {
    let known: Vec<&str> = state.config.plans.iter().map(|p| p.code.as_str()).collect();
    ApiError::InvalidRequest(format!(
        "'{plan}' is not a plan of the catalog (use one of {})",
        known.join(", ")
    ))
}

/// Every account, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/operator/accounts",
    tag = "operator",
    responses((status = 200, description = "The accounts", body = Vec<AccountOut>), Failures),
    security(("operator_key" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    _operator: Operator,
) -> Result<Json<Vec<AccountOut>>, ApiError> {
    let accounts = state.store.list_accounts().await?;
    Ok(Json(accounts.iter().map(AccountOut::from).collect()))
}

/// Creates an account and its first owner, who can then log in to the dashboard. With an
/// `Idempotency-Key`, a retry creates nothing and answers with the first account (without
/// the generated password, which is shown once).
#[utoipa::path(
    post,
    path = "/api/v1/operator/accounts",
    tag = "operator",
    params(
        ("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{1,64}$",
            description = "1 to 64 printable ASCII characters naming this request across retries"),
    ),
    request_body = NewAccountIn,
    responses(
        (status = 201, description = "Created", body = AccountCreatedOut),
        (status = 200, description = "A retry: the account created the first time", body = AccountCreatedOut),
        Failures, BodyFailures
    ),
    security(("operator_key" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    operator: Operator,
    headers: HeaderMap,
    Json(input): Json<NewAccountIn>,
) -> Result<(StatusCode, Json<AccountCreatedOut>), ApiError> {
    let request = serde_json::to_vec(&input).unwrap_or_default();
    let outcome = idempotency::once(
        &state,
        &operator.idempotency_owner(),
        "create_account",
        &headers,
        &request,
        || async {
            let created = create_account(&state, input).await?;
            let id = created.account.id.to_string();
            Ok((created, id))
        },
        |id| {
            let state = &state;
            async move {
                let account = load(state, id.parse().unwrap_or(-1)).await?;
                let agents = state.store.list_agents(account.id).await?;
                let owner = agents
                    .iter()
                    .find(|a| a.role == Role::Owner)
                    .ok_or(ApiError::NotFound("owner"))?;
                Ok(AccountCreatedOut {
                    account: (&account).into(),
                    owner: owner.into(),
                    owner_password: None,
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

async fn create_account(
    state: &AppState,
    input: NewAccountIn,
) -> Result<AccountCreatedOut, ApiError> {
    // Everything is checked before anything is stored, so a refusal leaves no half account.
    let plan = input
        .plan
        .clone()
        .unwrap_or_else(|| state.config.default_plan.clone());
    if !state.config.plans.iter().any(|p| p.code == plan) {
        return Err(unknown_plan(state, &plan));
    }
    let new = NewAccount {
        name: DisplayName::parse(&input.name)?,
        allowed_domains: input
            .allowed_domains
            .iter()
            .map(|d| AllowedDomain::parse(d))
            .collect::<Result<_, _>>()?,
        time_zone: TimeZoneName::parse(input.time_zone.as_deref().unwrap_or("UTC"))?,
        default_language: Language::parse(input.default_language.as_deref().unwrap_or("en"))?,
        office_hours: OfficeHours::parse(
            input
                .office_hours
                .as_deref()
                .unwrap_or("mon-fri 09:00-17:00"),
        )?,
        plan,
    };
    let draft = AgentDraft {
        email: Email::parse(&input.owner.email)?,
        name: DisplayName::parse(&input.owner.name)?,
        role: Role::Owner,
    };
    let (password, generated) = given_or_generated(input.owner.password.as_deref())?;
    if state.store.login_candidate(&draft.email).await?.is_some() {
        return Err(ApiError::Conflict(
            "an agent with this e-mail address exists already".into(),
        ));
    }
    let account = state.store.create_account(&new, state.now_ms()).await?;
    let owner = create_agent(
        &*state.store,
        &state.passwords,
        &account,
        draft,
        &password,
        state.now_ms(),
    )
    .await
    .map_err(ApiError::Internal)??;
    Ok(AccountCreatedOut {
        account: (&account).into(),
        owner: (&owner).into(),
        owner_password: generated,
    })
}

/// One account.
#[utoipa::path(
    get,
    path = "/api/v1/operator/accounts/{id}",
    tag = "operator",
    params(("id" = i64, Path, description = "Account id", example = 1)),
    responses((status = 200, description = "The account", body = AccountOut), Failures),
    security(("operator_key" = []))
)]
pub async fn read(
    State(state): State<AppState>,
    _operator: Operator,
    Path(id): Path<i64>,
) -> Result<Json<AccountOut>, ApiError> {
    Ok(Json((&load(&state, id).await?).into()))
}

/// Moves an account to another plan (the new limit applies at once and the change is
/// written to its billing ledger) or changes its office hours.
#[utoipa::path(
    patch,
    path = "/api/v1/operator/accounts/{id}",
    tag = "operator",
    params(("id" = i64, Path, description = "Account id", example = 1)),
    request_body = AccountUpdateIn,
    responses((status = 200, description = "The account as stored", body = AccountOut), Failures, BodyFailures),
    security(("operator_key" = []))
)]
pub async fn update(
    State(state): State<AppState>,
    _operator: Operator,
    Path(id): Path<i64>,
    Json(change): Json<AccountUpdateIn>,
) -> Result<Json<AccountOut>, ApiError> {
    let account = load(&state, id).await?;
    let hours = change
        .office_hours
        .as_deref()
        .map(OfficeHours::parse)
        .transpose()?;
    if let Some(plan) = &change.plan {
        if !crate::metering::change_plan(&state, &account, plan).await? {
            return Err(unknown_plan(&state, plan));
        }
    }
    if let Some(hours) = hours {
        state
            .store
            .set_account_office_hours(account.id, &hours)
            .await?;
    }
    Ok(Json((&load(&state, id).await?).into()))
}

/// Issues an API key of the account, so a provisioning script can go on with the account
/// API. The token is in this response only. With an `Idempotency-Key`, a retry creates no
/// second key; since the token cannot be shown again, it is answered with 409.
#[utoipa::path(
    post,
    path = "/api/v1/operator/accounts/{id}/api-keys",
    tag = "operator",
    params(
        ("id" = i64, Path, description = "Account id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{1,64}$",
            description = "1 to 64 printable ASCII characters naming this request across retries"),
    ),
    request_body = NewApiKeyIn,
    responses((status = 201, description = "Created", body = ApiKeyCreatedOut), Failures, BodyFailures),
    security(("operator_key" = []))
)]
pub async fn create_api_key(
    State(state): State<AppState>,
    operator: Operator,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(input): Json<NewApiKeyIn>,
) -> Result<(StatusCode, Json<ApiKeyCreatedOut>), ApiError> {
    let account = load(&state, id).await?;
    let mut request = serde_json::to_vec(&input).unwrap_or_default();
    request.extend_from_slice(&id.to_be_bytes());
    let outcome = idempotency::once(
        &state,
        &operator.idempotency_owner(),
        "create_api_key",
        &headers,
        &request,
        || async {
            let name = KeyName::parse(&input.name)?;
            let scopes = parse_scopes(&input.scopes)?;
            let (key, token) = super::keys::issue(
                &*state.store,
                account.id,
                name.as_str(),
                scopes,
                state.now_ms(),
            )
            .await?;
            let id = key.id.to_string();
            Ok((ApiKeyCreatedOut::new(&key, Some(token)), id))
        },
        |_| async {
            Err(ApiError::Conflict(
                "the first request with this Idempotency-Key created the key; its token was \
                 in that response and cannot be shown again (revoke the key if it was lost)"
                    .into(),
            ))
        },
    )
    .await?;
    match outcome {
        Created::New(created) | Created::Replayed(created) => {
            Ok((StatusCode::CREATED, Json(created)))
        }
    }
}

/// The plan catalog (§7.4).
#[utoipa::path(
    get,
    path = "/api/v1/operator/plans",
    tag = "operator",
    responses((status = 200, description = "The plans", body = Vec<PlanOut>), Failures),
    security(("operator_key" = []))
)]
pub async fn plans(
    State(state): State<AppState>,
    _operator: Operator,
) -> Result<Json<Vec<PlanOut>>, ApiError> {
    Ok(Json(state.config.plans.iter().map(PlanOut::from).collect()))
}
