//! The persistence ceiling: how fast the same database, with Frontdesk's own schema and
//! settings, takes message rows in batched transactions with nothing else going on.

use anyhow::Context;
use frontdesk_core::{
    account::{DisplayName, Language, NewAccount, TimeZoneName},
    conversation::ConversationStatus,
};
use sqlx::{Connection, Executor};
use std::time::{Duration, Instant};

/// Rows in one transaction of the raw baseline.
pub const BATCH_ROWS: usize = 100;

/// Result of the raw batched-insert run.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct InsertRate {
    pub rows: u64,
    pub rows_per_sec: f64,
}

/// A fresh, empty database on the PostgreSQL server `admin_url` names.
pub async fn fresh_postgres(admin_url: &str) -> anyhow::Result<String> {
    let name = format!("fd_bench_{}_{}", std::process::id(), rand_suffix());
    let mut conn = sqlx::PgConnection::connect(admin_url).await?;
    conn.execute(format!("CREATE DATABASE \"{name}\"").as_str())
        .await?;
    let (base, _) = admin_url
        .rsplit_once('/')
        .context("database URL without a path")?;
    Ok(format!("{base}/{name}"))
}

/// Drops a database made by [`fresh_postgres`].
pub async fn drop_postgres(admin_url: &str, url: &str) {
    let Some((_, name)) = url.rsplit_once('/') else {
        return;
    };
    if let Ok(mut conn) = sqlx::PgConnection::connect(admin_url).await {
        let _ = conn
            .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
            .await;
    }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos().into())
        .unwrap_or(0)
}

/// Sets up Frontdesk's schema (through its own migrations) with one account and `writers`
/// conversations; returns the account id and the conversation ids.
async fn prepare(url: &str, writers: usize) -> anyhow::Result<(i64, Vec<i64>)> {
    let store = frontdesk_store::open(url, 4, true).await?;
    let account = store
        .create_account(
            &NewAccount {
                name: DisplayName::parse("Bench")?,
                allowed_domains: vec![],
                time_zone: TimeZoneName::parse("UTC")?,
                default_language: Language::parse("en")?,
                office_hours: Default::default(),
                plan: "UNLIMITED".into(),
            },
            0,
        )
        .await?;
    let mut conversations = Vec::new();
    for w in 0..writers {
        let visitor = format!("bench-visitor-{w}");
        store.create_visitor(account.id, &visitor, 0).await?;
        let c = store
            .create_conversation(account.id, &visitor, ConversationStatus::Open, 0)
            .await?;
        conversations.push(c.id);
    }
    store.close().await;
    Ok((account.id.0, conversations))
}

/// One multi-row INSERT of `BATCH_ROWS` messages with `$n` placeholders (both dialects).
fn batch_sql() -> String {
    let mut sql = String::from(
        "INSERT INTO messages (account_id, conversation_id, seq, author, kind, body, \
         client_id, dedupe_key, created_at) VALUES ",
    );
    for row in 0..BATCH_ROWS {
        // $1 and $2 (account, conversation) are shared; each row has five of its own.
        let b = 2 + row * 5;
        if row > 0 {
            sql.push(',');
        }
        sql.push_str(&format!(
            "($1, $2, ${}, 'visitor', 'message', ${}, ${}, ${}, ${})",
            b + 1,
            b + 2,
            b + 3,
            b + 4,
            b + 5
        ));
    }
    sql
}

macro_rules! insert_loop {
    ($pool:expr, $account:expr, $conversation:expr, $writer:expr, $until:expr) => {{
        let sql = batch_sql();
        let mut seq: i64 = 0;
        let mut rows: u64 = 0;
        while Instant::now() < $until {
            let mut tx = $pool.begin().await?;
            let mut q = sqlx::query(&sql).bind($account).bind($conversation);
            for _ in 0..BATCH_ROWS {
                seq += 1;
                q = q
                    .bind(seq)
                    .bind("Hello, I have a question about my order")
                    .bind(format!("c-{}-{seq}", $writer))
                    .bind(format!("bench:{}:{seq}", $writer))
                    .bind(seq);
            }
            q.execute(&mut *tx).await?;
            tx.commit().await?;
            rows += BATCH_ROWS as u64;
        }
        Ok::<u64, anyhow::Error>(rows)
    }};
}

/// Inserts message rows in batches of [`BATCH_ROWS`] per transaction for `duration`, with
/// `writers` concurrent writers, on the database `url` names (SQLite file or PostgreSQL).
pub async fn raw_insert_rate(
    url: &str,
    writers: usize,
    duration: Duration,
) -> anyhow::Result<InsertRate> {
    let (account, conversations) = prepare(url, writers).await?;
    let started = Instant::now();
    let until = started + duration;
    let mut tasks = tokio::task::JoinSet::new();
    if url.starts_with("sqlite:") {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
        use std::str::FromStr;
        // The settings Frontdesk's store uses, so the ceiling is for the same durability.
        let options = SqliteConnectOptions::from_str(url)?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(writers as u32)
            .connect_with(options)
            .await?;
        for (w, c) in conversations.into_iter().enumerate() {
            let pool = pool.clone();
            tasks.spawn(async move { insert_loop!(pool, account, c, w, until) });
        }
    } else {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(writers as u32)
            .connect(url)
            .await?;
        for (w, c) in conversations.into_iter().enumerate() {
            let pool = pool.clone();
            tasks.spawn(async move { insert_loop!(pool, account, c, w, until) });
        }
    }
    let mut rows = 0;
    while let Some(done) = tasks.join_next().await {
        rows += done??;
    }
    let secs = started.elapsed().as_secs_f64();
    Ok(InsertRate {
        rows,
        rows_per_sec: rows as f64 / secs,
    })
}
