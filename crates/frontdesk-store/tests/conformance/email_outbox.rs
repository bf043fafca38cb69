//! Delivering the e-mail outbox (§9): claims, retries and given-up e-mails.

use crate::accounts::new_account;
use frontdesk_store::{EmailCounts, NewEmail, Store, StoreError};

fn email(to: &str) -> NewEmail {
    NewEmail {
        kind: "offline_message".into(),
        recipient: to.into(),
        subject: "A message".into(),
        body: "Hallo <b> & ü".into(),
    }
}

pub async fn due_emails_are_claimed_once_and_held_until_retried(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    store
        .enqueue_email(a.id, &email("one@example.com"), 10)
        .await
        .unwrap();
    store
        .enqueue_email(b.id, &email("two@example.com"), 11)
        .await
        .unwrap();
    store
        .enqueue_email(a.id, &email("three@example.com"), 12)
        .await
        .unwrap();

    // Every account's e-mails are due at once, oldest first, up to the limit.
    let first = store.claim_due_emails(100, 30_100, 2).await.unwrap();
    let to: Vec<_> = first.iter().map(|e| e.recipient.as_str()).collect();
    assert_eq!(to, ["one@example.com", "two@example.com"]);
    assert_eq!(first[0].attempts, 1, "the claim counts the attempt");
    assert_eq!(first[0].body, "Hallo <b> & ü");
    // Held ones are not claimed again; the rest is.
    let rest = store.claim_due_emails(200, 30_200, 10).await.unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].recipient, "three@example.com");
    assert!(store
        .claim_due_emails(300, 30_300, 10)
        .await
        .unwrap()
        .is_empty());

    store.mark_email_sent(first[0].id, 400).await.unwrap();
    store
        .mark_email_failed(first[1].id, "451 try later", Some(10_000), 400)
        .await
        .unwrap();
    // The retried one is due at its time, with its error kept until then.
    let retried = store.claim_due_emails(10_000, 40_000, 10).await.unwrap();
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].id, first[1].id);
    assert_eq!(retried[0].attempts, 2);
    assert_eq!(retried[0].last_error.as_deref(), Some("451 try later"));
    // The hold of the third runs out (its sender died): it is due again.
    let again = store.claim_due_emails(30_201, 60_000, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id, again[0].attempts), (rest[0].id, 2));
    // A sent one is never claimed again.
    let left = store
        .claim_due_emails(i64::MAX / 2, i64::MAX / 2, 10)
        .await
        .unwrap();
    assert_eq!(left.len(), 2, "the sent one is not among them");

    let sent = store.emails(a.id).await.unwrap();
    assert_eq!(sent[0].sent_at, Some(400));
    assert_eq!(sent[0].last_error, None);
    assert!(matches!(
        store.mark_email_sent(999_999, 1).await,
        Err(StoreError::NotFound)
    ));
}

pub async fn given_up_emails_are_counted_per_account(store: &dyn Store) {
    let a = store.create_account(&new_account("A"), 1).await.unwrap();
    let b = store.create_account(&new_account("B"), 1).await.unwrap();
    for to in ["x@example.com", "y@example.com", "z@example.com"] {
        store.enqueue_email(a.id, &email(to), 10).await.unwrap();
    }
    store
        .enqueue_email(b.id, &email("w@example.com"), 10)
        .await
        .unwrap();
    let claimed = store.claim_due_emails(20, 1_000, 10).await.unwrap();
    let of_a: Vec<_> = claimed.iter().filter(|e| e.account_id == a.id.0).collect();
    store.mark_email_sent(of_a[0].id, 30).await.unwrap();
    store
        .mark_email_failed(of_a[1].id, "550 no such user", None, 30)
        .await
        .unwrap();

    assert_eq!(
        store.email_counts(a.id).await.unwrap(),
        EmailCounts {
            waiting: 1,
            failed: 1,
            sent: 1
        }
    );
    assert_eq!(
        store.email_counts(b.id).await.unwrap(),
        EmailCounts {
            waiting: 1,
            failed: 0,
            sent: 0
        }
    );
    // Given up is final: not claimed again however late it gets.
    let later = store
        .claim_due_emails(1_000_000, 1_030_000, 10)
        .await
        .unwrap();
    assert!(later.iter().all(|e| e.id != of_a[1].id));
    let failed = store
        .emails(a.id)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.id == of_a[1].id)
        .unwrap();
    assert_eq!(
        (failed.failed_at, failed.last_error.as_deref()),
        (Some(30), Some("550 no such user"))
    );
}
