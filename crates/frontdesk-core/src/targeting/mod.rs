//! Targeting conditions (§5): typed attributes with fixed operators, nested `all`/`any`
//! groups, checked and compiled once when saved, then evaluated as a pure function over a
//! page view. Evaluation cannot fail and its cost is bounded by the limits checked at
//! compile time (depth, size, regex size).

mod compile;
mod context;
mod evaluate;

pub use compile::{compile, CompileError, Compiled, MAX_CONDITIONS, MAX_DEPTH, MAX_REGEX_LEN};
pub use context::{local_time, PageView};
pub use evaluate::evaluate;

use serde::{Deserialize, Serialize};

/// A condition tree as saved: a group or a single test. No condition means "everywhere".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Condition {
    All { all: Vec<Condition> },
    Any { any: Vec<Condition> },
    Test(Test),
}

/// One test of an attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Test {
    /// `url`, `title`, `referrer`, `utm_source`, `utm_medium`, `utm_campaign`, `visit_count`,
    /// `returning`, `language`, `country`, `device`, `group`, `contact.name|email|phone`,
    /// `var.NAME`, `agents_online`, `office_hours`, `day_of_week`, `hour`, `date` (YYYYMMDD).
    pub attribute: String,
    pub op: String,
    pub value: serde_json::Value,
}

/// The type of an attribute, which fixes its operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    Text,
    Boolean,
    /// A closed set of values, compared with `eq` only.
    Choice(&'static [&'static str]),
}

const DEVICES: &[&str] = &["desktop", "mobile"];
const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The kind of a known attribute.
pub fn kind_of(attribute: &str) -> Option<Kind> {
    Some(match attribute {
        "visit_count" | "hour" | "date" => Kind::Number,
        "url" | "title" | "referrer" | "utm_source" | "utm_medium" | "utm_campaign"
        | "language" | "country" | "group" | "contact.name" | "contact.email" | "contact.phone" => {
            Kind::Text
        }
        "returning" | "agents_online" | "office_hours" => Kind::Boolean,
        "device" => Kind::Choice(DEVICES),
        "day_of_week" => Kind::Choice(DAYS),
        other if other.strip_prefix("var.").is_some_and(|v| !v.is_empty()) => Kind::Text,
        _ => return None,
    })
}

/// The operators an attribute kind allows (§5).
pub fn operators(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Number => &["eq", "not_eq", "gt", "gte", "lt", "lte"],
        Kind::Text => &[
            "eq",
            "not_eq",
            "contains",
            "not_contains",
            "starts_with",
            "not_starts_with",
            "regex",
        ],
        Kind::Boolean => &["eq", "not_eq"],
        Kind::Choice(_) => &["eq"],
    }
}

#[cfg(test)]
mod tests;
