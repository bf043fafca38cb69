//! Idempotency keys of creating API requests (§9).

use crate::StoreError;
use async_trait::async_trait;

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyClaim {
    /// The key is new and now claimed: do the work, then complete or release it.
    Claimed,
    /// The key was used before, for the request with `request_hash`; `resource_id` is what
    /// it created, or `None` while that request is still under way.
    Used {
        request_hash: String,
        resource_id: Option<String>,
    },
}

/// Idempotency keys, scoped by owner (`account:ID`, `operator:ID`) and operation.
#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// Claims `key` for `operation` unless it was used before. Atomic: of two concurrent
    /// claims with one key, exactly one gets `Claimed`.
    async fn claim_idempotency_key(
        &self,
        owner: &str,
        operation: &str,
        key: &str,
        request_hash: &str,
        now_ms: i64,
    ) -> Result<IdempotencyClaim, StoreError>;
    /// Records what the claimed request created.
    async fn complete_idempotency_key(
        &self,
        owner: &str,
        operation: &str,
        key: &str,
        resource_id: &str,
    ) -> Result<(), StoreError>;
    /// Gives a claimed key back after the request failed, so a retry can do the work.
    async fn release_idempotency_key(
        &self,
        owner: &str,
        operation: &str,
        key: &str,
    ) -> Result<(), StoreError>;
    /// Forgets keys claimed before `before_ms`; returns how many.
    async fn forget_idempotency_keys(&self, before_ms: i64) -> Result<u64, StoreError>;
}
