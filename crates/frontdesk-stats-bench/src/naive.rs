//! The naive alternative: the conversation totals computed from the transcripts — every
//! conversation of the range and a look into its messages for the first agent reply.
//! (Transcripts cannot tell whether an agent was online, so the online-only rule cannot
//! even be applied here: one more reason for the event table.)

use crate::seed::{raw_pool, Pool};
use frontdesk_core::stats::median;
use std::time::Instant;

const SQL: &str = "SELECT c.created_at, c.closed_at, c.rating, \
     (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id \
      AND m.author = 'agent' AND m.kind = 'message') AS first_reply \
     FROM conversations c WHERE c.account_id = $1 AND c.created_at >= $2 AND c.created_at < $3";

type Row = (i64, Option<i64>, Option<i64>, Option<i64>);

/// The totals the naive scan yields: conversations, replied, closed, medians, mean rating.
fn totals(rows: &[Row]) -> (usize, usize, usize, Option<i64>, Option<i64>, Option<f64>) {
    let mut first: Vec<i64> = rows.iter().filter_map(|r| r.3.map(|f| f - r.0)).collect();
    let mut close: Vec<i64> = rows.iter().filter_map(|r| r.1.map(|c| c - r.0)).collect();
    let ratings: Vec<i64> = rows.iter().filter_map(|r| r.2).collect();
    let mean =
        (!ratings.is_empty()).then(|| ratings.iter().sum::<i64>() as f64 / ratings.len() as f64);
    (
        rows.len(),
        first.len(),
        close.len(),
        median(&mut first),
        median(&mut close),
        mean,
    )
}

/// Median time of `runs` scans of `[from_ms, now)`, and how many conversations they saw.
pub async fn time(
    url: &str,
    account: i64,
    from_ms: i64,
    runs: usize,
) -> anyhow::Result<(f64, usize)> {
    let pool = raw_pool(url).await?;
    let to_ms = crate::NOW_MS + crate::DAY_MS;
    let mut times = Vec::new();
    let mut seen = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let rows: Vec<Row> = match &pool {
            Pool::Sqlite(p) => {
                sqlx::query_as(SQL)
                    .bind(account)
                    .bind(from_ms)
                    .bind(to_ms)
                    .fetch_all(p)
                    .await?
            }
            Pool::Postgres(p) => {
                sqlx::query_as(SQL)
                    .bind(account)
                    .bind(from_ms)
                    .bind(to_ms)
                    .fetch_all(p)
                    .await?
            }
        };
        let t = totals(&rows);
        seen = t.0;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok((crate::median_ms(times), seen))
}
