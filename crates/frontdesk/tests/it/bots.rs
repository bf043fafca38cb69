//! Chatbots over real sockets: triggering, clicking through, handing over, languages, and
//! clicks that do not fit.

use crate::{
    helpers::spawn_app,
    ws::{self, expect, expect_where, send, Socket},
};
use frontdesk_core::conversation::ConversationStatus;
use serde_json::{json, Value};

async fn visitor_in(app: &crate::helpers::TestApp, language: &str) -> Socket {
    let mut socket = ws::visitor_from(app, "http://localhost").await.unwrap();
    send(&mut socket, json!({"type": "hello", "v": 1, "language": language, "page": {"url": "http://localhost/", "title": "Home"}})).await;
    expect(&mut socket, "welcome").await;
    socket
}

/// Triggers the bot and returns (conversation id, the welcome question).
async fn trigger(socket: &mut Socket) -> (i64, Value) {
    send(socket, json!({"type": "trigger"})).await;
    let status = expect(socket, "status").await;
    assert_eq!(status["conversation"]["status"], "bot");
    let question = expect_where(socket, "message", |f| f["message"]["author"] == "bot").await;
    (
        status["conversation"]["id"].as_i64().unwrap(),
        question["message"].clone(),
    )
}

fn labels(message: &Value) -> Vec<&str> {
    message["buttons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_bot_greets_answers_and_only_then_shows_up_in_the_inbox() {
    let app = spawn_app().await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = visitor_in(&app, "en").await;
    let (id, welcome) = trigger(&mut v).await;
    assert_eq!(
        welcome["body"],
        "Hi! I am the shop assistant. What can I help you with?"
    );
    assert_eq!(welcome["node"], "welcome");
    assert_eq!(
        labels(&welcome),
        [
            "Shipping and delivery",
            "Returns",
            "Opening hours",
            "Talk to a person"
        ]
    );
    assert!(
        app.store
            .list_conversations(app.account.id, 10)
            .await
            .unwrap()
            .is_empty(),
        "nobody acted yet"
    );

    send(&mut v, json!({"type": "trigger"})).await;
    send(
        &mut v,
        json!({"type": "click", "conversation_id": id, "node": "welcome", "button": "shipping"}),
    )
    .await;
    let choice = expect_where(&mut v, "message", |f| f["message"]["author"] == "visitor").await;
    assert_eq!(choice["message"]["body"], "Shipping and delivery");
    assert_eq!(
        choice["message"]["choice"],
        json!({"node": "welcome", "button": "shipping"})
    );
    let answer = expect_where(&mut v, "message", |f| f["message"]["node"] == "shipping").await;
    assert!(answer["message"]["body"]
        .as_str()
        .unwrap()
        .starts_with("We ship within 2 working days"));
    let more = expect_where(&mut v, "message", |f| f["message"]["node"] == "more").await;
    assert_eq!(
        labels(&more["message"]),
        ["Yes, thanks", "Back to menu", "Talk to a person"]
    );

    let listed = expect_where(&mut agent, "conversation", |f| {
        f["conversation"]["id"] == id
    })
    .await;
    assert_eq!(listed["conversation"]["status"], "bot");
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert!(c.visitor_acted);
    let run = c.bot.unwrap();
    assert_eq!(
        (run.state.at.as_deref(), run.state.interacted),
        (Some("more"), true)
    );
    assert_eq!(
        app.store
            .list_conversations(app.account.id, 10)
            .await
            .unwrap()
            .len(),
        1,
        "one conversation, the second trigger changed nothing"
    );
}

#[tokio::test]
async fn stale_forged_and_double_clicks_change_nothing() {
    let app = spawn_app().await;
    let mut v = visitor_in(&app, "en").await;
    let (id, _) = trigger(&mut v).await;
    send(
        &mut v,
        json!({"type": "click", "conversation_id": id, "node": "welcome", "button": "forged"}),
    )
    .await;
    assert_eq!(expect(&mut v, "error").await["code"], "unknown_button");
    send(
        &mut v,
        json!({"type": "click", "conversation_id": id + 99, "node": "welcome", "button": "hours"}),
    )
    .await;
    assert_eq!(expect(&mut v, "error").await["code"], "stale_button");
    send(
        &mut v,
        json!({"type": "click", "conversation_id": id, "node": "welcome", "button": "hours"}),
    )
    .await;
    send(
        &mut v,
        json!({"type": "click", "conversation_id": id, "node": "welcome", "button": "hours"}),
    )
    .await;
    assert_eq!(
        expect(&mut v, "error").await["code"],
        "stale_button",
        "the second click of a double click"
    );
    let stored = app
        .store
        .messages_after(app.account.id, id, 0, 100)
        .await
        .unwrap();
    let clicks = stored.iter().filter(|m| m.body == "Opening hours").count();
    assert_eq!(clicks, 1);
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.bot.unwrap().state.at.as_deref(), Some("more"));
}

