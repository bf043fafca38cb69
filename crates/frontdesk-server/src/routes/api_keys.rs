//! The API keys page (§9, §10): the account's keys, a form to create one, and revoking.
//! Owners and admins only, since a key can read and change the whole account. A new key's
//! token is shown on the creating response alone: it is never stored, put in a URL or cached.

use crate::{
    api::keys,
    error::AppError,
    i18n::Locale,
    state::AppState,
    web::{check_csrf, render, CurrentAgent, Lang},
};
use axum::{
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Form,
};
use axum_extra::extract::WithRejection;
use chrono::TimeZone;
use frontdesk_core::{
    account::TimeZoneName,
    api_key::{parse_scopes, KeyName, Scope, NAME_MAX},
};
use frontdesk_store::{ApiKey, IdempotencyClaim};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

/// One listed key, everything but the token (which is not stored anyway).
#[derive(Serialize)]
struct KeyRow {
    id: i64,
    name: String,
    scopes: Vec<&'static str>,
    hint: String,
    created: String,
    last_used: Option<String>,
    revoked: Option<String>,
}

/// One checkbox of the create form.
#[derive(Serialize)]
struct ScopeChoice {
    name: &'static str,
    /// Catalog id of the scope's description.
    description: String,
    checked: bool,
}

/// The create form as typed, shown again when it is refused.
#[derive(Default)]
struct Draft {
    name: String,
    scopes: Vec<String>,
}

/// What the page shows beside the list.
#[derive(Default)]
struct Outcome {
    /// Catalog ids of the reasons the form was refused.
    errors: Vec<&'static str>,
    /// The name and token of the key just created.
    created: Option<(String, String)>,
    /// Catalog id of a notice after a redirect.
    notice: Option<&'static str>,
}

