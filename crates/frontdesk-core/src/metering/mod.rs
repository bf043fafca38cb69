//! Chatbot conversations as the billing unit (§7): billing periods, the plan catalog and
//! quota arithmetic. Counting itself is one database transaction (the store), so the
//! database, not any process, is the arbiter of "used never exceeds the limit".

mod period;
mod plan;

pub use period::{period_at, Period, PeriodError};

pub use plan::{default_catalog, Plan, PlanCatalog};

use serde::{Deserialize, Serialize};

/// Why a conversation counts (§7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountReason {
    /// The bot greeted first.
    #[default]
    Started,
    /// The bot entered a conversation a human part had begun.
    Joined,
    /// The bot entered at the end (a closing survey).
    Finished,
}

impl CountReason {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Started => "started",
            Self::Joined => "joined",
            Self::Finished => "finished",
        }
    }
}

/// How a conversation in which a bot triggered ended (§7.1), fixed when it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The visitor used the bot and never needed a person.
    ResolvedByChatbot,
    /// The visitor typed to the team, reached a handover, or an agent replied.
    EscalatedToHuman,
    /// The bot triggered and the visitor ignored it.
    TriggeredNoInteraction,
}

/// The outcome of a conversation closing now: escalated when a person got involved (its
/// status left `bot`), else resolved when the visitor interacted, else ignored.
pub fn outcome(
    status_before_close: crate::conversation::ConversationStatus,
    interacted: bool,
) -> Outcome {
    use crate::conversation::ConversationStatus as S;
    match status_before_close {
        S::Open | S::Served => Outcome::EscalatedToHuman,
        S::Bot | S::Closed if interacted => Outcome::ResolvedByChatbot,
        S::Bot | S::Closed => Outcome::TriggeredNoInteraction,
    }
}

/// What the atomic count decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountResult {
    /// Counted now; `used` is the period's total including this one.
    Counted { used: i64 },
    /// Counted before (a retry, a double click, another node): nothing changed.
    AlreadyCounted,
    /// The period's limit is reached: not counted, the bot must hand over.
    Exhausted,
}

/// The quota of one period: `None` limits mean unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quota {
    pub limit: Option<i64>,
    pub used: i64,
}

impl Quota {
    /// What is left; `None` when unlimited. Never negative, even if a limit was lowered.
    pub fn remaining(&self) -> Option<i64> {
        self.limit.map(|l| (l - self.used).max(0))
    }

    /// Whether a chatbot may still start a new conversation.
    pub fn allows_new(&self) -> bool {
        self.remaining().is_none_or(|r| r > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_follow_the_billing_table() {
        use crate::conversation::ConversationStatus as S;
        let cases = [
            (S::Bot, true, Outcome::ResolvedByChatbot),       // row 1
            (S::Open, false, Outcome::EscalatedToHuman),      // row 2
            (S::Open, true, Outcome::EscalatedToHuman),       // row 3 (handover)
            (S::Served, true, Outcome::EscalatedToHuman),     // row 3 (an agent replied)
            (S::Bot, false, Outcome::TriggeredNoInteraction), // row 5
        ];
        for (status, interacted, expected) in cases {
            assert_eq!(
                outcome(status, interacted),
                expected,
                "{status} {interacted}"
            );
        }
    }

    #[test]
    fn remaining_is_never_negative_and_unlimited_always_allows() {
        assert_eq!(
            Quota {
                limit: Some(100),
                used: 40
            }
            .remaining(),
            Some(60)
        );
        assert_eq!(
            Quota {
                limit: Some(100),
                used: 120
            }
            .remaining(),
            Some(0)
        );
        assert!(!Quota {
            limit: Some(5),
            used: 5
        }
        .allows_new());
        assert!(Quota {
            limit: None,
            used: 1_000_000
        }
        .allows_new());
    }
}
