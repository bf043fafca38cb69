use frontdesk_store::{Store, StoreError};

pub async fn an_operator_key_is_found_by_its_hash_revoked_and_touched(store: &dyn Store) {
    let key = store
        .create_operator_key("Provisioning", "hash-1", "fdo_1234abcd", 10)
        .await
        .unwrap();
    assert!(key.is_active());
    assert_eq!(key.name, "Provisioning");
    let duplicate = store
        .create_operator_key("Again", "hash-1", "fdo_1234abcd", 11)
        .await;
    assert!(matches!(duplicate, Err(StoreError::Conflict(_))));
    assert_eq!(
        store.operator_key_by_hash("hash-1").await.unwrap(),
        Some(key.clone())
    );
    assert!(store
        .operator_key_by_hash("hash-2")
        .await
        .unwrap()
        .is_none());

    store.touch_operator_key(key.id, 20).await.unwrap();
    store.revoke_operator_key(key.id, 30).await.unwrap();
    store.revoke_operator_key(key.id, 40).await.unwrap();
    let listed = store.list_operator_keys().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_used_at_ms, Some(20));
    assert_eq!(
        listed[0].revoked_at_ms,
        Some(30),
        "the first revocation counts"
    );
    assert!(!listed[0].is_active());
    assert!(matches!(
        store.revoke_operator_key(999, 50).await,
        Err(StoreError::NotFound)
    ));
}
