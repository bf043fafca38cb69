//! `StatsStore` for both backends.

/// The stored kinds of each family, as SQL lists (fixed names, never user input).
pub(crate) fn family_kinds(family: crate::StatFamily) -> &'static str {
    match family {
        crate::StatFamily::Conversations => {
            "('started', 'first_reply', 'replied', 'closed', 'rated')"
        }
        crate::StatFamily::Chatbots => {
            "('bot_triggered', 'bot_engaged', 'bot_resolved', 'bot_escalated', \
             'node_visited', 'button_clicked', 'node_left')"
        }
    }
}

/// A stored event row.
#[derive(sqlx::FromRow)]
pub(crate) struct StatEventRow {
    occurred_at: i64,
    kind: String,
    conversation_id: i64,
    agent_id: Option<i64>,
    chatbot_id: Option<i64>,
    language: Option<String>,
    node: Option<String>,
    button: Option<String>,
    value: Option<i64>,
    extra: Option<i64>,
}

impl TryFrom<StatEventRow> for frontdesk_core::stats::StatRow {
    type Error = crate::StoreError;
    fn try_from(r: StatEventRow) -> Result<Self, crate::StoreError> {
        let kind = frontdesk_core::stats::StatKind::parse(&r.kind)
            .ok_or_else(|| crate::StoreError::Corrupt(format!("statistics kind {:?}", r.kind)))?;
        Ok(Self {
            occurred_at_ms: r.occurred_at,
            kind,
            conversation_id: r.conversation_id,
            agent_id: r.agent_id,
            chatbot_id: r.chatbot_id,
            language: r.language,
            node: r.node,
            button: r.button,
            value: r.value,
            extra: r.extra,
        })
    }
}

pub(crate) const INSERT_STAT: &str = "INSERT INTO stat_events (account_id, occurred_at, kind, \
     conversation_id, agent_id, chatbot_id, language, node, button, value, extra, dedupe) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
     ON CONFLICT (dedupe) DO NOTHING";

