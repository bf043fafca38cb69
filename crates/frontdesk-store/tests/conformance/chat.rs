use crate::accounts::new_account;
use frontdesk_core::{
    conversation::{AuthorKind, ClientId, ConversationStatus, MessageKind, NewMessage, PageView},
    ids::AccountId,
};
use frontdesk_store::{NewEmail, Store, StoreError};

pub fn visitor_says(body: &str, client_id: &str) -> NewMessage {
    NewMessage {
        author: AuthorKind::Visitor,
        author_agent_id: None,
        author_name: None,
        kind: MessageKind::Message,
        body: body.into(),
        event: None,
        client_id: Some(ClientId::parse(client_id).unwrap()),
        payload: None,
        answers_bot: false,
    }
}

pub fn agent_says(body: &str, kind: MessageKind) -> NewMessage {
    NewMessage {
        author: AuthorKind::Agent,
        author_agent_id: None,
        author_name: Some("Jana".into()),
        kind,
        body: body.into(),
        event: None,
        client_id: None,
        payload: None,
        answers_bot: false,
    }
}

pub async fn visitors_keep_contact_data_and_pages_within_their_account(store: &dyn Store) {
    let mine = store.create_account(&new_account("Mine"), 1).await.unwrap();
    let theirs = store
        .create_account(&new_account("Theirs"), 1)
        .await
        .unwrap();
    let mut visitor = store.create_visitor(mine.id, "v-1", 100).await.unwrap();
    assert_eq!(visitor.visit_count, 1);
    assert!(!visitor.is_contact());
    visitor.name = Some("Jana <script>".into());
    visitor.email = Some("jana@example.com".into());
    visitor.variables.insert("Order".into(), "1234".into());
    visitor.pages.push(PageView {
        url: "https://example.com/".into(),
        title: "Home".into(),
        at: 150,
    });
    visitor.last_seen_at_ms = 200;
    visitor.referrer = Some("https://search.example/?q=shoes".into());
    visitor.country = Some("CZ".into());
    visitor.bots_shown.insert(7, 2);
    store.save_visitor(&visitor).await.unwrap();
    let read = store.visitor(mine.id, "v-1").await.unwrap().unwrap();
    assert_eq!(read, visitor);
    assert!(store.visitor(theirs.id, "v-1").await.unwrap().is_none());
    let mut stolen = visitor.clone();
    stolen.account_id = theirs.id;
    assert!(matches!(
        store.save_visitor(&stolen).await,
        Err(StoreError::NotFound)
    ));
    let dup = store.create_visitor(theirs.id, "v-1", 1).await.unwrap_err();
    assert!(matches!(dup, StoreError::Conflict(_)), "{dup:?}");
}

pub async fn messages_are_numbered_and_move_the_status(store: &dyn Store) {
    let account = store.create_account(&new_account("A"), 1).await.unwrap();
    store.create_visitor(account.id, "v", 1).await.unwrap();
    let c = store
        .create_conversation(account.id, "v", ConversationStatus::Open, 10)
        .await
        .unwrap();
    assert_eq!((c.status, c.last_seq), (ConversationStatus::Open, 0));

    let first = store
        .append_message(
            account.id,
            c.id,
            &visitor_says("Hello", "c1"),
            Some("v:c1"),
            20,
        )
        .await
        .unwrap();
    assert_eq!((first.message.seq, first.duplicate), (1, false));
    let note = store
        .append_message(
            account.id,
            c.id,
            &agent_says("VIP", MessageKind::Note),
            None,
            25,
        )
        .await
        .unwrap();
    assert_eq!(
        note.conversation.status,
        ConversationStatus::Open,
        "a note does not serve"
    );
    let reply = store
        .append_message(
            account.id,
            c.id,
            &agent_says("Hi!", MessageKind::Message),
            None,
            30,
        )
        .await
        .unwrap();
    assert_eq!(reply.message.seq, 3);
    assert_eq!(reply.conversation.status, ConversationStatus::Served);

    let retry = store
        .append_message(
            account.id,
            c.id,
            &visitor_says("Hello", "c1"),
            Some("v:c1"),
            40,
        )
        .await
        .unwrap();
    assert!(retry.duplicate);
    assert_eq!(
        retry.message, first.message,
        "a retry returns the stored message"
    );

    let all = store
        .messages_after(account.id, c.id, 0, 100)
        .await
        .unwrap();
    let seqs: Vec<i64> = all.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert_eq!(all[1].kind, MessageKind::Note);
    let later = store
        .messages_after(account.id, c.id, 2, 100)
        .await
        .unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(
        store
            .visitor_messages_after(account.id, c.id, 0)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .visitor_messages_after(account.id, c.id, 1)
            .await
            .unwrap(),
        0
    );
    let stored = store.conversation(account.id, c.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.last_seq, stored.status),
        (3, ConversationStatus::Served)
    );
    assert_eq!(stored.last_message_at_ms, 30);

    let other = AccountId(account.id.0 + 1000);
    assert!(store
        .messages_after(other, c.id, 0, 100)
        .await
        .unwrap()
        .is_empty());
    let foreign = store
        .append_message(other, c.id, &visitor_says("x", "c9"), None, 50)
        .await;
    assert!(matches!(foreign, Err(StoreError::NotFound)));
}

