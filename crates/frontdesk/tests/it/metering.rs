//! Chatbot conversations as the billing unit (§7.1, §7.2), driven through the real server
//! and protocol: every row of the table, and the limit under a crowd of first clicks.

use crate::{
    helpers::TestApp,
    ws::{self, expect, expect_where, send, Socket},
};
use frontdesk_core::metering::Plan;
use serde_json::json;

/// An app whose demo account is on a test plan: `included` conversations a month, up to
/// `maximum` with add-ons bought in steps of `step`. Logins last a year, for tests that move
/// the clock across months.
async fn app_with_plan(included: i64, maximum: i64, step: i64) -> TestApp {
    app_on_with_plan(None, included, maximum, step).await
}

/// [`app_with_plan`] on `database_url` (a fresh SQLite file when `None`).
async fn app_on_with_plan(
    database_url: Option<String>,
    included: i64,
    maximum: i64,
    step: i64,
) -> TestApp {
    let app = crate::helpers::spawn_app_on(database_url, |config| {
        config.session.lifetime_hours = 24 * 365;
        config.plans.push(Plan {
            code: "TEST".into(),
            included: Some(included),
            maximum: Some(maximum),
            addon_step: step,
            agent_seats: 5,
            features: Vec::new(),
        })
    })
    .await;
    app.store
        .set_account_plan(app.account.id, "TEST")
        .await
        .unwrap();
    app
}

/// An app whose demo account may use `limit` chatbot conversations a month, no add-ons.
async fn app_with_limit(limit: i64) -> TestApp {
    app_with_plan(limit, limit, 0).await
}

async fn visitor(app: &TestApp) -> Socket {
    let mut socket = ws::visitor_from(app, "http://localhost").await.unwrap();
    send(
        &mut socket,
        json!({"type": "hello", "v": 1, "language": "en"}),
    )
    .await;
    expect(&mut socket, "welcome").await;
    socket
}

/// Triggers the bot; returns the conversation id, or `None` when no bot triggered.
async fn trigger(socket: &mut Socket) -> Option<i64> {
    send(socket, json!({"type": "trigger"})).await;
    send(socket, json!({"type": "ping"})).await;
    let frame = ws::expect_any(socket, &["status", "pong"]).await;
    (frame["type"] == "status").then(|| frame["conversation"]["id"].as_i64().unwrap())
}

async fn click(socket: &mut Socket, id: i64, node: &str, button: &str) {
    send(
        socket,
        json!({"type": "click", "conversation_id": id, "node": node, "button": button}),
    )
    .await;
}

async fn used(app: &TestApp) -> i64 {
    let account = app.store.account(app.account.id).await.unwrap().unwrap();
    frontdesk_server::metering::quota(&app.state, &account)
        .await
        .unwrap()
        .1
        .used
}

