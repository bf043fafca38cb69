//! `Idempotency-Key` on API requests that create something (§9): a retry with the same key
//! and the same body answers with what the first request created (200 instead of 201) and
//! creates nothing; the same key with another body is refused (409), since it would
//! otherwise silently drop the second request.

use super::error::ApiError;
use crate::state::AppState;
use axum::http::HeaderMap;
use frontdesk_core::conversation::ClientId;
use frontdesk_store::IdempotencyClaim;
use sha2::{Digest, Sha256};
use std::future::Future;

/// How long a key is remembered.
pub const KEEP_KEYS_MS: i64 = 24 * 60 * 60 * 1000;

/// What a creating request did.
pub enum Created<T> {
    /// Created now (201).
    New(T),
    /// A retry: what the first request with this key created (200).
    Replayed(T),
}

/// The `Idempotency-Key` header, if sent: 1 to 64 printable ASCII characters.
pub fn key_of(headers: &HeaderMap) -> Result<Option<ClientId>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .map_err(|_| frontdesk_core::ValidationError::ClientId)
        .and_then(ClientId::parse)?;
    Ok(Some(key))
}

/// Runs `create` once per key: `create` returns the new thing and its id; `load` reads a
/// thing by id for a retry. Without a key, `create` simply runs.
pub async fn once<T, C, CF, L, LF>(
    state: &AppState,
    owner: &str,
    operation: &str,
    headers: &HeaderMap,
    request: &[u8],
    create: C,
    load: L,
) -> Result<Created<T>, ApiError>
where
    C: FnOnce() -> CF,
    CF: Future<Output = Result<(T, String), ApiError>>,
    L: FnOnce(String) -> LF,
    LF: Future<Output = Result<T, ApiError>>,
{
    let Some(key) = key_of(headers)? else {
        return Ok(Created::New(create().await?.0));
    };
    let key = key.as_str();
    let hash = hex::encode(Sha256::digest(request));
    match state
        .store
        .claim_idempotency_key(owner, operation, key, &hash, state.now_ms())
        .await?
    {
        IdempotencyClaim::Claimed => match create().await {
            Ok((thing, id)) => {
                state
                    .store
                    .complete_idempotency_key(owner, operation, key, &id)
                    .await?;
                Ok(Created::New(thing))
            }
            Err(err) => {
                state
                    .store
                    .release_idempotency_key(owner, operation, key)
                    .await?;
                Err(err)
            }
        },
        IdempotencyClaim::Used { request_hash, .. } if request_hash != hash => {
            Err(ApiError::Conflict(
                "this Idempotency-Key was already used for a different request".into(),
            ))
        }
        IdempotencyClaim::Used {
            resource_id: None, ..
        } => Err(ApiError::Conflict(
            "a request with this Idempotency-Key is still under way; retry shortly".into(),
        )),
        IdempotencyClaim::Used {
            resource_id: Some(id),
            ..
        } => Ok(Created::Replayed(load(id).await?)),
    }
}
