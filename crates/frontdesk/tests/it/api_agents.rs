//! Agents over the API: added (once per Idempotency-Key) and deactivated, as an admin does
//! on the dashboard; owners stay out of an API key's reach.

use crate::{
    api::{assert_error, call, full_key, key, parts},
    helpers::{browser, spawn_app},
};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn an_agent_is_added_once_logs_in_and_is_deactivated() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let body = json!({"email": "Petr@Example.com", "name": "Petr", "role": "agent"});
    let add = |body: Value| {
        call(&app, &token, Method::POST, "/api/v1/agents")
            .header("Idempotency-Key", "hire-petr")
            .json(&body)
            .send()
    };
    let (status, added) = parts(add(body.clone()).await.unwrap()).await;
    assert_eq!(status, 201, "{added}");
    assert_eq!(added["agent"]["email"], "petr@example.com");
    assert_eq!(added["agent"]["role"], "agent");
    let password = added["password"].as_str().expect("a generated password");
    let petr = browser();
    assert_eq!(
        app.login(&petr, "petr@example.com", password)
            .await
            .status(),
        303
    );
    let (status, again) = parts(add(body).await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(again["agent"]["id"], added["agent"]["id"]);
    assert_eq!(again["password"], Value::Null);

    let id = added["agent"]["id"].as_i64().unwrap();
    let (status, inactive) = parts(
        call(&app, &token, Method::PATCH, &format!("/api/v1/agents/{id}"))
            .json(&json!({"state": "inactive"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{inactive}");
    assert_eq!(inactive["state"], "inactive");

    // Owners are out of reach; mistakes change nothing.
    let owner = call(&app, &token, Method::PATCH, "/api/v1/agents/1")
        .json(&json!({"state": "inactive"}))
        .send()
        .await
        .unwrap();
    assert_error(owner, 409, "conflict").await;
    for (bad, status, code) in [
        (
            json!({"email": "x@example.com", "name": "X", "role": "owner"}),
            400,
            "invalid_request",
        ),
        (
            json!({"email": "nope", "name": "X", "role": "agent"}),
            400,
            "invalid_request",
        ),
        (
            json!({"email": "x@example.com", "name": "X", "role": "agent", "password": "short"}),
            400,
            "invalid_request",
        ),
        (
            json!({"email": "petr@example.com", "name": "X", "role": "agent"}),
            409,
            "conflict",
        ),
    ] {
        let response = call(&app, &token, Method::POST, "/api/v1/agents")
            .json(&bad)
            .send()
            .await
            .unwrap();
        assert_error(response, status, code).await;
    }
    let (_, agents) = parts(
        call(&app, &token, Method::GET, "/api/v1/agents")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(agents.as_array().unwrap().len(), 2);
    let reader = key(&app, &app.account, &["agents:read"]).await;
    let response = call(&app, &reader, Method::POST, "/api/v1/agents")
        .json(&json!({"email": "y@example.com", "name": "Y", "role": "agent"}))
        .send()
        .await
        .unwrap();
    assert_error(response, 403, "forbidden").await;
}
