//! `ApiKeyStore` for both backends.

/// Columns of an API key row, in the order `ApiKeyRow` reads them.
pub(crate) const API_KEY_COLUMNS: &str =
    "id, account_id, name, scopes, token_hint, created_at, revoked_at, last_used_at";

macro_rules! impl_api_key_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::ApiKeyStore for $store {
            async fn create_api_key(
                &self,
                account: frontdesk_core::ids::AccountId,
                new: &$crate::NewApiKey,
                now_ms: i64,
            ) -> Result<$crate::ApiKey, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO api_keys (account_id, name, scopes, token_hash, token_hint, \
                     created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {}",
                    $crate::sql_impl::api_keys::API_KEY_COLUMNS
                );
                let row: $crate::rows::ApiKeyRow = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(&new.name)
                    .bind($crate::rows::scopes_text(&new.scopes))
                    .bind(&new.token_hash)
                    .bind(&new.token_hint)
                    .bind(now_ms)
                    .fetch_one(&self.writes)
                    .await
                    .map_err(|e| $crate::StoreError::unique(e, "API token"))?;
                row.try_into()
            }

            async fn list_api_keys(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<Vec<$crate::ApiKey>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM api_keys WHERE account_id = $1 ORDER BY id",
                    $crate::sql_impl::api_keys::API_KEY_COLUMNS
                );
                let rows: Vec<$crate::rows::ApiKeyRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn revoke_api_key(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) \
                     WHERE account_id = $2 AND id = $3",
                )
                .bind(now_ms)
                .bind(account.0)
                .bind(id)
                .execute(&self.writes)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn api_key_by_hash(
                &self,
                token_hash: &str,
            ) -> Result<Option<$crate::ApiKey>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM api_keys WHERE token_hash = $1",
                    $crate::sql_impl::api_keys::API_KEY_COLUMNS
                );
                let row: Option<$crate::rows::ApiKeyRow> = sqlx::query_as(&sql)
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn touch_api_key(&self, id: i64, now_ms: i64) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
                    .bind(now_ms)
                    .bind(id)
                    .execute(&self.writes)
                    .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_api_key_store;