fn require_manager(current: &CurrentAgent) -> Result<(), AppError> {
    if current.agent.role.manages_account() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn local_time(zone: &TimeZoneName, ms: i64) -> String {
    zone.tz()
        .timestamp_millis_opt(ms)
        .single()
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

fn row(zone: &TimeZoneName, key: ApiKey) -> KeyRow {
    KeyRow {
        id: key.id,
        scopes: key.scopes.iter().map(|s| s.as_str()).collect(),
        hint: key.token_hint,
        created: local_time(zone, key.created_at_ms),
        last_used: key.last_used_at_ms.map(|ms| local_time(zone, ms)),
        revoked: key.revoked_at_ms.map(|ms| local_time(zone, ms)),
        name: key.name,
    }
}

async fn show(
    state: &AppState,
    locale: &Locale,
    current: &CurrentAgent,
    draft: &Draft,
    outcome: Outcome,
) -> Result<Html<String>, AppError> {
    let keys: Vec<KeyRow> = state
        .store
        .list_api_keys(current.account.id)
        .await?
        .into_iter()
        .map(|k| row(&current.account.time_zone, k))
        .collect();
    let scopes: Vec<ScopeChoice> = Scope::ALL
        .iter()
        .map(|s| ScopeChoice {
            name: s.as_str(),
            description: format!("apikeys-scope-{}", s.as_str().replace(':', "-")),
            checked: draft.scopes.iter().any(|typed| typed == s.as_str()),
        })
        .collect();
    let (created_name, token) = outcome.created.unzip();
    render(
        state,
        locale,
        "api_keys.html",
        context! {
            nav => "api-keys",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            csrf => current.session.csrf_token.clone(),
            request_id => crate::web::random_token(),
            keys => Value::from_serialize(&keys),
            scopes => Value::from_serialize(&scopes),
            draft_name => draft.name.clone(),
            name_max => NAME_MAX,
            errors => outcome.errors,
            created_name => created_name,
            token => token,
            notice => outcome.notice,
        },
    )
}

#[derive(Deserialize, Default)]
pub struct Notice {
    #[serde(default)]
    notice: String,
}

/// `GET /dashboard/api-keys`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Query(query): Query<Notice>,
) -> Result<Html<String>, AppError> {
    require_manager(&current)?;
    let outcome = Outcome {
        notice: (query.notice == "revoked").then_some("apikeys-notice-revoked"),
        ..Outcome::default()
    };
    show(&state, &locale, &current, &Draft::default(), outcome).await
}

/// Names the create form's request ids among idempotency keys.
const FORM_OPERATION: &str = "dashboard_create_api_key";

/// `POST /dashboard/api-keys`: creates a key and answers with the page showing its token.
/// The fields come as pairs because every ticked scope repeats the `scope` field.
pub async fn create(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    WithRejection(Form(fields), _): WithRejection<Form<Vec<(String, String)>>, AppError>,
) -> Result<Response, AppError> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    check_csrf(&current.session.csrf_token, field("csrf"))?;
    require_manager(&current)?;
    let draft = Draft {
        name: field("name").to_owned(),
        scopes: fields
            .iter()
            .filter(|(k, _)| k == "scope")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    let name = KeyName::parse(&draft.name);
    // No scope ticked is a mistake to explain; an unknown one can only be a forged form.
    let scopes = if draft.scopes.is_empty() {
        None
    } else {
        Some(parse_scopes(&draft.scopes)?)
    };
    let mut errors = Vec::new();
    if name.is_err() {
        errors.push("apikeys-error-name");
    }
    if scopes.is_none() {
        errors.push("apikeys-error-scopes");
    }
    let (Ok(name), Some(scopes)) = (name, scopes) else {
        let outcome = Outcome {
            errors,
            ..Outcome::default()
        };
        let page = show(&state, &locale, &current, &draft, outcome).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    // Each rendering of the form carries a fresh request id: a browser sending the same form
    // again (a reload of the result page) creates no second key.
    let request_id = field("request_id");
    let owner = format!("dashboard:{}", current.account.id);
    if !request_id.is_empty() {
        frontdesk_core::conversation::ClientId::parse(request_id)?;
        let claim = state
            .store
            .claim_idempotency_key(&owner, FORM_OPERATION, request_id, "", state.now_ms())
            .await?;
        if claim != IdempotencyClaim::Claimed {
            let outcome = Outcome {
                notice: Some("apikeys-notice-already-created"),
                ..Outcome::default()
            };
            let page = show(&state, &locale, &current, &Draft::default(), outcome).await?;
            return Ok(page.into_response());
        }
    }
    let issued = keys::issue(
        &*state.store,
        current.account.id,
        name.as_str(),
        scopes,
        state.now_ms(),
    )
    .await;
    let (key, token) = match issued {
        Ok(issued) => issued,
        Err(err) => {
            if !request_id.is_empty() {
                state
                    .store
                    .release_idempotency_key(&owner, FORM_OPERATION, request_id)
                    .await?;
            }
            return Err(err.into());
        }
    };
    if !request_id.is_empty() {
        state
            .store
            .complete_idempotency_key(&owner, FORM_OPERATION, request_id, &key.id.to_string())
            .await?;
    }
    tracing::info!(key = key.id, account = %current.account.id, "API key created");
    let outcome = Outcome {
        created: Some((key.name, token)),
        ..Outcome::default()
    };
    let page = show(&state, &locale, &current, &Draft::default(), outcome).await?;
    // The token is in this body only: no cache or history may keep a copy.
    Ok(([(header::CACHE_CONTROL, "no-store")], page).into_response())
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/api-keys/{id}/revoke`: the key is refused from the next request on.
pub async fn revoke(
    State(state): State<AppState>,
    current: CurrentAgent,
    Path(id): Path<String>,
    WithRejection(Form(form), _): WithRejection<Form<RevokeForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .store
        .revoke_api_key(current.account.id, id, state.now_ms())
        .await?;
    tracing::info!(key = id, account = %current.account.id, "API key revoked");
    Ok(Redirect::to("/dashboard/api-keys?notice=revoked"))
}