pub async fn concurrent_sends_get_distinct_numbers_and_retries_store_once(store: &dyn Store) {
    let account = store.create_account(&new_account("A"), 1).await.unwrap();
    store.create_visitor(account.id, "v", 1).await.unwrap();
    let c = store
        .create_conversation(account.id, "v", ConversationStatus::Open, 1)
        .await
        .unwrap();
    let messages: Vec<NewMessage> = (0..20)
        .map(|i| visitor_says(&format!("m{i}"), &format!("c{}", i % 10)))
        .collect();
    let keys: Vec<String> = (0..20).map(|i| format!("v:c{}", i % 10)).collect();
    let sends = messages
        .iter()
        .zip(&keys)
        .map(|(m, k)| store.append_message(account.id, c.id, m, Some(k), 5));
    let results = futures_util::future::join_all(sends).await;
    for r in &results {
        assert!(r.is_ok(), "{r:?}");
    }
    let stored = store
        .messages_after(account.id, c.id, 0, 100)
        .await
        .unwrap();
    let seqs: Vec<i64> = stored.iter().map(|m| m.seq).collect();
    assert_eq!(
        seqs,
        (1..=10).collect::<Vec<_>>(),
        "ten distinct messages, numbered without gaps"
    );
}

/// Many appends at once land in the same write batches: every conversation still numbers its
/// messages without gaps, a client id sent twice in one batch is stored once (both senders get
/// the same message), and an append to a missing conversation fails alone.
pub async fn batched_appends_number_each_conversation_and_store_retries_once(store: &dyn Store) {
    let account = store.create_account(&new_account("A"), 1).await.unwrap();
    let mut conversations = Vec::new();
    for v in 0..5 {
        let visitor = format!("v{v}");
        store.create_visitor(account.id, &visitor, 1).await.unwrap();
        let c = store
            .create_conversation(account.id, &visitor, ConversationStatus::Open, 1)
            .await
            .unwrap();
        conversations.push(c.id);
    }
    // 40 distinct messages per conversation, each sent twice (a retry racing its original).
    let mut sends = Vec::new();
    for (v, id) in conversations.iter().enumerate() {
        for i in 0..40 {
            let key = format!("v{v}:c{i}");
            let message = visitor_says(&format!("m{i}"), &format!("c{i}"));
            sends.push((*id, message.clone(), key.clone()));
            sends.push((*id, message, key));
        }
    }
    let appends = sends
        .iter()
        .map(|(id, m, k)| store.append_message(account.id, *id, m, Some(k), 5));
    let missing = visitor_says("lost", "c1");
    let nowhere = store.append_message(account.id, i64::MAX / 2, &missing, None, 5);
    let (results, nowhere) =
        futures_util::future::join(futures_util::future::join_all(appends), nowhere).await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");
    let results: Vec<_> = results.into_iter().map(Result::unwrap).collect();
    for pair in results.chunks(2) {
        assert_eq!(
            pair[0].message, pair[1].message,
            "the original and its retry get the same stored message"
        );
        assert_eq!(pair.iter().filter(|a| a.duplicate).count(), 1);
    }
    for id in conversations {
        let stored = store.messages_after(account.id, id, 0, 100).await.unwrap();
        let seqs: Vec<i64> = stored.iter().map(|m| m.seq).collect();
        assert_eq!(seqs, (1..=40).collect::<Vec<_>>(), "no gaps, no doubles");
        let c = store.conversation(account.id, id).await.unwrap().unwrap();
        assert_eq!(c.last_seq, 40);
    }
}

