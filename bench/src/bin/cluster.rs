//! Cross-node latency (§11): the chat scenario at a steady rate, first on one node on
//! PostgreSQL (visitors and the agent on the same node), then on three nodes sharing that
//! PostgreSQL and a NATS, with the visitors on node 1 and the agent on node 2. Prints what
//! crossing nodes adds to the visitor-send → agent-receive latency.

use anyhow::Context;
use clap::Parser;
use frontdesk_bench::{
    baseline,
    load::{self, chat, Target},
    proc,
    stats::Percentiles,
};
use std::{path::PathBuf, time::Duration};

#[derive(Parser, Debug)]
#[command(about = "Frontdesk cross-node latency: one node against three")]
struct Args {
    /// An admin URL of PostgreSQL where fresh databases may be created and dropped.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    postgres: String,
    /// The NATS the three nodes share.
    #[arg(long, default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// Visitors writing.
    #[arg(long, default_value_t = 50)]
    senders: usize,
    /// Messages per second offered in total: below saturation, so the figures show the
    /// path a message takes rather than queueing.
    #[arg(long, default_value_t = 200.0)]
    rate: f64,
    /// Seconds measured (after a warm-up of 3 s).
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// The Frontdesk binary (default: `frontdesk` next to this one).
    #[arg(long)]
    server_bin: Option<PathBuf>,
}

/// Runs the paced chat with visitors on `visitors` and the agent on `agent`.
async fn paced(
    args: &Args,
    visitors: &proc::Server,
    agent: &proc::Server,
    login: &(String, String),
) -> anyhow::Result<chat::ChatResult> {
    let target = Target {
        ws_url: visitors.ws_url(),
        http_url: visitors.url.clone(),
        widget_key: load::demo_widget_key(&visitors.url).await?,
        agent_cookie: Some(load::login(&agent.url, &login.0, &login.1).await?),
        spread: 1,
        agent_node: Some((agent.ws_url(), agent.url.clone())),
    };
    let opts = chat::ChatOpts {
        senders: args.senders,
        agents: 1,
        rate: Some(args.rate),
        warmup: Duration::from_secs(3),
        duration: Duration::from_secs(args.duration),
    };
    chat::run(&target, opts, 0).await
}

fn row(name: &str, r: &chat::ChatResult) {
    let p: &Percentiles = &r.end_to_end;
    println!(
        "| {name} | {:.0}/s | {:.2} | {:.2} | {:.2} | {} |",
        r.delivered_per_sec, p.p50_ms, p.p99_ms, p.p999_ms, r.undelivered
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let binary = args
        .server_bin
        .clone()
        .unwrap_or_else(|| proc::sibling_binary("frontdesk"));

    println!("one node on PostgreSQL …");
    let db = baseline::fresh_postgres(&args.postgres).await?;
    let single = proc::start_frontdesk(&binary, Some(&db)).await?;
    let login = single.login.clone().context("the first start prints the login")?;
    let alone = paced(&args, &single, &single, &login).await;
    single.stop().await;
    baseline::drop_postgres(&args.postgres, &db).await;
    let alone = alone?;

    println!("three nodes on PostgreSQL and NATS …");
    let db = baseline::fresh_postgres(&args.postgres).await?;
    let prefix = format!("fdbench{}", std::process::id());
    let settings = [
        ("FRONTDESK_CLUSTER__NATS_URL", args.nats.as_str()),
        ("FRONTDESK_CLUSTER__SUBJECT_PREFIX", prefix.as_str()),
        ("FRONTDESK_SECRET_KEY", "bench-key-shared-by-the-nodes"),
    ];
    let first = proc::start_frontdesk_with(&binary, Some(&db), &settings).await?;
    let login = first.login.clone().context("the first start prints the login")?;
    let second = proc::start_frontdesk_with(&binary, Some(&db), &settings).await?;
    let third = proc::start_frontdesk_with(&binary, Some(&db), &settings).await?;
    let across = paced(&args, &first, &second, &login).await;
    for node in [first, second, third] {
        node.stop().await;
    }
    baseline::drop_postgres(&args.postgres, &db).await;
    let across = across?;

    println!(
        "\n{} senders, {:.0} messages/s offered, {} s measured; visitor send → agent receive, ms\n",
        args.senders, args.rate, args.duration
    );
    println!("| setup | delivered | p50 | p99 | p99.9 | undelivered |");
    println!("|---|---|---|---|---|---|");
    row("1 node (visitor and agent on it)", &alone);
    row("3 nodes (visitor on 1, agent on 2)", &across);
    println!(
        "\ncrossing nodes adds {:.2} ms at p50 and {:.2} ms at p99 (target ≤ 5 ms at p99)",
        across.end_to_end.p50_ms - alone.end_to_end.p50_ms,
        across.end_to_end.p99_ms - alone.end_to_end.p99_ms
    );
    Ok(())
}
