//! Visitors writing to the team while agents watch the inbox: messages persisted (acked)
//! and delivered per second, and the latency from a visitor's send to an agent's receipt.

use super::Target;
use crate::{
    client::{self, Socket},
    stats::{self, Percentiles},
};
use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use serde_json::{json, Value};
use std::{
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

/// How a chat run is played.
#[derive(Debug, Clone, Copy)]
pub struct ChatOpts {
    pub senders: usize,
    pub agents: usize,
    /// Messages per second offered in total; `None` sends each next message as soon as the
    /// previous one is acknowledged (the saturation run).
    pub rate: Option<f64>,
    pub warmup: Duration,
    pub duration: Duration,
}

/// What a chat run measured, over the measurement window only.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ChatResult {
    pub persisted_per_sec: f64,
    pub delivered_per_sec: f64,
    /// Visitor send → agent receipt.
    pub end_to_end: Percentiles,
    /// Visitor send → the visitor's `ack` (the message is durable).
    pub ack: Percentiles,
    /// Acknowledged in the window but never delivered to an agent by the end of the drain.
    pub undelivered: u64,
    /// Acknowledged in the whole run, warm-up and drain included.
    pub acked_total: u64,
    /// The server's CPU time over the whole run per acknowledged message, in µs (filled in
    /// by the caller, who knows the server's process). Steadier than a rate on a machine
    /// whose speed changes from run to run.
    pub server_cpu_us_per_message: f64,
}

/// Shared between the tasks of one run.
struct Window {
    epoch: Instant,
    from: Duration,
    to: Duration,
    sending: AtomicBool,
    acked: AtomicU64,
    delivered: AtomicU64,
    acked_in_window: AtomicU64,
    delivered_in_window: AtomicU64,
    e2e: Mutex<Histogram<u64>>,
    ack: Mutex<Histogram<u64>>,
}

impl Window {
    fn contains(&self, at: Duration) -> bool {
        at >= self.from && at < self.to
    }
}

fn body_for(sent_at: Duration) -> String {
    format!(
        "bench {} Hello, I have a question about my order",
        sent_at.as_nanos()
    )
}