/// Batches without retries are written a whole batch at a time: many visitors and agents
/// writing at once, with bot steps saving their conversation in between, still give every
/// conversation its messages in order, the status §3 asks for and the saved fields.
pub async fn busy_batches_keep_order_status_and_saved_fields(store: &dyn Store) {
    let account = store.create_account(&new_account("A"), 1).await.unwrap();
    let mut conversations = Vec::new();
    for v in 0..20 {
        let visitor = format!("v{v}");
        store.create_visitor(account.id, &visitor, 1).await.unwrap();
        let status = if v % 2 == 0 {
            ConversationStatus::Open
        } else {
            ConversationStatus::Bot
        };
        let c = store
            .create_conversation(account.id, &visitor, status, 1)
            .await
            .unwrap();
        conversations.push(c);
    }
    let mut tagged = conversations[1].clone();
    tagged.tags = vec!["lead".into()];
    tagged.important = true;
    let step = [
        (visitor_says("Pricing", "step"), None),
        (agent_says("Which plan?", MessageKind::Message), None),
    ];
    let messages: Vec<(i64, NewMessage, i64)> = (0..10)
        .flat_map(|round| {
            conversations.iter().map(move |c| {
                let m = visitor_says(&format!("{} says {round}", c.visitor_id), "x");
                (c.id, m, 100 + round)
            })
        })
        .collect();
    let sends = messages
        .iter()
        .map(|(id, m, at)| store.append_message(account.id, *id, m, None, *at));
    let reply = agent_says("Hello", MessageKind::Message);
    let (sent, stepped, replied) = futures_util::future::join3(
        futures_util::future::join_all(sends),
        store.append_messages(account.id, tagged.id, &step, Some(&tagged), 150),
        store.append_message(account.id, conversations[0].id, &reply, None, 200),
    )
    .await;
    assert!(sent.iter().all(Result::is_ok));
    let stepped = stepped.unwrap();
    assert_eq!(stepped.len(), 2);
    let replied = replied.unwrap();
    // What each caller was told is stored is exactly the row that is stored: id, number,
    // author, text, payload and time.
    let told = sent
        .iter()
        .map(|a| a.as_ref().unwrap())
        .chain(&stepped)
        .chain([&replied]);
    for appended in told {
        let m = &appended.message;
        let stored = store
            .messages_after(account.id, m.conversation_id, m.seq - 1, 1)
            .await
            .unwrap();
        assert_eq!(stored.first(), Some(m));
    }
    assert_eq!(replied.conversation.status, ConversationStatus::Served);
    for c in &conversations {
        let stored = store
            .messages_after(account.id, c.id, 0, 100)
            .await
            .unwrap();
        let seqs: Vec<i64> = stored.iter().map(|m| m.seq).collect();
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
        let own: Vec<&str> = stored
            .iter()
            .filter(|m| m.body.starts_with(&c.visitor_id))
            .map(|m| m.body.as_str())
            .collect();
        let expected: Vec<String> = (0..10)
            .map(|r| format!("{} says {r}", c.visitor_id))
            .collect();
        assert_eq!(own, expected, "each sender's messages in the order sent");
        let now = store.conversation(account.id, c.id).await.unwrap().unwrap();
        assert_eq!(now.last_seq, seqs.len() as i64);
        if c.id != tagged.id {
            assert_ne!(now.status, ConversationStatus::Bot, "the visitor wrote");
        }
    }
    let saved = store
        .conversation(account.id, tagged.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.tags, saved.important),
        (vec!["lead".to_owned()], true)
    );
    assert_eq!(saved.last_seq, 12);
    let served = store
        .conversation(account.id, conversations[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(served.status, ConversationStatus::Served);
    assert_eq!(served.last_message_at_ms, 200);
}

/// A bot step's click and reply go in together, numbered in order; the same click again is
/// answered with the stored click and writes nothing after it.
pub async fn several_messages_append_together_and_a_repeat_stops_them(store: &dyn Store) {
    let account = store.create_account(&new_account("A"), 1).await.unwrap();
    store.create_visitor(account.id, "v", 1).await.unwrap();
    let c = store
        .create_conversation(account.id, "v", ConversationStatus::Bot, 1)
        .await
        .unwrap();
    let mut tagged = c.clone();
    tagged.tags = vec!["pricing".into()];
    let step = [
        (visitor_says("Pricing", "c1"), Some("v:click:1".to_owned())),
        (agent_says("Which plan?", MessageKind::Message), None),
    ];
    let first = store
        .append_messages(account.id, c.id, &step, Some(&tagged), 10)
        .await
        .unwrap();
    let seqs: Vec<i64> = first.iter().map(|a| a.message.seq).collect();
    assert_eq!(seqs, [1, 2]);
    assert!(first.iter().all(|a| !a.duplicate));
    assert_eq!(first[1].conversation.last_seq, 2);
    let saved = store.conversation(account.id, c.id).await.unwrap().unwrap();
    assert_eq!(
        (saved.tags, saved.last_seq),
        (vec!["pricing".to_owned()], 2)
    );

    let again = store
        .append_messages(account.id, c.id, &step, None, 20)
        .await
        .unwrap();
    assert_eq!(again.len(), 1, "nothing after the repeat");
    assert!(again[0].duplicate);
    assert_eq!(again[0].message, first[0].message);
    let stored = store
        .messages_after(account.id, c.id, 0, 100)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);

    let nowhere = store
        .append_messages(account.id, c.id + 1000, &step, None, 30)
        .await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");
}

