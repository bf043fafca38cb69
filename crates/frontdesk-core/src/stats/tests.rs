use super::*;
use chrono::NaiveDate;
use chrono_tz::{Europe::Prague, Tz, UTC};
use std::collections::BTreeMap;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(tz: Tz, s: &str) -> i64 {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    tz.from_local_datetime(&naive)
        .earliest()
        .unwrap()
        .timestamp_millis()
}

fn row(kind: StatKind, at_ms: i64, conversation: i64) -> StatRow {
    StatRow {
        occurred_at_ms: at_ms,
        kind,
        conversation_id: conversation,
        agent_id: None,
        chatbot_id: None,
        language: None,
        node: None,
        button: None,
        value: None,
        extra: None,
    }
}

#[test]
fn the_median_takes_the_middle_or_the_mean_of_the_two_middles() {
    let cases: [(&[i64], Option<i64>); 5] = [
        (&[], None),
        (&[7], Some(7)),
        (&[30, 10, 20], Some(20)),
        (&[40, 10, 20, 30], Some(25)),
        (&[1, 2], Some(1)),
    ];
    for (values, expected) in cases {
        assert_eq!(median(&mut values.to_vec()), expected, "{values:?}");
    }
}

#[test]
fn a_rate_of_nothing_is_absent_not_zero() {
    assert_eq!(rate(0, 0), None);
    assert_eq!(rate(1, 4), Some(0.25));
}

#[test]
fn ranges_refuse_reversed_and_overlong_spans() {
    assert!(matches!(
        DateRange::parse("2026-03-10", "2026-03-01"),
        Err(RangeError::Reversed { .. })
    ));
    assert_eq!(
        DateRange::parse("2016-01-01", "2025-12-31"),
        Err(RangeError::TooLong {
            days: 3653,
            max: MAX_RANGE_DAYS
        })
    );
    assert!(
        DateRange::parse("2024-01-01", "2024-12-31").is_ok(),
        "a leap year fits"
    );
    assert!(matches!(
        DateRange::parse("2026-02-30", "2026-03-01"),
        Err(RangeError::BadDate(_))
    ));
    let message = DateRange::parse("2020-01-01", "2026-01-01")
        .unwrap_err()
        .to_string();
    assert!(message.contains("at most 366 days"), "{message}");
}

#[test]
fn days_across_daylight_saving_are_23_and_25_hours_long() {
    let hours = |d: &str| {
        let (s, e) = day_bounds(Prague, date(d));
        (e - s) / 3_600_000
    };
    assert_eq!(hours("2026-03-29"), 23);
    assert_eq!(hours("2026-10-25"), 25);
    assert_eq!(hours("2026-06-01"), 24);
    // A zone whose midnight is skipped: the day starts at the first existing minute.
    let (s, e) = day_bounds("America/Santiago".parse().unwrap(), date("2022-09-11"));
    assert_eq!((e - s) / 3_600_000, 23);
}

#[test]
fn events_fall_on_their_local_day() {
    // 23:30 UTC on 28 March is already 29 March in Prague.
    let late = at(UTC, "2026-03-28 23:30");
    assert_eq!(local_day(Prague, late), date("2026-03-29"));
    assert_eq!(local_day(UTC, late), date("2026-03-28"));
}

/// Five conversations with known answers (minutes), all in Prague on 2026-03-28/29.
fn crafted() -> Vec<StatRow> {
    let tz = Prague;
    let min = 60_000;
    let mut rows = Vec::new();
    let agent = |mut r: StatRow, a: i64| {
        r.agent_id = Some(a);
        r
    };
    let with = |mut r: StatRow, v: i64, e: Option<i64>| {
        r.value = Some(v);
        r.extra = e;
        r
    };
    // 1: online start, agent 1 answers after 2 min, closed after 10, rated 5.
    // 2: online start, agent 1 answers after 4 min, closed after 20, rated 3.
    // 3: offline start, agent 2 answers after 60 min (not in the median), closed after 90.
    // 4: online start, agent 2 answers after 9 min, never closed.
    // 5: online start, nobody answers.
    for (id, day, online) in [
        (1, "2026-03-28 10:00", 1),
        (2, "2026-03-28 11:00", 1),
        (3, "2026-03-29 09:00", 0),
        (4, "2026-03-29 12:00", 1),
        (5, "2026-03-29 13:00", 1),
    ] {
        rows.push(with(row(StatKind::Started, at(tz, day), id), online, None));
    }
    let start = rows_start;
    for (id, a, after, online) in [(1, 1, 2, 1), (2, 1, 4, 1), (3, 2, 60, 0), (4, 2, 9, 1)] {
        let t = start(id) + after * min;
        rows.push(agent(
            with(row(StatKind::FirstReply, t, id), after * min, Some(online)),
            a,
        ));
        rows.push(agent(row(StatKind::Replied, t, id), a));
    }
    // Agent 2 also replies in conversation 1 later.
    rows.push(agent(row(StatKind::Replied, start(1) + 5 * min, 1), 2));
    for (id, a, after, chatting) in [(1, 1, 10, 8), (2, 1, 20, 16), (3, 2, 90, 30)] {
        let t = start(id) + after * min;
        rows.push(agent(
            with(
                row(StatKind::Closed, t, id),
                after * min,
                Some(chatting * min),
            ),
            a,
        ));
    }
    rows.push(agent(
        with(row(StatKind::Rated, start(1) + 11 * min, 1), 5, None),
        1,
    ));
    rows.push(agent(
        with(row(StatKind::Rated, start(2) + 21 * min, 2), 3, None),
        1,
    ));
    rows
}

