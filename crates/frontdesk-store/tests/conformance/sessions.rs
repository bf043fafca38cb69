use crate::{accounts::new_account, agents::new_agent};
use frontdesk_core::{agent::Role, ids::AccountId};
use frontdesk_store::{Session, Store};

async fn seeded_session(store: &dyn Store, token: &str, expires_at_ms: i64) -> Session {
    let account = store.create_account(&new_account("S"), 1).await.unwrap();
    let email = format!("{token}@example.com");
    let agent = store
        .create_agent(account.id, &new_agent(&email, Role::Agent), 1)
        .await
        .unwrap();
    let session = Session {
        token_hash: token.into(),
        account_id: account.id,
        agent_id: agent.id,
        csrf_token: format!("csrf-{token}"),
        created_at_ms: 1_000,
        expires_at_ms,
    };
    store.create_session(&session).await.unwrap();
    session
}

pub async fn a_session_lives_until_it_expires(store: &dyn Store) {
    let session = seeded_session(store, "t1", 10_000).await;
    assert_eq!(store.session("t1", 9_999).await.unwrap(), Some(session));
    assert_eq!(store.session("t1", 10_000).await.unwrap(), None);
    assert_eq!(store.session("other", 5_000).await.unwrap(), None);
}

pub async fn logout_and_cleanup_remove_sessions(store: &dyn Store) {
    seeded_session(store, "keep", 50_000).await;
    seeded_session(store, "old", 2_000).await;
    seeded_session(store, "bye", 50_000).await;
    store.delete_session("bye").await.unwrap();
    assert_eq!(store.session("bye", 3_000).await.unwrap(), None);
    assert_eq!(store.delete_expired_sessions(3_000).await.unwrap(), 1);
    assert!(store.session("keep", 3_000).await.unwrap().is_some());
}

pub async fn a_password_change_can_end_all_sessions_of_an_agent(store: &dyn Store) {
    let session = seeded_session(store, "mine", 50_000).await;
    let foreign = AccountId(session.account_id.0 + 1);
    let ended = store
        .delete_agent_sessions(foreign, session.agent_id)
        .await
        .unwrap();
    assert_eq!(ended, 0, "another account must not end my sessions");
    let ended = store
        .delete_agent_sessions(session.account_id, session.agent_id)
        .await
        .unwrap();
    assert_eq!(ended, 1);
    assert_eq!(store.session("mine", 1_000).await.unwrap(), None);
}
