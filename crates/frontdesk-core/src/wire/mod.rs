//! The realtime protocol v1 (docs/protocol.md) as typed frames. Parsing lives here, apart
//! from socket I/O, so every frame can be tested without a connection.

pub mod agent;
pub mod visitor;

use crate::conversation::{Conversation, Message, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The protocol version this server speaks.
pub const PROTOCOL_VERSION: u32 = 1;
/// Largest frame a client may send, in bytes.
pub const MAX_FRAME_BYTES: usize = 16 * 1024;

/// A message as both sides see it on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireMessage {
    pub id: i64,
    pub conversation_id: i64,
    pub seq: i64,
    pub author: &'static str,
    pub author_name: Option<String>,
    pub kind: &'static str,
    pub body: String,
    pub event: Option<String>,
    pub client_id: Option<String>,
    pub created_at: i64,
    /// A bot node's id, for bot messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The choices of a bot question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<crate::flow::Choice>,
    /// The button a visitor message records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<crate::conversation::ChosenButton>,
}

impl From<&Message> for WireMessage {
    fn from(m: &Message) -> Self {
        Self {
            id: m.id,
            conversation_id: m.conversation_id,
            seq: m.seq,
            author: m.author.as_str(),
            author_name: m.author_name.clone(),
            kind: m.kind.as_str(),
            body: m.body.clone(),
            event: m.event.clone(),
            client_id: m.client_id.clone(),
            created_at: m.created_at_ms,
            node: m.payload.as_ref().and_then(|p| p.node.clone()),
            buttons: m
                .payload
                .as_ref()
                .map(|p| p.buttons.clone())
                .unwrap_or_default(),
            choice: m.payload.as_ref().and_then(|p| p.choice.clone()),
        }
    }
}

/// The id and status of a conversation, as visitors see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConversationRef {
    pub id: i64,
    pub status: &'static str,
    /// Only the bot's buttons may be used now.
    pub text_disabled: bool,
}

impl From<&Conversation> for ConversationRef {
    fn from(c: &Conversation) -> Self {
        Self {
            id: c.id,
            status: c.status.as_str(),
            text_disabled: c.text_disabled(),
        }
    }
}

/// A page as the widget reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct PageInfo {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub referrer: String,
}

/// Contact fields from the JS API or a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Identify {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    pub group: Option<String>,
    pub language: Option<String>,
}

/// A past conversation in the visitor panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PastConversation {
    pub id: i64,
    pub status: &'static str,
    pub created_at: i64,
}

/// What agents see of a visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitorInfo {
    #[serde(flatten)]
    pub visitor: Visitor,
    pub online: bool,
    pub past_conversations: Vec<PastConversation>,
}

/// Parses one text frame into `T`, answering with the error code a client should see.
pub fn parse_frame<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, FrameError> {
    if text.len() > MAX_FRAME_BYTES {
        return Err(FrameError::TooLarge);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| FrameError::Malformed)?;
    let known = value
        .get("type")
        .and_then(|t| t.as_str())
        .ok_or(FrameError::Malformed)?
        .to_owned();
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("unknown variant") {
            FrameError::UnknownType(known)
        } else {
            FrameError::Malformed
        }
    })
}

/// Why a frame was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    TooLarge,
    Malformed,
    UnknownType(String),
}

impl FrameError {
    /// The protocol error code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLarge => "too_long",
            Self::Malformed => "malformed",
            Self::UnknownType(_) => "unknown_type",
        }
    }
}
