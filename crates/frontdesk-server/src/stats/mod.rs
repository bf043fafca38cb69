//! Statistics (§8) as the dashboard, the CLI and (later) the API read them: one place that
//! checks the request, reads the range of events and runs core's aggregations, and CSV
//! renderings of every table.

pub mod chart;
pub mod csv;

use crate::{metering, state::AppState};
use frontdesk_core::{
    account::Account,
    flow::Flow,
    stats::{
        chatbot_stats, conversation_stats, flow_order, funnel, local_day, offset_segments,
        BotTotals, ConversationStats, DateRange, FunnelStep, RangeError,
    },
};
use frontdesk_store::{StatFamily, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;

/// Why statistics could not be given.
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    /// The date range was refused.
    #[error(transparent)]
    Range(#[from] RangeError),
    /// No such agent in the account.
    #[error("agent {0} does not exist in this account")]
    UnknownAgent(String),
    /// No such chatbot in the account.
    #[error("chatbot {0} does not exist in this account")]
    UnknownChatbot(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl StatsError {
    /// The catalog id of the message explaining the error, with its arguments.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Self::Range(RangeError::BadDate(raw)) => {
                ("stats-error-date", vec![("date", raw.clone())])
            }
            Self::Range(RangeError::Reversed { from, to }) => (
                "stats-error-reversed",
                vec![("from", from.to_string()), ("to", to.to_string())],
            ),
            Self::Range(RangeError::TooLong { days, max }) => (
                "stats-error-too-long",
                vec![("days", days.to_string()), ("max", max.to_string())],
            ),
            Self::UnknownAgent(id) => ("stats-error-agent", vec![("id", id.clone())]),
            Self::UnknownChatbot(id) => ("stats-error-chatbot", vec![("id", id.clone())]),
            Self::Store(_) => ("error-internal", Vec::new()),
        }
    }
}

/// The conversation statistics with the agents' names.
#[derive(Debug, Clone, Serialize)]
pub struct ConversationReport {
    pub stats: ConversationStats,
    /// Agent id → public name (agents since removed show their id).
    pub agent_names: BTreeMap<i64, String>,
}

/// One chatbot in one language, with its name and funnel.
#[derive(Debug, Clone, Serialize)]
pub struct BotReport {
    pub name: String,
    pub totals: BotTotals,
    pub funnel: Vec<FunnelStep>,
}

/// The chatbot statistics of a range.
#[derive(Debug, Clone, Serialize)]
pub struct ChatbotReport {
    pub from: String,
    pub to: String,
    pub bots: Vec<BotReport>,
}

/// One day of the billing period.
#[derive(Debug, Clone, Serialize)]
pub struct UsageDay {
    pub date: String,
    pub counted: i64,
    /// Used by the end of the day.
    pub used: i64,
    /// Remaining at the end of the day; `None` when unlimited.
    pub remaining: Option<i64>,
}

/// The quota of the current billing period and its daily history (§7).
#[derive(Debug, Clone, Serialize)]
pub struct UsageHistory {
    pub first_day: String,
    pub renews_on: String,
    pub limit: Option<i64>,
    pub used: i64,
    pub days: Vec<UsageDay>,
}

/// The default range: the last 30 days up to today, in the account's time zone.
pub fn default_range(state: &AppState, account: &Account) -> DateRange {
    let today = local_day(account.time_zone.tz(), state.now_ms());
    DateRange::ending(today, 30)
}

