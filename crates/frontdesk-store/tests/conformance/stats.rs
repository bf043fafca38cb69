use crate::accounts::new_account;
use frontdesk_core::stats::{
    chatbot_stats, conversation_stats, offset_segments, rollup, DateRange, Rollup, StatEvent,
    StatKind, Tz,
};
use frontdesk_store::StatFamily as F;

/// The store's rollup of a range, checked against core's reference rollup of the same
/// events read one by one.
async fn rollup_of(
    store: &dyn Store,
    account: frontdesk_core::ids::AccountId,
    family: F,
    range: &DateRange,
    tz: Tz,
    chatbot: Option<i64>,
) -> Rollup {
    let (from, to) = range.bounds(tz);
    let segments = offset_segments(tz, from, to);
    let summed = store
        .stat_rollup(account, family, from, to, &segments, chatbot)
        .await
        .unwrap();
    let rows = store
        .stat_rows(account, family, from, to, chatbot)
        .await
        .unwrap();
    assert_eq!(
        summed,
        rollup(&rows, tz, range),
        "SQL and reference rollups agree"
    );
    summed
}
use frontdesk_store::{StatFamily, Store};

const MIN: i64 = 60_000;
/// 2026-04-01 00:00 UTC.
const DAY0: i64 = 1_775_001_600_000;

fn event(account: i64, kind: StatKind, conversation: i64, at: i64) -> StatEvent {
    StatEvent::new(kind, account, conversation, at)
}

/// Four conversations with known answers, stored as the server records them:
/// 1 online, agent 10 answers in 1 min, closed at 5, rated 4;
/// 2 online, agent 10 answers in 3 min, closed at 30, rated 2;
/// 3 offline, agent 11 answers in 50 min (outside the online-only median), closed at 60;
/// 4 online, agent 11 answers in 6 min; still open.
async fn record_crafted(store: &dyn Store, account: i64) {
    let starts = [
        (1, 10 * MIN, true),
        (2, 20 * MIN, true),
        (3, 30 * MIN, false),
        (4, 40 * MIN, true),
    ];
    for (id, at, online) in starts {
        let mut e = event(account, StatKind::Started, id, DAY0 + at);
        e.value = Some(i64::from(online));
        assert!(store.record_stat(&e).await.unwrap());
    }
    for (id, agent, after, online) in [(1, 10, 1, 1), (2, 10, 3, 1), (3, 11, 50, 0), (4, 11, 6, 1)]
    {
        let start = DAY0 + id * 10 * MIN;
        let mut first =
            event(account, StatKind::FirstReply, id, start + after * MIN).by_agent(Some(agent));
        first.value = Some(after * MIN);
        first.extra = Some(online);
        store.record_stat(&first).await.unwrap();
        let replied =
            event(account, StatKind::Replied, id, start + after * MIN).by_agent(Some(agent));
        store.record_stat(&replied).await.unwrap();
    }
    for (id, agent, after, first) in [(1, 10, 5, 1), (2, 10, 30, 3), (3, 11, 60, 50)] {
        let start = DAY0 + id * 10 * MIN;
        let mut closed =
            event(account, StatKind::Closed, id, start + after * MIN).by_agent(Some(agent));
        closed.value = Some(after * MIN);
        closed.extra = Some((after - first) * MIN);
        store.record_stat(&closed).await.unwrap();
    }
    for (id, score) in [(1, 4), (2, 2)] {
        let mut rated =
            event(account, StatKind::Rated, id, DAY0 + 3 * 3_600_000).by_agent(Some(10));
        rated.value = Some(score);
        store.record_stat(&rated).await.unwrap();
    }
}

