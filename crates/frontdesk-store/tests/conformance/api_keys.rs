use crate::accounts::new_account;
use frontdesk_core::api_key::Scope;
use frontdesk_store::{NewApiKey, Store, StoreError};

fn new_key(name: &str, hash: &str) -> NewApiKey {
    NewApiKey {
        name: name.into(),
        scopes: vec![Scope::ConversationsRead, Scope::UsageRead],
        token_hash: hash.into(),
        token_hint: "fdk_abcd".into(),
    }
}

pub async fn an_api_key_is_found_by_its_hash_and_listed_in_its_account_only(store: &dyn Store) {
    let one = store.create_account(&new_account("One"), 1).await.unwrap();
    let two = store.create_account(&new_account("Two"), 1).await.unwrap();
    let key = store
        .create_api_key(one.id, &new_key("CRM", "hash-1"), 10)
        .await
        .unwrap();
    assert_eq!(key.account_id, one.id);
    assert_eq!(key.name, "CRM");
    assert_eq!(key.scopes, vec![Scope::ConversationsRead, Scope::UsageRead]);
    assert_eq!(key.token_hint, "fdk_abcd");
    assert_eq!(key.created_at_ms, 10);
    assert!(key.is_active());
    assert!(key.allows(Scope::UsageRead));
    assert!(!key.allows(Scope::ConversationsWrite));

    assert_eq!(
        store.api_key_by_hash("hash-1").await.unwrap(),
        Some(key.clone())
    );
    assert_eq!(store.api_key_by_hash("hash-2").await.unwrap(), None);
    assert_eq!(store.list_api_keys(one.id).await.unwrap(), vec![key]);
    assert!(store.list_api_keys(two.id).await.unwrap().is_empty());

    let taken = store
        .create_api_key(two.id, &new_key("Copy", "hash-1"), 11)
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
}

pub async fn a_revoked_key_stays_listed_and_only_its_account_can_revoke_it(store: &dyn Store) {
    let one = store.create_account(&new_account("One"), 1).await.unwrap();
    let two = store.create_account(&new_account("Two"), 1).await.unwrap();
    let key = store
        .create_api_key(one.id, &new_key("CRM", "hash-1"), 10)
        .await
        .unwrap();
    assert!(matches!(
        store.revoke_api_key(two.id, key.id, 20).await,
        Err(StoreError::NotFound)
    ));
    assert!(store
        .api_key_by_hash("hash-1")
        .await
        .unwrap()
        .unwrap()
        .is_active());

    store.revoke_api_key(one.id, key.id, 30).await.unwrap();
    store.revoke_api_key(one.id, key.id, 40).await.unwrap();
    let revoked = store.api_key_by_hash("hash-1").await.unwrap().unwrap();
    assert_eq!(
        revoked.revoked_at_ms,
        Some(30),
        "the first revocation counts"
    );
    assert!(!revoked.is_active());
    assert_eq!(store.list_api_keys(one.id).await.unwrap(), vec![revoked]);
}

pub async fn using_a_key_records_when(store: &dyn Store) {
    let one = store.create_account(&new_account("One"), 1).await.unwrap();
    let key = store
        .create_api_key(one.id, &new_key("CRM", "hash-1"), 10)
        .await
        .unwrap();
    assert_eq!(key.last_used_at_ms, None);
    store.touch_api_key(key.id, 50).await.unwrap();
    let used = store.api_key_by_hash("hash-1").await.unwrap().unwrap();
    assert_eq!(used.last_used_at_ms, Some(50));
}
