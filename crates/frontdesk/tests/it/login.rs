use crate::helpers::{browser, spawn_app};
use frontdesk_core::agent::Role;

#[tokio::test]
async fn the_owner_logs_in_and_sees_the_account_overview() {
    let app = spawn_app().await;
    let browser = browser();
    let response = app
        .login(&browser, &app.owner_email, &app.owner_password)
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/dashboard");
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");

    let page = browser.get(app.at("/dashboard")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&app.account.widget_key),
        "overview shows the widget key"
    );
    assert!(html.contains("owner@example.com"));
    assert!(html.contains("Monday") && html.contains("09:00–17:00"));
}

#[tokio::test]
async fn without_a_session_the_dashboard_sends_you_to_the_login() {
    let app = spawn_app().await;
    let response = browser().get(app.at("/dashboard")).send().await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/dashboard/login");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    let wrong_password = app
        .login(&browser(), &app.owner_email, "not the password at all")
        .await;
    let unknown_user = app
        .login(&browser(), "nobody@example.com", "not the password at all")
        .await;
    assert_eq!(wrong_password.status(), 401);
    assert_eq!(unknown_user.status(), 401);
    // Apart from the e-mail echoed back into the form and the per-browser token, the two
    // pages are identical: nothing tells an attacker which e-mails exist.
    let normalize = |html: String, email: &str| {
        let html = html.replace(email, "EMAIL");
        let csrf = crate::helpers::csrf_in(&html);
        html.replace(&csrf, "CSRF")
    };
    let a = normalize(wrong_password.text().await.unwrap(), &app.owner_email);
    let b = normalize(unknown_user.text().await.unwrap(), "nobody@example.com");
    assert_eq!(a, b);
    assert!(a.contains("Wrong e-mail or password."));
}

#[tokio::test]
async fn logout_ends_the_session_for_good() {
    let app = spawn_app().await;
    let browser = app.owner_browser().await;
    let csrf = app.session_csrf(&browser).await;
    let response = browser
        .post(app.at("/dashboard/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/dashboard/login");
    let after = browser.get(app.at("/dashboard")).send().await.unwrap();
    assert_eq!(after.status(), 303, "the dashboard is closed after logout");
}

#[tokio::test]
async fn a_stolen_cookie_is_useless_after_logout() {
    let app = spawn_app().await;
    let browser = app.owner_browser().await;
    let page = browser.get(app.at("/dashboard")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    // Copy the session cookie out of the browser, as an attacker would.
    let login = crate::helpers::browser();
    let response = app
        .login(&login, &app.owner_email, &app.owner_password)
        .await;
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    let token = cookie.split(';').next().unwrap().to_owned();
    let csrf = app.session_csrf(&login).await;
    login
        .post(app.at("/dashboard/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.at("/dashboard"))
        .header("cookie", token)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 303);
}

#[tokio::test]
async fn sessions_expire_after_their_lifetime() {
    let app = spawn_app().await;
    let browser = app.owner_browser().await;
    app.clock.advance(13 * 24 * 3_600_000);
    assert_eq!(
        browser
            .get(app.at("/dashboard"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    app.clock.advance(2 * 24 * 3_600_000);
    assert_eq!(
        browser
            .get(app.at("/dashboard"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
}

#[tokio::test]
async fn an_owner_adds_an_agent_who_can_then_log_in() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let csrf = app.session_csrf(&owner).await;
    let response = owner
        .post(app.at("/dashboard/agents"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Karel <b>Novák</b>"),
            ("email", "karel@example.com"),
            ("role", "agent"),
            ("password", "karel-secret-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let page = owner
        .get(app.at(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Karel &lt;b&gt;Novák&lt;&#x2f;b&gt;"),
        "names are escaped: {page}"
    );
    assert!(!page.contains("<b>Novák</b>"));

    let karel = browser();
    let login = app
        .login(&karel, "karel@example.com", "karel-secret-1")
        .await;
    assert_eq!(login.status(), 303);
    let overview = karel
        .get(app.at("/dashboard"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !overview.contains("name=\"password\""),
        "agents cannot add agents"
    );
}

#[tokio::test]
async fn an_agent_may_not_add_agents() {
    let app = spawn_app().await;
    app.add_agent(
        &app.account,
        "plain@example.com",
        Role::Agent,
        "plain-agent-pw",
    )
    .await;
    let agent = browser();
    assert_eq!(
        app.login(&agent, "plain@example.com", "plain-agent-pw")
            .await
            .status(),
        303
    );
    let csrf = app.session_csrf(&agent).await;
    let response = agent
        .post(app.at("/dashboard/agents"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Sneaky"),
            ("email", "sneaky@example.com"),
            ("role", "owner"),
            ("password", "sneaky-password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        app.store.list_agents(app.account.id).await.unwrap().len(),
        2
    );
}

#[tokio::test]
async fn pages_speak_the_browsers_language_or_the_chosen_one() {
    let app = spawn_app().await;
    let client = browser();
    let german = client
        .get(app.at("/dashboard/login"))
        .header("accept-language", "de-DE,de;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(german.contains("Im Dashboard anmelden"), "{german}");
    let choose = client
        .get(app.at("/lang?to=cs&back=/dashboard/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(choose.headers()["location"], "/dashboard/login");
    let czech = client
        .get(app.at("/dashboard/login"))
        .header("accept-language", "de-DE")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(czech.contains("Přihlášení do administrace"), "{czech}");
    assert!(czech.contains("<html lang=\"cs\">"));
}
