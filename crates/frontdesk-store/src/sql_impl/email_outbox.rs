//! `EmailOutboxStore` for both backends.

macro_rules! impl_email_outbox_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::EmailOutboxStore for $store {
            async fn claim_due_emails(
                &self,
                now_ms: i64,
                hold_until_ms: i64,
                limit: i64,
            ) -> Result<Vec<$crate::OutboxEmail>, $crate::StoreError> {
                // The outer condition is checked again on each row as it is updated, so two
                // claims racing on PostgreSQL cannot both take the same e-mail.
                let sql = format!(
                    "UPDATE outbox_emails SET attempts = attempts + 1, next_attempt_at = $2 \
                     WHERE id IN (SELECT id FROM outbox_emails WHERE sent_at IS NULL \
                     AND failed_at IS NULL AND next_attempt_at <= $1 \
                     ORDER BY next_attempt_at, id LIMIT $3) \
                     AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
                     RETURNING {}",
                    $crate::sql_impl::EMAIL_COLUMNS
                );
                let mut claimed: Vec<$crate::OutboxEmail> = sqlx::query_as(&sql)
                    .bind(now_ms)
                    .bind(hold_until_ms)
                    .bind(limit)
                    .fetch_all(&self.writes)
                    .await?;
                claimed.sort_by_key(|e| e.id);
                Ok(claimed)
            }

            async fn mark_email_sent(
                &self,
                id: i64,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE outbox_emails SET sent_at = $1, last_error = NULL WHERE id = $2",
                )
                .bind(now_ms)
                .bind(id)
                .execute(&self.writes)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn mark_email_failed(
                &self,
                id: i64,
                error: &str,
                retry_at_ms: Option<i64>,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                let done = match retry_at_ms {
                    Some(at) => sqlx::query(
                        "UPDATE outbox_emails SET last_error = $1, next_attempt_at = $2 \
                         WHERE id = $3",
                    )
                    .bind(error)
                    .bind(at)
                    .bind(id),
                    None => sqlx::query(
                        "UPDATE outbox_emails SET last_error = $1, failed_at = $2 WHERE id = $3",
                    )
                    .bind(error)
                    .bind(now_ms)
                    .bind(id),
                }
                .execute(&self.writes)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn email_counts(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<$crate::EmailCounts, $crate::StoreError> {
                let (waiting, failed, sent): (i64, i64, i64) = sqlx::query_as(
                    "SELECT \
                     COUNT(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 END), \
                     COUNT(failed_at), COUNT(sent_at) \
                     FROM outbox_emails WHERE account_id = $1",
                )
                .bind(account.0)
                .fetch_one(&self.pool)
                .await?;
                Ok($crate::EmailCounts {
                    waiting,
                    failed,
                    sent,
                })
            }
        }
    };
}

pub(crate) use impl_email_outbox_store;
