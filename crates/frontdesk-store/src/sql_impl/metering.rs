//! `MeteringStore` for both backends.

macro_rules! impl_metering_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// The count of `count_chatbot_conversation` inside the caller's transaction. On
            /// `Exhausted` it leaves the transaction as it found it.
            async fn count_in(
                conn: &mut <$db as sqlx::Database>::Connection,
                r: &$crate::CountRequest,
            ) -> Result<frontdesk_core::metering::CountResult, $crate::StoreError> {
                use frontdesk_core::metering::CountResult;
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
                .fetch_optional(&mut *conn)
                .await?;
                if claimed.is_none() {
                    return Ok(CountResult::AlreadyCounted);
                }
                // One statement takes the unit: the period's first creates its row with 1,
                // any later one adds 1 while below the limit. The row lock of the upsert
                // serializes concurrent counts of one period, and the condition is checked
                // under it: used can never pass the limit. A limit of 0 takes nothing.
                let used: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO usage_counters (account_id, period_start, used) \
                     SELECT $1, $2, 1 WHERE $3 > 0 \
                     ON CONFLICT (account_id, period_start) \
                     DO UPDATE SET used = usage_counters.used + 1 \
                     WHERE usage_counters.used < $3 RETURNING used",
                )
                .bind(r.account.0)
                .bind(r.period_start_ms)
                .bind(r.limit.unwrap_or(i64::MAX))
                .fetch_optional(&mut *conn)
                .await?;
                if let Some(used) = used {
                    return Ok(CountResult::Counted { used });
                }
                // Not counted after all: the claim goes, so a later period or a raised
                // limit can still count the conversation.
                sqlx::query("DELETE FROM chatbot_conversations WHERE conversation_id = $1")
                    .bind(r.conversation_id)
                    .execute(&mut *conn)
                    .await?;
                Ok(CountResult::Exhausted)
            }
        }

        #[async_trait::async_trait]
        impl $crate::MeteringStore for $store {
            async fn count_chatbot_conversation(
                &self,
                r: &$crate::CountRequest,
            ) -> Result<frontdesk_core::metering::CountResult, $crate::StoreError> {
                let mut tx = self.writes.begin().await?;
                let result = Self::count_in(&mut tx, r).await?;
                tx.commit().await?;
                Ok(result)
            }

            async fn append_counted(
                &self,
                request: &$crate::CountRequest,
                messages: &[(frontdesk_core::conversation::NewMessage, Option<String>)],
                then_save: Option<&frontdesk_core::conversation::Conversation>,
            ) -> Result<$crate::CountedAppend, $crate::StoreError> {
                use frontdesk_core::metering::CountResult;
                if messages.is_empty() {
                    // Nothing to say: the save alone, after the count, as `append_messages`.
                    let count = self.count_chatbot_conversation(request).await?;
                    if let (Some(c), false) = (then_save, count == CountResult::Exhausted) {
                        $crate::ChatStore::save_conversation(self, c).await?;
                    }
                    let appended = Vec::new();
                    return Ok($crate::CountedAppend { count, appended });
                }
                let done = self
                    .commits
                    .append_counted(*request, messages.to_vec(), then_save.cloned())
                    .await?;
                Ok($crate::CountedAppend {
                    count: done.count.ok_or($crate::StoreError::NotFound)?,
                    appended: done.appended,
                })
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
