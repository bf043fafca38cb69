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

/// Columns of a new message row, in the order [`bind_new_message`] binds them.
pub(crate) const MESSAGE_INSERT_COLUMNS: &str = "account_id, conversation_id, seq, author, \
     author_agent_id, author_name, kind, body, event, client_id, dedupe_key, created_at, payload";

/// A message's payload as stored (JSON text).
pub(crate) fn payload_text(m: &frontdesk_core::conversation::NewMessage) -> Option<String> {
    m.payload
        .as_ref()
        .map(|p| serde_json::to_string(p).unwrap_or_default())
}

/// A conversation's tags as stored (a JSON list).
pub(crate) fn tags_text(c: &frontdesk_core::conversation::Conversation) -> String {
    serde_json::to_string(&c.tags).unwrap_or_else(|_| "[]".into())
}

/// A conversation's bot state as stored (JSON text).
pub(crate) fn bot_text(c: &frontdesk_core::conversation::Conversation) -> Option<String> {
    c.bot
        .as_ref()
        .map(|b| serde_json::to_string(b).unwrap_or_default())
}

macro_rules! impl_chat_store {
    ($store:ty, $db:ty) => {
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
                    .fetch_one(&self.writes)
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
                .execute(&self.writes)
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
                    .fetch_optional(&self.writes)
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
                let mut conn = self.writes.acquire().await?;
                Self::save_conversation_in(&mut conn, c).await
            }

            async fn append_message(
                &self,
                account: frontdesk_core::ids::AccountId,
                conversation_id: i64,
                message: &frontdesk_core::conversation::NewMessage,
                dedupe_key: Option<&str>,
                now_ms: i64,
            ) -> Result<$crate::Appended, $crate::StoreError> {
                let one = vec![(message.clone(), dedupe_key.map(str::to_owned))];
                self.commits
                    .append(account, conversation_id, one, None, now_ms)
                    .await?
                    .pop()
                    .ok_or($crate::StoreError::NotFound)
            }

            async fn append_messages(
                &self,
                account: frontdesk_core::ids::AccountId,
                conversation_id: i64,
                messages: &[(frontdesk_core::conversation::NewMessage, Option<String>)],
                then_save: Option<&frontdesk_core::conversation::Conversation>,
                now_ms: i64,
            ) -> Result<Vec<$crate::Appended>, $crate::StoreError> {
                if messages.is_empty() {
                    if let Some(c) = then_save {
                        $crate::ChatStore::save_conversation(self, c).await?;
                    }
                    return Ok(Vec::new());
                }
                self.commits
                    .append(
                        account,
                        conversation_id,
                        messages.to_vec(),
                        then_save.cloned(),
                        now_ms,
                    )
                    .await
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
                .execute(&self.writes)
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
                .execute(&self.writes)
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
            /// Starts the writer tasks that store appends in batches (see `group_commit`).
            fn start_group_commit(pool: &sqlx::Pool<$db>) -> $crate::group_commit::GroupCommit {
                let pool = pool.clone();
                $crate::group_commit::GroupCommit::start(Self::WRITER_LANES, move |jobs| {
                    Self::write_appends(pool.clone(), jobs)
                })
            }

            /// Writes one batch and answers every caller, only after the commit.
            async fn write_appends(
                pool: sqlx::Pool<$db>,
                jobs: Vec<$crate::group_commit::AppendJob>,
            ) {
                let started = std::time::Instant::now();
                let results = match Self::append_batch(&pool, &jobs).await {
                    Ok(results) => results,
                    // Nothing of the batch was written. One job may have broken the whole
                    // transaction: each is tried alone, so it cannot fail the others.
                    Err((err, false)) if jobs.len() > 1 => {
                        tracing::warn!(error = %err, "append batch failed: writing one by one");
                        let mut results = Vec::with_capacity(jobs.len());
                        for job in &jobs {
                            let alone = Self::append_batch(&pool, std::slice::from_ref(job)).await;
                            results.push(match alone {
                                Ok(mut one) => one.pop().unwrap_or(Err($crate::StoreError::NotFound)),
                                Err((err, _)) => Err(err),
                            });
                        }
                        results
                    }
                    Err((err, _)) => jobs
                        .iter()
                        .map(|_| Err($crate::group_commit::batch_failed(&err)))
                        .collect(),
                };
                // For profiling (`frontdesk::group_commit=debug`): batch sizes and times.
                tracing::debug!(
                    target: "frontdesk::group_commit",
                    jobs = jobs.len(),
                    micros = started.elapsed().as_micros() as u64,
                    "batch written"
                );
                for (job, result) in jobs.into_iter().zip(results) {
                    // A caller that gave up waiting no longer needs the answer.
                    let _ = job.reply.send(result);
                }
            }

            /// Appends every job in one transaction, each after its count if it carries one.
            /// An item that is refused (its conversation is gone, or a retry without the
            /// original) writes nothing and is answered with its error, as is one whose count
            /// found the limit reached; any other error fails the batch, with `true` when it
            /// came at the commit (whether anything was written is then unknown).
            async fn append_batch(
                pool: &sqlx::Pool<$db>,
                jobs: &[$crate::group_commit::AppendJob],
            ) -> Result<Vec<Result<$crate::group_commit::JobDone, $crate::StoreError>>, ($crate::StoreError, bool)>
            {
                use frontdesk_core::metering::CountResult;
                use sqlx::{Connection, Executor};
                let fail = |err: sqlx::Error| ($crate::StoreError::from(err), false);
                let mut conn = pool.acquire().await.map_err(fail)?;
                // The durable setting goes in the same call as the BEGIN: one round trip
                // to the database's thread fewer for every batch.
                let begin = match Self::DURABLE_COMMIT {
                    Some((durable, _)) => format!("{durable}; {}", Self::BEGIN_WRITE),
                    None => Self::BEGIN_WRITE.to_owned(),
                };
                let mut tx = conn.begin_with(begin).await.map_err(fail)?;
                let mut counts = vec![None; jobs.len()];
                let counting: Vec<(usize, &$crate::CountRequest)> = jobs
                    .iter()
                    .enumerate()
                    .filter_map(|(i, job)| job.count.as_ref().map(|r| (i, r)))
                    .collect();
                if !counting.is_empty() {
                    let counted = Self::count_all_in(&mut tx, counting).await;
                    for (i, result) in counted.map_err(|e| (e, false))? {
                        counts[i] = Some(result);
                    }
                }
                let exhausted = |count: &Option<CountResult>| count == &Some(CountResult::Exhausted);
                let writing: Vec<&$crate::group_commit::AppendJob> = jobs
                    .iter()
                    .zip(&counts)
                    .filter(|(_, count)| !exhausted(count))
                    .map(|(job, _)| job)
                    .collect();
                let fast = match Self::append_batch_fast(&mut tx, &writing).await {
                    Ok(fast) => fast,
                    Err(err) => return Err((err, false)),
                };
                let written = match fast {
                    Some(results) => results,
                    None => Self::append_one_by_one(&mut tx, &writing)
                        .await
                        .map_err(|e| (e, false))?,
                };
                let committed = tx.commit().await;
                if let Some((_, usual)) = Self::DURABLE_COMMIT {
                    // Other writes on this pooled connection go back to the usual setting.
                    if let Err(err) = conn.execute(usual).await {
                        tracing::warn!(error = %err, "could not reset synchronous mode");
                    }
                }
                committed.map_err(|e| ($crate::StoreError::from(e), true))?;
                let mut written = written.into_iter();
                Ok(counts
                    .into_iter()
                    .map(|count| {
                        let appended = match exhausted(&count) {
                            true => Ok(Vec::new()),
                            false => written.next().unwrap_or(Err($crate::StoreError::NotFound)),
                        };
                        appended.map(|appended| $crate::group_commit::JobDone { appended, count })
                    })
                    .collect())
            }

            /// Appends every job message by message inside the caller's transaction: the
            /// way for batches with a retry in them, whose stored original answers it.
            async fn append_one_by_one(
                tx: &mut <$db as sqlx::Database>::Connection,
                jobs: &[&$crate::group_commit::AppendJob],
            ) -> Result<Vec<Result<Vec<$crate::Appended>, $crate::StoreError>>, $crate::StoreError>
            {
                let mut results = Vec::with_capacity(jobs.len());
                for job in jobs {
                    let answered = results.len();
                    let mut appended = Vec::with_capacity(job.messages.len());
                    for (message, key) in &job.messages {
                        match Self::append_in(tx, job, message, key.as_deref()).await {
                            // Refused before anything of the job was written: it alone fails.
                            Err(err @ ($crate::StoreError::NotFound | $crate::StoreError::Conflict(_)))
                                if appended.is_empty() =>
                            {
                                results.push(Err(err));
                                break;
                            }
                            Err(err) => return Err(err),
                            Ok(one) => {
                                let duplicate = one.duplicate;
                                appended.push(one);
                                if duplicate {
                                    break;
                                }
                            }
                        }
                    }
                    if results.len() > answered {
                        continue;
                    }
                    let repeat = appended.iter().any(|a| a.duplicate);
                    if let (Some(c), false, false) = (&job.then_save, repeat, appended.is_empty()) {
                        Self::save_conversation_in(tx, c).await?;
                    }
                    results.push(Ok(appended));
                }
                Ok(results)
            }

            /// One append inside the batch's transaction: the next sequence number, the
            /// message, and the conversation's status by the §3 rules. A `dedupe_key` already
            /// stored (before, or earlier in this batch) returns the stored message instead.
            async fn append_in(
                conn: &mut <$db as sqlx::Database>::Connection,
                job: &$crate::group_commit::AppendJob,
                message: &frontdesk_core::conversation::NewMessage,
                dedupe_key: Option<&str>,
            ) -> Result<$crate::Appended, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE account_id = $1 AND id = $2{}",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS,
                    Self::ROW_LOCK
                );
                let row: Option<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(job.account.0)
                    .bind(job.conversation_id)
                    .fetch_optional(&mut *conn)
                    .await?;
                let mut conversation: frontdesk_core::conversation::Conversation =
                    row.ok_or($crate::StoreError::NotFound)?.try_into()?;
                let seq = conversation.last_seq + 1;
                // A unique key already taken (a retry) inserts nothing and is not an error,
                // so the transaction goes on for the rest of the batch.
                let sql = format!(
                    "INSERT INTO messages ({}) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                     ON CONFLICT DO NOTHING RETURNING {}",
                    $crate::sql_impl::chat::MESSAGE_INSERT_COLUMNS,
                    $crate::sql_impl::chat::MESSAGE_COLUMNS
                );
                let query = Self::bind_new_message(sqlx::query(&sql), job, seq, message, dedupe_key);
                let inserted = match query.fetch_optional(&mut *conn).await? {
                    Some(row) => {
                        use sqlx::FromRow;
                        Some($crate::rows::MessageRow::from_row(&row)?)
                    }
                    None => None,
                };
                let Some(inserted) = inserted else {
                    let key = dedupe_key.ok_or($crate::StoreError::Conflict("message"))?;
                    return Self::find_duplicate(conn, job.account, key)
                        .await?
                        .ok_or($crate::StoreError::Conflict("message"));
                };
                conversation.last_seq = seq;
                conversation.updated_at_ms = job.now_ms;
                conversation.status = frontdesk_core::conversation::status_after_message(
                    conversation.status,
                    message.author,
                    message.kind,
                    message.answers_bot,
                );
                if message.kind != frontdesk_core::conversation::MessageKind::Event {
                    conversation.last_message_at_ms = job.now_ms;
                }
                sqlx::query(
                    "UPDATE conversations SET last_seq = $1, updated_at = $2, status = $3, \
                     last_message_at = $4 WHERE id = $5",
                )
                .bind(seq)
                .bind(job.now_ms)
                .bind(conversation.status.as_str())
                .bind(conversation.last_message_at_ms)
                .bind(job.conversation_id)
                .execute(&mut *conn)
                .await?;
                Ok($crate::Appended {
                    message: inserted.try_into()?,
                    conversation,
                    duplicate: false,
                })
            }

            /// Binds one new message row, in the order of `MESSAGE_INSERT_COLUMNS`.
            fn bind_new_message<'q>(
                query: sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>>,
                job: &$crate::group_commit::AppendJob,
                seq: i64,
                message: &'q frontdesk_core::conversation::NewMessage,
                dedupe_key: Option<&'q str>,
            ) -> sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>> {
                query
                    .bind(job.account.0)
                    .bind(job.conversation_id)
                    .bind(seq)
                    .bind(message.author.as_str())
                    .bind(message.author_agent_id.map(|a| a.0))
                    .bind(&message.author_name)
                    .bind(message.kind.as_str())
                    .bind(&message.body)
                    .bind(&message.event)
                    .bind(message.client_id.as_ref().map(|c| c.as_str()))
                    .bind(dedupe_key)
                    .bind(job.now_ms)
                    .bind($crate::sql_impl::chat::payload_text(message))
            }

            /// The statement of `save_conversation`, on a given connection.
            async fn save_conversation_in(
                conn: &mut <$db as sqlx::Database>::Connection,
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
                .bind($crate::sql_impl::chat::tags_text(c))
                .bind(c.important)
                .bind(c.agent_read_seq)
                .bind(c.visitor_read_seq)
                .bind(c.rating)
                .bind(&c.rating_comment)
                .bind(c.updated_at_ms)
                .bind(c.closed_at_ms)
                .bind(c.account_id.0)
                .bind(c.id)
                .bind($crate::sql_impl::chat::bot_text(c))
                .bind(c.visitor_acted)
                .execute(&mut *conn)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            /// The message stored under `key` and its conversation as it is now, if any.
            async fn find_duplicate(
                conn: &mut <$db as sqlx::Database>::Connection,
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
                    .fetch_optional(&mut *conn)
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let message: frontdesk_core::conversation::Message = row.try_into()?;
                let sql = format!(
                    "SELECT {} FROM conversations WHERE account_id = $1 AND id = $2",
                    $crate::sql_impl::chat::CONVERSATION_COLUMNS
                );
                let row: Option<$crate::rows::ConversationRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(message.conversation_id)
                    .fetch_optional(&mut *conn)
                    .await?;
                Ok(Some($crate::Appended {
                    message,
                    conversation: row.ok_or($crate::StoreError::NotFound)?.try_into()?,
                    duplicate: true,
                }))
            }
        }
    };
}

pub(crate) use impl_chat_store;
