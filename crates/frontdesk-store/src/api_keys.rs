//! Storage of API keys (§9). The token is never stored, only its hash.

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::{api_key::Scope, ids::AccountId};

/// An API key as stored: everything but the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: i64,
    pub account_id: AccountId,
    pub name: String,
    pub scopes: Vec<Scope>,
    /// The token's first characters, so a person can tell keys apart.
    pub token_hint: String,
    pub created_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
    pub last_used_at_ms: Option<i64>,
}

impl ApiKey {
    /// Whether the key may still be used.
    pub fn is_active(&self) -> bool {
        self.revoked_at_ms.is_none()
    }

    /// Whether the key carries `scope`.
    pub fn allows(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }
}

/// A key to store.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    pub name: String,
    pub scopes: Vec<Scope>,
    pub token_hash: String,
    pub token_hint: String,
}

/// API keys; every method but the lookup by hash is scoped by account.
#[async_trait]
pub trait ApiKeyStore: Send + Sync {
    /// Stores a new key.
    async fn create_api_key(
        &self,
        account: AccountId,
        new: &NewApiKey,
        now_ms: i64,
    ) -> Result<ApiKey, StoreError>;
    /// The keys of one account, revoked ones included, oldest first.
    async fn list_api_keys(&self, account: AccountId) -> Result<Vec<ApiKey>, StoreError>;
    /// Revokes a key; `NotFound` outside `account`. Revoking twice keeps the first time.
    async fn revoke_api_key(
        &self,
        account: AccountId,
        id: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// The key with this token hash, revoked or not. Like a login, this lookup cannot be
    /// scoped by account: the account is what it finds out.
    async fn api_key_by_hash(&self, token_hash: &str) -> Result<Option<ApiKey>, StoreError>;
    /// Records that a key was used.
    async fn touch_api_key(&self, id: i64, now_ms: i64) -> Result<(), StoreError>;
}
