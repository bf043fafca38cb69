//! Chatbot flows (§4): the document format, its validator and the engine that runs it.
//!
//! A flow is a versioned document (JSON or YAML) of named nodes. The engine is a pure
//! function from (flow, bot state, event) to (new state, actions); the server carries the
//! actions out and stores the state, so a bot conversation survives restarts and moves
//! between nodes freely.

mod engine;
mod layout;
mod simulate;
#[cfg(test)]
mod tests;
mod text;
mod validate;

pub use engine::{
    step, Action, BotEvent, BotState, Choice, FlowContext, Outcome, Step, MAX_ATTEMPTS, MAX_STEPS,
};
pub use layout::{layout, Diagram, DiagramEdge, DiagramNode};
pub use simulate::{parse_script, simulate, ScriptStep};
pub use text::render;
pub use validate::{has_errors, validate, Finding, Severity};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A chatbot running in a conversation: which flow version, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotRun {
    pub chatbot_id: i64,
    pub version: i64,
    /// The chatbot's name, shown as the author of its messages.
    pub name: String,
    pub state: BotState,
    /// The latest bot message asked to hide the visitor's text field.
    #[serde(default)]
    pub text_disabled: bool,
    /// A draft tried out from the editor (version 0): never metered.
    #[serde(default)]
    pub preview: bool,
    /// How the bot entered the conversation (§7.1).
    #[serde(default)]
    pub reason: crate::metering::CountReason,
    /// The conversation was counted as a chatbot conversation.
    #[serde(default)]
    pub counted: bool,
    /// How it ended, fixed when the conversation closed.
    #[serde(default)]
    pub outcome: Option<crate::metering::Outcome>,
}

/// A chatbot of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chatbot {
    pub id: i64,
    pub account_id: crate::ids::AccountId,
    pub name: String,
    pub language: String,
    /// Lower comes first when several chatbots match.
    pub position: i64,
    pub enabled: bool,
    /// The flow being edited, as JSON.
    pub draft: String,
    pub published_version: Option<i64>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// The document version this build reads.
pub const FLOW_VERSION: u32 = 1;
/// Largest flow document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024;
/// Most nodes in one flow.
pub const MAX_NODES: usize = 500;
/// Most buttons on one node.
pub const MAX_BUTTONS: usize = 10;
/// Longest text of a node.
pub const MAX_TEXT_CHARS: usize = 2000;

/// A chatbot flow document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Document format version; must be [`FLOW_VERSION`].
    pub version: u32,
    /// The chatbot's name, shown to agents.
    #[serde(default)]
    pub name: String,
    /// The chatbot's language (a BCP 47 tag such as `en` or `de`).
    pub language: String,
    /// The node shown when the chatbot triggers: the welcome message.
    pub start: String,
    /// Hide the visitor's text field for the whole flow (buttons only).
    #[serde(default)]
    pub disable_text_field: bool,
    /// When the chatbot enters a conversation (§5 "When"); by default it greets on the page.
    #[serde(default)]
    pub trigger: Trigger,
    /// Where and for whom it runs (§5 conditions); none means everywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub conditions: Option<crate::targeting::Condition>,
    /// How often it may greet the same visitor (§5 "Behavior").
    #[serde(default)]
    pub behavior: Behavior,
    /// The nodes by id.
    pub nodes: BTreeMap<String, Node>,
}

/// The delay after landing when a flow names none (§5 "When").
pub const DEFAULT_DELAY_SECS: u32 = 5;

fn default_delay() -> u32 {
    DEFAULT_DELAY_SECS
}

/// When a chatbot enters a conversation (§5 "When"). The page-view triggers (`page`,
/// `scroll`, `exit_intent`, `returning_visit`, `event`) are timed by the chat box once the
/// server has said the chatbot may run; the others are decided by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "when", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// It greets the visitor `seconds` after landing on the page (default 5 s).
    Page {
        #[serde(default = "default_delay")]
        seconds: u32,
    },
    /// It greets once the visitor has scrolled `percent` of the page.
    Scroll { percent: u8 },
    /// It greets when the visitor is about to leave: the mouse leaves through the top of the
    /// window on a desktop; on a phone, scrolling back up quickly after reading down.
    ExitIntent,
    /// Like `page`, but only on a returning visit (the visitor's second visit or later).
    ReturningVisit {
        #[serde(default = "default_delay")]
        seconds: u32,
    },
    /// It greets when the page fires `Frontdesk('event', name)`.
    Event { name: String },
    /// It joins a conversation whose visitor got no agent reply within `seconds` (the bot
    /// *joins*, e.g. to offer leaving an e-mail when the team is busy).
    NoReply { seconds: u32 },
    /// It takes over when an agent closes the conversation (the bot *finishes* it, e.g. with
    /// a short survey), and closes it when its part ends.
    AgentClosed,
}

impl Default for Trigger {
    fn default() -> Self {
        Self::Page {
            seconds: DEFAULT_DELAY_SECS,
        }
    }
}

impl Trigger {
    /// Whether the chatbot starts a conversation on a page view (timed by the chat box),
    /// rather than entering one that is under way.
    pub fn on_page_view(&self) -> bool {
        !matches!(self, Self::NoReply { .. } | Self::AgentClosed)
    }
}

