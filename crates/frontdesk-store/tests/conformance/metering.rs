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

pub async fn addons_raise_the_limit_renew_lazily_and_stop_when_disabled(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let (p1, p2, p3) = (1_000, 2_000, 3_000);
    assert_eq!(store.addon_units(a.id, p1, 10).await.unwrap(), 0);
    assert!(store.buy_addon(a.id, p1, 100, 400, 11).await.unwrap());
    assert!(store.buy_addon(a.id, p1, 300, 400, 12).await.unwrap());
    assert!(
        !store.buy_addon(a.id, p1, 100, 400, 13).await.unwrap(),
        "never above the maximum"
    );
    assert_eq!(store.addon_units(a.id, p1, 14).await.unwrap(), 400);
    // The next period renews what was bought, once, however often it is looked at.
    let both = futures_util::future::join_all([
        store.addon_units(a.id, p2, 20),
        store.addon_units(a.id, p2, 20),
    ])
    .await;
    assert!(both.iter().all(|u| *u.as_ref().unwrap() == 400));
    // Disabled before the renewal: kept for this period, not renewed.
    assert!(store.set_addon_renewal(a.id, p2, false, 25).await.unwrap());
    assert!(
        !store.set_addon_renewal(a.id, p2, false, 26).await.unwrap(),
        "disabling twice changes nothing"
    );
    assert_eq!(store.addon_units(a.id, p2, 27).await.unwrap(), 400);
    assert_eq!(store.addon_units(a.id, p3, 30).await.unwrap(), 0);
    let kinds: Vec<(String, i64)> = store
        .billing_ledger(a.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.units))
        .collect();
    assert_eq!(
        kinds,
        [
            ("purchase".into(), 100),
            ("purchase".into(), 300),
            ("renewal".into(), 400),
            ("disabled".into(), 400)
        ]
    );
}

pub async fn each_quota_alert_fires_once_per_period(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    assert!(store.record_quota_alert(a.id, 1_000, 80, 5).await.unwrap());
    assert!(!store.record_quota_alert(a.id, 1_000, 80, 6).await.unwrap());
    assert!(store.record_quota_alert(a.id, 1_000, 100, 7).await.unwrap());
    assert!(
        store.record_quota_alert(a.id, 2_000, 80, 8).await.unwrap(),
        "a new period alerts again"
    );
    assert_eq!(store.quota_alerts(a.id, 1_000).await.unwrap(), [80, 100]);
}
