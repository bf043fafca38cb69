//! Editing chatbot flows through the API: the ETag versions the draft, so two editors
//! never overwrite each other unseen; validation and publishing as in the dashboard.

use crate::{
    api::{assert_error, call, full_key, key, parts},
    helpers::spawn_app,
};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn a_draft_edit_needs_the_current_etag_and_publishing_needs_a_clean_flow() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let bot = app.store.list_chatbots(app.account.id).await.unwrap()[0].clone();
    let path = format!("/api/v1/chatbots/{}", bot.id);

    let read = call(&app, &token, Method::GET, &path).send().await.unwrap();
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    let (_, detail) = parts(read).await;
    let mut document = detail["draft"].clone();
    document["name"] = json!("FAQ, edited by the API");
    let put = |etag: Option<&str>, document: Value| {
        let mut request = call(&app, &token, Method::PUT, &format!("{path}/draft"))
            .json(&json!({"document": document}));
        if let Some(etag) = etag {
            request = request.header("If-Match", etag);
        }
        request.send()
    };

    let saved = put(Some(&etag), document.clone()).await.unwrap();
    assert_eq!(saved.status(), 200);
    let new_etag = saved.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_etag, etag, "a saved edit is a new version");
    let (_, saved) = parts(saved).await;
    assert_eq!(saved["chatbot"]["name"], "FAQ, edited by the API");

    let mut late = document.clone();
    late["name"] = json!("A late edit");
    assert_error(
        put(Some(&etag), late.clone()).await.unwrap(),
        412,
        "precondition_failed",
    )
    .await;
    assert_error(put(None, late).await.unwrap(), 428, "precondition_required").await;
    assert_error(
        put(Some(&new_etag), json!({"not": "a flow"}))
            .await
            .unwrap(),
        400,
        "invalid_request",
    )
    .await;
    let stored = app
        .store
        .chatbot(app.account.id, bot.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.name, "FAQ, edited by the API",
        "refused edits change nothing"
    );

    let check = |document: Value| {
        call(&app, &token, Method::POST, &format!("{path}/validate"))
            .json(&json!({"document": document}))
            .send()
    };
    let (status, fine) = parts(check(document.clone()).await.unwrap()).await;
    assert_eq!(
        (status, &fine["parse_error"]),
        (200, &Value::Null),
        "{fine}"
    );
    let (_, broken) = parts(check(json!("nodes: [")).await.unwrap()).await;
    assert!(broken["parse_error"].is_string(), "{broken}");

    let before = bot.published_version.unwrap_or(0);
    let (status, published) = parts(
        call(&app, &token, Method::POST, &format!("{path}/publish"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{published}");
    assert_eq!(published["published_version"], before + 1);

    let mut wrong = document.clone();
    wrong["language"] = json!("not a language");
    let (status, with_errors) = parts(put(Some(&new_etag), wrong).await.unwrap()).await;
    assert_eq!(status, 200, "a draft with errors is kept: {with_errors}");
    assert!(with_errors["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error"));
    let refused = call(&app, &token, Method::POST, &format!("{path}/publish"))
        .send()
        .await
        .unwrap();
    assert_error(refused, 409, "conflict").await;

    let reader = key(&app, &app.account, &["chatbots:read"]).await;
    let forbidden = call(&app, &reader, Method::POST, &format!("{path}/publish"))
        .send()
        .await
        .unwrap();
    assert_error(forbidden, 403, "forbidden").await;
}

#[tokio::test]
async fn another_accounts_key_cannot_read_check_edit_or_publish_a_chatbot() {
    let app = spawn_app().await;
    let other = app.other_account("Other").await;
    let token = full_key(&app, &other).await;
    let bot = app.store.list_chatbots(app.account.id).await.unwrap()[0].clone();
    let path = format!("/api/v1/chatbots/{}", bot.id);
    let document = json!({"document": serde_json::from_str::<Value>(&bot.draft).unwrap()});
    for (method, suffix) in [
        (Method::GET, ""),
        (Method::POST, "/validate"),
        (Method::PUT, "/draft"),
        (Method::POST, "/publish"),
    ] {
        let response = call(&app, &token, method, &format!("{path}{suffix}"))
            .header("If-Match", "\"x\"")
            .json(&document)
            .send()
            .await
            .unwrap();
        assert_error(response, 404, "not_found").await;
    }
    let stored = app
        .store
        .chatbot(app.account.id, bot.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, bot);
}

#[tokio::test]
async fn a_chatbot_is_created_once_per_idempotency_key_and_can_be_published() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let before = app.store.list_chatbots(app.account.id).await.unwrap().len();
    let create = |key: &str, body: Value| {
        call(&app, &token, Method::POST, "/api/v1/chatbots")
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let body = json!({"name": "Leads DE", "template": "lead-capture", "language": "de"});
    let first = create("setup-1", body.clone()).await.unwrap();
    assert_eq!(first.status(), 201);
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let (_, first) = parts(first).await;
    assert_eq!(first["chatbot"]["name"], "Leads DE");
    assert_eq!(first["chatbot"]["language"], "de");
    assert_eq!(first["chatbot"]["published_version"], Value::Null);
    assert_eq!(first["draft"]["language"], "de");

    // The client timed out and retries: the same chatbot, nothing new.
    let (status, again) = parts(create("setup-1", body.clone()).await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(again["chatbot"]["id"], first["chatbot"]["id"]);
    let (status, reused) = parts(
        create("setup-1", json!({"name": "Something else"}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, reused["error"]["code"].as_str()),
        (409, Some("conflict"))
    );
    assert_eq!(
        app.store.list_chatbots(app.account.id).await.unwrap().len(),
        before + 1
    );

    // From a document, without a key: each request creates one.
    let document = json!({"version": 1, "name": "Hours", "language": "en", "start": "a",
        "nodes": {"a": {"kind": "end", "text": "We answer 9-17."}}});
    let (status, from_document) = parts(
        call(&app, &token, Method::POST, "/api/v1/chatbots")
            .json(&json!({"document": document}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{from_document}");
    assert_eq!(from_document["chatbot"]["name"], "Hours");
    let id = from_document["chatbot"]["id"].as_i64().unwrap();
    let published = call(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/chatbots/{id}/publish"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(published.status(), 200);
    // The ETag returned on creation is the draft's version.
    let read = call(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/chatbots/{}", first["chatbot"]["id"]),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(read.headers()["etag"].to_str().unwrap(), etag);

    for bad in [
        json!({"template": "faq-menu", "document": document}),
        json!({"template": "no-such-template"}),
        json!({"language": "xx"}),
        json!({"document": "not: [a flow"}),
        json!({"name": ""}),
        json!({"colour": "red"}),
    ] {
        let response = call(&app, &token, Method::POST, "/api/v1/chatbots")
            .json(&bad)
            .send()
            .await
            .unwrap();
        assert_error(response, 400, "invalid_request").await;
    }
    let reader = key(&app, &app.account, &["chatbots:read"]).await;
    let response = call(&app, &reader, Method::POST, "/api/v1/chatbots")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_error(response, 403, "forbidden").await;
    assert_eq!(
        app.store.list_chatbots(app.account.id).await.unwrap().len(),
        before + 2,
        "refused requests create nothing"
    );
}
