//! `/api/v1/conversations`: search, read, reply or note, tag, assign, close — through the
//! same actions as the inbox, so the visitor sees a reply live and the inbox updates.

use super::{
    auth::Authenticated,
    error::ApiError,
    extract::{Json, Path, Query},
    model::{
        AssignIn, ConversationDetail, ConversationFilter, ConversationOut, ConversationPage,
        MessageOut, NewMessageIn, TagIn,
    },
    responses::{BodyFailures, Failures},
};
use crate::{
    chat::actions::{self, Actor, Outgoing},
    state::AppState,
};
use axum::{extract::State, http::HeaderMap, http::StatusCode};
use frontdesk_core::{
    api_key::Scope,
    conversation::{ClientId, ConversationStatus, MessageBody, Tag},
    ids::AgentId,
};
use frontdesk_store::ConversationQuery;

const DEFAULT_PAGE: i64 = 25;
const MAX_PAGE: i64 = 100;
const CURSOR_PREFIX: &str = "c1:";

/// The opaque cursor after a conversation id.
fn cursor_after(id: i64) -> String {
    hex::encode(format!("{CURSOR_PREFIX}{id}"))
}

/// The conversation id a cursor stands for.
fn parse_cursor(cursor: &str) -> Result<i64, ApiError> {
    let invalid = || ApiError::InvalidRequest("the cursor is not one this API returned".into());
    let bytes = hex::decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    text.strip_prefix(CURSOR_PREFIX)
        .and_then(|id| id.parse::<i64>().ok())
        .filter(|id| *id >= 0)
        .ok_or_else(invalid)
}

/// The API key acting under its own name.
fn key_actor(auth: &Authenticated) -> Actor {
    Actor {
        agent: None,
        name: auth.0.name.clone(),
    }
}

/// Lists conversations in which the visitor took part, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/conversations",
    tag = "conversations",
    params(ConversationFilter),
    responses((status = 200, description = "One page", body = ConversationPage), Failures),
    security(("api_key" = ["conversations:read"]))
)]
pub async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
    Query(filter): Query<ConversationFilter>,
) -> Result<Json<ConversationPage>, ApiError> {
    auth.require(Scope::ConversationsRead)?;
    let limit = filter.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::InvalidRequest(format!(
            "limit must be 1 to {MAX_PAGE}"
        )));
    }
    let status = filter.status.map(ConversationStatus::from);
    let tag = filter.tag.as_deref().map(Tag::parse).transpose()?;
    let before_id = filter.cursor.as_deref().map(parse_cursor).transpose()?;
    let query = ConversationQuery {
        status,
        assigned_agent: filter.agent_id.map(AgentId),
        tag: tag.map(|t| t.as_str().to_owned()),
        before_id,
        // One more than asked tells whether another page follows.
        limit: limit + 1,
    };
    let mut found = state
        .store
        .search_conversations(auth.account(), &query)
        .await?;
    let more = found.len() as i64 > limit;
    found.truncate(limit as usize);
    let next_cursor = more
        .then(|| found.last().map(|c| cursor_after(c.id)))
        .flatten();
    Ok(Json(ConversationPage {
        conversations: found.iter().map(ConversationOut::from).collect(),
        next_cursor,
    }))
}

async fn detail(
    state: &AppState,
    auth: &Authenticated,
    id: i64,
) -> Result<ConversationDetail, ApiError> {
    let c = actions::load(state, auth.account(), id).await?;
    let messages = state
        .store
        .messages_after(auth.account(), c.id, 0, 5000)
        .await?;
    Ok(ConversationDetail {
        conversation: (&c).into(),
        messages: messages.iter().map(MessageOut::from).collect(),
    })
}

/// One conversation with its transcript (notes and events included).
#[utoipa::path(
    get,
    path = "/api/v1/conversations/{id}",
    tag = "conversations",
    params(("id" = i64, Path, description = "Conversation id", example = 1)),
    responses((status = 200, description = "The conversation", body = ConversationDetail), Failures),
    security(("api_key" = ["conversations:read"]))
)]
pub async fn read(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
) -> Result<Json<ConversationDetail>, ApiError> {
    auth.require(Scope::ConversationsRead)?;
    Ok(Json(detail(&state, &auth, id).await?))
}