fn rows_start(id: i64) -> i64 {
    let day = match id {
        1 => "2026-03-28 10:00",
        2 => "2026-03-28 11:00",
        3 => "2026-03-29 09:00",
        4 => "2026-03-29 12:00",
        _ => "2026-03-29 13:00",
    };
    at(Prague, day)
}

#[test]
fn conversation_statistics_have_the_known_answers() {
    let range = DateRange::parse("2026-03-28", "2026-03-29").unwrap();
    let stats = conversation_stats(&rollup(&crafted(), Prague, &range), &range, None);
    let min = 60_000;
    let t = &stats.total;
    assert_eq!((t.new, t.replied, t.closed), (5, 4, 3));
    // Online-only: 2, 4 and 9 minutes; the offline 60 minutes is left out.
    assert_eq!(t.first_response_median_ms, Some(4 * min));
    assert_eq!(t.first_responses, 3);
    assert_eq!(t.time_to_close_median_ms, Some(20 * min));
    assert_eq!(t.chatting_ms, 54 * min);
    assert_eq!(t.rating_mean, Some(4.0));
    assert_eq!(
        stats
            .days
            .iter()
            .map(|d| (d.new, d.replied, d.closed))
            .collect::<Vec<_>>(),
        vec![(2, 2, 2), (3, 2, 1)]
    );
    let a1 = &stats.agents[0].1;
    assert_eq!(stats.agents[0].0, 1);
    assert_eq!((a1.new, a1.replied, a1.closed), (2, 2, 2));
    // An even count: the mean of 2 and 4 minutes.
    assert_eq!(a1.first_response_median_ms, Some(3 * min));
    assert_eq!(a1.time_to_close_median_ms, Some(15 * min));
    assert_eq!(a1.rating_mean, Some(4.0));
    let a2 = &stats.agents[1].1;
    assert_eq!((a2.new, a2.replied, a2.closed), (2, 3, 1));
    assert_eq!(a2.first_response_median_ms, Some(9 * min));
    assert_eq!(a2.first_responses, 1);
    assert_eq!(a2.rating_mean, None);
}

#[test]
fn one_agents_statistics_keep_only_that_agent() {
    let range = DateRange::parse("2026-03-28", "2026-03-29").unwrap();
    let stats = conversation_stats(&rollup(&crafted(), Prague, &range), &range, Some(2));
    assert_eq!(stats.agents.len(), 1);
    assert_eq!(stats.agents[0].0, 2);
    let days: Vec<_> = stats.days.iter().map(|d| (d.new, d.replied)).collect();
    assert_eq!(days, vec![(0, 1), (2, 2)]);
}

#[test]
fn a_range_leaves_out_what_happened_outside_it_in_local_time() {
    // Only the 29th, in Prague: conversations 3, 4, 5 started; 3 closed.
    let range = DateRange::parse("2026-03-29", "2026-03-29").unwrap();
    let stats = conversation_stats(&rollup(&crafted(), Prague, &range), &range, None);
    assert_eq!((stats.total.new, stats.total.closed), (3, 1));
    // The same day in Honolulu moves conversation 3 (09:00 Prague, 21:00 there) to the 28th.
    let honolulu: Tz = "Pacific/Honolulu".parse().unwrap();
    let stats = conversation_stats(&rollup(&crafted(), honolulu, &range), &range, None);
    assert_eq!(stats.total.new, 2);
}

