//! `/api/v1/contacts`: find, read, update, export and erase contacts (§1, §10). Changes
//! reach a visitor who is online at once: their chat box reloads the details, closes when
//! banned, and starts over when erased.

use super::{
    auth::Authenticated,
    contact_model::{
        ContactExport, ContactFilter, ContactOut, ContactPage, ContactUpdate, PageOut,
    },
    error::ApiError,
    extract::{Json, Path, Query},
    model::{ConversationDetail, MessageOut},
    responses::{BodyFailures, Failures},
};
use crate::{
    bus::{Event, Topic},
    chat::actions::{self, Actor},
    state::AppState,
};
use axum::{extract::State, http::StatusCode};
use frontdesk_core::{
    account::DisplayName,
    agent::Email,
    api_key::Scope,
    contact::{check_variables, parse_phone},
    conversation::{ConversationStatus, Visitor},
};
use frontdesk_store::ContactQuery;

const DEFAULT_PAGE: i64 = 25;
const MAX_PAGE: i64 = 100;
const CURSOR_PREFIX: &str = "k1:";
const MAX_SEARCH: usize = 100;
/// More than any conversation holds: messages are bounded per conversation.
const MAX_EXPORTED_MESSAGES: i64 = 100_000;

/// The opaque cursor after a contact.
fn cursor_after(v: &Visitor) -> String {
    hex::encode(format!("{CURSOR_PREFIX}{}:{}", v.created_at_ms, v.id))
}

/// The `(created_at, id)` a cursor stands for.
fn parse_cursor(cursor: &str) -> Result<(i64, String), ApiError> {
    let invalid = || ApiError::InvalidRequest("the cursor is not one this API returned".into());
    let bytes = hex::decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (at, id) = text
        .strip_prefix(CURSOR_PREFIX)
        .and_then(|rest| rest.split_once(':'))
        .ok_or_else(invalid)?;
    let at = at.parse::<i64>().map_err(|_| invalid())?;
    Ok((at, id.to_owned()))
}

/// Whether `id` could name a stored visitor at all; anything else is simply not found
/// (and never reaches the database, which refuses NUL characters).
fn plausible_id(id: &str) -> bool {
    (1..=200).contains(&id.len()) && !id.contains('\0')
}

async fn load(state: &AppState, auth: &Authenticated, id: &str) -> Result<Visitor, ApiError> {
    if !plausible_id(id) {
        return Err(ApiError::NotFound("contact"));
    }
    state
        .store
        .visitor(auth.account(), id)
        .await?
        .ok_or(ApiError::NotFound("contact"))
}

/// Lists contacts (visitors whose name, e-mail or phone is known), newest first.
#[utoipa::path(
    get,
    path = "/api/v1/contacts",
    tag = "contacts",
    params(ContactFilter),
    responses((status = 200, description = "One page", body = ContactPage), Failures),
    security(("api_key" = ["contacts:read"]))
)]
pub async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
    Query(filter): Query<ContactFilter>,
) -> Result<Json<ContactPage>, ApiError> {
    auth.require(Scope::ContactsRead)?;
    let limit = filter.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::InvalidRequest(format!(
            "limit must be 1 to {MAX_PAGE}"
        )));
    }
    if filter
        .search
        .as_ref()
        .is_some_and(|s| s.chars().count() > MAX_SEARCH)
    {
        return Err(ApiError::InvalidRequest(format!(
            "search is at most {MAX_SEARCH} characters"
        )));
    }
    let search = filter
        .search
        // NUL cannot be stored, so nothing contains it.
        .map(|s| s.replace('\0', "").trim().to_owned())
        .filter(|s| !s.is_empty());
    let query = ContactQuery {
        search,
        after: filter.cursor.as_deref().map(parse_cursor).transpose()?,
        // One more than asked tells whether another page follows.
        limit: limit + 1,
    };
    let mut found = state.store.list_contacts(auth.account(), &query).await?;
    let more = found.len() as i64 > limit;
    found.truncate(limit as usize);
    let next_cursor = more.then(|| found.last().map(cursor_after)).flatten();
    Ok(Json(ContactPage {
        contacts: found.iter().map(ContactOut::from).collect(),
        next_cursor,
    }))
}

/// One visitor of the account, contact or not.
#[utoipa::path(
    get,
    path = "/api/v1/contacts/{id}",
    tag = "contacts",
    params(("id" = String, Path, description = "Visitor id", example = "schemathesis")),
    responses((status = 200, description = "The contact", body = ContactOut), Failures),
    security(("api_key" = ["contacts:read"]))
)]
pub async fn read(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<String>,
) -> Result<Json<ContactOut>, ApiError> {
    auth.require(Scope::ContactsRead)?;
    Ok(Json((&load(&state, &auth, &id).await?).into()))
}

/// An empty string clears a field; anything else must parse.
fn optional<T: ToString>(
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, frontdesk_core::ValidationError>,
) -> Result<Option<String>, ApiError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(parse(raw)?.to_string()))
}

