use crate::{accounts::new_account, agents::new_agent};
use frontdesk_core::{
    agent::Role,
    conversation::{Conversation, ConversationStatus},
};
use frontdesk_store::{ConversationQuery, Store};

fn ids(found: &[Conversation]) -> Vec<i64> {
    found.iter().map(|c| c.id).collect()
}

pub async fn conversations_are_found_by_status_agent_and_tag_a_page_at_a_time(store: &dyn Store) {
    let account = store.create_account(&new_account("A"), 1).await.unwrap();
    let other = store.create_account(&new_account("B"), 1).await.unwrap();
    let agent = store
        .create_agent(account.id, &new_agent("a@example.com", Role::Agent), 1)
        .await
        .unwrap();
    store.create_visitor(account.id, "v", 1).await.unwrap();
    store.create_visitor(other.id, "w", 1).await.unwrap();
    let mut made = Vec::new();
    for i in 0..5 {
        let mut c = store
            .create_conversation(account.id, "v", ConversationStatus::Open, 10 + i)
            .await
            .unwrap();
        c.visitor_acted = true;
        if i % 2 == 0 {
            c.status = ConversationStatus::Closed;
            c.tags = vec!["50%_off".into(), "vip".into()];
        }
        if i == 1 {
            c.assigned_agent_id = Some(agent.id);
        }
        store.save_conversation(&c).await.unwrap();
        made.push(c.id);
    }
    // Never shown: the visitor did not act, or another account's.
    store
        .create_conversation(account.id, "v", ConversationStatus::Bot, 20)
        .await
        .unwrap();
    let mut foreign = store
        .create_conversation(other.id, "w", ConversationStatus::Open, 20)
        .await
        .unwrap();
    foreign.visitor_acted = true;
    store.save_conversation(&foreign).await.unwrap();

    let search = |q: ConversationQuery| async move {
        store.search_conversations(account.id, &q).await.unwrap()
    };
    let all = search(ConversationQuery {
        limit: 10,
        ..Default::default()
    })
    .await;
    let newest_first: Vec<i64> = made.iter().rev().copied().collect();
    assert_eq!(ids(&all), newest_first);

    let first = search(ConversationQuery {
        limit: 2,
        ..Default::default()
    })
    .await;
    let second = search(ConversationQuery {
        limit: 2,
        before_id: first.last().map(|c| c.id),
        ..Default::default()
    })
    .await;
    let third = search(ConversationQuery {
        limit: 2,
        before_id: second.last().map(|c| c.id),
        ..Default::default()
    })
    .await;
    let paged: Vec<i64> = [first, second, third].iter().flat_map(|p| ids(p)).collect();
    assert_eq!(paged, newest_first, "pages neither repeat nor skip");

    let closed = search(ConversationQuery {
        status: Some(ConversationStatus::Closed),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(&closed), [made[4], made[2], made[0]]);
    let mine = search(ConversationQuery {
        assigned_agent: Some(agent.id),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(&mine), [made[1]]);
    for (tag, expected) in [("vip", 3), ("50%_off", 3), ("50", 0), ("%", 0), ("vi", 0)] {
        let found = search(ConversationQuery {
            tag: Some(tag.into()),
            limit: 10,
            ..Default::default()
        })
        .await;
        assert_eq!(found.len(), expected, "tag {tag:?}");
    }
    let none = search(ConversationQuery {
        status: Some(ConversationStatus::Open),
        tag: Some("vip".into()),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert!(none.is_empty());
}
