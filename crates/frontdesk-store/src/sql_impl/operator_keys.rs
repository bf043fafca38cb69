//! `OperatorKeyStore` for both backends.

/// Columns of an operator key row, in the order `OperatorKey` reads them.
pub(crate) const OPERATOR_KEY_COLUMNS: &str =
    "id, name, token_hint, created_at, revoked_at, last_used_at";

macro_rules! impl_operator_key_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::OperatorKeyStore for $store {
            async fn create_operator_key(
                &self,
                name: &str,
                token_hash: &str,
                token_hint: &str,
                now_ms: i64,
            ) -> Result<$crate::OperatorKey, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO operator_keys (name, token_hash, token_hint, created_at) \
                     VALUES ($1, $2, $3, $4) RETURNING {}",
                    $crate::sql_impl::operator_keys::OPERATOR_KEY_COLUMNS
                );
                sqlx::query_as(&sql)
                    .bind(name)
                    .bind(token_hash)
                    .bind(token_hint)
                    .bind(now_ms)
                    .fetch_one(&self.writes)
                    .await
                    .map_err(|e| $crate::StoreError::unique(e, "operator token"))
            }

            async fn list_operator_keys(
                &self,
            ) -> Result<Vec<$crate::OperatorKey>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM operator_keys ORDER BY id",
                    $crate::sql_impl::operator_keys::OPERATOR_KEY_COLUMNS
                );
                Ok(sqlx::query_as(&sql).fetch_all(&self.pool).await?)
            }

            async fn revoke_operator_key(
                &self,
                id: i64,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE operator_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
                )
                .bind(now_ms)
                .bind(id)
                .execute(&self.writes)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn operator_key_by_hash(
                &self,
                token_hash: &str,
            ) -> Result<Option<$crate::OperatorKey>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM operator_keys WHERE token_hash = $1",
                    $crate::sql_impl::operator_keys::OPERATOR_KEY_COLUMNS
                );
                Ok(sqlx::query_as(&sql)
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn touch_operator_key(
                &self,
                id: i64,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE operator_keys SET last_used_at = $1 WHERE id = $2")
                    .bind(now_ms)
                    .bind(id)
                    .execute(&self.writes)
                    .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_operator_key_store;
