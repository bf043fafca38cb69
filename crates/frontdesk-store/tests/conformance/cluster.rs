//! Leases and cross-node presence (§11).

use frontdesk_core::ids::AccountId;
use frontdesk_store::Store;

pub async fn a_lease_has_one_holder_until_it_expires(store: &dyn Store) {
    assert!(store
        .try_lease("close-idle", "node-a", 1_000, 31_000)
        .await
        .unwrap());
    // Held: another node is refused, the holder renews.
    assert!(!store
        .try_lease("close-idle", "node-b", 2_000, 32_000)
        .await
        .unwrap());
    assert!(store
        .try_lease("close-idle", "node-a", 20_000, 50_000)
        .await
        .unwrap());
    assert!(!store
        .try_lease("close-idle", "node-b", 49_999, 80_000)
        .await
        .unwrap());
    // Other jobs have their own leases.
    assert!(store
        .try_lease("join-unanswered", "node-b", 2_000, 7_000)
        .await
        .unwrap());
    // The holder died: once the lease runs out another node takes over.
    assert!(store
        .try_lease("close-idle", "node-b", 50_001, 80_000)
        .await
        .unwrap());
    assert!(!store
        .try_lease("close-idle", "node-a", 60_000, 90_000)
        .await
        .unwrap());
}

pub async fn racing_nodes_get_a_free_lease_exactly_once(store: &dyn Store) {
    // The suite hands out a borrowed store; the race runs its tries concurrently on it.
    let tries = (0..20).map(|i| {
        let holder = format!("node-{i}");
        async move {
            store
                .try_lease("renewals", &holder, 1_000, 60_000)
                .await
                .unwrap()
        }
    });
    let won = futures_util::future::join_all(tries).await;
    assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
}

pub async fn presence_counts_every_node_until_its_heartbeat_stops(store: &dyn Store) {
    let account = AccountId(1);
    store
        .set_presence("a", account, "agent:7", 2, 1_000)
        .await
        .unwrap();
    store
        .set_presence("b", account, "agent:8", 1, 1_000)
        .await
        .unwrap();
    store
        .set_presence("b", account, "visitor:v1", 1, 1_000)
        .await
        .unwrap();
    store
        .set_presence("b", AccountId(2), "agent:9", 1, 1_000)
        .await
        .unwrap();
    let mut agents = store.present(account, "agent:", 0).await.unwrap();
    agents.sort();
    assert_eq!(agents, ["agent:7", "agent:8"]);
    assert_eq!(
        store.present(account, "visitor:", 0).await.unwrap(),
        ["visitor:v1"]
    );
    // Agent 8 closes the dashboard on node b.
    store
        .set_presence("b", account, "agent:8", 0, 2_000)
        .await
        .unwrap();
    assert_eq!(
        store.present(account, "agent:", 0).await.unwrap(),
        ["agent:7"]
    );
    // Node a keeps beating, node b (with the visitor) goes silent.
    store.touch_presence("a", 40_000).await.unwrap();
    assert_eq!(
        store.present(account, "agent:", 30_000).await.unwrap(),
        ["agent:7"]
    );
    assert!(store
        .present(account, "visitor:", 30_000)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.sweep_presence(30_000).await.unwrap(), 2);
    assert!(store
        .present(account, "visitor:", 0)
        .await
        .unwrap()
        .is_empty());
}