/// Changes a contact's details, variables or ban.
#[utoipa::path(
    patch,
    path = "/api/v1/contacts/{id}",
    tag = "contacts",
    params(("id" = String, Path, description = "Visitor id", example = "schemathesis")),
    request_body = ContactUpdate,
    responses((status = 200, description = "The contact as stored", body = ContactOut), Failures, BodyFailures),
    security(("api_key" = ["contacts:write"]))
)]
pub async fn update(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<String>,
    Json(change): Json<ContactUpdate>,
) -> Result<Json<ContactOut>, ApiError> {
    auth.require(Scope::ContactsWrite)?;
    let mut visitor = load(&state, &auth, &id).await?;
    let before = crate::webhooks::events::contact_of(&visitor);
    // Everything is checked before anything is stored, so a refusal changes nothing.
    if let Some(name) = &change.name {
        visitor.name = optional(name, DisplayName::parse)?;
    }
    if let Some(email) = &change.email {
        visitor.email = optional(email, Email::parse)?;
    }
    if let Some(phone) = &change.phone {
        visitor.phone = optional(phone, parse_phone)?;
    }
    if let Some(variables) = change.variables {
        for (name, value) in variables {
            match value {
                Some(value) => visitor.variables.insert(name, value),
                None => visitor.variables.remove(&name),
            };
        }
        check_variables(&visitor.variables)?;
    }
    let newly_banned = change.banned == Some(true) && !visitor.banned;
    if let Some(banned) = change.banned {
        visitor.banned = banned;
    }
    state.store.save_visitor(&visitor).await?;
    if crate::webhooks::events::contact_of(&visitor) != before {
        crate::webhooks::events::contact_updated(&state, &visitor).await?;
    }

    let topic = Topic::Visitor(auth.account(), visitor.id.clone());
    let latest = state
        .store
        .latest_conversation(auth.account(), &visitor.id)
        .await?;
    if newly_banned {
        state.bus.publish(topic, Event::Banned);
        if let Some(c) = latest.filter(|c| c.status != ConversationStatus::Closed) {
            let account = auth.load_account(&state).await?;
            let actor = Actor {
                agent: None,
                name: auth.0.name.clone(),
            };
            actions::close(&state, &actor, &account, c.id).await?;
        }
    } else {
        state.bus.publish(topic, Event::VisitorChanged);
        if let Some(c) = latest {
            crate::chat::publish_changed(&state, auth.account(), c.id);
        }
    }
    Ok(Json((&visitor).into()))
}

/// Everything stored about a visitor: details, recent pages, every conversation with its
/// whole transcript, for a data-access request (§10).
#[utoipa::path(
    get,
    path = "/api/v1/contacts/{id}/export",
    tag = "contacts",
    params(("id" = String, Path, description = "Visitor id", example = "schemathesis")),
    responses((status = 200, description = "The export", body = ContactExport), Failures),
    security(("api_key" = ["contacts:read"]))
)]
pub async fn export(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<String>,
) -> Result<Json<ContactExport>, ApiError> {
    auth.require(Scope::ContactsRead)?;
    let visitor = load(&state, &auth, &id).await?;
    let mut conversations = state
        .store
        .visitor_conversations(auth.account(), &visitor.id)
        .await?;
    conversations.sort_by_key(|c| c.id);
    let mut transcripts = Vec::with_capacity(conversations.len());
    for c in &conversations {
        let messages = state
            .store
            .messages_after(auth.account(), c.id, 0, MAX_EXPORTED_MESSAGES)
            .await?;
        transcripts.push(ConversationDetail {
            conversation: c.into(),
            messages: messages.iter().map(MessageOut::from).collect(),
        });
    }
    Ok(Json(ContactExport {
        contact: (&visitor).into(),
        pages: visitor
            .pages
            .iter()
            .map(|p| PageOut {
                url: p.url.clone(),
                title: p.title.clone(),
                at: p.at,
            })
            .collect(),
        conversations: transcripts,
        exported_at: state.now_ms(),
    }))
}

/// Erases a visitor (§10): details, conversations and messages, and e-mails to them not yet
/// sent. Counted chatbot conversations and statistics stay; they hold nothing personal.
#[utoipa::path(
    delete,
    path = "/api/v1/contacts/{id}",
    tag = "contacts",
    params(("id" = String, Path, description = "Visitor id", example = "erase-me")),
    responses((status = 204, description = "Erased"), Failures),
    security(("api_key" = ["contacts:write"]))
)]
pub async fn erase(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    auth.require(Scope::ContactsWrite)?;
    if !plausible_id(&id) {
        return Err(ApiError::NotFound("contact"));
    }
    let conversations = state
        .store
        .visitor_conversations(auth.account(), &id)
        .await?;
    if !state.store.erase_visitor(auth.account(), &id).await? {
        return Err(ApiError::NotFound("contact"));
    }
    state
        .bus
        .publish(Topic::Visitor(auth.account(), id), Event::Erased);
    // Inboxes drop the conversations they show.
    for c in conversations {
        crate::chat::publish_changed(&state, auth.account(), c.id);
    }
    Ok(StatusCode::NO_CONTENT)
}
