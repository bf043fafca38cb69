use crate::helpers::{browser, spawn_app};

#[tokio::test]
async fn an_oversized_form_is_refused_and_the_server_carries_on() {
    let app = spawn_app().await;
    let client = browser();
    client.get(app.at("/dashboard/login")).send().await.unwrap();
    let huge = "x".repeat(200 * 1024);
    let response = client
        .post(app.at("/dashboard/login"))
        .form(&[
            ("email", "a@example.com"),
            ("password", huge.as_str()),
            ("csrf", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let ok = app
        .login(&client, &app.owner_email, &app.owner_password)
        .await;
    assert_eq!(ok.status(), 303, "the server still serves logins");
}

#[tokio::test]
async fn a_malformed_form_gets_a_clear_error_not_a_crash() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let response = owner
        .post(app.at("/dashboard/agents"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("only=garbage&%%%")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
    let page = response.text().await.unwrap();
    assert!(
        page.contains("The form was incomplete or too large."),
        "{page}"
    );

    let csrf = app.session_csrf(&owner).await;
    let bad_email = owner
        .post(app.at("/dashboard/agents"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "X"),
            ("email", "not-an-email"),
            ("role", "agent"),
            ("password", "long-enough-pw"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad_email.status(), 422);
    assert!(bad_email
        .text()
        .await
        .unwrap()
        .contains("not a valid e-mail address"));
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    let health = reqwest::get(app.at("/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = reqwest::get(app.at("/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");
    app.store.close().await;
    let not_ready = reqwest::get(app.at("/readyz")).await.unwrap();
    assert_eq!(
        not_ready.status(),
        503,
        "a closed database makes the node unready"
    );
    assert_eq!(
        reqwest::get(app.at("/healthz")).await.unwrap().status(),
        200
    );
}

#[tokio::test]
async fn the_demo_page_carries_the_demo_widget_key() {
    let app = spawn_app().await;
    let page = reqwest::get(app.at("/demo")).await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(&app.account.widget_key));
}

#[tokio::test]
async fn an_unknown_address_gets_a_localized_not_found_page() {
    let app = spawn_app().await;
    let response = browser()
        .get(app.at("/no/such/page"))
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("Il n’y a rien ici"), "{html}");
}
