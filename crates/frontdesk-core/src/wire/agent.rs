//! Frames of the agent endpoint.

use super::{VisitorInfo, WireMessage};
use serde::{Deserialize, Serialize};

/// What the inbox sends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AgentIn {
    Hello {
        #[serde(default)]
        v: u32,
    },
    Open {
        conversation_id: i64,
        #[serde(default)]
        last_seq: i64,
    },
    Send {
        conversation_id: i64,
        client_id: String,
        body: String,
        #[serde(default)]
        note: bool,
    },
    Typing {
        conversation_id: i64,
        on: bool,
    },
    Read {
        conversation_id: i64,
        seq: i64,
    },
    Assign {
        conversation_id: i64,
        agent_id: Option<i64>,
    },
    Tag {
        conversation_id: i64,
        tag: String,
        on: bool,
    },
    Important {
        conversation_id: i64,
        on: bool,
    },
    Close {
        conversation_id: i64,
    },
    Ban {
        conversation_id: i64,
    },
    Presence {
        status: String,
    },
    Ping,
}

/// A conversation as the inbox lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub id: i64,
    pub status: &'static str,
    pub visitor: VisitorInfo,
    pub assigned_agent_id: Option<i64>,
    pub tags: Vec<String>,
    pub important: bool,
    /// Counted as a chatbot conversation: the inbox labels it "Joined by chatbot" (§7.1).
    pub chatbot_counted: bool,
    pub unread: i64,
    pub last_message: Option<WireMessage>,
    pub last_seq: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An agent as colleagues see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgentCard {
    pub id: i64,
    pub name: String,
    pub role: &'static str,
    pub presence: &'static str,
    /// Connected to a dashboard right now.
    pub online: bool,
}

/// What the server sends to the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AgentOut {
    Welcome {
        v: u32,
        me: AgentCard,
        agents: Vec<AgentCard>,
        conversations: Vec<Summary>,
    },
    History {
        conversation: Summary,
        messages: Vec<WireMessage>,
    },
    Conversation {
        conversation: Summary,
    },
    Message {
        message: WireMessage,
    },
    Ack {
        client_id: String,
        message: WireMessage,
    },
    Typing {
        conversation_id: i64,
        on: bool,
    },
    Agents {
        agents: Vec<AgentCard>,
    },
    Pong,
    Error {
        code: String,
        message: String,
    },
}
