//! `frontdesk migrate`

use crate::output::Output;
use frontdesk_server::Config;

/// Applies pending migrations and exits.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let out = Output::new()?;
    let store = super::open_store(&config).await?;
    store.close().await;
    out.say("cli-migrated", &[]);
    Ok(())
}
