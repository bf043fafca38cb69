//! The inbox rules of §3 over real sockets: replies, notes, tags, assignment, closing,
//! inactivity, offline messages, transcripts, bans, presence and account isolation.

use crate::{
    helpers::spawn_app,
    ws::{self, closed, expect, expect_where, say, send, Ended},
};
use frontdesk_core::{agent::Role, conversation::ConversationStatus};
use serde_json::json;

#[tokio::test]
async fn visitor_and_agent_chat_live_and_the_inbox_follows() {
    let app = spawn_app().await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    assert_eq!(v.welcome["agents_online"], true);
    send(&mut v.socket, json!({"type": "identify", "name": "Jana", "email": "jana@example.com", "variables": {"Order": "1234"}})).await;
    let ack = say(&mut v.socket, "c-1", "<b>Is the mug dishwasher-safe?</b>").await;
    let id = ack["message"]["conversation_id"].as_i64().unwrap();

    let listed = expect_where(&mut agent, "conversation", |f| {
        f["conversation"]["id"] == id && f["conversation"]["unread"] == 1
    })
    .await;
    let summary = &listed["conversation"];
    assert_eq!(summary["status"], "open");
    assert_eq!(summary["visitor"]["name"], "Jana");
    assert_eq!(summary["visitor"]["variables"]["Order"], "1234");
    assert_eq!(
        summary["visitor"]["current_url"],
        "http://localhost:3000/pricing"
    );
    assert_eq!(summary["visitor"]["online"], true);
    assert_eq!(
        summary["last_message"]["body"], "<b>Is the mug dishwasher-safe?</b>",
        "stored as typed, as text"
    );

    send(
        &mut agent,
        json!({"type": "typing", "conversation_id": id, "on": true}),
    )
    .await;
    assert_eq!(expect(&mut v.socket, "typing").await["name"], "Demo Owner");
    send(
        &mut agent,
        json!({"type": "send", "conversation_id": id, "client_id": "a-1", "body": "Yes, it is."}),
    )
    .await;
    let reply = expect_where(&mut v.socket, "message", |f| {
        f["message"]["body"] == "Yes, it is."
    })
    .await;
    assert_eq!(reply["message"]["author"], "agent");
    assert_eq!(reply["message"]["author_name"], "Demo Owner");
    let served = expect_where(&mut agent, "conversation", |f| {
        f["conversation"]["status"] == "served"
    })
    .await;
    assert_eq!(
        served["conversation"]["assigned_agent_id"].as_i64(),
        Some(1),
        "the replying agent takes it"
    );

    send(
        &mut agent,
        json!({"type": "read", "conversation_id": id, "seq": 10}),
    )
    .await;
    expect_where(&mut agent, "conversation", |f| {
        f["conversation"]["unread"] == 0
    })
    .await;
    expect(&mut v.socket, "read").await;

    send(
        &mut agent,
        json!({"type": "tag", "conversation_id": id, "tag": " Shipping ", "on": true}),
    )
    .await;
    expect_where(&mut agent, "conversation", |f| {
        f["conversation"]["tags"] == json!(["shipping"])
    })
    .await;
    send(
        &mut agent,
        json!({"type": "important", "conversation_id": id, "on": true}),
    )
    .await;
    expect_where(&mut agent, "conversation", |f| {
        f["conversation"]["important"] == true
    })
    .await;

    send(
        &mut agent,
        json!({"type": "open", "conversation_id": id, "last_seq": 0}),
    )
    .await;
    let history = expect(&mut agent, "history").await;
    let events: Vec<&str> = history["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["event"].as_str())
        .collect();
    assert_eq!(
        events,
        ["joined", "tagged"],
        "the transcript records what agents did"
    );
}

#[tokio::test]
async fn after_closing_a_visitor_message_starts_a_new_conversation() {
    let app = spawn_app().await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let first = say(&mut v.socket, "c-1", "Thanks, bye").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    send(
        &mut agent,
        json!({"type": "close", "conversation_id": first}),
    )
    .await;
    let status = expect(&mut v.socket, "status").await;
    assert_eq!(status["conversation"]["status"], "closed");
    send(&mut agent, json!({"type": "send", "conversation_id": first, "client_id": "a-late", "body": "one more thing"})).await;
    assert_eq!(expect(&mut agent, "error").await["code"], "not_allowed");

    let second = say(&mut v.socket, "c-2", "Oh, one more question").await;
    let second_id = second["message"]["conversation_id"].as_i64().unwrap();
    assert_ne!(second_id, first);
    assert_eq!(second["message"]["seq"], 1);
    let c = app
        .store
        .conversation(app.account.id, second_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status, ConversationStatus::Open);
}

#[tokio::test]
async fn conversations_close_after_a_day_without_messages() {
    let app = spawn_app().await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let id = say(&mut v.socket, "c-1", "anyone?").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    app.clock.advance(23 * 3_600_000);
    assert_eq!(
        frontdesk_server::chat::close_idle_conversations(&app.state)
            .await
            .unwrap(),
        0
    );
    app.clock.advance(2 * 3_600_000);
    assert_eq!(
        frontdesk_server::chat::close_idle_conversations(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        expect(&mut v.socket, "status").await["conversation"]["status"],
        "closed"
    );
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status, ConversationStatus::Closed);
    let last = app
        .store
        .messages_after(app.account.id, id, 0, 10)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (last.event.as_deref(), last.body.as_str()),
        (Some("closed"), "inactivity")
    );
}

