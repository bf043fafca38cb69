use crate::accounts::new_account;
use frontdesk_core::{
    account::DisplayName,
    agent::{AgentState, Email, NewAgent, Role},
    ids::AgentId,
};
use frontdesk_store::{Store, StoreError};

pub fn new_agent(email: &str, role: Role) -> NewAgent {
    NewAgent {
        email: Email::parse(email).unwrap(),
        name: DisplayName::parse("Jana Nováková").unwrap(),
        role,
        password_hash: format!("hash-of-{email}"),
    }
}

pub async fn an_agent_reads_back_within_its_account_only(store: &dyn Store) {
    let mine = store.create_account(&new_account("Mine"), 1).await.unwrap();
    let theirs = store
        .create_account(&new_account("Theirs"), 1)
        .await
        .unwrap();
    let agent = store
        .create_agent(mine.id, &new_agent("jana@example.com", Role::Owner), 5)
        .await
        .unwrap();
    assert_eq!(agent.account_id, mine.id);
    assert_eq!(agent.role, Role::Owner);
    assert_eq!(agent.state, AgentState::Active);
    assert_eq!(agent.name.as_str(), "Jana Nováková");
    assert_eq!(
        store.agent(mine.id, agent.id).await.unwrap(),
        Some(agent.clone())
    );
    assert_eq!(store.agent(theirs.id, agent.id).await.unwrap(), None);
    let email = Email::parse("jana@example.com").unwrap();
    assert!(store
        .agent_by_email(mine.id, &email)
        .await
        .unwrap()
        .is_some());
    assert!(store
        .agent_by_email(theirs.id, &email)
        .await
        .unwrap()
        .is_none());
}

pub async fn an_email_cannot_belong_to_two_agents(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    store
        .create_agent(a.id, &new_agent("same@example.com", Role::Agent), 1)
        .await
        .unwrap();
    for account in [a.id, b.id] {
        let err = store
            .create_agent(account, &new_agent("same@example.com", Role::Agent), 2)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict("e-mail")), "{err:?}");
    }
    assert_eq!(store.list_agents(a.id).await.unwrap().len(), 1);
    assert!(store.list_agents(b.id).await.unwrap().is_empty());
}

pub async fn login_finds_the_agent_and_its_hash(store: &dyn Store) {
    let account = store
        .create_account(&new_account("Login"), 1)
        .await
        .unwrap();
    let agent = store
        .create_agent(account.id, &new_agent("petr@example.com", Role::Admin), 1)
        .await
        .unwrap();
    let (found, hash) = store
        .login_candidate(&Email::parse("PETR@example.com").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, agent);
    assert_eq!(hash, "hash-of-petr@example.com");
    let unknown = Email::parse("nobody@example.com").unwrap();
    assert!(store.login_candidate(&unknown).await.unwrap().is_none());
}

pub async fn password_and_state_changes_stay_inside_the_account(store: &dyn Store) {
    let mine = store.create_account(&new_account("Mine"), 1).await.unwrap();
    let theirs = store
        .create_account(&new_account("Theirs"), 1)
        .await
        .unwrap();
    let agent = store
        .create_agent(mine.id, &new_agent("eva@example.com", Role::Agent), 1)
        .await
        .unwrap();
    let email = Email::parse("eva@example.com").unwrap();

    let refused = store
        .set_agent_password(theirs.id, agent.id, "stolen")
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)));
    let refused = store
        .set_agent_state(theirs.id, agent.id, AgentState::Inactive)
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)));
    let (_, hash) = store.login_candidate(&email).await.unwrap().unwrap();
    assert_eq!(
        hash, "hash-of-eva@example.com",
        "another account changed it"
    );

    store
        .set_agent_password(mine.id, agent.id, "new-hash")
        .await
        .unwrap();
    store
        .set_agent_state(mine.id, agent.id, AgentState::Inactive)
        .await
        .unwrap();
    let (changed, hash) = store.login_candidate(&email).await.unwrap().unwrap();
    assert_eq!(hash, "new-hash");
    assert_eq!(changed.state, AgentState::Inactive);
    let missing = store
        .set_agent_password(mine.id, AgentId(agent.id.0 + 99), "x")
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

pub async fn agents_list_per_account(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    for email in ["1@a.cz", "2@a.cz"] {
        store
            .create_agent(a.id, &new_agent(email, Role::Agent), 1)
            .await
            .unwrap();
    }
    store
        .create_agent(b.id, &new_agent("1@b.cz", Role::Owner), 1)
        .await
        .unwrap();
    let listed: Vec<String> = store
        .list_agents(a.id)
        .await
        .unwrap()
        .into_iter()
        .map(|agent| agent.email.to_string())
        .collect();
    assert_eq!(listed, ["1@a.cz", "2@a.cz"]);
}