/// Replies to the visitor (who sees it at once) or adds an internal note. With an
/// `Idempotency-Key` header, a retry stores nothing new and answers with the stored message;
/// the same key with a different message is refused (409).
#[utoipa::path(
    post,
    path = "/api/v1/conversations/{id}/messages",
    tag = "conversations",
    params(
        ("id" = i64, Path, description = "Conversation id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{1,64}$",
            description = "1 to 64 printable ASCII characters naming this message across retries"),
    ),
    request_body = NewMessageIn,
    responses(
        (status = 201, description = "Stored and delivered", body = MessageOut),
        (status = 200, description = "A retry: the message stored the first time", body = MessageOut),
        Failures, BodyFailures
    ),
    security(("api_key" = ["conversations:write"]))
)]
pub async fn send(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(input): Json<NewMessageIn>,
) -> Result<(StatusCode, Json<MessageOut>), ApiError> {
    auth.require(Scope::ConversationsWrite)?;
    let idempotency = super::idempotency::key_of(&headers)?;
    let body = MessageBody::parse(&input.body)?;
    let asked = body.as_str().to_owned();
    let account = auth.load_account(&state).await?;
    let actor = match input.agent_id {
        Some(id) => {
            let agent = state
                .store
                .agent(account.id, AgentId(id))
                .await?
                .ok_or(ApiError::NotFound("agent"))?;
            if agent.state != frontdesk_core::agent::AgentState::Active {
                return Err(ApiError::Conflict("inactive agents cannot chat".into()));
            }
            Actor {
                agent: Some(agent.id),
                name: agent.name.to_string(),
            }
        }
        None => key_actor(&auth),
    };
    let client_id = match idempotency {
        Some(key) => key,
        None => ClientId::parse(&uuid::Uuid::new_v4().simple().to_string())?,
    };
    // Scoped to the account and conversation, so equal keys elsewhere never collide.
    let dedupe = format!("api:{}:{}:{}", account.id, id, client_id.as_str());
    let out = Outgoing {
        body,
        note: input.note,
        client_id,
        dedupe,
    };
    let appended = actions::send(&state, &account, &actor, id, &out).await?;
    let stored_note = appended.message.kind == frontdesk_core::conversation::MessageKind::Note;
    if appended.duplicate && (appended.message.body != asked || stored_note != input.note) {
        // A key names one message: reusing it for another would silently drop that one.
        return Err(ApiError::Conflict(
            "this Idempotency-Key was already used for a different message".into(),
        ));
    }
    let status = if appended.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json((&appended.message).into())))
}

/// Adds a tag (recorded in the transcript).
#[utoipa::path(
    post,
    path = "/api/v1/conversations/{id}/tags",
    tag = "conversations",
    params(("id" = i64, Path, description = "Conversation id", example = 1)),
    request_body = TagIn,
    responses((status = 200, description = "The conversation", body = ConversationOut), Failures, BodyFailures),
    security(("api_key" = ["conversations:write"]))
)]
pub async fn add_tag(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
    Json(input): Json<TagIn>,
) -> Result<Json<ConversationOut>, ApiError> {
    auth.require(Scope::ConversationsWrite)?;
    let tag = Tag::parse(&input.tag)?;
    let c = actions::tag(&state, &key_actor(&auth), auth.account(), id, &tag, true).await?;
    Ok(Json((&c).into()))
}

/// Removes a tag.
#[utoipa::path(
    delete,
    path = "/api/v1/conversations/{id}/tags/{tag}",
    tag = "conversations",
    params(
        ("id" = i64, Path, description = "Conversation id", example = 1),
        ("tag" = String, Path, description = "The tag", example = "vip",
            min_length = 1, max_length = 40, pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"),
    ),
    responses((status = 200, description = "The conversation", body = ConversationOut), Failures),
    security(("api_key" = ["conversations:write"]))
)]
pub async fn remove_tag(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((id, tag)): Path<(i64, String)>,
) -> Result<Json<ConversationOut>, ApiError> {
    auth.require(Scope::ConversationsWrite)?;
    let tag = Tag::parse(&tag)?;
    let c = actions::tag(&state, &key_actor(&auth), auth.account(), id, &tag, false).await?;
    Ok(Json((&c).into()))
}

/// Assigns the conversation to an agent of the account (a transfer), or to nobody.
#[utoipa::path(
    post,
    path = "/api/v1/conversations/{id}/assign",
    tag = "conversations",
    params(("id" = i64, Path, description = "Conversation id", example = 1)),
    request_body = AssignIn,
    responses((status = 200, description = "The conversation", body = ConversationOut), Failures, BodyFailures),
    security(("api_key" = ["conversations:write"]))
)]
pub async fn assign(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
    Json(input): Json<AssignIn>,
) -> Result<Json<ConversationOut>, ApiError> {
    auth.require(Scope::ConversationsWrite)?;
    let agent = input.agent_id.map(AgentId);
    let c = actions::assign(&state, &key_actor(&auth), auth.account(), id, agent).await?;
    Ok(Json((&c).into()))
}

/// Closes the conversation (closing a closed one changes nothing).
#[utoipa::path(
    post,
    path = "/api/v1/conversations/{id}/close",
    tag = "conversations",
    params(("id" = i64, Path, description = "Conversation id", example = 1)),
    responses((status = 200, description = "The conversation", body = ConversationOut), Failures),
    security(("api_key" = ["conversations:write"]))
)]
pub async fn close(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<i64>,
) -> Result<Json<ConversationOut>, ApiError> {
    auth.require(Scope::ConversationsWrite)?;
    let account = auth.load_account(&state).await?;
    let c = actions::close(&state, &key_actor(&auth), &account, id).await?;
    Ok(Json((&c).into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_and_anything_else_is_refused() {
        assert_eq!(parse_cursor(&cursor_after(42)).unwrap(), 42);
        for bad in [
            "",
            "zz",
            "42",
            &hex::encode("c1:"),
            &hex::encode("c1:-3"),
            &hex::encode("x1:4"),
        ] {
            assert!(parse_cursor(bad).is_err(), "{bad:?}");
        }
    }
}
