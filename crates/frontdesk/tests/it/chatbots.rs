//! The chatbot pages: creating from templates, editing with validation, publishing new
//! versions without touching running conversations, previews, roles and isolation.

use crate::{
    helpers::{browser, csrf_in, spawn_app, START_MS},
    ws::{self, expect, expect_where, send},
};
use frontdesk_core::agent::Role;
use serde_json::json;

async fn csrf(app: &crate::helpers::TestApp, client: &reqwest::Client, path: &str) -> String {
    let page = client
        .get(app.at(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    csrf_in(&page)
}

#[tokio::test]
async fn an_owner_creates_edits_and_publishes_a_chatbot() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let list = owner
        .get(app.at("/dashboard/chatbots"))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    let html = list.text().await.unwrap();
    assert_eq!(
        html.matches("class=\"chatbot\"").count() + html.matches("class=\"chatbot ").count(),
        4,
        "the demo's four FAQ bots"
    );

    let token = csrf(&app, &owner, "/dashboard/chatbots").await;
    let created = owner
        .post(app.at("/dashboard/chatbots"))
        .form(&[
            ("csrf", token.as_str()),
            ("template", "lead-capture"),
            ("language", "fr"),
            ("name", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 303);
    let editor = created.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let id: i64 = editor.rsplit('/').next().unwrap().parse().unwrap();
    let bot = app
        .store
        .chatbot(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((bot.language.as_str(), bot.published_version), ("fr", None));

    let page = owner
        .get(app.at(&editor))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("ask_email"),
        "the document is shown for editing"
    );

    // A broken document is refused, and what was typed comes back untouched.
    let broken = "version: 1\nlanguage: fr\nstart: a\nnodes:\n  a: {kind: teleport}\n";
    let token = csrf(&app, &owner, &editor).await;
    let refused = owner
        .post(app.at(&format!("{editor}/draft")))
        .form(&[("csrf", token.as_str()), ("document", broken)])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("teleport"), "the typed text is kept");
    assert!(body.contains("unknown variant"), "and the reason is given");

    // A document with a validation error saves as a draft but cannot be published.
    let dead_end = "version: 1\nlanguage: fr\nname: Bot\nstart: a\nnodes:\n  a: {kind: message, text: Salut, next: ghost}\n";
    let saved = owner
        .post(app.at(&format!("{editor}/draft")))
        .form(&[("csrf", token.as_str()), ("document", dead_end)])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let publish = owner
        .post(app.at(&format!("{editor}/publish")))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(publish.status(), 422);
    assert!(publish
        .text()
        .await
        .unwrap()
        .contains("leads to &#x27;ghost&#x27;"));
    assert_eq!(
        app.store
            .chatbot(app.account.id, id)
            .await
            .unwrap()
            .unwrap()
            .published_version,
        None
    );

    let fine =
        "version: 1\nlanguage: fr\nname: Bot\nstart: a\nnodes:\n  a: {kind: end, text: Salut}\n";
    owner
        .post(app.at(&format!("{editor}/draft")))
        .form(&[("csrf", token.as_str()), ("document", fine)])
        .send()
        .await
        .unwrap();
    let published = owner
        .post(app.at(&format!("{editor}/publish")))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(published.status(), 303);
    assert_eq!(
        app.store
            .chatbot(app.account.id, id)
            .await
            .unwrap()
            .unwrap()
            .published_version,
        Some(1)
    );
}

#[tokio::test]
async fn live_validation_answers_with_findings_and_a_diagram() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let bots = app.store.list_chatbots(app.account.id).await.unwrap();
    let editor = format!("/dashboard/chatbots/{}", bots[0].id);
    let token = csrf(&app, &owner, &editor).await;
    let check = |document: &'static str, token: String| {
        owner
            .post(app.at(&format!("{editor}/check")))
            .header("x-csrf-token", token)
            .json(&json!({ "document": document }))
            .send()
    };
    let loop_flow = "version: 1\nlanguage: en\nstart: a\nnodes:\n  a: {kind: goto, next: b}\n  b: {kind: goto, next: a}\n";
    let answer: serde_json::Value = check(loop_flow, token.clone())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["parse_error"], serde_json::Value::Null);
    assert!(answer["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["message"]
            .as_str()
            .unwrap()
            .contains("loop without a way out")));
    assert_eq!(answer["diagram"]["nodes"].as_array().unwrap().len(), 2);
    let garbage: serde_json::Value = check("{ nope", token.clone())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(garbage["parse_error"]
        .as_str()
        .unwrap()
        .contains("not valid"));
    assert_eq!(
        check(loop_flow, "forged".into()).await.unwrap().status(),
        403
    );
}

