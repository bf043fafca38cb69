//! Idle visitors: connected, greeted, pinging every 25 s like the chat box, saying nothing.

use super::Target;
use crate::client;
use futures_util::StreamExt;
use serde_json::json;
use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::Duration,
};
use tokio::sync::{watch, Semaphore};

/// Connections held open until [`Held::release`].
pub struct Held {
    pub connected: Arc<AtomicUsize>,
    pub failed: Arc<AtomicUsize>,
    pub dropped: Arc<AtomicUsize>,
    stop: watch::Sender<bool>,
    tasks: tokio::task::JoinSet<()>,
}

impl Held {
    pub fn connected(&self) -> usize {
        self.connected.load(Ordering::Relaxed)
    }

    /// Closes every held connection and waits for the tasks to end.
    pub async fn release(mut self) {
        let _ = self.stop.send(true);
        while self.tasks.join_next().await.is_some() {}
    }
}

/// Opens `count` visitor connections, `concurrency` handshakes at a time, numbering them
/// from `first`; returns once every attempt has succeeded or failed.
pub async fn hold(
    target: &Target,
    first: usize,
    count: usize,
    concurrency: usize,
    held: Option<Held>,
) -> Held {
    let mut held = held.unwrap_or_else(|| Held {
        connected: Arc::default(),
        failed: Arc::default(),
        dropped: Arc::default(),
        stop: watch::channel(false).0,
        tasks: tokio::task::JoinSet::new(),
    });
    let gate = Arc::new(Semaphore::new(concurrency));
    let attempts = Arc::new(AtomicUsize::new(0));
    for n in first..first + count {
        let permit = gate.clone().acquire_owned().await.expect("open semaphore");
        let (target, connected, failed, dropped, attempts) = (
            target.clone(),
            held.connected.clone(),
            held.failed.clone(),
            held.dropped.clone(),
            attempts.clone(),
        );
        let mut stop = held.stop.subscribe();
        held.tasks.spawn(async move {
            let result = target.visitor(n).await;
            attempts.fetch_add(1, Ordering::Relaxed);
            drop(permit);
            let Ok((mut socket, _)) = result else {
                failed.fetch_add(1, Ordering::Relaxed);
                return;
            };
            connected.fetch_add(1, Ordering::Relaxed);
            let mut ping = tokio::time::interval(Duration::from_secs(25));
            ping.tick().await;
            loop {
                tokio::select! {
                    _ = stop.changed() => break,
                    _ = ping.tick() => {
                        if client::send(&mut socket, &json!({"type": "ping"})).await.is_err() {
                            dropped.fetch_add(1, Ordering::Relaxed);
                            return;
                        }
                    }
                    frame = socket.next() => if !matches!(frame, Some(Ok(_))) {
                        dropped.fetch_add(1, Ordering::Relaxed);
                        return;
                    },
                }
            }
            let _ = socket.close(None).await;
        });
    }
    while attempts.load(Ordering::Relaxed) < count {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    held
}

/// Memory a server spends on idle connections.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct IdleResult {
    pub held: usize,
    pub failed: usize,
    pub dropped: usize,
    pub connect_secs: f64,
    pub rss_before: u64,
    pub rss_after: u64,
    pub bytes_per_connection: f64,
}

/// Opens `count` idle visitors against a server whose RSS `rss` reads, and measures the
/// growth per connection. A first few hundred connections warm the server up (pools,
/// caches, allocator arenas) before the baseline reading. Returns the connections still
/// held, for the caller to release.
pub async fn measure(
    target: &Target,
    rss: impl Fn() -> u64,
    count: usize,
    concurrency: usize,
) -> (IdleResult, Held) {
    let warm = 500.min(count / 10);
    let held = hold(target, 0, warm, concurrency, None).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_before = rss();
    let started = std::time::Instant::now();
    let held = hold(target, warm, count - warm, concurrency, Some(held)).await;
    let connect_secs = started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_after = rss();
    let grown = held.connected().saturating_sub(warm).max(1);
    let result = IdleResult {
        held: held.connected() - held.dropped.load(Ordering::Relaxed),
        failed: held.failed.load(Ordering::Relaxed),
        dropped: held.dropped.load(Ordering::Relaxed),
        connect_secs,
        rss_before,
        rss_after,
        bytes_per_connection: rss_after.saturating_sub(rss_before) as f64 / grown as f64,
    };
    (result, held)
}
