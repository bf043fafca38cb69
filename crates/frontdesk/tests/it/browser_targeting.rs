//! Targeting (§5) in real Chromium: the chat box applies the timing of the chatbots the server
//! offers — only on the pages their conditions name, after their delay, on a custom event,
//! and only once per session across page loads.

use crate::{
    browser::{self, until},
    helpers::{TestApp, START_MS},
};
use fantoccini::Client;
use frontdesk_core::flow::Flow;
use std::time::Duration;

/// The demo account with only the given chatbot (the demo's own FAQ chatbot removed, so
/// what greets is only about this one's rules).
async fn app_with_only(extra: &str, text: &str) -> TestApp {
    let app = crate::helpers::spawn_app().await;
    for bot in app.store.list_chatbots(app.account.id).await.unwrap() {
        app.store
            .delete_chatbot(app.account.id, bot.id)
            .await
            .unwrap();
    }
    let flow = Flow::parse(&format!(
        "version: 1\nname: Targeted\nlanguage: en\nstart: hi\n{extra}nodes:\n  hi: {{kind: end, text: '{text}'}}\n"
    ))
    .unwrap();
    frontdesk_server::chatbots::import(&*app.store, app.account.id, &flow, 0, true, START_MS)
        .await
        .unwrap();
    app
}

/// How many conversations the chatbot has started for the browser's visitor so far.
async fn greetings(app: &TestApp, visitor: &Client) -> usize {
    let script = format!(
        "const s = localStorage.getItem({}); return s ? JSON.parse(s).visitor_id || '' : '';",
        serde_json::json!(format!("frontdesk:{}", app.account.widget_key))
    );
    let id = visitor.execute(&script, vec![]).await.unwrap();
    let id = id.as_str().unwrap_or_default();
    if id.is_empty() {
        return 0;
    }
    app.store
        .visitor_conversations(app.account.id, id)
        .await
        .unwrap()
        .iter()
        .filter(|c| c.bot.is_some())
        .count()
}

async fn greeted_within(app: &TestApp, visitor: &Client, expected: usize, what: &str) {
    // Generous: on a loaded two-core machine the box loads when the browser is idle.
    for _ in 0..400 {
        if greetings(app, visitor).await >= expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what}: no greeting within 40 s");
}

/// Loads `path` and waits until the chat box is connected, so that waiting afterwards is
/// waiting for the chatbot's timing, not for the box to load.
async fn load(visitor: &Client, app: &TestApp, path: &str) {
    visitor.goto(&app.at(path)).await.unwrap();
    until(
        visitor,
        "the chat box is loaded",
        "document.querySelector('#frontdesk-messages')",
    )
    .await;
}

fn box_shows(text: &str) -> String {
    format!(
        "(document.querySelector('#frontdesk-messages') || {{textContent: ''}}).textContent.includes({})",
        serde_json::json!(text)
    )
}

#[tokio::test]
async fn a_chatbot_limited_to_pricing_greets_there_after_its_delay_and_not_on_the_front_page() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = app_with_only(
        "trigger: {when: page, seconds: 4}\nconditions: {attribute: url, op: contains, value: /pricing}\n",
        "Questions about the membership?",
    )
    .await;
    let visitor = driver.browser().await;
    load(&visitor, &app, "/demo").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(
        greetings(&app, &visitor).await,
        0,
        "no greeting on the front page"
    );

    load(&visitor, &app, "/demo/pricing").await;
    // The delay holds: not yet half-way through it …
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        greetings(&app, &visitor).await,
        0,
        "greeted before its delay"
    );
    // … and then it greets, without the visitor opening the box.
    greeted_within(&app, &visitor, 1, "the pricing page").await;
    until(
        &visitor,
        "the greeting is in the box",
        &box_shows("Questions about the membership?"),
    )
    .await;
    visitor.close().await.unwrap();
}

#[tokio::test]
async fn a_custom_event_from_the_js_api_starts_its_chatbot() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = app_with_only(
        "trigger: {when: event, name: plans_compared}\n",
        "Which plan suits you?",
    )
    .await;
    let visitor = driver.browser().await;
    load(&visitor, &app, "/demo/pricing").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(
        greetings(&app, &visitor).await,
        0,
        "no greeting without the event"
    );
    // Another event does nothing.
    visitor
        .execute("Frontdesk('event', 'something_else')", vec![])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        greetings(&app, &visitor).await,
        0,
        "greeted on the wrong event"
    );
    // The page's button fires `Frontdesk('event', 'plans_compared')`.
    browser::element(&visitor, "#compare-plans")
        .await
        .click()
        .await
        .unwrap();
    greeted_within(&app, &visitor, 1, "the event").await;
    until(
        &visitor,
        "the greeting is in the box",
        &box_shows("Which plan suits you?"),
    )
    .await;
    visitor.close().await.unwrap();
}

#[tokio::test]
async fn once_per_session_holds_across_page_loads() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = app_with_only("trigger: {when: page, seconds: 1}\n", "Hello again?").await;
    let visitor = driver.browser().await;
    load(&visitor, &app, "/demo").await;
    greeted_within(&app, &visitor, 1, "the first page").await;
    // The bot has said its part before time moves on.
    until(
        &visitor,
        "the greeting is in the box",
        &box_shows("Hello again?"),
    )
    .await;
    // The bot-only conversation ends after its quiet minutes, still within the visit.
    app.clock.advance(11 * 60_000);
    frontdesk_server::chat::close_idle_conversations(&app.state)
        .await
        .unwrap();
    for path in ["/demo/pricing", "/demo"] {
        load(&visitor, &app, path).await;
        tokio::time::sleep(Duration::from_secs(4)).await;
        assert_eq!(
            greetings(&app, &visitor).await,
            1,
            "greeted again on {path}"
        );
    }
    // A new visit (more than 30 minutes away) is a new session: it greets again.
    app.clock.advance(31 * 60_000);
    load(&visitor, &app, "/demo").await;
    greeted_within(&app, &visitor, 2, "the next visit").await;
    visitor.close().await.unwrap();
}
