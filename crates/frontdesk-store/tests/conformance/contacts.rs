use crate::accounts::new_account;
use frontdesk_core::{
    conversation::{AuthorKind, ConversationStatus, MessageKind, NewMessage},
    metering::CountReason,
};
use frontdesk_store::{ContactQuery, CountRequest, NewEmail, Store};

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
    store
        .append_message(mine.id, c.id, &said, None, 210)
        .await
        .unwrap();
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
    assert!(store.visitor(mine.id, "stays").await.unwrap().is_some());
    assert!(!store.erase_visitor(mine.id, "gone").await.unwrap());
}
