//! Chatbot statistics written behind the bot steps. A step's events (node visited, button
//! clicked, engaged) are counts for the dashboard that no chat action reads back, so the step
//! only queues them; one task writes whatever has queued up in one transaction. Reading
//! statistics first waits until everything queued before is written.

use frontdesk_core::{ids::AccountId, stats::StatEvent};
use frontdesk_store::Store;
use std::{
    collections::{hash_map::Entry, HashMap},
    sync::{Arc, OnceLock},
    time::Duration,
};
use tokio::sync::{mpsc, oneshot};

enum Queued {
    Events(Vec<StatEvent>),
    /// Answered once everything queued before it is written.
    Flush(oneshot::Sender<()>),
}

/// The queue of one node; its writer task starts with the first use.
#[derive(Default)]
pub struct StatQueue(OnceLock<mpsc::UnboundedSender<Queued>>);

impl StatQueue {
    fn sender(&self, store: &Arc<dyn Store>) -> &mpsc::UnboundedSender<Queued> {
        self.0.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(write_behind(store.clone(), rx));
            tx
        })
    }

    /// Queues chatbot events, without their language and local day (the writer fills both).
    pub fn push(&self, store: &Arc<dyn Store>, events: Vec<StatEvent>) {
        if !events.is_empty() {
            let _ = self.sender(store).send(Queued::Events(events));
        }
    }

    /// Waits until every event queued so far is written (or failed, which is logged).
    pub async fn flush(&self, store: &Arc<dyn Store>) {
        let (done, written) = oneshot::channel();
        if self.sender(store).send(Queued::Flush(done)).is_ok() {
            let _ = written.await;
        }
    }
}

/// How long the writer gathers events before writing them. Every write takes the database's
/// one writer away from the message appends for a moment; gathered, a busy bot costs a few
/// such moments a second instead of one per step.
const GATHER: Duration = Duration::from_millis(200);

async fn write_behind(store: Arc<dyn Store>, mut queue: mpsc::UnboundedReceiver<Queued>) {
    while let Some(first) = queue.recv().await {
        let (mut events, mut waiting) = (Vec::new(), Vec::new());
        take(first, &mut events, &mut waiting);
        // Someone reading the statistics (a flush) does not wait for the gathering.
        let until = tokio::time::Instant::now() + GATHER;
        while waiting.is_empty() {
            match tokio::time::timeout_at(until, queue.recv()).await {
                Ok(Some(item)) => take(item, &mut events, &mut waiting),
                Ok(None) | Err(_) => break,
            }
        }
        while let Ok(item) = queue.try_recv() {
            take(item, &mut events, &mut waiting);
        }
        let events = complete(&*store, std::mem::take(&mut events)).await;
        if !events.is_empty() {
            if let Err(err) = store.record_stats(&events).await {
                tracing::warn!(error = %err, count = events.len(), "chatbot statistics not recorded");
            }
        }
        for done in waiting {
            let _ = done.send(());
        }
    }
}

fn take(item: Queued, events: &mut Vec<StatEvent>, waiting: &mut Vec<oneshot::Sender<()>>) {
    match item {
        Queued::Events(more) => events.extend(more),
        Queued::Flush(done) => waiting.push(done),
    }
}

/// Fills in each event's chatbot language and its day in the account's zone, one look-up per
/// chatbot and account of the batch; events of an account that is gone are dropped.
async fn complete(store: &dyn Store, events: Vec<StatEvent>) -> Vec<StatEvent> {
    let mut zones = HashMap::new();
    let mut languages = HashMap::new();
    let mut out = Vec::with_capacity(events.len());
    for mut e in events {
        let account = AccountId(e.account_id);
        if let Entry::Vacant(slot) = zones.entry(account) {
            let found = store.account(account).await.ok().flatten();
            slot.insert(found.map(|a| a.time_zone.tz()));
        }
        let Some(Some(zone)) = zones.get(&account).copied() else {
            continue;
        };
        if let Some(chatbot) = e.chatbot_id {
            if let Entry::Vacant(slot) = languages.entry(chatbot) {
                let bot = store.chatbot(account, chatbot).await.ok().flatten();
                slot.insert(bot.map(|b| b.language));
            }
            e.language = languages.get(&chatbot).cloned().flatten();
        }
        out.push(e.in_zone(zone));
    }
    out
}