#[test]
fn chatbot_statistics_count_per_bot_language_and_day() {
    let tz = UTC;
    let bot = |kind, at_ms, c, bot: i64, lang: &str| {
        let mut r = row(kind, at_ms, c);
        r.chatbot_id = Some(bot);
        r.language = Some(lang.to_owned());
        r
    };
    let d1 = at(tz, "2026-05-01 10:00");
    let d2 = at(tz, "2026-05-02 10:00");
    let mut rows = vec![
        bot(StatKind::BotTriggered, d1, 1, 7, "en"),
        bot(StatKind::BotEngaged, d1, 1, 7, "en"),
        bot(StatKind::BotResolved, d1, 1, 7, "en"),
        bot(StatKind::BotTriggered, d1, 2, 7, "en"),
        bot(StatKind::BotEscalated, d2, 2, 7, "en"),
        bot(StatKind::BotTriggered, d2, 3, 7, "en"),
        bot(StatKind::BotEngaged, d2, 3, 7, "en"),
        bot(StatKind::BotResolved, d2, 3, 7, "en"),
        bot(StatKind::BotTriggered, d2, 4, 8, "de"),
    ];
    let mut visit = bot(StatKind::NodeVisited, d1, 1, 7, "en");
    visit.node = Some("welcome".into());
    rows.push(visit.clone());
    rows.push(visit.clone());
    let mut click = bot(StatKind::ButtonClicked, d1, 1, 7, "en");
    click.node = Some("welcome".into());
    click.button = Some("pricing".into());
    rows.push(click);
    let mut left = bot(StatKind::NodeLeft, d1, 2, 7, "en");
    left.node = Some("welcome".into());
    rows.push(left);
    let range = DateRange::parse("2026-05-01", "2026-05-02").unwrap();
    let stats = chatbot_stats(&rollup(&rows, tz, &range), &range);
    assert_eq!(stats.bots.len(), 2);
    let b = &stats.bots[0];
    assert_eq!((b.chatbot_id, b.language.as_str()), (7, "en"));
    assert_eq!(
        (b.triggered, b.engaged, b.resolved, b.escalated),
        (3, 2, 2, 1)
    );
    assert_eq!(b.resolution_rate, Some(2.0 / 3.0));
    assert_eq!(
        b.days
            .iter()
            .map(|d| (d.triggered, d.resolved, d.escalated))
            .collect::<Vec<_>>(),
        vec![(2, 1, 0), (1, 1, 1)]
    );
    let welcome = &b.nodes["welcome"];
    assert_eq!((welcome.visits, welcome.left), (2, 1));
    assert_eq!(welcome.clicks["pricing"], 1);
    assert_eq!(stats.bots[1].resolution_rate, None);
}

#[test]
fn the_funnel_follows_the_flow_and_marks_the_weakest_step() {
    let counts: BTreeMap<String, NodeCounts> = [
        (
            "welcome".to_owned(),
            NodeCounts {
                visits: 100,
                clicks: [("pricing".to_owned(), 60), ("human".to_owned(), 20)].into(),
                left: 20,
            },
        ),
        (
            "pricing".to_owned(),
            NodeCounts {
                visits: 60,
                clicks: [("yes".to_owned(), 15)].into(),
                left: 45,
            },
        ),
        (
            "gone".to_owned(),
            NodeCounts {
                visits: 3,
                clicks: BTreeMap::new(),
                left: 0,
            },
        ),
    ]
    .into();
    let order = vec![
        (
            "welcome".to_owned(),
            vec!["pricing".to_owned(), "human".to_owned(), "faq".to_owned()],
        ),
        ("pricing".to_owned(), vec!["yes".to_owned()]),
        ("bye".to_owned(), vec![]),
    ];
    let steps = funnel(&order, &counts);
    let names: Vec<_> = steps.iter().map(|s| s.node.as_str()).collect();
    assert_eq!(names, ["welcome", "pricing", "bye", "gone"]);
    assert_eq!(
        steps[0].clicks,
        vec![
            ("pricing".to_owned(), 60),
            ("human".to_owned(), 20),
            ("faq".to_owned(), 0)
        ]
    );
    assert_eq!(steps[1].drop_off, Some(0.75));
    assert!(steps[1].weakest && !steps[0].weakest);
    assert_eq!(steps[2].drop_off, None);
}

#[test]
fn once_only_events_share_a_key_and_replies_are_once_per_agent() {
    let a = StatEvent::new(StatKind::BotResolved, 1, 9, 0);
    let b = StatEvent::new(StatKind::BotEscalated, 1, 9, 0);
    assert_eq!(a.dedupe, b.dedupe);
    let r1 = StatEvent::new(StatKind::Replied, 1, 9, 0).by_agent(Some(3));
    let r2 = StatEvent::new(StatKind::Replied, 1, 9, 0).by_agent(Some(4));
    assert_ne!(r1.dedupe, r2.dedupe);
    assert_eq!(StatEvent::new(StatKind::NodeVisited, 1, 9, 0).dedupe, None);
    for kind in StatKind::ALL {
        assert_eq!(StatKind::parse(kind.as_str()), Some(kind));
    }
}