#[tokio::test]
async fn running_conversations_keep_the_version_they_started_with() {
    let app = spawn_app().await;
    let english = app
        .store
        .list_chatbots(app.account.id)
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.language == "en")
        .unwrap();
    let mut v = ws::visitor(&app, None, None, 0).await;
    send(&mut v.socket, json!({"type": "trigger"})).await;
    let status = expect(&mut v.socket, "status").await;
    let id = status["conversation"]["id"].as_i64().unwrap();

    // The owner rewrites the shipping answer and publishes version 2 while the chat runs.
    let mut bot = app
        .store
        .chatbot(app.account.id, english.id)
        .await
        .unwrap()
        .unwrap();
    bot.draft = bot.draft.replace(
        "We ship within 2 working days.",
        "Version two ships instantly.",
    );
    app.store.save_chatbot(&bot).await.unwrap();
    assert_eq!(
        app.store
            .publish_chatbot(app.account.id, bot.id, &bot.draft, START_MS)
            .await
            .unwrap(),
        2
    );

    send(
        &mut v.socket,
        json!({"type": "click", "conversation_id": id, "node": "welcome", "button": "shipping"}),
    )
    .await;
    let answer = expect_where(&mut v.socket, "message", |f| {
        f["message"]["node"] == "shipping"
    })
    .await;
    assert!(answer["message"]["body"]
        .as_str()
        .unwrap()
        .starts_with("We ship within 2 working days."));

    let mut newcomer = ws::visitor(&app, None, None, 0).await;
    send(&mut newcomer.socket, json!({"type": "trigger"})).await;
    let nid = expect(&mut newcomer.socket, "status").await["conversation"]["id"]
        .as_i64()
        .unwrap();
    send(
        &mut newcomer.socket,
        json!({"type": "click", "conversation_id": nid, "node": "welcome", "button": "shipping"}),
    )
    .await;
    let fresh = expect_where(&mut newcomer.socket, "message", |f| {
        f["message"]["node"] == "shipping"
    })
    .await;
    assert!(fresh["message"]["body"]
        .as_str()
        .unwrap()
        .starts_with("Version two ships instantly."));
}

