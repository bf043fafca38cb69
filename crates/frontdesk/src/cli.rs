//! The command line.

use clap::{Args, Parser, Subcommand};
use std::{net::SocketAddr, path::PathBuf};

/// Self-hostable live chat and chatbots for websites.
#[derive(Debug, Parser)]
#[command(name = "frontdesk", version, about)]
pub struct Cli {
    /// TOML configuration file (default: ./frontdesk.toml when it exists).
    #[arg(long, global = true, env = "FRONTDESK_CONFIG")]
    pub config: Option<PathBuf>,
    /// Directory for the embedded database and local files.
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER:PASSWORD@HOST/DB (default: SQLite in the data directory).
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (creates the data directory and a demo account on first start).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts (websites or workspaces).
    #[command(subcommand)]
    Account(AccountCommand),
    /// Manage agents (people who log in to the dashboard).
    #[command(subcommand)]
    Agent(AgentCommand),
    /// Manage API keys (per account, with scopes; the token is shown once).
    #[command(subcommand)]
    ApiKey(ApiKeyCommand),
    /// Manage operator keys (for the /api/v1/operator endpoints: accounts and plans).
    #[command(subcommand)]
    OperatorKey(OperatorKeyCommand),
    /// Inspect the configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Show an account's chatbot conversations this billing period (§7).
    Usage {
        /// Account id (see `account list`).
        #[arg(long)]
        account: i64,
    },
    /// Check and try out chatbot flow documents (JSON or YAML) without a server.
    #[command(subcommand)]
    Flow(FlowCommand),
    /// Statistics (§8): the numbers of the dashboard's statistics pages.
    #[command(subcommand)]
    Stats(StatsCommand),
}

/// `stats …`
#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Conversations in total and per agent.
    Conversations {
        #[command(flatten)]
        range: StatsRange,
        /// Only this agent (see `agent list`).
        #[arg(long)]
        agent: Option<i64>,
        /// Print the per-day counts instead of the totals.
        #[arg(long)]
        daily: bool,
    },
    /// Chatbots per language and day, and their funnels.
    Chatbots {
        #[command(flatten)]
        range: StatsRange,
        /// Only this chatbot.
        #[arg(long)]
        chatbot: Option<i64>,
        /// Print the funnel (visits, clicks, drop-off per step) instead of the days.
        #[arg(long)]
        funnel: bool,
    },
    /// The current billing period's quota, day by day.
    Usage {
        /// Account id (see `account list`).
        #[arg(long)]
        account: i64,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
    },
}

/// The account and date range of a statistics command.
#[derive(Debug, Args)]
pub struct StatsRange {
    /// Account id (see `account list`).
    #[arg(long)]
    pub account: i64,
    /// First day, YYYY-MM-DD in the account's time zone (default: 30 days ago).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, included (default: today).
    #[arg(long)]
    pub to: Option<String>,
    /// Print CSV (the same as the dashboard's downloads) instead of a table.
    #[arg(long)]
    pub csv: bool,
}

/// `flow …`
#[derive(Debug, Subcommand)]
pub enum FlowCommand {
    /// Validate a flow; exits 1 when it has errors.
    Lint {
        /// The flow document.
        file: PathBuf,
    },
    /// Play a scripted conversation and print the transcript.
    Simulate(FlowSimulate),
}

/// Options of `flow simulate`.
#[derive(Debug, Args)]
pub struct FlowSimulate {
    /// The flow document.
    pub file: PathBuf,
    /// Steps separated by `;` or new lines: `click BUTTON`, `type TEXT`, `agent`, `timeout`.
    /// With `@FILE`, the steps are read from FILE.
    #[arg(long, default_value = "")]
    pub script: String,
    /// Play as if no agent were online.
    #[arg(long)]
    pub agents_offline: bool,
    /// Play as if outside office hours.
    #[arg(long)]
    pub outside_office_hours: bool,
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long)]
    pub listen: Option<SocketAddr>,
}

/// `account …`
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Create an account and print its widget key.
    Create(AccountCreate),
    /// List all accounts.
    List,
    /// Move an account to another plan of the catalog; the new limit applies at once.
    SetPlan {
        /// Account id (see `account list`).
        #[arg(long)]
        account: i64,
        /// A plan code of the catalog (see `config show`).
        #[arg(long)]
        plan: String,
    },
}

/// Options of `account create`.
#[derive(Debug, Args)]
pub struct AccountCreate {
    /// Display name of the website or workspace.
    #[arg(long)]
    pub name: String,
    /// A domain the chat box may run on; repeat for several (`*.example.com` for sub-domains).
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// IANA time zone used for office hours, statistics and billing periods.
    #[arg(long, default_value = "UTC")]
    pub time_zone: String,
    /// Default language of the chat box and chatbots.
    #[arg(long, default_value = "en")]
    pub language: String,
    /// Office hours, e.g. "mon-fri 09:00-17:00; sat 10:00-14:00".
    #[arg(long, default_value = "mon-fri 09:00-17:00")]
    pub office_hours: String,
    /// Plan code (default: the configured default plan).
    #[arg(long)]
    pub plan: Option<String>,
}

/// `agent …`
#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Create an agent; prints a generated password unless --password-stdin is given.
    Create(AgentCreate),
    /// List the agents of an account.
    List {
        /// Account id (see `account list`).
        #[arg(long)]
        account: i64,
    },
    /// Set an agent's password and end its sessions.
    SetPassword(AgentSetPassword),
}

/// Options of `agent create`.
#[derive(Debug, Args)]
pub struct AgentCreate {
    /// Account id (see `account list`).
    #[arg(long)]
    pub account: i64,
    /// Login e-mail; unique across the installation.
    #[arg(long)]
    pub email: String,
    /// Public name that visitors see.
    #[arg(long)]
    pub name: String,
    /// owner, admin or agent.
    #[arg(long, default_value = "agent")]
    pub role: String,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

/// Options of `agent set-password`.
#[derive(Debug, Args)]
pub struct AgentSetPassword {
    /// Account id (default: the first account, which is the demo account on a new install).
    #[arg(long)]
    pub account: Option<i64>,
    /// The agent's login e-mail.
    #[arg(long)]
    pub email: String,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

/// `api-key …`
#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Create a key and print its token (shown only once).
    Create {
        /// Account id (see `account list`).
        #[arg(long)]
        account: i64,
        /// A name that says who uses the key.
        #[arg(long)]
        name: String,
        /// What the key may do, e.g. conversations:read (repeat for several).
        #[arg(long = "scope", required = true)]
        scopes: Vec<String>,
    },
    /// List the keys of an account (never their tokens).
    List {
        /// Account id (see `account list`).
        #[arg(long)]
        account: i64,
    },
    /// Revoke a key: requests with it are refused from now on.
    Revoke {
        /// Account id (see `account list`).
        #[arg(long)]
        account: i64,
        /// Key id (see `api-key list`).
        #[arg(long)]
        id: i64,
    },
}

/// `operator-key …`
#[derive(Debug, Subcommand)]
pub enum OperatorKeyCommand {
    /// Create an operator key and print its token (shown only once).
    Create {
        /// A name that says who uses the key.
        #[arg(long)]
        name: String,
    },
    /// List the operator keys (never their tokens).
    List,
    /// Revoke an operator key: requests with it are refused from now on.
    Revoke {
        /// Key id (see `operator-key list`).
        #[arg(long)]
        id: i64,
    },
}

/// `config …`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the full default configuration as TOML.
    Default,
    /// Print the configuration in force after every layer, passwords hidden.
    Show,
}
