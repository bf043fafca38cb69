//! `MeteringStore` for both backends.

macro_rules! impl_metering_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::MeteringStore for $store {
            async fn count_chatbot_conversation(
                &self,
                r: &$crate::CountRequest,
            ) -> Result<frontdesk_core::metering::CountResult, $crate::StoreError> {
                use frontdesk_core::metering::CountResult;
                let mut tx = self.writes.begin().await?;
                // Claiming the conversation first makes a second count of it (a retry, a
                // double click, another node) find the claim and change nothing.
                let claimed: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO chatbot_conversations (conversation_id, account_id, \
                     period_start, chatbot_id, reason, counted_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (conversation_id) DO NOTHING RETURNING conversation_id",
                )
                .bind(r.conversation_id)
                .bind(r.account.0)
                .bind(r.period_start_ms)
                .bind(r.chatbot_id)
                .bind(r.reason.as_str())
                .bind(r.now_ms)
                .fetch_optional(&mut *tx)
                .await?;
                if claimed.is_none() {
                    tx.rollback().await?;
                    return Ok(CountResult::AlreadyCounted);
                }
                sqlx::query(
                    "INSERT INTO usage_counters (account_id, period_start, used) \
                     VALUES ($1, $2, 0) ON CONFLICT (account_id, period_start) DO NOTHING",
                )
                .bind(r.account.0)
                .bind(r.period_start_ms)
                .execute(&mut *tx)
                .await?;
                // The row lock taken here serializes concurrent counts of one period, and the
                // condition is checked again under it: used can never pass the limit.
                let used: Option<i64> = sqlx::query_scalar(
                    "UPDATE usage_counters SET used = used + 1 \
                     WHERE account_id = $1 AND period_start = $2 AND used < $3 RETURNING used",
                )
                .bind(r.account.0)
                .bind(r.period_start_ms)
                .bind(r.limit.unwrap_or(i64::MAX))
                .fetch_optional(&mut *tx)
                .await?;
                match used {
                    Some(used) => {
                        tx.commit().await?;
                        Ok(CountResult::Counted { used })
                    }
                    None => {
                        tx.rollback().await?;
                        Ok(CountResult::Exhausted)
                    }
                }
            }

            async fn used(
                &self,
                account: frontdesk_core::ids::AccountId,
                period_start_ms: i64,
            ) -> Result<i64, $crate::StoreError> {
                let used: Option<i64> = sqlx::query_scalar(
                    "SELECT used FROM usage_counters WHERE account_id = $1 AND period_start = $2",
                )
                .bind(account.0)
                .bind(period_start_ms)
                .fetch_optional(&self.pool)
                .await?;
                Ok(used.unwrap_or(0))
            }

            async fn usage_ledger(
                &self,
                account: frontdesk_core::ids::AccountId,
                period_start_ms: i64,
            ) -> Result<Vec<$crate::CountedConversation>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT conversation_id, chatbot_id, reason, counted_at \
                     FROM chatbot_conversations WHERE account_id = $1 AND period_start = $2 \
                     ORDER BY counted_at, conversation_id",
                )
                .bind(account.0)
                .bind(period_start_ms)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}

pub(crate) use impl_metering_store;
