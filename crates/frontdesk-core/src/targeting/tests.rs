use super::*;
use chrono::NaiveDate;
use serde_json::json;

fn view() -> PageView {
    PageView {
        url: "https://shop.example.com/Pricing?plan=pro".into(),
        title: "Pricing – Example Shop".into(),
        referrer: "https://www.google.com/".into(),
        utm: [("utm_source".to_owned(), "newsletter".to_owned())].into(),
        visit_count: 3,
        returning: true,
        language: "de".into(),
        country: None,
        device: "mobile".into(),
        group: Some("vip".into()),
        contact: [("email".to_owned(), "jana@example.com".to_owned())].into(),
        variables: [("plan".to_owned(), "Pro".to_owned())].into(),
        agents_online: false,
        office_hours: true,
        local: NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 30, 0)
            .unwrap(),
    }
}

fn holds(condition: serde_json::Value, view: &PageView) -> bool {
    let condition: Condition = serde_json::from_value(condition).unwrap();
    let (compiled, _) = compile(&condition).unwrap();
    evaluate(&compiled, view)
}

fn t(attribute: &str, op: &str, value: serde_json::Value) -> serde_json::Value {
    json!({"attribute": attribute, "op": op, "value": value})
}

#[test]
fn every_operator_of_every_type() {
    let v = view();
    let cases = [
        // numbers
        (t("visit_count", "eq", json!(3)), true),
        (t("visit_count", "not_eq", json!(3)), false),
        (t("visit_count", "gt", json!(2)), true),
        (t("visit_count", "gt", json!(3)), false),
        (t("visit_count", "gte", json!(3)), true),
        (t("visit_count", "lt", json!(3)), false),
        (t("visit_count", "lte", json!(3)), true),
        (t("hour", "gte", json!(10)), true),
        (t("date", "gte", json!(20261123)), true),
        (t("date", "lt", json!(20261123)), false),
        // texts (case-insensitive)
        (
            t(
                "url",
                "eq",
                json!("https://shop.example.com/pricing?plan=pro"),
            ),
            true,
        ),
        (t("url", "not_eq", json!("https://shop.example.com/")), true),
        (t("url", "contains", json!("/pricing")), true),
        (t("url", "not_contains", json!("/pricing")), false),
        (t("url", "starts_with", json!("https://shop.")), true),
        (t("url", "not_starts_with", json!("https://shop.")), false),
        (
            t("url", "regex", json!("/Pricing\\?plan=(pro|team)$")),
            true,
        ),
        (t("url", "regex", json!("/pricing\\?")), false),
        (t("title", "contains", json!("pricing")), true),
        (t("referrer", "contains", json!("google")), true),
        (t("utm_source", "eq", json!("Newsletter")), true),
        (t("utm_campaign", "eq", json!("x")), false),
        (t("language", "eq", json!("de")), true),
        (t("group", "eq", json!("vip")), true),
        (t("contact.email", "contains", json!("@example.com")), true),
        (t("var.plan", "eq", json!("pro")), true),
        (t("var.missing", "eq", json!("x")), false),
        (t("var.missing", "not_eq", json!("x")), true),
        (t("country", "eq", json!("CZ")), false),
        (t("country", "not_eq", json!("CZ")), true),
        // booleans
        (t("returning", "eq", json!(true)), true),
        (t("returning", "not_eq", json!(true)), false),
        (t("agents_online", "eq", json!(false)), true),
        (t("office_hours", "eq", json!(true)), true),
        // choices
        (t("device", "eq", json!("mobile")), true),
        (t("device", "eq", json!("desktop")), false),
        (t("day_of_week", "eq", json!("mon")), true),
    ];
    for (condition, expected) in cases {
        assert_eq!(holds(condition.clone(), &v), expected, "{condition}");
    }
}

