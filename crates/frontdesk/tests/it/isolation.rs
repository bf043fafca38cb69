use crate::helpers::{browser, spawn_app};
use frontdesk_core::agent::{AgentState, Role};

#[tokio::test]
async fn another_accounts_agent_can_be_neither_read_nor_changed() {
    let app = spawn_app().await;
    let other = app.other_account("Other Shop").await;
    let theirs = app
        .add_agent(
            &other,
            "secret-agent@other.example",
            Role::Agent,
            "their-password",
        )
        .await;
    let mine = app
        .add_agent(
            &app.account,
            "colleague@example.com",
            Role::Agent,
            "colleague-pw",
        )
        .await;

    let owner = app.owner_browser().await;
    let visible = owner
        .get(app.at(&format!("/dashboard/agents/{}", mine.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(visible.status(), 200, "my own colleague is visible");

    let foreign = owner
        .get(app.at(&format!("/dashboard/agents/{}", theirs.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 404);
    let page = foreign.text().await.unwrap();
    assert!(!page.contains("secret-agent@other.example"));

    let csrf = app.session_csrf(&owner).await;
    let change = owner
        .post(app.at(&format!("/dashboard/agents/{}/state", theirs.id)))
        .form(&[("csrf", csrf.as_str()), ("state", "inactive")])
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), 404);
    let untouched = app.store.agent(other.id, theirs.id).await.unwrap().unwrap();
    assert_eq!(untouched.state, AgentState::Active);

    let overview = owner
        .get(app.at("/dashboard"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!overview.contains("Other Shop") && !overview.contains("secret-agent"));

    // The other account's agent, logged in, sees its own account only.
    let them = browser();
    assert_eq!(
        app.login(&them, "secret-agent@other.example", "their-password")
            .await
            .status(),
        303
    );
    let their_overview = them
        .get(app.at("/dashboard"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(their_overview.contains("Other Shop"));
    assert!(!their_overview.contains(&app.account.widget_key));
}

#[tokio::test]
async fn an_owner_deactivates_a_colleague_who_then_reads_but_cannot_chat() {
    let app = spawn_app().await;
    let colleague = app
        .add_agent(&app.account, "eva@example.com", Role::Agent, "eva-password")
        .await;
    let owner = app.owner_browser().await;
    let csrf = app.session_csrf(&owner).await;
    let response = owner
        .post(app.at(&format!("/dashboard/agents/{}/state", colleague.id)))
        .form(&[("csrf", csrf.as_str()), ("state", "inactive")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let stored = app
        .store
        .agent(app.account.id, colleague.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.state, AgentState::Inactive);
    let page = owner
        .get(app.at(&format!("/dashboard/agents/{}", colleague.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("cannot chat"), "{page}");
}