#[test]
fn a_flows_order_starts_at_its_welcome_and_follows_the_buttons() {
    let flow = crate::flow::Flow::parse(
        r#"{"version": 1, "name": "FAQ", "language": "en", "start": "welcome", "nodes": {
            "welcome": {"kind": "buttons", "text": "Hi", "buttons": [
                {"id": "price", "label": "Price", "next": "pricing"},
                {"id": "human", "label": "Human", "next": "handover"}]},
            "pricing": {"kind": "end", "text": "10 EUR"},
            "handover": {"kind": "handover", "text": "One moment"}
        }}"#,
    )
    .unwrap();
    let order = flow_order(&flow);
    let ids: Vec<_> = order.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["welcome", "pricing", "handover"]);
    assert_eq!(order[0].1, ["price", "human"]);
}

#[test]
fn synthetic_events_are_repeatable_and_aggregate_cleanly() {
    let spec = Synthetic {
        account_id: 1,
        first_conversation_id: 1,
        conversations: 500,
        from_ms: at(UTC, "2026-05-01 00:00"),
        days: 10,
        agents: &[1, 2],
        chatbots: &[],
        seed: 7,
    };
    let a: Vec<_> = (0..500).flat_map(|i| spec.conversation(i)).collect();
    let b: Vec<_> = (0..500).flat_map(|i| spec.conversation(i)).collect();
    assert_eq!(a, b);
    let rows: Vec<StatRow> = a
        .iter()
        .map(|e| StatRow {
            occurred_at_ms: e.occurred_at_ms,
            kind: e.kind,
            conversation_id: e.conversation_id,
            agent_id: e.agent_id,
            chatbot_id: e.chatbot_id,
            language: e.language.clone(),
            node: e.node.clone(),
            button: e.button.clone(),
            value: e.value,
            extra: e.extra,
        })
        .collect();
    let range = DateRange::parse("2026-05-01", "2026-05-31").unwrap();
    let stats = conversation_stats(&rollup(&rows, UTC, &range), &range, None);
    assert_eq!(stats.total.new, 500);
    assert!(stats.total.replied > 350 && stats.total.closed > 250);
    assert!(stats.total.first_response_median_ms.unwrap() < 5 * 60_000);
}

#[test]
fn offsets_change_at_the_exact_daylight_saving_instant() {
    let (start, end) = DateRange::parse("2026-01-01", "2026-12-31")
        .unwrap()
        .bounds(Prague);
    let pieces = offset_segments(Prague, start, end);
    assert_eq!(pieces.len(), 3);
    assert_eq!(pieces[0].1, 3_600_000);
    assert_eq!(pieces[1], (at(UTC, "2026-03-29 01:00"), 7_200_000));
    assert_eq!(pieces[2], (at(UTC, "2026-10-25 01:00"), 3_600_000));
    // Every instant falls on the same local day as chrono says, around both changes.
    for t in [
        at(UTC, "2026-03-28 22:59"),
        at(UTC, "2026-03-28 23:00"),
        at(UTC, "2026-03-29 00:59"),
        at(UTC, "2026-03-29 01:00"),
        at(UTC, "2026-10-24 21:59"),
        at(UTC, "2026-10-24 22:00"),
        at(UTC, "2026-10-25 22:59"),
        at(UTC, "2026-10-25 23:00"),
    ] {
        assert_eq!(day_of(day_number(&pieces, t)), local_day(Prague, t), "{t}");
    }
    assert_eq!(offset_segments(UTC, start, end), vec![(start, 0)]);
    // Kathmandu is 5:45 ahead: days still begin at its midnight.
    let kathmandu: Tz = "Asia/Kathmandu".parse().unwrap();
    let pieces = offset_segments(kathmandu, start, end);
    assert_eq!(pieces, vec![(start, 20_700_000)]);
    let t = at(kathmandu, "2026-06-01 00:10");
    assert_eq!(day_of(day_number(&pieces, t)), date("2026-06-01"));
}

#[test]
fn an_event_in_a_zone_falls_on_that_zones_day_number() {
    let t = at(UTC, "2026-03-28 23:30");
    let e = StatEvent::new(StatKind::Started, 1, 1, t);
    assert_eq!(day_of(e.day), date("2026-03-28"), "UTC by default");
    assert_eq!(day_of(e.in_zone(Prague).day), date("2026-03-29"));
}
