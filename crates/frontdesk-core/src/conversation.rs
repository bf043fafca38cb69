//! Conversations, messages and visitors (§3): the shapes and the rules of their lifecycle.

use crate::{
    ids::{AccountId, AgentId},
    ValidationError,
};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, fmt, str::FromStr};

/// Longest message body accepted, in characters.
pub const MAX_BODY_CHARS: usize = 4000;
/// Longest client-generated message id.
pub const MAX_CLIENT_ID_CHARS: usize = 64;
/// Longest tag.
pub const MAX_TAG_CHARS: usize = 40;

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? } $err:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),* }

        impl $name {
            /// The stored and wire name.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }
        }

        impl FromStr for $name {
            type Err = ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($text => Ok(Self::$variant),)* _ => Err($err(s.to_owned())) }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// Where a conversation stands (§3).
    ConversationStatus {
        Bot = "bot",
        Open = "open",
        Served = "served",
        Closed = "closed",
    } ValidationError::Status
);

string_enum!(
    /// Who wrote a message.
    AuthorKind {
        Visitor = "visitor",
        Agent = "agent",
        Bot = "bot",
        System = "system",
    } ValidationError::Status
);

string_enum!(
    /// What a message is: text, an internal note, or a recorded event.
    MessageKind {
        Message = "message",
        Note = "note",
        Event = "event",
    } ValidationError::Status
);

string_enum!(
    /// An agent's chosen availability.
    Presence {
        Online = "online",
        Away = "away",
        Offline = "offline",
    } ValidationError::Status
);

/// A message body: trimmed, non-empty, at most [`MAX_BODY_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    /// Checks a body typed by a visitor or an agent.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ValidationError::EmptyMessage);
        }
        // PostgreSQL text cannot hold a NUL character: refuse it here rather than fail there.
        if trimmed.contains('\0') {
            return Err(ValidationError::NulCharacter);
        }
        if trimmed.chars().count() > MAX_BODY_CHARS {
            return Err(ValidationError::MessageTooLong {
                max: MAX_BODY_CHARS,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A client-generated message id, so a retry of the same message is recognized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientId(String);

impl ClientId {
    /// 1 to 64 printable ASCII characters.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.is_empty()
            || raw.len() > MAX_CLIENT_ID_CHARS
            || !raw.chars().all(|c| c.is_ascii_graphic())
        {
            return Err(ValidationError::ClientId);
        }
        Ok(Self(raw.to_owned()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A conversation tag: trimmed, lower-cased, 1 to 40 characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tag(String);

impl Tag {
    /// Normalizes a tag typed by an agent.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        // Counted as typed: lower-casing may lengthen a few letters (İ), which must not
        // turn an accepted length into a refusal.
        let typed = raw.trim();
        let chars = typed.chars().count();
        if chars == 0 || chars > MAX_TAG_CHARS || typed.chars().any(char::is_control) {
            return Err(ValidationError::Tag);
        }
        Ok(Self(typed.to_lowercase()))
    }

    /// The tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A page the visitor saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageView {
    pub url: String,
    pub title: String,
    pub at: i64,
}

/// How many page views a visitor record keeps.
pub const MAX_PAGES_KEPT: usize = 30;
/// Longest URL or title kept.
pub const MAX_PAGE_TEXT: usize = 500;

/// Cuts text to `max` characters, for values that are shown but not worth refusing.
pub fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// An anonymous browser, or a contact once a name, e-mail or phone is known (§1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Visitor {
    pub id: String,
    pub account_id: AccountId,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Option<String>,
    pub device: Option<String>,
    pub group: Option<String>,
    pub variables: BTreeMap<String, String>,
    pub current_url: Option<String>,
    pub current_title: Option<String>,
    pub pages: Vec<PageView>,
    pub visit_count: i64,
    /// Where the current visit came from (`document.referrer` of its first page).
    pub referrer: Option<String>,
    /// ISO 3166 country code, when the operator provides a way to know it (§5).
    pub country: Option<String>,
    /// Chatbot id → the visit in which it last greeted this visitor (behaviour rules).
    pub bots_shown: BTreeMap<i64, i64>,
    pub banned: bool,
    pub created_at_ms: i64,
    pub last_seen_at_ms: i64,
}

impl Visitor {
    /// Whether the visitor has become a contact.
    pub fn is_contact(&self) -> bool {
        self.name.is_some() || self.email.is_some() || self.phone.is_some()
    }
}

/// Contact data and context from the JS API or a form; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactUpdate {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Option<String>,
    pub group: Option<String>,
    pub variables: BTreeMap<String, String>,
}

/// A conversation between one visitor and the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conversation {
    pub id: i64,
    pub account_id: AccountId,
    pub visitor_id: String,
    pub status: ConversationStatus,
    pub assigned_agent_id: Option<AgentId>,
    pub tags: Vec<String>,
    pub important: bool,
    /// Highest message sequence number so far.
    pub last_seq: i64,
    /// The team has read up to here.
    pub agent_read_seq: i64,
    /// The visitor has read up to here.
    pub visitor_read_seq: i64,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub last_message_at_ms: i64,
    pub closed_at_ms: Option<i64>,
    /// The chatbot running in this conversation, with the flow version it started with.
    pub bot: Option<crate::flow::BotRun>,
    /// The visitor wrote, clicked or answered: only then is it shown in the inbox (§3).
    pub visitor_acted: bool,
}

impl Conversation {
    /// Whether a chat is going on that a new greeting or chatbot must not interrupt: not
    /// closed, and the visitor took part or a chatbot is still running (an unanswered
    /// greeting from an earlier visit does not count).
    pub fn is_going(&self) -> bool {
        let bot_running = self.bot.as_ref().is_some_and(|b| !b.state.finished);
        self.status != ConversationStatus::Closed && (self.visitor_acted || bot_running)
    }

    /// Whether the chat box must hide its text field now.
    pub fn text_disabled(&self) -> bool {
        self.status == ConversationStatus::Bot
            && self
                .bot
                .as_ref()
                .is_some_and(|b| b.text_disabled && !b.state.finished)
    }
}

/// The clicked button that a visitor message records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenButton {
    pub node: String,
    pub button: String,
}

/// What a bot message or a recorded click carries besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagePayload {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<crate::flow::Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<ChosenButton>,
    /// Set on automatic messages (§4.3), which never make a chatbot conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto: Option<crate::auto::AutoKind>,
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub conversation_id: i64,
    pub seq: i64,
    pub author: AuthorKind,
    pub author_agent_id: Option<AgentId>,
    pub author_name: Option<String>,
    pub kind: MessageKind,
    pub body: String,
    /// For events: `joined`, `closed`, `tagged` …
    pub event: Option<String>,
    pub client_id: Option<String>,
    pub payload: Option<MessagePayload>,
    pub created_at_ms: i64,
}

