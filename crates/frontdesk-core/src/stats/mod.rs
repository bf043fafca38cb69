//! Statistics (§8): the append-only events that chat and chatbot actions record, and the
//! pure arithmetic that turns a range of them into the numbers an owner reads — medians,
//! rates, per-day buckets in the account's time zone and the chatbot funnel.

mod aggregate;
mod funnel;
mod range;
mod rollup;
mod synthetic;

pub use aggregate::{
    chatbot_stats, conversation_stats, BotDay, BotTotals, ChatbotStats, ConversationStats,
    ConversationTotals, DayCounts,
};
pub use funnel::{flow_order, funnel, FunnelStep, NodeCounts};
pub use range::{day_bounds, days_in, local_day, DateRange, RangeError, MAX_RANGE_DAYS};
pub use rollup::{day_number, day_of, offset_segments, rollup, DayCount, MedianValue, Rollup};
pub use synthetic::Synthetic;

pub use chrono_tz::Tz;
use serde::Serialize;

/// What a statistics event records. Stored by name; the names never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatKind {
    /// The visitor first acted in a conversation (wrote, clicked, answered): it reached the
    /// team. `value` is 1 when an agent was online at that moment, else 0.
    Started,
    /// The first agent reply of a conversation. `value`: milliseconds since `Started`;
    /// `extra`: 1 when the conversation started while an agent was online.
    FirstReply,
    /// An agent's first reply in a conversation (one per agent and conversation).
    Replied,
    /// The conversation closed. `value`: milliseconds since `Started`; `extra`: chatting time,
    /// milliseconds from the first reply to the close (absent when nobody replied).
    Closed,
    /// The visitor rated the chat; `value` is the score 1–5.
    Rated,
    /// A chatbot greeted, joined or finished the conversation.
    BotTriggered,
    /// The conversation was counted as a chatbot conversation (§7.1).
    BotEngaged,
    /// Closed as *Resolved by chatbot*.
    BotResolved,
    /// Closed as *Escalated to human*.
    BotEscalated,
    /// The chatbot showed a node (`node`).
    NodeVisited,
    /// The visitor clicked `button` of `node`.
    ButtonClicked,
    /// The conversation closed while the chatbot still waited at `node`: the visitor left.
    NodeLeft,
}

impl StatKind {
    /// Every kind, in a stable order.
    pub const ALL: [StatKind; 12] = [
        Self::Started,
        Self::FirstReply,
        Self::Replied,
        Self::Closed,
        Self::Rated,
        Self::BotTriggered,
        Self::BotEngaged,
        Self::BotResolved,
        Self::BotEscalated,
        Self::NodeVisited,
        Self::ButtonClicked,
        Self::NodeLeft,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Started => "started",
            Self::FirstReply => "first_reply",
            Self::Replied => "replied",
            Self::Closed => "closed",
            Self::Rated => "rated",
            Self::BotTriggered => "bot_triggered",
            Self::BotEngaged => "bot_engaged",
            Self::BotResolved => "bot_resolved",
            Self::BotEscalated => "bot_escalated",
            Self::NodeVisited => "node_visited",
            Self::ButtonClicked => "button_clicked",
            Self::NodeLeft => "node_left",
        }
    }

    /// The kind stored under `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether the kind belongs to the chatbot statistics.
    pub fn is_bot(self) -> bool {
        !matches!(
            self,
            Self::Started | Self::FirstReply | Self::Replied | Self::Closed | Self::Rated
        )
    }
}

/// One statistics event: what happened, when (UTC milliseconds) and to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatEvent {
    pub account_id: i64,
    pub occurred_at_ms: i64,
    pub kind: StatKind,
    pub conversation_id: i64,
    pub agent_id: Option<i64>,
    pub chatbot_id: Option<i64>,
    pub language: Option<String>,
    pub node: Option<String>,
    pub button: Option<String>,
    pub value: Option<i64>,
    pub extra: Option<i64>,
    /// Events that happen once per conversation (or per agent and conversation) carry a key;
    /// a second record with the same key — a retry, another node — is ignored.
    pub dedupe: Option<String>,
    /// The local day it happened on in the account's zone at the time, as days since
    /// 1970-01-01 ([`day_of`] turns it into a date): the day the daily sums count it on.
    /// UTC unless set with [`StatEvent::in_zone`].
    pub day: i64,
}

impl StatEvent {
    /// An event of `kind` in `conversation` at `at_ms`, with the once-only key its kind needs.
    pub fn new(kind: StatKind, account_id: i64, conversation_id: i64, at_ms: i64) -> Self {
        let dedupe = match kind {
            StatKind::Started
            | StatKind::FirstReply
            | StatKind::Closed
            | StatKind::Rated
            | StatKind::BotTriggered
            | StatKind::BotEngaged
            | StatKind::NodeLeft => {
                Some(format!("{}:{account_id}:{conversation_id}", kind.as_str()))
            }
            // Resolved and escalated exclude each other: one outcome per conversation.
            StatKind::BotResolved | StatKind::BotEscalated => {
                Some(format!("outcome:{account_id}:{conversation_id}"))
            }
            StatKind::Replied | StatKind::NodeVisited | StatKind::ButtonClicked => None,
        };
        Self {
            account_id,
            occurred_at_ms: at_ms,
            kind,
            conversation_id,
            agent_id: None,
            chatbot_id: None,
            language: None,
            node: None,
            button: None,
            value: None,
            extra: None,
            dedupe,
            day: at_ms.div_euclid(86_400_000),
        }
    }

    /// The event on its local day in `tz`.
    pub fn in_zone(mut self, tz: Tz) -> Self {
        self.day = day_number_in(tz, self.occurred_at_ms);
        self
    }

    /// The event of one agent (a reply is once per agent and conversation).
    pub fn by_agent(mut self, agent_id: Option<i64>) -> Self {
        self.agent_id = agent_id;
        if self.kind == StatKind::Replied {
            if let Some(agent) = agent_id {
                self.dedupe = Some(format!(
                    "replied:{}:{}:{agent}",
                    self.account_id, self.conversation_id
                ));
            }
        }
        self
    }
}

/// A stored event as the aggregations read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatRow {
    pub occurred_at_ms: i64,
    pub kind: StatKind,
    pub conversation_id: i64,
    pub agent_id: Option<i64>,
    pub chatbot_id: Option<i64>,
    pub language: Option<String>,
    pub node: Option<String>,
    pub button: Option<String>,
    pub value: Option<i64>,
    pub extra: Option<i64>,
}

/// The local day number (days since 1970-01-01) of an instant in `tz`.
pub fn day_number_in(tz: Tz, at_ms: i64) -> i64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (local_day(tz, at_ms) - epoch).num_days()
}

/// The median of `values`: the middle value, or for an even count the mean of the two
/// middle values rounded down; `None` for no values.
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        Some(values[mid])
    } else {
        let (a, b) = (values[mid - 1] as i128, values[mid] as i128);
        Some((a + b).div_euclid(2) as i64)
    }
}

/// `part / whole` as a fraction, `None` when `whole` is zero.
pub fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests;
