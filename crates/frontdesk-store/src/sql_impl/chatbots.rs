//! `ChatbotStore` for both backends.

/// Columns of a chatbot row.
pub(crate) const CHATBOT_COLUMNS: &str = "id, account_id, name, language, position, enabled, \
     draft, published_version, created_at, updated_at";

macro_rules! impl_chatbot_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::ChatbotStore for $store {
            async fn create_chatbot(
                &self,
                account: frontdesk_core::ids::AccountId,
                new: &$crate::NewChatbot,
                now_ms: i64,
            ) -> Result<frontdesk_core::flow::Chatbot, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO chatbots (account_id, name, language, position, draft, \
                     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING {}",
                    $crate::sql_impl::chatbots::CHATBOT_COLUMNS
                );
                let row: $crate::rows::ChatbotRow = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(&new.name)
                    .bind(&new.language)
                    .bind(new.position)
                    .bind(&new.draft)
                    .bind(now_ms)
                    .fetch_one(&self.writes)
                    .await?;
                Ok(row.into())
            }

            async fn list_chatbots(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<Vec<frontdesk_core::flow::Chatbot>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM chatbots WHERE account_id = $1 ORDER BY position, id",
                    $crate::sql_impl::chatbots::CHATBOT_COLUMNS
                );
                let rows: Vec<$crate::rows::ChatbotRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn chatbot(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
            ) -> Result<Option<frontdesk_core::flow::Chatbot>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM chatbots WHERE account_id = $1 AND id = $2",
                    $crate::sql_impl::chatbots::CHATBOT_COLUMNS
                );
                let row: Option<$crate::rows::ChatbotRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(Into::into))
            }

            async fn save_chatbot(
                &self,
                c: &frontdesk_core::flow::Chatbot,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE chatbots SET name = $1, language = $2, position = $3, enabled = $4, \
                     draft = $5, updated_at = $6 WHERE account_id = $7 AND id = $8",
                )
                .bind(&c.name)
                .bind(&c.language)
                .bind(c.position)
                .bind(c.enabled)
                .bind(&c.draft)
                .bind(c.updated_at_ms)
                .bind(c.account_id.0)
                .bind(c.id)
                .execute(&self.writes)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn save_chatbot_if_draft(
                &self,
                c: &frontdesk_core::flow::Chatbot,
                expected_draft: &str,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE chatbots SET name = $1, language = $2, position = $3, enabled = $4, \
                     draft = $5, updated_at = $6 WHERE account_id = $7 AND id = $8 AND draft = $9",
                )
                .bind(&c.name)
                .bind(&c.language)
                .bind(c.position)
                .bind(c.enabled)
                .bind(&c.draft)
                .bind(c.updated_at_ms)
                .bind(c.account_id.0)
                .bind(c.id)
                .bind(expected_draft)
                .execute(&self.writes)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn publish_chatbot(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
                document: &str,
                now_ms: i64,
            ) -> Result<i64, $crate::StoreError> {
                let mut tx = self.writes.begin().await?;
                // Touching the row first serializes concurrent publishes of one chatbot.
                let found: Option<i64> = sqlx::query_scalar(
                    "UPDATE chatbots SET updated_at = $1 WHERE account_id = $2 AND id = $3 \
                     RETURNING id",
                )
                .bind(now_ms)
                .bind(account.0)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                found.ok_or($crate::StoreError::NotFound)?;
                let version: i64 = sqlx::query_scalar(
                    "SELECT COALESCE(MAX(version), 0) + 1 FROM chatbot_versions \
                     WHERE chatbot_id = $1",
                )
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO chatbot_versions (chatbot_id, account_id, version, document, \
                     published_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(account.0)
                .bind(version)
                .bind(document)
                .bind(now_ms)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE chatbots SET published_version = $1 WHERE id = $2")
                    .bind(version)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(version)
            }

            async fn delete_chatbot(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query("DELETE FROM chatbots WHERE account_id = $1 AND id = $2")
                    .bind(account.0)
                    .bind(id)
                    .execute(&self.writes)
                    .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn chatbot_version(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
                version: i64,
            ) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT document FROM chatbot_versions WHERE account_id = $1 \
                     AND chatbot_id = $2 AND version = $3",
                )
                .bind(account.0)
                .bind(id)
                .bind(version)
                .fetch_optional(&self.pool)
                .await?)
            }
        }
    };
}

pub(crate) use impl_chatbot_store;