pub async fn conversations_list_newest_first_and_save_inside_their_account(store: &dyn Store) {
    let account = store.create_account(&new_account("A"), 1).await.unwrap();
    store.create_visitor(account.id, "v", 1).await.unwrap();
    let old = store
        .create_conversation(account.id, "v", ConversationStatus::Open, 10)
        .await
        .unwrap();
    let mut new = store
        .create_conversation(account.id, "v", ConversationStatus::Open, 20)
        .await
        .unwrap();
    let listed: Vec<i64> = store
        .list_conversations(account.id, 10)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(listed, [new.id, old.id]);
    assert_eq!(
        store
            .latest_conversation(account.id, "v")
            .await
            .unwrap()
            .unwrap()
            .id,
        new.id
    );
    assert_eq!(
        store
            .visitor_conversations(account.id, "v")
            .await
            .unwrap()
            .len(),
        2
    );

    new.tags = vec!["billing".into()];
    new.important = true;
    new.status = ConversationStatus::Closed;
    new.closed_at_ms = Some(30);
    new.rating = Some(5);
    new.agent_read_seq = 2;
    store.save_conversation(&new).await.unwrap();
    assert_eq!(
        store
            .conversation(account.id, new.id)
            .await
            .unwrap()
            .unwrap(),
        new
    );
    let mut foreign = new.clone();
    foreign.account_id = AccountId(account.id.0 + 1000);
    assert!(matches!(
        store.save_conversation(&foreign).await,
        Err(StoreError::NotFound)
    ));

    let idle: Vec<i64> = store
        .idle_conversations(15, 15, 10)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(idle, [old.id], "closed ones and recent ones are not idle");
    let none = store
        .create_conversation(account.id, "no-such-visitor", ConversationStatus::Open, 1)
        .await;
    assert!(matches!(none, Err(StoreError::NotFound)));
}

pub async fn the_outbox_keeps_emails_per_account(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    let email = NewEmail {
        kind: "transcript".into(),
        recipient: "jana@example.com".into(),
        subject: "Your chat".into(),
        body: "Hello".into(),
    };
    store.enqueue_email(a.id, &email, 5).await.unwrap();
    let queued = store.emails(a.id).await.unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(
        (queued[0].recipient.as_str(), queued[0].sent_at),
        ("jana@example.com", None)
    );
    assert!(store.emails(b.id).await.unwrap().is_empty());
}

