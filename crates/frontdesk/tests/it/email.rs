//! E-mail through SMTP (§9): what the outbox queues reaches a real SMTP conversation with a
//! sink the test starts, is retried after a temporary refusal, given up after a permanent
//! one, and stays queued when no mail server is configured.

use crate::{
    helpers::{spawn_app_with, TestApp},
    smtp_sink::{Received, SmtpSink},
    ws::{self, expect, expect_where, say, send},
};
use frontdesk_core::metering::Plan;
use frontdesk_server::config::SmtpSecurity;
use frontdesk_store::OutboxEmail;
use mail_parser::MimeHeaders;
use serde_json::json;
use std::time::Duration;

const FROM: &str = "Frontdesk <chat@frontdesk.example>";

/// The app sending through `sink`, with its e-mail sender running.
async fn app_sending_to(sink: &SmtpSink) -> TestApp {
    app_sending_with(sink, |_| {}).await
}

async fn app_sending_with(
    sink: &SmtpSink,
    adjust: impl FnOnce(&mut frontdesk_server::Config),
) -> TestApp {
    let port = sink.port;
    let app = spawn_app_with(move |config| {
        config.smtp.host = "127.0.0.1".into();
        config.smtp.port = port;
        config.smtp.security = SmtpSecurity::None;
        config.smtp.from = FROM.into();
        config.smtp.timeout_secs = 5;
        adjust(config);
    })
    .await;
    frontdesk_server::email::sender::spawn(app.state.clone(), "test-node".into())
        .expect("e-mail is on");
    app
}

/// A visitor, with nobody online, leaves an offline message.
async fn leave_offline_message(app: &TestApp, body: &str) {
    let mut v = ws::visitor(app, None, None, 0).await;
    send(&mut v.socket, json!({"type": "offline", "client_id": "o-1", "email": "petr@example.com", "name": "Petr", "body": body})).await;
    expect(&mut v.socket, "ack").await;
}