#[test]
fn groups_nest_and_no_condition_means_everywhere() {
    let v = view();
    let pricing = t("url", "contains", json!("/pricing"));
    let home = t("url", "eq", json!("https://shop.example.com/"));
    let mobile = t("device", "eq", json!("mobile"));
    assert!(holds(json!({"all": [pricing, mobile]}), &v));
    assert!(!holds(json!({"all": [pricing, home]}), &v));
    assert!(holds(json!({"any": [home, pricing]}), &v));
    assert!(holds(
        json!({"all": [{"any": [home, pricing]}, {"all": [mobile]}]}),
        &v
    ));
    assert!(!holds(
        json!({"any": [home, {"all": [pricing, {"any": []}]}]}),
        &v
    ));
    assert!(
        holds(json!({"all": []}), &v),
        "an empty all holds everywhere"
    );
}

#[test]
fn a_window_follows_local_time_on_the_day_clocks_change() {
    // 29 March 2026, Prague moves from UTC+1 to UTC+2 at 02:00.
    let tz = chrono_tz::Europe::Prague;
    let window = json!({"all": [
        t("day_of_week", "eq", json!("sun")),
        t("hour", "gte", json!(9)),
        t("hour", "lt", json!(17)),
    ]});
    let utc = |h: u32, m: u32| {
        NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis()
    };
    let at = |ms| PageView {
        local: local_time(tz, ms),
        ..view()
    };
    assert!(!holds(window.clone(), &at(utc(6, 59))), "08:59 local");
    assert!(holds(window.clone(), &at(utc(7, 0))), "09:00 local");
    assert!(!holds(window, &at(utc(15, 0))), "17:00 local");
}

#[test]
fn a_monday_window_holds_from_nine_local_on_a_monday_the_clocks_change() {
    // Monday 21 March 2016, Tehran moved from UTC+3:30 to UTC+4:30 at midnight: 09:00 local
    // was 04:30 UTC that day, an hour earlier than the day before.
    let tz = chrono_tz::Asia::Tehran;
    let window = json!({"all": [
        t("day_of_week", "eq", json!("mon")),
        t("hour", "gte", json!(9)),
        t("hour", "lt", json!(17)),
    ]});
    let utc = |h: u32, m: u32| {
        NaiveDate::from_ymd_opt(2016, 3, 21)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis()
    };
    let at = |ms| PageView {
        local: local_time(tz, ms),
        ..view()
    };
    assert!(!holds(window.clone(), &at(utc(4, 29))), "08:59 local");
    assert!(holds(window.clone(), &at(utc(4, 30))), "09:00 local");
    assert!(holds(window.clone(), &at(utc(12, 29))), "16:59 local");
    assert!(!holds(window, &at(utc(12, 30))), "17:00 local");
}

#[test]
fn bad_trees_are_refused_with_the_place_and_the_reason() {
    let cases = [
        (
            t("shoe_size", "eq", json!(42)),
            "unknown attribute 'shoe_size'",
        ),
        (
            t("visit_count", "contains", json!(3)),
            "does not take the operator 'contains'",
        ),
        (t("visit_count", "eq", json!("three")), "needs a number"),
        (t("returning", "eq", json!("yes")), "needs true or false"),
        (
            t("device", "eq", json!("tablet")),
            "is one of desktop, mobile",
        ),
        (
            t("url", "regex", json!("(unclosed")),
            "invalid regular expression",
        ),
        (t("url", "regex", json!("a".repeat(501))), "longer than 500"),
        (
            json!({"all": [t("url", "eq", json!("x")), t("url", "fly", json!("y"))]}),
            "all[1]",
        ),
    ];
    for (condition, message) in cases {
        let parsed: Condition = serde_json::from_value(condition.clone()).unwrap();
        let err = compile(&parsed).unwrap_err().to_string();
        assert!(err.contains(message), "{condition}: {err}");
    }
    let mut deep = t("url", "eq", json!("x"));
    for _ in 0..10 {
        deep = json!({"all": [deep]});
    }
    let err = compile(&serde_json::from_value(deep).unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains("nested deeper"), "{err}");
    let wide =
        json!({"any": (0..250).map(|i| t("visit_count", "eq", json!(i))).collect::<Vec<_>>()});
    let err = compile(&serde_json::from_value(wide).unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains("more than 200"), "{err}");
}