pub async fn chatbots_publish_immutable_versions_within_their_account(store: &dyn Store) {
    use frontdesk_store::NewChatbot;
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    let new = NewChatbot {
        name: "FAQ".into(),
        language: "en".into(),
        position: 1,
        draft: "{\"v\":1}".into(),
    };
    let mut bot = store.create_chatbot(a.id, &new, 10).await.unwrap();
    assert_eq!((bot.enabled, bot.published_version), (true, None));
    assert_eq!(
        store
            .publish_chatbot(a.id, bot.id, &bot.draft, 20)
            .await
            .unwrap(),
        1
    );
    bot.draft = "{\"v\":2}".into();
    store.save_chatbot(&bot).await.unwrap();
    assert_eq!(
        store
            .publish_chatbot(a.id, bot.id, &bot.draft, 30)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .chatbot_version(a.id, bot.id, 1)
            .await
            .unwrap()
            .as_deref(),
        Some("{\"v\":1}"),
        "old versions stay as published"
    );
    assert_eq!(
        store
            .chatbot_version(a.id, bot.id, 2)
            .await
            .unwrap()
            .as_deref(),
        Some("{\"v\":2}")
    );
    assert_eq!(
        store
            .chatbot(a.id, bot.id)
            .await
            .unwrap()
            .unwrap()
            .published_version,
        Some(2)
    );

    assert!(store.chatbot(b.id, bot.id).await.unwrap().is_none());
    assert!(store
        .chatbot_version(b.id, bot.id, 1)
        .await
        .unwrap()
        .is_none());
    assert!(matches!(
        store.publish_chatbot(b.id, bot.id, "{}", 40).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_chatbot(b.id, bot.id).await,
        Err(StoreError::NotFound)
    ));
    let second = store
        .create_chatbot(a.id, &NewChatbot { position: 0, ..new }, 50)
        .await
        .unwrap();
    let order: Vec<i64> = store
        .list_chatbots(a.id)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(order, [second.id, bot.id], "ordered by position");
    store.delete_chatbot(a.id, bot.id).await.unwrap();
    assert!(store
        .chatbot_version(a.id, bot.id, 1)
        .await
        .unwrap()
        .is_none());
    assert_eq!(store.list_chatbots(a.id).await.unwrap().len(), 1);
}

pub async fn automatic_messages_default_save_and_find_unanswered_chats(store: &dyn Store) {
    use frontdesk_core::auto::{AutoKind, AutoMessage};
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    let defaults = store.auto_messages(a.id).await.unwrap();
    assert_eq!(defaults.len(), 4);
    assert_eq!(defaults[0], AutoMessage::default_for(AutoKind::FirstVisit));
    let mut greeting = defaults[0].clone();
    greeting.enabled = true;
    greeting.delay_secs = 10;
    greeting.texts.insert("cs".into(), "Ahoj!".into());
    store.save_auto_message(a.id, &greeting).await.unwrap();
    greeting.delay_secs = 12;
    store.save_auto_message(a.id, &greeting).await.unwrap();
    assert_eq!(store.auto_messages(a.id).await.unwrap()[0], greeting);
    assert_eq!(
        store.auto_messages(b.id).await.unwrap()[0],
        AutoMessage::default_for(AutoKind::FirstVisit),
        "per account"
    );

    store.create_visitor(a.id, "v", 1).await.unwrap();
    let waiting = store
        .create_conversation(a.id, "v", ConversationStatus::Open, 1)
        .await
        .unwrap();
    store
        .append_message(a.id, waiting.id, &visitor_says("Hello?", "c1"), None, 100)
        .await
        .unwrap();
    let answered = store
        .create_conversation(a.id, "v", ConversationStatus::Open, 1)
        .await
        .unwrap();
    store
        .append_message(a.id, answered.id, &visitor_says("Hi", "c2"), None, 100)
        .await
        .unwrap();
    store
        .append_message(
            a.id,
            answered.id,
            &agent_says("Hello!", MessageKind::Message),
            None,
            110,
        )
        .await
        .unwrap();
    let found: Vec<i64> = store
        .unanswered_conversations(100 + 45_000 + 1, 10)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(found, [waiting.id]);
    assert!(
        store
            .unanswered_conversations(100 + 45_000, 10)
            .await
            .unwrap()
            .is_empty(),
        "not yet overdue"
    );
}

