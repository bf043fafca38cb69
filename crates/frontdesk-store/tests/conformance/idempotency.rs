use crate::accounts::new_account;
use frontdesk_store::{IdempotencyClaim, Store};

pub async fn an_idempotency_key_is_claimed_once_per_account_and_operation(store: &dyn Store) {
    let mine = store.create_account(&new_account("Mine"), 1).await.unwrap();
    let theirs = store
        .create_account(&new_account("Theirs"), 1)
        .await
        .unwrap();
    let (mine, theirs) = (
        format!("account:{}", mine.id.0),
        format!("account:{}", theirs.id.0),
    );
    let (mine, theirs) = (mine.as_str(), theirs.as_str());
    let claim = |owner, operation: &'static str, hash: &'static str| {
        store.claim_idempotency_key(owner, operation, "k-1", hash, 100)
    };
    assert_eq!(
        claim(mine, "create_chatbot", "h1").await.unwrap(),
        IdempotencyClaim::Claimed
    );
    // Under way: the second request learns the key is taken, and by which request.
    assert_eq!(
        claim(mine, "create_chatbot", "h2").await.unwrap(),
        IdempotencyClaim::Used {
            request_hash: "h1".into(),
            resource_id: None
        }
    );
    store
        .complete_idempotency_key(mine, "create_chatbot", "k-1", "42")
        .await
        .unwrap();
    assert_eq!(
        claim(mine, "create_chatbot", "h1").await.unwrap(),
        IdempotencyClaim::Used {
            request_hash: "h1".into(),
            resource_id: Some("42".into())
        }
    );
    // Another account or another operation has keys of its own.
    assert_eq!(
        claim(theirs, "create_chatbot", "h1").await.unwrap(),
        IdempotencyClaim::Claimed
    );
    assert_eq!(
        claim(mine, "create_webhook", "h1").await.unwrap(),
        IdempotencyClaim::Claimed
    );
    // A released key (the work failed) can be claimed again; a completed one is not released.
    store
        .release_idempotency_key(mine, "create_webhook", "k-1")
        .await
        .unwrap();
    assert_eq!(
        claim(mine, "create_webhook", "h9").await.unwrap(),
        IdempotencyClaim::Claimed
    );
    store
        .release_idempotency_key(mine, "create_chatbot", "k-1")
        .await
        .unwrap();
    assert!(matches!(
        claim(mine, "create_chatbot", "h1").await.unwrap(),
        IdempotencyClaim::Used { .. }
    ));
    assert_eq!(store.forget_idempotency_keys(101).await.unwrap(), 3);
    assert_eq!(
        claim(mine, "create_chatbot", "h1").await.unwrap(),
        IdempotencyClaim::Claimed
    );
}
