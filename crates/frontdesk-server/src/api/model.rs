//! What the API sends and accepts. Field names are the API's contract; times are
//! milliseconds since the Unix epoch.

use frontdesk_core::{
    agent::Agent,
    conversation::{Conversation, ConversationStatus, Message},
    flow::Chatbot,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A conversation (§3).
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationOut {
    pub id: i64,
    /// bot, open, served or closed.
    pub status: String,
    pub visitor_id: String,
    pub assigned_agent_id: Option<i64>,
    pub tags: Vec<String>,
    pub important: bool,
    /// Sequence number of the latest message.
    pub last_seq: i64,
    pub rating: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
}

impl From<&Conversation> for ConversationOut {
    fn from(c: &Conversation) -> Self {
        Self {
            id: c.id,
            status: c.status.as_str().to_owned(),
            visitor_id: c.visitor_id.clone(),
            assigned_agent_id: c.assigned_agent_id.map(|a| a.0),
            tags: c.tags.clone(),
            important: c.important,
            last_seq: c.last_seq,
            rating: c.rating,
            created_at: c.created_at_ms,
            updated_at: c.updated_at_ms,
            closed_at: c.closed_at_ms,
        }
    }
}

/// One message of a transcript.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageOut {
    pub id: i64,
    pub seq: i64,
    /// visitor, agent, bot or system.
    pub author: String,
    pub author_agent_id: Option<i64>,
    pub author_name: Option<String>,
    /// message, note (internal) or event.
    pub kind: String,
    pub body: String,
    /// For events: joined, transferred, tagged, closed …
    pub event: Option<String>,
    pub created_at: i64,
}

impl From<&Message> for MessageOut {
    fn from(m: &Message) -> Self {
        Self {
            id: m.id,
            seq: m.seq,
            author: m.author.as_str().to_owned(),
            author_agent_id: m.author_agent_id.map(|a| a.0),
            author_name: m.author_name.clone(),
            kind: m.kind.as_str().to_owned(),
            body: m.body.clone(),
            event: m.event.clone(),
            created_at: m.created_at_ms,
        }
    }
}

/// One page of conversations.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationPage {
    pub conversations: Vec<ConversationOut>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A conversation with its transcript.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationDetail {
    pub conversation: ConversationOut,
    pub messages: Vec<MessageOut>,
}

/// Filters and paging of the conversation list.
/// A conversation status (§3).
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StatusParam {
    Bot,
    Open,
    Served,
    Closed,
}

impl From<StatusParam> for ConversationStatus {
    fn from(s: StatusParam) -> Self {
        match s {
            StatusParam::Bot => Self::Bot,
            StatusParam::Open => Self::Open,
            StatusParam::Served => Self::Served,
            StatusParam::Closed => Self::Closed,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ConversationFilter {
    /// Only conversations in this status.
    #[param(inline)]
    pub status: Option<StatusParam>,
    /// Only conversations assigned to this agent.
    pub agent_id: Option<i64>,
    /// Only conversations with this tag.
    #[param(
        min_length = 1,
        max_length = 40,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    pub tag: Option<String>,
    /// Page size (default 25).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page, as it was returned.
    #[param(pattern = "^63313a(3[0-9]){1,18}$")]
    pub cursor: Option<String>,
}

/// A reply to the visitor or an internal note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessageIn {
    /// The text: up to 4000 characters, not only white space, no NUL.
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = "^[^\\x00]*[^\\s\\x85\\x00][^\\x00]*$"
    )]
    pub body: String,
    /// An internal note, never shown to the visitor (default false).
    #[serde(default)]
    pub note: bool,
    /// Send as this agent (who joins the conversation if nobody is assigned); without it
    /// the message is signed with the API key's name.
    #[serde(default, deserialize_with = "whole_number")]
    pub agent_id: Option<i64>,
}

/// An optional integer that may be written as `12` or `12.0`: JSON Schema counts both as
/// integers, so clients generated from the document may send either.
fn whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let Some(number) = Option::<serde_json::Number>::deserialize(d)? else {
        return Ok(None);
    };
    if let Some(n) = number.as_i64() {
        return Ok(Some(n));
    }
    match number.as_f64() {
        Some(f) if f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64 => {
            Ok(Some(f as i64))
        }
        _ => Err(serde::de::Error::custom(format!(
            "{number} is not a whole number in range"
        ))),
    }
}

/// A tag to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TagIn {
    /// Up to 40 characters, not only white space; stored in lower case.
    #[schema(
        min_length = 1,
        max_length = 40,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    pub tag: String,
}

/// Whom to assign the conversation to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignIn {
    /// An agent of the account, or null for nobody.
    #[serde(default, deserialize_with = "whole_number")]
    pub agent_id: Option<i64>,
}