#[tokio::test]
async fn a_preview_runs_the_unpublished_draft() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let english = app
        .store
        .list_chatbots(app.account.id)
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.language == "en")
        .unwrap();
    let mut bot = english.clone();
    bot.draft = bot.draft.replace(
        "Hi! I am the shop assistant.",
        "Draft greeting, not published.",
    );
    app.store.save_chatbot(&bot).await.unwrap();

    let page = owner
        .get(app.at(&format!("/dashboard/chatbots/{}/preview", bot.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let start = html.find("Frontdesk('preview', \"").unwrap() + "Frontdesk('preview', \"".len();
    let token = &html[start..start + html[start..].find('"').unwrap()];

    let mut v = ws::visitor(&app, None, None, 0).await;
    send(&mut v.socket, json!({"type": "trigger", "preview": token})).await;
    let greeting = expect_where(&mut v.socket, "message", |f| {
        f["message"]["author"] == "bot"
    })
    .await;
    assert!(greeting["message"]["body"]
        .as_str()
        .unwrap()
        .starts_with("Draft greeting"));
    let mut real = ws::visitor(&app, None, None, 0).await;
    send(&mut real.socket, json!({"type": "trigger"})).await;
    let published = expect_where(&mut real.socket, "message", |f| {
        f["message"]["author"] == "bot"
    })
    .await;
    assert!(published["message"]["body"]
        .as_str()
        .unwrap()
        .starts_with("Hi! I am the shop assistant."));
    let mut forger = ws::visitor(&app, None, None, 0).await;
    send(
        &mut forger.socket,
        json!({"type": "trigger", "preview": format!("{token}0")}),
    )
    .await;
    assert_eq!(
        expect(&mut forger.socket, "error").await["code"],
        "not_allowed"
    );
}

#[tokio::test]
async fn agents_may_look_but_not_change_and_other_accounts_see_nothing() {
    let app = spawn_app().await;
    app.add_agent(
        &app.account,
        "plain@example.com",
        Role::Agent,
        "plain-agent-pw",
    )
    .await;
    let agent = browser();
    app.login(&agent, "plain@example.com", "plain-agent-pw")
        .await;
    let bot = app
        .store
        .list_chatbots(app.account.id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        agent
            .get(app.at(&format!("/dashboard/chatbots/{}", bot.id)))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let token = csrf(&app, &agent, "/dashboard/chatbots").await;
    for action in ["delete", "enabled", "duplicate", "move", "publish"] {
        let response = agent
            .post(app.at(&format!("/dashboard/chatbots/{}/{action}", bot.id)))
            .form(&[
                ("csrf", token.as_str()),
                ("enabled", "false"),
                ("direction", "down"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{action}");
    }
    assert_eq!(
        app.store.list_chatbots(app.account.id).await.unwrap().len(),
        4
    );

    let other = app.other_account("Other").await;
    app.add_agent(&other, "boss@other.example", Role::Owner, "other-owner-pw")
        .await;
    let intruder = browser();
    app.login(&intruder, "boss@other.example", "other-owner-pw")
        .await;
    assert_eq!(
        intruder
            .get(app.at(&format!("/dashboard/chatbots/{}", bot.id)))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let token = csrf(&app, &intruder, "/dashboard/chatbots").await;
    let delete = intruder
        .post(app.at(&format!("/dashboard/chatbots/{}/delete", bot.id)))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), 404);
    assert!(app
        .store
        .chatbot(app.account.id, bot.id)
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn chatbots_reorder_disable_and_duplicate() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let before = app.store.list_chatbots(app.account.id).await.unwrap();
    let token = csrf(&app, &owner, "/dashboard/chatbots").await;
    let post = |path: String, form: Vec<(&'static str, String)>| {
        owner.post(app.at(&path)).form(&form).send()
    };
    post(
        format!("/dashboard/chatbots/{}/move", before[1].id),
        vec![("csrf", token.clone()), ("direction", "up".into())],
    )
    .await
    .unwrap();
    let after: Vec<i64> = app
        .store
        .list_chatbots(app.account.id)
        .await
        .unwrap()
        .iter()
        .map(|b| b.id)
        .collect();
    assert_eq!(after[..2], [before[1].id, before[0].id]);

    post(
        format!("/dashboard/chatbots/{}/enabled", before[0].id),
        vec![("csrf", token.clone()), ("enabled", "false".into())],
    )
    .await
    .unwrap();
    assert!(
        !app.store
            .chatbot(app.account.id, before[0].id)
            .await
            .unwrap()
            .unwrap()
            .enabled
    );
    // With the English bot disabled, an English visitor gets the account default's… none:
    // the default language is English too, so no chatbot triggers.
    let mut v = ws::visitor(&app, None, None, 0).await;
    send(&mut v.socket, json!({"type": "trigger"})).await;
    send(&mut v.socket, json!({"type": "ping"})).await;
    let next = ws::expect_any(&mut v.socket, &["status", "pong"]).await;
    assert_eq!(next["type"], "pong", "no chatbot ran");

    let copy = post(
        format!("/dashboard/chatbots/{}/duplicate", before[2].id),
        vec![("csrf", token.clone())],
    )
    .await
    .unwrap();
    assert_eq!(copy.status(), 303);
    let all = app.store.list_chatbots(app.account.id).await.unwrap();
    assert_eq!(all.len(), 5);
    let duplicate = all.iter().max_by_key(|b| b.id).unwrap();
    assert!(
        duplicate.name.ends_with("(copie)")
            || duplicate.name.contains("copy")
            || duplicate.name.contains("(kopie)")
            || duplicate.name.contains("(Kopie)"),
        "{}",
        duplicate.name
    );
    assert!(!duplicate.enabled && duplicate.published_version.is_none());
}
