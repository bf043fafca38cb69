//! `ChatStore` for both backends (same SQL; see the parent module for why a macro).

/// Columns of a visitor row.
pub(crate) const VISITOR_COLUMNS: &str = "id, account_id, name, email, phone, language, device, \
     group_name, variables, current_url, current_title, pages, visit_count, referrer, country, \
     bots_shown, banned, created_at, last_seen_at";
/// Columns of a conversation row.
pub(crate) const CONVERSATION_COLUMNS: &str = "id, account_id, visitor_id, status, \
     assigned_agent_id, tags, important, last_seq, agent_read_seq, visitor_read_seq, rating, \
     rating_comment, created_at, updated_at, last_message_at, closed_at, bot, visitor_acted";
/// Columns of a message row.
pub(crate) const MESSAGE_COLUMNS: &str = "id, conversation_id, seq, author, author_agent_id, \
     author_name, kind, body, event, client_id, payload, created_at";

macro_rules! impl_chat_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::ChatStore for $store {
            async fn create_visitor(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: &str,
                now_ms: i64,
            ) -> Result<frontdesk_core::conversation::Visitor, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO visitors (id, account_id, created_at, last_seen_at) \
                     VALUES ($1, $2, $3, $3) RETURNING {}",
                    $crate::sql_impl::chat::VISITOR_COLUMNS
                );
                let row: $crate::rows::VisitorRow = sqlx::query_as(&sql)
                    .bind(id)
                    .bind(account.0)
                    .bind(now_ms)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|e| $crate::StoreError::unique(e, "visitor id"))?;
                row.try_into()
            }

            async fn visitor(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: &str,
            ) -> Result<Option<frontdesk_core::conversation::Visitor>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM visitors WHERE account_id = $1 AND id = $2",
                    $crate::sql_impl::chat::VISITOR_COLUMNS
                );
                let row: Option<$crate::rows::VisitorRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn save_visitor(
                &self,
                v: &frontdesk_core::conversation::Visitor,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE visitors SET name = $1, email = $2, phone = $3, language = $4, \
                     device = $5, group_name = $6, variables = $7, current_url = $8, \
                     current_title = $9, pages = $10, visit_count = $11, banned = (banned OR $12), \
                     last_seen_at = $13, referrer = $16, country = $17, bots_shown = $18 \
                     WHERE account_id = $14 AND id = $15",
                )
                .bind(&v.name)
                .bind(&v.email)
                .bind(&v.phone)
                .bind(&v.language)
                .bind(&v.device)
                .bind(&v.group)
                .bind(serde_json::to_string(&v.variables).unwrap_or_else(|_| "{}".into()))
                .bind(&v.current_url)
                .bind(&v.current_title)
                .bind(serde_json::to_string(&v.pages).unwrap_or_else(|_| "[]".into()))
                .bind(v.visit_count)
                .bind(v.banned)
                .bind(v.last_seen_at_ms)
                .bind(v.account_id.0)
                .bind(&v.id)
                .bind(&v.referrer)
                .bind(&v.country)
                .bind(serde_json::to_string(&v.bots_shown).unwrap_or_else(|_| "{}".into()))
                .execute(&self.pool)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn create_conversation(
                &self,
                account: frontdesk_core::ids::AccountId,
                visitor_id: &str,
                status: frontdesk_core::conversation::ConversationStatus,
                now_ms: i64,
            ) -> Result<frontdesk_core::conversation::Conversation, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO conversations (account_id, visitor_id, status, created_at, \
                     updated_at, last_message_at, visitor_acted) \
                     SELECT $1, id, $3, $4, $4, $4, $5 FROM visitors \
                     WHERE account_id = $1 AND id = $2 RETURNING {}",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let row: Option<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(visitor_id)
                    .bind(status.as_str())
                    .bind(now_ms)
                    // A chat the bot opens waits for the visitor before it is shown.
                    .bind(status != frontdesk_core::conversation::ConversationStatus::Bot)
                    .fetch_optional(&self.pool)
                    .await?;
                row.ok_or($crate::StoreError::NotFound)?.try_into()
            }

            async fn conversation(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
            ) -> Result<Option<frontdesk_core::conversation::Conversation>, $crate::StoreError>
            {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE account_id = $1 AND id = $2",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let row: Option<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn latest_conversation(
                &self,
                account: frontdesk_core::ids::AccountId,
                visitor_id: &str,
            ) -> Result<Option<frontdesk_core::conversation::Conversation>, $crate::StoreError>
            {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE account_id = $1 AND visitor_id = $2 \
                     ORDER BY id DESC LIMIT 1",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let row: Option<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(visitor_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn visitor_conversations(
                &self,
                account: frontdesk_core::ids::AccountId,
                visitor_id: &str,
            ) -> Result<Vec<frontdesk_core::conversation::Conversation>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE account_id = $1 AND visitor_id = $2 \
                     ORDER BY id DESC LIMIT 50",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let rows: Vec<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(visitor_id)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn list_conversations(
                &self,
                account: frontdesk_core::ids::AccountId,
                limit: i64,
            ) -> Result<Vec<frontdesk_core::conversation::Conversation>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE account_id = $1 AND visitor_acted \
                     ORDER BY updated_at DESC, id DESC LIMIT $2",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let rows: Vec<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn save_conversation(
                &self,
                c: &frontdesk_core::conversation::Conversation,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE conversations SET status = $1, assigned_agent_id = $2, tags = $3, \
                     important = $4, agent_read_seq = $5, visitor_read_seq = $6, rating = $7, \
                     rating_comment = $8, updated_at = $9, closed_at = $10, bot = $13, \
                     visitor_acted = $14 WHERE account_id = $11 AND id = $12",
                )
                .bind(c.status.as_str())
                .bind(c.assigned_agent_id.map(|a| a.0))
                .bind(serde_json::to_string(&c.tags).unwrap_or_else(|_| "[]".into()))
                .bind(c.important)
                .bind(c.agent_read_seq)
                .bind(c.visitor_read_seq)
                .bind(c.rating)
                .bind(&c.rating_comment)
                .bind(c.updated_at_ms)
                .bind(c.closed_at_ms)
                .bind(c.account_id.0)
                .bind(c.id)
                .bind(c.bot.as_ref().map(|b| serde_json::to_string(b).unwrap_or_default()))
                .bind(c.visitor_acted)
                .execute(&self.pool)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn append_message(
                &self,
                account: frontdesk_core::ids::AccountId,
                conversation_id: i64,
                message: &frontdesk_core::conversation::NewMessage,
                dedupe_key: Option<&str>,
                now_ms: i64,
            ) -> Result<$crate::Appended, $crate::StoreError> {
                if let Some(key) = dedupe_key {
                    if let Some(found) = self.find_duplicate(account, key).await? {
                        return Ok(found);
                    }
                }
                let mut tx = self.pool.begin().await?;
                // Taking the next number first also takes the row's write lock, so
                // concurrent appends to one conversation queue up instead of colliding.
                let sql = format!(
                    "UPDATE conversations SET last_seq = last_seq + 1, updated_at = $1 \
                     WHERE account_id = $2 AND id = $3 RETURNING {}",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let row: Option<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(now_ms)
                    .bind(account.0)
                    .bind(conversation_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let mut conversation: frontdesk_core::conversation::Conversation =
                    row.ok_or($crate::StoreError::NotFound)?.try_into()?;
                let status = frontdesk_core::conversation::status_after_message(
                    conversation.status,
                    message.author,
                    message.kind,
                    message.answers_bot,
                );
                let counts_as_activity =
                    message.kind != frontdesk_core::conversation::MessageKind::Event;
                if status != conversation.status || counts_as_activity {
                    sqlx::query(
                        "UPDATE conversations SET status = $1, last_message_at = $2 \
                         WHERE id = $3",
                    )
                    .bind(status.as_str())
                    .bind(if counts_as_activity {
                        now_ms
                    } else {
                        conversation.last_message_at_ms
                    })
                    .bind(conversation_id)
                    .execute(&mut *tx)
                    .await?;
                    conversation.status = status;
                    if counts_as_activity {
                        conversation.last_message_at_ms = now_ms;
                    }
                }
                let sql = format!(
                    "INSERT INTO messages (account_id, conversation_id, seq, author, \
                     author_agent_id, author_name, kind, body, event, client_id, dedupe_key, \
                     created_at, payload) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING {}",
                    $crate::sql_impl::chat::MESSAGE_COLUMNS
                );
                let inserted: Result<$crate::rows::MessageRow, sqlx::Error> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(conversation_id)
                    .bind(conversation.last_seq)
                    .bind(message.author.as_str())
                    .bind(message.author_agent_id.map(|a| a.0))
                    .bind(&message.author_name)
                    .bind(message.kind.as_str())
                    .bind(&message.body)
                    .bind(&message.event)
                    .bind(message.client_id.as_ref().map(|c| c.as_str()))
                    .bind(dedupe_key)
                    .bind(now_ms)
                    .bind(
                        message
                            .payload
                            .as_ref()
                            .map(|p| serde_json::to_string(p).unwrap_or_default()),
                    )
                    .fetch_one(&mut *tx)
                    .await;
                match inserted {
                    Ok(row) => {
                        tx.commit().await?;
                        Ok($crate::Appended {
                            message: row.try_into()?,
                            conversation,
                            duplicate: false,
                        })
                    }
                    // The same message arrived twice at once (two sockets, two nodes): the
                    // other insert won, so this one is a retry of it.
                    Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                        tx.rollback().await?;
                        let key = dedupe_key.ok_or($crate::StoreError::Conflict("message"))?;
                        self.find_duplicate(account, key)
                            .await?
                            .ok_or($crate::StoreError::Conflict("message"))
                    }
                    Err(other) => Err(other.into()),
                }
            }

            async fn messages_after(
                &self,
                account: frontdesk_core::ids::AccountId,
                conversation_id: i64,
                after_seq: i64,
                limit: i64,
            ) -> Result<Vec<frontdesk_core::conversation::Message>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM messages WHERE account_id = $1 AND conversation_id = $2 \
                     AND seq > $3 ORDER BY seq LIMIT $4",
                    $crate::sql_impl::chat::MESSAGE_COLUMNS
                );
                let rows: Vec<$crate::rows::MessageRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(conversation_id)
                    .bind(after_seq)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn visitor_messages_after(
                &self,
                account: frontdesk_core::ids::AccountId,
                conversation_id: i64,
                seq: i64,
            ) -> Result<i64, $crate::StoreError> {
                let count: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM messages WHERE account_id = $1 \
                     AND conversation_id = $2 AND seq > $3 AND author = 'visitor' \
                     AND kind = 'message'",
                )
                .bind(account.0)
                .bind(conversation_id)
                .bind(seq)
                .fetch_one(&self.pool)
                .await?;
                Ok(count)
            }

            async fn idle_conversations(
                &self,
                bot_before_ms: i64,
                other_before_ms: i64,
                limit: i64,
            ) -> Result<Vec<frontdesk_core::conversation::Conversation>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE \
                     (status = 'bot' AND last_message_at < $1) \
                     OR (status IN ('open', 'served') AND last_message_at < $2) \
                     ORDER BY last_message_at LIMIT $3",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let rows: Vec<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(bot_before_ms)
                    .bind(other_before_ms)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn waiting_without_bot(
                &self,
                before_ms: i64,
                limit: i64,
            ) -> Result<Vec<frontdesk_core::conversation::Conversation>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM conversations c WHERE c.status = 'open' AND c.bot IS NULL \
                     AND c.last_message_at < $1 AND EXISTS (SELECT 1 FROM messages m \
                     WHERE m.conversation_id = c.id AND m.seq = c.last_seq \
                     AND m.author = 'visitor' AND m.kind = 'message') \
                     ORDER BY c.last_message_at LIMIT $2",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                        .split(", ")
                        .map(|col| format!("c.{col}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let rows: Vec<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(before_ms)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn set_agent_presence(
                &self,
                account: frontdesk_core::ids::AccountId,
                agent: frontdesk_core::ids::AgentId,
                presence: frontdesk_core::conversation::Presence,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE agents SET presence = $1 WHERE account_id = $2 AND id = $3",
                )
                .bind(presence.as_str())
                .bind(account.0)
                .bind(agent.0)
                .execute(&self.pool)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn enqueue_email(
                &self,
                account: frontdesk_core::ids::AccountId,
                email: &$crate::NewEmail,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO outbox_emails (account_id, kind, recipient, subject, body, \
                     created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(account.0)
                .bind(&email.kind)
                .bind(&email.recipient)
                .bind(&email.subject)
                .bind(&email.body)
                .bind(now_ms)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn emails(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<Vec<$crate::OutboxEmail>, $crate::StoreError> {
                Ok(sqlx::query_as(&format!(
                    "SELECT {} FROM outbox_emails WHERE account_id = $1 ORDER BY id",
                    $crate::sql_impl::EMAIL_COLUMNS
                ))
                .bind(account.0)
                .fetch_all(&self.pool)
                .await?)
            }
        }

        impl $store {
            /// The message stored under `key` and its conversation, if any.
            async fn find_duplicate(
                &self,
                account: frontdesk_core::ids::AccountId,
                key: &str,
            ) -> Result<Option<$crate::Appended>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM messages WHERE account_id = $1 AND dedupe_key = $2",
                    $crate::sql_impl::chat::MESSAGE_COLUMNS
                );
                let row: Option<$crate::rows::MessageRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let message: frontdesk_core::conversation::Message = row.try_into()?;
                let conversation = $crate::ChatStore::conversation(
                    self,
                    account,
                    message.conversation_id,
                )
                .await?
                .ok_or($crate::StoreError::NotFound)?;
                Ok(Some($crate::Appended {
                    message,
                    conversation,
                    duplicate: true,
                }))
            }
        }
    };
}

pub(crate) use impl_chat_store;