pub async fn conversation_statistics_have_the_known_answers(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    record_crafted(store, a.id.0).await;
    record_crafted(store, b.id.0).await;
    // A retry of a once-only event (a second node, a reconnect) changes nothing.
    let mut again = event(a.id.0, StatKind::Started, 1, DAY0 + 99 * MIN);
    again.value = Some(0);
    assert!(!store.record_stat(&again).await.unwrap());
    let marks = store.stat_marks(a.id, 1).await.unwrap();
    assert_eq!(marks.started, Some((DAY0 + 10 * MIN, true)));
    assert_eq!(marks.first_reply_at, Some(DAY0 + 11 * MIN));

    let range = DateRange::parse("2026-04-01", "2026-04-01").unwrap();
    let tz = Tz::UTC;
    let summed = rollup_of(store, a.id, F::Conversations, &range, tz, None).await;
    let stats = conversation_stats(&summed, &range, None);
    let t = &stats.total;
    assert_eq!(
        (t.new, t.replied, t.closed),
        (4, 4, 3),
        "account B's events stay out"
    );
    // Online only: 1, 3 and 6 minutes; the offline conversation's 50 minutes do not count.
    assert_eq!(t.first_response_median_ms, Some(3 * MIN));
    assert_eq!(t.time_to_close_median_ms, Some(30 * MIN));
    assert_eq!(t.chatting_ms, (4 + 27 + 10) * MIN);
    assert_eq!(t.rating_mean, Some(3.0));
    let (id, agent10) = &stats.agents[0];
    assert_eq!(*id, 10);
    // Two values: the median is their mean.
    assert_eq!(agent10.first_response_median_ms, Some(2 * MIN));
    assert_eq!(agent10.time_to_close_median_ms, Some(35 * MIN / 2));
    let (_, agent11) = &stats.agents[1];
    assert_eq!(agent11.first_response_median_ms, Some(6 * MIN));
    assert_eq!(agent11.closed, 1);

    // The day before sees nothing.
    let before = DateRange::parse("2026-03-31", "2026-03-31").unwrap();
    let (from, to) = before.bounds(tz);
    let rows = store
        .stat_rows(a.id, StatFamily::Conversations, from, to, None)
        .await
        .unwrap();
    assert!(rows.is_empty());
}

pub async fn chatbot_statistics_count_per_bot_and_stay_in_their_family(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let bot = |kind, conversation: i64, chatbot: i64| {
        let mut e = event(a.id.0, kind, conversation, DAY0 + conversation * MIN);
        e.chatbot_id = Some(chatbot);
        e.language = Some("en".into());
        e
    };
    let mut events = Vec::new();
    for c in 1..=4 {
        events.push(bot(StatKind::BotTriggered, c, 5));
        let mut visit = bot(StatKind::NodeVisited, c, 5);
        visit.node = Some("welcome".into());
        events.push(visit);
    }
    for c in 1..=3 {
        events.push(bot(StatKind::BotEngaged, c, 5));
        let mut click = bot(StatKind::ButtonClicked, c, 5);
        click.node = Some("welcome".into());
        click.button = Some("pricing".into());
        events.push(click);
    }
    events.push(bot(StatKind::BotResolved, 1, 5));
    events.push(bot(StatKind::BotResolved, 2, 5));
    events.push(bot(StatKind::BotEscalated, 3, 5));
    // A second outcome of the same conversation is refused: outcomes are final.
    events.push(bot(StatKind::BotResolved, 3, 5));
    let mut left = bot(StatKind::NodeLeft, 4, 5);
    left.node = Some("welcome".into());
    events.push(left);
    events.push(bot(StatKind::BotTriggered, 9, 6));
    let added = store.record_stats(&events).await.unwrap();
    assert_eq!(added, events.len() as u64 - 1);

    let range = DateRange::parse("2026-04-01", "2026-04-01").unwrap();
    let (from, to) = range.bounds(Tz::UTC);
    let summed = rollup_of(store, a.id, F::Chatbots, &range, Tz::UTC, Some(5)).await;
    let stats = chatbot_stats(&summed, &range);
    assert_eq!(stats.bots.len(), 1, "only the chatbot asked for");
    let b = &stats.bots[0];
    assert_eq!(
        (b.triggered, b.engaged, b.resolved, b.escalated),
        (4, 3, 2, 1)
    );
    assert_eq!(b.resolution_rate, Some(2.0 / 3.0));
    let welcome = &b.nodes["welcome"];
    assert_eq!(
        (welcome.visits, welcome.clicks["pricing"], welcome.left),
        (4, 3, 1)
    );
    let conversations = store
        .stat_rows(a.id, StatFamily::Conversations, from, to, None)
        .await
        .unwrap();
    assert!(conversations.is_empty());
}

pub async fn rollups_count_local_days_across_daylight_saving(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let prague: Tz = "Europe/Prague".parse().unwrap();
    let range = DateRange::parse("2026-03-28", "2026-03-30").unwrap();
    let (from, to) = range.bounds(prague);
    // A conversation every half hour, from the first instant of the range to its end.
    let events: Vec<StatEvent> = (0..)
        .map(|i| from + i * 30 * MIN)
        .take_while(|t| *t < to)
        .enumerate()
        .map(|(i, t)| event(a.id.0, StatKind::Started, i as i64 + 1, t).in_zone(prague))
        .collect();
    store.record_stats(&events).await.unwrap();
    let summed = rollup_of(store, a.id, F::Conversations, &range, prague, None).await;
    let days: Vec<i64> = conversation_stats(&summed, &range, None)
        .days
        .iter()
        .map(|d| d.new)
        .collect();
    // The 29th has 23 hours in Prague.
    assert_eq!(days, [48, 46, 48]);
}
