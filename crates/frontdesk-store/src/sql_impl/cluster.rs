//! `ClusterStore` for both backends.

macro_rules! impl_cluster_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::ClusterStore for $store {
            async fn try_lease(
                &self,
                name: &str,
                holder: &str,
                now_ms: i64,
                until_ms: i64,
            ) -> Result<bool, $crate::StoreError> {
                // One statement, so two nodes racing for a free lease cannot both win.
                let row: Option<(String,)> = sqlx::query_as(
                    "INSERT INTO leases (name, holder, until_ms) VALUES ($1, $2, $3) \
                     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, \
                     until_ms = excluded.until_ms \
                     WHERE leases.holder = excluded.holder OR leases.until_ms < $4 \
                     RETURNING holder",
                )
                .bind(name)
                .bind(holder)
                .bind(until_ms)
                .bind(now_ms)
                .fetch_optional(&self.writes)
                .await?;
                Ok(row.is_some_and(|(h,)| h == holder))
            }

            async fn set_presence(
                &self,
                node: &str,
                account: frontdesk_core::ids::AccountId,
                who: &str,
                sockets: i64,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                if sockets <= 0 {
                    sqlx::query(
                        "DELETE FROM presence WHERE node = $1 AND account_id = $2 AND who = $3",
                    )
                    .bind(node)
                    .bind(account.0)
                    .bind(who)
                    .execute(&self.writes)
                    .await?;
                    return Ok(());
                }
                sqlx::query(
                    "INSERT INTO presence (node, account_id, who, sockets, seen_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (node, account_id, who) \
                     DO UPDATE SET sockets = excluded.sockets, seen_at = excluded.seen_at",
                )
                .bind(node)
                .bind(account.0)
                .bind(who)
                .bind(sockets)
                .bind(now_ms)
                .execute(&self.writes)
                .await?;
                Ok(())
            }

            async fn touch_presence(
                &self,
                node: &str,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE presence SET seen_at = $1 WHERE node = $2")
                    .bind(now_ms)
                    .bind(node)
                    .execute(&self.writes)
                    .await?;
                Ok(())
            }

            async fn present(
                &self,
                account: frontdesk_core::ids::AccountId,
                prefix: &str,
                fresh_after_ms: i64,
            ) -> Result<Vec<String>, $crate::StoreError> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT DISTINCT who FROM presence WHERE account_id = $1 \
                     AND seen_at >= $2 AND substr(who, 1, $3) = $4",
                )
                .bind(account.0)
                .bind(fresh_after_ms)
                .bind(prefix.len() as i32)
                .bind(prefix)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(w,)| w).collect())
            }

            async fn sweep_presence(&self, before_ms: i64) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM presence WHERE seen_at < $1")
                    .bind(before_ms)
                    .execute(&self.writes)
                    .await?;
                Ok(done.rows_affected())
            }
        }
    };
}

pub(crate) use impl_cluster_store;
