//! How fast the statistics pages answer as data grows (§8), on SQLite and PostgreSQL.
//!
//! For each size it seeds a fresh database with a year of synthetic conversations — their
//! statistics events, and the same conversations as transcripts (conversations and
//! messages) — starts the real server, logs in and times the statistics pages over HTTP.
//! Beside each figure it times the naive alternative: computing the same totals by scanning
//! conversations and their messages.
//!
//! ```sh
//! cargo run --release -p frontdesk-stats-bench -- [--sizes 10000,100000,1000000]
//!     [--backends sqlite,postgres]
//! ```
//! PostgreSQL runs when `FRONTDESK_BENCH_DATABASE_URL` (or `FRONTDESK_TEST_DATABASE_URL`)
//! names a server where a scratch database may be created and dropped.

mod naive;
mod seed;

use frontdesk_core::{clock::ManualClock, stats::DateRange};
use frontdesk_server::{accounts::bootstrap_demo, AppState, Config};
use std::{sync::Arc, time::Instant};

/// 2026-11-25 12:00 UTC: "now" for the server, so every run sees the same year.
const NOW_MS: i64 = 1_795_608_000_000;
const DAY_MS: i64 = 86_400_000;

struct Args {
    sizes: Vec<u64>,
    backends: Vec<String>,
}

fn args() -> anyhow::Result<Args> {
    let mut sizes = vec![10_000, 100_000, 1_000_000];
    let mut backends = vec!["sqlite".to_owned(), "postgres".to_owned()];
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let value = it.next().unwrap_or_default();
        match arg.as_str() {
            "--sizes" => {
                sizes = value
                    .split(',')
                    .map(|s| s.trim().parse())
                    .collect::<Result<_, _>>()?
            }
            "--backends" => backends = value.split(',').map(str::to_owned).collect(),
            other => anyhow::bail!("unknown argument {other} (use --sizes and --backends)"),
        }
    }
    Ok(Args { sizes, backends })
}

/// The median of a few timings, in milliseconds.
fn median_ms(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

async fn time_page(client: &reqwest::Client, url: &str, runs: usize) -> anyhow::Result<f64> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let response = client.get(url).send().await?;
        anyhow::ensure!(response.status() == 200, "{url}: {}", response.status());
        response.text().await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(median_ms(times))
}

/// The conversation statistics alone (what the page computes before rendering), median of 5.
async fn time_aggregation(
    state: &AppState,
    account: &frontdesk_core::account::Account,
    range: &DateRange,
) -> anyhow::Result<f64> {
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        frontdesk_server::stats::conversations(state, account, range, None).await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(median_ms(times))
}

async fn log_in(base: &str, email: &str, password: &str) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let page = client
        .get(format!("{base}/dashboard/login"))
        .send()
        .await?
        .text()
        .await?;
    let marker = "name=\"csrf\" value=\"";
    let start = page
        .find(marker)
        .ok_or_else(|| anyhow::anyhow!("no CSRF field"))?
        + marker.len();
    let csrf = &page[start..start + page[start..].find('"').unwrap_or(0)];
    let login = client
        .post(format!("{base}/dashboard/login"))
        .form(&[("email", email), ("password", password), ("csrf", csrf)])
        .send()
        .await?;
    anyhow::ensure!(login.status() == 303, "login failed: {}", login.status());
    Ok(client)
}

/// A scratch database: a temporary SQLite file or a new PostgreSQL database.
struct Scratch {
    url: String,
    admin: Option<String>,
    _dir: tempfile::TempDir,
}

