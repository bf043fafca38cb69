//! `frontdesk agent create|list|set-password`

use super::read_password_stdin;
use crate::{cli::AgentCommand, output::Output};
use anyhow::Context;
use frontdesk_core::{
    account::{Account, DisplayName},
    agent::{Email, NewPassword},
    clock::{Clock, SystemClock},
    ids::AccountId,
};
use frontdesk_server::{
    accounts::{create_agent, generate_password, AgentDraft},
    password::Passwords,
    Config,
};
use frontdesk_store::Store;

async fn find_account(store: &dyn Store, out: &Output, id: i64) -> anyhow::Result<Account> {
    store
        .account(AccountId(id))
        .await?
        .with_context(|| out.text("cli-unknown-account", &[("id", id.into())]))
}

/// The password to set: from standard input, or generated (and then printed once).
fn choose_password(from_stdin: bool) -> anyhow::Result<(NewPassword, bool)> {
    if from_stdin {
        Ok((NewPassword::parse(&read_password_stdin()?)?, false))
    } else {
        Ok((NewPassword::parse(&generate_password())?, true))
    }
}

/// Runs an agent subcommand.
pub async fn run(config: Config, command: &AgentCommand) -> anyhow::Result<()> {
    let out = Output::new()?;
    let store = super::open_store(&config).await?;
    let passwords = Passwords::new()?;
    match command {
        AgentCommand::Create(args) => {
            let account = find_account(&*store, &out, args.account).await?;
            let draft = AgentDraft {
                email: Email::parse(&args.email)?,
                name: DisplayName::parse(&args.name)?,
                role: args.role.parse()?,
            };
            let (password, generated) = choose_password(args.password_stdin)?;
            let agent = create_agent(
                &*store,
                &passwords,
                &account,
                draft,
                &password,
                SystemClock.now_ms(),
            )
            .await??;
            out.say(
                "cli-agent-created",
                &[
                    ("id", agent.id.0.into()),
                    ("email", agent.email.to_string().into()),
                    ("role", agent.role.as_str().into()),
                ],
            );
            if generated {
                out.say(
                    "cli-agent-password",
                    &[("password", password.expose().into())],
                );
            }
        }
        AgentCommand::List { account } => {
            let account = find_account(&*store, &out, *account).await?;
            let agents = store.list_agents(account.id).await?;
            if agents.is_empty() {
                out.say("cli-no-agents", &[]);
            }
            for a in agents {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    a.id,
                    a.email,
                    a.name,
                    a.role.as_str(),
                    a.state.as_str()
                );
            }
        }
        AgentCommand::SetPassword(args) => {
            let account = match args.account {
                Some(id) => find_account(&*store, &out, id).await?,
                None => store
                    .list_accounts()
                    .await?
                    .into_iter()
                    .next()
                    .with_context(|| out.text("cli-no-accounts", &[]))?,
            };
            let email = Email::parse(&args.email)?;
            let agent = store
                .agent_by_email(account.id, &email)
                .await?
                .with_context(|| {
                    out.text(
                        "cli-unknown-agent",
                        &[
                            ("email", email.to_string().into()),
                            ("id", account.id.0.into()),
                        ],
                    )
                })?;
            let (password, generated) = choose_password(args.password_stdin)?;
            let hash = passwords.hash(&password).await?;
            store
                .set_agent_password(account.id, agent.id, &hash)
                .await?;
            store.delete_agent_sessions(account.id, agent.id).await?;
            out.say("cli-password-set", &[("email", email.to_string().into())]);
            if generated {
                out.say(
                    "cli-agent-password",
                    &[("password", password.expose().into())],
                );
            }
        }
    }
    store.close().await;
    Ok(())
}
