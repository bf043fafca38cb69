//! Webhooks (§9) against a real local receiver: signatures verify, failures are retried by
//! the outbox rule and delivered once more, a restart loses nothing, an endpoint failing
//! for good is switched off with an alert, redelivery sends the same event again.

use crate::{
    api::{call, full_key, parts},
    helpers::{drop_postgres, fresh_postgres, spawn_app_on},
    webhook_receiver::{
        create_hook, local_hooks, ping, signature_verifies, wait_attempts, Hit, Receiver,
    },
    ws::{self, say},
};
use frontdesk_core::outbox::{retry_delay_ms, MAX_ATTEMPTS};
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test]
async fn a_visitors_message_arrives_signed_with_an_event_id() {
    let app = spawn_app_on(None, local_hooks).await;
    let receiver = Receiver::start(0).await;
    let token = full_key(&app, &app.account).await;
    let (_, secret) = create_hook(
        &app,
        &token,
        &receiver.url,
        &["conversation.created", "message.created"],
    )
    .await;
    assert!(secret.starts_with("whsec_"));

    let mut v = ws::visitor(&app, None, None, 0).await;
    let ack = say(&mut v.socket, "c-1", "Is the <b>blue</b> one in stock?").await;
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();

    let from_visitor = |h: &Hit| {
        h.header("frontdesk-event") == "message.created"
            && h.json()["data"]["message"]["author"] == "visitor"
    };
    let hits = receiver
        .wait_until(|hits| hits.iter().any(from_visitor))
        .await;
    let events: Vec<String> = hits
        .iter()
        .map(|h| h.header("frontdesk-event").to_owned())
        .collect();
    assert!(
        events.contains(&"conversation.created".to_owned()),
        "{events:?}"
    );
    let message = hits.iter().find(|h| from_visitor(h)).unwrap();
    let payload = message.json();
    assert_eq!(payload["type"], "message.created");
    assert_eq!(payload["account_id"], app.account.id.0);
    assert_eq!(payload["data"]["conversation_id"], conversation);
    assert_eq!(
        payload["data"]["message"]["body"],
        "Is the <b>blue</b> one in stock?"
    );
    assert_eq!(payload["id"], message.header("frontdesk-event-id"));
    assert!(payload["id"].as_str().unwrap().starts_with("evt_"));
    assert_eq!(message.header("content-type"), "application/json");
    for hit in &hits {
        assert!(
            signature_verifies(hit, &secret),
            "signature of {}",
            hit.body
        );
        assert!(!signature_verifies(hit, "whsec_wrong"));
    }
    let mut tampered = message.clone();
    tampered.body = tampered.body.replace("blue", "red");
    assert!(
        !signature_verifies(&tampered, &secret),
        "the body is covered"
    );
}

/// Fails three times, then succeeds: four requests, one event id, delivered.
async fn retried_until_delivered(database_url: Option<String>) {
    let app = spawn_app_on(database_url, local_hooks).await;
    let receiver = Receiver::start(3).await;
    let token = full_key(&app, &app.account).await;
    let (hook, _) = create_hook(&app, &token, &receiver.url, &["*"]).await;
    let delivery = ping(&app, &token, hook).await;
    let id = delivery["id"].as_i64().unwrap();

    for failed in 1..=3 {
        receiver.wait_for(failed).await;
        wait_attempts(&app, id, failed as i64).await;
        // Not before its time: the back-off is the outbox rule's.
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(
            receiver.hits().len(),
            failed,
            "no attempt before the wait is over"
        );
        app.clock.advance(retry_delay_ms(failed as u32));
    }
    receiver.wait_for(4).await;
    wait_attempts(&app, id, 4).await;
    app.clock.advance(24 * 3_600_000);
    tokio::time::sleep(Duration::from_millis(400)).await;

    let hits = receiver.hits();
    assert_eq!(
        hits.len(),
        4,
        "delivered exactly once more after three failures"
    );
    let event_id = delivery["event_id"].as_str().unwrap();
    assert!(hits
        .iter()
        .all(|h| h.header("frontdesk-event-id") == event_id));
    let path = format!("/api/v1/webhooks/{hook}/deliveries");
    let (_, log) = parts(call(&app, &token, Method::GET, &path).send().await.unwrap()).await;
    assert_eq!(log[0]["status"], "delivered", "{log}");
    assert_eq!(log[0]["attempts"], 4);
    assert_eq!(log[0]["last_status_code"], 200);
}

#[tokio::test]
async fn a_receiver_that_fails_three_times_then_succeeds_gets_the_event_once_more() {
    retried_until_delivered(None).await;
}

#[tokio::test]
async fn on_postgres_a_failing_receiver_still_gets_the_event_once_more() {
    let Some(url) = fresh_postgres().await else {
        return;
    };
    retried_until_delivered(Some(url.clone())).await;
    drop_postgres(&url).await;
}

