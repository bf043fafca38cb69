//! Reading a flow's settings back into the form; trees of another shape are `custom`.

use super::{in_audience, in_where, Combine, Group, Scheduling, Settings, DAYS};
use chrono::NaiveDate;
use frontdesk_core::{flow::Flow, targeting::Condition};
use serde_json::{json, Value};

/// The number `20261224` as `2026-12-24`, if it is a date.
fn date_text(number: i64) -> Option<String> {
    NaiveDate::parse_from_str(&number.to_string(), "%Y%m%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
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