#[test]
fn conditions_that_can_never_hold_are_warned_about() {
    let impossible = json!({"all": [t("url", "eq", json!("https://a.example/")), t("url", "eq", json!("https://b.example/"))]});
    let (_, warnings) = compile(&serde_json::from_value(impossible).unwrap()).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("'url' cannot equal two different values"),
        "{warnings:?}"
    );
    let fine = json!({"any": [t("url", "eq", json!("https://a.example/")), t("url", "eq", json!("https://b.example/"))]});
    assert!(compile(&serde_json::from_value(fine).unwrap())
        .unwrap()
        .1
        .is_empty());
}

#[test]
fn an_empty_number_range_is_warned_about() {
    let cases = [
        // An "office hours" window typed backwards: from 17:00 until before 09:00.
        (
            json!({"all": [t("hour", "gte", json!(17)), t("hour", "lt", json!(9))]}),
            1,
        ),
        (
            json!({"all": [t("hour", "gt", json!(9)), t("hour", "lt", json!(9))]}),
            1,
        ),
        (
            json!({"all": [t("hour", "gte", json!(9)), t("hour", "lt", json!(9))]}),
            1,
        ),
        (
            json!({"all": [t("visit_count", "eq", json!(2)), t("visit_count", "gt", json!(3))]}),
            1,
        ),
        // Open at the edges but not empty.
        (
            json!({"all": [t("hour", "gte", json!(9)), t("hour", "lte", json!(9))]}),
            0,
        ),
        (
            json!({"all": [t("hour", "gte", json!(9)), t("hour", "lt", json!(17))]}),
            0,
        ),
        // Under `any`, either side may hold.
        (
            json!({"any": [t("hour", "gte", json!(17)), t("hour", "lt", json!(9))]}),
            0,
        ),
        // Different attributes do not narrow each other.
        (
            json!({"all": [t("hour", "gte", json!(17)), t("visit_count", "lt", json!(9))]}),
            0,
        ),
    ];
    for (tree, expected) in cases {
        let (_, warnings) = compile(&serde_json::from_value(tree.clone()).unwrap()).unwrap();
        assert_eq!(warnings.len(), expected, "{tree}: {warnings:?}");
        if expected > 0 {
            assert!(
                warnings[0].contains("satisfies all of its bounds"),
                "{warnings:?}"
            );
        }
    }
}

#[test]
fn behaviour_rules_decide_when_a_chatbot_may_greet_again() {
    use crate::flow::ShowRule::{EveryPageView, OncePerSession, OncePerVisitor};
    // (rule, visit in which it was last shown, current visit, may greet)
    let cases = [
        (OncePerSession, None, 1, true),
        (OncePerSession, Some(1), 1, false),
        (OncePerSession, Some(1), 2, true),
        (OncePerVisitor, None, 3, true),
        (OncePerVisitor, Some(1), 1, false),
        (OncePerVisitor, Some(1), 5, false),
        (EveryPageView, None, 1, true),
        (EveryPageView, Some(1), 1, true),
        (EveryPageView, Some(4), 4, true),
    ];
    for (rule, shown, visit, expected) in cases {
        assert_eq!(
            rule.allows(shown, visit),
            expected,
            "{rule:?} last shown {shown:?}, visit {visit}"
        );
    }
}

#[test]
fn evaluation_of_a_hostile_regex_stays_bounded() {
    // A pattern that backtracks catastrophically elsewhere is linear in this engine.
    let view = PageView {
        url: format!("https://x.example/{}!", "a".repeat(5_000)),
        ..view()
    };
    assert!(!holds(
        t("url", "regex", json!("^https://x.example/(a+)+$")),
        &view
    ));
}