#[tokio::test]
async fn talk_to_a_person_hands_over_to_an_online_agent_who_answers() {
    let app = spawn_app().await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = visitor_in(&app, "en").await;
    let (id, _) = trigger(&mut v).await;
    send(
        &mut v,
        json!({"type": "click", "conversation_id": id, "node": "welcome", "button": "person"}),
    )
    .await;
    let status = expect_where(&mut v, "status", |f| f["conversation"]["status"] == "open").await;
    assert_eq!(status["conversation"]["text_disabled"], false);
    let stored = app
        .store
        .messages_after(app.account.id, id, 0, 100)
        .await
        .unwrap();
    let events: Vec<&str> = stored.iter().filter_map(|m| m.event.as_deref()).collect();
    assert_eq!(events, ["handover"]);
    assert!(stored
        .iter()
        .any(|m| m.body.contains("passing you to a colleague")));
    expect_where(&mut agent, "conversation", |f| {
        f["conversation"]["id"] == id && f["conversation"]["status"] == "open"
    })
    .await;
    send(&mut agent, json!({"type": "send", "conversation_id": id, "client_id": "a-1", "body": "Hello, I'm Jana."})).await;
    expect_where(&mut v, "message", |f| {
        f["message"]["body"] == "Hello, I'm Jana."
    })
    .await;
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status, ConversationStatus::Served);
    assert!(c.bot.unwrap().state.finished, "the bot stopped acting");
}

#[tokio::test]
async fn typing_to_the_team_during_the_bot_escalates_without_an_interaction() {
    let app = spawn_app().await;
    let mut v = visitor_in(&app, "en").await;
    let (id, _) = trigger(&mut v).await;
    send(
        &mut v,
        json!({"type": "send", "client_id": "c-1", "body": "I just want to talk to someone"}),
    )
    .await;
    let ack = expect(&mut v, "ack").await;
    assert_eq!(ack["message"]["conversation_id"], id);
    expect_where(&mut v, "status", |f| f["conversation"]["status"] == "open").await;
    let c = app
        .store
        .conversation(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    let run = c.bot.unwrap();
    assert!(
        run.state.finished && !run.state.interacted,
        "typed, not clicked: no chatbot interaction"
    );
    assert!(c.visitor_acted, "but the team sees it");
}

#[tokio::test]
async fn each_visitor_gets_the_chatbot_in_their_language() {
    let app = spawn_app().await;
    for (language, greeting) in [
        ("de", "Hallo! Ich bin der Shop-Assistent."),
        ("cs", "Dobrý den!"),
        ("fr", "Bonjour"),
        ("ja", "Hi! I am the shop assistant."),
    ] {
        let mut v = visitor_in(&app, language).await;
        let (_, welcome) = trigger(&mut v).await;
        let body = welcome["body"].as_str().unwrap();
        assert!(body.starts_with(greeting), "{language}: {body}");
    }
}

#[tokio::test]
async fn a_chatbot_limited_to_the_pricing_page_runs_there_and_not_elsewhere() {
    let app = spawn_app().await;
    let pricing = frontdesk_core::flow::Flow::parse(
        "version: 1\nname: Pricing helper\nlanguage: en\nstart: hi\nconditions: {all: [{attribute: url, op: contains, value: /pricing}]}\nnodes:\n  hi: {kind: end, text: Questions about our prices?}\n",
    )
    .unwrap();
    assert!(frontdesk_core::flow::validate(&pricing).is_empty());
    frontdesk_server::chatbots::import(
        &*app.store,
        app.account.id,
        &pricing,
        0,
        true,
        crate::helpers::START_MS,
    )
    .await
    .unwrap();
    for (url, expected) in [
        ("http://localhost/pricing", "Questions about our prices?"),
        (
            "http://localhost/",
            "Hi! I am the shop assistant. What can I help you with?",
        ),
    ] {
        let mut socket = ws::visitor_from(&app, "http://localhost").await.unwrap();
        send(&mut socket, json!({"type": "hello", "v": 1, "language": "en", "page": {"url": url, "title": "Shop"}})).await;
        expect(&mut socket, "welcome").await;
        send(&mut socket, json!({"type": "trigger"})).await;
        let greeting =
            expect_where(&mut socket, "message", |f| f["message"]["author"] == "bot").await;
        assert_eq!(greeting["message"]["body"], expected, "{url}");
    }
    let broken = frontdesk_core::flow::Flow::parse(
        "version: 1\nlanguage: en\nstart: hi\nconditions: {attribute: url, op: regex, value: '(oops'}\nnodes:\n  hi: {kind: end, text: Hi}\n",
    )
    .unwrap();
    let findings = frontdesk_core::flow::validate(&broken);
    assert!(
        findings
            .iter()
            .any(|f| f.message.contains("invalid regular expression")),
        "{findings:?}"
    );
}
