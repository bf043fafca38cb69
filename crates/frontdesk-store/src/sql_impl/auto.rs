//! `AutoStore` for both backends.

macro_rules! impl_auto_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::AutoStore for $store {
            async fn auto_messages(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<Vec<frontdesk_core::auto::AutoMessage>, $crate::StoreError> {
                use frontdesk_core::auto::{AutoKind, AutoMessage};
                let rows: Vec<(String, bool, i64, String)> = sqlx::query_as(
                    "SELECT kind, enabled, delay_secs, texts FROM auto_messages \
                     WHERE account_id = $1",
                )
                .bind(account.0)
                .fetch_all(&self.pool)
                .await?;
                Ok(AutoKind::ALL
                    .into_iter()
                    .map(|kind| {
                        rows.iter()
                            .find(|r| r.0 == kind.as_str())
                            .map(|(_, enabled, delay, texts)| AutoMessage {
                                kind,
                                enabled: *enabled,
                                delay_secs: *delay,
                                texts: serde_json::from_str(texts).unwrap_or_default(),
                            })
                            .unwrap_or_else(|| AutoMessage::default_for(kind))
                    })
                    .collect())
            }

            async fn save_auto_message(
                &self,
                account: frontdesk_core::ids::AccountId,
                m: &frontdesk_core::auto::AutoMessage,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO auto_messages (account_id, kind, enabled, delay_secs, texts) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, kind) DO UPDATE SET \
                     enabled = excluded.enabled, delay_secs = excluded.delay_secs, \
                     texts = excluded.texts",
                )
                .bind(account.0)
                .bind(m.kind.as_str())
                .bind(m.enabled)
                .bind(m.delay_secs)
                .bind(serde_json::to_string(&m.texts).unwrap_or_else(|_| "{}".into()))
                .execute(&self.writes)
                .await?;
                Ok(())
            }

            async fn unanswered_conversations(
                &self,
                now_ms: i64,
                limit: i64,
            ) -> Result<Vec<frontdesk_core::conversation::Conversation>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM conversations c LEFT JOIN auto_messages a \
                     ON a.account_id = c.account_id AND a.kind = 'busy' \
                     WHERE c.status = 'open' AND COALESCE(a.enabled, TRUE) \
                     AND c.last_message_at < $1 - COALESCE(a.delay_secs, 45) * 1000 \
                     AND EXISTS (SELECT 1 FROM messages m \
                     WHERE m.conversation_id = c.id AND m.seq = c.last_seq \
                     AND m.author = 'visitor' AND m.kind = 'message') \
                     ORDER BY c.last_message_at LIMIT $2",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                        .split(", ")
                        .map(|c| format!("c.{c}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let rows: Vec<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(now_ms)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }
    };
}

pub(crate) use impl_auto_store;