#[tokio::test]
async fn every_row_of_the_billing_table_counts_as_specified() {
    let app = app_with_limit(100).await;
    // An agent is online, so "Talk to a person" hands over at once.
    let _agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;

    // Row 1: clicks through to an answer and leaves: counted once, "Joined by chatbot".
    let mut v1 = visitor(&app).await;
    let c1 = trigger(&mut v1).await.unwrap();
    click(&mut v1, c1, "welcome", "shipping").await;
    expect_where(&mut v1, "message", |f| f["message"]["node"] == "more").await;
    click(&mut v1, c1, "more", "yes").await;
    expect_where(&mut v1, "message", |f| {
        f["message"]["body"] == "Glad I could help. Have a nice day!"
    })
    .await;
    assert_eq!(used(&app).await, 1, "row 1");

    // Row 2: clicks nothing, writes to the team: not counted.
    let mut v2 = visitor(&app).await;
    let c2 = trigger(&mut v2).await.unwrap();
    ws::say(&mut v2, "c-2", "I'd rather talk to a person").await;
    assert_eq!(used(&app).await, 1, "row 2");

    // Row 3: clicks, then reaches a handover: counted once.
    let mut v3 = visitor(&app).await;
    let c3 = trigger(&mut v3).await.unwrap();
    click(&mut v3, c3, "welcome", "person").await;
    expect_where(&mut v3, "status", |f| f["conversation"]["status"] == "open").await;
    ws::say(&mut v3, "c-3", "and then I typed").await;
    assert_eq!(used(&app).await, 2, "row 3");

    // Row 5: the bot triggers, the visitor ignores it: not counted, not in the inbox.
    let mut v5 = visitor(&app).await;
    let c5 = trigger(&mut v5).await.unwrap();
    assert_eq!(used(&app).await, 2, "row 5");

    // Row 7: a reconnect, a double click and a second connection clicking too: still one.
    let mut v7 = ws::visitor(&app, None, None, 0).await;
    send(&mut v7.socket, json!({"type": "trigger"})).await;
    let c7 = expect(&mut v7.socket, "status").await["conversation"]["id"]
        .as_i64()
        .unwrap();
    let token = v7.token();
    let mut v7b = ws::visitor(&app, Some(&token), Some(c7), 0).await;
    click(&mut v7.socket, c7, "welcome", "returns").await;
    click(&mut v7b.socket, c7, "welcome", "returns").await;
    click(&mut v7.socket, c7, "welcome", "returns").await;
    expect_where(&mut v7.socket, "message", |f| {
        f["message"]["node"] == "returns"
    })
    .await;
    let mut again = ws::visitor(&app, Some(&token), Some(c7), 0).await;
    click(&mut again.socket, c7, "more", "menu").await;
    expect_where(&mut again.socket, "message", |f| {
        f["message"]["node"] == "welcome" && f["message"]["seq"].as_i64() > Some(3)
    })
    .await;
    assert_eq!(used(&app).await, 3, "row 7");

    let counted = |id: i64| {
        let store = app.store.clone();
        let account = app.account.id;
        async move {
            store
                .conversation(account, id)
                .await
                .unwrap()
                .unwrap()
                .bot
                .unwrap()
                .counted
        }
    };
    assert!(counted(c1).await && counted(c3).await && counted(c7).await);
    assert!(!counted(c2).await && !counted(c5).await);
    let inbox: Vec<i64> = app
        .store
        .list_conversations(app.account.id, 20)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert!(!inbox.contains(&c5), "row 5 is not in the inbox");
    assert!(
        inbox.contains(&c2),
        "row 2 is, as a conversation for the team"
    );
    let account = app.store.account(app.account.id).await.unwrap().unwrap();
    let (period, _) = frontdesk_server::metering::quota(&app.state, &account)
        .await
        .unwrap();
    let ledger = app
        .store
        .usage_ledger(app.account.id, period.start_ms)
        .await
        .unwrap();
    let ledger_ids: Vec<i64> = ledger.iter().map(|l| l.conversation_id).collect();
    assert_eq!(ledger_ids, [c1, c3, c7]);
    assert!(ledger.iter().all(|l| l.reason == "started"));

    // When the conversations close, each outcome is fixed as the table says.
    app.clock.advance(25 * 3_600_000);
    frontdesk_server::chat::close_idle_conversations(&app.state)
        .await
        .unwrap();
    use frontdesk_core::metering::Outcome::*;
    for (id, expected) in [
        (c1, ResolvedByChatbot),
        (c2, EscalatedToHuman),
        (c3, EscalatedToHuman),
        (c5, TriggeredNoInteraction),
        (c7, ResolvedByChatbot),
    ] {
        let c = app
            .store
            .conversation(app.account.id, id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.bot.unwrap().outcome, Some(expected), "conversation {id}");
    }
}

