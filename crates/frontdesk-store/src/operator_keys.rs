//! Storage of operator keys: API keys of the installation itself, which manage accounts
//! (§1, §9). As with API keys, only the token's hash is stored.

use crate::StoreError;
use async_trait::async_trait;

/// An operator key as stored: everything but the token.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OperatorKey {
    pub id: i64,
    pub name: String,
    /// The token's first characters, so a person can tell keys apart.
    pub token_hint: String,
    #[sqlx(rename = "created_at")]
    pub created_at_ms: i64,
    #[sqlx(rename = "revoked_at")]
    pub revoked_at_ms: Option<i64>,
    #[sqlx(rename = "last_used_at")]
    pub last_used_at_ms: Option<i64>,
}

impl OperatorKey {
    /// Whether the key may still be used.
    pub fn is_active(&self) -> bool {
        self.revoked_at_ms.is_none()
    }
}

/// Operator key storage.
#[async_trait]
pub trait OperatorKeyStore: Send + Sync {
    /// Stores a new key; `token_hash` must be unique.
    async fn create_operator_key(
        &self,
        name: &str,
        token_hash: &str,
        token_hint: &str,
        now_ms: i64,
    ) -> Result<OperatorKey, StoreError>;
    /// Every operator key, oldest first, revoked ones included.
    async fn list_operator_keys(&self) -> Result<Vec<OperatorKey>, StoreError>;
    /// Revokes a key; revoking twice keeps the first time. `NotFound` if there is no such key.
    async fn revoke_operator_key(&self, id: i64, now_ms: i64) -> Result<(), StoreError>;
    /// The key a token hash belongs to, revoked or not.
    async fn operator_key_by_hash(
        &self,
        token_hash: &str,
    ) -> Result<Option<OperatorKey>, StoreError>;
    /// Records that the key was used.
    async fn touch_operator_key(&self, id: i64, now_ms: i64) -> Result<(), StoreError>;
}