/// A message about to be stored.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub author: AuthorKind,
    pub author_agent_id: Option<AgentId>,
    pub author_name: Option<String>,
    pub kind: MessageKind,
    pub body: String,
    pub event: Option<String>,
    pub client_id: Option<ClientId>,
    pub payload: Option<MessagePayload>,
    /// A visitor's answer to a bot question: the bot keeps the conversation.
    pub answers_bot: bool,
}

impl NewMessage {
    /// A plain message with no payload.
    pub fn text(author: AuthorKind, kind: MessageKind, body: &str) -> Self {
        Self {
            author,
            author_agent_id: None,
            author_name: None,
            kind,
            body: body.to_owned(),
            event: None,
            client_id: None,
            payload: None,
            answers_bot: false,
        }
    }
}

impl NewMessage {
    /// A recorded event (joined, closed, tagged …) with a short detail.
    pub fn event(event: &str, detail: &str, agent: Option<(AgentId, String)>) -> Self {
        let (author, author_agent_id, author_name) = match agent {
            Some((id, name)) => (AuthorKind::Agent, Some(id), Some(name)),
            None => (AuthorKind::System, None, None),
        };
        Self {
            author,
            author_agent_id,
            author_name,
            kind: MessageKind::Event,
            body: detail.to_owned(),
            event: Some(event.to_owned()),
            client_id: None,
            payload: None,
            answers_bot: false,
        }
    }
}

/// The status a conversation moves to when a message is added (§3): an agent's reply serves
/// an open conversation; a visitor writing to the team while the bot runs escalates it,
/// unless the message answers the bot's question; nothing reopens a closed one (a visitor
/// message after closing starts a new conversation instead).
pub fn status_after_message(
    current: ConversationStatus,
    author: AuthorKind,
    kind: MessageKind,
    answers_bot: bool,
) -> ConversationStatus {
    use ConversationStatus::*;
    match (current, author, kind) {
        (Closed, _, _) => Closed,
        (Open | Bot, AuthorKind::Agent, MessageKind::Message) => Served,
        (Bot, AuthorKind::Visitor, MessageKind::Message) if !answers_bot => Open,
        (status, _, _) => status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_trimmed_and_bounded() {
        assert_eq!(MessageBody::parse("  hi \n").unwrap().as_str(), "hi");
        assert!(MessageBody::parse(" \n ").is_err());
        assert!(
            MessageBody::parse("a\0b").is_err(),
            "PostgreSQL cannot store NUL"
        );
        assert!(MessageBody::parse(&"é".repeat(MAX_BODY_CHARS)).is_ok());
        assert!(MessageBody::parse(&"é".repeat(MAX_BODY_CHARS + 1)).is_err());
    }

    #[test]
    fn client_ids_are_short_printable_tokens() {
        assert!(ClientId::parse("c-0123456789abcdef").is_ok());
        for bad in ["", "with space", &"x".repeat(65), "ü"] {
            assert!(ClientId::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn statuses_follow_the_inbox_rules() {
        use AuthorKind as A;
        use ConversationStatus as S;
        use MessageKind as K;
        let cases = [
            (S::Open, A::Agent, K::Message, S::Served),
            (S::Open, A::Agent, K::Note, S::Open),
            (S::Open, A::Visitor, K::Message, S::Open),
            (S::Served, A::Visitor, K::Message, S::Served),
            (S::Bot, A::Visitor, K::Message, S::Open),
            (S::Bot, A::Bot, K::Message, S::Bot),
            (S::Closed, A::Agent, K::Message, S::Closed),
            (S::Closed, A::Visitor, K::Message, S::Closed),
        ];
        for (from, author, kind, to) in cases {
            assert_eq!(
                status_after_message(from, author, kind, false),
                to,
                "{from} {author} {kind}"
            );
        }
        assert_eq!(
            status_after_message(S::Bot, A::Visitor, K::Message, true),
            S::Bot,
            "answering the bot's question keeps the bot"
        );
    }

    #[test]
    fn tags_are_normalized() {
        assert_eq!(Tag::parse(" Billing ").unwrap().as_str(), "billing");
        assert!(Tag::parse("").is_err());
        assert!(Tag::parse(&"t".repeat(41)).is_err());
    }
}
