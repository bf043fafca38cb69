//! API keys (§9): what a key may do. Keys belong to one account and carry scopes; the token
//! itself is random and only its hash is stored.

use crate::ValidationError;
use std::{fmt, str::FromStr};

/// The prefix every API token starts with, so a leaked one is recognizable (secret scanners,
/// logs).
pub const TOKEN_PREFIX: &str = "fdk_";

/// The prefix of operator tokens, which manage accounts rather than act in one.
pub const OPERATOR_TOKEN_PREFIX: &str = "fdo_";

/// One permission an API key can carry: a resource and read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    ConversationsRead,
    ConversationsWrite,
    AgentsRead,
    AgentsWrite,
    ChatbotsRead,
    ChatbotsWrite,
    ContactsRead,
    ContactsWrite,
    StatsRead,
    UsageRead,
    WebhooksRead,
    WebhooksWrite,
}

impl Scope {
    /// Every scope, in the order they are listed.
    pub const ALL: [Scope; 12] = [
        Scope::ConversationsRead,
        Scope::ConversationsWrite,
        Scope::AgentsRead,
        Scope::AgentsWrite,
        Scope::ChatbotsRead,
        Scope::ChatbotsWrite,
        Scope::ContactsRead,
        Scope::ContactsWrite,
        Scope::StatsRead,
        Scope::UsageRead,
        Scope::WebhooksRead,
        Scope::WebhooksWrite,
    ];

    /// The stable name (`conversations:read`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ConversationsRead => "conversations:read",
            Self::ConversationsWrite => "conversations:write",
            Self::AgentsRead => "agents:read",
            Self::AgentsWrite => "agents:write",
            Self::ChatbotsRead => "chatbots:read",
            Self::ChatbotsWrite => "chatbots:write",
            Self::ContactsRead => "contacts:read",
            Self::ContactsWrite => "contacts:write",
            Self::StatsRead => "stats:read",
            Self::UsageRead => "usage:read",
            Self::WebhooksRead => "webhooks:read",
            Self::WebhooksWrite => "webhooks:write",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|scope| scope.as_str() == s)
            .ok_or_else(|| ValidationError::Scope(s.to_owned()))
    }
}

/// The longest name a key may have, in characters.
pub const NAME_MAX: usize = 100;

/// What a person calls a key, to tell keys apart: trimmed, 1 to [`NAME_MAX`] characters on
/// one line (a control character would break the listings it appears in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyName(String);

impl KeyName {
    /// Trims `raw` and checks its length and characters.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim();
        let length = name.chars().count();
        if length == 0 || length > NAME_MAX || name.chars().any(char::is_control) {
            return Err(ValidationError::NameLength { max: NAME_MAX });
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Parses a list of scope names, keeping each once, in a stable order. An empty list is
/// refused: a key that may do nothing is a mistake.
pub fn parse_scopes<S: AsRef<str>>(names: &[S]) -> Result<Vec<Scope>, ValidationError> {
    let mut scopes = names
        .iter()
        .map(|n| n.as_ref().trim().parse())
        .collect::<Result<Vec<Scope>, _>>()?;
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() {
        return Err(ValidationError::Scope(String::new()));
    }
    Ok(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_by_their_names_only() {
        for scope in Scope::ALL {
            assert_eq!(scope.as_str().parse::<Scope>().unwrap(), scope);
        }
        for bad in [
            "",
            "conversations",
            "conversations:delete",
            "CONVERSATIONS:READ",
        ] {
            assert!(bad.parse::<Scope>().is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn a_key_name_is_trimmed_and_one_line_of_at_most_100_characters() {
        assert_eq!(KeyName::parse("  CRM sync ").unwrap().as_str(), "CRM sync");
        assert!(KeyName::parse(&"é".repeat(NAME_MAX)).is_ok());
        for bad in ["", "   ", "two\nlines", "nul\0", &"x".repeat(NAME_MAX + 1)] {
            assert!(KeyName::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn a_scope_list_is_deduplicated_and_never_empty() {
        let scopes = parse_scopes(&["usage:read", "conversations:read", "usage:read"]).unwrap();
        assert_eq!(scopes, vec![Scope::ConversationsRead, Scope::UsageRead]);
        assert!(parse_scopes::<&str>(&[]).is_err());
        assert!(parse_scopes(&["nope"]).is_err());
    }
}
