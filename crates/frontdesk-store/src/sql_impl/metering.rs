//! `MeteringStore` for both backends.

macro_rules! impl_metering_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Several counts inside the caller's transaction (a batch of bot steps), each
            /// answered under its index. Every writer takes its locks in one order — all
            /// claims by conversation, then the counters by account and period — so two
            /// writers counting at once (lanes, nodes) wait for each other but never in a
            /// cycle.
            async fn count_all_in(
                conn: &mut <$db as sqlx::Database>::Connection,
                mut requests: Vec<(usize, &$crate::CountRequest)>,
            ) -> Result<Vec<(usize, frontdesk_core::metering::CountResult)>, $crate::StoreError>
            {
                use frontdesk_core::metering::CountResult;
                let mut results = Vec::with_capacity(requests.len());
                let mut claimed = Vec::with_capacity(requests.len());
                // A conversation counted twice in one batch (a double click over two
                // sockets): the later ones get what the first gets.
                let mut followers: Vec<(usize, i64)> = Vec::new();
                let mut claimed_ids = std::collections::HashSet::new();
                requests.sort_by_key(|(_, r)| r.conversation_id);
                for (i, r) in requests {
                    if claimed_ids.contains(&r.conversation_id) {
                        followers.push((i, r.conversation_id));
                        continue;
                    }
                    // Claiming the conversation first makes a second count of it (a retry, a
                    // double click, another node) find the claim and change nothing.
                    let claim: Option<i64> = sqlx::query_scalar(
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
                    match claim {
                        Some(_) => {
                            claimed_ids.insert(r.conversation_id);
                            claimed.push((i, r));
                        }
                        None => results.push((i, CountResult::AlreadyCounted)),
                    }
                }
                claimed.sort_by_key(|(_, r)| (r.account.0, r.period_start_ms));
                let mut leaders = std::collections::HashMap::new();
                for (i, r) in claimed {
                    // One statement takes the unit: the period's first creates its row with
                    // 1, any later one adds 1 while below the limit. The row lock of the
                    // upsert serializes concurrent counts of one period, and the condition is
                    // checked under it: used can never pass the limit. A limit of 0 takes
                    // nothing.
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
                        leaders.insert(r.conversation_id, CountResult::AlreadyCounted);
                        results.push((i, CountResult::Counted { used }));
                        continue;
                    }
                    // Not counted after all: the claim goes, so a later period or a raised
                    // limit can still count the conversation.
                    sqlx::query("DELETE FROM chatbot_conversations WHERE conversation_id = $1")
                        .bind(r.conversation_id)
                        .execute(&mut *conn)
                        .await?;
                    leaders.insert(r.conversation_id, CountResult::Exhausted);
                    results.push((i, CountResult::Exhausted));
                }
                for (i, conversation_id) in followers {
                    let result = leaders.get(&conversation_id).copied();
                    results.push((i, result.unwrap_or(CountResult::AlreadyCounted)));
                }
                Ok(results)
            }
        }

        #[async_trait::async_trait]
        impl $crate::MeteringStore for $store {
            async fn count_chatbot_conversation(
                &self,
                r: &$crate::CountRequest,
            ) -> Result<frontdesk_core::metering::CountResult, $crate::StoreError> {
                let mut tx = self.writes.begin().await?;
                let counted = Self::count_all_in(&mut tx, vec![(0, r)]).await?;
                tx.commit().await?;
                let result = counted.into_iter().next().map(|(_, result)| result);
                result.ok_or($crate::StoreError::NotFound)
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
