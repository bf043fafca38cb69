//! Frames of the visitor endpoint.

use super::{ConversationRef, Identify, PageInfo, WireMessage};
use serde::{Deserialize, Serialize};

/// What a visitor's chat box sends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum VisitorIn {
    Hello {
        #[serde(default)]
        v: u32,
        token: Option<String>,
        conversation_id: Option<i64>,
        #[serde(default)]
        last_seq: i64,
        #[serde(default)]
        page: PageInfo,
        language: Option<String>,
        device: Option<String>,
    },
    Send {
        client_id: String,
        body: String,
    },
    Typing {
        on: bool,
    },
    Read {
        seq: i64,
    },
    Identify(Identify),
    Page {
        #[serde(default)]
        url: String,
        #[serde(default)]
        title: String,
    },
    Offline {
        client_id: String,
        email: String,
        #[serde(default)]
        name: String,
        body: String,
    },
    End,
    Rate {
        score: i64,
        #[serde(default)]
        comment: String,
    },
    Transcript {
        email: String,
    },
    /// Start the chatbot for this page view; with a preview token, the chatbot's draft.
    Trigger {
        #[serde(default)]
        preview: Option<String>,
        /// The offered chatbot whose timing came; none: the first one not waiting for an
        /// event (the visitor opened the box, or the page called `Frontdesk('trigger')`).
        #[serde(default)]
        chatbot_id: Option<i64>,
    },
    /// A custom event from the page (`Frontdesk('event', name, data)`). The chat box times
    /// event-triggered chatbots itself; the server accepts the frame and keeps nothing yet.
    Event {
        name: String,
        #[serde(default)]
        data: serde_json::Value,
    },
    /// The greeting offered in `welcome` is due.
    Greet {
        kind: String,
    },
    /// A click on a bot button.
    Click {
        conversation_id: i64,
        node: String,
        button: String,
    },
    Ping,
}

/// An automatic greeting the chat box should ask for when its time comes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Greeting {
    pub kind: &'static str,
    pub delay_ms: i64,
}

/// A chatbot that may greet on this page view, and when (§5): the chat box applies the timing
/// and then sends `trigger` with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChatbotOffer {
    pub id: i64,
    #[serde(flatten)]
    pub trigger: crate::flow::Trigger,
}

/// What the server sends to a visitor's chat box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum VisitorOut {
    Welcome {
        v: u32,
        token: String,
        visitor_id: String,
        conversation: Option<ConversationRef>,
        messages: Vec<WireMessage>,
        agents_online: bool,
        reset: bool,
        /// A greeting to show after `delay_ms` unless a conversation starts first.
        #[serde(skip_serializing_if = "Option::is_none")]
        greeting: Option<Greeting>,
        /// The chatbots that may greet on this page view, in the order they take precedence.
        chatbots: Vec<ChatbotOffer>,
    },
    /// The chatbots that may greet after the page changed without a reload.
    Chatbots {
        chatbots: Vec<ChatbotOffer>,
    },
    Ack {
        client_id: String,
        message: WireMessage,
    },
    Message {
        message: WireMessage,
    },
    Typing {
        on: bool,
        name: String,
    },
    Status {
        conversation: ConversationRef,
    },
    Presence {
        agents_online: bool,
    },
    Read {
        seq: i64,
    },
    Pong,
    Error {
        code: String,
        message: String,
        /// The refused message's id, so the chat box can mark it failed or retry it.
        #[serde(skip_serializing_if = "Option::is_none")]
        client_id: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{parse_frame, FrameError};

    #[test]
    fn frames_parse_or_say_why_not() {
        let hello: VisitorIn = parse_frame(r#"{"type":"hello","v":1,"token":null}"#).unwrap();
        assert!(matches!(hello, VisitorIn::Hello { last_seq: 0, .. }));
        let send: VisitorIn =
            parse_frame(r#"{"type":"send","client_id":"c1","body":"Hi","extra":1}"#).unwrap();
        assert_eq!(
            send,
            VisitorIn::Send {
                client_id: "c1".into(),
                body: "Hi".into()
            }
        );
        let cases = [
            ("not json", FrameError::Malformed),
            ("[1,2]", FrameError::Malformed),
            (r#"{"type":"send"}"#, FrameError::Malformed),
            (
                r#"{"type":"send","client_id":5,"body":"x"}"#,
                FrameError::Malformed,
            ),
            (
                r#"{"type":"dance"}"#,
                FrameError::UnknownType("dance".into()),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                parse_frame::<VisitorIn>(text).unwrap_err(),
                expected,
                "{text}"
            );
        }
        let huge = format!(
            r#"{{"type":"send","client_id":"c","body":"{}"}}"#,
            "x".repeat(20_000)
        );
        assert_eq!(
            parse_frame::<VisitorIn>(&huge).unwrap_err(),
            FrameError::TooLarge
        );
    }

    #[test]
    fn outgoing_frames_carry_their_type() {
        let text = serde_json::to_string(&VisitorOut::Pong).unwrap();
        assert_eq!(text, r#"{"type":"pong"}"#);
    }
}
