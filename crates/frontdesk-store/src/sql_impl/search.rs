//! `SearchStore` for both backends.

macro_rules! impl_search_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::SearchStore for $store {
            async fn search_conversations(
                &self,
                account: frontdesk_core::ids::AccountId,
                q: &$crate::ConversationQuery,
            ) -> Result<Vec<frontdesk_core::conversation::Conversation>, $crate::StoreError> {
                // Absent filters are NULL parameters that match everything, so one
                // statement serves every combination.
                let sql = format!(
                    "SELECT {} FROM conversations WHERE account_id = $1 AND visitor_acted \
                     AND ($2 IS NULL OR status = $2) \
                     AND ($3 IS NULL OR assigned_agent_id = $3) \
                     AND ($4 IS NULL OR tags LIKE $4 ESCAPE '\\') \
                     AND ($5 IS NULL OR id < $5) \
                     ORDER BY id DESC LIMIT $6",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let rows: Vec<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(q.status.map(|s| s.as_str()))
                    .bind(q.assigned_agent.map(|a| a.0))
                    .bind(q.tag.as_deref().map($crate::search::tag_pattern))
                    .bind(q.before_id)
                    .bind(q.limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }
    };
}

pub(crate) use impl_search_store;
