//! Issuing API keys: a random token with a recognizable prefix, of which only the SHA-256
//! is stored (§10). The token is returned once, to be shown once.

use crate::web::{random_token, token_hash};
use frontdesk_core::{
    api_key::{Scope, OPERATOR_TOKEN_PREFIX, TOKEN_PREFIX},
    ids::AccountId,
};
use frontdesk_store::{ApiKey, NewApiKey, OperatorKey, Store, StoreError};

/// How many characters of the token are kept to tell keys apart.
const HINT_LEN: usize = TOKEN_PREFIX.len() + 8;

/// Creates a key for `account`; returns it with its token, which cannot be read again.
pub async fn issue(
    store: &dyn Store,
    account: AccountId,
    name: &str,
    scopes: Vec<Scope>,
    now_ms: i64,
) -> Result<(ApiKey, String), StoreError> {
    let token = format!("{TOKEN_PREFIX}{}", random_token());
    let new = NewApiKey {
        name: name.to_owned(),
        scopes,
        token_hash: token_hash(&token),
        token_hint: token[..HINT_LEN].to_owned(),
    };
    let key = store.create_api_key(account, &new, now_ms).await?;
    Ok((key, token))
}

/// The stored key a presented token belongs to, if any (revoked keys included).
pub async fn find(store: &dyn Store, token: &str) -> Result<Option<ApiKey>, StoreError> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    store.api_key_by_hash(&token_hash(token)).await
}

/// Creates an operator key; returns it with its token, which cannot be read again.
pub async fn issue_operator(
    store: &dyn Store,
    name: &str,
    now_ms: i64,
) -> Result<(OperatorKey, String), StoreError> {
    let token = format!("{OPERATOR_TOKEN_PREFIX}{}", random_token());
    let key = store
        .create_operator_key(name, &token_hash(&token), &token[..HINT_LEN], now_ms)
        .await?;
    Ok((key, token))
}

/// The stored operator key a presented token belongs to, if any (revoked keys included).
pub async fn find_operator(
    store: &dyn Store,
    token: &str,
) -> Result<Option<OperatorKey>, StoreError> {
    if !token.starts_with(OPERATOR_TOKEN_PREFIX) {
        return Ok(None);
    }
    store.operator_key_by_hash(&token_hash(token)).await
}