/// How often a page-view chatbot may greet the same visitor (§5 "Behavior").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ShowRule {
    /// Once per visit: again after 30 minutes away.
    #[default]
    OncePerSession,
    /// Once, ever, per visitor (browser).
    OncePerVisitor,
    /// On every page view.
    EveryPageView,
}

/// The behaviour rules of a chatbot (§5 "Behavior"). The chatbot never greets while a chat
/// is going on; the text field switch is the flow's `disable_text_field`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Behavior {
    #[serde(default)]
    pub show: ShowRule,
}

impl ShowRule {
    /// Whether a chatbot last shown in visit `last_shown` (none: never) may greet again in
    /// visit `visit` of the same visitor.
    pub fn allows(self, last_shown: Option<i64>, visit: i64) -> bool {
        match (self, last_shown) {
            (_, None) | (Self::EveryPageView, _) => true,
            (Self::OncePerVisitor, Some(_)) => false,
            (Self::OncePerSession, Some(shown)) => shown < visit,
        }
    }
}

/// One step of a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Node {
    /// Says something and moves on.
    Message {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        link: Option<String>,
        next: Option<String>,
        #[serde(default)]
        disable_text_field: bool,
    },
    /// Asks a question with choices, each leading to a node.
    Buttons {
        text: String,
        buttons: Vec<Button>,
        #[serde(default)]
        disable_text_field: bool,
    },
    /// Asks for a value and checks it, repeating `retry` until it is valid.
    Collect {
        text: String,
        field: CollectField,
        /// For `text`: the variable that keeps the answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        variable: Option<String>,
        retry: String,
        next: String,
    },
    /// Tags the conversation, sets a contact field or a variable, and moves on.
    Set {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        variable: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<ContactField>,
        #[serde(default)]
        value: String,
        next: String,
    },
    /// Branches on an attribute.
    Condition {
        when: Condition,
        then: String,
        #[serde(rename = "else")]
        otherwise: String,
    },
    /// Hands the conversation to the team (§4.1).
    Handover { text: String },
    /// The bot's part is done.
    End { text: String },
    /// Jumps to another node ("back to menu").
    Goto { next: String },
}

/// A choice on a buttons node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Button {
    /// Stable id, unique within the node.
    pub id: String,
    pub label: String,
    pub next: String,
}

/// What a collect node asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CollectField {
    Email,
    Phone,
    Name,
    Text,
}

/// A contact field a set node can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    Name,
    Email,
    Phone,
}

/// A test on one attribute of the conversation's context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// `agents_online`, `within_office_hours`, `language`, `contact.email`, `var.NAME` …
    pub attribute: String,
    pub op: ConditionOp,
    #[serde(default)]
    pub value: serde_json::Value,
}

/// Operators of flow conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConditionOp {
    Eq,
    NotEq,
    Contains,
    IsSet,
    IsNotSet,
}

/// Why a flow document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the flow document is larger than {max} bytes")]
    TooLarge { max: usize },
    #[error("the flow document is not valid {format}: {message}")]
    Syntax {
        format: &'static str,
        message: String,
    },
    #[error("this build reads flow version {FLOW_VERSION}, the document says {0}")]
    Version(u32),
}

impl Flow {
    /// Reads a flow from JSON or YAML (JSON if it starts with `{`).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(ParseError::TooLarge {
                max: MAX_DOCUMENT_BYTES,
            });
        }
        let flow: Flow = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| ParseError::Syntax {
                format: "JSON",
                message: e.to_string(),
            })?
        } else {
            serde_yaml_ng::from_str(text).map_err(|e| ParseError::Syntax {
                format: "YAML",
                message: e.to_string(),
            })?
        };
        if flow.version != FLOW_VERSION {
            return Err(ParseError::Version(flow.version));
        }
        Ok(flow)
    }

    /// The flow as JSON, the stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id)
    }
}

impl Node {
    /// The ids of the nodes this one can lead to.
    pub fn targets(&self) -> Vec<&str> {
        match self {
            Node::Message { next, .. } => next.as_deref().into_iter().collect(),
            Node::Buttons { buttons, .. } => buttons.iter().map(|b| b.next.as_str()).collect(),
            Node::Collect { next, .. } | Node::Set { next, .. } | Node::Goto { next } => {
                vec![next.as_str()]
            }
            Node::Condition {
                then, otherwise, ..
            } => vec![then.as_str(), otherwise.as_str()],
            Node::Handover { .. } | Node::End { .. } => Vec::new(),
        }
    }

    /// Whether the bot's part ends here.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Node::Handover { .. } | Node::End { .. })
    }

    /// The kind's name, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Message { .. } => "message",
            Node::Buttons { .. } => "buttons",
            Node::Collect { .. } => "collect",
            Node::Set { .. } => "set",
            Node::Condition { .. } => "condition",
            Node::Handover { .. } => "handover",
            Node::End { .. } => "end",
            Node::Goto { .. } => "goto",
        }
    }
}

/// The JSON Schema of flow documents, as published in `docs/flow.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Flow);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
