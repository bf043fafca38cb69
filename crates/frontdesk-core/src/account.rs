//! Accounts: one website or workspace, with its widget key, domains, time zone and language.

use crate::{ids::AccountId, office_hours::OfficeHours, ValidationError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest display name accepted for accounts and agents.
pub const MAX_NAME_CHARS: usize = 120;

/// A trimmed, non-empty display name of bounded length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    /// Parses a display name, trimming surrounding white space.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let trimmed = raw.trim();
        let chars = trimmed.chars().count();
        if chars == 0 || chars > MAX_NAME_CHARS || trimmed.chars().any(char::is_control) {
            return Err(ValidationError::NameLength {
                max: MAX_NAME_CHARS,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An IANA time zone name that exists in the bundled time-zone database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZoneName(String);

impl TimeZoneName {
    /// Parses a zone name such as `Europe/Prague`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let tz: chrono_tz::Tz = raw
            .trim()
            .parse()
            .map_err(|_| ValidationError::TimeZone(raw.to_owned()))?;
        Ok(Self(tz.name().to_owned()))
    }

    /// The zone, ready for date arithmetic.
    pub fn tz(&self) -> chrono_tz::Tz {
        // Constructed only through `parse`, so the name is always known.
        self.0.parse().unwrap_or(chrono_tz::UTC)
    }

    /// The zone name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TimeZoneName {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TimeZoneName> for String {
    fn from(value: TimeZoneName) -> Self {
        value.0
    }
}

/// A BCP 47 language tag such as `en` or `pt-BR`, kept in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Language(String);

impl Language {
    /// Parses and canonicalizes a language tag.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let tag: unic_langid::LanguageIdentifier = raw
            .trim()
            .parse()
            .map_err(|_| ValidationError::Language(raw.to_owned()))?;
        if tag.language.is_empty() {
            return Err(ValidationError::Language(raw.to_owned()));
        }
        Ok(Self(tag.to_string()))
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Language {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Language> for String {
    fn from(value: Language) -> Self {
        value.0
    }
}

/// A host name the widget may run on; `*.example.com` also allows every sub-domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AllowedDomain(String);

impl AllowedDomain {
    /// Parses a host name, optionally with a leading `*.` wildcard.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let lowered = raw.trim().to_ascii_lowercase();
        let host = lowered.strip_prefix("*.").unwrap_or(&lowered);
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
            return Err(ValidationError::Domain(raw.to_owned()));
        }
        Ok(Self(lowered))
    }

    /// Whether a page on `host` may load the widget under this rule.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        match self.0.strip_prefix("*.") {
            Some(parent) => host == parent || host.ends_with(&format!(".{parent}")),
            None => host == self.0,
        }
    }

    /// The rule as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AllowedDomain {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AllowedDomain> for String {
    fn from(value: AllowedDomain) -> Self {
        value.0
    }
}

/// What is needed to create an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub name: DisplayName,
    pub allowed_domains: Vec<AllowedDomain>,
    pub time_zone: TimeZoneName,
    pub default_language: Language,
    pub office_hours: OfficeHours,
    /// Plan code from the operator's catalog (e.g. `UNLIMITED`, `PRO`).
    pub plan: String,
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: AccountId,
    pub name: DisplayName,
    /// Public key that the embed snippet carries; not a secret.
    pub widget_key: String,
    pub allowed_domains: Vec<AllowedDomain>,
    pub time_zone: TimeZoneName,
    pub default_language: Language,
    pub office_hours: OfficeHours,
    pub plan: String,
    /// Creation time, milliseconds since the Unix epoch.
    pub created_at_ms: i64,
}

impl Account {
    /// Whether the widget may run on a page served from `host`.
    pub fn allows_host(&self, host: &str) -> bool {
        self.allowed_domains.iter().any(|d| d.allows(host))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_parse_and_match_as_site_owners_expect() {
        let cases = [
            ("example.com", "example.com", true),
            ("example.com", "www.example.com", false),
            ("*.example.com", "www.example.com", true),
            ("*.example.com", "example.com", true),
            ("*.example.com", "badexample.com", false),
            ("EXAMPLE.com", "example.COM", true),
            ("localhost", "localhost", true),
        ];
        for (rule, host, expected) in cases {
            let domain = AllowedDomain::parse(rule).unwrap();
            assert_eq!(domain.allows(host), expected, "{rule} vs {host}");
        }
    }

    #[test]
    fn malformed_domains_are_refused() {
        for bad in [
            "",
            "http://example.com",
            "exa mple.com",
            "-a.com",
            "a..com",
            "*.",
        ] {
            assert!(AllowedDomain::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn time_zones_must_exist() {
        assert_eq!(
            TimeZoneName::parse("Europe/Prague").unwrap().as_str(),
            "Europe/Prague"
        );
        assert!(TimeZoneName::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn languages_are_canonicalized() {
        assert_eq!(Language::parse("pt-br").unwrap().as_str(), "pt-BR");
        assert!(Language::parse("not a tag").is_err());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Acme  ").unwrap().as_str(), "Acme");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(DisplayName::parse("a\u{0}b").is_err());
    }
}