#[tokio::test]
async fn with_nobody_online_the_offline_message_reaches_inbox_and_owners() {
    let app = spawn_app().await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    assert_eq!(v.welcome["agents_online"], false);
    send(&mut v.socket, json!({"type": "offline", "client_id": "o-1", "email": "bad", "name": "Petr", "body": "Call me"})).await;
    assert_eq!(
        expect(&mut v.socket, "error").await["code"],
        "invalid_email"
    );
    send(&mut v.socket, json!({"type": "offline", "client_id": "o-1", "email": "petr@example.com", "name": "Petr", "body": "Please call me back"})).await;
    let ack = expect(&mut v.socket, "ack").await;
    let id = ack["message"]["conversation_id"].as_i64().unwrap();
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    let visitor = app
        .store
        .visitor(app.account.id, &c.visitor_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(visitor.email.as_deref(), Some("petr@example.com"));
    let emails = app.store.emails(app.account.id).await.unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].recipient, app.owner_email);
    assert!(emails[0].subject.contains("petr@example.com"));
    assert_eq!(emails[0].body, "Please call me back");
}

#[tokio::test]
async fn ending_the_chat_allows_a_rating_and_a_real_transcript() {
    let app = spawn_app().await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let id = say(&mut v.socket, "c-1", "Where is my order?").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    send(&mut agent, json!({"type": "send", "conversation_id": id, "client_id": "a-1", "body": "It ships today."})).await;
    send(&mut agent, json!({"type": "send", "conversation_id": id, "client_id": "a-2", "body": "secret note", "note": true})).await;
    expect_where(&mut v.socket, "message", |f| {
        f["message"]["body"] == "It ships today."
    })
    .await;
    send(&mut v.socket, json!({"type": "rate", "score": 5})).await;
    assert_eq!(
        expect(&mut v.socket, "error").await["code"],
        "not_allowed",
        "not before the end"
    );
    send(&mut v.socket, json!({"type": "end"})).await;
    expect_where(&mut v.socket, "status", |f| {
        f["conversation"]["status"] == "closed"
    })
    .await;
    send(
        &mut v.socket,
        json!({"type": "rate", "score": 4, "comment": "quick"}),
    )
    .await;
    send(
        &mut v.socket,
        json!({"type": "transcript", "email": "jana@example.com"}),
    )
    .await;
    send(&mut v.socket, json!({"type": "ping"})).await;
    expect(&mut v.socket, "pong").await;

    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (c.rating, c.rating_comment.as_deref()),
        (Some(4), Some("quick"))
    );
    let emails = app.store.emails(app.account.id).await.unwrap();
    let transcript = emails
        .iter()
        .find(|e| e.kind == "transcript")
        .expect("transcript queued");
    assert_eq!(transcript.recipient, "jana@example.com");
    assert!(
        transcript.body.contains("You: Where is my order?"),
        "{}",
        transcript.body
    );
    assert!(
        transcript.body.contains("Demo Owner: It ships today."),
        "{}",
        transcript.body
    );
    assert!(
        !transcript.body.contains("secret note"),
        "notes stay internal"
    );
}

#[tokio::test]
async fn a_banned_visitor_is_disconnected_and_stays_out() {
    let app = spawn_app().await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let token = v.token();
    let id = say(&mut v.socket, "c-1", "spam spam").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    send(&mut agent, json!({"type": "ban", "conversation_id": id})).await;
    assert_eq!(closed(&mut v.socket).await, Ended::Closed(4403));
    let mut again = ws::visitor_from(&app, "http://localhost").await.unwrap();
    send(&mut again, json!({"type": "hello", "v": 1, "token": token})).await;
    assert_eq!(closed(&mut again).await, Ended::Closed(4403));
}

#[tokio::test]
async fn visitors_see_whether_an_agent_can_answer() {
    let app = spawn_app().await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    assert_eq!(
        v.welcome["agents_online"], false,
        "nobody has the dashboard open"
    );
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    assert_eq!(
        expect(&mut v.socket, "presence").await["agents_online"],
        true
    );
    send(&mut agent, json!({"type": "presence", "status": "away"})).await;
    assert_eq!(
        expect(&mut v.socket, "presence").await["agents_online"],
        false
    );
    send(&mut agent, json!({"type": "presence", "status": "online"})).await;
    assert_eq!(
        expect(&mut v.socket, "presence").await["agents_online"],
        true
    );
    drop(agent);
    assert_eq!(
        expect(&mut v.socket, "presence").await["agents_online"],
        false
    );
}

