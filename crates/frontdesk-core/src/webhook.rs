//! Webhooks (§9): which events exist, which an endpoint wants, which target addresses are
//! allowed, and what a receiver checks. Pure, so the rules are tested by tables; the server
//! signs, sends and retries (with [`crate::outbox`]).

use crate::ValidationError;
use std::net::IpAddr;

/// Longest webhook URL accepted.
pub const MAX_URL_LEN: usize = 2000;
/// Longest endpoint description accepted.
pub const MAX_DESCRIPTION_LEN: usize = 200;
/// The prefix of every endpoint secret, so a leaked one is recognizable.
pub const SECRET_PREFIX: &str = "whsec_";

/// What happened, as named in the `type` of a payload and the `Frontdesk-Event` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    ConversationCreated,
    ConversationEscalated,
    ConversationClosed,
    ConversationRated,
    MessageCreated,
    ContactUpdated,
    ChatbotConversationCounted,
    QuotaThreshold,
    /// A line was added to the billing ledger (add-on bought, renewed or reduced, plan
    /// changed).
    BillingLedgerEntry,
    /// A test event sent on request; it reaches the one endpoint it was sent to.
    Ping,
}

impl EventType {
    /// Every event an endpoint can subscribe to.
    pub const ALL: [EventType; 10] = [
        EventType::ConversationCreated,
        EventType::ConversationEscalated,
        EventType::ConversationClosed,
        EventType::ConversationRated,
        EventType::MessageCreated,
        EventType::ContactUpdated,
        EventType::ChatbotConversationCounted,
        EventType::QuotaThreshold,
        EventType::BillingLedgerEntry,
        EventType::Ping,
    ];

    /// The stable name (`message.created`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ConversationCreated => "conversation.created",
            Self::ConversationEscalated => "conversation.escalated",
            Self::ConversationClosed => "conversation.closed",
            Self::ConversationRated => "conversation.rated",
            Self::MessageCreated => "message.created",
            Self::ContactUpdated => "contact.updated",
            Self::ChatbotConversationCounted => "chatbot_conversation.counted",
            Self::QuotaThreshold => "quota.threshold",
            Self::BillingLedgerEntry => "billing.ledger_entry",
            Self::Ping => "ping",
        }
    }

    /// The event with this name.
    pub fn parse(name: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|e| e.as_str() == name)
            .ok_or_else(|| ValidationError::WebhookEvent(name.to_owned()))
    }
}

/// The events an endpoint receives: all of them, or those listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventFilter {
    All,
    Only(Vec<EventType>),
}

impl EventFilter {
    /// Reads a list of names; `*` (or an empty list) means every event. Duplicates collapse.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Self, ValidationError> {
        let mut only = Vec::new();
        for name in names {
            let name = name.as_ref().trim();
            if name == "*" {
                return Ok(Self::All);
            }
            only.push(EventType::parse(name)?);
        }
        if only.is_empty() {
            return Ok(Self::All);
        }
        only.sort();
        only.dedup();
        Ok(Self::Only(only))
    }

    /// Whether an endpoint with this filter receives `event`.
    pub fn wants(&self, event: EventType) -> bool {
        match self {
            Self::All => true,
            Self::Only(events) => events.contains(&event),
        }
    }

    /// The names, `["*"]` for all: what the API shows and the store keeps.
    pub fn names(&self) -> Vec<String> {
        match self {
            Self::All => vec!["*".into()],
            Self::Only(events) => events.iter().map(|e| e.as_str().to_owned()).collect(),
        }
    }
}

/// A receiver's URL: `http` or `https`, with a host, no credentials, not too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl(url::Url);

impl WebhookUrl {
    /// Parses and checks the form of a URL (where it points is checked when it is resolved).
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let invalid = ValidationError::WebhookUrl { max: MAX_URL_LEN };
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > MAX_URL_LEN {
            return Err(invalid);
        }
        let url = url::Url::parse(raw).map_err(|_| invalid.clone())?;
        let scheme_ok = matches!(url.scheme(), "http" | "https");
        let has_host = url.host_str().is_some_and(|h| !h.is_empty());
        // Credentials in a URL would be shown in the dashboard and logs: use the secret.
        let no_credentials = url.username().is_empty() && url.password().is_none();
        if !(scheme_ok && has_host && no_credentials) || url.as_str().len() > MAX_URL_LEN {
            return Err(invalid);
        }
        Ok(Self(url))
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The parsed URL.
    pub fn url(&self) -> &url::Url {
        &self.0
    }
}

