//! The REST API (§9) over HTTP: keys, scopes, the error shape, every endpoint.

use crate::{
    helpers::{spawn_app, spawn_app_with, TestApp, START_MS},
    ws::{self, expect_where, say},
};
use frontdesk_core::{
    account::Account,
    api_key::{parse_scopes, Scope},
    conversation::{Conversation, ConversationStatus},
};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::{json, Value};

/// A key of `account` with `scopes`; returns its token.
pub async fn key(app: &TestApp, account: &Account, scopes: &[&str]) -> String {
    let scopes = parse_scopes(scopes).unwrap();
    let (_, token) =
        frontdesk_server::api::keys::issue(&*app.store, account.id, "Test key", scopes, START_MS)
            .await
            .unwrap();
    token
}

/// A key with every scope.
pub async fn full_key(app: &TestApp, account: &Account) -> String {
    let all: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
    key(app, account, &all).await
}

pub fn call(app: &TestApp, token: &str, method: Method, path: &str) -> RequestBuilder {
    Client::new()
        .request(method, app.at(path))
        .bearer_auth(token)
}

/// The status and JSON body of a response.
pub async fn parts(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    (status, body)
}

/// Asserts the API's error shape with `status` and `code`.
pub async fn assert_error(response: Response, status: u16, code: &str) {
    let (got, body) = parts(response).await;
    assert_eq!(
        (got, body["error"]["code"].as_str()),
        (status, Some(code)),
        "{body}"
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}

/// A conversation in which the visitor took part, created directly in the store.
pub async fn conversation(app: &TestApp, account: &Account, visitor: &str) -> Conversation {
    if app
        .store
        .visitor(account.id, visitor)
        .await
        .unwrap()
        .is_none()
    {
        app.store
            .create_visitor(account.id, visitor, START_MS)
            .await
            .unwrap();
    }
    let mut c = app
        .store
        .create_conversation(account.id, visitor, ConversationStatus::Open, START_MS)
        .await
        .unwrap();
    c.visitor_acted = true;
    app.store.save_conversation(&c).await.unwrap();
    c
}

#[tokio::test]
async fn a_reply_through_the_api_reaches_the_visitor_live_and_a_retry_stores_once() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let ack = say(&mut v.socket, "c-1", "Where is my order?").await;
    let id = ack["message"]["conversation_id"].as_i64().unwrap();
    let path = format!("/api/v1/conversations/{id}/messages");

    let send = || {
        call(&app, &token, Method::POST, &path)
            .header("Idempotency-Key", "crm-42")
            .json(&json!({"body": "It ships today."}))
            .send()
    };
    let (status, first) = parts(send().await.unwrap()).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["author"], "agent");
    assert_eq!(first["author_name"], "Test key");
    assert_eq!(first["kind"], "message");
    let live = expect_where(&mut v.socket, "message", |f| {
        f["message"]["body"] == "It ships today."
    })
    .await;
    assert_eq!(live["message"]["author_name"], "Test key");

    let (status, again) = parts(send().await.unwrap()).await;
    assert_eq!(status, 200, "a retry is answered with the stored message");
    assert_eq!(again["id"], first["id"]);
    // The same key for another message is a mistake, not a retry: refused, nothing stored.
    let (status, reused) = parts(
        call(&app, &token, Method::POST, &path)
            .header("Idempotency-Key", "crm-42")
            .json(&json!({"body": "It ships tomorrow."}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{reused}");
    assert_eq!(reused["error"]["code"], "conflict");

    let note = call(&app, &token, Method::POST, &path)
        .json(&json!({"body": "VIP customer", "note": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(note.status(), 201);
    let (_, owner) = parts(
        call(&app, &token, Method::GET, "/api/v1/agents")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let owner_id = owner[0]["id"].as_i64().unwrap();
    let as_agent = call(&app, &token, Method::POST, &path)
        .json(&json!({"body": "Anything else?", "agent_id": owner_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(as_agent.status(), 201);

    let (status, detail) = parts(
        call(
            &app,
            &token,
            Method::GET,
            &format!("/api/v1/conversations/{id}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let bodies: Vec<(&str, &str)> = detail["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] != "event")
        .map(|m| (m["kind"].as_str().unwrap(), m["body"].as_str().unwrap()))
        .collect();
    assert_eq!(
        bodies,
        [
            ("message", "Where is my order?"),
            ("message", "It ships today."),
            ("note", "VIP customer"),
            ("message", "Anything else?"),
        ],
        "the retry was stored once"
    );
    assert_eq!(detail["conversation"]["status"], "served");
    assert_eq!(
        detail["conversation"]["assigned_agent_id"], owner_id,
        "an agent replying to an unassigned conversation joins it"
    );
}

#[tokio::test]
async fn conversations_are_listed_with_filters_and_an_opaque_cursor() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(conversation(&app, &app.account, &format!("v{i}")).await.id);
    }
    ids.reverse();
    let get = |query: String| {
        let request = call(
            &app,
            &token,
            Method::GET,
            &format!("/api/v1/conversations{query}"),
        );
        async move { parts(request.send().await.unwrap()).await }
    };
    let mut seen = Vec::new();
    let mut query = "?limit=2".to_owned();
    loop {
        let (status, page) = get(query.clone()).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(
            page["conversations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, ids, "newest first, each once");

    let tagged = call(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/conversations/{}/tags", ids[1]),
    )
    .json(&json!({"tag": "billing"}))
    .send()
    .await
    .unwrap();
    assert_eq!(tagged.status(), 200);
    let closed = call(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/conversations/{}/close", ids[2]),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(closed.status(), 200);
    let only = |page: &Value| -> Vec<i64> {
        page["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(only(&get("?tag=billing".into()).await.1), [ids[1]]);
    assert_eq!(only(&get("?status=closed".into()).await.1), [ids[2]]);
    assert_eq!(
        only(&get("?status=open&tag=billing".into()).await.1),
        [ids[1]]
    );

    for bad in [
        "?cursor=nonsense",
        "?cursor=6331",
        "?limit=0",
        "?limit=101",
        "?limit=many",
        "?status=archived",
        "?colour=blue",
    ] {
        let response = call(
            &app,
            &token,
            Method::GET,
            &format!("/api/v1/conversations{bad}"),
        )
        .send()
        .await
        .unwrap();
        assert_error(response, 400, "invalid_request").await;
    }
}

#[tokio::test]
async fn tag_assign_and_close_act_like_the_inbox() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let c = conversation(&app, &app.account, "v").await;
    let base = format!("/api/v1/conversations/{}", c.id);
    let post = |path: &str, body: Value| {
        call(&app, &token, Method::POST, &format!("{base}{path}"))
            .json(&body)
            .send()
    };
    let (_, after) = parts(post("/tags", json!({"tag": "vip"})).await.unwrap()).await;
    assert_eq!(after["tags"], json!(["vip"]));
    let removed = call(&app, &token, Method::DELETE, &format!("{base}/tags/vip"))
        .send()
        .await
        .unwrap();
    assert_eq!(parts(removed).await.1["tags"], json!([]));

    let agents = app.store.list_agents(app.account.id).await.unwrap();
    let (status, assigned) = parts(
        post("/assign", json!({"agent_id": agents[0].id.0}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(assigned["assigned_agent_id"], agents[0].id.0);
    assert_error(
        post("/assign", json!({"agent_id": 999_999})).await.unwrap(),
        404,
        "not_found",
    )
    .await;
    let (_, nobody) = parts(post("/assign", json!({"agent_id": null})).await.unwrap()).await;
    assert_eq!(nobody["assigned_agent_id"], Value::Null);

    let (_, closed) = parts(post("/close", json!({})).await.unwrap()).await;
    assert_eq!(closed["status"], "closed");
    assert_error(
        post("/messages", json!({"body": "Hello?"})).await.unwrap(),
        409,
        "conflict",
    )
    .await;
    let (_, detail) = parts(call(&app, &token, Method::GET, &base).send().await.unwrap()).await;
    let events: Vec<&str> = detail["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["event"].as_str())
        .collect();
    assert_eq!(events, ["tagged", "transferred", "closed"]);
}

#[tokio::test]
async fn keys_are_refused_when_missing_unknown_revoked_or_short_of_a_scope() {
    let app = spawn_app().await;
    let c = conversation(&app, &app.account, "v").await;
    let path = format!("/api/v1/conversations/{}", c.id);
    let anonymous = Client::new().get(app.at(&path)).send().await.unwrap();
    assert_eq!(anonymous.headers()["www-authenticate"], "Bearer");
    assert_error(anonymous, 401, "unauthorized").await;
    for bogus in ["fdk_0000", "not-a-key", ""] {
        let response = call(&app, bogus, Method::GET, &path).send().await.unwrap();
        assert_error(response, 401, "unauthorized").await;
    }
    let basic = Client::new()
        .get(app.at(&path))
        .basic_auth("user", Some("pass"))
        .send()
        .await
        .unwrap();
    assert_error(basic, 401, "unauthorized").await;

    let reader = key(&app, &app.account, &["conversations:read"]).await;
    assert_eq!(
        call(&app, &reader, Method::GET, &path)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let write = call(&app, &reader, Method::POST, &format!("{path}/close"))
        .send()
        .await
        .unwrap();
    assert_error(write, 403, "forbidden").await;
    for other in ["/api/v1/agents", "/api/v1/chatbots", "/api/v1/usage"] {
        let response = call(&app, &reader, Method::GET, other)
            .send()
            .await
            .unwrap();
        assert_error(response, 403, "forbidden").await;
    }

    let stored = app.store.list_api_keys(app.account.id).await.unwrap();
    assert!(stored[0].last_used_at_ms.is_some(), "use is recorded");
    app.store
        .revoke_api_key(app.account.id, stored[0].id, START_MS)
        .await
        .unwrap();
    let revoked = call(&app, &reader, Method::GET, &path)
        .send()
        .await
        .unwrap();
    assert_error(revoked, 401, "unauthorized").await;
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_in_one_shape_never_a_500() {
    let app = spawn_app_with(|c| c.http.body_limit_bytes = 16 * 1024).await;
    let token = full_key(&app, &app.account).await;
    let c = conversation(&app, &app.account, "v").await;
    let messages = format!("/api/v1/conversations/{}/messages", c.id);
    let post = |body: Value| {
        call(&app, &token, Method::POST, &messages)
            .json(&body)
            .send()
    };
    for (body, code) in [
        (json!({"body": "hi", "colour": "blue"}), "invalid_request"),
        (json!({"body": 42}), "invalid_request"),
        (json!({"note": true}), "invalid_request"),
        (json!({"body": ""}), "invalid_request"),
        (json!({"body": "a\u{0}b"}), "invalid_request"),
        (json!({"body": "x".repeat(6000)}), "invalid_request"),
        (json!([1, 2]), "invalid_request"),
    ] {
        assert_error(post(body).await.unwrap(), 400, code).await;
    }
    let not_json = call(&app, &token, Method::POST, &messages)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_error(not_json, 400, "invalid_request").await;
    let text = call(&app, &token, Method::POST, &messages)
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_error(text, 415, "unsupported_media_type").await;
    let huge = post(json!({"body": "x".repeat(64 * 1024)})).await.unwrap();
    assert_error(huge, 413, "payload_too_large").await;
    let bad_key = call(&app, &token, Method::POST, &messages)
        .header("Idempotency-Key", "x".repeat(200))
        .json(&json!({"body": "hi"}))
        .send()
        .await
        .unwrap();
    assert_error(bad_key, 400, "invalid_request").await;

    for (method, path, status, code) in [
        (
            Method::GET,
            "/api/v1/conversations/abc",
            400,
            "invalid_request",
        ),
        (
            Method::GET,
            "/api/v1/conversations/99999999999999999999",
            400,
            "invalid_request",
        ),
        (Method::GET, "/api/v1/conversations/-1", 404, "not_found"),
        (Method::GET, "/api/v1/nothing-here", 404, "not_found"),
        (Method::GET, "/api/v2/conversations", 404, "not_found"),
        (
            Method::PUT,
            "/api/v1/conversations",
            405,
            "method_not_allowed",
        ),
        (Method::GET, "/api/v1/chatbots/0", 404, "not_found"),
    ] {
        let response = call(&app, &token, method, path).send().await.unwrap();
        assert_error(response, status, code).await;
    }
}

#[tokio::test]
async fn each_key_has_its_own_request_budget() {
    let app = spawn_app_with(|c| c.api.requests_per_minute = 3).await;
    let first = full_key(&app, &app.account).await;
    let second = full_key(&app, &app.account).await;
    for _ in 0..3 {
        let ok = call(&app, &first, Method::GET, "/api/v1/usage")
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), 200);
    }
    let limited = call(&app, &first, Method::GET, "/api/v1/usage")
        .send()
        .await
        .unwrap();
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_error(limited, 429, "rate_limited").await;
    let other = call(&app, &second, Method::GET, "/api/v1/usage")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200, "another key is not slowed down");
}

#[tokio::test]
async fn agents_chatbots_and_usage_read_as_the_dashboard_shows_them() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let get = |path: &str| call(&app, &token, Method::GET, path).send();
    let (status, agents) = parts(get("/api/v1/agents").await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(agents[0]["email"], app.owner_email.as_str());
    assert_eq!(agents[0]["role"], "owner");

    let (status, bots) = parts(get("/api/v1/chatbots").await.unwrap()).await;
    assert_eq!(status, 200);
    let bots = bots.as_array().unwrap();
    assert!(!bots.is_empty(), "the demo account has its FAQ chatbots");
    let id = bots[0]["id"].as_i64().unwrap();
    let (status, bot) = parts(get(&format!("/api/v1/chatbots/{id}")).await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(bot["chatbot"]["name"], bots[0]["name"]);
    assert!(
        bot["draft"]["nodes"].is_array() || bot["draft"]["nodes"].is_object(),
        "{bot}"
    );

    let (status, usage) = parts(get("/api/v1/usage").await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(usage["plan"], app.account.plan.as_str());
    assert_eq!(usage["used"], 0);
    assert!(usage["period_end"].as_i64() > usage["period_start"].as_i64());
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let app = spawn_app().await;
    let response = Client::new()
        .get(app.at("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    let (status, doc) = parts(response).await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(
        doc["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
    for (path, methods) in [
        ("/api/v1/conversations", &["get"][..]),
        ("/api/v1/conversations/{id}", &["get"]),
        ("/api/v1/conversations/{id}/messages", &["post"]),
        ("/api/v1/conversations/{id}/tags", &["post"]),
        ("/api/v1/conversations/{id}/tags/{tag}", &["delete"]),
        ("/api/v1/conversations/{id}/assign", &["post"]),
        ("/api/v1/conversations/{id}/close", &["post"]),
        ("/api/v1/agents", &["get", "post"]),
        ("/api/v1/agents/{id}", &["patch"]),
        ("/api/v1/chatbots", &["get", "post"]),
        ("/api/v1/chatbots/{id}", &["get"]),
        ("/api/v1/chatbots/{id}/validate", &["post"]),
        ("/api/v1/chatbots/{id}/draft", &["put"]),
        ("/api/v1/chatbots/{id}/publish", &["post"]),
        ("/api/v1/usage", &["get"]),
        ("/api/v1/contacts", &["get"]),
        ("/api/v1/contacts/{id}", &["get", "patch", "delete"]),
        ("/api/v1/contacts/{id}/export", &["get"]),
        ("/api/v1/stats/conversations", &["get"]),
        ("/api/v1/stats/chatbots", &["get"]),
        ("/api/v1/usage/history", &["get"]),
        ("/api/v1/billing/ledger", &["get"]),
        ("/api/v1/operator/accounts", &["get", "post"]),
        ("/api/v1/operator/accounts/{id}", &["get", "patch"]),
        ("/api/v1/operator/accounts/{id}/api-keys", &["post"]),
        ("/api/v1/operator/plans", &["get"]),
        ("/api/v1/webhooks", &["get", "post"]),
        ("/api/v1/webhooks/{id}", &["get", "patch", "delete"]),
        ("/api/v1/webhooks/{id}/rotate-secret", &["post"]),
        ("/api/v1/webhooks/{id}/ping", &["post"]),
        ("/api/v1/webhooks/{id}/deliveries", &["get"]),
        (
            "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver",
            &["post"],
        ),
    ] {
        for method in methods {
            let operation = &doc["paths"][path][method];
            assert!(operation.is_object(), "{method} {path} is missing");
            for status in ["401", "403", "429"] {
                assert!(
                    operation["responses"][status].is_object(),
                    "{method} {path} {status}"
                );
            }
        }
    }
    assert_eq!(
        doc["paths"].as_object().unwrap().len(),
        32,
        "no endpoint undocumented"
    );
}
