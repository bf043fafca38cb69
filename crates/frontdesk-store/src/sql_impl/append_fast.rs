//! A batch of appends in a handful of statements, whatever its size: the conversations in
//! one read, the messages in one multi-row insert, the conversations back in one update (see
//! `append_plan` for why). Batches this cannot answer exactly — a retry whose key is stored
//! already — go the one-message-at-a-time way in `chat`.

/// Rows per statement: 13 parameters a message stays far below SQLite's 32,766 and
/// PostgreSQL's 65,535 parameters a statement.
pub(crate) const ROWS_PER_STATEMENT: usize = 500;

macro_rules! impl_append_fast {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Appends every job inside the caller's transaction with a few statements.
            /// `Ok(None)` before anything is written when the batch needs the one-by-one
            /// path: one of its dedupe keys is stored already or comes twice.
            async fn append_batch_fast(
                conn: &mut <$db as sqlx::Database>::Connection,
                jobs: &[&$crate::group_commit::AppendJob],
            ) -> Result<
                Option<Vec<Result<Vec<$crate::Appended>, $crate::StoreError>>>,
                $crate::StoreError,
            > {
                use $crate::sql_impl::{append_fast::ROWS_PER_STATEMENT, parameters::Parameters};
                let parameters = Parameters::of(Self::BACKEND);
                if $crate::append_plan::keys_repeat(jobs) {
                    return Ok(None);
                }
                let keys: Vec<&str> = jobs
                    .iter()
                    .flat_map(|j| j.messages.iter())
                    .filter_map(|(_, key)| key.as_deref())
                    .collect();
                // The first keys are looked up by the statement that reads the conversations
                // (one round trip fewer for every batch); the rest, if any, on their own.
                let mut key_chunks = keys.chunks(ROWS_PER_STATEMENT);
                let mut first_keys = key_chunks.next().unwrap_or(&[]);
                for chunk in key_chunks {
                    if Self::taken_keys(conn, chunk, parameters).await? > 0 {
                        return Ok(None);
                    }
                }

                let mut ids: Vec<i64> = jobs.iter().map(|j| j.conversation_id).collect();
                ids.sort_unstable();
                ids.dedup();
                let mut loaded = std::collections::HashMap::with_capacity(ids.len());
                for chunk in ids.chunks(ROWS_PER_STATEMENT) {
                    let keys = std::mem::take(&mut first_keys);
                    let (read, taken) =
                        Self::conversations_and_taken_keys(conn, chunk, keys, parameters).await?;
                    if taken > 0 {
                        return Ok(None);
                    }
                    loaded.extend(read);
                }
                let plan = $crate::append_plan::plan(jobs, loaded);

                let mut stored = std::collections::HashMap::with_capacity(plan.messages.len());
                for chunk in plan.messages.chunks(ROWS_PER_STATEMENT) {
                    let mut sql = format!(
                        "INSERT INTO messages ({}) VALUES {}",
                        $crate::sql_impl::chat::MESSAGE_INSERT_COLUMNS,
                        parameters.rows(chunk.len(), 13),
                    );
                    if Self::INSERT_RETURNS_ROWS {
                        sql.push_str(" RETURNING ");
                        sql.push_str($crate::sql_impl::chat::MESSAGE_COLUMNS);
                    }
                    let mut query = sqlx::query(&sql).persistent(false);
                    for planned in chunk {
                        let (job, seq) = (planned.job, planned.seq);
                        let (message, key) = (planned.message, planned.dedupe_key);
                        query = Self::bind_new_message(query, job, seq, message, key);
                    }
                    if Self::INSERT_RETURNS_ROWS {
                        for row in query.fetch_all(&mut *conn).await? {
                            use sqlx::FromRow;
                            let row = $crate::rows::MessageRow::from_row(&row)?;
                            let message: frontdesk_core::conversation::Message = row.try_into()?;
                            stored.insert((message.conversation_id, message.seq), message);
                        }
                        continue;
                    }
                    let done = query.execute(&mut *conn).await?;
                    let count = chunk.len() as i64;
                    if done.rows_affected() != count as u64 {
                        return Err($crate::StoreError::Conflict("message"));
                    }
                    let first_id = Self::last_id_inserted(&done) - count + 1;
                    Self::check_ids(conn, chunk, first_id).await?;
                    for (planned, id) in chunk.iter().zip(first_id..) {
                        let message = $crate::append_plan::stored_message(planned, id);
                        stored.insert((message.conversation_id, message.seq), message);
                    }
                }
                if stored.len() != plan.messages.len() {
                    // Not every row came back: something else wrote meanwhile. The caller
                    // rolls back and goes one by one.
                    return Err($crate::StoreError::Conflict("message"));
                }

                for chunk in plan.conversations.chunks(ROWS_PER_STATEMENT) {
                    // VALUES columns are named column1, column2 … by both databases.
                    let sql = format!(
                        "UPDATE conversations SET status = v.column2, \
                         assigned_agent_id = v.column3, tags = v.column4, \
                         important = v.column5, last_seq = v.column6, \
                         agent_read_seq = v.column7, visitor_read_seq = v.column8, \
                         rating = v.column9, rating_comment = v.column10, \
                         updated_at = v.column11, last_message_at = v.column12, \
                         closed_at = v.column13, bot = v.column14, visitor_acted = v.column15 \
                         FROM (VALUES {}) AS v WHERE conversations.id = v.column1",
                        parameters.rows(chunk.len(), 15)
                    );
                    let mut query = sqlx::query(&sql).persistent(false);
                    for c in chunk {
                        query = query
                            .bind(c.id)
                            .bind(c.status.as_str())
                            .bind(c.assigned_agent_id.map(|a| a.0))
                            .bind($crate::sql_impl::chat::tags_text(c))
                            .bind(c.important)
                            .bind(c.last_seq)
                            .bind(c.agent_read_seq)
                            .bind(c.visitor_read_seq)
                            .bind(c.rating)
                            .bind(&c.rating_comment)
                            .bind(c.updated_at_ms)
                            .bind(c.last_message_at_ms)
                            .bind(c.closed_at_ms)
                            .bind($crate::sql_impl::chat::bot_text(c))
                            .bind(c.visitor_acted);
                    }
                    let done = query.execute(&mut *conn).await?;
                    if done.rows_affected() != chunk.len() as u64 {
                        return Err($crate::StoreError::Conflict("conversation"));
                    }
                }

                let mut results = Vec::with_capacity(jobs.len());
                for job_plan in &plan.jobs {
                    let range = match job_plan {
                        $crate::append_plan::JobPlan::Missing => {
                            results.push(Err($crate::StoreError::NotFound));
                            continue;
                        }
                        $crate::append_plan::JobPlan::Appends(range) => range.clone(),
                    };
                    let mut appended = Vec::with_capacity(range.len());
                    for planned in &plan.messages[range] {
                        let key = (planned.job.conversation_id, planned.seq);
                        let message = stored
                            .remove(&key)
                            .ok_or($crate::StoreError::Conflict("message"))?;
                        appended.push($crate::Appended {
                            message,
                            conversation: planned.conversation_after.clone(),
                            duplicate: false,
                        });
                    }
                    results.push(Ok(appended));
                }
                Ok(Some(results))
            }

            /// The conversations of `ids`, locked for the batch where the backend locks rows,
            /// and how many of `keys` are stored already, in one statement. SQLite hands the
            /// conversations over as one JSON value (see `READ_BATCH_AS_JSON`).
            async fn conversations_and_taken_keys(
                conn: &mut <$db as sqlx::Database>::Connection,
                ids: &[i64],
                keys: &[&str],
                parameters: $crate::sql_impl::parameters::Parameters,
            ) -> Result<
                (Vec<(i64, frontdesk_core::conversation::Conversation)>, i64),
                $crate::StoreError,
            > {
                use sqlx::Row;
                let taken = match keys.len() {
                    0 => "CAST(0 AS BIGINT)".to_owned(),
                    n => format!("({})", Self::taken_keys_sql(parameters, n)),
                };
                let where_ids = parameters.list_after(keys.len(), ids.len());
                let columns = $crate::sql_impl::chat::CONVERSATION_COLUMNS;
                let sql = match Self::READ_BATCH_AS_JSON {
                    true => format!(
                        "SELECT json_group_array(json_array({columns})), {taken} \
                         FROM conversations WHERE id IN ({where_ids})"
                    ),
                    false => format!(
                        "SELECT {columns}, {taken} AS taken FROM conversations \
                         WHERE id IN ({where_ids}){}",
                        Self::ROW_LOCK
                    ),
                };
                let mut query = sqlx::query(&sql).persistent(false);
                for key in keys {
                    query = query.bind(*key);
                }
                for id in ids {
                    query = query.bind(*id);
                }
                let rows = query.fetch_all(&mut *conn).await?;
                let mut out = Vec::with_capacity(ids.len());
                let mut taken = 0;
                if Self::READ_BATCH_AS_JSON {
                    // An aggregate: exactly one row, whatever was found.
                    for row in &rows {
                        let text: String = row.try_get(0)?;
                        out.extend(
                            $crate::rows::conversations_from_json(&text)?
                                .into_iter()
                                .map(|c| (c.id, c)),
                        );
                        taken = row.try_get::<i64, _>(1)?;
                    }
                    return Ok((out, taken));
                }
                for row in &rows {
                    use sqlx::FromRow;
                    let c: frontdesk_core::conversation::Conversation =
                        $crate::rows::ConversationRow::from_row(row)?.try_into()?;
                    taken = row.try_get::<i64, _>("taken")?;
                    out.push((c.id, c));
                }
                if rows.is_empty() && !keys.is_empty() {
                    // No row to carry the count: the keys may still belong to other chunks'
                    // jobs, which are written.
                    taken = Self::taken_keys(conn, keys, parameters).await?;
                }
                Ok((out, taken))
            }

            /// How many of `keys` are stored already.
            async fn taken_keys(
                conn: &mut <$db as sqlx::Database>::Connection,
                keys: &[&str],
                parameters: $crate::sql_impl::parameters::Parameters,
            ) -> Result<i64, $crate::StoreError> {
                let sql = Self::taken_keys_sql(parameters, keys.len());
                let mut query = sqlx::query_scalar::<_, i64>(&sql).persistent(false);
                for key in keys {
                    query = query.bind(*key);
                }
                Ok(query.fetch_one(&mut *conn).await?)
            }

            /// Counts how many of `n` dedupe keys (its first `n` parameters) are stored.
            fn taken_keys_sql(
                parameters: $crate::sql_impl::parameters::Parameters,
                n: usize,
            ) -> String {
                format!(
                    "SELECT COUNT(*) FROM messages WHERE dedupe_key IN ({})",
                    parameters.list(n)
                )
            }

            /// Confirms that the first and last planned messages of an insert got the ids
            /// `first_id` and `first_id + n - 1` (so every one between did too). Under the
            /// batch's write lock nothing else can take ids in between; should it happen
            /// anyway, the batch is rolled back as a conflict and each of its jobs tried alone.
            async fn check_ids(
                conn: &mut <$db as sqlx::Database>::Connection,
                chunk: &[$crate::append_plan::PlannedMessage<'_>],
                first_id: i64,
            ) -> Result<(), $crate::StoreError> {
                let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else {
                    return Ok(());
                };
                let sql =
                    "SELECT (SELECT id FROM messages WHERE conversation_id = $1 AND seq = $2), \
                     (SELECT id FROM messages WHERE conversation_id = $3 AND seq = $4)";
                let ids: (Option<i64>, Option<i64>) = sqlx::query_as(sql)
                    .bind(first.job.conversation_id)
                    .bind(first.seq)
                    .bind(last.job.conversation_id)
                    .bind(last.seq)
                    .fetch_one(&mut *conn)
                    .await?;
                let last_id = first_id + chunk.len() as i64 - 1;
                if ids != (Some(first_id), Some(last_id)) {
                    return Err($crate::StoreError::Conflict("message"));
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_append_fast;
