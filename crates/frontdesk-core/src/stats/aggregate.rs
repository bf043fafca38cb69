//! From a range of events to the conversation and chatbot statistics, as pure functions.

use super::{funnel::NodeCounts, local_day, median, rate, DateRange, StatKind, StatRow};
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::BTreeMap;

/// The conversation counts of one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayCounts {
    pub date: NaiveDate,
    pub new: i64,
    pub replied: i64,
    pub closed: i64,
}

/// The conversation statistics of a range, for the team or one agent (§8).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ConversationTotals {
    /// New conversations (for an agent: those the agent answered first).
    pub new: i64,
    /// Conversations replied to (for an agent: those the agent replied in).
    pub replied: i64,
    pub closed: i64,
    /// Median first response time, over conversations started while an agent was online.
    pub first_response_median_ms: Option<i64>,
    /// How many first responses the median is taken over.
    pub first_responses: i64,
    /// Median time from the start to the close.
    pub time_to_close_median_ms: Option<i64>,
    /// Sum of chatting time: from the first reply to the close.
    pub chatting_ms: i64,
    /// Mean rating, 1 to 5.
    pub rating_mean: Option<f64>,
    pub ratings: i64,
}

/// The whole conversation statistics of a range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConversationStats {
    pub range_from: NaiveDate,
    pub range_to: NaiveDate,
    pub days: Vec<DayCounts>,
    pub total: ConversationTotals,
    /// Per agent id, ascending.
    pub agents: Vec<(i64, ConversationTotals)>,
}

#[derive(Default)]
struct Acc {
    totals: ConversationTotals,
    first: Vec<i64>,
    close: Vec<i64>,
    rating_sum: i64,
}

impl Acc {
    fn finish(mut self) -> ConversationTotals {
        self.totals.first_responses = self.first.len() as i64;
        self.totals.first_response_median_ms = median(&mut self.first);
        self.totals.time_to_close_median_ms = median(&mut self.close);
        self.totals.rating_mean = rate(self.rating_sum, self.totals.ratings);
        self.totals
    }
}

/// The conversation statistics of `range` in `tz` from its events (rows outside the range
/// and chatbot rows are ignored). With `agent`, only that agent's column is kept in `agents`
/// and the days count that agent's conversations.
pub fn conversation_stats(
    rows: &[StatRow],
    tz: Tz,
    range: &DateRange,
    agent: Option<i64>,
) -> ConversationStats {
    let (start, end) = range.bounds(tz);
    let mut days: BTreeMap<NaiveDate, DayCounts> = super::days_in(range)
        .into_iter()
        .map(|date| {
            let zero = DayCounts {
                date,
                new: 0,
                replied: 0,
                closed: 0,
            };
            (date, zero)
        })
        .collect();
    let mut total = Acc::default();
    let mut agents: BTreeMap<i64, Acc> = BTreeMap::new();
    for row in rows
        .iter()
        .filter(|r| (start..end).contains(&r.occurred_at_ms) && !r.kind.is_bot())
    {
        let day = days.get_mut(&local_day(tz, row.occurred_at_ms));
        let by = row.agent_id.map(|a| agents.entry(a).or_default());
        // With an agent chosen, the days follow that agent's own counts.
        let mine = agent.is_none() || row.agent_id == agent;
        match row.kind {
            StatKind::Started => {
                total.totals.new += 1;
                if let (Some(d), None) = (day, agent) {
                    d.new += 1;
                }
            }
            StatKind::FirstReply => {
                total.totals.replied += 1;
                let online = row.extra == Some(1);
                let value = row.value.unwrap_or(0).max(0);
                if online {
                    total.first.push(value);
                }
                if let Some(a) = by {
                    a.totals.new += 1;
                    if online {
                        a.first.push(value);
                    }
                }
                if let (Some(d), None) = (day, agent) {
                    d.replied += 1;
                }
            }
            StatKind::Replied => {
                if let Some(a) = by {
                    a.totals.replied += 1;
                }
                if let (Some(d), Some(_), true) = (day, agent, mine) {
                    d.replied += 1;
                }
            }
            StatKind::Closed => {
                let value = row.value.unwrap_or(0).max(0);
                let chatting = row.extra.unwrap_or(0).max(0);
                total.totals.closed += 1;
                total.close.push(value);
                total.totals.chatting_ms += chatting;
                if let Some(a) = by {
                    a.totals.closed += 1;
                    a.close.push(value);
                    a.totals.chatting_ms += chatting;
                }
                if let (Some(d), true) = (day, mine) {
                    d.closed += 1;
                }
            }
            StatKind::Rated => {
                let score = row.value.unwrap_or(0);
                total.totals.ratings += 1;
                total.rating_sum += score;
                if let Some(a) = by {
                    a.totals.ratings += 1;
                    a.rating_sum += score;
                }
            }
            _ => {}
        }
    }
    if let Some(chosen) = agent {
        // An agent's days: conversations answered first by them count as their new ones.
        for row in rows.iter().filter(|r| {
            (start..end).contains(&r.occurred_at_ms)
                && r.kind == StatKind::FirstReply
                && r.agent_id == Some(chosen)
        }) {
            if let Some(d) = days.get_mut(&local_day(tz, row.occurred_at_ms)) {
                d.new += 1;
            }
        }
    }
    let agents = agents
        .into_iter()
        .filter(|(id, _)| agent.is_none_or(|a| a == *id))
        .map(|(id, acc)| (id, acc.finish()))
        .collect();
    ConversationStats {
        range_from: range.from,
        range_to: range.to,
        days: days.into_values().collect(),
        total: total.finish(),
        agents,
    }
}

