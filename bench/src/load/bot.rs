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
    /// `trigger` → the welcome question.
    pub trigger: Percentiles,
    /// A click → the first bot message it caused.
    pub first_reply: Percentiles,
    /// A click → the next question with buttons (the whole step).
    pub step: Percentiles,
    /// The server's own time for a step, from its log (filled in by the caller).
    pub server_step: Percentiles,
    pub failed_visitors: usize,
}

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
    out: Arc<Mutex<[hdrhistogram::Histogram<u64>; 3]>>,
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
    for _ in 0..rounds {
        for path in [("welcome", "shipping", "more"), ("more", "menu", "welcome")] {
            let (first, whole) = step(&mut socket, &conversation, path).await?;
            stats::record(&mut local[1], first);
            stats::record(&mut local[2], whole);
        }
    }
    let mut out = out.lock().expect("histograms");
    for (total, mine) in out.iter_mut().zip(&local) {
        total.add(mine)?;
    }
    Ok(())
}

/// `visitors` visitors at once, each going round the menu `rounds` times (two clicks a round).
pub async fn run(
    target: &Target,
    visitors: usize,
    rounds: usize,
    first_visitor: usize,
) -> BotResult {
    let out = Arc::new(Mutex::new([
        stats::histogram(),
        stats::histogram(),
        stats::histogram(),
    ]));
    let mut tasks = tokio::task::JoinSet::new();
    let all_triggered = Arc::new(tokio::sync::Barrier::new(visitors));
    for i in 0..visitors {
        tasks.spawn(one_visitor(
            target.clone(),
            first_visitor + i,
            rounds,
            out.clone(),
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
    BotResult {
        visitors,
        trigger: Percentiles::of(&h[0]),
        first_reply: Percentiles::of(&h[1]),
        step: Percentiles::of(&h[2]),
        server_step: Percentiles::default(),
        failed_visitors: failed,
    }
}
