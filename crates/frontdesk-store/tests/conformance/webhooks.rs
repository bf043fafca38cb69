use crate::accounts::new_account;
use frontdesk_core::webhook::{EventFilter, EventType};
use frontdesk_store::{
    AttemptResult, DeliveryStatus, NewWebhookEndpoint, NewWebhookEvent, Store, StoreError,
    WebhookEndpointPatch,
};

fn endpoint(url: &str, events: &[&str]) -> NewWebhookEndpoint {
    NewWebhookEndpoint {
        url: url.into(),
        description: "CRM".into(),
        events: EventFilter::parse(events).unwrap(),
        sealed_secret: "sealed".into(),
    }
}

fn event(id: &str, kind: EventType, key: &str) -> NewWebhookEvent {
    NewWebhookEvent {
        event_id: id.into(),
        event_type: kind,
        dedupe_key: key.into(),
        payload: format!("{{\"id\":\"{id}\"}}"),
    }
}

pub async fn endpoints_are_kept_changed_and_deleted_within_their_account(store: &dyn Store) {
    let one = store.create_account(&new_account("One"), 1).await.unwrap();
    let two = store.create_account(&new_account("Two"), 1).await.unwrap();
    let created = store
        .create_webhook_endpoint(one.id, &endpoint("https://a.example/h", &["*"]), 10)
        .await
        .unwrap();
    assert_eq!(created.url, "https://a.example/h");
    assert_eq!(created.events, EventFilter::All);
    assert!(created.enabled);
    assert_eq!(created.sealed_secret, "sealed");
    assert_eq!(
        store.webhook_endpoint(one.id, created.id).await.unwrap(),
        Some(created.clone())
    );
    assert_eq!(
        store.webhook_endpoint(two.id, created.id).await.unwrap(),
        None
    );
    assert!(store
        .list_webhook_endpoints(two.id)
        .await
        .unwrap()
        .is_empty());

    let patch = WebhookEndpointPatch {
        events: Some(EventFilter::parse(&["message.created"]).unwrap()),
        ..Default::default()
    };
    assert!(matches!(
        store
            .update_webhook_endpoint(two.id, created.id, &patch, 20)
            .await,
        Err(StoreError::NotFound)
    ));
    let changed = store
        .update_webhook_endpoint(one.id, created.id, &patch, 20)
        .await
        .unwrap();
    assert_eq!(changed.url, created.url, "unchanged fields stay");
    assert_eq!(
        changed.events,
        EventFilter::Only(vec![EventType::MessageCreated])
    );
    assert_eq!(changed.updated_at_ms, 20);

    let off = store
        .set_webhook_endpoint_enabled(one.id, created.id, false, Some("failing"), 30)
        .await
        .unwrap();
    assert!(!off.enabled);
    assert_eq!(off.disabled_reason.as_deref(), Some("failing"));
    assert_eq!(off.disabled_at_ms, Some(30));
    let on = store
        .set_webhook_endpoint_enabled(one.id, created.id, true, None, 40)
        .await
        .unwrap();
    assert!(on.enabled && on.disabled_reason.is_none() && on.disabled_at_ms.is_none());

    assert!(matches!(
        store.delete_webhook_endpoint(two.id, created.id).await,
        Err(StoreError::NotFound)
    ));
    store
        .delete_webhook_endpoint(one.id, created.id)
        .await
        .unwrap();
    assert!(store
        .list_webhook_endpoints(one.id)
        .await
        .unwrap()
        .is_empty());
}

