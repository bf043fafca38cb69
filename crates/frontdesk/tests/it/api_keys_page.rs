//! The API keys page of the dashboard: creating a key shows its token once, the key works
//! within its scopes, revoking stops it at once; only owners and admins get there.

use crate::{
    api::{assert_error, call},
    helpers::{browser, csrf_in, spawn_app, spawn_app_on, TestApp},
};
use frontdesk_core::agent::Role;
use reqwest::{Client, Method, Response};

const PAGE: &str = "/dashboard/api-keys";

async fn open_page(app: &TestApp, client: &Client) -> String {
    let response = client.get(app.at(PAGE)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

/// Posts the create form with the session's CSRF token.
async fn create(app: &TestApp, client: &Client, name: &str, scopes: &[&str]) -> Response {
    let page = open_page(app, client).await;
    let csrf = csrf_in(&page);
    let request_id = request_id_in(&page);
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("request_id", request_id.as_str()),
        ("name", name),
    ];
    form.extend(scopes.iter().map(|s| ("scope", *s)));
    client.post(app.at(PAGE)).form(&form).send().await.unwrap()
}

/// The form's one-time request id, as a browser would send it back.
fn request_id_in(html: &str) -> String {
    let marker = "name=\"request_id\" value=\"";
    let start = html.find(marker).expect("the form has a request id") + marker.len();
    html[start..start + 64].to_owned()
}

/// The token the page shows after creating a key.
fn token_in(html: &str) -> String {
    let marker = "id=\"new-key-token\" value=\"";
    let start = html.find(marker).expect("the page shows the new token") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

async fn revoke(app: &TestApp, client: &Client, id: i64, csrf: &str) -> Response {
    client
        .post(app.at(&format!("{PAGE}/{id}/revoke")))
        .form(&[("csrf", csrf)])
        .send()
        .await
        .unwrap()
}

async fn key_count(app: &TestApp) -> usize {
    app.store.list_api_keys(app.account.id).await.unwrap().len()
}

/// The whole life of a key, as an owner goes through it.
async fn a_key_is_created_used_and_revoked(app: &TestApp) {
    let owner = app.owner_browser().await;
    let page = open_page(app, &owner).await;
    assert!(
        page.contains("href=\"/api/docs\""),
        "links the API reference"
    );
    assert!(page.contains("agents:read") && page.contains("webhooks:write"));
    assert!(
        page.contains("list the agents of the account"),
        "each scope is described"
    );

    let created = create(
        app,
        &owner,
        "CRM sync",
        &["agents:read", "conversations:read"],
    )
    .await;
    assert_eq!(created.status(), 200);
    assert_eq!(
        created.headers()["cache-control"],
        "no-store",
        "no cache keeps the token"
    );
    let page = created.text().await.unwrap();
    let token = token_in(&page);
    assert!(token.starts_with("fdk_"), "{token}");
    assert!(page.contains("it will not be shown again"), "{page}");

    let agents = call(app, &token, Method::GET, "/api/v1/agents")
        .send()
        .await
        .unwrap();
    assert_eq!(agents.status(), 200, "agents:read was granted");
    let contacts = call(app, &token, Method::GET, "/api/v1/contacts")
        .send()
        .await
        .unwrap();
    assert_error(contacts, 403, "forbidden").await;

    let reloaded = open_page(app, &owner).await;
    assert!(!reloaded.contains(&token), "the token is shown only once");
    assert!(!reloaded.contains("new-key-token"));
    let hint = &token[..12];
    assert!(
        reloaded.contains(&format!("{hint}…")),
        "the hint tells it apart"
    );
    assert!(reloaded.contains("CRM sync"));
    assert!(!reloaded.contains("never"), "the API call was recorded");

    let key = &app.store.list_api_keys(app.account.id).await.unwrap()[0];
    let revoked = revoke(app, &owner, key.id, &csrf_in(&reloaded)).await;
    assert_eq!(revoked.status(), 303);
    assert_eq!(
        revoked.headers()["location"],
        "/dashboard/api-keys?notice=revoked"
    );
    let after = call(app, &token, Method::GET, "/api/v1/agents")
        .send()
        .await
        .unwrap();
    assert_error(after, 401, "unauthorized").await;

    let listed = owner
        .get(app.at("/dashboard/api-keys?notice=revoked"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(listed.contains("The key is revoked"), "{listed}");
    assert!(listed.contains("CRM sync"), "a revoked key stays listed");
    assert!(listed.contains("Revoked 2026-"), "{listed}");
    assert!(
        !listed.contains(&format!("{PAGE}/{}/revoke", key.id)),
        "a revoked key has no revoke button"
    );
}

#[tokio::test]
async fn an_owner_creates_a_key_sees_its_token_once_and_revokes_it() {
    a_key_is_created_used_and_revoked(&spawn_app().await).await;
}

#[tokio::test]
async fn the_api_keys_page_works_on_postgres() {
    let Some(url) = crate::helpers::fresh_postgres().await else {
        return;
    };
    let mut app = spawn_app_on(Some(url.clone()), |_| {}).await;
    a_key_is_created_used_and_revoked(&app).await;
    app.stop().await;
    app.store.close().await;
    crate::helpers::drop_postgres(&url).await;
}

#[tokio::test]
async fn a_key_without_a_good_name_or_any_scope_is_refused_with_the_form_as_typed() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;

    let unnamed = create(&app, &owner, "   ", &["stats:read"]).await;
    assert_eq!(unnamed.status(), 422);
    let page = unnamed.text().await.unwrap();
    assert!(
        page.contains("Give the key a name of 1 to 100 characters"),
        "{page}"
    );
    assert!(
        page.contains("value=\"stats:read\" checked"),
        "the ticked scope stays"
    );
    assert!(!page.contains("value=\"usage:read\" checked"));

    let too_long = "k".repeat(101);
    let page = create(&app, &owner, &too_long, &["stats:read"])
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Give the key a name of 1 to 100 characters"));

    let no_scope = create(&app, &owner, "Reporting", &[]).await;
    assert_eq!(no_scope.status(), 422);
    let page = no_scope.text().await.unwrap();
    assert!(page.contains("Tick at least one scope"), "{page}");
    assert!(
        page.contains("value=\"Reporting\""),
        "the name stays as typed"
    );
    assert!(!page.contains("new-key-token"));

    let forged_scope = create(&app, &owner, "Reporting", &["everything:write"]).await;
    assert_eq!(forged_scope.status(), 422);
    assert_eq!(key_count(&app).await, 0, "nothing was created");
}

#[tokio::test]
async fn an_agent_can_neither_see_nor_use_the_api_keys_page() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    assert!(open_page(&app, &owner).await.contains("API keys"));
    let dashboard = owner.get(app.at("/dashboard")).send().await.unwrap();
    assert!(dashboard
        .text()
        .await
        .unwrap()
        .contains("href=\"/dashboard/api-keys\""));
    create(&app, &owner, "Owner's key", &["usage:read"]).await;
    let key = app.store.list_api_keys(app.account.id).await.unwrap()[0].clone();

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
    let dashboard = agent.get(app.at("/dashboard")).send().await.unwrap();
    let dashboard = dashboard.text().await.unwrap();
    assert!(
        !dashboard.contains("/dashboard/api-keys"),
        "no link for agents"
    );
    let csrf = csrf_in(&dashboard);

    let page = agent.get(app.at(PAGE)).send().await.unwrap();
    assert_eq!(page.status(), 403);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("Your role does not allow this"));
    let made = agent
        .post(app.at(PAGE))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Mine"),
            ("scope", "agents:read"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 403);
    assert_eq!(revoke(&app, &agent, key.id, &csrf).await.status(), 403);
    let keys = app.store.list_api_keys(app.account.id).await.unwrap();
    assert_eq!(keys.len(), 1, "the agent created nothing");
    assert!(keys[0].is_active(), "the agent revoked nothing");
}

#[tokio::test]
async fn a_post_without_the_session_csrf_token_is_refused() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    for token in ["", "forged-token"] {
        let response = owner
            .post(app.at(PAGE))
            .form(&[
                ("csrf", token),
                ("name", "Forged"),
                ("scope", "agents:read"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "token {token:?}");
    }
    assert_eq!(key_count(&app).await, 0);

    create(&app, &owner, "Kept", &["agents:read"]).await;
    let key = app.store.list_api_keys(app.account.id).await.unwrap()[0].clone();
    let forged = revoke(&app, &owner, key.id, "forged-token").await;
    assert_eq!(forged.status(), 403);
    assert!(forged
        .text()
        .await
        .unwrap()
        .contains("This form has expired"));
    let keys = app.store.list_api_keys(app.account.id).await.unwrap();
    assert!(keys[0].is_active(), "the key was not revoked");
}

#[tokio::test]
async fn another_accounts_key_cannot_be_revoked_from_this_one() {
    let app = spawn_app().await;
    let other = app.other_account("Other shop").await;
    let foreign = crate::api::key(&app, &other, &["agents:read"]).await;
    let foreign_id = app.store.list_api_keys(other.id).await.unwrap()[0].id;
    let owner = app.owner_browser().await;
    let page = open_page(&app, &owner).await;
    assert!(
        !page.contains("Test key"),
        "another account's key is not listed"
    );
    assert_eq!(
        revoke(&app, &owner, foreign_id, &csrf_in(&page))
            .await
            .status(),
        404
    );
    let still = call(&app, &foreign, Method::GET, "/api/v1/agents")
        .send()
        .await
        .unwrap();
    assert_eq!(still.status(), 200, "the other account's key still works");
}

#[tokio::test]
async fn a_key_name_with_html_is_shown_as_text() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let name = "<script>alert('key')</script>";
    let created = create(&app, &owner, name, &["agents:read"]).await;
    assert_eq!(created.status(), 200);
    for page in [created.text().await.unwrap(), open_page(&app, &owner).await] {
        assert!(!page.contains(name), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
    }
}

#[tokio::test]
async fn sending_the_same_form_again_creates_no_second_key() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let page = open_page(&app, &owner).await;
    let form = [
        ("csrf", csrf_in(&page)),
        ("request_id", request_id_in(&page)),
        ("name", "Reloaded".to_owned()),
        ("scope", "agents:read".to_owned()),
    ];
    let first = owner.post(app.at(PAGE)).form(&form).send().await.unwrap();
    let first = first.text().await.unwrap();
    let token = token_in(&first);
    // The browser's "send the form again?" after a reload of the result page.
    let again = owner.post(app.at(PAGE)).form(&form).send().await.unwrap();
    assert_eq!(again.status(), 200);
    let again = again.text().await.unwrap();
    assert!(
        !again.contains("new-key-token"),
        "no token shown the second time"
    );
    assert!(
        again.contains("This form was already sent"),
        "the page says why nothing was created"
    );
    assert!(!again.contains(&token));
    let keys = app.store.list_api_keys(app.account.id).await.unwrap();
    assert_eq!(keys.len(), 1, "one key, not two");
    // A fresh rendering of the form creates the next key.
    let next = create(&app, &owner, "Second", &["agents:read"]).await;
    assert!(next.text().await.unwrap().contains("new-key-token"));
    assert_eq!(
        app.store.list_api_keys(app.account.id).await.unwrap().len(),
        2
    );
}
