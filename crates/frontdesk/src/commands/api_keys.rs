//! `frontdesk api-key create|list|revoke`

use crate::{cli::ApiKeyCommand, output::Output};
use anyhow::Context;
use frontdesk_core::{
    api_key::{parse_scopes, KeyName},
    clock::{Clock, SystemClock},
    ids::AccountId,
};
use frontdesk_server::{api::keys, Config};
use frontdesk_store::{Store, StoreError};

async fn account_id(store: &dyn Store, out: &Output, id: i64) -> anyhow::Result<AccountId> {
    let account = store
        .account(AccountId(id))
        .await?
        .with_context(|| out.text("cli-unknown-account", &[("id", id.into())]))?;
    Ok(account.id)
}

/// Runs an api-key subcommand.
pub async fn run(config: Config, command: &ApiKeyCommand) -> anyhow::Result<()> {
    let out = Output::new()?;
    let store = super::open_store(&config).await?;
    match command {
        ApiKeyCommand::Create {
            account,
            name,
            scopes,
        } => {
            let account = account_id(&*store, &out, *account).await?;
            let scopes = parse_scopes(scopes)?;
            let name = KeyName::parse(name)
                .map_err(|_| anyhow::anyhow!(out.text("cli-api-key-name", &[])))?;
            let (key, token) = keys::issue(
                &*store,
                account,
                name.as_str(),
                scopes,
                SystemClock.now_ms(),
            )
            .await?;
            out.say(
                "cli-api-key-created",
                &[("id", key.id.into()), ("name", key.name.into())],
            );
            out.say("cli-api-key-token", &[("token", token.into())]);
        }
        ApiKeyCommand::List { account } => {
            let account = account_id(&*store, &out, *account).await?;
            let listed = store.list_api_keys(account).await?;
            if listed.is_empty() {
                out.say("cli-no-api-keys", &[]);
            }
            for k in listed {
                let scopes: Vec<&str> = k.scopes.iter().map(|s| s.as_str()).collect();
                let state = if k.is_active() { "active" } else { "revoked" };
                println!(
                    "{}\t{}\t{}…\t{}\t{}",
                    k.id,
                    k.name,
                    k.token_hint,
                    scopes.join(","),
                    state
                );
            }
        }
        ApiKeyCommand::Revoke { account, id } => {
            let account = account_id(&*store, &out, *account).await?;
            match store
                .revoke_api_key(account, *id, SystemClock.now_ms())
                .await
            {
                Ok(()) => out.say("cli-api-key-revoked", &[("id", (*id).into())]),
                Err(StoreError::NotFound) => {
                    anyhow::bail!(out.text("cli-unknown-api-key", &[("id", (*id).into())]))
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    store.close().await;
    Ok(())
}
