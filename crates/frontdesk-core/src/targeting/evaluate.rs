//! Evaluating a compiled tree: a pure function that cannot fail.

use super::{
    compile::{Compiled, CompiledTest, Op, Value},
    PageView,
};
use chrono::{Datelike, Timelike};

/// The attribute's value in this page view, as text or number; `None` when unknown.
enum Actual {
    Text(String),
    Number(f64),
    Bool(bool),
}

fn actual(attribute: &str, view: &PageView) -> Option<Actual> {
    let text = |s: &str| Some(Actual::Text(s.to_lowercase()));
    match attribute {
        "url" => text(&view.url),
        "title" => text(&view.title),
        "referrer" => text(&view.referrer),
        "utm_source" | "utm_medium" | "utm_campaign" => {
            view.utm.get(attribute).and_then(|v| text(v))
        }
        "language" => text(&view.language),
        "country" => view.country.as_deref().and_then(text),
        "device" => text(&view.device),
        "group" => view.group.as_deref().and_then(text),
        "visit_count" => Some(Actual::Number(view.visit_count as f64)),
        "returning" => Some(Actual::Bool(view.returning)),
        "agents_online" => Some(Actual::Bool(view.agents_online)),
        "office_hours" => Some(Actual::Bool(view.office_hours)),
        "hour" => Some(Actual::Number(f64::from(view.local.hour()))),
        "date" => {
            let d = view.local.date();
            Some(Actual::Number(f64::from(
                d.year() as u32 * 10_000 + d.month() * 100 + d.day(),
            )))
        }
        "day_of_week" => {
            const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
            text(DAYS[view.local.weekday().num_days_from_monday() as usize])
        }
        other => {
            if let Some(field) = other.strip_prefix("contact.") {
                view.contact.get(field).and_then(|v| text(v))
            } else if let Some(name) = other.strip_prefix("var.") {
                view.variables.get(name).and_then(|v| text(v))
            } else {
                None
            }
        }
    }
}

fn test(t: &CompiledTest, view: &PageView) -> bool {
    let Some(actual) = actual(&t.attribute, view) else {
        // An unknown value (no country, no such variable) matches no positive test, and
        // every negated one: "not equal to X" holds when there is nothing.
        return matches!(t.op, Op::NotEq | Op::NotContains | Op::NotStartsWith);
    };
    match (&actual, &t.value) {
        (Actual::Number(a), Value::Number(b)) => match t.op {
            Op::Eq => a == b,
            Op::NotEq => a != b,
            Op::Gt => a > b,
            Op::Gte => a >= b,
            Op::Lt => a < b,
            Op::Lte => a <= b,
            _ => false,
        },
        (Actual::Bool(a), Value::Bool(b)) => match t.op {
            Op::Eq => a == b,
            Op::NotEq => a != b,
            _ => false,
        },
        (Actual::Text(a), Value::Text(b)) => match t.op {
            Op::Eq => a == b,
            Op::NotEq => a != b,
            Op::Contains => a.contains(b.as_str()),
            Op::NotContains => !a.contains(b.as_str()),
            Op::StartsWith => a.starts_with(b.as_str()),
            Op::NotStartsWith => !a.starts_with(b.as_str()),
            _ => false,
        },
        (Actual::Text(_), Value::Pattern(re)) => {
            // Regular expressions see the original text, so they decide about case.
            let original = match t.attribute.as_str() {
                "url" => view.url.as_str(),
                "title" => view.title.as_str(),
                "referrer" => view.referrer.as_str(),
                _ => "",
            };
            let subject = if original.is_empty() {
                match &actual {
                    Actual::Text(s) => s.as_str(),
                    _ => "",
                }
            } else {
                original
            };
            re.is_match(subject)
        }
        _ => false,
    }
}

/// Whether the page view satisfies the tree. Empty `all` holds, empty `any` does not.
pub fn evaluate(condition: &Compiled, view: &PageView) -> bool {
    match condition {
        Compiled::All(items) => items.iter().all(|c| evaluate(c, view)),
        Compiled::Any(items) => items.iter().any(|c| evaluate(c, view)),
        Compiled::Test(t) => test(t, view),
    }
}
