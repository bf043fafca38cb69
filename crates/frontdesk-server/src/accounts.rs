//! Creating accounts and agents, shared by the CLI, the first start and the dashboard.

use crate::password::Passwords;
use frontdesk_core::{
    account::{Account, AllowedDomain, DisplayName, Language, NewAccount, TimeZoneName},
    agent::{Agent, Email, NewAgent, NewPassword, Role},
    office_hours::OfficeHours,
};
use frontdesk_store::{Store, StoreError};
use rand::{distr::Alphanumeric, Rng};

/// E-mail of the owner that the first start creates.
pub const DEMO_OWNER_EMAIL: &str = "owner@example.com";
/// Plan of the demo account: PRO, so a newcomer sees metering at work (§7.4).
pub const DEMO_PLAN: &str = "PRO";

/// A readable random password for generated logins.
pub fn generate_password() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(20)
        .map(char::from)
        .collect()
}

/// The password a new login gets: the one given, checked, or else a generated one, which
/// is returned too, to be shown once.
pub fn given_or_generated(
    given: Option<&str>,
) -> Result<(NewPassword, Option<String>), frontdesk_core::ValidationError> {
    match given {
        Some(given) => Ok((NewPassword::parse(given)?, None)),
        None => {
            let generated = generate_password();
            Ok((NewPassword::parse(&generated)?, Some(generated)))
        }
    }
}

/// Who a new agent is, before its password is hashed.
#[derive(Debug, Clone)]
pub struct AgentDraft {
    pub email: Email,
    pub name: DisplayName,
    pub role: Role,
}

/// Creates an agent, hashing its password. The outer error is a hashing failure, the inner
/// one what the store said (a taken e-mail, say).
pub async fn create_agent(
    store: &dyn Store,
    passwords: &Passwords,
    account: &Account,
    draft: AgentDraft,
    password: &NewPassword,
    now_ms: i64,
) -> anyhow::Result<Result<Agent, StoreError>> {
    let new = NewAgent {
        email: draft.email,
        name: draft.name,
        role: draft.role,
        password_hash: passwords.hash(password).await?,
    };
    Ok(store.create_agent(account.id, &new, now_ms).await)
}

/// The login that the first start printed.
#[derive(Debug)]
pub struct DemoLogin {
    pub account: Account,
    pub email: String,
    pub password: String,
}

/// On a store without accounts, creates the demo account and its owner and returns the
/// owner's login (to be shown once). Does nothing when any account exists.
pub async fn bootstrap_demo(
    store: &dyn Store,
    passwords: &Passwords,
    now_ms: i64,
) -> anyhow::Result<Option<DemoLogin>> {
    if !store.list_accounts().await?.is_empty() {
        return Ok(None);
    }
    let account = store
        .create_account(
            &NewAccount {
                name: DisplayName::parse("Demo")?,
                allowed_domains: vec![
                    AllowedDomain::parse("localhost")?,
                    AllowedDomain::parse("127.0.0.1")?,
                ],
                time_zone: TimeZoneName::parse("UTC")?,
                default_language: Language::parse("en")?,
                office_hours: OfficeHours::default(),
                plan: DEMO_PLAN.into(),
            },
            now_ms,
        )
        .await?;
    let password = generate_password();
    create_agent(
        store,
        passwords,
        &account,
        AgentDraft {
            email: Email::parse(DEMO_OWNER_EMAIL)?,
            name: DisplayName::parse("Demo Owner")?,
            role: Role::Owner,
        },
        &NewPassword::parse(&password)?,
        now_ms,
    )
    .await??;
    // The FAQ chatbot in every shipped language, so the demo greets each browser in its own.
    for (position, language) in ["en", "de", "fr", "cs"].into_iter().enumerate() {
        if let Some(flow) = crate::chatbots::template("faq-menu", language) {
            crate::chatbots::import(store, account.id, &flow, position as i64 + 1, true, now_ms)
                .await?;
        }
    }
    Ok(Some(DemoLogin {
        account,
        email: DEMO_OWNER_EMAIL.into(),
        password,
    }))
}
