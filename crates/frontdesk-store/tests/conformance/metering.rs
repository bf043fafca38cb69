use crate::accounts::new_account;
use frontdesk_core::{
    ids::AccountId,
    metering::{CountReason, CountResult},
};
use frontdesk_store::{CountRequest, Store};

fn request(account: AccountId, conversation_id: i64, limit: Option<i64>) -> CountRequest {
    CountRequest {
        account,
        conversation_id,
        chatbot_id: 7,
        reason: CountReason::Started,
        period_start_ms: 1_000,
        limit,
        now_ms: 5_000 + conversation_id,
    }
}

pub async fn a_conversation_counts_once_and_never_past_the_limit(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    let count = |id, limit| async move {
        store
            .count_chatbot_conversation(&request(a.id, id, limit))
            .await
            .unwrap()
    };
    assert_eq!(count(1, Some(2)).await, CountResult::Counted { used: 1 });
    assert_eq!(
        count(1, Some(2)).await,
        CountResult::AlreadyCounted,
        "a retry"
    );
    assert_eq!(count(2, Some(2)).await, CountResult::Counted { used: 2 });
    assert_eq!(count(3, Some(2)).await, CountResult::Exhausted);
    assert_eq!(
        count(3, Some(3)).await,
        CountResult::Counted { used: 3 },
        "a raised limit applies at once, the refused one was not claimed"
    );
    assert_eq!(
        count(4, None).await,
        CountResult::Counted { used: 4 },
        "unlimited"
    );
    assert_eq!(store.used(a.id, 1_000).await.unwrap(), 4);
    assert_eq!(store.used(a.id, 2_000).await.unwrap(), 0, "another period");
    assert_eq!(store.used(b.id, 1_000).await.unwrap(), 0, "another account");
    let ledger = store.usage_ledger(a.id, 1_000).await.unwrap();
    let ids: Vec<i64> = ledger.iter().map(|c| c.conversation_id).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
    assert_eq!(
        (ledger[0].reason.as_str(), ledger[0].chatbot_id),
        ("started", 7)
    );
}

pub async fn many_concurrent_counts_stop_exactly_at_the_limit(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    // 200 conversations, each counted twice at once (two connections), limit 50.
    let requests: Vec<CountRequest> = (1..=200)
        .flat_map(|id| [request(a.id, id, Some(50)); 2])
        .collect();
    let results = futures_util::future::join_all(
        requests.iter().map(|r| store.count_chatbot_conversation(r)),
    )
    .await;
    let mut counted = 0;
    let mut highest = 0;
    for result in results {
        match result.unwrap() {
            CountResult::Counted { used } => {
                counted += 1;
                highest = highest.max(used);
            }
            CountResult::AlreadyCounted | CountResult::Exhausted => {}
        }
    }
    assert_eq!(counted, 50, "exactly the limit");
    assert_eq!(highest, 50, "used never passed the limit");
    assert_eq!(store.used(a.id, 1_000).await.unwrap(), 50);
    assert_eq!(
        store.usage_ledger(a.id, 1_000).await.unwrap().len(),
        50,
        "one ledger line per count"
    );
}
