//! Visitors clicking through the demo chatbot (the FAQ menu): welcome → shipping → "Back to
//! menu" → welcome …, timing each click until the bot's next question arrives.

use super::Target;
use crate::{
    client::{self, Socket},
    stats::{self, Percentiles},
};
use serde_json::{json, Value};
use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// What the bot run measured.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct BotResult {
    /// Visitors clicking at once.
    pub visitors: usize,
    /// Each visitor's time between clicks, in ms; `None`: the next click as soon as the next
    /// question arrives (a closed loop, which measures how many steps a second the server
    /// takes rather than how long one takes).
    pub pace_ms: Option<u64>,
    /// `trigger` → the welcome question.
    pub trigger: Percentiles,
    /// A click → the first bot message it caused.
    pub first_reply: Percentiles,
    /// A click → the next question with buttons (the whole step).
    pub step: Percentiles,
    /// The server's own time for a step, from its log (filled in by the caller).
    pub server_step: Percentiles,
    /// Steps completed per second while the visitors were clicking.
    pub steps_per_sec: f64,
    pub failed_visitors: usize,
}

/// When the first click of a run was sent and the last step finished.
type Span = Arc<Mutex<Option<(Instant, Instant)>>>;

const LIMIT: Duration = Duration::from_secs(30);

fn bot_message(frame: &Value) -> bool {
    frame["message"]["author"] == "bot"
}

/// Clicks `button` on `node` and waits for the question of `next` (a node with buttons).
async fn step(
    socket: &mut Socket,
    conversation: &Value,
    (node, button, next): (&str, &str, &str),
) -> anyhow::Result<(Duration, Duration)> {
    let started = Instant::now();
    let click =
        json!({"type": "click", "conversation_id": conversation, "node": node, "button": button});
    client::send(socket, &click).await?;
    let mut first = None;
    loop {
        let reply = client::wait_for(socket, "message", bot_message, LIMIT).await?;
        let first = *first.get_or_insert_with(|| started.elapsed());
        if reply["message"]["node"] == next {
            return Ok((first, started.elapsed()));
        }
    }
}

async fn one_visitor(
    target: Target,
    n: usize,
    rounds: usize,
    pace: Option<Duration>,
    out: Arc<Mutex<[hdrhistogram::Histogram<u64>; 3]>>,
    span: Span,
    all_triggered: Arc<tokio::sync::Barrier>,
) -> anyhow::Result<()> {
    let (mut socket, _) = target.visitor(n).await?;
    let started = Instant::now();
    client::send(&mut socket, &json!({"type": "trigger"})).await?;
    let status = client::wait_for(&mut socket, "status", |_| true, LIMIT).await?;
    client::wait_for(
        &mut socket,
        "message",
        |f| f["message"]["node"] == "welcome",
        LIMIT,
    )
    .await?;
    let trigger = started.elapsed();
    let conversation = status["conversation"]["id"].clone();
    let mut local = [stats::histogram(), stats::histogram(), stats::histogram()];
    stats::record(&mut local[0], trigger);
    // Clicks start together once every visitor has its welcome question, so the click
    // figures are 50 visitors clicking, not clicks mixed with others still connecting (a
    // visitor that failed is not waited for long).
    let _ = tokio::time::timeout(LIMIT, all_triggered.wait()).await;
    // Paced visitors start spread over one pace, as people reading a question would, and
    // then click once per pace whatever a step took.
    let clicking = Instant::now();
    let mut next_click = tokio::time::Instant::now();
    if let Some(pace) = pace {
        next_click += pace.mul_f64(n as f64 * 0.618_034 % 1.0);
    }
    for _ in 0..rounds {
        for path in [("welcome", "shipping", "more"), ("more", "menu", "welcome")] {
            if let Some(pace) = pace {
                tokio::time::sleep_until(next_click).await;
                next_click += pace;
            }
            let (first, whole) = step(&mut socket, &conversation, path).await?;
            stats::record(&mut local[1], first);
            stats::record(&mut local[2], whole);
        }
    }
    let finished = Instant::now();
    {
        let mut span = span.lock().expect("span");
        let (first, last) = span.get_or_insert((clicking, finished));
        *first = (*first).min(clicking);
        *last = (*last).max(finished);
    }
    let mut out = out.lock().expect("histograms");
    for (total, mine) in out.iter_mut().zip(&local) {
        total.add(mine)?;
    }
    Ok(())
}

/// `visitors` visitors at once, each going round the menu `rounds` times (two clicks a round),
/// clicking once per `pace` or, without one, as soon as the next question is there.
pub async fn run(
    target: &Target,
    visitors: usize,
    rounds: usize,
    pace: Option<Duration>,
    first_visitor: usize,
) -> BotResult {
    let out = Arc::new(Mutex::new([
        stats::histogram(),
        stats::histogram(),
        stats::histogram(),
    ]));
    let span: Span = Arc::default();
    let mut tasks = tokio::task::JoinSet::new();
    let all_triggered = Arc::new(tokio::sync::Barrier::new(visitors));
    for i in 0..visitors {
        tasks.spawn(one_visitor(
            target.clone(),
            first_visitor + i,
            rounds,
            pace,
            out.clone(),
            span.clone(),
            all_triggered.clone(),
        ));
    }
    let mut failed = 0;
    while let Some(done) = tasks.join_next().await {
        if !matches!(done, Ok(Ok(()))) {
            if failed == 0 {
                eprintln!("a bot visitor failed: {done:?}");
            }
            failed += 1;
        }
    }
    let h = out.lock().expect("histograms");
    let clicking_secs = span
        .lock()
        .expect("span")
        .map_or(0.0, |(first, last)| (last - first).as_secs_f64());
    BotResult {
        visitors,
        pace_ms: pace.map(|p| p.as_millis() as u64),
        trigger: Percentiles::of(&h[0]),
        first_reply: Percentiles::of(&h[1]),
        step: Percentiles::of(&h[2]),
        server_step: Percentiles::default(),
        steps_per_sec: h[2].len() as f64 / clicking_secs.max(1e-9),
        failed_visitors: failed,
    }
}
