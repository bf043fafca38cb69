//! The realtime protocol over real sockets: idempotent retries, resync, origin and token
//! checks, bad frames and floods.

use crate::{
    helpers::spawn_app,
    ws::{self, closed, expect, expect_where, say, send, send_text, Ended},
};
use serde_json::json;

#[tokio::test]
async fn a_retried_message_is_stored_once_even_across_reconnects() {
    let app = spawn_app().await;
    let mut first = ws::visitor(&app, None, None, 0).await;
    let ack = say(&mut first.socket, "c-retry-1", "Do you ship to Brno?").await;
    assert_eq!(ack["message"]["seq"], 1);
    assert_eq!(ack["message"]["body"], "Do you ship to Brno?");
    // The ack was lost with the connection; the box sends the same message again.
    let mut again = ws::visitor(&app, Some(&first.token()), None, 0).await;
    let retry = say(&mut again.socket, "c-retry-1", "Do you ship to Brno?").await;
    assert_eq!(retry["message"]["id"], ack["message"]["id"]);
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();
    let stored = app
        .store
        .messages_after(app.account.id, conversation, 0, 100)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "one message, not two");
}

#[tokio::test]
async fn a_reconnecting_visitor_gets_what_it_missed_and_history_survives() {
    let app = spawn_app().await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut visitor = ws::visitor(&app, None, None, 0).await;
    let ack = say(&mut visitor.socket, "c-1", "Hello?").await;
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();
    expect_where(&mut agent, "message", |f| f["message"]["body"] == "Hello?").await;
    let token = visitor.token();
    drop(visitor);

    send(&mut agent, json!({"type": "send", "conversation_id": conversation, "client_id": "a-1", "body": "Hi, how can I help?"})).await;
    expect(&mut agent, "ack").await;
    send(&mut agent, json!({"type": "send", "conversation_id": conversation, "client_id": "a-2", "body": "VIP customer", "note": true})).await;
    expect_where(&mut agent, "ack", |f| f["client_id"] == "a-2").await;

    let back = ws::visitor(&app, Some(&token), Some(conversation), 1).await;
    let missed: Vec<&str> = back.welcome["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(back.welcome["reset"], false);
    assert!(missed.contains(&"Hi, how can I help?"), "{missed:?}");
    assert!(
        !missed.contains(&"VIP customer"),
        "internal notes never reach visitors"
    );
    assert!(!missed.contains(&"Hello?"), "only what came after last_seq");

    // A reload without local history gets the whole conversation.
    let reload = ws::visitor(&app, Some(&token), None, 0).await;
    assert_eq!(reload.welcome["reset"], true);
    let all: Vec<&str> = reload.welcome["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert!(
        all.starts_with(&["Hello?"]) && all.contains(&"Hi, how can I help?"),
        "{all:?}"
    );
}

#[tokio::test]
async fn the_widget_works_only_from_allowed_domains() {
    let app = spawn_app().await;
    assert!(ws::visitor_from(&app, "http://localhost:8000")
        .await
        .is_ok());
    assert!(ws::visitor_from(&app, "http://127.0.0.1").await.is_ok());
    assert_eq!(
        ws::visitor_from(&app, "https://evil.example").await.err(),
        Some(Ended::Refused(403))
    );
    let url = format!(
        "{}/ws/visitor?key={}",
        app.url.replace("http", "ws"),
        app.account.widget_key
    );
    assert_eq!(
        ws::connect(&url, &[]).await.err(),
        Some(Ended::Refused(403)),
        "no origin"
    );
    let wrong_key = format!("{}/ws/visitor?key=nope", app.url.replace("http", "ws"));
    assert_eq!(
        ws::connect(&wrong_key, &[("origin", "http://localhost")])
            .await
            .err(),
        Some(Ended::Refused(404))
    );
    let config = reqwest::Client::new()
        .get(app.at(&format!("/widget/config?key={}", app.account.widget_key)))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(config.status(), 403);
}

#[tokio::test]
async fn a_forged_token_is_refused_with_4401() {
    let app = spawn_app().await;
    let genuine = ws::visitor(&app, None, None, 0).await.token();
    let forged = format!("{}0", &genuine[..genuine.len() - 1]);
    let forged = if forged == genuine {
        format!("{}1", &genuine[..genuine.len() - 1])
    } else {
        forged
    };
    for token in [forged.as_str(), "v1.1.someone-else.00", "garbage"] {
        let mut socket = ws::visitor_from(&app, "http://localhost").await.unwrap();
        send(
            &mut socket,
            json!({"type": "hello", "v": 1, "token": token}),
        )
        .await;
        assert_eq!(closed(&mut socket).await, Ended::Closed(4401), "{token}");
    }
}

#[tokio::test]
async fn bad_frames_get_errors_and_the_connection_carries_on() {
    let app = spawn_app().await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    send_text(&mut v.socket, "this is not json".into()).await;
    assert_eq!(expect(&mut v.socket, "error").await["code"], "malformed");
    send(&mut v.socket, json!({"type": "teleport"})).await;
    assert_eq!(expect(&mut v.socket, "error").await["code"], "unknown_type");
    send(
        &mut v.socket,
        json!({"type": "send", "client_id": "c-1", "body": "x".repeat(4001)}),
    )
    .await;
    assert_eq!(expect(&mut v.socket, "error").await["code"], "too_long");
    send_text(
        &mut v.socket,
        format!(
            r#"{{"type":"send","client_id":"c-2","body":"{}"}}"#,
            "y".repeat(20_000)
        ),
    )
    .await;
    assert_eq!(expect(&mut v.socket, "error").await["code"], "too_long");
    let ack = say(&mut v.socket, "c-3", "still here").await;
    assert_eq!(
        ack["message"]["seq"], 1,
        "nothing was stored by the refused frames"
    );

    for _ in 0..12 {
        send_text(&mut v.socket, "{".into()).await;
    }
    assert_eq!(closed(&mut v.socket).await, Ended::Closed(4400));
}

#[tokio::test]
async fn a_huge_frame_ends_only_its_own_connection() {
    let app = spawn_app().await;
    let mut other = ws::visitor(&app, None, None, 0).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    send_text(&mut v.socket, "z".repeat(200_000)).await;
    assert!(matches!(
        closed(&mut v.socket).await,
        Ended::Closed(1009 | 1006 | 1005)
    ));
    let ack = say(&mut other.socket, "c-1", "unaffected").await;
    assert_eq!(ack["message"]["body"], "unaffected");
}

#[tokio::test]
async fn a_flood_is_slowed_down_and_nothing_acknowledged_is_lost() {
    let app = spawn_app().await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    for i in 0..45 {
        send(
            &mut v.socket,
            json!({"type": "send", "client_id": format!("f-{i}"), "body": format!("spam {i}")}),
        )
        .await;
    }
    let (mut acked, mut limited, mut conversation) = (0, 0, 0);
    for _ in 0..45 {
        let frame = ws::expect_any(&mut v.socket, &["ack", "error"]).await;
        if frame["type"] == "ack" {
            acked += 1;
            conversation = frame["message"]["conversation_id"].as_i64().unwrap();
        } else {
            assert_eq!(frame["code"], "rate_limited");
            limited += 1;
        }
    }
    assert!(
        limited > 0 && acked >= 20,
        "acked {acked}, limited {limited}"
    );
    let stored = app
        .store
        .messages_after(app.account.id, conversation, 0, 100)
        .await
        .unwrap();
    assert_eq!(
        stored.len(),
        acked,
        "every acknowledged message is stored, nothing more"
    );
    send(&mut v.socket, json!({"type": "ping"})).await;
    expect(&mut v.socket, "pong").await;
}
