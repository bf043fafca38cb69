//! `frontdesk operator-key create|list|revoke`

use crate::{cli::OperatorKeyCommand, output::Output};
use frontdesk_core::clock::{Clock, SystemClock};
use frontdesk_server::{api::keys, Config};
use frontdesk_store::StoreError;

/// Runs an operator-key subcommand.
pub async fn run(config: Config, command: &OperatorKeyCommand) -> anyhow::Result<()> {
    let out = Output::new()?;
    let store = super::open_store(&config).await?;
    match command {
        OperatorKeyCommand::Create { name } => {
            let name = name.trim();
            anyhow::ensure!(
                !name.is_empty() && name.chars().count() <= 100,
                out.text("cli-api-key-name", &[])
            );
            let (key, token) = keys::issue_operator(&*store, name, SystemClock.now_ms()).await?;
            out.say(
                "cli-operator-key-created",
                &[("id", key.id.into()), ("name", key.name.into())],
            );
            out.say("cli-api-key-token", &[("token", token.into())]);
        }
        OperatorKeyCommand::List => {
            let listed = store.list_operator_keys().await?;
            if listed.is_empty() {
                out.say("cli-no-operator-keys", &[]);
            }
            for k in listed {
                let state = if k.is_active() { "active" } else { "revoked" };
                println!("{}\t{}\t{}…\t{}", k.id, k.name, k.token_hint, state);
            }
        }
        OperatorKeyCommand::Revoke { id } => {
            match store.revoke_operator_key(*id, SystemClock.now_ms()).await {
                Ok(()) => out.say("cli-operator-key-revoked", &[("id", (*id).into())]),
                Err(StoreError::NotFound) => {
                    anyhow::bail!(out.text("cli-unknown-operator-key", &[("id", (*id).into())]))
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    store.close().await;
    Ok(())
}
