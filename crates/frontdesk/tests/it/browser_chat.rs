//! The chat end to end in real Chromium: a visitor on the demo page and an agent in the
//! inbox, each in their own browser.

use crate::{
    browser::{self, element, log_in, screenshot, texts, until},
    helpers::spawn_app,
};
use fantoccini::Client;

async fn open_box(visitor: &Client) {
    let launcher = element(visitor, "#frontdesk-launcher").await;
    let open = visitor
        .execute("const p = document.getElementById('frontdesk-panel'); return !!p && p.offsetParent !== null;", vec![])
        .await
        .unwrap();
    if open != serde_json::json!(true) {
        launcher.click().await.unwrap();
    }
    element(visitor, "#frontdesk-input").await;
}

async fn visitor_says(visitor: &Client, text: &str) {
    let input = element(visitor, "#frontdesk-input").await;
    input.send_keys(text).await.unwrap();
    element(visitor, "#frontdesk-send")
        .await
        .click()
        .await
        .unwrap();
}

fn count_of(list: &[String], needle: &str) -> usize {
    list.iter().filter(|t| t.contains(needle)).count()
}

#[tokio::test]
async fn a_visitor_and_an_agent_chat_through_reloads_and_outages() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let mut app = spawn_app().await;
    let visitor = driver.browser().await;
    let agent = driver.browser().await;

    // The agent opens the inbox first, so the box shows the team as online.
    log_in(&agent, &app).await;
    agent.goto(&app.at("/dashboard/inbox")).await.unwrap();
    element(&agent, "#inbox-list").await;

    visitor.goto(&app.at("/demo")).await.unwrap();
    open_box(&visitor).await;
    visitor_says(&visitor, "Hello from the demo page").await;
    until(&visitor, "the message is acknowledged",
        "[...document.querySelectorAll('#frontdesk-messages .fd-msg[data-seq]')].some(e => e.textContent.includes('Hello from the demo page'))").await;

    // The agent sees it live, opens it and answers.
    let item = element(&agent, "#inbox-list .conv").await;
    item.click().await.unwrap();
    until(&agent, "the transcript shows the visitor's message",
        "document.querySelector('#conv-messages') && document.querySelector('#conv-messages').textContent.includes('Hello from the demo page')").await;
    element(&agent, "#reply-input")
        .await
        .send_keys("Hi! How can I help?")
        .await
        .unwrap();
    element(&agent, "#reply-send").await.click().await.unwrap();
    until(&visitor, "the reply arrives",
        "[...document.querySelectorAll('#frontdesk-messages .fd-from-agent')].some(e => e.textContent.includes('Hi! How can I help?'))").await;
    screenshot(&visitor, "chat-box").await;
    screenshot(&agent, "inbox").await;

    // A reload restores the history.
    visitor.refresh().await.unwrap();
    open_box(&visitor).await;
    until(&visitor, "history is restored after a reload",
        "document.querySelector('#frontdesk-messages').textContent.includes('Hello from the demo page') && document.querySelector('#frontdesk-messages').textContent.includes('Hi! How can I help?')").await;

    // The connection drops; the visitor writes meanwhile; the connection comes back.
    app.stop().await;
    visitor_says(&visitor, "Written while offline").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.restart().await;
    until(&visitor, "the offline message is acknowledged after reconnecting",
        "[...document.querySelectorAll('#frontdesk-messages .fd-msg[data-seq]')].some(e => e.textContent.includes('Written while offline'))").await;
    until(
        &agent,
        "the agent sees it after reconnecting",
        "document.querySelector('#conv-messages').textContent.includes('Written while offline')",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;

    let visitor_view = texts(&visitor, "#frontdesk-messages .fd-msg").await;
    assert_eq!(
        count_of(&visitor_view, "Written while offline"),
        1,
        "{visitor_view:?}"
    );
    assert_eq!(
        count_of(&visitor_view, "Hello from the demo page"),
        1,
        "{visitor_view:?}"
    );
    let agent_view = texts(&agent, "#conv-messages .msg").await;
    assert_eq!(
        count_of(&agent_view, "Written while offline"),
        1,
        "{agent_view:?}"
    );
    let conversations = app
        .store
        .list_conversations(app.account.id, 10)
        .await
        .unwrap();
    assert_eq!(conversations.len(), 1);
    let stored = app
        .store
        .messages_after(app.account.id, conversations[0].id, 0, 100)
        .await
        .unwrap();
    let bodies: Vec<&str> = stored.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(
        bodies
            .iter()
            .filter(|b| **b == "Written while offline")
            .count(),
        1,
        "{bodies:?}"
    );

    visitor.close().await.unwrap();
    agent.close().await.unwrap();
}

#[tokio::test]
async fn visitor_text_is_shown_as_text_never_as_html() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = spawn_app().await;
    let visitor = driver.browser().await;
    let agent = driver.browser().await;
    log_in(&agent, &app).await;
    agent.goto(&app.at("/dashboard/inbox")).await.unwrap();
    element(&agent, "#inbox-list").await;

    visitor.goto(&app.at("/demo")).await.unwrap();
    open_box(&visitor).await;
    let attack = "<img src=x onerror=\"document.title='pwned'\"><b>bold</b>";
    visitor_says(&visitor, attack).await;
    element(&agent, "#inbox-list .conv")
        .await
        .click()
        .await
        .unwrap();
    until(
        &agent,
        "the message arrives",
        "document.querySelector('#conv-messages').textContent.includes('onerror')",
    )
    .await;
    until(
        &visitor,
        "the message is acknowledged",
        "document.querySelectorAll('#frontdesk-messages .fd-msg[data-seq]').length > 0",
    )
    .await;
    for (client, list) in [
        (&agent, "#conv-messages"),
        (&visitor, "#frontdesk-messages"),
        (&agent, "#inbox-list"),
    ] {
        let injected = client
            .execute(
                &format!("return document.querySelectorAll('{list} img, {list} b').length;"),
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            injected,
            serde_json::json!(0),
            "markup was rendered in {list}"
        );
    }
    assert_ne!(agent.title().await.unwrap(), "pwned");
    assert_ne!(visitor.title().await.unwrap(), "pwned");
    visitor.close().await.unwrap();
    agent.close().await.unwrap();
}
