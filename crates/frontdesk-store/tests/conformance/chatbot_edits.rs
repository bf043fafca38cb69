use crate::accounts::new_account;
use frontdesk_store::{NewChatbot, Store};

pub async fn a_draft_saved_against_a_stale_copy_is_refused(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    let new = NewChatbot {
        name: "FAQ".into(),
        language: "en".into(),
        position: 1,
        draft: "{\"v\":1}".into(),
    };
    let original = store.create_chatbot(a.id, &new, 10).await.unwrap();
    let mut first = original.clone();
    first.draft = "{\"v\":2}".into();
    first.updated_at_ms = 20;
    assert!(store
        .save_chatbot_if_draft(&first, "{\"v\":1}")
        .await
        .unwrap());
    let mut second = original.clone();
    second.draft = "{\"v\":3}".into();
    assert!(
        !store
            .save_chatbot_if_draft(&second, "{\"v\":1}")
            .await
            .unwrap(),
        "the first edit changed the draft this one was based on"
    );
    let stored = store.chatbot(a.id, original.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.draft.as_str(), stored.updated_at_ms),
        ("{\"v\":2}", 20)
    );

    let mut foreign = stored.clone();
    foreign.account_id = b.id;
    foreign.draft = "{\"v\":4}".into();
    assert!(!store
        .save_chatbot_if_draft(&foreign, "{\"v\":2}")
        .await
        .unwrap());
    let stored = store.chatbot(a.id, original.id).await.unwrap().unwrap();
    assert_eq!(stored.draft, "{\"v\":2}", "another account cannot write it");
}
