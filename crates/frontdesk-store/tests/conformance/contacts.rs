use crate::accounts::new_account;
use frontdesk_core::webhook::{EventFilter, EventType};
use frontdesk_core::{
    conversation::{AuthorKind, ConversationStatus, MessageKind, NewMessage},
    metering::CountReason,
};
use frontdesk_store::{
    ContactQuery, CountRequest, NewEmail, NewWebhookEndpoint, NewWebhookEvent, Store,
};

async fn contact(store: &dyn Store, account: frontdesk_core::ids::AccountId, id: &str, at: i64) {
    let mut v = store.create_visitor(account, id, at).await.unwrap();
    v.name = Some(format!("Name {id}"));
    v.email = Some(format!("{id}@example.com"));
    store.save_visitor(&v).await.unwrap();
}

pub async fn contacts_page_newest_first_and_only_known_visitors(store: &dyn Store) {
    let mine = store.create_account(&new_account("Mine"), 1).await.unwrap();
    let theirs = store
        .create_account(&new_account("Theirs"), 1)
        .await
        .unwrap();
    for (i, id) in ["a", "b", "c", "d", "e"].iter().enumerate() {
        // Two share a creation time, so the id breaks the tie.
        contact(store, mine.id, id, 100 + (i as i64).min(3)).await;
    }
    store
        .create_visitor(mine.id, "anonymous", 500)
        .await
        .unwrap();
    contact(store, theirs.id, "z", 600).await;

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_contacts(
                mine.id,
                &ContactQuery {
                    search: None,
                    after: after.clone(),
                    limit: 2,
                },
            )
            .await
            .unwrap();
        if page.is_empty() {
            break;
        }
        let last = page.last().unwrap();
        after = Some((last.created_at_ms, last.id.clone()));
        seen.extend(page.into_iter().map(|v| v.id));
    }
    assert_eq!(seen, ["e", "d", "c", "b", "a"]);

    let found = store
        .list_contacts(
            mine.id,
            &ContactQuery {
                search: Some("NAME C".into()),
                after: None,
                limit: 10,
            },
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "c");
    // LIKE's wildcards are searched for literally.
    let none = store
        .list_contacts(
            mine.id,
            &ContactQuery {
                search: Some("%".into()),
                after: None,
                limit: 10,
            },
        )
        .await
        .unwrap();
    assert!(none.is_empty());
}

pub async fn erasing_a_visitor_removes_their_history_but_not_the_count(store: &dyn Store) {
    let mine = store.create_account(&new_account("Mine"), 1).await.unwrap();
    let theirs = store
        .create_account(&new_account("Theirs"), 1)
        .await
        .unwrap();
    contact(store, mine.id, "gone", 100).await;
    contact(store, mine.id, "stays", 100).await;
    let c = store
        .create_conversation(mine.id, "gone", ConversationStatus::Open, 200)
        .await
        .unwrap();
    let said = NewMessage {
        author: AuthorKind::Visitor,
        author_agent_id: None,
        author_name: None,
        kind: MessageKind::Message,
        body: "my address is Main Street 1".into(),
        event: None,
        client_id: None,
        payload: None,
        answers_bot: false,
    };
    let said = store
        .append_message(mine.id, c.id, &said, None, 210)
        .await
        .unwrap()
        .message;
    let hook = store
        .create_webhook_endpoint(
            mine.id,
            &NewWebhookEndpoint {
                url: "https://crm.example/hook".into(),
                description: String::new(),
                events: EventFilter::All,
                sealed_secret: "sealed".into(),
            },
            215,
        )
        .await
        .unwrap();
    let other = store
        .create_conversation(mine.id, "stays", ConversationStatus::Open, 200)
        .await
        .unwrap();
    for (event, key) in [
        (
            EventType::ConversationCreated,
            format!("conversation.created:{}", c.id),
        ),
        (
            EventType::MessageCreated,
            format!("message.created:{}", said.id),
        ),
        (
            EventType::ContactUpdated,
            "contact.updated:gone:ab12".to_owned(),
        ),
        (
            EventType::ConversationCreated,
            format!("conversation.created:{}", other.id),
        ),
        (
            EventType::ContactUpdated,
            "contact.updated:gone-too:ab12".to_owned(),
        ),
    ] {
        let new = NewWebhookEvent {
            event_id: format!("evt-{key}"),
            event_type: event,
            dedupe_key: key,
            payload: "{}".into(),
        };
        store
            .enqueue_webhook_event(mine.id, &new, 216)
            .await
            .unwrap();
    }
    store
        .count_chatbot_conversation(&CountRequest {
            account: mine.id,
            conversation_id: c.id,
            chatbot_id: 1,
            reason: CountReason::Started,
            period_start_ms: 0,
            limit: None,
            now_ms: 220,
        })
        .await
        .unwrap();
    for recipient in ["gone@example.com", "owner@example.com"] {
        store
            .enqueue_email(
                mine.id,
                &NewEmail {
                    kind: "transcript".into(),
                    recipient: recipient.into(),
                    subject: "Transcript".into(),
                    body: "my address is Main Street 1".into(),
                },
                230,
            )
            .await
            .unwrap();
    }

    // Another account cannot erase it.
    assert!(!store.erase_visitor(theirs.id, "gone").await.unwrap());
    assert!(store.visitor(mine.id, "gone").await.unwrap().is_some());

    assert!(store.erase_visitor(mine.id, "gone").await.unwrap());
    assert!(store.visitor(mine.id, "gone").await.unwrap().is_none());
    assert!(store.conversation(mine.id, c.id).await.unwrap().is_none());
    assert!(store
        .messages_after(mine.id, c.id, 0, 100)
        .await
        .unwrap()
        .is_empty());
    let left: Vec<String> = store
        .emails(mine.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.recipient)
        .collect();
    assert_eq!(left, ["owner@example.com"]);
    assert_eq!(store.used(mine.id, 0).await.unwrap(), 1, "the count stays");
    let deliveries: Vec<String> = store
        .list_webhook_deliveries(mine.id, hook.id, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.event_id)
        .collect();
    let mut deliveries = deliveries;
    deliveries.sort();
    assert_eq!(
        deliveries,
        [
            "evt-contact.updated:gone-too:ab12".to_owned(),
            format!("evt-conversation.created:{}", other.id)
        ],
        "deliveries about the erased visitor go, others stay"
    );
    assert!(store.visitor(mine.id, "stays").await.unwrap().is_some());
    assert!(!store.erase_visitor(mine.id, "gone").await.unwrap());
}
