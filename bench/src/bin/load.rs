//! The load generator: starts Frontdesk (embedded SQLite, or PostgreSQL with `--postgres`)
//! and the echo baseline, plays idle visitors, chatbot clicks and chats against both over
//! the real protocol, measures the database's raw batched-insert ceiling, and prints every
//! figure with its baseline and ratio.

use anyhow::Context;
use clap::Parser;
use frontdesk_bench::{
    baseline,
    load::{self, bot, chat, idle, ServerFigures, Target},
    proc, report,
    stats::Percentiles,
};
use serde_json::json;
use std::{path::PathBuf, time::Duration};

#[derive(Parser, Debug, Clone)]
#[command(about = "Frontdesk load generator and baselines")]
struct Args {
    /// Idle visitor connections to hold.
    #[arg(long, default_value_t = 20_000)]
    idle: usize,
    /// Loopback source addresses (127.0.0.1…) to spread connections over; one address has
    /// about 28,000 ephemeral ports towards one server port.
    #[arg(long, default_value_t = 4)]
    spread: u8,
    /// Handshakes in flight while opening idle connections.
    #[arg(long, default_value_t = 200)]
    concurrency: usize,
    /// Visitors clicking through the chatbot at once.
    #[arg(long, default_value_t = 50)]
    bot_visitors: usize,
    /// Rounds of the menu each bot visitor goes (two clicks a round).
    #[arg(long, default_value_t = 20)]
    bot_rounds: usize,
    /// Visitors clicking through the chatbot at a person's pace, for the step latency of a
    /// busy site (0: no paced run).
    #[arg(long, default_value_t = 200)]
    paced_bot_visitors: usize,
    /// Milliseconds between one paced visitor's clicks.
    #[arg(long, default_value_t = 1000)]
    bot_pace_ms: u64,
    /// Visitors writing in the chat runs.
    #[arg(long, default_value_t = 200)]
    senders: usize,
    /// Agent sockets watching the inbox in the chat runs.
    #[arg(long, default_value_t = 1)]
    agents: usize,
    /// Messages per second offered in the paced run.
    #[arg(long, default_value_t = 2000.0)]
    rate: f64,
    /// Seconds measured in each chat run (after a warm-up of 3 s).
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// Seconds of the raw batched-insert baseline.
    #[arg(long, default_value_t = 5)]
    insert_secs: u64,
    /// Run on PostgreSQL: an admin URL where fresh databases may be created and dropped.
    #[arg(long)]
    postgres: Option<String>,
    /// The Frontdesk binary (default: `frontdesk` next to this one).
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// Also write every figure as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
}

const MIB: f64 = 1024.0 * 1024.0;

/// Plays every scenario against `server`, whose RSS before any traffic was `idle_rss`.
async fn measure(
    server: &proc::Server,
    idle_rss: u64,
    target: Target,
    args: &Args,
    bot_run: bool,
) -> anyhow::Result<ServerFigures> {
    let pid = server.pid;
    println!(
        "  idle RSS {:.1} MiB; opening {} idle visitors…",
        idle_rss as f64 / MIB,
        args.idle
    );
    let (idle, held) = idle::measure(
        &target,
        || proc::rss_bytes(pid).unwrap_or(0),
        args.idle,
        args.concurrency,
    )
    .await;
    println!(
        "  held {} (failed {}, dropped {}) in {:.1} s; RSS {:.1} → {:.1} MiB = {:.0} B per connection",
        idle.held, idle.failed, idle.dropped, idle.connect_secs,
        idle.rss_before as f64 / MIB, idle.rss_after as f64 / MIB, idle.bytes_per_connection
    );
    held.release().await;
    let mut next_visitor = args.idle;
    let mut bots = Vec::new();
    // One visitor alone, then a crowd clicking as fast as the bot answers, then a bigger
    // crowd each clicking at a person's pace.
    let pace = Duration::from_millis(args.bot_pace_ms);
    let runs = [
        (1, None),
        (args.bot_visitors, None),
        (args.paced_bot_visitors, Some(pace)),
    ];
    for (visitors, pace) in runs.into_iter().filter(|(n, _)| bot_run && *n > 0) {
        let rounds = match pace {
            // Ten seconds of clicking.
            Some(pace) => (5_000 / pace.as_millis().max(1) as usize).max(1),
            None => args.bot_rounds * args.bot_visitors / visitors,
        };
        server.bot_steps.lock().expect("histogram").reset();
        let mut result = bot::run(&target, visitors, rounds, pace, next_visitor).await;
        next_visitor += visitors;
        // Give the last log lines a moment to arrive.
        tokio::time::sleep(Duration::from_millis(500)).await;
        result.server_step = Percentiles::of(&server.bot_steps.lock().expect("histogram"));
        let how = pace.map_or("as fast as the bot answers".to_owned(), |p| {
            format!("one click per {} ms each", p.as_millis())
        });
        println!(
            "  bot, {visitors} visitor(s) at once, {how}: {:.0} steps/s\n       trigger {}\n       click→first reply {}\n       click→next question {}\n       server-side step {}",
            result.steps_per_sec, result.trigger, result.first_reply, result.step, result.server_step
        );
        bots.push(result);
    }
    let opts = chat::ChatOpts {
        senders: args.senders,
        agents: args.agents,
        rate: None,
        warmup: Duration::from_secs(3),
        duration: Duration::from_secs(args.duration),
    };
    let cpu_before = proc::cpu_seconds(pid).unwrap_or(0.0);
    let mut saturated = chat::run(&target, opts, next_visitor).await?;
    let cpu = proc::cpu_seconds(pid).unwrap_or(0.0) - cpu_before;
    saturated.server_cpu_us_per_message = cpu * 1e6 / saturated.acked_total.max(1) as f64;
    next_visitor += args.senders;
    print_chat("saturated", &saturated);
    let paced = chat::run(
        &target,
        chat::ChatOpts {
            rate: Some(args.rate),
            ..opts
        },
        next_visitor,
    )
    .await?;
    print_chat(&format!("paced at {}/s", args.rate), &paced);
    Ok(ServerFigures {
        idle_rss,
        idle,
        bots,
        saturated,
        paced,
    })
}

