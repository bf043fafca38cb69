//! What the contacts endpoints send and accept (§1, §10).

use super::model::ConversationDetail;
use frontdesk_core::conversation::Visitor;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// A visitor, with what is known about them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactOut {
    /// The visitor id the chat box keeps.
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Option<String>,
    /// ISO 3166 code, when the server knows countries.
    pub country: Option<String>,
    /// Values the chatbot collected or the site set.
    pub variables: BTreeMap<String, String>,
    pub banned: bool,
    pub visit_count: i64,
    pub current_url: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
}

impl From<&Visitor> for ContactOut {
    fn from(v: &Visitor) -> Self {
        Self {
            id: v.id.clone(),
            name: v.name.clone(),
            email: v.email.clone(),
            phone: v.phone.clone(),
            language: v.language.clone(),
            country: v.country.clone(),
            variables: v.variables.clone(),
            banned: v.banned,
            visit_count: v.visit_count,
            current_url: v.current_url.clone(),
            created_at: v.created_at_ms,
            last_seen_at: v.last_seen_at_ms,
        }
    }
}

/// One page of contacts.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactPage {
    pub contacts: Vec<ContactOut>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Search and paging of the contact list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ContactFilter {
    /// Only contacts whose name, e-mail or phone contains this (any case); empty finds all.
    #[param(max_length = 100)]
    pub search: Option<String>,
    /// Page size (default 25).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page, as it was returned.
    #[param(max_length = 400)]
    pub cursor: Option<String>,
}

/// Changes to a contact: fields left out stay as they are; an empty string clears one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactUpdate {
    #[schema(max_length = 120)]
    pub name: Option<String>,
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[schema(max_length = 40)]
    pub phone: Option<String>,
    /// Variables to set; a `null` value removes that variable.
    pub variables: Option<BTreeMap<String, Option<String>>>,
    /// Banning closes the visitor's chat box and keeps them out.
    pub banned: Option<bool>,
}

/// Everything stored about a contact (§10), for a data-access request.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactExport {
    pub contact: ContactOut,
    /// The pages of the current visit, oldest first.
    pub pages: Vec<PageOut>,
    /// Every conversation with its whole transcript, oldest first.
    pub conversations: Vec<ConversationDetail>,
    /// When this export was made.
    pub exported_at: i64,
}

/// A page the visitor viewed.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageOut {
    pub url: String,
    pub title: String,
    pub at: i64,
}