pub async fn the_busy_notice_follows_each_accounts_setting(store: &dyn Store) {
    use frontdesk_core::auto::{AutoKind, AutoMessage};
    let quiet = store
        .create_account(&new_account("Quiet"), 1)
        .await
        .unwrap();
    let mut off = AutoMessage::default_for(AutoKind::Busy);
    off.enabled = false;
    store.save_auto_message(quiet.id, &off).await.unwrap();
    let slow = store.create_account(&new_account("Slow"), 1).await.unwrap();
    let mut later = AutoMessage::default_for(AutoKind::Busy);
    later.delay_secs = 300;
    store.save_auto_message(slow.id, &later).await.unwrap();
    for account in [quiet.id, slow.id] {
        store
            .create_visitor(account, &format!("v{account}"), 1)
            .await
            .unwrap();
        let c = store
            .create_conversation(account, &format!("v{account}"), ConversationStatus::Open, 1)
            .await
            .unwrap();
        store
            .append_message(account, c.id, &visitor_says("Hello?", "c1"), None, 100)
            .await
            .unwrap();
    }
    assert!(
        store
            .unanswered_conversations(100 + 60_000, 10)
            .await
            .unwrap()
            .is_empty(),
        "off, and not yet due"
    );
    let due = store
        .unanswered_conversations(100 + 300_001, 10)
        .await
        .unwrap();
    assert_eq!(
        due.iter().map(|c| c.account_id).collect::<Vec<_>>(),
        [slow.id]
    );
}

/// A batch reads each conversation and writes it back whole: every field must survive the
/// round trip, including text with quotes, accents and JSON in it.
pub async fn an_append_keeps_every_field_of_its_conversation(store: &dyn Store) {
    use frontdesk_core::flow::BotRun;
    let account = store.create_account(&new_account("Acme"), 1).await.unwrap();
    let agent = store
        .create_agent(
            account.id,
            &crate::agents::new_agent("jana@example.com", frontdesk_core::agent::Role::Agent),
            1,
        )
        .await
        .unwrap();
    store.create_visitor(account.id, "v", 1).await.unwrap();
    let mut c = store
        .create_conversation(account.id, "v", ConversationStatus::Open, 10)
        .await
        .unwrap();
    c.status = ConversationStatus::Served;
    c.assigned_agent_id = Some(agent.id);
    c.tags = vec!["vip \"gold\"".into(), "Zahlung ärger".into()];
    c.important = true;
    c.agent_read_seq = 0;
    c.rating = Some(4);
    c.rating_comment = Some("Très bien, \"quick\" {not json} \\ ok".into());
    c.closed_at_ms = None;
    c.visitor_acted = true;
    c.bot = Some(BotRun {
        chatbot_id: 7,
        version: 3,
        name: "Bot \"Ada\"".into(),
        state: Default::default(),
        text_disabled: true,
        preview: false,
        reason: Default::default(),
        counted: true,
        outcome: None,
    });
    c.updated_at_ms = 20;
    store.save_conversation(&c).await.unwrap();

    let appended = store
        .append_message(account.id, c.id, &visitor_says("Hi", "k1"), None, 30)
        .await
        .unwrap();
    let stored = store.conversation(account.id, c.id).await.unwrap().unwrap();
    assert_eq!(
        stored, appended.conversation,
        "what the caller is told is stored"
    );
    let mut expected = c.clone();
    expected.last_seq = 1;
    expected.updated_at_ms = 30;
    expected.last_message_at_ms = 30;
    // The status follows the §3 rules (tested on their own).
    expected.status = stored.status;
    assert_eq!(stored, expected, "only the append's own fields changed");
}

/// More messages in one append than one statement takes (500 rows): all stored, in order,
/// and the conversation saved along with them once.
pub async fn an_append_longer_than_one_statement_is_stored_whole(store: &dyn Store) {
    let account = store.create_account(&new_account("A"), 1).await.unwrap();
    store.create_visitor(account.id, "v", 1).await.unwrap();
    let c = store
        .create_conversation(account.id, "v", ConversationStatus::Open, 1)
        .await
        .unwrap();
    let messages: Vec<(NewMessage, Option<String>)> = (0..1_201)
        .map(|i| {
            let m = agent_says(&format!("line {i}"), MessageKind::Message);
            (m, Some(format!("long:{i}")))
        })
        .collect();
    let mut tagged = c.clone();
    tagged.tags = vec!["long".into()];
    let appended = store
        .append_messages(account.id, c.id, &messages, Some(&tagged), 10)
        .await
        .unwrap();
    let seqs: Vec<i64> = appended.iter().map(|a| a.message.seq).collect();
    assert_eq!(seqs, (1..=1_201).collect::<Vec<_>>());
    let stored = store
        .messages_after(account.id, c.id, 0, 2_000)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1_201);
    assert_eq!(stored[1_200].body, "line 1200");
    let saved = store.conversation(account.id, c.id).await.unwrap().unwrap();
    assert_eq!(
        (saved.tags, saved.last_seq),
        (vec!["long".to_owned()], 1_201)
    );
}
