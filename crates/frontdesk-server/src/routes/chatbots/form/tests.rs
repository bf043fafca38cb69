//! The settings form: defaults, round trips, hand-written trees and refused values.

use super::*;
use frontdesk_core::flow::{ShowRule, Trigger};
use serde_json::{json, Value};

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

#[test]
fn parts_left_out_take_their_defaults() {
    let s: Settings = serde_json::from_value(json!({"show": "every_page_view"})).unwrap();
    assert_eq!(s.trigger, Trigger::Page { seconds: 5 });
    assert_eq!(s.show, ShowRule::EveryPageView);
    assert_eq!(conditions(&s).unwrap(), None);
}
