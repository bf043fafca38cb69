use crate::{
    accounts::new_account,
    chat::{agent_says, visitor_says},
};
use frontdesk_core::conversation::{ConversationStatus, MessageKind};
use frontdesk_store::Store;

/// The batched inbox read gives, for every conversation asked, what the one-at-a-time reads
/// give: the conversation, its visitor, its last message, the unread visitor messages after
/// the agents' mark and the visitor's recent conversations — and nothing of other accounts.
pub async fn inbox_rows_match_the_single_reads_and_stay_in_their_account(store: &dyn Store) {
    let mine = store.create_account(&new_account("Mine"), 1).await.unwrap();
    let theirs = store
        .create_account(&new_account("Theirs"), 1)
        .await
        .unwrap();
    for v in ["v-1", "v-2"] {
        store.create_visitor(mine.id, v, 5).await.unwrap();
    }
    store.create_visitor(theirs.id, "v-9", 5).await.unwrap();
    let open = ConversationStatus::Open;
    let older = store
        .create_conversation(mine.id, "v-1", open, 10)
        .await
        .unwrap();
    let busy = store
        .create_conversation(mine.id, "v-1", open, 11)
        .await
        .unwrap();
    let quiet = store
        .create_conversation(mine.id, "v-2", open, 12)
        .await
        .unwrap();
    let foreign = store
        .create_conversation(theirs.id, "v-9", open, 13)
        .await
        .unwrap();

    for (i, m) in [
        visitor_says("one", "c1"),
        visitor_says("two", "c2"),
        agent_says("internal", MessageKind::Note),
        visitor_says("three", "c3"),
        agent_says("hello", MessageKind::Message),
    ]
    .iter()
    .enumerate()
    {
        store
            .append_message(mine.id, busy.id, m, None, 20 + i as i64)
            .await
            .unwrap();
    }
    // The agents read up to the first message: two visitor messages are unread after it.
    let mut read = store.conversation(mine.id, busy.id).await.unwrap().unwrap();
    read.agent_read_seq = 1;
    store.save_conversation(&read).await.unwrap();
    let foreign_says = visitor_says("theirs", "c9");
    store
        .append_message(theirs.id, foreign.id, &foreign_says, None, 30)
        .await
        .unwrap();

    let ids = [quiet.id, foreign.id, busy.id, 999_999, older.id];
    let rows = store.inbox_rows(mine.id, &ids).await.unwrap();
    let got: Vec<i64> = rows.iter().map(|r| r.conversation.id).collect();
    assert_eq!(
        got,
        [quiet.id, busy.id, older.id],
        "asked order, own account only"
    );

    for row in &rows {
        let c = &row.conversation;
        let single = store.conversation(mine.id, c.id).await.unwrap().unwrap();
        assert_eq!(*c, single);
        let v = store
            .visitor(mine.id, &c.visitor_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.visitor, v);
        let last = store
            .messages_after(mine.id, c.id, c.last_seq - 1, 1)
            .await
            .unwrap();
        assert_eq!(row.last_message.as_ref(), last.first());
        let unread = store
            .visitor_messages_after(mine.id, c.id, c.agent_read_seq)
            .await
            .unwrap();
        assert_eq!(row.unread, unread);
        let recent = store
            .visitor_conversations(mine.id, &c.visitor_id)
            .await
            .unwrap();
        assert_eq!(row.visitor_conversations, recent);
    }
    let busy_row = &rows[1];
    assert_eq!(busy_row.unread, 2);
    assert_eq!(busy_row.last_message.as_ref().unwrap().body, "hello");
    assert!(rows[0].last_message.is_none());
    let recent: Vec<i64> = busy_row
        .visitor_conversations
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(recent, [busy.id, older.id], "newest first");
    assert!(store.inbox_rows(mine.id, &[]).await.unwrap().is_empty());
}