pub async fn events_reach_each_wanting_enabled_endpoint_once(store: &dyn Store) {
    let one = store.create_account(&new_account("One"), 1).await.unwrap();
    let two = store.create_account(&new_account("Two"), 1).await.unwrap();
    let all = store
        .create_webhook_endpoint(one.id, &endpoint("https://all.example/", &["*"]), 1)
        .await
        .unwrap();
    let closed_only = store
        .create_webhook_endpoint(
            one.id,
            &endpoint("https://closed.example/", &["conversation.closed"]),
            1,
        )
        .await
        .unwrap();
    let off = store
        .create_webhook_endpoint(one.id, &endpoint("https://off.example/", &["*"]), 1)
        .await
        .unwrap();
    store
        .set_webhook_endpoint_enabled(one.id, off.id, false, Some("paused"), 2)
        .await
        .unwrap();
    let elsewhere = store
        .create_webhook_endpoint(two.id, &endpoint("https://two.example/", &["*"]), 1)
        .await
        .unwrap();

    let message = event("evt_1", EventType::MessageCreated, "message.created:7");
    assert_eq!(
        store
            .enqueue_webhook_event(one.id, &message, 10)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .enqueue_webhook_event(one.id, &message, 11)
            .await
            .unwrap(),
        0,
        "written again (a retry): nothing new"
    );
    let close = event(
        "evt_2",
        EventType::ConversationClosed,
        "conversation.closed:8",
    );
    assert_eq!(
        store
            .enqueue_webhook_event(one.id, &close, 12)
            .await
            .unwrap(),
        2
    );

    let to_all = store
        .list_webhook_deliveries(one.id, all.id, 10)
        .await
        .unwrap();
    assert_eq!(to_all.len(), 2);
    assert_eq!(to_all[0].event_id, "evt_2", "newest first");
    assert_eq!(to_all[1].event_type, EventType::MessageCreated);
    assert_eq!(to_all[1].status, DeliveryStatus::Pending);
    assert_eq!(to_all[1].next_attempt_at_ms, 10);
    assert_eq!(to_all[1].payload, "{\"id\":\"evt_1\"}");
    let to_closed = store
        .list_webhook_deliveries(one.id, closed_only.id, 10)
        .await
        .unwrap();
    assert_eq!(to_closed.len(), 1);
    assert!(store
        .list_webhook_deliveries(one.id, off.id, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .list_webhook_deliveries(two.id, elsewhere.id, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(
        store
            .list_webhook_deliveries(two.id, all.id, 10)
            .await
            .unwrap()
            .is_empty(),
        "another account cannot list them"
    );
    assert_eq!(
        store.webhook_delivery(two.id, to_all[0].id).await.unwrap(),
        None
    );

    let ping = event("evt_3", EventType::Ping, "ping:evt_3");
    let pinged = store
        .enqueue_webhook_event_to(one.id, closed_only.id, &ping, 13)
        .await
        .unwrap();
    assert_eq!(
        pinged.endpoint_id, closed_only.id,
        "a ping ignores the filter"
    );
    assert!(matches!(
        store
            .enqueue_webhook_event_to(two.id, closed_only.id, &ping, 13)
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn deliveries_are_claimed_once_retried_and_redelivered(store: &dyn Store) {
    let one = store.create_account(&new_account("One"), 1).await.unwrap();
    let two = store.create_account(&new_account("Two"), 1).await.unwrap();
    let hook = store
        .create_webhook_endpoint(one.id, &endpoint("https://a.example/", &["*"]), 1)
        .await
        .unwrap();
    let message = event("evt_1", EventType::MessageCreated, "message.created:1");
    store
        .enqueue_webhook_event(one.id, &message, 100)
        .await
        .unwrap();

    assert!(
        store
            .claim_webhook_deliveries(99, 200, 10)
            .await
            .unwrap()
            .is_empty(),
        "not due"
    );
    let claimed = store.claim_webhook_deliveries(100, 160, 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert!(
        store
            .claim_webhook_deliveries(110, 170, 10)
            .await
            .unwrap()
            .is_empty(),
        "held by the first worker"
    );

    let retry = AttemptResult {
        status: DeliveryStatus::Pending,
        next_attempt_at_ms: 300,
        status_code: Some(500),
        error: Some("HTTP 500".into()),
    };
    let after = store
        .finish_webhook_attempt(claimed[0].id, &retry, 120)
        .await
        .unwrap();
    assert_eq!(after.attempts, 1);
    assert_eq!(after.last_status_code, Some(500));
    assert!(store
        .claim_webhook_deliveries(299, 400, 10)
        .await
        .unwrap()
        .is_empty());

    // A worker that died while holding the row: it comes back once the hold expires.
    let taken = store.claim_webhook_deliveries(300, 350, 10).await.unwrap();
    assert_eq!(taken.len(), 1);
    let again = store.claim_webhook_deliveries(351, 400, 10).await.unwrap();
    assert_eq!(again.len(), 1, "the hold expired");

    let ok = AttemptResult {
        status: DeliveryStatus::Delivered,
        next_attempt_at_ms: 351,
        status_code: Some(204),
        error: None,
    };
    let done = store
        .finish_webhook_attempt(again[0].id, &ok, 360)
        .await
        .unwrap();
    assert_eq!(done.status, DeliveryStatus::Delivered);
    assert_eq!(done.attempts, 2);
    assert_eq!(done.delivered_at_ms, Some(360));
    assert!(store
        .claim_webhook_deliveries(1_000, 2_000, 10)
        .await
        .unwrap()
        .is_empty());

    assert!(matches!(
        store.redeliver_webhook(two.id, done.id, 400).await,
        Err(StoreError::NotFound)
    ));
    let resent = store.redeliver_webhook(one.id, done.id, 400).await.unwrap();
    assert_eq!(resent.status, DeliveryStatus::Pending);
    assert_eq!(
        resent.event_id, "evt_1",
        "the same event id, so receivers can deduplicate"
    );
    assert_eq!(resent.attempts, 0);

    // A disabled endpoint's deliveries wait, and are due at once when it is enabled again.
    store
        .set_webhook_endpoint_enabled(one.id, hook.id, false, Some("paused"), 401)
        .await
        .unwrap();
    assert!(store
        .claim_webhook_deliveries(500, 600, 10)
        .await
        .unwrap()
        .is_empty());
    store
        .set_webhook_endpoint_enabled(one.id, hook.id, true, None, 502)
        .await
        .unwrap();
    assert_eq!(
        store
            .claim_webhook_deliveries(502, 600, 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

pub async fn racing_workers_claim_each_delivery_exactly_once(store: &dyn Store) {
    let one = store.create_account(&new_account("One"), 1).await.unwrap();
    store
        .create_webhook_endpoint(one.id, &endpoint("https://a.example/", &["*"]), 1)
        .await
        .unwrap();
    for n in 0..20 {
        let e = event(
            &format!("evt_{n}"),
            EventType::MessageCreated,
            &format!("m:{n}"),
        );
        store.enqueue_webhook_event(one.id, &e, 10).await.unwrap();
    }
    let claims = (0..4).map(|_| store.claim_webhook_deliveries(10, 1_000, 7));
    let results = futures_util::future::join_all(claims).await;
    let mut ids: Vec<i64> = results
        .into_iter()
        .flat_map(|r| r.unwrap())
        .map(|d| d.id)
        .collect();
    let total = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), total, "no delivery taken twice");
    assert_eq!(total, 20, "four workers of seven take all twenty");
}
