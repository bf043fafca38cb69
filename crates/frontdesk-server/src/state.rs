//! The one shared state every handler receives; no globals.

use crate::{
    bus::{EventBus, InProcessBus},
    config::Config,
    hub::Hub,
    i18n::Catalogs,
    password::Passwords,
    templates::Templates,
    token::TokenKey,
};
use frontdesk_core::clock::Clock;
use frontdesk_store::Store;
use std::sync::Arc;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub catalogs: Arc<Catalogs>,
    pub passwords: Arc<Passwords>,
    pub bus: Arc<dyn EventBus>,
    pub hub: Arc<Hub>,
    /// The e-mail outbox's mailer and wake-up bell (§9).
    pub email: Arc<crate::email::Outbox>,
    pub(crate) tokens: TokenKey,
    /// Turns true when the server shuts down, so open sockets close with "going away".
    pub(crate) stopping: Arc<tokio::sync::watch::Sender<bool>>,
    pub(crate) templates: Arc<Templates>,
    /// Published flows parsed and compiled once (§5: conditions compiled when first used).
    pub(crate) flows: Arc<crate::chat::select::FlowCache>,
    /// Conversations whose start is recorded in the statistics already.
    pub(crate) started: Arc<crate::chat::record::Started>,
    /// Chatbot statistics waiting to be written.
    pub(crate) stat_queue: Arc<crate::chat::stat_queue::StatQueue>,
    /// Where visitors' countries come from, if anywhere.
    pub(crate) geo: Arc<crate::geo::Geo>,
    /// Per-API-key request budgets.
    pub(crate) api_limits: Arc<crate::api::auth::KeyLimits>,
    /// Wakes this node's webhook worker when an event was written, so delivery is prompt.
    pub webhook_wake: Arc<tokio::sync::Notify>,
    /// Which accounts have webhook endpoints, so events of the others cost nothing.
    pub webhook_interest: Arc<crate::webhooks::interest::Interest>,
    /// Seals and opens webhook endpoint secrets with the server's key.
    pub webhook_secrets: crate::webhooks::secret::SecretBox,
}

impl AppState {
    /// Builds the state: loads catalogs and templates and prepares password hashing.
    pub fn new(
        store: Arc<dyn Store>,
        config: Config,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let catalogs = Arc::new(Catalogs::load().map_err(anyhow::Error::msg)?);
        let templates = Arc::new(Templates::load(catalogs.clone())?);
        let tokens = TokenKey::load(&config.secret_key, &config.data_dir)?;
        let email = Arc::new(crate::email::Outbox::from_config(&config.smtp)?);
        let geo = Arc::new(crate::geo::Geo::load(&config.geo)?);
        let api_limits = Arc::new(crate::api::auth::KeyLimits::new(
            config.api.requests_per_minute,
        ));
        let webhook_secrets = crate::webhooks::secret::SecretBox::new(tokens.bytes());
        Ok(Self {
            store,
            config: Arc::new(config),
            clock,
            catalogs,
            passwords: Arc::new(Passwords::new()?),
            bus: Arc::new(InProcessBus::default()),
            hub: Arc::new(Hub::default()),
            email,
            tokens,
            stopping: Arc::new(tokio::sync::watch::channel(false).0),
            templates,
            flows: Default::default(),
            started: Default::default(),
            stat_queue: Default::default(),
            geo,
            api_limits,
            webhook_wake: Default::default(),
            webhook_interest: Default::default(),
            webhook_secrets,
        })
    }

    /// Now, from the injected clock.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }
}