fn sent_at(body: &str) -> Option<Duration> {
    let nanos: u64 = body
        .strip_prefix("bench ")?
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Runs the chat scenario against `target`.
pub async fn run(
    target: &Target,
    opts: ChatOpts,
    first_visitor: usize,
) -> anyhow::Result<ChatResult> {
    let mut agents = Vec::new();
    for _ in 0..opts.agents {
        agents.push(target.agent().await?);
    }
    // Each sender opens its conversation before the clock starts: the run measures the
    // steady state of ongoing chats, not conversation creation.
    let mut senders = Vec::new();
    for chunk in (0..opts.senders).collect::<Vec<_>>().chunks(100) {
        let mut joins = tokio::task::JoinSet::new();
        for &i in chunk {
            let target = target.clone();
            joins.spawn(async move {
                let (mut socket, _) = target.visitor(first_visitor + i).await?;
                let frame =
                    json!({"type": "send", "client_id": format!("open-{i}"), "body": "Hello"});
                client::send(&mut socket, &frame).await?;
                client::wait_for(&mut socket, "ack", |_| true, Duration::from_secs(60)).await?;
                anyhow::Ok(socket)
            });
        }
        while let Some(done) = joins.join_next().await {
            senders.push(done??);
        }
    }
    let epoch = Instant::now();
    let window = Arc::new(Window {
        epoch,
        from: opts.warmup,
        to: opts.warmup + opts.duration,
        sending: AtomicBool::new(true),
        acked: AtomicU64::new(0),
        delivered: AtomicU64::new(0),
        acked_in_window: AtomicU64::new(0),
        delivered_in_window: AtomicU64::new(0),
        e2e: Mutex::new(stats::histogram()),
        ack: Mutex::new(stats::histogram()),
    });
    let (stop, stopped) = watch::channel(false);
    let mut agent_tasks = tokio::task::JoinSet::new();
    for socket in agents {
        agent_tasks.spawn(watch_inbox(socket, window.clone(), stopped.clone()));
    }
    let mut sender_tasks = tokio::task::JoinSet::new();
    let per_sender = opts.rate.map(|r| r / opts.senders as f64);
    for (i, socket) in senders.into_iter().enumerate() {
        sender_tasks.spawn(write(socket, i, per_sender, window.clone()));
    }
    tokio::time::sleep_until((epoch + window.to).into()).await;
    window.sending.store(false, Ordering::Relaxed);
    while sender_tasks.join_next().await.is_some() {}
    // Let deliveries catch up with what was acknowledged, for a while.
    let drain_until = Instant::now() + Duration::from_secs(10);
    let agents_n = opts.agents.max(1) as u64;
    while window.delivered.load(Ordering::Relaxed) < window.acked.load(Ordering::Relaxed) * agents_n
        && Instant::now() < drain_until
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop.send(true);
    while agent_tasks.join_next().await.is_some() {}
    let secs = opts.duration.as_secs_f64();
    let result = ChatResult {
        persisted_per_sec: window.acked_in_window.load(Ordering::Relaxed) as f64 / secs,
        delivered_per_sec: window.delivered_in_window.load(Ordering::Relaxed) as f64
            / secs
            / agents_n as f64,
        end_to_end: Percentiles::of(&window.e2e.lock().expect("histogram")),
        ack: Percentiles::of(&window.ack.lock().expect("histogram")),
        acked_total: window.acked.load(Ordering::Relaxed),
        server_cpu_us_per_message: 0.0,
        undelivered: (window.acked.load(Ordering::Relaxed) * agents_n)
            .saturating_sub(window.delivered.load(Ordering::Relaxed)),
    };
    Ok(result)
}

/// An agent socket: every visitor message that arrives is timed against its send time.
async fn watch_inbox(mut socket: Socket, window: Arc<Window>, mut stop: watch::Receiver<bool>) {
    let mut local = stats::histogram();
    loop {
        let frame = tokio::select! {
            _ = stop.changed() => break,
            frame = client::next(&mut socket) => match frame {
                Ok(frame) => frame,
                Err(_) => break,
            },
        };
        if frame["type"] != "message" || frame["message"]["author"] != "visitor" {
            continue;
        }
        let Some(sent) = frame["message"]["body"].as_str().and_then(sent_at) else {
            continue;
        };
        let now = window.epoch.elapsed();
        window.delivered.fetch_add(1, Ordering::Relaxed);
        if window.contains(now) {
            window.delivered_in_window.fetch_add(1, Ordering::Relaxed);
        }
        if window.contains(sent) {
            stats::record(&mut local, now.saturating_sub(sent));
        }
    }
    let _ = window.e2e.lock().map(|mut h| h.add(&local));
}

/// A visitor writing: closed loop (next after the ack) or paced at `rate` per second.
async fn write(socket: Socket, i: usize, rate: Option<f64>, window: Arc<Window>) {
    let (mut sink, mut stream) = socket.split();
    let mut local = stats::histogram();
    let mut n = 0u64;
    let mut pending: std::collections::HashMap<String, Duration> = Default::default();
    let mut tick = rate.map(|r| {
        let mut t = tokio::time::interval(Duration::from_secs_f64(1.0 / r));
        t.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
        t
    });
    let mut send_now = tick.is_none();
    loop {
        if send_now && window.sending.load(Ordering::Relaxed) {
            n += 1;
            let at = window.epoch.elapsed();
            let client_id = format!("m-{i}-{n}");
            let frame = json!({"type": "send", "client_id": client_id, "body": body_for(at)});
            if sink
                .send(Message::Text(frame.to_string().into()))
                .await
                .is_err()
            {
                break;
            }
            pending.insert(client_id, at);
            send_now = false;
        }
        if !window.sending.load(Ordering::Relaxed) && pending.is_empty() {
            break;
        }
        tokio::select! {
            _ = async { match tick.as_mut() { Some(t) => { t.tick().await; } None => std::future::pending::<()>().await } } => {
                send_now = true;
            }
            frame = stream.next() => {
                let Some(Ok(Message::Text(text))) = frame else {
                    if matches!(frame, Some(Ok(_))) { continue; }
                    break;
                };
                let Ok(frame) = serde_json::from_str::<Value>(&text) else { continue };
                if frame["type"] != "ack" { continue; }
                let Some(at) = frame["client_id"].as_str().and_then(|c| pending.remove(c)) else { continue };
                let now = window.epoch.elapsed();
                window.acked.fetch_add(1, Ordering::Relaxed);
                if window.contains(now) {
                    window.acked_in_window.fetch_add(1, Ordering::Relaxed);
                }
                if window.contains(at) {
                    stats::record(&mut local, now.saturating_sub(at));
                }
                if tick.is_none() { send_now = true; }
            }
            // Stop waiting for acks that will not come.
            _ = tokio::time::sleep_until((window.epoch + window.to + Duration::from_secs(10)).into()) => break,
        }
    }
    let _ = window.ack.lock().map(|mut h| h.add(&local));
}