#[tokio::test]
async fn a_restart_while_an_event_waits_for_its_retry_loses_nothing() {
    let mut app = spawn_app_on(None, local_hooks).await;
    let receiver = Receiver::start(1).await;
    let token = full_key(&app, &app.account).await;
    let (hook, secret) = create_hook(&app, &token, &receiver.url, &["*"]).await;
    let delivery = ping(&app, &token, hook).await;
    let id = delivery["id"].as_i64().unwrap();
    wait_attempts(&app, id, 1).await;

    app.stop().await;
    app.clock.advance(retry_delay_ms(1));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        receiver.hits().len(),
        1,
        "nothing is sent while the server is down"
    );
    app.restart().await;

    let hits = receiver.wait_for(2).await;
    assert_eq!(hits[1].header("frontdesk-event-id"), delivery["event_id"]);
    assert!(
        signature_verifies(&hits[1], &secret),
        "the secret survives the restart"
    );
    wait_attempts(&app, id, 2).await;
    let stored = app
        .store
        .webhook_delivery(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, frontdesk_store::DeliveryStatus::Delivered);
}

#[tokio::test]
async fn an_endpoint_failing_for_good_is_switched_off_and_the_owners_are_told() {
    let app = spawn_app_on(None, local_hooks).await;
    let receiver = Receiver::start(usize::MAX).await;
    let token = full_key(&app, &app.account).await;
    let (hook, _) = create_hook(&app, &token, &receiver.url, &["*"]).await;
    let delivery = ping(&app, &token, hook).await;
    let id = delivery["id"].as_i64().unwrap();
    for tried in 1..MAX_ATTEMPTS {
        wait_attempts(&app, id, i64::from(tried)).await;
        app.clock.advance(retry_delay_ms(tried));
    }
    wait_attempts(&app, id, i64::from(MAX_ATTEMPTS)).await;

    let path = format!("/api/v1/webhooks/{hook}");
    for _ in 0..100 {
        let (_, body) = parts(call(&app, &token, Method::GET, &path).send().await.unwrap()).await;
        if body["enabled"] == false {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, endpoint) = parts(call(&app, &token, Method::GET, &path).send().await.unwrap()).await;
    assert_eq!(endpoint["enabled"], false, "{endpoint}");
    assert_eq!(endpoint["disabled_reason"], "failing");
    let stored = app
        .store
        .webhook_delivery(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, frontdesk_store::DeliveryStatus::Failed);
    assert_eq!(stored.last_error.as_deref(), Some("HTTP 500"));
    let emails = app.store.emails(app.account.id).await.unwrap();
    let alert = emails
        .iter()
        .find(|e| e.kind == "webhook_disabled")
        .expect("the owners are e-mailed");
    assert!(alert.body.contains(&receiver.url), "{}", alert.body);

    let browser = app.owner_browser().await;
    let page = browser
        .get(app.at(&format!("/dashboard/webhooks/{hook}")))
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(
        html.contains("id=\"webhook-disabled-reason\""),
        "the page says why"
    );
    assert!(html.contains("deliveries kept failing"), "{html}");
    let list = browser
        .get(app.at("/dashboard/webhooks"))
        .send()
        .await
        .unwrap();
    assert!(list
        .text()
        .await
        .unwrap()
        .contains("was switched off because it kept failing"));

    // Switched off, it gets no new events; a ping is refused; on again, it works.
    let mut v = ws::visitor(&app, None, None, 0).await;
    say(&mut v.socket, "c-1", "Hello?").await;
    let log_path = format!("{path}/deliveries");
    let (_, log) = parts(
        call(&app, &token, Method::GET, &log_path)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
    let ping_path = format!("{path}/ping");
    let refused = call(&app, &token, Method::POST, &ping_path)
        .send()
        .await
        .unwrap();
    crate::api::assert_error(refused, 409, "conflict").await;
    let on = call(&app, &token, Method::PATCH, &path)
        .json(&json!({"enabled": true}))
        .send()
        .await
        .unwrap();
    let (status, on) = parts(on).await;
    assert_eq!(
        (status, &on["enabled"], &on["disabled_reason"]),
        (200, &json!(true), &Value::Null)
    );
}

#[tokio::test]
async fn redelivery_through_the_api_and_the_dashboard_sends_the_same_event_again() {
    let app = spawn_app_on(None, local_hooks).await;
    let receiver = Receiver::start(0).await;
    let token = full_key(&app, &app.account).await;
    let (hook, _) = create_hook(&app, &token, &receiver.url, &["*"]).await;
    let delivery = ping(&app, &token, hook).await;
    let id = delivery["id"].as_i64().unwrap();
    receiver.wait_for(1).await;

    let path = format!("/api/v1/webhooks/{hook}/deliveries/{id}/redeliver");
    let (status, again) = parts(
        call(&app, &token, Method::POST, &path)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 202, "{again}");
    assert_eq!(again["event_id"], delivery["event_id"]);
    let hits = receiver.wait_for(2).await;
    assert_eq!(hits[1].header("frontdesk-event-id"), delivery["event_id"]);

    let browser = app.owner_browser().await;
    let page = browser
        .get(app.at(&format!("/dashboard/webhooks/{hook}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let host = receiver
        .url
        .trim_start_matches("http://")
        .trim_end_matches("/hook");
    assert!(html.contains(host), "the page shows the endpoint");
    assert!(html.contains("ping"), "and its delivery log");
    let csrf = crate::helpers::csrf_in(&html);
    let pressed = browser
        .post(app.at(&format!(
            "/dashboard/webhooks/{hook}/deliveries/{id}/redeliver"
        )))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(pressed.status(), 303);
    let hits = receiver.wait_for(3).await;
    assert_eq!(hits[2].header("frontdesk-event-id"), delivery["event_id"]);
}
