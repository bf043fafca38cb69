//! One module per subcommand, and what they share: opening the store.

pub mod accounts;
pub mod agents;
pub mod api_keys;
pub mod flows;
pub mod migrate;
pub mod operator_keys;
pub mod serve;
pub mod stats;
pub mod usage;

use anyhow::Context;
use frontdesk_server::Config;
use frontdesk_store::{redact, Backend, Store};
use std::sync::Arc;

/// Opens the configured database, creating the data directory for SQLite, and applies
/// pending migrations. Errors name the URL (without its password) and what to check.
pub async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    let url = config.effective_database_url();
    let backend = Backend::from_url(&url)?;
    if backend == Backend::Sqlite {
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {} (choose another with --data-dir)",
                config.data_dir.display()
            )
        })?;
    }
    frontdesk_store::open(&url, config.database.max_connections, true)
        .await
        .with_context(|| {
            format!(
                "cannot open the {backend} database {} (check --database-url or \
                 FRONTDESK_DATABASE_URL)",
                redact(&url)
            )
        })
}

/// Reads a password from standard input (first line, without its line break).
pub fn read_password_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
