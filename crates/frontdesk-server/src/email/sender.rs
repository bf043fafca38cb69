//! The task that empties the outbox: one node of a cluster at a time (a database lease),
//! woken when this node queues an e-mail and otherwise looking every few seconds, so e-mails
//! queued on other nodes go out soon too.

use super::{message, Mailer};
use crate::AppState;
use frontdesk_core::outbox::{after_failure, AfterFailure};
use frontdesk_store::{OutboxEmail, StoreError};
use lettre::AsyncTransport;
use std::time::Duration;
use tokio::task::JoinHandle;

/// The lease that makes one node the sender.
const LEASE: &str = "email-sender";
/// How long the lease lasts without being renewed; a dead sender is replaced after this.
const LEASE_SECS: i64 = 30;
/// How often the outbox is looked at without a wake-up.
const POLL: Duration = Duration::from_secs(5);
/// E-mails claimed at once; each is held for the time its batch may take to send.
const BATCH: i64 = 20;
/// Room for the longest error a mail server gives that is worth keeping.
const MAX_ERROR_CHARS: usize = 500;

/// Starts the sender, or logs once that e-mail is off and returns `None`: without a mail
/// server e-mails stay queued, and go out once `[smtp]` is configured and the server
/// restarted.
pub fn spawn(state: AppState, node: String) -> Option<JoinHandle<()>> {
    if !state.email.enabled() {
        tracing::info!(
            "e-mail is off (smtp.host is not set): e-mails stay queued until it is configured"
        );
        return None;
    }
    tracing::info!(host = %state.config.smtp.host, port = state.config.smtp.port, "sending e-mail");
    Some(tokio::spawn(run(state, node)))
}

async fn run(state: AppState, node: String) {
    let mut poll = tokio::time::interval(POLL);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = poll.tick() => {}
            () = state.email.queued.notified() => {}
        }
        let now = state.now_ms();
        match state
            .store
            .try_lease(LEASE, &node, now, now + LEASE_SECS * 1000)
            .await
        {
            Ok(true) => {}
            Ok(false) => continue,
            Err(err) => {
                tracing::warn!(error = %err, "could not take the e-mail sender's lease");
                continue;
            }
        }
        if let Err(err) = deliver_due(&state).await {
            tracing::warn!(error = %err, "could not read or update the e-mail outbox");
        }
    }
}

/// Hands every e-mail that is due to the mail server; returns how many it accepted.
/// Does nothing when e-mail is off.
pub async fn deliver_due(state: &AppState) -> Result<usize, StoreError> {
    let Some(mailer) = state.email.mailer.as_ref() else {
        return Ok(0);
    };
    let hold_ms = BATCH * 1000 * i64::try_from(state.config.smtp.timeout_secs).unwrap_or(60);
    let mut sent = 0;
    loop {
        let now = state.now_ms();
        let batch = state
            .store
            .claim_due_emails(now, now + hold_ms, BATCH)
            .await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        for email in &batch {
            if deliver(state, mailer, email).await? {
                sent += 1;
            }
        }
    }
}

/// Sends one e-mail and records the outcome; returns whether it was accepted.
async fn deliver(
    state: &AppState,
    mailer: &Mailer,
    email: &OutboxEmail,
) -> Result<bool, StoreError> {
    let now = state.now_ms();
    // A message that cannot be built, or a 5xx answer, will not get better by waiting.
    let outcome = match message::build(email, &mailer.from, now) {
        Err(err) => Err((err.to_string(), true)),
        Ok(message) => match mailer.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(err) => Err((err.to_string(), err.is_permanent())),
        },
    };
    let (error, permanent) = match outcome {
        Ok(()) => {
            state
                .store
                .mark_email_sent(email.id, state.now_ms())
                .await?;
            return Ok(true);
        }
        Err(failure) => failure,
    };
    let attempts = u32::try_from(email.attempts).unwrap_or(u32::MAX);
    let retry_at = match after_failure(attempts, now) {
        AfterFailure::RetryAt(at) if !permanent => Some(at),
        _ => None,
    };
    let error: String = error.chars().take(MAX_ERROR_CHARS).collect();
    tracing::warn!(
        email = email.id,
        attempts,
        given_up = retry_at.is_none(),
        error = %error,
        "an e-mail could not be sent"
    );
    state
        .store
        .mark_email_failed(email.id, &error, retry_at, now)
        .await?;
    Ok(false)
}
