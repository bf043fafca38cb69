//! What the statistics and billing endpoints send (§7, §8): the dashboard's numbers, as
//! data. Durations are milliseconds; dates are `YYYY-MM-DD` in the account's time zone.

use crate::stats::{ChatbotReport, ConversationReport, UsageHistory};
use frontdesk_core::stats::{ConversationTotals, FunnelStep};
use frontdesk_store::LedgerEntry;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The days to report on; by default the last 30 days up to today.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RangeFilter {
    /// First day, included.
    #[param(format = Date, example = "2026-11-01")]
    pub from: Option<String>,
    /// Last day, included (at most a year after `from`).
    #[param(format = Date, example = "2026-11-30")]
    pub to: Option<String>,
    /// Only this agent (conversations) or chatbot (chatbots).
    pub id: Option<i64>,
}

/// Conversation counts and times.
#[derive(Debug, Serialize, ToSchema)]
pub struct TotalsOut {
    /// New conversations (for an agent: those the agent answered first).
    pub new: i64,
    /// Conversations replied to.
    pub replied: i64,
    pub closed: i64,
    /// Median first response time, over conversations started while an agent was online.
    pub first_response_median_ms: Option<i64>,
    /// How many first responses the median is taken over.
    pub first_responses: i64,
    pub time_to_close_median_ms: Option<i64>,
    /// From the first reply to the close, summed.
    pub chatting_ms: i64,
    /// Mean rating, 1 to 5.
    pub rating_mean: Option<f64>,
    pub ratings: i64,
}

impl From<&ConversationTotals> for TotalsOut {
    fn from(t: &ConversationTotals) -> Self {
        Self {
            new: t.new,
            replied: t.replied,
            closed: t.closed,
            first_response_median_ms: t.first_response_median_ms,
            first_responses: t.first_responses,
            time_to_close_median_ms: t.time_to_close_median_ms,
            chatting_ms: t.chatting_ms,
            rating_mean: t.rating_mean,
            ratings: t.ratings,
        }
    }
}

/// One day's conversation counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationDayOut {
    pub date: String,
    pub new: i64,
    pub replied: i64,
    pub closed: i64,
}

/// One agent's figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgentTotalsOut {
    pub agent_id: i64,
    pub name: String,
    pub totals: TotalsOut,
}

/// The conversation statistics of a range.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationStatsOut {
    pub from: String,
    pub to: String,
    pub days: Vec<ConversationDayOut>,
    pub total: TotalsOut,
    pub agents: Vec<AgentTotalsOut>,
}

impl From<&ConversationReport> for ConversationStatsOut {
    fn from(r: &ConversationReport) -> Self {
        let s = &r.stats;
        Self {
            from: s.range_from.to_string(),
            to: s.range_to.to_string(),
            days: s
                .days
                .iter()
                .map(|d| ConversationDayOut {
                    date: d.date.to_string(),
                    new: d.new,
                    replied: d.replied,
                    closed: d.closed,
                })
                .collect(),
            total: (&s.total).into(),
            agents: s
                .agents
                .iter()
                .map(|(id, totals)| AgentTotalsOut {
                    agent_id: *id,
                    name: r.agent_names.get(id).cloned().unwrap_or_default(),
                    totals: totals.into(),
                })
                .collect(),
        }
    }
}

/// One day of one chatbot.
#[derive(Debug, Serialize, ToSchema)]
pub struct BotDayOut {
    pub date: String,
    pub triggered: i64,
    pub engaged: i64,
    pub resolved: i64,
    pub escalated: i64,
}

/// Clicks on one button.
#[derive(Debug, Serialize, ToSchema)]
pub struct ButtonClicksOut {
    pub button: String,
    pub clicks: i64,
}

/// One step of a chatbot's funnel.
#[derive(Debug, Serialize, ToSchema)]
pub struct FunnelStepOut {
    pub node: String,
    pub visits: i64,
    /// In the flow's button order, buttons never clicked included.
    pub clicks: Vec<ButtonClicksOut>,
    /// Visitors who left at this step.
    pub left: i64,
    pub drop_off: Option<f64>,
    /// This step loses the largest share of its visitors.
    pub weakest: bool,
}