macro_rules! impl_stats_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::StatsStore for $store {
            async fn record_stat(
                &self,
                e: &frontdesk_core::stats::StatEvent,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query($crate::sql_impl::stats::INSERT_STAT)
                    .bind(e.account_id)
                    .bind(e.occurred_at_ms)
                    .bind(e.kind.as_str())
                    .bind(e.conversation_id)
                    .bind(e.agent_id)
                    .bind(e.chatbot_id)
                    .bind(e.language.as_deref())
                    .bind(e.node.as_deref())
                    .bind(e.button.as_deref())
                    .bind(e.value)
                    .bind(e.extra)
                    .bind(e.dedupe.as_deref())
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn record_stats(
                &self,
                events: &[frontdesk_core::stats::StatEvent],
            ) -> Result<u64, $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                let mut added = 0;
                // 12 parameters a row; 400 rows stay under both backends' parameter limits.
                for chunk in events.chunks(400) {
                    let mut query = sqlx::QueryBuilder::new(
                        "INSERT INTO stat_events (account_id, occurred_at, kind, \
                         conversation_id, agent_id, chatbot_id, language, node, button, value, \
                         extra, dedupe) ",
                    );
                    query.push_values(chunk, |mut b, e| {
                        b.push_bind(e.account_id)
                            .push_bind(e.occurred_at_ms)
                            .push_bind(e.kind.as_str())
                            .push_bind(e.conversation_id)
                            .push_bind(e.agent_id)
                            .push_bind(e.chatbot_id)
                            .push_bind(e.language.clone())
                            .push_bind(e.node.clone())
                            .push_bind(e.button.clone())
                            .push_bind(e.value)
                            .push_bind(e.extra)
                            .push_bind(e.dedupe.clone());
                    });
                    query.push(" ON CONFLICT (dedupe) DO NOTHING");
                    added += query.build().execute(&mut *tx).await?.rows_affected();
                }
                tx.commit().await?;
                Ok(added)
            }

            async fn stat_marks(
                &self,
                account: frontdesk_core::ids::AccountId,
                conversation_id: i64,
            ) -> Result<$crate::StatMarks, $crate::StoreError> {
                let rows: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
                    "SELECT kind, occurred_at, value FROM stat_events \
                     WHERE conversation_id = $1 AND account_id = $2 \
                     AND kind IN ('started', 'first_reply')",
                )
                .bind(conversation_id)
                .bind(account.0)
                .fetch_all(&self.pool)
                .await?;
                let mut marks = $crate::StatMarks::default();
                for (kind, at, value) in rows {
                    match kind.as_str() {
                        "started" => marks.started = Some((at, value == Some(1))),
                        _ => marks.first_reply_at = Some(at),
                    }
                }
                Ok(marks)
            }

            async fn stat_rollup(
                &self,
                account: frontdesk_core::ids::AccountId,
                family: $crate::StatFamily,
                from_ms: i64,
                to_ms: i64,
                segments: &[(i64, i64)],
                chatbot: Option<i64>,
            ) -> Result<frontdesk_core::stats::Rollup, $crate::StoreError> {
                use frontdesk_core::stats::{day_of, DayCount, MedianValue, Rollup, StatKind};
                let day = frontdesk_core::stats::day_sql(segments);
                let kinds = $crate::sql_impl::stats::family_kinds(family);
                let kind_of = |name: &str| {
                    StatKind::parse(name).ok_or_else(|| {
                        $crate::StoreError::Corrupt(format!("statistics kind {name:?}"))
                    })
                };
                let mut rollup = Rollup::default();
                match family {
                    $crate::StatFamily::Conversations => {
                        let sql = format!(
                            "SELECT CAST({day} AS BIGINT) AS day, kind, agent_id, \
                             CAST(CASE WHEN kind = 'first_reply' AND extra = 1 THEN 1 ELSE 0 END \
                             AS BIGINT) AS online, COUNT(*) AS n, \
                             CAST(COALESCE(SUM(value), 0) AS BIGINT) AS v, \
                             CAST(COALESCE(SUM(extra), 0) AS BIGINT) AS x \
                             FROM stat_events WHERE account_id = $1 AND kind IN {kinds} \
                             AND occurred_at >= $2 AND occurred_at < $3 \
                             GROUP BY 1, kind, agent_id, 4"
                        );
                        let rows: Vec<(i64, String, Option<i64>, i64, i64, i64, i64)> =
                            sqlx::query_as(&sql)
                                .bind(account.0)
                                .bind(from_ms)
                                .bind(to_ms)
                                .fetch_all(&self.pool)
                                .await?;
                        for (d, kind, agent_id, online, count, value_sum, extra_sum) in rows {
                            rollup.counts.push(DayCount {
                                day: day_of(d),
                                kind: kind_of(&kind)?,
                                agent_id,
                                chatbot_id: None,
                                language: None,
                                node: None,
                                button: None,
                                online: online == 1,
                                count,
                                value_sum,
                                extra_sum,
                            });
                        }
                        // Medians need the values themselves: online first responses and
                        // times to close, read from the covering index.
                        for (kind, only_online) in
                            [(StatKind::FirstReply, "AND extra = 1"), (StatKind::Closed, "")]
                        {
                            let sql = format!(
                                "SELECT agent_id, value FROM stat_events WHERE account_id = $1 \
                                 AND kind = '{}' AND occurred_at >= $2 AND occurred_at < $3 \
                                 {only_online}",
                                kind.as_str()
                            );
                            let rows: Vec<(Option<i64>, Option<i64>)> = sqlx::query_as(&sql)
                                .bind(account.0)
                                .bind(from_ms)
                                .bind(to_ms)
                                .fetch_all(&self.pool)
                                .await?;
                            rollup.values.extend(rows.into_iter().map(|(agent_id, value)| {
                                MedianValue {
                                    kind,
                                    agent_id,
                                    value: value.unwrap_or(0),
                                }
                            }));
                        }
                    }
                    $crate::StatFamily::Chatbots => {
                        let sql = format!(
                            "SELECT CAST({day} AS BIGINT) AS day, kind, chatbot_id, language, \
                             node, button, COUNT(*) AS n FROM stat_events \
                             WHERE account_id = $1 AND kind IN {kinds} \
                             AND occurred_at >= $2 AND occurred_at < $3 \
                             AND ($4 IS NULL OR chatbot_id = $4) \
                             GROUP BY 1, kind, chatbot_id, language, node, button"
                        );
                        type BotRow = (
                            i64,
                            String,
                            Option<i64>,
                            Option<String>,
                            Option<String>,
                            Option<String>,
                            i64,
                        );
                        let rows: Vec<BotRow> = sqlx::query_as(&sql)
                            .bind(account.0)
                            .bind(from_ms)
                            .bind(to_ms)
                            .bind(chatbot)
                            .fetch_all(&self.pool)
                            .await?;
                        for (d, kind, chatbot_id, language, node, button, count) in rows {
                            rollup.counts.push(DayCount {
                                day: day_of(d),
                                kind: kind_of(&kind)?,
                                agent_id: None,
                                chatbot_id,
                                language,
                                node,
                                button,
                                online: false,
                                count,
                                value_sum: 0,
                                extra_sum: 0,
                            });
                        }
                    }
                }
                Ok(rollup.sorted())
            }

            async fn stat_rows(
                &self,
                account: frontdesk_core::ids::AccountId,
                family: $crate::StatFamily,
                from_ms: i64,
                to_ms: i64,
                chatbot: Option<i64>,
            ) -> Result<Vec<frontdesk_core::stats::StatRow>, $crate::StoreError> {
                let sql = format!(
                    "SELECT occurred_at, kind, conversation_id, agent_id, chatbot_id, language, \
                     node, button, value, extra FROM stat_events \
                     WHERE account_id = $1 AND kind IN {} AND occurred_at >= $2 \
                     AND occurred_at < $3 AND ($4 IS NULL OR chatbot_id = $4) \
                     ORDER BY occurred_at",
                    $crate::sql_impl::stats::family_kinds(family)
                );
                let rows: Vec<$crate::sql_impl::stats::StatEventRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(from_ms)
                    .bind(to_ms)
                    .bind(chatbot)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }
    };
}

pub(crate) use impl_stats_store;