/// The account's outbox, waiting until `done` holds for its only e-mail.
async fn outbox_until(app: &TestApp, done: impl Fn(&OutboxEmail) -> bool) -> OutboxEmail {
    for _ in 0..200 {
        let emails = app.store.emails(app.account.id).await.unwrap();
        if let [email] = emails.as_slice() {
            if done(email) {
                return email.clone();
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the outbox never got there: {:?}",
        app.store.emails(app.account.id).await.unwrap()
    );
}

async fn overview(app: &TestApp) -> String {
    let owner = app.owner_browser().await;
    let page = owner.get(app.at("/dashboard")).send().await.unwrap();
    page.text().await.unwrap()
}

fn text_of(received: &Received) -> String {
    received.parsed().body_text(0).unwrap().into_owned()
}

#[tokio::test]
async fn an_offline_message_reaches_the_owner_as_the_plain_text_the_visitor_typed() {
    let sink = SmtpSink::start().await;
    let app = app_sending_to(&sink).await;
    let typed = "Hallo <b>Team</b> & ü – bitte zurückrufen: 5 > 3\n.\nZweite Zeile";
    leave_offline_message(&app, typed).await;

    let received = sink.wait_for(1).await;
    let mail = &received[0];
    assert_eq!(mail.mail_from, "chat@frontdesk.example");
    assert_eq!(mail.rcpt_to, std::slice::from_ref(&app.owner_email));
    let parsed = mail.parsed();
    let from = parsed.from().and_then(|a| a.first()).unwrap();
    assert_eq!(
        (from.name(), from.address()),
        (Some("Frontdesk"), Some("chat@frontdesk.example"))
    );
    let to = parsed.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.address(), Some(app.owner_email.as_str()));
    assert!(
        parsed.subject().unwrap().contains("petr@example.com"),
        "the subject names the visitor: {:?}",
        parsed.subject()
    );
    let content_type = parsed.root_part().content_type().unwrap();
    assert_eq!(
        (
            content_type.ctype(),
            content_type.subtype(),
            content_type.attribute("charset")
        ),
        ("text", Some("plain"), Some("utf-8")),
        "never HTML"
    );
    assert_eq!(
        text_of(mail).trim_end().replace("\r\n", "\n"),
        typed,
        "the visitor's text arrives as typed"
    );
    assert!(parsed.date().is_some(), "dated");
    assert!(
        parsed.message_id().unwrap().ends_with("@frontdesk.example"),
        "{:?}",
        parsed.message_id()
    );

    let sent = outbox_until(&app, |e| e.sent_at.is_some()).await;
    assert_eq!((sent.attempts, sent.last_error), (1, None));
    let page = overview(&app).await;
    assert!(
        page.contains("Sending · 0 waiting · 0 failed"),
        "owners see e-mail is on"
    );
}

#[tokio::test]
async fn a_requested_transcript_reaches_the_visitor() {
    let sink = SmtpSink::start().await;
    let app = app_sending_to(&sink).await;
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;
    let mut v = ws::visitor(&app, None, None, 0).await;
    let id = say(
        &mut v.socket,
        "c-1",
        "Wo ist meine Bestellung? <i>Größe</i> 42",
    )
    .await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    send(&mut agent, json!({"type": "send", "conversation_id": id, "client_id": "a-1", "body": "It ships today."})).await;
    expect_where(&mut v.socket, "message", |f| {
        f["message"]["body"] == "It ships today."
    })
    .await;
    send(&mut v.socket, json!({"type": "end"})).await;
    expect_where(&mut v.socket, "status", |f| {
        f["conversation"]["status"] == "closed"
    })
    .await;
    send(
        &mut v.socket,
        json!({"type": "transcript", "email": "jana@example.com"}),
    )
    .await;

    let received = sink.wait_for(1).await;
    assert_eq!(received[0].rcpt_to, ["jana@example.com"]);
    let parsed = received[0].parsed();
    assert_eq!(parsed.subject(), Some("Transcript of your chat"));
    let text = text_of(&received[0]);
    assert!(
        text.contains("You: Wo ist meine Bestellung? <i>Größe</i> 42"),
        "{text}"
    );
    assert!(text.contains("Demo Owner: It ships today."), "{text}");
}

#[tokio::test]
async fn quota_alerts_reach_the_owner() {
    let sink = SmtpSink::start().await;
    let app = app_sending_with(&sink, |config| {
        config.plans.push(Plan {
            code: "TEST".into(),
            included: Some(1),
            maximum: Some(1),
            addon_step: 0,
            agent_seats: 5,
            features: Vec::new(),
        })
    })
    .await;
    app.store
        .set_account_plan(app.account.id, "TEST")
        .await
        .unwrap();
    crate::metering::count_one(&app).await;

    let received = sink.wait_for(2).await;
    let mut subjects: Vec<String> = received
        .iter()
        .map(|r| r.parsed().subject().unwrap().to_owned())
        .collect();
    subjects.sort();
    assert_eq!(
        subjects,
        [
            "You have used all chatbot conversations of this period: no chatbot starts until it renews",
            "Your chatbot conversations are 80 % used this period",
        ]
    );
    assert!(received
        .iter()
        .all(|r| r.rcpt_to == [app.owner_email.clone()]));
    assert_eq!(text_of(&received[0]).trim_end(), "1 / 1");
}

#[tokio::test]
async fn a_temporary_refusal_is_retried_later_and_the_email_arrives_once() {
    let sink = SmtpSink::start().await;
    sink.refuse_next("451 4.3.0 Mailbox busy, try again later");
    let app = app_sending_to(&sink).await;
    leave_offline_message(&app, "Call me back").await;

    let waiting = outbox_until(&app, |e| e.last_error.is_some()).await;
    assert_eq!(
        (waiting.attempts, waiting.sent_at, waiting.failed_at),
        (1, None, None)
    );
    assert!(waiting.last_error.unwrap().contains("451"));
    assert!(sink.received().is_empty());
    // Not before its time: the outbox rule waits 10 s after the first failure.
    app.clock.advance(5_000);
    app.state.email.wake();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.transactions(), 1, "not retried early");

    app.clock
        .advance(frontdesk_core::outbox::retry_delay_ms(1) - 5_000);
    app.state.email.wake();
    let received = sink.wait_for(1).await;
    assert_eq!(text_of(&received[0]).trim_end(), "Call me back");
    let sent = outbox_until(&app, |e| e.sent_at.is_some()).await;
    assert_eq!((sent.attempts, sent.last_error), (2, None));
    app.clock.advance(3_600_000);
    app.state.email.wake();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.received().len(), 1, "delivered exactly once");
}

