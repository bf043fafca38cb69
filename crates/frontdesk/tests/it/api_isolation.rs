//! §10: a key of one account never reads or changes another account's data — every
//! resource of the other account is simply "not found".

use crate::{
    api::{assert_error, call, conversation, full_key, parts},
    helpers::spawn_app,
};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn another_accounts_key_gets_not_found_for_every_resource() {
    let app = spawn_app().await;
    let other = app.other_account("Other s.r.o.").await;
    let mine = conversation(&app, &app.account, "mine").await;
    let theirs_key = full_key(&app, &other).await;
    let own_key = full_key(&app, &app.account).await;
    let bots = app.store.list_chatbots(app.account.id).await.unwrap();
    let agents = app.store.list_agents(app.account.id).await.unwrap();
    let c = mine.id;

    for (method, path, body) in [
        (Method::GET, format!("/api/v1/conversations/{c}"), None),
        (
            Method::POST,
            format!("/api/v1/conversations/{c}/messages"),
            Some(json!({"body": "hi"})),
        ),
        (
            Method::POST,
            format!("/api/v1/conversations/{c}/tags"),
            Some(json!({"tag": "x"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/conversations/{c}/tags/x"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/conversations/{c}/assign"),
            Some(json!({"agent_id": null})),
        ),
        (
            Method::POST,
            format!("/api/v1/conversations/{c}/close"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/chatbots/{}", bots[0].id),
            None,
        ),
        (Method::GET, "/api/v1/contacts/mine".into(), None),
        (Method::GET, "/api/v1/contacts/mine/export".into(), None),
        (
            Method::PATCH,
            "/api/v1/contacts/mine".into(),
            Some(json!({"name": "Taken"})),
        ),
        (Method::DELETE, "/api/v1/contacts/mine".into(), None),
        (
            Method::PATCH,
            format!("/api/v1/agents/{}", agents[0].id.0),
            Some(json!({"state": "inactive"})),
        ),
    ] {
        let mut request = call(&app, &theirs_key, method.clone(), &path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        assert_error(request.send().await.unwrap(), 404, "not_found").await;
    }
    // The other account's own conversation cannot be given to this account's agent, nor
    // written as them.
    let theirs = conversation(&app, &other, "theirs").await;
    let assign = call(
        &app,
        &theirs_key,
        Method::POST,
        &format!("/api/v1/conversations/{}/assign", theirs.id),
    )
    .json(&json!({"agent_id": agents[0].id.0}))
    .send()
    .await
    .unwrap();
    assert_error(assign, 404, "not_found").await;
    let as_agent = call(
        &app,
        &theirs_key,
        Method::POST,
        &format!("/api/v1/conversations/{}/messages", theirs.id),
    )
    .json(&json!({"body": "hi", "agent_id": agents[0].id.0}))
    .send()
    .await
    .unwrap();
    assert_error(as_agent, 404, "not_found").await;

    let lists = [
        "/api/v1/conversations",
        "/api/v1/agents",
        "/api/v1/chatbots",
    ];
    for path in lists {
        let (status, body) = parts(
            call(&app, &theirs_key, Method::GET, path)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200);
        let text = body.to_string();
        assert!(!text.contains(&app.owner_email), "{path}: {text}");
        let items = body
            .get("conversations")
            .unwrap_or(&body)
            .as_array()
            .unwrap()
            .clone();
        assert!(
            items
                .iter()
                .all(|i| i["id"] != json!(c) || path != "/api/v1/conversations"),
            "{path}: {text}"
        );
    }
    let (_, listed) = parts(
        call(&app, &theirs_key, Method::GET, "/api/v1/conversations")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let ids: Vec<i64> = listed["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [theirs.id]);

    // Nothing changed on this account's side.
    let (status, detail) = parts(
        call(
            &app,
            &own_key,
            Method::GET,
            &format!("/api/v1/conversations/{c}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(detail["conversation"]["status"], "open");
    assert_eq!(detail["messages"], json!([]));
}
