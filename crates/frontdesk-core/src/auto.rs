//! Automatic messages (§4.3): single proactive messages without buttons. Four presets with
//! their timings; texts fall back to the shipped catalog in the visitor's language. They
//! never make a chatbot conversation on their own.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AutoKind {
    /// Greets a first-time visitor.
    FirstVisit,
    /// Greets a visitor who came back.
    Returning,
    /// No agent answered a visitor's message in time: offer to leave an e-mail.
    Busy,
    /// The visitor wrote while no agent was online.
    Offline,
}

impl AutoKind {
    /// Every preset, in the order the dashboard lists them.
    pub const ALL: [AutoKind; 4] = [Self::FirstVisit, Self::Returning, Self::Busy, Self::Offline];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstVisit => "first_visit",
            Self::Returning => "returning",
            Self::Busy => "busy",
            Self::Offline => "offline",
        }
    }

    /// Parses a stored or wire name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The preset's delay in seconds: after landing, or after the visitor's message.
    pub fn default_delay_secs(self) -> i64 {
        match self {
            Self::FirstVisit | Self::Returning => 30,
            Self::Busy => 45,
            Self::Offline => 1,
        }
    }

    /// The catalog message with the shipped text.
    pub fn catalog_key(self) -> &'static str {
        match self {
            Self::FirstVisit => "auto-first-visit",
            Self::Returning => "auto-returning",
            Self::Busy => "auto-busy",
            Self::Offline => "auto-offline",
        }
    }
}

/// One preset as an account configured it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoMessage {
    pub kind: AutoKind,
    pub enabled: bool,
    pub delay_secs: i64,
    /// Texts by language; a missing language uses the shipped text.
    pub texts: BTreeMap<String, String>,
}

impl AutoMessage {
    /// The shipped setting: the busy and offline helpers on, greetings off.
    pub fn default_for(kind: AutoKind) -> Self {
        Self {
            kind,
            enabled: matches!(kind, AutoKind::Busy | AutoKind::Offline),
            delay_secs: kind.default_delay_secs(),
            texts: BTreeMap::new(),
        }
    }
}

/// The greeting a page view may show: none while a conversation is going, else the
/// first-visit or the returning one, if enabled.
pub fn greeting(
    settings: &[AutoMessage],
    visit_count: i64,
    conversation_going: bool,
) -> Option<&AutoMessage> {
    if conversation_going {
        return None;
    }
    let kind = if visit_count <= 1 {
        AutoKind::FirstVisit
    } else {
        AutoKind::Returning
    };
    settings.iter().find(|m| m.kind == kind && m.enabled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(enabled: bool) -> Vec<AutoMessage> {
        AutoKind::ALL
            .iter()
            .map(|k| AutoMessage {
                enabled,
                ..AutoMessage::default_for(*k)
            })
            .collect()
    }

    #[test]
    fn greetings_follow_the_visit_and_the_settings() {
        let on = all(true);
        assert_eq!(
            greeting(&on, 1, false).map(|m| m.kind),
            Some(AutoKind::FirstVisit)
        );
        assert_eq!(
            greeting(&on, 3, false).map(|m| m.kind),
            Some(AutoKind::Returning)
        );
        assert_eq!(greeting(&on, 1, true), None, "not during a conversation");
        assert_eq!(greeting(&all(false), 1, false), None, "not when disabled");
    }

    #[test]
    fn presets_have_the_documented_timings() {
        let delays: Vec<i64> = AutoKind::ALL
            .iter()
            .map(|k| k.default_delay_secs())
            .collect();
        assert_eq!(delays, [30, 30, 45, 1]);
        assert_eq!(AutoKind::parse("busy"), Some(AutoKind::Busy));
        assert_eq!(AutoKind::parse("nope"), None);
        assert!(!AutoMessage::default_for(AutoKind::FirstVisit).enabled);
        assert!(AutoMessage::default_for(AutoKind::Offline).enabled);
    }
}