#[tokio::test]
async fn a_permanent_refusal_is_given_up_at_once_and_shown_to_owners() {
    let sink = SmtpSink::start().await;
    sink.refuse_next("550 5.7.1 Relaying denied");
    let app = app_sending_to(&sink).await;
    leave_offline_message(&app, "Call me back").await;

    let failed = outbox_until(&app, |e| e.failed_at.is_some()).await;
    assert_eq!((failed.attempts, failed.sent_at), (1, None));
    assert!(failed.last_error.unwrap().contains("Relaying denied"));
    app.clock.advance(24 * 3_600_000);
    app.state.email.wake();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.transactions(), 1, "never tried again");
    let page = overview(&app).await;
    assert!(
        page.contains("Sending · 0 waiting · 1 failed"),
        "owners see the failure"
    );
}

#[tokio::test]
async fn without_a_mail_server_the_app_runs_and_emails_wait_in_the_queue() {
    let app = spawn_app_with(|_| {}).await;
    assert!(!app.state.email.enabled());
    assert!(
        frontdesk_server::email::sender::spawn(app.state.clone(), "test-node".into()).is_none(),
        "no sender runs"
    );
    leave_offline_message(&app, "Anyone there?").await;
    assert_eq!(
        frontdesk_server::email::sender::deliver_due(&app.state)
            .await
            .unwrap(),
        0
    );
    let queued = outbox_until(&app, |_| true).await;
    assert_eq!(
        (queued.attempts, queued.sent_at, queued.failed_at),
        (0, None, None),
        "nothing was attempted"
    );
    let page = overview(&app).await;
    assert!(
        page.contains(
            "Off: no mail server is configured, so e-mails wait in the queue (1 waiting)"
        ),
        "{page}"
    );
}

#[tokio::test]
async fn a_mail_server_without_a_valid_sender_address_is_refused_at_startup() {
    let mut smtp = frontdesk_server::config::SmtpConfig {
        host: "mail.example.com".into(),
        ..Default::default()
    };
    let missing = frontdesk_server::email::Outbox::from_config(&smtp)
        .err()
        .unwrap();
    assert!(missing.to_string().contains("smtp.from"), "{missing}");
    smtp.from = "not an address".into();
    let bad = frontdesk_server::email::Outbox::from_config(&smtp)
        .err()
        .unwrap();
    assert!(bad.to_string().contains("not an e-mail address"), "{bad}");
    smtp.from = FROM.into();
    smtp.password = "hunter2-secret".into();
    assert!(frontdesk_server::email::Outbox::from_config(&smtp)
        .unwrap()
        .enabled());
    assert!(
        !format!("{smtp:?}").contains("hunter2"),
        "the password is never printed"
    );
}

#[test]
fn the_smtp_password_is_never_shown_and_a_bad_sender_stops_the_server() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let frontdesk = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
        command
            .current_dir(dir.path())
            .env("FRONTDESK_SMTP__HOST", "mail.example.com")
            .env("FRONTDESK_SMTP__PASSWORD", "hunter2-mail-secret");
        command
    };
    let shown = frontdesk().args(["config", "show"]).output().unwrap();
    assert!(shown.status.success());
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("host = \"mail.example.com\""), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");

    let serve = frontdesk()
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir", "data"])
        .env("FRONTDESK_SMTP__FROM", "nobody at all")
        .output()
        .unwrap();
    assert!(!serve.status.success(), "the server refuses to start");
    let error = String::from_utf8_lossy(&serve.stderr);
    assert!(
        error.contains("smtp.from") && error.contains("not an e-mail address"),
        "{error}"
    );
    assert!(!error.contains("hunter2"), "{error}");
}