/// Parses a requested range; missing ends default to the last 30 days.
pub fn parse_range(
    state: &AppState,
    account: &Account,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<DateRange, StatsError> {
    let default = default_range(state, account);
    let from = from.filter(|s| !s.trim().is_empty());
    let to = to.filter(|s| !s.trim().is_empty());
    match (from, to) {
        (None, None) => Ok(default),
        (from, to) => Ok(DateRange::parse(
            from.unwrap_or(&default.from.to_string()),
            to.unwrap_or(&default.to.to_string()),
        )?),
    }
}

/// The day sums of a range in the account's time zone. Events are summed on the day they
/// happened on in the account's zone at the time; the range's ends (and the times medians
/// read) are placed in the zone the account has now.
async fn read_rollup(
    state: &AppState,
    account: &Account,
    family: StatFamily,
    range: &DateRange,
    chatbot: Option<i64>,
) -> Result<frontdesk_core::stats::Rollup, StoreError> {
    let tz = account.time_zone.tz();
    let (from, to) = range.bounds(tz);
    let segments = offset_segments(tz, from, to);
    // Chatbot events of the last steps may still wait to be written.
    state.stat_queue.flush(&state.store).await;
    state
        .store
        .stat_rollup(account.id, family, from, to, &segments, chatbot)
        .await
}

/// The days of a range as `YYYY-MM-DD`.
pub fn days(range: &DateRange) -> Vec<String> {
    frontdesk_core::stats::days_in(range)
        .iter()
        .map(|d| d.to_string())
        .collect()
}

/// The conversation statistics of `range`, for the team or one agent of the account.
pub async fn conversations(
    state: &AppState,
    account: &Account,
    range: &DateRange,
    agent: Option<i64>,
) -> Result<ConversationReport, StatsError> {
    let agents = state.store.list_agents(account.id).await?;
    if let Some(id) = agent {
        if !agents.iter().any(|a| a.id.0 == id) {
            return Err(StatsError::UnknownAgent(id.to_string()));
        }
    }
    let rollup = read_rollup(state, account, StatFamily::Conversations, range, None).await?;
    let stats = conversation_stats(&rollup, range, agent);
    let mut agent_names: BTreeMap<i64, String> = agents
        .iter()
        .map(|a| (a.id.0, a.name.to_string()))
        .collect();
    for (id, _) in &stats.agents {
        agent_names.entry(*id).or_insert_with(|| format!("#{id}"));
    }
    Ok(ConversationReport { stats, agent_names })
}

/// The chatbot statistics of `range`, for every chatbot or one, with a funnel each.
pub async fn chatbots(
    state: &AppState,
    account: &Account,
    range: &DateRange,
    chatbot: Option<i64>,
) -> Result<ChatbotReport, StatsError> {
    let all = state.store.list_chatbots(account.id).await?;
    if let Some(id) = chatbot {
        if !all.iter().any(|b| b.id == id) {
            return Err(StatsError::UnknownChatbot(id.to_string()));
        }
    }
    let rollup = read_rollup(state, account, StatFamily::Chatbots, range, chatbot).await?;
    let stats = chatbot_stats(&rollup, range);
    let mut bots = Vec::new();
    for totals in stats.bots {
        let bot = all.iter().find(|b| b.id == totals.chatbot_id);
        let name = bot.map_or_else(|| format!("#{}", totals.chatbot_id), |b| b.name.clone());
        // The funnel follows the published flow; without one, the nodes seen.
        let mut order = Vec::new();
        if let Some(version) = bot.and_then(|b| b.published_version) {
            if let Some(doc) = state
                .store
                .chatbot_version(account.id, totals.chatbot_id, version)
                .await?
            {
                if let Ok(flow) = Flow::parse(&doc) {
                    order = flow_order(&flow);
                }
            }
        }
        let funnel = funnel(&order, &totals.nodes);
        bots.push(BotReport {
            name,
            totals,
            funnel,
        });
    }
    Ok(ChatbotReport {
        from: range.from.to_string(),
        to: range.to.to_string(),
        bots,
    })
}

/// The current billing period's quota, day by day.
pub async fn usage_history(
    state: &AppState,
    account: &Account,
) -> Result<UsageHistory, StoreError> {
    let tz = account.time_zone.tz();
    let (period, quota) = metering::quota(state, account).await?;
    let counted = state
        .store
        .usage_ledger(account.id, period.start_ms)
        .await?;
    let mut per_day: BTreeMap<chrono::NaiveDate, i64> = BTreeMap::new();
    for line in &counted {
        *per_day.entry(local_day(tz, line.counted_at)).or_default() += 1;
    }
    let today = local_day(tz, state.now_ms());
    let mut days = Vec::new();
    let mut used = 0;
    for date in period
        .first_day
        .iter_days()
        .take_while(|d| *d < period.renews_on)
    {
        if date > today {
            break;
        }
        let n = per_day.get(&date).copied().unwrap_or(0);
        used += n;
        days.push(UsageDay {
            date: date.to_string(),
            counted: n,
            used,
            remaining: quota.limit.map(|l| (l - used).max(0)),
        });
    }
    Ok(UsageHistory {
        first_day: period.first_day.to_string(),
        renews_on: period.renews_on.to_string(),
        limit: quota.limit,
        used: quota.used,
        days,
    })
}
