//! The operator's endpoints (§1, §7.4): accounts created with their owner, moved between
//! plans, given their first API key — with an operator key only.

use crate::{
    api::{assert_error, call, full_key, parts},
    helpers::{browser, spawn_app, START_MS},
};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn an_operator_provisions_an_account_its_owner_and_its_first_api_key() {
    let app = spawn_app().await;
    let (_, operator) =
        frontdesk_server::api::keys::issue_operator(&*app.store, "Provisioning", START_MS)
            .await
            .unwrap();
    let body = json!({
        "name": "Shop s.r.o.", "allowed_domains": ["shop.example", "*.shop.example"],
        "time_zone": "Europe/Prague", "default_language": "cs", "plan": "PRO",
        "owner": {"email": "Boss@Shop.example", "name": "Jana"}
    });
    let create = |key: &str, body: Value| {
        call(&app, &operator, Method::POST, "/api/v1/operator/accounts")
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let (status, created) = parts(create("shop-1", body.clone()).await.unwrap()).await;
    assert_eq!(status, 201, "{created}");
    let id = created["account"]["id"].as_i64().unwrap();
    assert_eq!(created["account"]["time_zone"], "Europe/Prague");
    assert_eq!(
        created["account"]["allowed_domains"],
        json!(["shop.example", "*.shop.example"])
    );
    assert_eq!(created["owner"]["email"], "boss@shop.example");
    assert_eq!(created["owner"]["role"], "owner");
    let password = created["owner_password"]
        .as_str()
        .expect("a generated password");

    // The owner logs in to the dashboard with it.
    let owner = browser();
    let login = app.login(&owner, "boss@shop.example", password).await;
    assert_eq!(login.status(), 303, "the owner can log in");

    // A retry answers with the same account and does not show the password again.
    let (status, again) = parts(create("shop-1", body.clone()).await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(again["account"]["id"], id);
    assert_eq!(again["owner_password"], Value::Null);
    let (status, _) = parts(create("shop-1", json!({"name": "x"})).await.unwrap()).await;
    assert!(status == 409 || status == 400, "{status}");
    let (_, listed) = parts(
        call(&app, &operator, Method::GET, "/api/v1/operator/accounts")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        listed.as_array().unwrap().len(),
        2,
        "the demo account and the new one"
    );

    // Its first API key, for the account API.
    let (status, key) = parts(
        call(
            &app,
            &operator,
            Method::POST,
            &format!("/api/v1/operator/accounts/{id}/api-keys"),
        )
        .json(&json!({"name": "Shop CRM", "scopes": ["agents:read", "usage:read"]}))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{key}");
    let token = key["token"].as_str().unwrap();
    let (status, agents) = parts(
        call(&app, token, Method::GET, "/api/v1/agents")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        agents[0]["email"], "boss@shop.example",
        "the new account's agents"
    );

    // A plan change applies at once and is written to the ledger.
    let (status, moved) = parts(
        call(
            &app,
            &operator,
            Method::PATCH,
            &format!("/api/v1/operator/accounts/{id}"),
        )
        .json(&json!({"plan": "FREE", "office_hours": "mon-fri 08:00-16:00"}))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["plan"], "FREE");
    assert_eq!(moved["office_hours"], "mon-fri 08:00-16:00");
    let (_, usage) = parts(
        call(&app, token, Method::GET, "/api/v1/usage")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(usage["plan"], "FREE");
    let (_, ledger) = parts(
        call(&app, token, Method::GET, "/api/v1/billing/ledger")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ledger[0]["kind"], "plan_change");
    assert_eq!(ledger[0]["detail"], "PRO -> FREE");

    let (status, plans) = parts(
        call(&app, &operator, Method::GET, "/api/v1/operator/plans")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert!(plans.as_array().unwrap().iter().any(|p| p["code"] == "PRO"));
}

#[tokio::test]
async fn operator_mistakes_are_refused_whole_and_the_two_kinds_of_keys_stay_apart() {
    let app = spawn_app().await;
    let (key, operator) = frontdesk_server::api::keys::issue_operator(&*app.store, "Ops", START_MS)
        .await
        .unwrap();
    let owner =
        |email: &str| json!({"email": email, "name": "Jana", "password": "long enough password"});
    for (bad, status, code) in [
        (
            json!({"name": "A", "allowed_domains": [], "plan": "GOLD", "owner": owner("a@x.example")}),
            400,
            "invalid_request",
        ),
        (
            json!({"name": "A", "allowed_domains": ["not a domain"], "owner": owner("a@x.example")}),
            400,
            "invalid_request",
        ),
        (
            json!({"name": "A", "allowed_domains": [], "time_zone": "Mars/Olympus", "owner": owner("a@x.example")}),
            400,
            "invalid_request",
        ),
        (
            json!({"name": "A", "allowed_domains": [], "owner": {"email": "a@x.example", "name": "J", "password": "short"}}),
            400,
            "invalid_request",
        ),
        (
            json!({"name": "A", "allowed_domains": [], "owner": owner(&app.owner_email)}),
            409,
            "conflict",
        ),
        (
            json!({"name": "A", "allowed_domains": [], "owner": owner("a@x.example"), "color": "red"}),
            400,
            "invalid_request",
        ),
    ] {
        let response = call(&app, &operator, Method::POST, "/api/v1/operator/accounts")
            .json(&bad)
            .send()
            .await
            .unwrap();
        assert_error(response, status, code).await;
    }
    assert_eq!(
        app.store.list_accounts().await.unwrap().len(),
        1,
        "nothing half-made"
    );
    let unknown = call(
        &app,
        &operator,
        Method::PATCH,
        "/api/v1/operator/accounts/1",
    )
    .json(&json!({"plan": "GOLD"}))
    .send()
    .await
    .unwrap();
    assert_error(unknown, 400, "invalid_request").await;
    let missing = call(&app, &operator, Method::GET, "/api/v1/operator/accounts/99")
        .send()
        .await
        .unwrap();
    assert_error(missing, 404, "not_found").await;
    let bad_scope = call(
        &app,
        &operator,
        Method::POST,
        "/api/v1/operator/accounts/1/api-keys",
    )
    .json(&json!({"name": "x", "scopes": ["everything"]}))
    .send()
    .await
    .unwrap();
    assert_error(bad_scope, 400, "invalid_request").await;

    // An account's key cannot manage accounts; an operator key reads nothing inside one.
    let account_key = full_key(&app, &app.account).await;
    let response = call(&app, &account_key, Method::GET, "/api/v1/operator/accounts")
        .send()
        .await
        .unwrap();
    assert_error(response, 401, "unauthorized").await;
    let response = call(&app, &operator, Method::GET, "/api/v1/conversations")
        .send()
        .await
        .unwrap();
    assert_error(response, 401, "unauthorized").await;

    app.store
        .revoke_operator_key(key.id, START_MS)
        .await
        .unwrap();
    let response = call(&app, &operator, Method::GET, "/api/v1/operator/plans")
        .send()
        .await
        .unwrap();
    assert_error(response, 401, "unauthorized").await;
}
