//! Automatic messages (§4.3): the offline and busy notices, and the greetings.

use crate::{
    helpers::{csrf_in, spawn_app},
    ws::{self, expect, expect_where, say, send},
};
use serde_json::json;

#[tokio::test]
async fn a_message_while_nobody_is_online_gets_the_offline_notice_once() {
    let app = spawn_app().await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let id = say(&mut v.socket, "c-1", "Is anyone there?").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    let notice = expect_where(&mut v.socket, "message", |f| {
        f["message"]["author"] == "bot"
    })
    .await;
    assert_eq!(notice["message"]["body"], "Nobody from the team is online right now. Leave us your e-mail address and we will get back to you.");
    say(&mut v.socket, "c-2", "jana@example.com").await;
    send(&mut v.socket, json!({"type": "ping"})).await;
    expect(&mut v.socket, "pong").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let stored = app
        .store
        .messages_after(app.account.id, id, 0, 100)
        .await
        .unwrap();
    assert_eq!(
        stored.iter().filter(|m| m.author.as_str() == "bot").count(),
        1,
        "once per conversation"
    );
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert!(c.bot.is_none(), "an automatic message is no chatbot");
}

#[tokio::test]
async fn an_unanswered_message_gets_the_busy_notice_after_45_seconds() {
    let app = spawn_app().await;
    let _agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    say(&mut v.socket, "c-1", "Hello?").await;
    app.clock.advance(44_000);
    assert_eq!(
        frontdesk_server::chat::auto::send_busy_notices(&app.state)
            .await
            .unwrap(),
        0
    );
    app.clock.advance(2_000);
    assert_eq!(
        frontdesk_server::chat::auto::send_busy_notices(&app.state)
            .await
            .unwrap(),
        1
    );
    let busy = expect_where(&mut v.socket, "message", |f| {
        f["message"]["author"] == "bot"
    })
    .await;
    assert!(busy["message"]["body"]
        .as_str()
        .unwrap()
        .starts_with("Sorry for the wait"));
    app.clock.advance(60_000);
    assert_eq!(
        frontdesk_server::chat::auto::send_busy_notices(&app.state)
            .await
            .unwrap(),
        0,
        "not twice"
    );
}

#[tokio::test]
async fn greetings_are_set_up_in_the_dashboard_and_shown_by_visit() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let page = owner
        .get(app.at("/dashboard/automatic"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("First-visit greeting") && page.contains("Sorry for the wait"));
    let csrf = csrf_in(&page);
    let saved = owner
        .post(app.at("/dashboard/automatic"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("first_visit_enabled", "on"),
            ("first_visit_delay", "20"),
            ("first_visit_text_en", "Welcome, first-timer!"),
            ("returning_enabled", "on"),
            ("returning_delay", "30"),
            ("busy_delay", "45"),
            ("offline_enabled", "on"),
            ("offline_delay", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let settings = app.store.auto_messages(app.account.id).await.unwrap();
    assert!(
        settings
            .iter()
            .all(|m| m.kind.as_str() != "busy" || !m.enabled),
        "busy was switched off"
    );

    let mut v = ws::visitor(&app, None, None, 0).await;
    assert_eq!(
        v.welcome["greeting"],
        json!({"kind": "first_visit", "delay_ms": 20000})
    );
    send(
        &mut v.socket,
        json!({"type": "greet", "kind": "first_visit"}),
    )
    .await;
    let status = expect(&mut v.socket, "status").await;
    let hello = expect_where(&mut v.socket, "message", |f| {
        f["message"]["author"] == "bot"
    })
    .await;
    assert_eq!(hello["message"]["body"], "Welcome, first-timer!");
    let id = status["conversation"]["id"].as_i64().unwrap();
    assert!(
        app.store
            .list_conversations(app.account.id, 10)
            .await
            .unwrap()
            .is_empty(),
        "a greeting alone is not for the inbox"
    );
    send(
        &mut v.socket,
        json!({"type": "greet", "kind": "first_visit"}),
    )
    .await;
    send(&mut v.socket, json!({"type": "ping"})).await;
    expect(&mut v.socket, "pong").await;
    let stored = app
        .store
        .messages_after(app.account.id, id, 0, 10)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "greeted once");

    // The next visit, 31 minutes later, is a returning one.
    let token = v.token();
    drop(v);
    app.clock.advance(31 * 60_000);
    let back = ws::visitor(&app, Some(&token), Some(id), 1).await;
    assert_eq!(
        back.welcome["greeting"]["kind"], "returning",
        "{}",
        back.welcome
    );

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
    let refused = agent
        .post(app.at("/dashboard/automatic"))
        .form(&[("csrf", app.session_csrf(&agent).await.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}
