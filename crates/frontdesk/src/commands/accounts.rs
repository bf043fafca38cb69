//! `frontdesk account create|list`

use crate::{cli::AccountCommand, output::Output};
use frontdesk_core::{
    account::{AllowedDomain, DisplayName, Language, NewAccount, TimeZoneName},
    clock::{Clock, SystemClock},
    office_hours::OfficeHours,
};
use frontdesk_server::Config;

/// Runs an account subcommand.
pub async fn run(config: Config, command: &AccountCommand) -> anyhow::Result<()> {
    let out = Output::new()?;
    let store = super::open_store(&config).await?;
    match command {
        AccountCommand::Create(args) => {
            let plan = args.plan.clone().unwrap_or(config.default_plan.clone());
            if !config.plans.iter().any(|p| p.code == plan) {
                let known: Vec<&str> = config.plans.iter().map(|p| p.code.as_str()).collect();
                anyhow::bail!(
                    "'{plan}' is not a plan of the catalog (use one of {})",
                    known.join(", ")
                );
            }
            let new = NewAccount {
                name: DisplayName::parse(&args.name)?,
                allowed_domains: args
                    .domains
                    .iter()
                    .map(|d| AllowedDomain::parse(d))
                    .collect::<Result<_, _>>()?,
                time_zone: TimeZoneName::parse(&args.time_zone)?,
                default_language: Language::parse(&args.language)?,
                office_hours: OfficeHours::parse(&args.office_hours)?,
                plan,
            };
            let account = store.create_account(&new, SystemClock.now_ms()).await?;
            out.say(
                "cli-account-created",
                &[
                    ("id", account.id.0.into()),
                    ("name", account.name.to_string().into()),
                    ("key", account.widget_key.clone().into()),
                ],
            );
        }
        AccountCommand::SetPlan { account, plan } => {
            let id = frontdesk_core::ids::AccountId(*account);
            let found = store.account(id).await?.ok_or_else(|| {
                anyhow::anyhow!(out.text("cli-unknown-account", &[("id", (*account).into())]))
            })?;
            let state = frontdesk_server::AppState::new(
                store.clone(),
                config.clone(),
                std::sync::Arc::new(SystemClock),
            )?;
            if !frontdesk_server::metering::change_plan(&state, &found, plan).await? {
                let known: Vec<&str> = config.plans.iter().map(|p| p.code.as_str()).collect();
                anyhow::bail!(
                    "'{plan}' is not a plan of the catalog (use one of {})",
                    known.join(", ")
                );
            }
            out.say(
                "cli-plan-changed",
                &[("id", (*account).into()), ("plan", plan.clone().into())],
            );
        }
        AccountCommand::List => {
            let accounts = store.list_accounts().await?;
            if accounts.is_empty() {
                out.say("cli-no-accounts", &[]);
            }
            for a in accounts {
                let domains: Vec<&str> = a.allowed_domains.iter().map(|d| d.as_str()).collect();
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    a.id,
                    a.name,
                    a.plan,
                    a.time_zone.as_str(),
                    a.default_language.as_str(),
                    domains.join(","),
                    a.widget_key
                );
            }
        }
    }
    store.close().await;
    Ok(())
}
