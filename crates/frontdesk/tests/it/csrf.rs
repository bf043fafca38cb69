use crate::helpers::{browser, csrf_in, spawn_app};

#[tokio::test]
async fn a_login_form_without_its_token_is_refused() {
    let app = spawn_app().await;
    let client = browser();
    client.get(app.at("/dashboard/login")).send().await.unwrap();
    for token in ["", "forged-token"] {
        let response = client
            .post(app.at("/dashboard/login"))
            .form(&[
                ("email", app.owner_email.as_str()),
                ("password", app.owner_password.as_str()),
                ("csrf", token),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "token {token:?}");
        assert!(
            response.headers().get("set-cookie").is_none(),
            "no session was opened"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains("This form has expired"), "{page}");
    }
}

#[tokio::test]
async fn a_forged_cross_site_post_cannot_add_an_agent() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    // A hostile page can make the browser post with its cookies, but cannot read the token;
    // the pre-login token is not the session's either.
    let login_token = csrf_in(
        &owner
            .get(app.at("/dashboard/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    for token in ["", "guess", login_token.as_str()] {
        let response = owner
            .post(app.at("/dashboard/agents"))
            .form(&[
                ("csrf", token),
                ("name", "Mallory"),
                ("email", "mallory@example.com"),
                ("role", "owner"),
                ("password", "mallory-password"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "token {token:?}");
    }
    let agents = app.store.list_agents(app.account.id).await.unwrap();
    assert_eq!(agents.len(), 1, "no agent was added");
}

#[tokio::test]
async fn a_forged_logout_keeps_the_session() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let response = owner
        .post(app.at("/dashboard/logout"))
        .form(&[("csrf", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        owner
            .get(app.at("/dashboard"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}
