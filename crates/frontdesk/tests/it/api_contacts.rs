//! Contacts over the API (§1, §10): found, read, changed — also while the visitor is online
//! — exported and erased.

use crate::{
    api::{assert_error, call, full_key, key, parts},
    helpers::spawn_app,
    ws::{self, closed, expect, say, send, Ended},
};
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

fn visitor_id(v: &ws::Visitor) -> String {
    v.welcome["visitor_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn contacts_are_found_read_and_changed_without_a_live_visitor_undoing_it() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let mut jana = ws::visitor(&app, None, None, 0).await;
    send(
        &mut jana.socket,
        json!({"type": "identify", "name": "Jana Nováková", "email": "jana@example.com",
               "variables": {"Order": "1234"}}),
    )
    .await;
    say(&mut jana.socket, "c-1", "Hello").await;
    let _anonymous = ws::visitor(&app, None, None, 0).await;
    let id = visitor_id(&jana);

    let (status, page) = parts(
        call(&app, &token, Method::GET, "/api/v1/contacts")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let listed: Vec<&str> = page["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [id.as_str()], "anonymous visitors are not contacts");
    assert_eq!(page["contacts"][0]["name"], "Jana Nováková");
    assert_eq!(page["contacts"][0]["variables"]["Order"], "1234");
    let search = |q: &str| {
        call(&app, &token, Method::GET, "/api/v1/contacts")
            .query(&[("search", q)])
            .send()
    };
    let (_, found) = parts(search("NOVÁKOVÁ").await.unwrap()).await;
    assert_eq!(found["contacts"].as_array().unwrap().len(), 1, "{found}");
    let (_, none) = parts(search("nobody").await.unwrap()).await;
    assert!(none["contacts"].as_array().unwrap().is_empty());

    let path = format!("/api/v1/contacts/{id}");
    let (status, changed) = parts(
        call(&app, &token, Method::PATCH, &path)
            .json(
                &json!({"email": "Jana@New.example", "phone": "+420 777 123 456",
                          "variables": {"Plan": "pro", "Order": null}}),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["email"], "jana@new.example");
    assert_eq!(changed["variables"], json!({"Plan": "pro"}));

    // The visitor moves to another page, which saves their record: the change stays.
    tokio::time::sleep(Duration::from_millis(300)).await;
    send(
        &mut jana.socket,
        json!({"type": "page", "url": "http://localhost/pricing", "title": "Pricing"}),
    )
    .await;
    expect(&mut jana.socket, "chatbots").await;
    let (_, read) = parts(call(&app, &token, Method::GET, &path).send().await.unwrap()).await;
    assert_eq!(read["email"], "jana@new.example", "{read}");
    assert_eq!(read["phone"], "+420 777 123 456");
    assert_eq!(read["variables"], json!({"Plan": "pro"}));
    assert_eq!(read["current_url"], "http://localhost/pricing");

    // Bad values are refused and change nothing.
    for bad in [
        json!({"email": "not-an-address", "name": "Someone Else"}),
        json!({"phone": "call me"}),
        json!({"variables": {"with space": "x"}}),
    ] {
        let response = call(&app, &token, Method::PATCH, &path)
            .json(&bad)
            .send()
            .await
            .unwrap();
        assert_error(response, 400, "invalid_request").await;
    }
    let unknown = call(&app, &token, Method::PATCH, &path)
        .json(&json!({"nickname": "J"}))
        .send()
        .await
        .unwrap();
    assert_error(unknown, 400, "invalid_request").await;
    let (_, after) = parts(call(&app, &token, Method::GET, &path).send().await.unwrap()).await;
    assert_eq!(after["name"], "Jana Nováková");
    assert_eq!(after["email"], "jana@new.example");

    // An empty string clears a field.
    let (_, cleared) = parts(
        call(&app, &token, Method::PATCH, &path)
            .json(&json!({"phone": ""}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(cleared["phone"], Value::Null);
}

#[tokio::test]
async fn contacts_page_with_a_cursor_and_refuse_a_forged_one() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    for i in 0..5 {
        let mut v = app
            .store
            .create_visitor(app.account.id, &format!("v-{i}"), 1_000 + i)
            .await
            .unwrap();
        v.email = Some(format!("v{i}@example.com"));
        app.store.save_visitor(&v).await.unwrap();
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut request =
            call(&app, &token, Method::GET, "/api/v1/contacts").query(&[("limit", "2")]);
        if let Some(c) = &cursor {
            request = request.query(&[("cursor", c)]);
        }
        let (status, page) = parts(request.send().await.unwrap()).await;
        assert_eq!(status, 200, "{page}");
        for c in page["contacts"].as_array().unwrap() {
            seen.push(c["id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ["v-4", "v-3", "v-2", "v-1", "v-0"]);
    for forged in ["zz", "6b313a", "deadbeef"] {
        let response = call(&app, &token, Method::GET, "/api/v1/contacts")
            .query(&[("cursor", forged)])
            .send()
            .await
            .unwrap();
        assert_error(response, 400, "invalid_request").await;
    }
    let reader = key(&app, &app.account, &["conversations:read"]).await;
    let response = call(&app, &reader, Method::GET, "/api/v1/contacts")
        .send()
        .await
        .unwrap();
    assert_error(response, 403, "forbidden").await;
}

#[tokio::test]
async fn a_contact_is_exported_whole_then_erased_while_online() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    send(
        &mut v.socket,
        json!({"type": "identify", "name": "Petr", "email": "petr@example.com"}),
    )
    .await;
    let ack = say(&mut v.socket, "c-1", "My address is <b>Main Street 1</b>").await;
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();
    let id = visitor_id(&v);

    let (status, export) = parts(
        call(
            &app,
            &token,
            Method::GET,
            &format!("/api/v1/contacts/{id}/export"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{export}");
    assert_eq!(export["contact"]["email"], "petr@example.com");
    assert_eq!(
        export["conversations"][0]["conversation"]["id"],
        conversation
    );
    let bodies: Vec<&str> = export["conversations"][0]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert!(
        bodies.contains(&"My address is <b>Main Street 1</b>"),
        "{bodies:?}"
    );

    let erase = call(
        &app,
        &token,
        Method::DELETE,
        &format!("/api/v1/contacts/{id}"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(erase.status(), 204);
    // The chat box is told to forget the visitor and start over.
    assert_eq!(closed(&mut v.socket).await, Ended::Closed(4401));
    for path in [
        format!("/api/v1/contacts/{id}"),
        format!("/api/v1/contacts/{id}/export"),
        format!("/api/v1/conversations/{conversation}"),
    ] {
        let response = call(&app, &token, Method::GET, &path).send().await.unwrap();
        assert_error(response, 404, "not_found").await;
    }
    let again = call(
        &app,
        &token,
        Method::DELETE,
        &format!("/api/v1/contacts/{id}"),
    )
    .send()
    .await
    .unwrap();
    assert_error(again, 404, "not_found").await;
}

#[tokio::test]
async fn banning_through_the_api_closes_the_chat_box_and_the_conversation() {
    let app = spawn_app().await;
    let token = full_key(&app, &app.account).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let ack = say(&mut v.socket, "c-1", "spam").await;
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();
    let id = visitor_id(&v);
    let (status, banned) = parts(
        call(
            &app,
            &token,
            Method::PATCH,
            &format!("/api/v1/contacts/{id}"),
        )
        .json(&json!({"banned": true}))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{banned}");
    assert_eq!(banned["banned"], true);
    assert_eq!(closed(&mut v.socket).await, Ended::Closed(4403));
    let (_, c) = parts(
        call(
            &app,
            &token,
            Method::GET,
            &format!("/api/v1/conversations/{conversation}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(c["conversation"]["status"], "closed");
}
