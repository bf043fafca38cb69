//! Which happenings become webhook events: contacts, closing, counting and quota alerts,
//! and how an endpoint's event list filters them.

use crate::{
    api::{call, full_key, parts},
    helpers::spawn_app_on,
    webhook_receiver::{create_hook, local_hooks, Hit, Receiver},
    ws::{self, say},
};
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test]
async fn contact_changes_and_closing_are_events_and_filters_hold() {
    let app = spawn_app_on(None, local_hooks).await;
    let everything = Receiver::start(0).await;
    let closes = Receiver::start(0).await;
    let token = full_key(&app, &app.account).await;
    create_hook(&app, &token, &everything.url, &["*"]).await;
    create_hook(&app, &token, &closes.url, &["conversation.closed"]).await;

    let mut v = ws::visitor(&app, None, None, 0).await;
    let ack = say(&mut v.socket, "c-1", "Hello").await;
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();
    let identify = json!({"type": "identify", "name": "Jana", "email": "jana@example.com"});
    ws::send(&mut v.socket, identify.clone()).await;
    let close = format!("/api/v1/conversations/{conversation}/close");
    let (status, _) = parts(
        call(&app, &token, Method::POST, &close)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    let of = |hits: &[Hit], kind: &str| -> Vec<Value> {
        hits.iter()
            .filter(|h| h.header("frontdesk-event") == kind)
            .map(Hit::json)
            .collect()
    };
    let hits = everything
        .wait_until(|hits| {
            !of(hits, "conversation.closed").is_empty() && !of(hits, "contact.updated").is_empty()
        })
        .await;
    let contact = &of(&hits, "contact.updated")[0]["data"]["contact"];
    assert_eq!(
        (&contact["name"], &contact["email"]),
        (&json!("Jana"), &json!("jana@example.com"))
    );
    let closed = &of(&hits, "conversation.closed")[0]["data"]["conversation"];
    assert_eq!(
        (&closed["id"], &closed["status"]),
        (&json!(conversation), &json!("closed"))
    );

    let only = closes.wait_for(1).await;
    // The same identity sent again is no new event.
    ws::send(&mut v.socket, identify).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(of(&everything.hits(), "contact.updated").len(), 1);
    assert_eq!(
        closes.hits().len(),
        1,
        "the filtered endpoint got only the close"
    );
    assert_eq!(only[0].header("frontdesk-event"), "conversation.closed");
}

#[tokio::test]
async fn a_counted_chatbot_conversation_and_the_quota_alerts_are_events() {
    let app = spawn_app_on(None, |config| {
        local_hooks(config);
        config.plans.push(frontdesk_core::metering::Plan {
            code: "TEST".into(),
            included: Some(1),
            maximum: Some(1),
            addon_step: 0,
            agent_seats: 5,
            features: Vec::new(),
        });
    })
    .await;
    app.store
        .set_account_plan(app.account.id, "TEST")
        .await
        .unwrap();
    let receiver = Receiver::start(0).await;
    let token = full_key(&app, &app.account).await;
    let events = ["chatbot_conversation.counted", "quota.threshold"];
    create_hook(&app, &token, &receiver.url, &events).await;

    let mut socket = ws::visitor_from(&app, "http://localhost").await.unwrap();
    ws::send(
        &mut socket,
        json!({"type": "hello", "v": 1, "language": "en"}),
    )
    .await;
    ws::expect(&mut socket, "welcome").await;
    ws::send(&mut socket, json!({"type": "trigger"})).await;
    let status = ws::expect(&mut socket, "status").await;
    let id = status["conversation"]["id"].as_i64().unwrap();
    ws::send(
        &mut socket,
        json!({"type": "click", "conversation_id": id, "node": "welcome", "button": "hours"}),
    )
    .await;

    let hits = receiver.wait_for(3).await;
    let kinds: Vec<&str> = hits.iter().map(|h| h.header("frontdesk-event")).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == "chatbot_conversation.counted")
            .count(),
        1,
        "{kinds:?}"
    );
    let counted = hits
        .iter()
        .find(|h| h.header("frontdesk-event") == "chatbot_conversation.counted")
        .unwrap()
        .json();
    assert_eq!(counted["data"]["conversation_id"], id);
    assert_eq!(
        (&counted["data"]["used"], &counted["data"]["limit"]),
        (&json!(1), &json!(1))
    );
    let mut thresholds: Vec<i64> = hits
        .iter()
        .filter(|h| h.header("frontdesk-event") == "quota.threshold")
        .map(|h| h.json()["data"]["threshold_percent"].as_i64().unwrap())
        .collect();
    thresholds.sort();
    assert_eq!(thresholds, vec![80, 100]);
}

#[tokio::test]
async fn a_contact_changed_through_the_api_and_a_plan_change_are_events() {
    let app = spawn_app_on(None, local_hooks).await;
    let receiver = Receiver::start(0).await;
    let token = full_key(&app, &app.account).await;
    create_hook(
        &app,
        &token,
        &receiver.url,
        &["contact.updated", "billing.ledger_entry"],
    )
    .await;
    let v = ws::visitor(&app, None, None, 0).await;
    let id = v.welcome["visitor_id"].as_str().unwrap().to_owned();
    let (status, _) = parts(
        call(
            &app,
            &token,
            Method::PATCH,
            &format!("/api/v1/contacts/{id}"),
        )
        .json(&json!({"email": "petr@example.com"}))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (_, operator) =
        frontdesk_server::api::keys::issue_operator(&*app.store, "Ops", crate::helpers::START_MS)
            .await
            .unwrap();
    let (status, _) = parts(
        call(
            &app,
            &operator,
            Method::PATCH,
            "/api/v1/operator/accounts/1",
        )
        .json(&json!({"plan": "FREE"}))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    let hits = receiver.wait_for(2).await;
    let kinds: Vec<&str> = hits.iter().map(|h| h.header("frontdesk-event")).collect();
    assert!(kinds.contains(&"contact.updated"), "{kinds:?}");
    assert!(kinds.contains(&"billing.ledger_entry"), "{kinds:?}");
    let ledger = hits
        .iter()
        .find(|h| h.header("frontdesk-event") == "billing.ledger_entry")
        .unwrap()
        .json();
    assert_eq!(ledger["data"]["entry"]["kind"], "plan_change");
    assert_eq!(ledger["data"]["entry"]["detail"], "PRO -> FREE");
    let contact = hits
        .iter()
        .find(|h| h.header("frontdesk-event") == "contact.updated")
        .unwrap()
        .json();
    assert_eq!(contact["data"]["contact"]["email"], "petr@example.com");
}

#[tokio::test]
async fn a_chatbot_step_is_announced_like_any_message() {
    let app = spawn_app_on(None, local_hooks).await;
    let receiver = Receiver::start(0).await;
    let token = full_key(&app, &app.account).await;
    create_hook(&app, &token, &receiver.url, &["message.created"]).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    ws::send(&mut v.socket, json!({"type": "trigger"})).await;
    let c = ws::expect(&mut v.socket, "status").await["conversation"]["id"]
        .as_i64()
        .unwrap();
    ws::send(
        &mut v.socket,
        json!({"type": "click", "conversation_id": c, "node": "welcome", "button": "shipping"}),
    )
    .await;
    ws::expect_where(&mut v.socket, "message", |f| f["message"]["node"] == "more").await;
    let hits = receiver
        .wait_until(|hits| {
            hits.iter()
                .filter(|h| h.json()["data"]["message"]["author"] == "bot")
                .count()
                >= 2
        })
        .await;
    assert!(hits
        .iter()
        .all(|h| h.json()["data"]["conversation_id"] == c));
}
