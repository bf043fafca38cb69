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

/// One row of the daily sums: its key and what to add.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct DayKey {
    pub account_id: i64,
    pub day: i64,
    pub kind: &'static str,
    pub agent_id: i64,
    pub chatbot_id: i64,
    pub language: String,
    pub node: String,
    pub button: String,
    pub online: i64,
}

impl DayKey {
    pub(crate) fn of(e: &frontdesk_core::stats::StatEvent) -> Self {
        let online = frontdesk_core::stats::StatKind::FirstReply == e.kind && e.extra == Some(1);
        Self {
            account_id: e.account_id,
            day: e.day,
            kind: e.kind.as_str(),
            agent_id: e.agent_id.unwrap_or(0),
            chatbot_id: e.chatbot_id.unwrap_or(0),
            language: e.language.clone().unwrap_or_default(),
            node: e.node.clone().unwrap_or_default(),
            button: e.button.clone().unwrap_or_default(),
            online: i64::from(online),
        }
    }
}

/// The daily sums of `events`, one entry per key: (count, value sum, extra sum).
pub(crate) fn day_sums<'a>(
    events: impl IntoIterator<Item = &'a frontdesk_core::stats::StatEvent>,
) -> Vec<(DayKey, [i64; 3])> {
    let mut sums: std::collections::BTreeMap<DayKey, [i64; 3]> = Default::default();
    for e in events {
        let s = sums.entry(DayKey::of(e)).or_default();
        s[0] += 1;
        s[1] += e.value.unwrap_or(0);
        s[2] += e.extra.unwrap_or(0);
    }
    sums.into_iter().collect()
}

/// Adds daily sums; the key columns are the primary key of `stat_days`.
pub(crate) const UPSERT_DAYS: &str = "INSERT INTO stat_days (account_id, day, kind, agent_id, \
     chatbot_id, language, node, button, online, n, value_sum, extra_sum) ";
pub(crate) const UPSERT_DAYS_TAIL: &str = " ON CONFLICT (account_id, day, kind, agent_id, \
     chatbot_id, language, node, button, online) DO UPDATE SET n = stat_days.n + excluded.n, \
     value_sum = stat_days.value_sum + excluded.value_sum, \
     extra_sum = stat_days.extra_sum + excluded.extra_sum";

macro_rules! impl_stats_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::StatsStore for $store {
            async fn record_stat(
                &self,
                e: &frontdesk_core::stats::StatEvent,
            ) -> Result<bool, $crate::StoreError> {
                self.record_stats(std::slice::from_ref(e))
                    .await
                    .map(|added| added == 1)
            }

            async fn record_stats(
                &self,
                events: &[frontdesk_core::stats::StatEvent],
            ) -> Result<u64, $crate::StoreError> {
                let mut tx = self.writes.begin().await?;
                let mut added = Vec::new();
                // 13 parameters a row; 400 rows stay under both backends' parameter limits.
                // Events without a key are always new; one with a key is new when its key
                // comes back (once: a key twice in one batch is new only the first time).
                for chunk in events.chunks(400) {
                    let mut query = sqlx::QueryBuilder::new(
                        "INSERT INTO stat_events (account_id, occurred_at, kind, \
                         conversation_id, agent_id, chatbot_id, language, node, button, value, \
                         extra, dedupe, day) ",
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
                            .push_bind(e.dedupe.clone())
                            .push_bind(e.day);
                    });
                    query.push(" ON CONFLICT (dedupe) DO NOTHING RETURNING dedupe");
                    let keys: Vec<Option<String>> =
                        query.build_query_scalar().fetch_all(&mut *tx).await?;
                    let mut keys: std::collections::HashSet<String> =
                        keys.into_iter().flatten().collect();
                    added.extend(chunk.iter().filter(|e| match &e.dedupe {
                        Some(k) => keys.remove(k),
                        None => true,
                    }));
                }
                let sums = $crate::sql_impl::stats::day_sums(added.iter().copied());
                for chunk in sums.chunks(500) {
                    let mut query = sqlx::QueryBuilder::new($crate::sql_impl::stats::UPSERT_DAYS);
                    query.push_values(chunk, |mut b, (k, v)| {
                        b.push_bind(k.account_id)
                            .push_bind(k.day)
                            .push_bind(k.kind)
                            .push_bind(k.agent_id)
                            .push_bind(k.chatbot_id)
                            .push_bind(k.language.clone())
                            .push_bind(k.node.clone())
                            .push_bind(k.button.clone())
                            .push_bind(k.online)
                            .push_bind(v[0])
                            .push_bind(v[1])
                            .push_bind(v[2]);
                    });
                    query.push($crate::sql_impl::stats::UPSERT_DAYS_TAIL);
                    query.build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(added.len() as u64)
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
                // The days of the range, as the daily sums number them.
                let first_day = frontdesk_core::stats::day_number(segments, from_ms);
                let last_day = frontdesk_core::stats::day_number(segments, to_ms - 1);
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
                            "SELECT day, kind, agent_id, online, n, value_sum, extra_sum \
                             FROM stat_days WHERE account_id = $1 AND day >= $2 \
                             AND day <= $3 AND kind IN {kinds}"
                        );
                        let rows: Vec<(i64, String, i64, i64, i64, i64, i64)> =
                            sqlx::query_as(&sql)
                                .bind(account.0)
                                .bind(first_day)
                                .bind(last_day)
                                .fetch_all(&self.pool)
                                .await?;
                        for (d, kind, agent_id, online, count, value_sum, extra_sum) in rows {
                            rollup.counts.push(DayCount {
                                day: day_of(d),
                                kind: kind_of(&kind)?,
                                agent_id: (agent_id != 0).then_some(agent_id),
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
                            "SELECT day, kind, chatbot_id, language, node, button, n \
                             FROM stat_days WHERE account_id = $1 AND day >= $2 \
                             AND day <= $3 AND kind IN {kinds} \
                             AND ($4 IS NULL OR chatbot_id = $4)"
                        );
                        type BotRow = (i64, String, i64, String, String, String, i64);
                        let rows: Vec<BotRow> = sqlx::query_as(&sql)
                            .bind(account.0)
                            .bind(first_day)
                            .bind(last_day)
                            .bind(chatbot)
                            .fetch_all(&self.pool)
                            .await?;
                        for (d, kind, chatbot_id, language, node, button, count) in rows {
                            let text = |t: String| (!t.is_empty()).then_some(t);
                            rollup.counts.push(DayCount {
                                day: day_of(d),
                                kind: kind_of(&kind)?,
                                agent_id: None,
                                chatbot_id: (chatbot_id != 0).then_some(chatbot_id),
                                language: text(language),
                                node: text(node),
                                button: text(button),
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
