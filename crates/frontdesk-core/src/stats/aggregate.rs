//! From a range's day sums to the conversation and chatbot statistics, as pure functions.

use super::{funnel::NodeCounts, median, rate, DateRange, Rollup, StatKind};
use chrono::NaiveDate;
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

/// The conversation statistics of `range` from its rollup (chatbot sums are ignored). With
/// `agent`, only that agent's column is kept in `agents` and the days count that agent's
/// conversations: answered first as new, replied in, and closed.
pub fn conversation_stats(
    rollup: &Rollup,
    range: &DateRange,
    agent: Option<i64>,
) -> ConversationStats {
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
    for c in rollup.counts.iter().filter(|c| !c.kind.is_bot()) {
        let day = days.get_mut(&c.day);
        let by = c.agent_id.map(|a| agents.entry(a).or_default());
        // With an agent chosen, the days follow that agent's own counts.
        let mine = agent.is_some() && c.agent_id == agent;
        let n = c.count;
        match c.kind {
            StatKind::Started => {
                total.totals.new += n;
                if let (Some(d), None) = (day, agent) {
                    d.new += n;
                }
            }
            StatKind::FirstReply => {
                total.totals.replied += n;
                if let Some(a) = by {
                    a.totals.new += n;
                }
                if let Some(d) = day {
                    if agent.is_none() {
                        d.replied += n;
                    } else if mine {
                        d.new += n;
                    }
                }
            }
            StatKind::Replied => {
                if let Some(a) = by {
                    a.totals.replied += n;
                }
                if let (Some(d), true) = (day, mine) {
                    d.replied += n;
                }
            }
            StatKind::Closed => {
                total.totals.closed += n;
                total.totals.chatting_ms += c.extra_sum;
                if let Some(a) = by {
                    a.totals.closed += n;
                    a.totals.chatting_ms += c.extra_sum;
                }
                if let (Some(d), true) = (day, agent.is_none() || mine) {
                    d.closed += n;
                }
            }
            StatKind::Rated => {
                total.totals.ratings += n;
                total.rating_sum += c.value_sum;
                if let Some(a) = by {
                    a.totals.ratings += n;
                    a.rating_sum += c.value_sum;
                }
            }
            _ => {}
        }
    }
    for v in &rollup.values {
        let value = v.value.max(0);
        let by = v.agent_id.map(|a| agents.entry(a).or_default());
        match v.kind {
            StatKind::FirstReply => {
                total.first.push(value);
                if let Some(a) = by {
                    a.first.push(value);
                }
            }
            StatKind::Closed => {
                total.close.push(value);
                if let Some(a) = by {
                    a.close.push(value);
                }
            }
            _ => {}
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

/// The chatbot statistics of `range` from its rollup.
pub fn chatbot_stats(rollup: &Rollup, range: &DateRange) -> ChatbotStats {
    let all_days = super::days_in(range);
    let mut bots: BTreeMap<(i64, String), BotTotals> = BTreeMap::new();
    for c in rollup.counts.iter().filter(|c| c.kind.is_bot()) {
        let Some(chatbot_id) = c.chatbot_id else {
            continue;
        };
        let language = c.language.clone().unwrap_or_default();
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
        let index = (c.day - range.from).num_days();
        let day = usize::try_from(index)
            .ok()
            .and_then(|i| bot.days.get_mut(i));
        let node = c.node.clone().unwrap_or_default();
        let n = c.count;
        match c.kind {
            StatKind::BotTriggered => {
                bot.triggered += n;
                if let Some(d) = day {
                    d.triggered += n;
                }
            }
            StatKind::BotEngaged => {
                bot.engaged += n;
                if let Some(d) = day {
                    d.engaged += n;
                }
            }
            StatKind::BotResolved => {
                bot.resolved += n;
                if let Some(d) = day {
                    d.resolved += n;
                }
            }
            StatKind::BotEscalated => {
                bot.escalated += n;
                if let Some(d) = day {
                    d.escalated += n;
                }
            }
            StatKind::NodeVisited => bot.nodes.entry(node).or_default().visits += n,
            StatKind::ButtonClicked => {
                let button = c.button.clone().unwrap_or_default();
                *bot.nodes
                    .entry(node)
                    .or_default()
                    .clicks
                    .entry(button)
                    .or_default() += n;
            }
            StatKind::NodeLeft => bot.nodes.entry(node).or_default().left += n,
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
