//! The dashboard's Webhooks page: owners and admins only, CSRF-protected, scoped to the
//! session's account; the secret is shown once, on creation.

use crate::{
    api::full_key,
    helpers::{browser, csrf_in, spawn_app_on},
    webhook_receiver::{create_hook, local_hooks},
};
use frontdesk_core::agent::Role;

#[tokio::test]
async fn an_owner_adds_switches_off_and_deletes_a_webhook_from_the_dashboard() {
    let app = spawn_app_on(None, local_hooks).await;
    let owner = app.owner_browser().await;
    let page = owner
        .get(app.at("/dashboard/webhooks"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("href=\"/dashboard/webhooks\""),
        "linked from the navigation"
    );
    let csrf = csrf_in(&html);

    let refused = owner
        .post(app.at("/dashboard/webhooks"))
        .form(&[
            ("url", "http://127.0.0.1:9/hook"),
            ("events", "*"),
            ("csrf", "wrong"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403, "CSRF is checked");
    let bad = owner
        .post(app.at("/dashboard/webhooks"))
        .form(&[
            ("url", "ftp://example.com"),
            ("events", "*"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("http or https"));

    let created = owner
        .post(app.at("/dashboard/webhooks"))
        .form(&[
            ("url", "http://127.0.0.1:9/hook"),
            ("description", "<script>alert(1)</script>"),
            ("events", "message.created, conversation.closed"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let html = created.text().await.unwrap();
    assert!(
        html.contains("id=\"webhook-secret\""),
        "the secret is shown once"
    );
    assert!(html.contains("whsec_"));
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "text is escaped"
    );
    let hooks = app
        .store
        .list_webhook_endpoints(app.account.id)
        .await
        .unwrap();
    assert_eq!(hooks.len(), 1);
    let id = hooks[0].id;
    let again = owner
        .get(app.at(&format!("/dashboard/webhooks/{id}")))
        .send()
        .await
        .unwrap();
    assert!(
        !again.text().await.unwrap().contains("whsec_"),
        "and never again"
    );

    let off = owner
        .post(app.at(&format!("/dashboard/webhooks/{id}/enabled")))
        .form(&[("enabled", "false"), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 303);
    let stored = app
        .store
        .webhook_endpoint(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert!(!stored.enabled);
    assert_eq!(stored.disabled_reason.as_deref(), Some("manual"));

    let deleted = owner
        .post(app.at(&format!("/dashboard/webhooks/{id}/delete")))
        .form(&[("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 303);
    assert!(app
        .store
        .list_webhook_endpoints(app.account.id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn agents_and_other_accounts_cannot_reach_a_webhook_page() {
    let app = spawn_app_on(None, local_hooks).await;
    let token = full_key(&app, &app.account).await;
    let (id, _) = create_hook(&app, &token, "http://127.0.0.1:9/hook", &["*"]).await;

    app.add_agent(
        &app.account,
        "agent@example.com",
        Role::Agent,
        "agent-password-1",
    )
    .await;
    let agent = browser();
    app.login(&agent, "agent@example.com", "agent-password-1")
        .await;
    let page = agent
        .get(app.at("/dashboard/webhooks"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 403);
    let page = agent
        .get(app.at(&format!("/dashboard/webhooks/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 403);

    let other = app.other_account("Other").await;
    app.add_agent(
        &other,
        "boss@other.example",
        Role::Owner,
        "other-password-1",
    )
    .await;
    let boss = browser();
    app.login(&boss, "boss@other.example", "other-password-1")
        .await;
    let page = boss
        .get(app.at(&format!("/dashboard/webhooks/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
    let csrf = app.session_csrf(&boss).await;
    let off = boss
        .post(app.at(&format!("/dashboard/webhooks/{id}/enabled")))
        .form(&[("enabled", "false"), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 404);
    let stored = app
        .store
        .webhook_endpoint(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.enabled, "untouched");
}
