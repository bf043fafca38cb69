//! The typed configuration. The binary layers it (defaults → TOML file → `FRONTDESK_*`
//! environment → flags) and loads it once; the server only ever reads it.

use serde::{Deserialize, Serialize};
use std::{net::SocketAddr, path::PathBuf};

/// Everything an operator can set. `config default` prints this with its defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address and port the HTTP server listens on.
    pub listen: SocketAddr,
    /// Where the embedded database and other local files live; created if missing.
    pub data_dir: PathBuf,
    /// `sqlite://PATH` or `postgres://USER:PASSWORD@HOST/DB`; empty means SQLite in `data_dir`.
    pub database_url: String,
    /// Plan code that new accounts get (§7.4).
    pub default_plan: String,
    /// Key that signs visitor tokens; empty means a random key kept in `data_dir`. Nodes
    /// that share a database must share this key. Never printed.
    pub secret_key: String,
    pub http: HttpConfig,
    pub database: DatabaseConfig,
    pub session: SessionConfig,
    pub chat: ChatConfig,
    pub log: LogConfig,
    pub geo: GeoConfig,
    pub cluster: ClusterConfig,
    pub api: ApiConfig,
    pub smtp: SmtpConfig,
    pub webhooks: WebhooksConfig,
    /// The operator's plan catalog (§7.4); accounts name a plan by its code.
    pub plans: frontdesk_core::metering::PlanCatalog,
}

/// The REST API (§9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApiConfig {
    /// Requests one API key may make per minute (bursts up to this many at once).
    pub requests_per_minute: u32,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            requests_per_minute: 600,
        }
    }
}

/// Sending e-mail (§9): offline messages, transcripts, quota alerts and handovers leave the
/// outbox through this server. An empty `host` turns e-mail off: e-mails stay queued and go
/// out once a host is configured.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpConfig {
    /// The mail server (relay) to hand e-mails to; empty means e-mail is off.
    pub host: String,
    /// Its port: usually 587 with `starttls`, 465 with `tls`, 25 with `none`.
    pub port: u16,
    /// `starttls` (upgrade a plain connection, required), `tls` (TLS from the start) or
    /// `none` (plain text; only for a relay on the same host or network).
    pub security: SmtpSecurity,
    /// Login at the mail server; empty means none.
    pub username: String,
    /// Never printed.
    pub password: String,
    /// The sender, such as `Frontdesk <chat@example.com>`.
    pub from: String,
    /// How long one conversation with the mail server may take.
    pub timeout_secs: u64,
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    None,
    Starttls,
    Tls,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 587,
            security: SmtpSecurity::Starttls,
            username: String::new(),
            password: String::new(),
            from: String::new(),
            timeout_secs: 30,
        }
    }
}

/// Webhook delivery (§9, docs/webhooks.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebhooksConfig {
    /// Allow webhook URLs on loopback, private and link-local addresses (the server itself,
    /// its network, cloud metadata). Off by default: turn it on only when every account
    /// is trusted, e.g. a single-tenant install posting to a service beside it.
    pub allow_private_targets: bool,
    /// Seconds a receiver has to answer before the attempt counts as failed.
    pub timeout_secs: u64,
    /// How often the worker looks for due deliveries, in milliseconds. New events written
    /// on the same node wake it at once.
    pub poll_interval_ms: u64,
}

impl Default for WebhooksConfig {
    fn default() -> Self {
        Self {
            allow_private_targets: false,
            timeout_secs: 10,
            poll_interval_ms: 1000,
        }
    }
}

impl SmtpConfig {
    /// Whether e-mail is configured at all.
    pub fn enabled(&self) -> bool {
        !self.host.trim().is_empty()
    }
}

impl std::fmt::Debug for SmtpConfig {
    // By hand, so the password never reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field(
                "password",
                &if self.password.is_empty() { "" } else { "***" },
            )
            .field("from", &self.from)
            .field("timeout_secs", &self.timeout_secs)
            .finish()
    }
}

/// Live-chat rules and limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChatConfig {
    /// A conversation without a message for this long is closed (§3).
    pub close_after_hours: u32,
    /// A conversation only the bot has handled closes after this many quiet minutes (§3).
    pub bot_close_after_minutes: u32,
    /// Messages a visitor may send per minute before being told to slow down.
    pub visitor_messages_per_minute: u32,
    /// A socket without any frame for this long is closed (clients ping every 25 s).
    pub idle_timeout_secs: u64,
}

impl Default for ChatConfig {
    fn default() -> Self {
        Self {
            close_after_hours: 24,
            bot_close_after_minutes: 10,
            visitor_messages_per_minute: 30,
            idle_timeout_secs: 90,
        }
    }
}

/// Limits of the HTTP server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// Largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// A request that takes longer than this is answered with 408.
    pub request_timeout_secs: u64,
    /// After SIGTERM or SIGINT, how long connections under way may take to finish.
    pub shutdown_grace_secs: u64,
}

/// Database pool settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// Connections per node (PostgreSQL); keep nodes × this below the server's limit.
    pub max_connections: u32,
}

/// Dashboard login sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionConfig {
    /// How long a login lasts.
    pub lifetime_hours: u32,
    /// Mark cookies `Secure`; turn on whenever the dashboard is served over HTTPS.
    pub secure_cookies: bool,
}

/// Running several nodes (§11, docs/deploy.md). Without a NATS URL the node is alone: events
/// stay in the process and presence is counted in memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClusterConfig {
    /// `nats://HOST:4222` of the NATS server (or cluster) the nodes share; every node of one
    /// deployment must use the same database, `secret_key` and NATS.
    pub nats_url: String,
    /// First token of every subject, so several deployments can share one NATS.
    pub subject_prefix: String,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        Self {
            nats_url: String::new(),
            subject_prefix: "frontdesk".into(),
        }
    }
}

/// Where visitors' countries come from (§5 "Audience"). With neither set the country is
/// unknown, and conditions on it do not match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GeoConfig {
    /// A request header with the visitor's ISO country code set by a proxy you trust, such
    /// as `CF-IPCountry` (Cloudflare) or one your nginx GeoIP module sets. Only set it when
    /// every request passes that proxy: visitors could send the header themselves.
    pub country_header: String,
    /// A MaxMind-format country or city database (`.mmdb`, e.g. GeoLite2-Country), looked
    /// up by the connection's peer address.
    pub database: Option<PathBuf>,
}

/// Logging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// A `tracing` filter such as `info` or `frontdesk=debug,tower_http=info`.
    pub filter: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("frontdesk-data"),
            database_url: String::new(),
            default_plan: "UNLIMITED".into(),
            secret_key: String::new(),
            http: HttpConfig::default(),
            database: DatabaseConfig::default(),
            session: SessionConfig::default(),
            chat: ChatConfig::default(),
            log: LogConfig::default(),
            geo: GeoConfig::default(),
            cluster: ClusterConfig::default(),
            api: ApiConfig::default(),
            smtp: SmtpConfig::default(),
            webhooks: WebhooksConfig::default(),
            plans: frontdesk_core::metering::default_catalog(),
        }
    }
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            body_limit_bytes: 64 * 1024,
            request_timeout_secs: 30,
            shutdown_grace_secs: 10,
        }
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            max_connections: 10,
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            lifetime_hours: 24 * 14,
            secure_cookies: false,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            filter: "info,sqlx=warn".into(),
        }
    }
}

impl Config {
    /// The database URL in force: the configured one, or SQLite in the data directory.
    pub fn effective_database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!("sqlite://{}", self.data_dir.join("frontdesk.db").display())
        } else {
            self.database_url.trim().to_owned()
        }
    }
}
