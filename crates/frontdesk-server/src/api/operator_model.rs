//! What the operator endpoints send and accept (§1, §7.4).

use super::model::AgentOut;
use frontdesk_core::{account::Account, metering::Plan};
use frontdesk_store::ApiKey;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An account (a website or workspace).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountOut {
    pub id: i64,
    pub name: String,
    /// The public key the embed snippet carries.
    pub widget_key: String,
    /// Domains the chat box may run on.
    pub allowed_domains: Vec<String>,
    pub time_zone: String,
    pub default_language: String,
    /// E.g. `mon-fri 09:00-17:00`.
    pub office_hours: String,
    /// A plan code of the catalog.
    pub plan: String,
    pub created_at: i64,
}

impl From<&Account> for AccountOut {
    fn from(a: &Account) -> Self {
        Self {
            id: a.id.0,
            name: a.name.to_string(),
            widget_key: a.widget_key.clone(),
            allowed_domains: a
                .allowed_domains
                .iter()
                .map(|d| d.as_str().to_owned())
                .collect(),
            time_zone: a.time_zone.as_str().to_owned(),
            default_language: a.default_language.as_str().to_owned(),
            office_hours: a.office_hours.to_string(),
            plan: a.plan.clone(),
            created_at: a.created_at_ms,
        }
    }
}

/// A new account with its first owner.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAccountIn {
    #[schema(max_length = 120)]
    pub name: String,
    /// Domains the chat box may run on (`*.example.com` for sub-domains).
    #[schema(max_items = 50)]
    pub allowed_domains: Vec<String>,
    /// IANA time zone (default UTC).
    pub time_zone: Option<String>,
    /// Default language (default en).
    pub default_language: Option<String>,
    /// Default `mon-fri 09:00-17:00`.
    pub office_hours: Option<String>,
    /// A plan code of the catalog (default: the configured default plan).
    pub plan: Option<String>,
    pub owner: NewOwnerIn,
}

/// The account's first owner.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOwnerIn {
    #[schema(max_length = 254)]
    pub email: String,
    #[schema(max_length = 120)]
    pub name: String,
    /// At least 10 characters; generated (and returned once) when left out.
    #[schema(max_length = 1000)]
    pub password: Option<String>,
}

/// A created account and its owner.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountCreatedOut {
    pub account: AccountOut,
    pub owner: AgentOut,
    /// The generated password, shown this once; absent when one was given.
    pub owner_password: Option<String>,
}

/// Changes to an account; fields left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountUpdateIn {
    /// A plan code of the catalog; the new limit applies at once (§7.4).
    pub plan: Option<String>,
    /// E.g. `mon-fri 09:00-17:00; sat 10:00-14:00`.
    pub office_hours: Option<String>,
}

/// A new API key for an account.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiKeyIn {
    #[schema(max_length = 100)]
    pub name: String,
    /// E.g. `conversations:read`.
    #[schema(max_items = 20)]
    pub scopes: Vec<String>,
}

/// A created API key, with its token shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyCreatedOut {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub scopes: Vec<String>,
    /// The token's first characters, as key lists show it.
    pub token_hint: String,
    /// `fdk_…`: store it now; it cannot be read again.
    pub token: String,
    pub created_at: i64,
}

impl ApiKeyCreatedOut {
    pub fn new(key: &ApiKey, token: Option<String>) -> Self {
        Self {
            id: key.id,
            account_id: key.account_id.0,
            name: key.name.clone(),
            scopes: key.scopes.iter().map(|s| s.as_str().to_owned()).collect(),
            token_hint: key.token_hint.clone(),
            token: token.unwrap_or_default(),
            created_at: key.created_at_ms,
        }
    }
}

/// A plan of the operator's catalog (§7.4).
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanOut {
    pub code: String,
    /// Chatbot conversations included per month; absent when unlimited.
    pub included: Option<i64>,
    /// The most a period may reach with add-ons.
    pub maximum: Option<i64>,
    pub addon_step: i64,
    pub agent_seats: i64,
    pub features: Vec<String>,
}

impl From<&Plan> for PlanOut {
    fn from(p: &Plan) -> Self {
        Self {
            code: p.code.clone(),
            included: p.included,
            maximum: p.maximum,
            addon_step: p.addon_step,
            agent_seats: p.agent_seats,
            features: p.features.clone(),
        }
    }
}
