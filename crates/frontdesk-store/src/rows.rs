//! Raw rows as both backends return them, and their conversion into domain types.
//! Stored text is parsed again on the way out, so a damaged row is an error, not a panic.

use crate::{Session, StoreError};
use frontdesk_core::{
    account::{Account, AllowedDomain, DisplayName, Language, TimeZoneName},
    agent::{Agent, Email},
    ids::{AccountId, AgentId},
    office_hours::OfficeHours,
};

fn corrupt(what: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {err}"))
}

#[derive(sqlx::FromRow)]
pub(crate) struct AccountRow {
    id: i64,
    name: String,
    widget_key: String,
    allowed_domains: String,
    time_zone: String,
    default_language: String,
    office_hours: String,
    plan: String,
    created_at: i64,
}

impl TryFrom<AccountRow> for Account {
    type Error = StoreError;
    fn try_from(row: AccountRow) -> Result<Self, StoreError> {
        let domains: Vec<String> = serde_json::from_str(&row.allowed_domains)
            .map_err(|e| corrupt("account domains", e))?;
        Ok(Account {
            id: AccountId(row.id),
            name: DisplayName::parse(&row.name).map_err(|e| corrupt("account name", e))?,
            widget_key: row.widget_key,
            allowed_domains: domains
                .iter()
                .map(|d| AllowedDomain::parse(d))
                .collect::<Result<_, _>>()
                .map_err(|e| corrupt("account domain", e))?,
            time_zone: TimeZoneName::parse(&row.time_zone).map_err(|e| corrupt("time zone", e))?,
            default_language: Language::parse(&row.default_language)
                .map_err(|e| corrupt("language", e))?,
            office_hours: OfficeHours::parse(&row.office_hours)
                .map_err(|e| corrupt("office hours", e))?,
            plan: row.plan,
            created_at_ms: row.created_at,
        })
    }
}

/// The JSON text stored for a list of allowed domains.
pub(crate) fn domains_json(domains: &[AllowedDomain]) -> String {
    let texts: Vec<&str> = domains.iter().map(AllowedDomain::as_str).collect();
    serde_json::Value::from(texts).to_string()
}

#[derive(sqlx::FromRow)]
pub(crate) struct AgentRow {
    id: i64,
    account_id: i64,
    email: String,
    name: String,
    role: String,
    state: String,
    created_at: i64,
}

impl TryFrom<AgentRow> for Agent {
    type Error = StoreError;
    fn try_from(row: AgentRow) -> Result<Self, StoreError> {
        Ok(Agent {
            id: AgentId(row.id),
            account_id: AccountId(row.account_id),
            email: Email::parse(&row.email).map_err(|e| corrupt("agent e-mail", e))?,
            name: DisplayName::parse(&row.name).map_err(|e| corrupt("agent name", e))?,
            role: row.role.parse().map_err(|e| corrupt("agent role", e))?,
            state: row.state.parse().map_err(|e| corrupt("agent state", e))?,
            created_at_ms: row.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct LoginRow {
    #[sqlx(flatten)]
    agent: AgentRow,
    password_hash: String,
}

impl TryFrom<LoginRow> for (Agent, String) {
    type Error = StoreError;
    fn try_from(row: LoginRow) -> Result<Self, StoreError> {
        Ok((row.agent.try_into()?, row.password_hash))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    token_hash: String,
    account_id: i64,
    agent_id: i64,
    csrf_token: String,
    created_at: i64,
    expires_at: i64,
}

impl From<SessionRow> for Session {
    fn from(row: SessionRow) -> Self {
        Session {
            token_hash: row.token_hash,
            account_id: AccountId(row.account_id),
            agent_id: AgentId(row.agent_id),
            csrf_token: row.csrf_token,
            created_at_ms: row.created_at,
            expires_at_ms: row.expires_at,
        }
    }
}
