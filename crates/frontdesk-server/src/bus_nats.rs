//! The event bus over NATS, for several nodes (§11). Each topic is a subject; a node
//! subscribes to a subject only while one of its sockets listens to that topic, and fans the
//! events out to its local subscribers. Publishing goes through NATS only, so every node —
//! the publishing one included — sees a topic's events in the same order.

use crate::bus::{Event, EventBus, Topic};
use futures_util::StreamExt;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::{broadcast, mpsc};

/// How often an idle subscription checks whether anyone still listens.
const SWEEP: Duration = Duration::from_secs(30);

type Channels = Arc<Mutex<HashMap<Topic, broadcast::Sender<Arc<Event>>>>>;

pub struct NatsBus {
    client: async_nats::Client,
    prefix: String,
    channels: Channels,
    outgoing: mpsc::UnboundedSender<(String, bytes::Bytes)>,
}

impl NatsBus {
    /// Connects to `url` (retrying in the background while NATS is down, so a node can start
    /// before it). After every reconnection local subscribers are told to resync, since
    /// events published meanwhile did not reach this node.
    pub async fn connect(url: &str, prefix: &str) -> anyhow::Result<Self> {
        let channels: Channels = Arc::default();
        let for_events = channels.clone();
        let client = async_nats::ConnectOptions::new()
            .retry_on_initial_connect()
            .event_callback(move |event| {
                let channels = for_events.clone();
                async move {
                    match event {
                        async_nats::Event::Connected => {
                            tracing::info!("connected to NATS");
                            resync_all(&channels);
                        }
                        async_nats::Event::Disconnected => {
                            tracing::warn!("lost the connection to NATS; reconnecting")
                        }
                        other => tracing::debug!(event = %other, "NATS"),
                    }
                }
            })
            .connect(url)
            .await
            .map_err(|e| anyhow::anyhow!("cluster.nats_url: cannot use {url}: {e}"))?;
        let (outgoing, mut queue) = mpsc::unbounded_channel::<(String, bytes::Bytes)>();
        let publisher = client.clone();
        // One task publishes, so this node's events leave in the order they were made.
        tokio::spawn(async move {
            while let Some((subject, payload)) = queue.recv().await {
                if let Err(err) = publisher.publish(subject, payload).await {
                    tracing::warn!(error = %err, "an event could not be published");
                }
            }
        });
        Ok(Self {
            client,
            prefix: prefix.to_owned(),
            channels,
            outgoing,
        })
    }
}

fn resync_all(channels: &Channels) {
    let channels = channels.lock().unwrap_or_else(|p| p.into_inner());
    for sender in channels.values() {
        let _ = sender.send(Arc::new(Event::Resync));
    }
}

impl EventBus for NatsBus {
    fn publish(&self, topic: Topic, event: Event) {
        match serde_json::to_vec(&event) {
            Ok(payload) => {
                let _ = self
                    .outgoing
                    .send((topic.subject(&self.prefix), payload.into()));
            }
            Err(err) => tracing::error!(error = %err, "an event could not be encoded"),
        }
    }

    fn subscribe(&self, topic: Topic) -> broadcast::Receiver<Arc<Event>> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(sender) = channels.get(&topic) {
            return sender.subscribe();
        }
        let sender = broadcast::channel(topic.capacity()).0;
        let receiver = sender.subscribe();
        channels.insert(topic.clone(), sender.clone());
        tokio::spawn(forward(
            self.client.clone(),
            topic.subject(&self.prefix),
            topic,
            sender,
            self.channels.clone(),
        ));
        receiver
    }

    fn healthy(&self) -> bool {
        self.client.connection_state() == async_nats::connection::State::Connected
    }
}

/// Carries a subject's events to the local subscribers until none is left.
async fn forward(
    client: async_nats::Client,
    subject: String,
    topic: Topic,
    sender: broadcast::Sender<Arc<Event>>,
    channels: Channels,
) {
    let mut subscription = match client.subscribe(subject.clone()).await {
        Ok(s) => s,
        Err(err) => {
            tracing::error!(error = %err, subject, "cannot subscribe");
            forget(&channels, &topic, &sender, true);
            return;
        }
    };
    // Whatever was published between the caller's read of the store and this subscription
    // is fetched again from the store.
    let _ = sender.send(Arc::new(Event::Resync));
    let mut sweep = tokio::time::interval(SWEEP);
    loop {
        tokio::select! {
            message = subscription.next() => {
                let Some(message) = message else { break };
                match serde_json::from_slice::<Event>(&message.payload) {
                    Ok(event) => {
                        if sender.send(Arc::new(event)).is_err() && forget(&channels, &topic, &sender, false) {
                            break;
                        }
                    }
                    Err(err) => tracing::warn!(error = %err, subject, "an event could not be decoded"),
                }
            }
            _ = sweep.tick() => {
                if sender.receiver_count() == 0 && forget(&channels, &topic, &sender, false) {
                    break;
                }
            }
        }
    }
    // Dropping the subscription unsubscribes the node from the subject.
}

/// Removes the topic's channel if nobody listens (or `always`); a subscriber that arrived
/// meanwhile keeps it.
fn forget(
    channels: &Channels,
    topic: &Topic,
    sender: &broadcast::Sender<Arc<Event>>,
    always: bool,
) -> bool {
    let mut channels = channels.lock().unwrap_or_else(|p| p.into_inner());
    if always || sender.receiver_count() == 0 {
        if channels.get(topic).is_some_and(|s| s.same_channel(sender)) {
            channels.remove(topic);
        }
        return true;
    }
    false
}
