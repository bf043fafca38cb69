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

/// The whole form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub trigger: Trigger,
    #[serde(rename = "where")]
    pub place: Group,
    pub audience: Group,
    pub scheduling: Scheduling,
    pub show: ShowRule,
    pub disable_text_field: bool,
    /// The flow's conditions do not fit the form: they are kept unchanged.
    #[serde(default)]
    pub custom: bool,
}

/// Rules combined with `all` or `any`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// The number `20261224` as `2026-12-24`, if it is a date.
fn date_text(number: i64) -> Option<String> {
    NaiveDate::parse_from_str(&number.to_string(), "%Y%m%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
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

fn read_group(c: &Condition, allowed: fn(&str) -> bool) -> Option<Group> {
    let (combine, items) = match c {
        Condition::All { all } => (Combine::All, all),
        Condition::Any { any } => (Combine::Any, any),
        Condition::Test(_) => return None,
    };
    let rules = items
        .iter()
        .map(|i| match i {
            Condition::Test(t) if allowed(&t.attribute) => Some(t.clone()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    (!rules.is_empty()).then_some(Group { combine, rules })
}

fn whole_number(v: &Value) -> Option<i64> {
    v.as_i64()
}

fn read_scheduling(c: &Condition) -> Option<Scheduling> {
    let Condition::All { all } = c else {
        return None;
    };
    let mut s = Scheduling::default();
    let mut seen = [false; 6];
    for part in all {
        let slot = match part {
            Condition::Test(t) => match (t.attribute.as_str(), t.op.as_str()) {
                ("office_hours", "eq") if t.value == json!(true) => {
                    s.office_hours = true;
                    0
                }
                ("hour", "gte") => {
                    s.hour_from = Some(whole_number(&t.value)?);
                    2
                }
                ("hour", "lt") => {
                    s.hour_to = Some(whole_number(&t.value)?);
                    3
                }
                ("date", "gte") => {
                    s.date_from = Some(date_text(whole_number(&t.value)?)?);
                    4
                }
                ("date", "lte") => {
                    s.date_to = Some(date_text(whole_number(&t.value)?)?);
                    5
                }
                _ => return None,
            },
            Condition::Any { any } => {
                for day in any {
                    match day {
                        Condition::Test(t)
                            if t.attribute == "day_of_week"
                                && t.op == "eq"
                                && t.value.as_str().is_some_and(|d| DAYS.contains(&d)) =>
                        {
                            s.days.push(t.value.as_str()?.to_owned());
                        }
                        _ => return None,
                    }
                }
                1
            }
            Condition::All { .. } => return None,
        };
        if std::mem::replace(&mut seen[slot], true) {
            return None;
        }
    }
    (!all.is_empty()).then_some(s)
}

/// The three groups of a tree the form can show, or `None` for any other shape.
fn read_conditions(c: &Condition) -> Option<(Group, Group, Scheduling)> {
    let Condition::All { all } = c else {
        return None;
    };
    let (mut place, mut audience, mut scheduling) = (None, None, None);
    // The groups come in the form's order, each at most once.
    let mut stage = 0;
    for item in all {
        if stage < 1 && place.is_none() {
            if let Some(g) = read_group(item, in_where) {
                place = Some(g);
                stage = 1;
                continue;
            }
        }
        if stage < 2 && audience.is_none() {
            if let Some(g) = read_group(item, in_audience) {
                audience = Some(g);
                stage = 2;
                continue;
            }
        }
        if stage < 3 && scheduling.is_none() {
            if let Some(s) = read_scheduling(item) {
                scheduling = Some(s);
                stage = 3;
                continue;
            }
        }
        return None;
    }
    Some((
        place.unwrap_or_default(),
        audience.unwrap_or_default(),
        scheduling.unwrap_or_default(),
    ))
}

/// The form as a flow fills it in; `custom` when the conditions do not fit it.
pub fn settings_of(flow: &Flow) -> Settings {
    let groups = match &flow.conditions {
        None => Some(Default::default()),
        Some(c) => read_conditions(c),
    };
    let custom = groups.is_none();
    let (place, audience, scheduling) = groups.unwrap_or_default();
    Settings {
        trigger: flow.trigger.clone(),
        place,
        audience,
        scheduling,
        show: flow.behavior.show,
        disable_text_field: flow.disable_text_field,
        custom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(conditions: Value) -> Flow {
        let mut doc = json!({
            "version": 1, "language": "en", "start": "a",
            "nodes": {"a": {"kind": "end", "text": "Bye"}}
        });
        if !conditions.is_null() {
            doc["conditions"] = conditions;
        }
        serde_json::from_value(doc).unwrap()
    }

    fn rule(attribute: &str, op: &str, value: Value) -> Test {
        Test {
            attribute: attribute.into(),
            op: op.into(),
            value,
        }
    }

    #[test]
    fn a_flow_without_settings_shows_the_defaults() {
        let s = settings_of(&flow(Value::Null));
        assert_eq!(s.trigger, Trigger::Page { seconds: 5 });
        assert_eq!(s.show, ShowRule::OncePerSession);
        assert!(!s.custom && s.place.rules.is_empty() && s.audience.rules.is_empty());
        assert_eq!(conditions(&s).unwrap(), None, "no conditions: everywhere");
    }

    #[test]
    fn every_group_round_trips_through_the_conditions() {
        let mut s = settings_of(&flow(Value::Null));
        s.place = Group {
            combine: Combine::Any,
            rules: vec![
                rule("url", "contains", json!("/pricing")),
                rule("title", "regex", json!("^Buy")),
            ],
        };
        s.audience.rules = vec![
            rule("returning", "eq", json!(true)),
            rule("visit_count", "gte", json!(3)),
            rule("var.plan", "eq", json!("pro")),
            rule("device", "eq", json!("mobile")),
        ];
        s.scheduling = Scheduling {
            office_hours: true,
            days: vec!["fri".into(), "mon".into()],
            hour_from: Some(9),
            hour_to: Some(17),
            date_from: Some("2026-12-01".into()),
            date_to: Some("2026-12-24".into()),
        };
        let mut f = flow(Value::Null);
        apply(&s, &mut f).unwrap();
        let saved = serde_json::to_value(&f.conditions).unwrap();
        assert_eq!(saved["all"].as_array().unwrap().len(), 3);
        assert_eq!(
            saved["all"][2]["all"][1],
            json!({"any": [
                {"attribute": "day_of_week", "op": "eq", "value": "mon"},
                {"attribute": "day_of_week", "op": "eq", "value": "fri"}
            ]})
        );
        assert_eq!(
            saved["all"][2]["all"][4],
            json!({"attribute": "date", "op": "gte", "value": 20261201})
        );
        frontdesk_core::targeting::compile(f.conditions.as_ref().unwrap()).unwrap();
        let back = settings_of(&f);
        s.scheduling.days = vec!["mon".into(), "fri".into()];
        assert_eq!(back, s);
    }

    #[test]
    fn empty_groups_are_left_out() {
        let mut s = settings_of(&flow(Value::Null));
        s.scheduling.hour_from = Some(8);
        let c = serde_json::to_value(conditions(&s).unwrap()).unwrap();
        assert_eq!(
            c,
            json!({"all": [{"all": [{"attribute": "hour", "op": "gte", "value": 8}]}]})
        );
    }

    #[test]
    fn hand_written_trees_are_custom_and_kept() {
        let cases = [
            json!({"attribute": "url", "op": "contains", "value": "/x"}),
            json!({"any": [{"all": [{"attribute": "url", "op": "eq", "value": "/x"}]}]}),
            json!({"all": [{"all": [{"attribute": "agents_online", "op": "eq", "value": true}]}]}),
            json!({"all": [
                {"all": [{"attribute": "returning", "op": "eq", "value": true}]},
                {"all": [{"attribute": "url", "op": "eq", "value": "/x"}]}
            ]}),
            json!({"all": [{"all": [
                {"attribute": "hour", "op": "gte", "value": 8},
                {"attribute": "hour", "op": "gte", "value": 9}
            ]}]}),
        ];
        for case in cases {
            let mut f = flow(case.clone());
            let mut s = settings_of(&f);
            assert!(s.custom, "{case}");
            s.show = ShowRule::EveryPageView;
            apply(&s, &mut f).unwrap();
            assert_eq!(serde_json::to_value(&f.conditions).unwrap(), case);
            assert_eq!(f.behavior.show, ShowRule::EveryPageView);
        }
    }

    #[test]
    fn out_of_place_values_are_refused() {
        let mut s = settings_of(&flow(Value::Null));
        s.place.rules = vec![rule("country", "eq", json!("de"))];
        assert_eq!(conditions(&s), Err(FormError::Attribute("country".into())));
        let mut s = settings_of(&flow(Value::Null));
        s.scheduling.hour_to = Some(25);
        assert_eq!(conditions(&s), Err(FormError::Hour(25)));
        s.scheduling.hour_to = None;
        s.audience.rules = vec![rule("var.", "eq", json!("pro"))];
        assert_eq!(conditions(&s), Err(FormError::VariableName));
        s.audience.rules.clear();
        s.scheduling.hour_to = None;
        s.scheduling.date_to = Some("2026-02-30".into());
        assert!(matches!(conditions(&s), Err(FormError::Date(_))));
        s.scheduling.date_to = None;
        s.scheduling.days = vec!["someday".into()];
        assert!(matches!(conditions(&s), Err(FormError::Day(_))));
    }
}
