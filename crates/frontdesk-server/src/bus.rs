//! The event bus: how a change made on one socket reaches the other sockets that care.
//! Events are published after they are stored (persist first, then publish). The in-process
//! bus serves one node; the NATS bus (`bus_nats.rs`) implements the same trait for several.

use frontdesk_core::{
    conversation::{Conversation, Message},
    ids::AccountId,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};
use tokio::sync::broadcast;

/// Who listens to an event: subjects in a NATS implementation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Topic {
    /// Everything the agents of an account see.
    Agents(AccountId),
    /// What the visitor of one conversation sees.
    Conversation(i64),
    /// What every visitor of an account sees (agents' availability).
    Visitors(AccountId),
    /// What one visitor's sockets must hear whatever conversation they show (a ban).
    Visitor(AccountId, String),
}

impl Topic {
    /// The NATS subject of the topic under `prefix`: one per account or conversation, so a
    /// node subscribes only to what its sockets need.
    pub fn subject(&self, prefix: &str) -> String {
        match self {
            Self::Agents(a) => format!("{prefix}.account.{}.agents", a.0),
            Self::Conversation(c) => format!("{prefix}.conversation.{c}"),
            Self::Visitors(a) => format!("{prefix}.account.{}.visitors", a.0),
            Self::Visitor(a, v) => {
                // Visitor ids are hex; anything else must not split or widen the subject.
                let token: String = v
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                format!("{prefix}.account.{}.visitor.{token}", a.0)
            }
        }
    }
}

/// Something that happened.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Event {
    /// A message was stored (notes only go to agents).
    Message(Box<Message>),
    /// A conversation changed (status, tags, assignment, visitor data …).
    ConversationChanged {
        conversation_id: i64,
        /// The conversation as this change left it, when the publisher has it (a message
        /// append): subscribers on this node need not read it again. Never sent between
        /// nodes, where subscribers read the store as before.
        #[serde(skip)]
        stored: Option<Arc<Conversation>>,
    },
    /// The visitor is typing.
    VisitorTyping { conversation_id: i64, on: bool },
    /// An agent is typing.
    AgentTyping { name: String, on: bool },
    /// The team read up to `seq`.
    ReadByTeam { seq: i64 },
    /// An agent connected, disconnected or changed presence.
    PresenceChanged,
    /// The visitor was banned: their sockets close.
    Banned,
    /// The visitor's contact details changed elsewhere (the API): their sockets reload
    /// them, so the next save does not write back an old copy.
    VisitorChanged,
    /// The visitor was erased (§10): their sockets close and the chat box starts over.
    Erased,
    /// Events may have been missed (the bus reconnected, or a subscription just began):
    /// subscribers catch up from the store as after lagging behind.
    Resync,
}

/// Publishes events to topics and hands out subscriptions.
pub trait EventBus: Send + Sync + 'static {
    /// Delivers `event` to the current subscribers of `topic`.
    fn publish(&self, topic: Topic, event: Event);
    /// Subscribes to a topic. A subscriber that falls behind gets `Lagged` and must resync
    /// from the store.
    fn subscribe(&self, topic: Topic) -> broadcast::Receiver<Arc<Event>>;
    /// Whether events get through (readiness).
    fn healthy(&self) -> bool {
        true
    }
    /// Frees what the bus keeps for `topic` if nobody subscribes to it any more (called when
    /// a socket ends, so topics of visitors long gone do not pile up).
    fn release(&self, _topic: &Topic) {}
}

impl Topic {
    /// How many undelivered events a subscriber may fall behind by. A broadcast channel
    /// allocates all its slots up front, and every visitor socket has its own topic, so the
    /// per-visitor ones are small: they carry only bans. A lagging subscriber resyncs from
    /// the store, so a small capacity costs a query, never an event.
    pub(crate) fn capacity(&self) -> usize {
        match self {
            // One per account, heard by every agent socket: room for bursts.
            Topic::Agents(_) => 4096,
            Topic::Visitors(_) => 256,
            Topic::Conversation(_) => 256,
            Topic::Visitor(..) => 4,
        }
    }
}

/// The bus of a single node: one broadcast channel per topic with subscribers.
#[derive(Default)]
pub struct InProcessBus {
    channels: Mutex<HashMap<Topic, broadcast::Sender<Arc<Event>>>>,
}

impl EventBus for InProcessBus {
    fn publish(&self, topic: Topic, event: Event) {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(sender) = channels.get(&topic) {
            if sender.send(Arc::new(event)).is_err() {
                // Nobody listens any more: forget the channel.
                channels.remove(&topic);
            }
        }
    }

    fn subscribe(&self, topic: Topic) -> broadcast::Receiver<Arc<Event>> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        channels
            .entry(topic)
            .or_insert_with_key(|topic| broadcast::channel(topic.capacity()).0)
            .subscribe()
    }

    fn release(&self, topic: &Topic) {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        if channels
            .get(topic)
            .is_some_and(|sender| sender.receiver_count() == 0)
        {
            channels.remove(topic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_get_only_their_topic() {
        let bus = InProcessBus::default();
        let mut agents = bus.subscribe(Topic::Agents(AccountId(1)));
        let mut other = bus.subscribe(Topic::Agents(AccountId(2)));
        bus.publish(Topic::Agents(AccountId(1)), Event::PresenceChanged);
        bus.publish(Topic::Conversation(9), Event::Banned);
        assert!(matches!(
            *agents.recv().await.unwrap(),
            Event::PresenceChanged
        ));
        assert!(other.try_recv().is_err());
    }

    #[tokio::test]
    async fn a_released_topic_without_subscribers_is_forgotten() {
        let bus = InProcessBus::default();
        let topic = Topic::Visitor(AccountId(1), "v".into());
        let kept = bus.subscribe(Topic::Conversation(1));
        drop(bus.subscribe(topic.clone()));
        bus.release(&topic);
        bus.release(&Topic::Conversation(1));
        let channels = bus.channels.lock().unwrap();
        assert!(!channels.contains_key(&topic));
        assert!(
            channels.contains_key(&Topic::Conversation(1)),
            "still heard"
        );
        drop(kept);
    }
}