#[tokio::test]
async fn with_the_quota_used_up_no_bot_starts_but_people_still_chat() {
    let app = app_with_limit(1).await;
    let mut first = visitor(&app).await;
    let c = trigger(&mut first).await.unwrap();
    // Row 4's precondition: another visitor's bot is running when the last unit goes.
    let mut late = visitor(&app).await;
    let late_id = trigger(&mut late).await.unwrap();
    click(&mut first, c, "welcome", "shipping").await;
    expect_where(&mut first, "message", |f| {
        f["message"]["node"] == "shipping"
    })
    .await;
    assert_eq!(used(&app).await, 1);

    // The late visitor's first click finds the quota gone: handed over, not counted.
    click(&mut late, late_id, "welcome", "hours").await;
    expect_where(&mut late, "status", |f| {
        f["conversation"]["status"] == "open"
    })
    .await;
    assert_eq!(used(&app).await, 1, "never over the limit");

    // Row 4: no chatbot triggers any more, but writing to the team works.
    let mut newcomer = visitor(&app).await;
    assert_eq!(trigger(&mut newcomer).await, None);
    let ack = ws::say(&mut newcomer, "c-1", "Hello team").await;
    assert_eq!(ack["message"]["seq"], 1);
    assert_eq!(used(&app).await, 1);
}

/// 1,000 visitors with the bot running, opened 50 connections at a time; then every one of
/// them clicks at once, each twice over two connections. Exactly the limit is counted.
async fn crowd(app: TestApp) {
    let mut ready = Vec::new();
    for chunk in (0..1000).collect::<Vec<_>>().chunks(50) {
        let started = futures_util::future::join_all(chunk.iter().map(|_| async {
            let mut v = ws::visitor(&app, None, None, 0).await;
            send(&mut v.socket, json!({"type": "trigger"})).await;
            let id = expect(&mut v.socket, "status").await["conversation"]["id"]
                .as_i64()
                .unwrap();
            let second = ws::visitor(&app, Some(&v.token()), Some(id), 0).await;
            (v.socket, second.socket, id)
        }))
        .await;
        ready.extend(started);
    }
    // Two thousand clicks land at once on a two-core machine that is also running the rest
    // of the suite: the answers may take a while, which is why the wait is long here.
    futures_util::future::join_all(ready.iter_mut().map(|(a, b, id)| async move {
        click(a, *id, "welcome", "hours").await;
        click(b, *id, "welcome", "hours").await;
        send(a, json!({"type": "ping"})).await;
        ws::expect_within(a, "pong", |_| true, 180).await;
        send(b, json!({"type": "ping"})).await;
        ws::expect_within(b, "pong", |_| true, 180).await;
    }))
    .await;
    assert_eq!(used(&app).await, 100);
    let account = app.store.account(app.account.id).await.unwrap().unwrap();
    let (period, _) = frontdesk_server::metering::quota(&app.state, &account)
        .await
        .unwrap();
    assert_eq!(
        app.store
            .usage_ledger(app.account.id, period.start_ms)
            .await
            .unwrap()
            .len(),
        100
    );
    let conversations = app
        .store
        .list_conversations(app.account.id, 2000)
        .await
        .unwrap();
    let handed_over = conversations
        .iter()
        .filter(|c| c.status.as_str() == "open")
        .count();
    assert_eq!(
        handed_over, 900,
        "everyone past the limit was handed to the team"
    );
}

