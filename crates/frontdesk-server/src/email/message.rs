//! Turning a queued e-mail into an RFC 5322 message: plain UTF-8 text only, so whatever a
//! visitor typed arrives as the characters they typed and is never read as HTML.

use frontdesk_store::OutboxEmail;
use lettre::{
    message::{header::ContentType, Mailbox},
    Message,
};
use std::time::{Duration, SystemTime};

/// Why a queued e-mail cannot become a message; retrying would not help.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MessageError {
    #[error("the recipient {0:?} is not an e-mail address")]
    BadRecipient(String),
    #[error("the message cannot be built: {0}")]
    Build(#[from] lettre::error::Error),
}

/// The message for `email`, dated `now_ms`. Its Message-ID is derived from the outbox row,
/// so a retry that reaches the recipient twice is recognisable as the same e-mail.
pub(crate) fn build(
    email: &OutboxEmail,
    from: &Mailbox,
    now_ms: i64,
) -> Result<Message, MessageError> {
    let to: Mailbox = email
        .recipient
        .parse()
        .map_err(|_| MessageError::BadRecipient(email.recipient.clone()))?;
    let date = SystemTime::UNIX_EPOCH + Duration::from_millis(u64::try_from(now_ms).unwrap_or(0));
    let message_id = format!(
        "<frontdesk.{}.{}.{}@{}>",
        email.account_id,
        email.id,
        email.created_at,
        from.email.domain()
    );
    Ok(Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&email.subject)
        .date(date)
        .message_id(Some(message_id))
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())?)
}