/// One chatbot's counts on one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BotDay {
    pub date: NaiveDate,
    pub triggered: i64,
    pub engaged: i64,
    pub resolved: i64,
    pub escalated: i64,
}

/// One chatbot in one language over the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BotTotals {
    pub chatbot_id: i64,
    pub language: String,
    pub triggered: i64,
    pub engaged: i64,
    pub resolved: i64,
    pub escalated: i64,
    /// Resolved among the conversations with an outcome (resolved + escalated).
    pub resolution_rate: Option<f64>,
    pub days: Vec<BotDay>,
    /// Per node id.
    pub nodes: BTreeMap<String, NodeCounts>,
}

/// The chatbot statistics of a range: one entry per chatbot and language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChatbotStats {
    pub range_from: NaiveDate,
    pub range_to: NaiveDate,
    pub bots: Vec<BotTotals>,
}

/// The chatbot statistics of `range` in `tz` from its events.
pub fn chatbot_stats(rows: &[StatRow], tz: Tz, range: &DateRange) -> ChatbotStats {
    let (start, end) = range.bounds(tz);
    let all_days = super::days_in(range);
    let mut bots: BTreeMap<(i64, String), BotTotals> = BTreeMap::new();
    for row in rows
        .iter()
        .filter(|r| (start..end).contains(&r.occurred_at_ms) && r.kind.is_bot())
    {
        let Some(chatbot_id) = row.chatbot_id else {
            continue;
        };
        let language = row.language.clone().unwrap_or_default();
        let bot = bots
            .entry((chatbot_id, language.clone()))
            .or_insert_with(|| BotTotals {
                chatbot_id,
                language,
                triggered: 0,
                engaged: 0,
                resolved: 0,
                escalated: 0,
                resolution_rate: None,
                days: all_days
                    .iter()
                    .map(|&date| BotDay {
                        date,
                        triggered: 0,
                        engaged: 0,
                        resolved: 0,
                        escalated: 0,
                    })
                    .collect(),
                nodes: BTreeMap::new(),
            });
        let index = (local_day(tz, row.occurred_at_ms) - range.from).num_days();
        let day = usize::try_from(index)
            .ok()
            .and_then(|i| bot.days.get_mut(i));
        let node = row.node.clone().unwrap_or_default();
        match row.kind {
            StatKind::BotTriggered => {
                bot.triggered += 1;
                if let Some(d) = day {
                    d.triggered += 1;
                }
            }
            StatKind::BotEngaged => {
                bot.engaged += 1;
                if let Some(d) = day {
                    d.engaged += 1;
                }
            }
            StatKind::BotResolved => {
                bot.resolved += 1;
                if let Some(d) = day {
                    d.resolved += 1;
                }
            }
            StatKind::BotEscalated => {
                bot.escalated += 1;
                if let Some(d) = day {
                    d.escalated += 1;
                }
            }
            StatKind::NodeVisited => bot.nodes.entry(node).or_default().visits += 1,
            StatKind::ButtonClicked => {
                let button = row.button.clone().unwrap_or_default();
                *bot.nodes
                    .entry(node)
                    .or_default()
                    .clicks
                    .entry(button)
                    .or_default() += 1;
            }
            StatKind::NodeLeft => bot.nodes.entry(node).or_default().left += 1,
            _ => {}
        }
    }
    let bots = bots
        .into_values()
        .map(|mut b| {
            b.resolution_rate = rate(b.resolved, b.resolved + b.escalated);
            b
        })
        .collect();
    ChatbotStats {
        range_from: range.from,
        range_to: range.to,
        bots,
    }
}