async fn app_on_with_limit(database_url: Option<String>, limit: i64) -> TestApp {
    app_on_with_plan(database_url, limit, limit, 0).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crowd_of_first_clicks_counts_exactly_the_limit_on_sqlite() {
    crowd(app_on_with_limit(None, 100).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crowd_of_first_clicks_counts_exactly_the_limit_on_postgres() {
    let Some(url) = crate::helpers::fresh_postgres().await else {
        return;
    };
    crowd(app_on_with_limit(Some(url.clone()), 100).await).await;
    crate::helpers::drop_postgres(&url).await;
}

#[tokio::test]
async fn the_overview_and_the_cli_show_the_quota() {
    let app = app_with_limit(100).await;
    let mut v = visitor(&app).await;
    let id = trigger(&mut v).await.unwrap();
    click(&mut v, id, "welcome", "hours").await;
    expect_where(&mut v, "message", |f| f["message"]["node"] == "hours").await;
    let owner = app.owner_browser().await;
    let page = owner
        .get(app.at("/dashboard"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("1 of 100 used this period, 99 remaining."),
        "{page}"
    );
}

pub(crate) async fn count_one(app: &TestApp) {
    let mut v = visitor(app).await;
    let id = trigger(&mut v).await.unwrap();
    click(&mut v, id, "welcome", "hours").await;
    expect_where(&mut v, "message", |f| f["message"]["node"] == "hours").await;
}

#[tokio::test]
async fn owners_buy_addons_that_raise_the_limit_at_once_and_get_alerts() {
    let app = app_with_plan(5, 20, 5).await;
    for _ in 0..4 {
        count_one(&app).await;
    }
    let owner = app.owner_browser().await;
    let page = owner
        .get(app.at("/dashboard/usage"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"usage-used\">4<"), "{page}");
    assert!(page.contains("id=\"usage-limit\">5<"));
    assert!(page.contains("80 % used this period"), "the 80 % banner");
    let emails = app.store.emails(app.account.id).await.unwrap();
    assert_eq!(
        emails.iter().filter(|e| e.kind == "quota_alert").count(),
        1,
        "one alert e-mail at 80 %"
    );

    let csrf = crate::helpers::csrf_in(&page);
    let buy = |units: &'static str| {
        owner
            .post(app.at("/dashboard/usage/addons"))
            .form(&[("csrf", csrf.as_str()), ("units", units)])
            .send()
    };
    assert!(buy("3").await.unwrap().headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("bad-units"));
    assert!(buy("10").await.unwrap().headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("bought"));
    assert!(
        buy("10").await.unwrap().headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("over-maximum"),
        "5 + 10 + 10 > 20"
    );
    let page = owner
        .get(app.at("/dashboard/usage"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"usage-limit\">15<"), "raised at once");
    assert!(page.contains("id=\"usage-remaining\">11<"));

    let stop = owner
        .post(app.at("/dashboard/usage/renewal"))
        .form(&[("csrf", csrf.as_str()), ("renews", "false")])
        .send()
        .await
        .unwrap();
    assert!(stop.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("not-renewing"));
    let kinds: Vec<String> = app
        .store
        .billing_ledger(app.account.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["purchase", "disabled"]);

    let agent = crate::helpers::browser();
    app.add_agent(
        &app.account,
        "plain@example.com",
        frontdesk_core::agent::Role::Agent,
        "plain-agent-pw",
    )
    .await;
    app.login(&agent, "plain@example.com", "plain-agent-pw")
        .await;
    assert_eq!(
        agent
            .get(app.at("/dashboard/usage"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

#[tokio::test]
async fn addons_renew_at_the_period_start_unless_disabled_before_it() {
    let app = app_with_plan(100, 1_000, 100).await;
    let owner = app.owner_browser().await;
    let csrf = app.session_csrf(&owner).await;
    let post = |path: &'static str, form: Vec<(&'static str, String)>| {
        owner.post(app.at(path)).form(&form).send()
    };
    let limit = || async {
        let account = app.store.account(app.account.id).await.unwrap().unwrap();
        let (period, quota) = frontdesk_server::metering::quota(&app.state, &account)
            .await
            .unwrap();
        (period.first_day.to_string(), quota.limit.unwrap())
    };
    post(
        "/dashboard/usage/addons",
        vec![("csrf", csrf.clone()), ("units", "300".into())],
    )
    .await
    .unwrap();
    assert_eq!(limit().await, ("2026-11-25".into(), 400), "raised at once");

    // The next period (25 December) renews the 300.
    app.clock.advance(30 * 86_400_000);
    assert_eq!(limit().await, ("2026-12-25".into(), 400));

    // Reduced to 100 from the next renewal; disabled the day before the renewal after that.
    let reduced = post(
        "/dashboard/usage/reduce",
        vec![("csrf", csrf.clone()), ("units", "100".into())],
    )
    .await
    .unwrap();
    assert!(
        reduced.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("notice=reduced"),
        "{:?}",
        reduced.headers()
    );
    assert_eq!(limit().await.1, 400, "this period keeps what it has");
    app.clock.advance(31 * 86_400_000);
    assert_eq!(
        limit().await,
        ("2027-01-25".into(), 200),
        "renewed with the reduced amount"
    );
    app.clock.advance(30 * 86_400_000);
    post(
        "/dashboard/usage/renewal",
        vec![("csrf", csrf.clone()), ("renews", "false".into())],
    )
    .await
    .unwrap();
    assert_eq!(limit().await.0, "2027-01-25", "the day before the renewal");
    assert_eq!(limit().await.1, 200, "kept for the current period");
    app.clock.advance(2 * 86_400_000);
    assert_eq!(limit().await, ("2027-02-25".into(), 100), "not renewed");
    let kinds: Vec<String> = app
        .store
        .billing_ledger(app.account.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        ["purchase", "renewal", "reduced", "renewal", "disabled"]
    );
}

#[tokio::test]
async fn row_six_a_bot_that_joins_an_unanswered_chat_counts_as_joined() {
    let app = app_with_limit(100).await;
    let mut flow = frontdesk_server::chatbots::template("faq-menu", "en").unwrap();
    flow.name = "Busy helper".into();
    flow.trigger = frontdesk_core::flow::Trigger::NoReply { seconds: 30 };
    let helper = frontdesk_server::chatbots::import(
        &*app.store,
        app.account.id,
        &flow,
        0,
        true,
        crate::helpers::START_MS,
    )
    .await
    .unwrap();
    let _agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = visitor(&app).await;
    let id = ws::say(&mut v, "c-1", "Hello, anyone?").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    app.clock.advance(29_000);
    assert_eq!(
        frontdesk_server::chat::bot::join_unanswered(&app.state)
            .await
            .unwrap(),
        0,
        "not yet"
    );
    app.clock.advance(2_000);
    assert_eq!(
        frontdesk_server::chat::bot::join_unanswered(&app.state)
            .await
            .unwrap(),
        1
    );
    let question = expect_where(&mut v, "message", |f| f["message"]["author"] == "bot").await;
    assert_eq!(question["message"]["node"], "welcome");
    assert_eq!(
        frontdesk_server::chat::bot::join_unanswered(&app.state)
            .await
            .unwrap(),
        0,
        "joins once"
    );
    click(&mut v, id, "welcome", "returns").await;
    expect_where(&mut v, "message", |f| f["message"]["node"] == "returns").await;
    assert_eq!(used(&app).await, 1);
    let account = app.store.account(app.account.id).await.unwrap().unwrap();
    let (period, _) = frontdesk_server::metering::quota(&app.state, &account)
        .await
        .unwrap();
    let ledger = app
        .store
        .usage_ledger(app.account.id, period.start_ms)
        .await
        .unwrap();
    assert_eq!(
        (ledger[0].reason.as_str(), ledger[0].chatbot_id),
        ("joined", helper.id)
    );
    app.clock.advance(25 * 3_600_000);
    frontdesk_server::chat::close_idle_conversations(&app.state)
        .await
        .unwrap();
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        c.bot.unwrap().outcome,
        Some(frontdesk_core::metering::Outcome::EscalatedToHuman),
        "row 6 is escalated"
    );
    // The page chatbots never join, and a joining chatbot never greets on the page.
    let mut newcomer = visitor(&app).await;
    send(&mut newcomer, json!({"type": "trigger"})).await;
    let status = expect(&mut newcomer, "status").await;
    let cid = status["conversation"]["id"].as_i64().unwrap();
    let run = app
        .store
        .conversation(app.account.id, cid)
        .await
        .unwrap()
        .unwrap()
        .bot
        .unwrap();
    assert_ne!(run.chatbot_id, helper.id);
}

#[tokio::test]
async fn a_bot_that_finishes_a_closed_chat_counts_as_finished() {
    let app = app_with_limit(100).await;
    let survey = frontdesk_core::flow::Flow::parse(
        "version: 1\nname: Survey\nlanguage: en\nstart: ask\ntrigger: {when: agent_closed}\nnodes:\n  ask:\n    kind: buttons\n    text: How did we do?\n    buttons:\n      - {id: good, label: Great, next: thanks}\n      - {id: bad, label: Not great, next: thanks}\n  thanks: {kind: end, text: Thank you for the feedback!}\n",
    )
    .unwrap();
    let bot = frontdesk_server::chatbots::import(
        &*app.store,
        app.account.id,
        &survey,
        9,
        true,
        crate::helpers::START_MS,
    )
    .await
    .unwrap();
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = visitor(&app).await;
    let id = ws::say(&mut v, "c-1", "Where is my parcel?").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    send(&mut agent, json!({"type": "send", "conversation_id": id, "client_id": "a-1", "body": "It arrives tomorrow."})).await;
    expect(&mut agent, "ack").await;
    send(&mut agent, json!({"type": "close", "conversation_id": id})).await;
    let question = expect_where(&mut v, "message", |f| f["message"]["node"] == "ask").await;
    assert_eq!(question["message"]["body"], "How did we do?");
    expect_where(&mut v, "status", |f| f["conversation"]["status"] == "bot").await;
    click(&mut v, id, "ask", "good").await;
    expect_where(&mut v, "status", |f| {
        f["conversation"]["status"] == "closed"
    })
    .await;
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    let run = c.bot.unwrap();
    assert_eq!(run.chatbot_id, bot.id);
    assert_eq!(
        run.outcome,
        Some(frontdesk_core::metering::Outcome::EscalatedToHuman)
    );
    let account = app.store.account(app.account.id).await.unwrap().unwrap();
    let (period, _) = frontdesk_server::metering::quota(&app.state, &account)
        .await
        .unwrap();
    let ledger = app
        .store
        .usage_ledger(app.account.id, period.start_ms)
        .await
        .unwrap();
    assert_eq!(
        ledger.iter().map(|l| l.reason.as_str()).collect::<Vec<_>>(),
        ["finished"]
    );
}

#[tokio::test]
async fn a_clock_that_jumps_backwards_still_meters_the_first_period() {
    let app = app_with_limit(100).await;
    app.clock.advance(-3 * 86_400_000);
    let account = app.store.account(app.account.id).await.unwrap().unwrap();
    let (period, quota) = frontdesk_server::metering::quota(&app.state, &account)
        .await
        .unwrap();
    assert_eq!(
        (period.first_day.to_string(), quota.limit),
        ("2026-11-25".into(), Some(100))
    );
    let mut v = visitor(&app).await;
    let id = trigger(&mut v).await.unwrap();
    click(&mut v, id, "welcome", "hours").await;
    expect_where(&mut v, "message", |f| f["message"]["node"] == "hours").await;
    assert_eq!(used(&app).await, 1, "counted, not lost");
}

#[tokio::test]
async fn an_addon_disabled_just_after_its_renewal_lasts_that_period() {
    let app = app_with_plan(100, 1_000, 100).await;
    let owner = app.owner_browser().await;
    let csrf = app.session_csrf(&owner).await;
    let limit = || async {
        let account = app.store.account(app.account.id).await.unwrap().unwrap();
        let (period, quota) = frontdesk_server::metering::quota(&app.state, &account)
            .await
            .unwrap();
        (period.first_day.to_string(), quota.limit.unwrap())
    };
    owner
        .post(app.at("/dashboard/usage/addons"))
        .form(&[("csrf", csrf.as_str()), ("units", "200")])
        .send()
        .await
        .unwrap();
    app.clock.advance(31 * 86_400_000); // 26 December: renewed on the 25th
    assert_eq!(limit().await, ("2026-12-25".into(), 300));
    owner
        .post(app.at("/dashboard/usage/renewal"))
        .form(&[("csrf", csrf.as_str()), ("renews", "false")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        limit().await.1,
        300,
        "the renewed units stay for this period"
    );
    app.clock.advance(31 * 86_400_000); // 26 January
    assert_eq!(limit().await, ("2027-01-25".into(), 100));
}