/// An endpoint's description: free text, at most [`MAX_DESCRIPTION_LEN`] characters.
pub fn parse_description(raw: &str) -> Result<String, ValidationError> {
    let text = raw.trim();
    if text.chars().count() > MAX_DESCRIPTION_LEN || text.contains('\0') {
        return Err(ValidationError::DescriptionLength {
            max: MAX_DESCRIPTION_LEN,
        });
    }
    Ok(text.to_owned())
}

/// Whether an address is inside the installation's own network rather than on the public
/// internet: loopback, private, link-local (cloud metadata lives there), carrier-grade NAT,
/// unspecified, multicast, broadcast, documentation ranges. A webhook there could reach
/// services the operator never meant to expose, so it is refused unless allowed.
pub fn is_private_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private_address(IpAddr::V4(v4));
            }
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || v6.is_unique_local()
                || v6.is_unicast_link_local()
                // 2001:db8::/32, for documentation.
                || (v6.segments()[0] == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// The text a signature covers: the timestamp, a dot, the raw body. Binding the timestamp
/// lets a receiver refuse an old request replayed by someone who recorded it.
pub fn signed_text(timestamp_secs: i64, body: &str) -> String {
    format!("{timestamp_secs}.{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names_round_trip() {
        for event in EventType::ALL {
            assert_eq!(EventType::parse(event.as_str()), Ok(event));
        }
        assert!(EventType::parse("message.deleted").is_err());
    }

    #[test]
    fn filters_read_lists_and_stars() {
        let cases: [(&[&str], Option<EventFilter>); 6] = [
            (&["*"], Some(EventFilter::All)),
            (&[], Some(EventFilter::All)),
            (&["message.created", "*"], Some(EventFilter::All)),
            (
                &["message.created", "conversation.closed", "message.created"],
                Some(EventFilter::Only(vec![
                    EventType::ConversationClosed,
                    EventType::MessageCreated,
                ])),
            ),
            (&["message.created", "nope"], None),
            (&[""], None),
        ];
        for (names, expected) in cases {
            assert_eq!(EventFilter::parse(names).ok(), expected, "{names:?}");
        }
        let only = EventFilter::parse(&["conversation.closed"]).unwrap();
        assert!(only.wants(EventType::ConversationClosed));
        assert!(!only.wants(EventType::MessageCreated));
        assert!(EventFilter::All.wants(EventType::QuotaThreshold));
        assert_eq!(only.names(), vec!["conversation.closed"]);
    }

    #[test]
    fn urls_must_be_http_with_a_host_and_no_credentials() {
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL_LEN));
        let cases = [
            ("https://hooks.example.com/frontdesk", true),
            ("http://10.0.0.1:8080/x?y=1", true),
            ("  https://example.com  ", true),
            ("ftp://example.com/", false),
            ("javascript:alert(1)", false),
            ("https://", false),
            ("https://user:pw@example.com/", false),
            ("example.com/hook", false),
            ("", false),
            (long.as_str(), false),
        ];
        for (raw, ok) in cases {
            assert_eq!(WebhookUrl::parse(raw).is_ok(), ok, "{raw}");
        }
    }

    #[test]
    fn private_addresses_are_recognized() {
        let cases = [
            ("127.0.0.1", true),
            ("10.1.2.3", true),
            ("172.16.0.1", true),
            ("192.168.1.1", true),
            ("169.254.169.254", true),
            ("100.64.0.1", true),
            ("0.0.0.0", true),
            ("224.0.0.1", true),
            ("::1", true),
            ("::", true),
            ("fd00::1", true),
            ("fe80::1", true),
            ("::ffff:127.0.0.1", true),
            ("::ffff:10.0.0.1", true),
            ("93.184.216.34", false),
            ("8.8.8.8", false),
            ("172.32.0.1", false),
            ("2606:4700::1111", false),
        ];
        for (ip, private) in cases {
            assert_eq!(
                is_private_address(ip.parse().unwrap()),
                private,
                "{ip} private?"
            );
        }
    }

    #[test]
    fn descriptions_are_short_text() {
        assert_eq!(parse_description("  CRM  ").unwrap(), "CRM");
        assert!(parse_description(&"x".repeat(MAX_DESCRIPTION_LEN + 1)).is_err());
        assert!(parse_description("a\0b").is_err());
    }
}
