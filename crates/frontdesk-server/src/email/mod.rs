//! E-mail through SMTP from the durable outbox (§9). Chat code only queues e-mails and calls
//! [`Outbox::wake`]; one sender per cluster ([`sender`]) hands them to the mail server,
//! retrying per `frontdesk_core::outbox`.

mod message;
pub mod sender;

use crate::config::{SmtpConfig, SmtpSecurity};
use lettre::{
    message::Mailbox, transport::smtp::authentication::Credentials, AsyncSmtpTransport,
    Tokio1Executor,
};
use std::time::Duration;
use tokio::sync::Notify;

/// A configured connection to the mail server and the sender address.
pub(crate) struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// The outbox's sending side as the app holds it: the mailer, if e-mail is on, and the bell
/// that tells the sender something was queued.
pub struct Outbox {
    mailer: Option<Mailer>,
    queued: Notify,
}

/// A setting in `[smtp]` that cannot work; the server refuses to start with it.
#[derive(Debug, thiserror::Error)]
pub enum SmtpConfigError {
    #[error("smtp.from must be set to the sender address (e.g. \"Frontdesk <chat@example.com>\") when smtp.host is set")]
    MissingFrom,
    #[error(
        "smtp.from {0:?} is not an e-mail address (e.g. \"Frontdesk <chat@example.com>\"): {1}"
    )]
    BadFrom(String, String),
    #[error("smtp.port must be between 1 and 65535")]
    BadPort,
    #[error("smtp.timeout_secs must be at least 1")]
    BadTimeout,
    #[error("smtp.host {0:?} cannot be used: {1}")]
    BadHost(String, String),
}

impl Outbox {
    /// Builds the mailer from `[smtp]`; an empty host means e-mail is off.
    pub fn from_config(config: &SmtpConfig) -> Result<Self, SmtpConfigError> {
        let mailer = if config.enabled() {
            Some(Mailer::from_config(config)?)
        } else {
            None
        };
        Ok(Self {
            mailer,
            queued: Notify::new(),
        })
    }

    /// Whether e-mails are sent at all.
    pub fn enabled(&self) -> bool {
        self.mailer.is_some()
    }

    /// Tells this node's sender that an e-mail was queued, so it goes out now rather than at
    /// the next poll.
    pub fn wake(&self) {
        self.queued.notify_one();
    }
}

impl Mailer {
    fn from_config(config: &SmtpConfig) -> Result<Self, SmtpConfigError> {
        let from = config.from.trim();
        if from.is_empty() {
            return Err(SmtpConfigError::MissingFrom);
        }
        let from: Mailbox = from.parse().map_err(|e: lettre::address::AddressError| {
            SmtpConfigError::BadFrom(from.to_owned(), e.to_string())
        })?;
        if config.port == 0 {
            return Err(SmtpConfigError::BadPort);
        }
        if config.timeout_secs == 0 {
            return Err(SmtpConfigError::BadTimeout);
        }
        let host = config.host.trim();
        let bad_host = |e: lettre::transport::smtp::Error| {
            SmtpConfigError::BadHost(host.to_owned(), e.to_string())
        };
        let builder = match config.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(bad_host)?
            }
            SmtpSecurity::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(bad_host)?
            }
        };
        let mut builder = builder
            .port(config.port)
            .timeout(Some(Duration::from_secs(config.timeout_secs)));
        if !config.username.is_empty() {
            builder = builder.credentials(Credentials::new(
                config.username.clone(),
                config.password.clone(),
            ));
        }
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }
}
