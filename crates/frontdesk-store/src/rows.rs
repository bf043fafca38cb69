//! Raw rows as both backends return them, and their conversion into domain types.
//! Stored text is parsed again on the way out, so a damaged row is an error, not a panic.

use crate::{Session, StoreError};
use frontdesk_core::{
    account::{Account, AllowedDomain, DisplayName, Language, TimeZoneName},
    agent::{Agent, Email},
    conversation::{Conversation, Message, Visitor},
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
    presence: String,
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
            presence: row
                .presence
                .parse()
                .map_err(|e| corrupt("agent presence", e))?,
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

fn json_or_corrupt<T: serde::de::DeserializeOwned>(
    what: &str,
    text: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(what, e))
}

#[derive(sqlx::FromRow)]
pub(crate) struct VisitorRow {
    id: String,
    account_id: i64,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    language: Option<String>,
    device: Option<String>,
    group_name: Option<String>,
    variables: String,
    current_url: Option<String>,
    current_title: Option<String>,
    pages: String,
    visit_count: i64,
    referrer: Option<String>,
    country: Option<String>,
    bots_shown: String,
    banned: bool,
    created_at: i64,
    last_seen_at: i64,
}

impl TryFrom<VisitorRow> for Visitor {
    type Error = StoreError;
    fn try_from(row: VisitorRow) -> Result<Self, StoreError> {
        Ok(Visitor {
            id: row.id,
            account_id: AccountId(row.account_id),
            name: row.name,
            email: row.email,
            phone: row.phone,
            language: row.language,
            device: row.device,
            group: row.group_name,
            variables: json_or_corrupt("visitor variables", &row.variables)?,
            current_url: row.current_url,
            current_title: row.current_title,
            pages: json_or_corrupt("visitor pages", &row.pages)?,
            visit_count: row.visit_count,
            referrer: row.referrer,
            country: row.country,
            bots_shown: json_or_corrupt("chatbots shown", &row.bots_shown)?,
            banned: row.banned,
            created_at_ms: row.created_at,
            last_seen_at_ms: row.last_seen_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ConversationRow {
    id: i64,
    account_id: i64,
    visitor_id: String,
    status: String,
    assigned_agent_id: Option<i64>,
    tags: String,
    important: bool,
    last_seq: i64,
    agent_read_seq: i64,
    visitor_read_seq: i64,
    rating: Option<i64>,
    rating_comment: Option<String>,
    created_at: i64,
    updated_at: i64,
    last_message_at: i64,
    closed_at: Option<i64>,
    bot: Option<String>,
    visitor_acted: bool,
}

/// A conversation row as SQLite's `json_array(…)` of `CONVERSATION_COLUMNS` writes it
/// (booleans as 0 and 1), for reading many rows as one value (see `append_fast`).
#[derive(serde::Deserialize)]
pub(crate) struct ConversationJson(
    i64,
    i64,
    String,
    String,
    Option<i64>,
    String,
    i64,
    i64,
    i64,
    i64,
    Option<i64>,
    Option<String>,
    i64,
    i64,
    i64,
    Option<i64>,
    Option<String>,
    i64,
);

impl From<ConversationJson> for ConversationRow {
    fn from(j: ConversationJson) -> Self {
        ConversationRow {
            id: j.0,
            account_id: j.1,
            visitor_id: j.2,
            status: j.3,
            assigned_agent_id: j.4,
            tags: j.5,
            important: j.6 != 0,
            last_seq: j.7,
            agent_read_seq: j.8,
            visitor_read_seq: j.9,
            rating: j.10,
            rating_comment: j.11,
            created_at: j.12,
            updated_at: j.13,
            last_message_at: j.14,
            closed_at: j.15,
            bot: j.16,
            visitor_acted: j.17 != 0,
        }
    }
}

/// The conversations of a `json_group_array(json_array(…))` value.
pub(crate) fn conversations_from_json(text: &str) -> Result<Vec<Conversation>, StoreError> {
    let rows: Vec<ConversationJson> =
        serde_json::from_str(text).map_err(|e| corrupt("conversations", e))?;
    rows.into_iter()
        .map(|j| ConversationRow::from(j).try_into())
        .collect()
}

impl TryFrom<ConversationRow> for Conversation {
    type Error = StoreError;
    fn try_from(row: ConversationRow) -> Result<Self, StoreError> {
        Ok(Conversation {
            id: row.id,
            account_id: AccountId(row.account_id),
            visitor_id: row.visitor_id,
            status: row.status.parse().map_err(|e| corrupt("status", e))?,
            assigned_agent_id: row.assigned_agent_id.map(AgentId),
            tags: json_or_corrupt("tags", &row.tags)?,
            important: row.important,
            last_seq: row.last_seq,
            agent_read_seq: row.agent_read_seq,
            visitor_read_seq: row.visitor_read_seq,
            rating: row.rating,
            rating_comment: row.rating_comment,
            created_at_ms: row.created_at,
            updated_at_ms: row.updated_at,
            last_message_at_ms: row.last_message_at,
            closed_at_ms: row.closed_at,
            bot: row
                .bot
                .as_deref()
                .map(|b| json_or_corrupt("bot state", b))
                .transpose()?,
            visitor_acted: row.visitor_acted,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    id: i64,
    conversation_id: i64,
    seq: i64,
    author: String,
    author_agent_id: Option<i64>,
    author_name: Option<String>,
    kind: String,
    body: String,
    event: Option<String>,
    client_id: Option<String>,
    payload: Option<String>,
    created_at: i64,
}

impl TryFrom<MessageRow> for Message {
    type Error = StoreError;
    fn try_from(row: MessageRow) -> Result<Self, StoreError> {
        Ok(Message {
            id: row.id,
            conversation_id: row.conversation_id,
            seq: row.seq,
            author: row.author.parse().map_err(|e| corrupt("author", e))?,
            author_agent_id: row.author_agent_id.map(AgentId),
            author_name: row.author_name,
            kind: row.kind.parse().map_err(|e| corrupt("message kind", e))?,
            body: row.body,
            event: row.event,
            client_id: row.client_id,
            payload: row
                .payload
                .as_deref()
                .map(|p| json_or_corrupt("message payload", p))
                .transpose()?,
            created_at_ms: row.created_at,
        })
    }
}

/// An e-mail waiting in (or sent from) the outbox.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxEmail {
    pub id: i64,
    pub account_id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// How many times sending was tried (or is under way).
    pub attempts: i64,
    /// When the sender may next try it.
    pub next_attempt_at: i64,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// When it was given up; it is not tried again.
    pub failed_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct ChatbotRow {
    id: i64,
    account_id: i64,
    name: String,
    language: String,
    position: i64,
    enabled: bool,
    draft: String,
    published_version: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl From<ChatbotRow> for frontdesk_core::flow::Chatbot {
    fn from(row: ChatbotRow) -> Self {
        Self {
            id: row.id,
            account_id: AccountId(row.account_id),
            name: row.name,
            language: row.language,
            position: row.position,
            enabled: row.enabled,
            draft: row.draft,
            published_version: row.published_version,
            created_at_ms: row.created_at,
            updated_at_ms: row.updated_at,
        }
    }
}

/// Scopes as stored: their names separated by spaces.
pub(crate) fn scopes_text(scopes: &[frontdesk_core::api_key::Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApiKeyRow {
    id: i64,
    account_id: i64,
    name: String,
    scopes: String,
    token_hint: String,
    created_at: i64,
    revoked_at: Option<i64>,
    last_used_at: Option<i64>,
}

impl TryFrom<ApiKeyRow> for crate::ApiKey {
    type Error = StoreError;

    fn try_from(row: ApiKeyRow) -> Result<Self, Self::Error> {
        let names: Vec<&str> = row.scopes.split_whitespace().collect();
        Ok(crate::ApiKey {
            id: row.id,
            account_id: AccountId(row.account_id),
            name: row.name,
            scopes: frontdesk_core::api_key::parse_scopes(&names)
                .map_err(|e| corrupt("API key scopes", e))?,
            token_hint: row.token_hint,
            created_at_ms: row.created_at,
            revoked_at_ms: row.revoked_at,
            last_used_at_ms: row.last_used_at,
        })
    }
}
