//! `IdempotencyStore` for both backends.

macro_rules! impl_idempotency_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::IdempotencyStore for $store {
            async fn claim_idempotency_key(
                &self,
                owner: &str,
                operation: &str,
                key: &str,
                request_hash: &str,
                now_ms: i64,
            ) -> Result<$crate::IdempotencyClaim, $crate::StoreError> {
                let inserted = sqlx::query(
                    "INSERT INTO idempotency_keys (owner, operation, key, request_hash, \
                     created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                )
                .bind(owner)
                .bind(operation)
                .bind(key)
                .bind(request_hash)
                .bind(now_ms)
                .execute(&self.writes)
                .await?
                .rows_affected();
                if inserted == 1 {
                    return Ok($crate::IdempotencyClaim::Claimed);
                }
                let (request_hash, resource_id): (String, Option<String>) = sqlx::query_as(
                    "SELECT request_hash, resource_id FROM idempotency_keys \
                     WHERE owner = $1 AND operation = $2 AND key = $3",
                )
                .bind(owner)
                .bind(operation)
                .bind(key)
                .fetch_one(&self.pool)
                .await?;
                Ok($crate::IdempotencyClaim::Used {
                    request_hash,
                    resource_id,
                })
            }

            async fn complete_idempotency_key(
                &self,
                owner: &str,
                operation: &str,
                key: &str,
                resource_id: &str,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE idempotency_keys SET resource_id = $4 \
                     WHERE owner = $1 AND operation = $2 AND key = $3",
                )
                .bind(owner)
                .bind(operation)
                .bind(key)
                .bind(resource_id)
                .execute(&self.writes)
                .await?;
                Ok(())
            }

            async fn release_idempotency_key(
                &self,
                owner: &str,
                operation: &str,
                key: &str,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "DELETE FROM idempotency_keys WHERE owner = $1 AND operation = $2 \
                     AND key = $3 AND resource_id IS NULL",
                )
                .bind(owner)
                .bind(operation)
                .bind(key)
                .execute(&self.writes)
                .await?;
                Ok(())
            }

            async fn forget_idempotency_keys(
                &self,
                before_ms: i64,
            ) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
                    .bind(before_ms)
                    .execute(&self.writes)
                    .await?;
                Ok(done.rows_affected())
            }
        }
    };
}

pub(crate) use impl_idempotency_store;
