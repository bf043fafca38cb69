//! Authenticating API requests: `Authorization: Bearer fdk_…`, a key that is not revoked,
//! within its request budget; each handler then asks for the scope it needs.

use super::error::ApiError;
use crate::state::AppState;
use axum::{extract::FromRequestParts, http::request::Parts};
use frontdesk_core::{api_key::Scope, ids::AccountId};
use frontdesk_store::{ApiKey, OperatorKey};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;

/// Request budgets, one per API key.
pub struct KeyLimits(DefaultKeyedRateLimiter<i64>);

impl KeyLimits {
    /// `per_minute` requests a minute per key, in bursts of up to as many.
    pub fn new(per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        Self(RateLimiter::keyed(Quota::per_minute(per_minute)))
    }
}

/// The bearer token of a request.
fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let header =
        parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or(ApiError::Unauthorized(
                "send an API key as \"Authorization: Bearer fdk_…\"",
            ))?;
    header
        .to_str()
        .ok()
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(ApiError::Unauthorized(
            "the Authorization header must be \"Bearer fdk_…\"",
        ))
}

/// Spends one request of a key's budget. Operator keys count under negative ids, so the
/// two kinds of keys never share a budget.
fn spend(state: &AppState, budget_id: i64) -> Result<(), ApiError> {
    if let Err(not_until) = state.api_limits.0.check_key(&budget_id) {
        let wait =
            not_until.wait_time_from(governor::clock::Clock::now(state.api_limits.0.clock()));
        return Err(ApiError::RateLimited(wait.as_secs().max(1)));
    }
    Ok(())
}

/// The operator key a request was made with: it manages accounts, and reads nothing
/// inside them.
#[derive(Debug, Clone)]
pub struct Operator(pub OperatorKey);

impl Operator {
    /// Whose idempotency keys this request's are.
    pub fn idempotency_owner(&self) -> String {
        format!("operator:{}", self.0.id)
    }
}

impl FromRequestParts<AppState> for Operator {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?;
        let key = super::keys::find_operator(&*state.store, token)
            .await?
            .ok_or(ApiError::Unauthorized(
            "this needs an operator key (fdo_…); create one with `frontdesk operator-key create`",
        ))?;
        if !key.is_active() {
            return Err(ApiError::Unauthorized("this operator key was revoked"));
        }
        spend(state, -key.id)?;
        let now = state.now_ms();
        if key.last_used_at_ms.is_none_or(|t| now - t > 60_000) {
            state.store.touch_operator_key(key.id, now).await?;
        }
        Ok(Self(key))
    }
}

/// The API key a request was made with.
#[derive(Debug, Clone)]
pub struct Authenticated(pub ApiKey);

impl Authenticated {
    /// The account every lookup is scoped to.
    pub fn account(&self) -> AccountId {
        self.0.account_id
    }

    /// The key's account, as stored now (refused if it was removed meanwhile).
    pub async fn load_account(
        &self,
        state: &AppState,
    ) -> Result<frontdesk_core::account::Account, ApiError> {
        state
            .store
            .account(self.account())
            .await?
            .ok_or(ApiError::Unauthorized(
                "the API key's account no longer exists",
            ))
    }

    /// Whose idempotency keys this request's are: the account's, shared by its API keys.
    pub fn idempotency_owner(&self) -> String {
        format!("account:{}", self.0.account_id.0)
    }

    /// Refuses the request unless the key carries `scope`.
    pub fn require(&self, scope: Scope) -> Result<(), ApiError> {
        if self.0.allows(scope) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(scope.as_str()))
        }
    }
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?;
        let key = super::keys::find(&*state.store, token)
            .await?
            .ok_or(ApiError::Unauthorized("unknown API key"))?;
        if !key.is_active() {
            return Err(ApiError::Unauthorized("this API key was revoked"));
        }
        spend(state, key.id)?;
        let now = state.now_ms();
        // Recording the last use at most once a minute keeps reads from writing every time.
        if key.last_used_at_ms.is_none_or(|t| now - t > 60_000) {
            state.store.touch_api_key(key.id, now).await?;
        }
        Ok(Self(key))
    }
}
