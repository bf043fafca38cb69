//! The chatbot settings form (§5: When, Where, Audience, Scheduling, Behavior) and how it maps
//! to a flow's `trigger`, `conditions`, `behavior` and `disable_text_field`.
//!
//! The form saves conditions as `{all: [where, audience, scheduling]}`, leaving out empty
//! groups. A tree of another shape (written by hand) is not shown in the form: it is kept as
//! it is and edited in the document.

use chrono::NaiveDate;
use frontdesk_core::{
    flow::{Behavior, Flow, ShowRule, Trigger},
    targeting::{Condition, Test},
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

mod read;
#[cfg(test)]
mod tests;

pub use read::settings_of;

/// Attributes of the "Where" group.
pub const WHERE_ATTRIBUTES: &[&str] = &["url", "title"];
/// Attributes of the "Audience" group (and `var.NAME`).
pub const AUDIENCE_ATTRIBUTES: &[&str] = &[
    "returning",
    "visit_count",
    "referrer",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "language",
    "country",
    "device",
    "group",
    "contact.name",
    "contact.email",
    "contact.phone",
];
/// Days of the week as conditions name them.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The whole form; a part left out takes its default (5 s after landing, everywhere, once
/// per visit).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub trigger: Trigger,
    #[serde(rename = "where")]
    pub place: Group,
    pub audience: Group,
    pub scheduling: Scheduling,
    pub show: ShowRule,
    pub disable_text_field: bool,
    /// The flow's conditions do not fit the form: they are kept unchanged.
    pub custom: bool,
}

/// Rules combined with `all` or `any`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    pub combine: Combine,
    pub rules: Vec<Test>,
}

/// How the rules of a group combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    #[default]
    All,
    Any,
}

impl Default for Group {
    fn default() -> Self {
        Self {
            combine: Combine::All,
            rules: Vec::new(),
        }
    }
}

/// The "Scheduling" group, in the account's time zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scheduling {
    /// Only within the account's office hours.
    #[serde(default)]
    pub office_hours: bool,
    /// Only on these days (`mon` … `sun`); none means every day.
    #[serde(default)]
    pub days: Vec<String>,
    /// From this hour (0–23) …
    #[serde(default)]
    pub hour_from: Option<i64>,
    /// … until before this hour (1–24).
    #[serde(default)]
    pub hour_to: Option<i64>,
    /// First and last day, as `YYYY-MM-DD`.
    #[serde(default)]
    pub date_from: Option<String>,
    #[serde(default)]
    pub date_to: Option<String>,
}

/// Why the form could not be turned into conditions; each maps to a catalog message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// An attribute that does not belong in its group.
    Attribute(String),
    /// A variable rule without the variable's name.
    VariableName,
    /// An hour outside 0–24.
    Hour(i64),
    /// Not a day of the week.
    Day(String),
    /// Not a date.
    Date(String),
}

impl FormError {
    /// The catalog key and its one argument.
    pub fn message(&self) -> (&'static str, String) {
        match self {
            Self::Attribute(a) => ("settings-error-attribute", a.clone()),
            Self::VariableName => ("settings-error-var-name", String::new()),
            Self::Hour(h) => ("settings-error-hour", h.to_string()),
            Self::Day(d) => ("settings-error-day", d.clone()),
            Self::Date(d) => ("settings-error-date", d.clone()),
        }
    }
}

fn in_where(attribute: &str) -> bool {
    WHERE_ATTRIBUTES.contains(&attribute)
}

fn in_audience(attribute: &str) -> bool {
    AUDIENCE_ATTRIBUTES.contains(&attribute)
        || attribute
            .strip_prefix("var.")
            .is_some_and(|v| !v.is_empty())
}

fn test(attribute: &str, op: &str, value: Value) -> Condition {
    Condition::Test(Test {
        attribute: attribute.to_owned(),
        op: op.to_owned(),
        value,
    })
}

fn group_condition(group: &Group, allowed: fn(&str) -> bool) -> Result<Vec<Condition>, FormError> {
    if let Some(bad) = group.rules.iter().find(|r| !allowed(&r.attribute)) {
        return Err(if bad.attribute == "var." {
            FormError::VariableName
        } else {
            FormError::Attribute(bad.attribute.clone())
        });
    }
    if group.rules.is_empty() {
        return Ok(Vec::new());
    }
    let items = group.rules.iter().cloned().map(Condition::Test).collect();
    Ok(vec![match group.combine {
        Combine::All => Condition::All { all: items },
        Combine::Any => Condition::Any { any: items },
    }])
}

/// `2026-12-24` as the number `20261224`.
fn date_number(text: &str) -> Result<i64, FormError> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| FormError::Date(text.to_owned()))?;
    Ok(date
        .format("%Y%m%d")
        .to_string()
        .parse()
        .unwrap_or_default())
}

fn scheduling_condition(s: &Scheduling) -> Result<Vec<Condition>, FormError> {
    let mut parts = Vec::new();
    if s.office_hours {
        parts.push(test("office_hours", "eq", json!(true)));
    }
    if let Some(bad) = s.days.iter().find(|d| !DAYS.contains(&d.as_str())) {
        return Err(FormError::Day(bad.clone()));
    }
    // Days in week order, each once, whatever order the form sent them in.
    let days: Vec<Condition> = DAYS
        .iter()
        .filter(|d| s.days.iter().any(|x| x == *d))
        .map(|d| test("day_of_week", "eq", json!(d)))
        .collect();
    if !days.is_empty() {
        parts.push(Condition::Any { any: days });
    }
    for (hour, op) in [(s.hour_from, "gte"), (s.hour_to, "lt")] {
        if let Some(h) = hour {
            if !(0..=24).contains(&h) {
                return Err(FormError::Hour(h));
            }
            parts.push(test("hour", op, json!(h)));
        }
    }
    for (date, op) in [(&s.date_from, "gte"), (&s.date_to, "lte")] {
        if let Some(d) = date.as_deref().filter(|d| !d.trim().is_empty()) {
            parts.push(test("date", op, json!(date_number(d)?)));
        }
    }
    Ok(if parts.is_empty() {
        Vec::new()
    } else {
        vec![Condition::All { all: parts }]
    })
}

/// The conditions the form describes; `None` means everywhere.
pub fn conditions(settings: &Settings) -> Result<Option<Condition>, FormError> {
    let mut groups = group_condition(&settings.place, in_where)?;
    groups.extend(group_condition(&settings.audience, in_audience)?);
    groups.extend(scheduling_condition(&settings.scheduling)?);
    Ok((!groups.is_empty()).then_some(Condition::All { all: groups }))
}

/// Writes the form into a flow. Custom conditions stay as the flow has them.
pub fn apply(settings: &Settings, flow: &mut Flow) -> Result<(), FormError> {
    if !settings.custom {
        flow.conditions = conditions(settings)?;
    }
    flow.trigger = settings.trigger.clone();
    flow.behavior = Behavior {
        show: settings.show,
    };
    flow.disable_text_field = settings.disable_text_field;
    Ok(())
}
