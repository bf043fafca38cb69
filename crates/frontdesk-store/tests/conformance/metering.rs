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

/// An account with one visitor and `n` conversations with a chatbot running.
async fn bot_conversations(
    store: &dyn Store,
    n: usize,
) -> (AccountId, Vec<frontdesk_core::conversation::Conversation>) {
    use frontdesk_core::conversation::ConversationStatus;
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    store.create_visitor(a.id, "v", 1).await.unwrap();
    let mut conversations = Vec::with_capacity(n);
    for _ in 0..n {
        let status = ConversationStatus::Bot;
        let c = store.create_conversation(a.id, "v", status, 1).await;
        conversations.push(c.unwrap());
    }
    (a.id, conversations)
}

/// A chatbot's first click and what the bot answers, counted and stored in one commit.
pub async fn a_count_and_its_messages_are_stored_together_or_not_at_all(store: &dyn Store) {
    use crate::chat::{agent_says, visitor_says};
    use frontdesk_core::conversation::MessageKind;
    let (a, conversations) = bot_conversations(store, 2).await;
    let step = |id: i64| {
        [
            (visitor_says("Pricing", "c1"), Some(format!("click:{id}"))),
            (agent_says("Which plan?", MessageKind::Message), None),
        ]
    };
    let (first, second) = (&conversations[0], &conversations[1]);
    let mut tagged = first.clone();
    tagged.tags = vec!["pricing".into()];
    let counted = store
        .append_counted(
            &request(a, first.id, Some(1)),
            &step(first.id),
            Some(&tagged),
        )
        .await
        .unwrap();
    assert_eq!(counted.count, CountResult::Counted { used: 1 });
    let seqs: Vec<i64> = counted.appended.iter().map(|m| m.message.seq).collect();
    assert_eq!(seqs, [1, 2]);
    let saved = store.conversation(a, first.id).await.unwrap().unwrap();
    assert_eq!((saved.tags, saved.last_seq), (vec!["pricing".into()], 2));

    // The limit is reached: the second conversation's step leaves no trace at all.
    let mut tagged = second.clone();
    tagged.tags = vec!["pricing".into()];
    let refused = store
        .append_counted(
            &request(a, second.id, Some(1)),
            &step(second.id),
            Some(&tagged),
        )
        .await
        .unwrap();
    assert_eq!(refused.count, CountResult::Exhausted);
    assert!(refused.appended.is_empty());
    let kept = store.messages_after(a, second.id, 0, 10).await.unwrap();
    assert!(kept.is_empty(), "no message of a refused step: {kept:?}");
    let unsaved = store.conversation(a, second.id).await.unwrap().unwrap();
    assert_eq!((unsaved.tags.len(), unsaved.last_seq), (0, 0));
    let ledger = store.usage_ledger(a, 1_000).await.unwrap();
    assert_eq!(ledger.len(), 1, "the refused conversation is not claimed");

    // Counted before: the messages go on, the count stays.
    let next = [(agent_says("Monthly or yearly?", MessageKind::Message), None)];
    let again = store
        .append_counted(&request(a, first.id, Some(1)), &next, None)
        .await
        .unwrap();
    assert_eq!(again.count, CountResult::AlreadyCounted);
    assert_eq!(again.appended[0].message.seq, 3);
    assert_eq!(store.used(a, 1_000).await.unwrap(), 1);
}

/// Many first clicks at once land in shared batches: exactly the limit is counted, and
/// exactly the counted conversations got their messages.
pub async fn counted_appends_in_one_batch_stop_exactly_at_the_limit(store: &dyn Store) {
    use crate::chat::visitor_says;
    let (a, conversations) = bot_conversations(store, 60).await;
    let ids: Vec<i64> = conversations.iter().map(|c| c.id).collect();
    let steps: Vec<_> = ids
        .iter()
        .map(|id| [(visitor_says("Hours", "c1"), Some(format!("click:{id}")))])
        .collect();
    let requests: Vec<_> = ids.iter().map(|id| request(a, *id, Some(25))).collect();
    let results = futures_util::future::join_all(
        requests
            .iter()
            .zip(&steps)
            .map(|(r, step)| store.append_counted(r, step, None)),
    )
    .await;
    let mut counted = 0;
    for (id, result) in ids.iter().zip(results) {
        let result = result.unwrap();
        let stored = store.messages_after(a, *id, 0, 10).await.unwrap();
        match result.count {
            CountResult::Counted { used } => {
                counted += 1;
                assert!(used <= 25, "used {used} passed the limit");
                assert_eq!(stored.len(), 1, "conversation {id}");
            }
            CountResult::Exhausted => assert!(stored.is_empty(), "conversation {id}"),
            CountResult::AlreadyCounted => panic!("conversation {id} was not counted before"),
        }
    }
    assert_eq!(counted, 25, "exactly the limit");
    assert_eq!(store.used(a, 1_000).await.unwrap(), 25);
    assert_eq!(store.usage_ledger(a, 1_000).await.unwrap().len(), 25);
}

/// A double click over two sockets: the same conversation counted twice at once, once with
/// a unit left and once without. Both answers agree with what was stored.
pub async fn a_conversation_counted_twice_at_once_gets_one_answer(store: &dyn Store) {
    use crate::chat::visitor_says;
    let (a, conversations) = bot_conversations(store, 2).await;
    // The limit is 1: the first conversation takes it, the second finds it reached.
    let expected = [
        (
            [
                CountResult::Counted { used: 1 },
                CountResult::AlreadyCounted,
            ],
            2,
        ),
        ([CountResult::Exhausted, CountResult::Exhausted], 0),
    ];
    for (c, (answers_expected, written)) in conversations.iter().zip(expected) {
        let r = request(a, c.id, Some(1));
        let click = |n: usize| {
            let key = format!("click:{}:{n}", c.id);
            [(visitor_says("Hours", &format!("c{n}")), Some(key))]
        };
        let (first, second) = (click(1), click(2));
        let (one, two) = futures_util::future::join(
            store.append_counted(&r, &first, None),
            store.append_counted(&r, &second, None),
        )
        .await;
        let mut answers = [one.unwrap().count, two.unwrap().count];
        answers.sort_by_key(|c| matches!(c, CountResult::AlreadyCounted));
        assert_eq!(answers, answers_expected, "conversation {}", c.id);
        let stored = store.messages_after(a, c.id, 0, 10).await.unwrap();
        assert_eq!(stored.len(), written, "conversation {}", c.id);
    }
    assert_eq!(store.used(a, 1_000).await.unwrap(), 1);
    assert_eq!(store.usage_ledger(a, 1_000).await.unwrap().len(), 1);
}