impl From<&FunnelStep> for FunnelStepOut {
    fn from(f: &FunnelStep) -> Self {
        Self {
            node: f.node.clone(),
            visits: f.visits,
            clicks: f
                .clicks
                .iter()
                .map(|(button, clicks)| ButtonClicksOut {
                    button: button.clone(),
                    clicks: *clicks,
                })
                .collect(),
            left: f.left,
            drop_off: f.drop_off,
            weakest: f.weakest,
        }
    }
}

/// One chatbot in one language over the range.
#[derive(Debug, Serialize, ToSchema)]
pub struct BotStatsOut {
    pub chatbot_id: i64,
    pub name: String,
    pub language: String,
    pub triggered: i64,
    pub engaged: i64,
    pub resolved: i64,
    pub escalated: i64,
    /// Resolved among the conversations with an outcome.
    pub resolution_rate: Option<f64>,
    pub days: Vec<BotDayOut>,
    pub funnel: Vec<FunnelStepOut>,
}

/// The chatbot statistics of a range.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChatbotStatsOut {
    pub from: String,
    pub to: String,
    pub chatbots: Vec<BotStatsOut>,
}

impl From<&ChatbotReport> for ChatbotStatsOut {
    fn from(r: &ChatbotReport) -> Self {
        Self {
            from: r.from.clone(),
            to: r.to.clone(),
            chatbots: r
                .bots
                .iter()
                .map(|b| BotStatsOut {
                    chatbot_id: b.totals.chatbot_id,
                    name: b.name.clone(),
                    language: b.totals.language.clone(),
                    triggered: b.totals.triggered,
                    engaged: b.totals.engaged,
                    resolved: b.totals.resolved,
                    escalated: b.totals.escalated,
                    resolution_rate: b.totals.resolution_rate,
                    days: b
                        .totals
                        .days
                        .iter()
                        .map(|d| BotDayOut {
                            date: d.date.to_string(),
                            triggered: d.triggered,
                            engaged: d.engaged,
                            resolved: d.resolved,
                            escalated: d.escalated,
                        })
                        .collect(),
                    funnel: b.funnel.iter().map(FunnelStepOut::from).collect(),
                })
                .collect(),
        }
    }
}

/// One day of the billing period.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsageDayOut {
    pub date: String,
    /// Chatbot conversations counted that day.
    pub counted: i64,
    /// Used by the end of the day.
    pub used: i64,
    /// Left at the end of the day; absent when unlimited.
    pub remaining: Option<i64>,
}

/// The current billing period, day by day (§7).
#[derive(Debug, Serialize, ToSchema)]
pub struct UsageHistoryOut {
    pub first_day: String,
    /// The first day of the next period.
    pub renews_on: String,
    /// Absent when unlimited.
    pub limit: Option<i64>,
    pub used: i64,
    pub days: Vec<UsageDayOut>,
}

impl From<&UsageHistory> for UsageHistoryOut {
    fn from(h: &UsageHistory) -> Self {
        Self {
            first_day: h.first_day.clone(),
            renews_on: h.renews_on.clone(),
            limit: h.limit,
            used: h.used,
            days: h
                .days
                .iter()
                .map(|d| UsageDayOut {
                    date: d.date.clone(),
                    counted: d.counted,
                    used: d.used,
                    remaining: d.remaining,
                })
                .collect(),
        }
    }
}

/// One line of the billing ledger: add-ons bought, renewed or reduced, plan changes (§7.3).
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerEntryOut {
    pub id: i64,
    pub kind: String,
    /// Conversations the entry adds (or removes, when negative).
    pub units: i64,
    pub detail: String,
    /// Start of the billing period it belongs to (ms).
    pub period_start: i64,
    pub created_at: i64,
}

impl From<&LedgerEntry> for LedgerEntryOut {
    fn from(e: &LedgerEntry) -> Self {
        Self {
            id: e.id,
            kind: e.kind.clone(),
            units: e.units,
            detail: e.detail.clone(),
            period_start: e.period_start,
            created_at: e.created_at,
        }
    }
}