#[tokio::test]
async fn an_agent_cannot_touch_another_accounts_conversation() {
    let app = spawn_app().await;
    let other = app.other_account("Other").await;
    app.add_agent(
        &other,
        "intruder@other.example",
        Role::Owner,
        "intruder-password",
    )
    .await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let id = say(&mut v.socket, "c-1", "private").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();

    let mut intruder = ws::agent(&app, "intruder@other.example", "intruder-password").await;
    for frame in [
        json!({"type": "open", "conversation_id": id}),
        json!({"type": "send", "conversation_id": id, "client_id": "x", "body": "hi"}),
        json!({"type": "close", "conversation_id": id}),
        json!({"type": "ban", "conversation_id": id}),
    ] {
        send(&mut intruder, frame.clone()).await;
        assert_eq!(
            expect(&mut intruder, "error").await["code"],
            "not_found",
            "{frame}"
        );
    }
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((c.status, c.last_seq), (ConversationStatus::Open, 1));
}

#[tokio::test]
async fn the_agent_socket_needs_a_session_and_the_dashboards_origin() {
    let app = spawn_app().await;
    let url = format!("{}/ws/agent", app.url.replace("http", "ws"));
    // Without a session the socket opens only to say "log in again".
    let mut anonymous = ws::connect(&url, &[("origin", &app.url)])
        .await
        .expect("upgraded");
    assert_eq!(closed(&mut anonymous).await, Ended::Closed(4401));
    let browser = crate::helpers::browser();
    let login = app
        .login(&browser, &app.owner_email, &app.owner_password)
        .await;
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let hostile = ws::connect(
        &url,
        &[("cookie", &cookie), ("origin", "https://evil.example")],
    )
    .await;
    assert_eq!(hostile.err(), Some(Ended::Refused(403)));
}

#[tokio::test]
async fn a_ban_from_an_old_conversation_reaches_the_visitor_and_sticks() {
    let app = spawn_app().await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let old = say(&mut v.socket, "c-1", "first chat").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    send(&mut agent, json!({"type": "close", "conversation_id": old})).await;
    expect_where(&mut v.socket, "status", |f| {
        f["conversation"]["status"] == "closed"
    })
    .await;
    say(&mut v.socket, "c-2", "a new chat").await;
    // A stale copy of the visitor is saved elsewhere (a page change) while the ban lands.
    send(&mut agent, json!({"type": "ban", "conversation_id": old})).await;
    assert_eq!(closed(&mut v.socket).await, Ended::Closed(4403));
    let c = app
        .store
        .conversation(app.account.id, old)
        .await
        .unwrap()
        .unwrap();
    let mut stale = app
        .store
        .visitor(app.account.id, &c.visitor_id)
        .await
        .unwrap()
        .unwrap();
    stale.banned = false;
    app.store.save_visitor(&stale).await.unwrap();
    assert!(
        app.store
            .visitor(app.account.id, &c.visitor_id)
            .await
            .unwrap()
            .unwrap()
            .banned
    );
}

#[tokio::test]
async fn an_agent_made_inactive_loses_write_access_at_once() {
    let app = spawn_app().await;
    let colleague = app
        .add_agent(&app.account, "eva@example.com", Role::Agent, "eva-password")
        .await;
    let mut eva = ws::agent(&app, "eva@example.com", "eva-password").await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let id = say(&mut v.socket, "c-1", "hello").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    app.store
        .set_agent_state(
            app.account.id,
            colleague.id,
            frontdesk_core::agent::AgentState::Inactive,
        )
        .await
        .unwrap();
    for frame in [
        json!({"type": "close", "conversation_id": id}),
        json!({"type": "tag", "conversation_id": id, "tag": "x", "on": true}),
        json!({"type": "send", "conversation_id": id, "client_id": "e-1", "body": "hi"}),
    ] {
        send(&mut eva, frame.clone()).await;
        assert_eq!(
            expect(&mut eva, "error").await["code"],
            "not_allowed",
            "{frame}"
        );
    }
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((c.status, c.tags.len()), (ConversationStatus::Open, 0));
}

#[tokio::test]
async fn a_transcript_is_sent_once_and_only_after_the_chat_ended() {
    let app = spawn_app().await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    say(&mut v.socket, "c-1", "hello").await;
    send(
        &mut v.socket,
        json!({"type": "transcript", "email": "me@example.com"}),
    )
    .await;
    assert_eq!(
        expect(&mut v.socket, "error").await["code"],
        "not_allowed",
        "not during the chat"
    );
    send(&mut v.socket, json!({"type": "end"})).await;
    expect_where(&mut v.socket, "status", |f| {
        f["conversation"]["status"] == "closed"
    })
    .await;
    send(
        &mut v.socket,
        json!({"type": "transcript", "email": "me@example.com"}),
    )
    .await;
    send(
        &mut v.socket,
        json!({"type": "transcript", "email": "victim@example.com"}),
    )
    .await;
    assert_eq!(
        expect(&mut v.socket, "error").await["code"],
        "not_allowed",
        "only once"
    );
    let emails = app.store.emails(app.account.id).await.unwrap();
    let transcripts: Vec<&str> = emails
        .iter()
        .filter(|e| e.kind == "transcript")
        .map(|e| e.recipient.as_str())
        .collect();
    assert_eq!(transcripts, ["me@example.com"]);
}
