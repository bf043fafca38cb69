//! `/api/v1/webhooks`: every operation, its refusals, and isolation between accounts.

use crate::{
    api::{assert_error, call, full_key, key, parts},
    helpers::{spawn_app, spawn_app_on},
    webhook_receiver::{create_hook, local_hooks, ping},
};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn every_webhook_operation_answers_as_documented() {
    let app = spawn_app_on(None, local_hooks).await;
    let token = full_key(&app, &app.account).await;
    let (status, empty) = parts(
        call(&app, &token, Method::GET, "/api/v1/webhooks")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, empty), (200, json!([])));

    let created = call(&app, &token, Method::POST, "/api/v1/webhooks")
        .json(&json!({"url": "http://127.0.0.1:9/hook", "events": ["conversation.closed", "message.created"]}))
        .send()
        .await
        .unwrap();
    let (status, created) = parts(created).await;
    assert_eq!(status, 201, "{created}");
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_") && secret.len() > 40);
    let id = created["webhook"]["id"].as_i64().unwrap();
    assert_eq!(
        created["webhook"]["events"],
        json!(["conversation.closed", "message.created"])
    );
    assert_eq!(created["webhook"]["enabled"], true);
    assert_eq!(created["webhook"]["description"], "");

    let path = format!("/api/v1/webhooks/{id}");
    let (status, read) = parts(call(&app, &token, Method::GET, &path).send().await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(read, created["webhook"]);
    assert!(read.get("secret").is_none(), "the secret is shown once");
    let (_, listed) = parts(
        call(&app, &token, Method::GET, "/api/v1/webhooks")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(listed, json!([read]));

    let patched = call(&app, &token, Method::PATCH, &path)
        .json(&json!({"description": "CRM", "events": ["*"], "enabled": false}))
        .send()
        .await
        .unwrap();
    let (status, patched) = parts(patched).await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["description"], "CRM");
    assert_eq!(patched["events"], json!(["*"]));
    assert_eq!(patched["enabled"], false);
    assert_eq!(patched["disabled_reason"], "manual");
    assert_eq!(
        patched["url"], "http://127.0.0.1:9/hook",
        "what was left out stays"
    );

    let rotate = format!("{path}/rotate-secret");
    let (status, rotated) = parts(
        call(&app, &token, Method::POST, &rotate)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{rotated}");
    assert_ne!(rotated["secret"].as_str().unwrap(), secret);

    call(&app, &token, Method::PATCH, &path)
        .json(&json!({"enabled": true}))
        .send()
        .await
        .unwrap();
    let delivery = ping(&app, &token, id).await;
    assert_eq!(delivery["event"], "ping");
    assert_eq!(delivery["webhook_id"], id);
    assert!(delivery["event_id"].as_str().unwrap().starts_with("evt_"));
    let payload: serde_json::Value =
        serde_json::from_str(delivery["payload"].as_str().unwrap()).unwrap();
    assert_eq!(payload["id"], delivery["event_id"]);
    assert_eq!(payload["type"], "ping");

    let log_path = format!("{path}/deliveries?limit=10");
    let (status, log) = parts(
        call(&app, &token, Method::GET, &log_path)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(log[0]["id"], delivery["id"]);
    let bad_limit = call(
        &app,
        &token,
        Method::GET,
        &format!("{path}/deliveries?limit=0"),
    )
    .send()
    .await
    .unwrap();
    assert_error(bad_limit, 400, "invalid_request").await;

    let redeliver = format!("{path}/deliveries/{}/redeliver", delivery["id"]);
    let (status, again) = parts(
        call(&app, &token, Method::POST, &redeliver)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 202, "{again}");
    assert_eq!(again["event_id"], delivery["event_id"]);
    let missing = call(
        &app,
        &token,
        Method::POST,
        &format!("{path}/deliveries/999999/redeliver"),
    )
    .send()
    .await
    .unwrap();
    assert_error(missing, 404, "not_found").await;

    let deleted = call(&app, &token, Method::DELETE, &path)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let gone = call(&app, &token, Method::GET, &path).send().await.unwrap();
    assert_error(gone, 404, "not_found").await;
    let gone = call(&app, &token, Method::DELETE, &path)
        .send()
        .await
        .unwrap();
    assert_error(gone, 404, "not_found").await;
}

#[tokio::test]
async fn bad_webhook_input_gets_a_clear_error() {
    let app = spawn_app_on(None, local_hooks).await;
    let token = full_key(&app, &app.account).await;
    let long = format!("https://example.com/{}", "a".repeat(2000));
    let cases = [
        (
            json!({"url": "ftp://example.com/"}),
            422,
            "invalid_webhook_url",
        ),
        (json!({"url": "not a url"}), 422, "invalid_webhook_url"),
        (
            json!({"url": "https://user:pw@example.com/"}),
            422,
            "invalid_webhook_url",
        ),
        (json!({"url": long}), 422, "invalid_webhook_url"),
        (
            json!({"url": "https://example.com/", "events": ["message.deleted"]}),
            422,
            "invalid_webhook_event",
        ),
        (
            json!({"url": "https://example.com/", "description": "x".repeat(201)}),
            422,
            "invalid_description",
        ),
        (
            json!({"url": "https://example.com/", "secret": "mine"}),
            400,
            "invalid_request",
        ),
        (json!({"events": ["*"]}), 400, "invalid_request"),
        (json!({"url": 5}), 400, "invalid_request"),
    ];
    for (body, status, code) in cases {
        let response = call(&app, &token, Method::POST, "/api/v1/webhooks")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_error(response, status, code).await;
    }
    let (id, _) = create_hook(&app, &token, "http://127.0.0.1:9/", &["*"]).await;
    let path = format!("/api/v1/webhooks/{id}");
    let response = call(&app, &token, Method::PATCH, &path)
        .json(&json!({"url": "gopher://x"}))
        .send()
        .await
        .unwrap();
    assert_error(response, 422, "invalid_webhook_url").await;
    let response = call(&app, &token, Method::PATCH, &path)
        .json(&json!({"enabled": "yes"}))
        .send()
        .await
        .unwrap();
    assert_error(response, 400, "invalid_request").await;
    let response = call(&app, &token, Method::GET, "/api/v1/webhooks/abc")
        .send()
        .await
        .unwrap();
    assert_error(response, 400, "invalid_request").await;

    let reader = key(&app, &app.account, &["webhooks:read"]).await;
    let response = call(&app, &reader, Method::POST, "/api/v1/webhooks")
        .json(&json!({"url": "https://example.com/"}))
        .send()
        .await
        .unwrap();
    assert_error(response, 403, "forbidden").await;
    let nothing = key(&app, &app.account, &["usage:read"]).await;
    let response = call(&app, &nothing, Method::GET, "/api/v1/webhooks")
        .send()
        .await
        .unwrap();
    assert_error(response, 403, "forbidden").await;
}

#[tokio::test]
async fn urls_pointing_inside_the_installation_are_refused_unless_allowed() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let own = format!("{}/api/v1/webhooks", app.url);
    let inside = [
        "http://127.0.0.1:8080/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost:9/",
        own.as_str(),
    ];
    for url in inside {
        let response = call(&app, &token, Method::POST, "/api/v1/webhooks")
            .json(&json!({"url": url}))
            .send()
            .await
            .unwrap();
        assert_error(response, 422, "webhook_url_forbidden").await;
    }
    let (status, body) = parts(
        call(&app, &token, Method::POST, "/api/v1/webhooks")
            .json(&json!({"url": "https://93.184.216.34/hook"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "a public address is fine: {body}");
    let path = format!("/api/v1/webhooks/{}", body["webhook"]["id"]);
    let response = call(&app, &token, Method::PATCH, &path)
        .json(&json!({"url": "http://10.0.0.1/"}))
        .send()
        .await
        .unwrap();
    assert_error(response, 422, "webhook_url_forbidden").await;
}

#[tokio::test]
async fn another_accounts_key_cannot_see_or_touch_a_webhook() {
    let app = spawn_app_on(None, local_hooks).await;
    let token = full_key(&app, &app.account).await;
    let (id, _) = create_hook(&app, &token, "http://127.0.0.1:9/", &["*"]).await;
    let delivery = ping(&app, &token, id).await;
    let other = app.other_account("Other").await;
    let intruder = full_key(&app, &other).await;

    let (_, listed) = parts(
        call(&app, &intruder, Method::GET, "/api/v1/webhooks")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(listed, json!([]));
    let hook = format!("/api/v1/webhooks/{id}");
    let attempts = [
        (Method::GET, hook.clone(), None),
        (Method::PATCH, hook.clone(), Some(json!({"enabled": false}))),
        (Method::POST, format!("{hook}/rotate-secret"), None),
        (Method::POST, format!("{hook}/ping"), None),
        (Method::GET, format!("{hook}/deliveries"), None),
        (
            Method::POST,
            format!("{hook}/deliveries/{}/redeliver", delivery["id"]),
            None,
        ),
        (Method::DELETE, hook.clone(), None),
    ];
    for (method, path, body) in attempts {
        let mut request = call(&app, &intruder, method.clone(), &path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        assert_error(request.send().await.unwrap(), 404, "not_found").await;
    }
    let (status, still) = parts(call(&app, &token, Method::GET, &hook).send().await.unwrap()).await;
    assert_eq!(
        (status, &still["enabled"]),
        (200, &json!(true)),
        "untouched"
    );

    // A delivery id of one endpoint is not reachable through another of the same account.
    let (second, _) = create_hook(&app, &token, "http://127.0.0.1:9/", &["*"]).await;
    let crossed = format!(
        "/api/v1/webhooks/{second}/deliveries/{}/redeliver",
        delivery["id"]
    );
    assert_error(
        call(&app, &token, Method::POST, &crossed)
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
}