fn print_chat(name: &str, r: &chat::ChatResult) {
    println!(
        "  chat {name}: persisted {:.0}/s, delivered {:.0}/s, undelivered {}\n       send→agent {}\n       send→ack   {}",
        r.persisted_per_sec, r.delivered_per_sec, r.undelivered, r.end_to_end, r.ack
    );
    if r.server_cpu_us_per_message > 0.0 {
        println!(
            "       server CPU {:.0} µs per message ({} acknowledged in the run)",
            r.server_cpu_us_per_message, r.acked_total
        );
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = Args::parse();
    let fds = frontdesk_bench::raise_fd_limit(1_048_576);
    // Both this process and the server need one descriptor per connection, plus a few.
    let most = usize::try_from(fds)
        .unwrap_or(usize::MAX)
        .saturating_sub(100);
    if args.idle > most {
        println!("only {most} idle connections fit under the open-file limit of {fds}");
        args.idle = most;
    }
    println!(
        "open-file limit {fds}; {} cores",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    let binary = args
        .server_bin
        .clone()
        .unwrap_or_else(|| proc::sibling_binary("frontdesk"));

    let database = match &args.postgres {
        Some(admin) => Some(baseline::fresh_postgres(admin).await?),
        None => None,
    };
    println!(
        "Frontdesk ({})",
        if database.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let server = proc::start_frontdesk(&binary, database.as_deref()).await?;
    // Idle means started and settled, before anyone logs in or connects.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle_rss = server.rss();
    let (email, password) = server
        .login
        .clone()
        .context("the first start prints the demo login")?;
    let target = Target {
        ws_url: server.ws_url(),
        http_url: server.url.clone(),
        widget_key: load::demo_widget_key(&server.url).await?,
        agent_cookie: Some(load::login(&server.url, &email, &password).await?),
        spread: args.spread,
        agent_node: None,
    };
    let frontdesk = measure(&server, idle_rss, target, &args, true).await;
    server.stop().await;
    if let (Some(admin), Some(db)) = (&args.postgres, &database) {
        baseline::drop_postgres(admin, db).await;
    }
    let frontdesk = frontdesk?;

    println!("Echo/broadcast baseline (no persistence)");
    let echo = proc::start_echo().await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle_rss = echo.rss();
    let target = Target {
        ws_url: echo.ws_url(),
        http_url: echo.url.clone(),
        widget_key: "echo".into(),
        agent_cookie: None,
        spread: args.spread,
        agent_node: None,
    };
    let baseline_figures = measure(&echo, idle_rss, target, &args, false).await;
    echo.stop().await;
    let baseline_figures = baseline_figures?;

    println!(
        "Raw batched inserts ({} rows a transaction)",
        baseline::BATCH_ROWS
    );
    let insert = match &args.postgres {
        Some(admin) => {
            let db = baseline::fresh_postgres(admin).await?;
            let rate =
                baseline::raw_insert_rate(&db, 4, Duration::from_secs(args.insert_secs)).await;
            baseline::drop_postgres(admin, &db).await;
            rate?
        }
        None => {
            let dir = tempfile::tempdir()?;
            let url = format!("sqlite://{}", dir.path().join("raw.db").display());
            baseline::raw_insert_rate(&url, 1, Duration::from_secs(args.insert_secs)).await?
        }
    };
    println!("  {:.0} rows/s ({} rows)", insert.rows_per_sec, insert.rows);

    let report = report::Report {
        backend: if args.postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        rate: args.rate,
        frontdesk: &frontdesk,
        echo: &baseline_figures,
        insert,
    };
    println!("\n{}", report.markdown());
    if let Some(path) = &args.json {
        let all = json!({"frontdesk": frontdesk, "echo": baseline_figures, "raw_insert": insert,
            "backend": if args.postgres.is_some() { "postgres" } else { "sqlite" }});
        std::fs::write(path, serde_json::to_string_pretty(&all)?)?;
    }
    Ok(())
}