async fn scratch(backend: &str) -> anyhow::Result<Option<Scratch>> {
    let dir = tempfile::tempdir()?;
    if backend == "sqlite" {
        // FRONTDESK_BENCH_SQLITE_DIR keeps the databases there, to look into afterwards.
        let dir = match std::env::var_os("FRONTDESK_BENCH_SQLITE_DIR") {
            Some(keep) => tempfile::Builder::new()
                .disable_cleanup(true)
                .tempdir_in(keep)?,
            None => dir,
        };
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        return Ok(Some(Scratch {
            url,
            admin: None,
            _dir: dir,
        }));
    }
    let admin = std::env::var("FRONTDESK_BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("FRONTDESK_TEST_DATABASE_URL"));
    let Ok(admin) = admin else {
        eprintln!("FRONTDESK_BENCH_DATABASE_URL is not set: PostgreSQL skipped");
        return Ok(None);
    };
    use sqlx::{Connection, Executor};
    let name = format!("fd_bench_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(&admin).await?;
    conn.execute(format!("CREATE DATABASE \"{name}\"").as_str())
        .await?;
    let mut url = url::Url::parse(&admin)?;
    url.set_path(&name);
    Ok(Some(Scratch {
        url: url.to_string(),
        admin: Some(admin),
        _dir: dir,
    }))
}

impl Scratch {
    async fn drop_database(&self) -> anyhow::Result<()> {
        use sqlx::{Connection, Executor};
        if let Some(admin) = &self.admin {
            let name = url::Url::parse(&self.url)?
                .path()
                .trim_start_matches('/')
                .to_owned();
            let mut conn = sqlx::PgConnection::connect(admin).await?;
            conn.execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                .await?;
        }
        Ok(())
    }
}

async fn run_one(backend: &str, size: u64) -> anyhow::Result<()> {
    let Some(db) = scratch(backend).await? else {
        return Ok(());
    };
    let store = frontdesk_store::open(&db.url, 8, true).await?;
    let config = Config {
        data_dir: db._dir.path().to_owned(),
        ..Config::default()
    };
    let state = AppState::new(store.clone(), config, Arc::new(ManualClock::new(NOW_MS)))?;
    let demo = bootstrap_demo(&*store, &state.passwords, NOW_MS - 400 * DAY_MS)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the scratch database was not empty"))?;

    let seeded = Instant::now();
    let counts = seed::seed(&state, &demo.account, &db.url, size, NOW_MS - 365 * DAY_MS).await?;
    let seed_s = seeded.elapsed().as_secs_f64();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let server = frontdesk_server::start(state.clone(), listener)?;
    let base = format!("http://{}", server.addr);
    let client = log_in(&base, &demo.email, &demo.password).await?;
    let month = "from=2026-10-27&to=2026-11-25";
    let year = "from=2025-11-26&to=2026-11-25";
    let page30 = time_page(&client, &format!("{base}/dashboard/statistics?{month}"), 5).await?;
    let page365 = time_page(&client, &format!("{base}/dashboard/statistics?{year}"), 3).await?;
    let bots30 = time_page(
        &client,
        &format!("{base}/dashboard/statistics/chatbots?{month}"),
        5,
    )
    .await?;
    let bots365 = time_page(
        &client,
        &format!("{base}/dashboard/statistics/chatbots?{year}"),
        3,
    )
    .await?;
    let month_range = DateRange::parse("2026-10-27", "2026-11-25")?;
    let year_range = DateRange::parse("2025-11-26", "2026-11-25")?;
    let agg30 = time_aggregation(&state, &demo.account, &month_range).await?;
    let agg365 = time_aggregation(&state, &demo.account, &year_range).await?;
    let naive30 = naive::time(
        &db.url,
        demo.account.id.0,
        NOW_MS - 29 * DAY_MS - 12 * 3_600_000,
        3,
    )
    .await?;
    let naive365 = naive::time(
        &db.url,
        demo.account.id.0,
        NOW_MS - 364 * DAY_MS - 12 * 3_600_000,
        3,
    )
    .await?;
    println!(
        "{backend:<8} {size:>9} {:>10} {:>9} {seed_s:>8.1} | {page30:>9.1} {page365:>9.1} \
         {bots30:>9.1} {bots365:>9.1} | {agg30:>9.1} {agg365:>9.1} | {:>9.1} {:>9.1}",
        counts.events, counts.messages, naive30.0, naive365.0
    );
    eprintln!(
        "  check: the naive scan found {} and {} conversations; the events say {} in the year",
        naive30.1, naive365.1, counts.conversations
    );
    server.shutdown().await?;
    store.close().await;
    db.drop_database().await
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args()?;
    println!(
        "Statistics page response times (median of 3–5 requests over HTTP, milliseconds) on a\n\
         year of synthetic conversations; the conversation statistics computed alone from the\n\
         event table (stats); and the same totals computed by scanning transcripts (naive)."
    );
    println!(
        "{:<8} {:>9} {:>10} {:>9} {:>8} | {:>9} {:>9} {:>9} {:>9} | {:>9} {:>9} | {:>9} {:>9}",
        "backend",
        "convs",
        "events",
        "messages",
        "seed s",
        "page 30d",
        "page 1y",
        "bots 30d",
        "bots 1y",
        "stats 30d",
        "stats 1y",
        "naive 30d",
        "naive 1y"
    );
    for backend in &args.backends {
        for &size in &args.sizes {
            run_one(backend, size).await?;
        }
    }
    Ok(())
}