/// An agent (§1).
#[derive(Debug, Serialize, ToSchema)]
pub struct AgentOut {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// owner, admin or agent.
    pub role: String,
    /// active or inactive.
    pub state: String,
    /// online, away or offline (as chosen).
    pub presence: String,
    pub created_at: i64,
}

impl From<&Agent> for AgentOut {
    fn from(a: &Agent) -> Self {
        Self {
            id: a.id.0,
            name: a.name.to_string(),
            email: a.email.to_string(),
            role: a.role.as_str().to_owned(),
            state: a.state.as_str().to_owned(),
            presence: a.presence.as_str().to_owned(),
            created_at: a.created_at_ms,
        }
    }
}

/// A chatbot (§4).
#[derive(Debug, Serialize, ToSchema)]
pub struct ChatbotOut {
    pub id: i64,
    pub name: String,
    pub language: String,
    /// Lower comes first when several chatbots match.
    pub position: i64,
    pub enabled: bool,
    /// The live version, if published.
    pub published_version: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl From<&Chatbot> for ChatbotOut {
    fn from(c: &Chatbot) -> Self {
        Self {
            id: c.id,
            name: c.name.clone(),
            language: c.language.clone(),
            position: c.position,
            enabled: c.enabled,
            published_version: c.published_version,
            created_at: c.created_at_ms,
            updated_at: c.updated_at_ms,
        }
    }
}

/// A chatbot with the flow being edited. Its `ETag` header versions the draft: send it
/// back as `If-Match` when saving an edit.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChatbotDetail {
    pub chatbot: ChatbotOut,
    /// The draft flow document (see docs/flows.md).
    #[schema(value_type = Object)]
    pub draft: serde_json::Value,
    /// What validation says about the draft; errors prevent publishing.
    pub findings: Vec<FindingOut>,
}

/// One problem in a flow.
#[derive(Debug, Serialize, ToSchema)]
pub struct FindingOut {
    /// error (prevents publishing) or warning.
    pub severity: String,
    /// The node concerned, if any.
    pub node: Option<String>,
    pub message: String,
}

impl From<&frontdesk_core::flow::Finding> for FindingOut {
    fn from(f: &frontdesk_core::flow::Finding) -> Self {
        let error = f.severity == frontdesk_core::flow::Severity::Error;
        Self {
            severity: if error { "error" } else { "warning" }.to_owned(),
            node: f.node.clone(),
            message: f.message.clone(),
        }
    }
}

/// A new chatbot: from a shipped template (blank by default) or from a flow document.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewChatbotIn {
    /// Shown in the dashboard; by default the flow's name.
    #[schema(max_length = 120)]
    pub name: Option<String>,
    /// The chatbot's language; by default the document's, else the account's (if a chatbot
    /// language), else English.
    #[schema(inline)]
    pub language: Option<BotLanguage>,
    /// Start from this template; not together with `document`.
    #[schema(inline)]
    pub template: Option<TemplateName>,
    /// Start from this flow (see docs/flows.md), saved as the draft.
    pub document: Option<FlowDocument>,
}

/// A language chatbots can be made in.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum BotLanguage {
    En,
    De,
    Fr,
    Cs,
}

impl BotLanguage {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Cs => "cs",
        }
    }
}

/// A shipped starting point.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateName {
    Blank,
    FaqMenu,
    LeadCapture,
    OrderStatus,
}

impl TemplateName {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Blank => "blank",
            Self::FaqMenu => "faq-menu",
            Self::LeadCapture => "lead-capture",
            Self::OrderStatus => "order-status",
        }
    }
}

/// A flow document to check or save.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowIn {
    pub document: FlowDocument,
}

/// A flow (see docs/flows.md): a JSON object, or its JSON or YAML text.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(untagged)]
pub enum FlowDocument {
    Object(std::collections::BTreeMap<String, serde_json::Value>),
    Text(String),
}

impl FlowDocument {
    /// The document as text the flow parser reads.
    pub fn text(&self) -> String {
        match self {
            Self::Object(map) => serde_json::to_string(map).unwrap_or_default(),
            Self::Text(text) => text.clone(),
        }
    }
}

/// What validation says about a flow document.
#[derive(Debug, Serialize, ToSchema)]
pub struct ValidationOut {
    /// Why the document is not a flow at all, if it is not.
    pub parse_error: Option<String>,
    /// Problems of a flow that parsed; errors prevent publishing.
    pub findings: Vec<FindingOut>,
}

/// Chatbot conversations this billing period (§7).
#[derive(Debug, Serialize, ToSchema)]
pub struct UsageOut {
    pub plan: String,
    pub period_start: i64,
    pub period_end: i64,
    /// The day the next period starts (YYYY-MM-DD).
    pub renews_on: String,
    pub used: i64,
    /// Absent when unlimited.
    pub limit: Option<i64>,
    /// Absent when unlimited.
    pub remaining: Option<i64>,
}
