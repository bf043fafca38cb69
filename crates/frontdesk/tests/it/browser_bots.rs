//! The chatbot in real Chromium: it greets on the demo page, answers through buttons, hands
//! over to an agent, and speaks the browser's language.

use crate::{
    browser::{self, element, screenshot, until},
    helpers::spawn_app,
};
use fantoccini::Client;

async fn open_box(visitor: &Client) {
    element(visitor, "#frontdesk-launcher")
        .await
        .click()
        .await
        .unwrap();
}

async fn click_choice(visitor: &Client, label: &str) {
    let script = format!(
        "const b = [...document.querySelectorAll('#frontdesk-messages .fd-choice')].filter(b => !b.disabled && b.textContent.trim() === {}); if (b.length) {{ b[b.length - 1].click(); return true; }} return false;",
        serde_json::json!(label)
    );
    for _ in 0..150 {
        if visitor.execute(&script, vec![]).await.unwrap() == serde_json::json!(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no enabled button '{label}'");
}

fn box_shows(text: &str) -> String {
    format!(
        "document.querySelector('#frontdesk-messages') && document.querySelector('#frontdesk-messages').textContent.includes({})",
        serde_json::json!(text)
    )
}

#[tokio::test]
async fn the_bot_greets_on_the_demo_page_and_answers_through_buttons() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = spawn_app().await;
    let visitor = driver.browser().await;
    visitor.goto(&app.at("/demo")).await.unwrap();
    open_box(&visitor).await;
    until(
        &visitor,
        "the bot greets",
        &box_shows("Hi! I am the shop assistant."),
    )
    .await;
    click_choice(&visitor, "Returns").await;
    until(
        &visitor,
        "the answer arrives",
        &box_shows("You can return anything within 30 days."),
    )
    .await;
    until(
        &visitor,
        "the follow-up question arrives",
        &box_shows("Did that answer your question?"),
    )
    .await;
    screenshot(&visitor, "chatbot").await;
    click_choice(&visitor, "Yes, thanks").await;
    until(
        &visitor,
        "the bot says goodbye",
        &box_shows("Glad I could help. Have a nice day!"),
    )
    .await;
    let c = app
        .store
        .list_conversations(app.account.id, 10)
        .await
        .unwrap();
    assert_eq!(c.len(), 1);
    let run = c[0].bot.clone().unwrap();
    assert!(run.state.interacted && run.state.finished);
    visitor.close().await.unwrap();
}

#[tokio::test]
async fn talk_to_a_person_reaches_an_agent_in_the_inbox() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = spawn_app().await;
    let agent = driver.browser().await;
    browser::log_in(&agent, &app).await;
    agent.goto(&app.at("/dashboard/inbox")).await.unwrap();
    element(&agent, "#inbox-list").await;

    let visitor = driver.browser().await;
    visitor.goto(&app.at("/demo")).await.unwrap();
    open_box(&visitor).await;
    click_choice(&visitor, "Talk to a person").await;
    until(
        &visitor,
        "the handover message",
        &box_shows("I'm passing you to a colleague."),
    )
    .await;
    element(&agent, "#inbox-list .conv")
        .await
        .click()
        .await
        .unwrap();
    until(
        &agent,
        "the agent sees the path the visitor took",
        "document.querySelector('#conv-messages').textContent.includes('Talk to a person')",
    )
    .await;
    element(&agent, "#reply-input")
        .await
        .send_keys("Hello, this is Demo Owner. How can I help?")
        .await
        .unwrap();
    element(&agent, "#reply-send").await.click().await.unwrap();
    until(
        &visitor,
        "the agent's answer arrives",
        &box_shows("Hello, this is Demo Owner. How can I help?"),
    )
    .await;
    element(&visitor, "#frontdesk-input").await;
    visitor.close().await.unwrap();
    agent.close().await.unwrap();
}

#[tokio::test]
async fn a_german_browser_gets_the_german_chatbot() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = spawn_app().await;
    let visitor = driver.browser_in("de-DE").await;
    visitor.goto(&app.at("/demo")).await.unwrap();
    open_box(&visitor).await;
    until(
        &visitor,
        "the German greeting",
        &box_shows("Hallo! Ich bin der Shop-Assistent."),
    )
    .await;
    click_choice(&visitor, "Versand und Lieferung").await;
    until(&visitor, "the German answer", &box_shows("Wir versenden")).await;
    visitor.close().await.unwrap();
}

#[tokio::test]
async fn the_editor_validates_as_you_type_and_draws_the_flow() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = spawn_app().await;
    let owner = driver.browser().await;
    browser::log_in(&owner, &app).await;
    let bot = app
        .store
        .list_chatbots(app.account.id)
        .await
        .unwrap()
        .remove(0);
    owner
        .goto(&app.at(&format!("/dashboard/chatbots/{}", bot.id)))
        .await
        .unwrap();
    until(&owner, "the diagram is drawn",
        "document.querySelector('#diagram svg') && document.querySelector('#diagram svg').getAttribute('aria-label').includes('11')").await;
    until(
        &owner,
        "no problems are listed",
        "document.querySelectorAll('#findings li.finding.error').length === 0",
    )
    .await;
    screenshot(&owner, "chatbot-editor").await;
    // Point a button at a node that does not exist: the editor says so without saving.
    owner
        .execute(
            "const t = document.getElementById('flow-document'); t.value = t.value.replace('next: shipping', 'next: nowhere'); t.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![],
        )
        .await
        .unwrap();
    until(&owner, "the broken target is reported",
        "[...document.querySelectorAll('#findings li.finding.error')].some(li => li.textContent.includes('nowhere'))").await;
    until(
        &owner,
        "publishing is held back",
        "document.getElementById('publish').disabled",
    )
    .await;
    owner.close().await.unwrap();
}

#[tokio::test]
async fn the_usage_page_shows_the_period_after_a_few_chatbot_conversations() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = spawn_app().await;
    for _ in 0..3 {
        let mut v = crate::ws::visitor(&app, None, None, 0).await;
        crate::ws::send(&mut v.socket, serde_json::json!({"type": "trigger"})).await;
        let id = crate::ws::expect(&mut v.socket, "status").await["conversation"]["id"]
            .as_i64()
            .unwrap();
        crate::ws::send(&mut v.socket, serde_json::json!({"type": "click", "conversation_id": id, "node": "welcome", "button": "hours"})).await;
        crate::ws::expect_where(&mut v.socket, "message", |f| {
            f["message"]["node"] == "hours"
        })
        .await;
    }
    let owner = driver.browser().await;
    browser::log_in(&owner, &app).await;
    owner.goto(&app.at("/dashboard/usage")).await.unwrap();
    until(
        &owner,
        "the numbers show",
        "document.getElementById('usage-used').textContent.trim() === '3'",
    )
    .await;
    until(
        &owner,
        "the ledger lists them",
        "document.querySelectorAll('#usage-ledger tbody tr').length === 3",
    )
    .await;
    until(&owner, "the chart has a bar", "[...document.querySelectorAll('#usage-chart rect')].some(r => Number(r.getAttribute('height')) > 0)").await;
    screenshot(&owner, "usage").await;
    owner.close().await.unwrap();
}
