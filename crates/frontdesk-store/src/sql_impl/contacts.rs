//! `ContactStore` for both backends.

macro_rules! impl_contact_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::ContactStore for $store {
            async fn list_contacts(
                &self,
                account: frontdesk_core::ids::AccountId,
                q: &$crate::ContactQuery,
            ) -> Result<Vec<frontdesk_core::conversation::Visitor>, $crate::StoreError> {
                // Absent filters are NULL parameters that match everything, so one
                // statement serves every combination.
                let sql = format!(
                    "SELECT {} FROM visitors WHERE account_id = $1 \
                     AND (name IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL) \
                     AND ($2 IS NULL OR LOWER(COALESCE(name, '')) LIKE $2 ESCAPE '\\' \
                          OR LOWER(COALESCE(email, '')) LIKE $2 ESCAPE '\\' \
                          OR LOWER(COALESCE(phone, '')) LIKE $2 ESCAPE '\\') \
                     AND ($3 IS NULL OR created_at < $3 OR (created_at = $3 AND id < $4)) \
                     ORDER BY created_at DESC, id DESC LIMIT $5",
                    $crate::sql_impl::chat::VISITOR_COLUMNS
                );
                let rows: Vec<$crate::rows::VisitorRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(q.search.as_deref().map($crate::contacts::contains_pattern))
                    .bind(q.after.as_ref().map(|(at, _)| *at))
                    .bind(q.after.as_ref().map(|(_, id)| id.as_str()).unwrap_or(""))
                    .bind(q.limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn erase_visitor(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: &str,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.writes.begin().await?;
                let email: Option<(Option<String>,)> =
                    sqlx::query_as("SELECT email FROM visitors WHERE account_id = $1 AND id = $2")
                        .bind(account.0)
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some((email,)) = email else {
                    return Ok(false);
                };
                if let Some(email) = email {
                    sqlx::query(
                        "DELETE FROM outbox_emails WHERE account_id = $1 AND recipient = $2 \
                         AND sent_at IS NULL",
                    )
                    .bind(account.0)
                    .bind(&email)
                    .execute(&mut *tx)
                    .await?;
                }
                // Webhook deliveries that carry what the visitor said or who they are, sent
                // or waiting: their dedupe keys name the conversation, message or visitor
                // (see webhooks/events.rs in the server).
                sqlx::query(
                    "DELETE FROM webhook_deliveries WHERE account_id = $1 AND ( \
                     dedupe_key IN (SELECT 'conversation.created:' || CAST(id AS TEXT) \
                         FROM conversations WHERE account_id = $1 AND visitor_id = $2) \
                     OR dedupe_key IN (SELECT k.prefix || CAST(m.id AS TEXT) \
                         FROM messages m JOIN conversations c ON c.id = m.conversation_id, \
                         (SELECT 'message.created:' AS prefix \
                          UNION ALL SELECT 'conversation.closed:' \
                          UNION ALL SELECT 'conversation.escalated:' \
                          UNION ALL SELECT 'conversation.rated:') AS k \
                         WHERE c.account_id = $1 AND c.visitor_id = $2) \
                     OR substr(dedupe_key, 1, length($3)) = $3)",
                )
                .bind(account.0)
                .bind(id)
                .bind(format!("contact.updated:{id}:"))
                .execute(&mut *tx)
                .await?;
                // Messages and conversations go with the visitor (ON DELETE CASCADE).
                sqlx::query("DELETE FROM visitors WHERE account_id = $1 AND id = $2")
                    .bind(account.0)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

pub(crate) use impl_contact_store;
