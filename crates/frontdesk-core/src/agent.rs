//! Agents: the people who log in to the dashboard.

use crate::{
    account::DisplayName,
    ids::{AccountId, AgentId},
    ValidationError,
};
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// What an agent may do. Only owners and admins see billing and settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Agent,
}

impl Role {
    /// The stored and typed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Agent => "agent",
        }
    }

    /// Whether this role sees billing and account settings.
    pub fn manages_account(self) -> bool {
        matches!(self, Self::Owner | Self::Admin)
    }
}

impl FromStr for Role {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "owner" => Ok(Self::Owner),
            "admin" => Ok(Self::Admin),
            "agent" => Ok(Self::Agent),
            _ => Err(ValidationError::Role(s.to_owned())),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an agent may chat (`active`) or only read history and statistics (`inactive`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgentState {
    Active,
    Inactive,
}

impl AgentState {
    /// The stored and typed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
        }
    }
}

impl FromStr for AgentState {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "active" => Ok(Self::Active),
            "inactive" => Ok(Self::Inactive),
            _ => Err(ValidationError::AgentState(s.to_owned())),
        }
    }
}

/// A syntactically plausible e-mail address, stored lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an address: one `@`, a non-empty local part, a dotted or `localhost` domain.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let lowered = raw.trim().to_lowercase();
        let bad = || ValidationError::Email(raw.to_owned());
        let (local, domain) = lowered.split_once('@').ok_or_else(bad)?;
        let domain_ok = !domain.is_empty()
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty()
            || !domain_ok
            || lowered.len() > 254
            || lowered.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(bad());
        }
        Ok(Self(lowered))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted; bounds the hashing work an attacker can ask for.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A new password that meets the length policy. Its `Debug` never shows the text.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    /// Checks the length policy.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(ValidationError::PasswordTooShort {
                min: MIN_PASSWORD_CHARS,
            });
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(ValidationError::PasswordTooLong {
                max: MAX_PASSWORD_CHARS,
            });
        }
        Ok(Self(raw.to_owned()))
    }

    /// The password text, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// What is needed to create an agent; the password arrives already hashed.
#[derive(Debug, Clone)]
pub struct NewAgent {
    pub email: Email,
    pub name: DisplayName,
    pub role: Role,
    pub password_hash: String,
}

/// A stored agent. The password hash is deliberately not part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agent {
    pub id: AgentId,
    pub account_id: AccountId,
    pub email: Email,
    /// The public name visitors see.
    pub name: DisplayName,
    pub role: Role,
    pub state: AgentState,
    /// Chosen availability; whether the agent is connected is known to the realtime hub.
    pub presence: crate::conversation::Presence,
    pub created_at_ms: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(
            Email::parse(" Jana@Example.CZ ").unwrap().as_str(),
            "jana@example.cz"
        );
        assert!(Email::parse("owner@localhost").is_ok());
        for bad in [
            "", "no-at", "@x.cz", "a@", "a@@x.cz", "a b@x.cz", "a@.x", "a@x..cz",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn roles_and_states_parse_from_their_names() {
        assert_eq!("Owner".parse::<Role>().unwrap(), Role::Owner);
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Admin.manages_account());
        assert!(!Role::Agent.manages_account());
        assert_eq!(
            "inactive".parse::<AgentState>().unwrap(),
            AgentState::Inactive
        );
    }

    #[test]
    fn passwords_follow_the_length_policy_and_never_print() {
        assert!(NewPassword::parse("short").is_err());
        let password = NewPassword::parse("correct horse battery").unwrap();
        assert!(!format!("{password:?}").contains("horse"));
    }
}
