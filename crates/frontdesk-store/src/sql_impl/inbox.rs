//! `InboxStore` for both backends: four statements for any number of conversations (up to
//! `IDS_PER_STATEMENT` a round) — the conversations with their unread counts, their last
//! messages, their visitors, and those visitors' recent conversations. The statements' text
//! changes with the number of ids, so none is kept prepared (`persistent(false)`).

use crate::rows::ConversationRow;

/// Ids per statement; far below either backend's limit of parameters.
pub(crate) const IDS_PER_STATEMENT: usize = 500;

/// A conversation row with its count of unread visitor messages.
#[derive(sqlx::FromRow)]
pub(crate) struct ConversationWithUnread {
    #[sqlx(flatten)]
    pub conversation: ConversationRow,
    pub unread: i64,
}

/// `MESSAGE_COLUMNS` of the table aliased `m`.
pub(crate) fn message_columns_of_m() -> String {
    super::chat::MESSAGE_COLUMNS
        .split(',')
        .map(|c| format!("m.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

macro_rules! impl_inbox_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::InboxStore for $store {
            async fn inbox_rows(
                &self,
                account: frontdesk_core::ids::AccountId,
                ids: &[i64],
            ) -> Result<Vec<$crate::InboxRow>, $crate::StoreError> {
                let mut out = Vec::with_capacity(ids.len());
                for chunk in ids.chunks($crate::sql_impl::inbox::IDS_PER_STATEMENT) {
                    out.extend(self.inbox_chunk(account, chunk).await?);
                }
                Ok(out)
            }
        }

        impl $store {
            async fn inbox_chunk(
                &self,
                account: frontdesk_core::ids::AccountId,
                ids: &[i64],
            ) -> Result<Vec<$crate::InboxRow>, $crate::StoreError> {
                use frontdesk_core::conversation::{Conversation, Message};
                use std::collections::HashMap;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let p = $crate::sql_impl::parameters::Parameters::of(Self::BACKEND);
                // The list comes first and the account last, so both backends' placeholders
                // (numbered, or `?` in order) match the binding order.
                let (list, account_param) = (p.list(ids.len()), p.after(ids.len()));
                // The unread count is answered from the partial index of visitor messages.
                let sql = format!(
                    "SELECT {}, (SELECT COUNT(*) FROM messages m \
                     WHERE m.account_id = conversations.account_id \
                     AND m.conversation_id = conversations.id \
                     AND m.seq > conversations.agent_read_seq \
                     AND m.author = 'visitor' AND m.kind = 'message') AS unread \
                     FROM conversations WHERE id IN ({list}) AND account_id = {account_param}",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let mut query = sqlx::query_as(&sql).persistent(false);
                for id in ids {
                    query = query.bind(id);
                }
                let rows: Vec<$crate::sql_impl::inbox::ConversationWithUnread> =
                    query.bind(account.0).fetch_all(&self.pool).await?;
                let mut conversations: HashMap<i64, (Conversation, i64)> = HashMap::new();
                for row in rows {
                    let c: Conversation = row.conversation.try_into()?;
                    conversations.insert(c.id, (c, row.unread));
                }

                let sql = format!(
                    "SELECT {} FROM conversations c JOIN messages m \
                     ON m.conversation_id = c.id AND m.seq = c.last_seq \
                     AND m.account_id = c.account_id \
                     WHERE c.id IN ({list}) AND c.account_id = {account_param}",
                    $crate::sql_impl::inbox::message_columns_of_m()
                );
                let mut query = sqlx::query_as(&sql).persistent(false);
                for id in ids {
                    query = query.bind(id);
                }
                let rows: Vec<$crate::rows::MessageRow> =
                    query.bind(account.0).fetch_all(&self.pool).await?;
                let mut last: HashMap<i64, Message> = HashMap::new();
                for row in rows {
                    let m: Message = row.try_into()?;
                    last.insert(m.conversation_id, m);
                }

                let mut visitor_ids: Vec<&str> = conversations
                    .values()
                    .map(|(c, _)| c.visitor_id.as_str())
                    .collect();
                visitor_ids.sort_unstable();
                visitor_ids.dedup();
                let (visitors, recent) = if visitor_ids.is_empty() {
                    (HashMap::new(), HashMap::new())
                } else {
                    self.inbox_visitors(account, &visitor_ids).await?
                };

                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    let Some((conversation, unread)) = conversations.remove(id) else {
                        continue;
                    };
                    let Some(visitor) = visitors.get(&conversation.visitor_id).cloned() else {
                        continue;
                    };
                    let visitor_conversations: Vec<Conversation> = recent
                        .get(&conversation.visitor_id)
                        .cloned()
                        .unwrap_or_default();
                    out.push($crate::InboxRow {
                        last_message: last.remove(id),
                        conversation,
                        visitor,
                        unread,
                        visitor_conversations,
                    });
                }
                Ok(out)
            }

            /// The visitors, and each one's 50 newest conversations (newest first).
            #[allow(clippy::type_complexity)]
            async fn inbox_visitors(
                &self,
                account: frontdesk_core::ids::AccountId,
                visitor_ids: &[&str],
            ) -> Result<
                (
                    std::collections::HashMap<String, frontdesk_core::conversation::Visitor>,
                    std::collections::HashMap<String, Vec<frontdesk_core::conversation::Conversation>>,
                ),
                $crate::StoreError,
            > {
                use frontdesk_core::conversation::{Conversation, Visitor};
                let p = $crate::sql_impl::parameters::Parameters::of(Self::BACKEND);
                let n = visitor_ids.len();
                let (list, account_param) = (p.list(n), p.after(n));
                let sql = format!(
                    "SELECT {} FROM visitors WHERE id IN ({list}) AND account_id = {account_param}",
                    $crate::sql_impl::chat::VISITOR_COLUMNS
                );
                let mut query = sqlx::query_as(&sql).persistent(false);
                for id in visitor_ids {
                    query = query.bind(*id);
                }
                let rows: Vec<$crate::rows::VisitorRow> =
                    query.bind(account.0).fetch_all(&self.pool).await?;
                let mut visitors = std::collections::HashMap::new();
                for row in rows {
                    let v: Visitor = row.try_into()?;
                    visitors.insert(v.id.clone(), v);
                }

                // The same 50 a visitor's own list (`visitor_conversations`) gives.
                let columns = $crate::sql_impl::chat::CONVERSATION_COLUMNS;
                let sql = format!(
                    "SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER \
                     (PARTITION BY visitor_id ORDER BY id DESC) AS newest \
                     FROM conversations WHERE visitor_id IN ({list}) \
                     AND account_id = {account_param}) AS recent \
                     WHERE newest <= 50 ORDER BY visitor_id, id DESC"
                );
                let mut query = sqlx::query_as(&sql).persistent(false);
                for id in visitor_ids {
                    query = query.bind(*id);
                }
                let rows: Vec<$crate::rows::ConversationRow> =
                    query.bind(account.0).fetch_all(&self.pool).await?;
                let mut recent: std::collections::HashMap<String, Vec<Conversation>> =
                    std::collections::HashMap::new();
                for row in rows {
                    let c: Conversation = row.try_into()?;
                    recent.entry(c.visitor_id.clone()).or_default().push(c);
                }
                Ok((visitors, recent))
            }
        }
    };
}

pub(crate) use impl_inbox_store;
