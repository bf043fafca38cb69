//! Seeding a year of conversations: statistics events through the store (as the server
//! writes them), and the same conversations as transcripts for the naive baseline.

use frontdesk_core::{
    account::Account,
    flow::Flow,
    stats::{StatEvent, StatKind, Synthetic},
};
use frontdesk_server::AppState;

/// What was written.
pub struct Counts {
    pub events: u64,
    pub conversations: u64,
    pub messages: u64,
}

/// One conversation as the transcript tables hold it.
struct Transcript {
    id: i64,
    agent: Option<i64>,
    created_at: i64,
    first_reply_at: Option<i64>,
    closed_at: Option<i64>,
    rating: Option<i64>,
}

fn transcript(events: &[StatEvent]) -> Option<Transcript> {
    let started = events.iter().find(|e| e.kind == StatKind::Started)?;
    let first = events.iter().find(|e| e.kind == StatKind::FirstReply);
    Some(Transcript {
        id: started.conversation_id,
        agent: first.and_then(|e| e.agent_id),
        created_at: started.occurred_at_ms,
        first_reply_at: first.map(|e| e.occurred_at_ms),
        closed_at: events
            .iter()
            .find(|e| e.kind == StatKind::Closed)
            .map(|e| e.occurred_at_ms),
        rating: events
            .iter()
            .find(|e| e.kind == StatKind::Rated)
            .and_then(|e| e.value),
    })
}

macro_rules! write_transcripts {
    ($pool:expr, $account:expr, $batch:expr) => {{
        let pool = $pool;
        let batch: &[Transcript] = $batch;
        let mut tx = pool.begin().await?;
        for chunk in batch.chunks(500) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO conversations (id, account_id, visitor_id, status, \
                 assigned_agent_id, last_seq, rating, created_at, updated_at, last_message_at, \
                 closed_at) ",
            );
            q.push_values(chunk, |mut b, t| {
                let status = match (t.closed_at, t.first_reply_at) {
                    (Some(_), _) => "closed",
                    (None, Some(_)) => "served",
                    _ => "open",
                };
                let last = t.closed_at.or(t.first_reply_at).unwrap_or(t.created_at);
                b.push_bind(t.id)
                    .push_bind($account)
                    .push_bind("bench-visitor")
                    .push_bind(status)
                    .push_bind(t.agent)
                    .push_bind(if t.first_reply_at.is_some() { 2_i64 } else { 1 })
                    .push_bind(t.rating)
                    .push_bind(t.created_at)
                    .push_bind(last)
                    .push_bind(last)
                    .push_bind(t.closed_at);
            });
            q.build().execute(&mut *tx).await?;
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO messages (account_id, conversation_id, seq, author, \
                 author_agent_id, kind, body, created_at) ",
            );
            let messages: Vec<(i64, i64, &str, Option<i64>, i64)> = chunk
                .iter()
                .flat_map(|t| {
                    let first = (t.id, 1, "visitor", None, t.created_at);
                    let reply = t.first_reply_at.map(|at| (t.id, 2, "agent", t.agent, at));
                    std::iter::once(first).chain(reply)
                })
                .collect();
            q.push_values(&messages, |mut b, m| {
                b.push_bind($account)
                    .push_bind(m.0)
                    .push_bind(m.1)
                    .push_bind(m.2)
                    .push_bind(m.3)
                    .push_bind("message")
                    .push_bind("Hello, I have a question about my order.")
                    .push_bind(m.4);
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok::<u64, anyhow::Error>(
            batch
                .iter()
                .map(|t| 1 + u64::from(t.first_reply_at.is_some()))
                .sum(),
        )
    }};
}

pub enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// A raw pool on the bench database, for what the store has no bulk method for.
pub async fn raw_pool(url: &str) -> anyhow::Result<Pool> {
    Ok(if url.starts_with("sqlite:") {
        Pool::Sqlite(sqlx::SqlitePool::connect(url).await?)
    } else {
        Pool::Postgres(sqlx::PgPool::connect(url).await?)
    })
}

/// Seeds `size` conversations spread over the year from `from_ms`.
pub async fn seed(
    state: &AppState,
    account: &Account,
    url: &str,
    size: u64,
    from_ms: i64,
) -> anyhow::Result<Counts> {
    let store = &state.store;
    let mut chatbots = Vec::new();
    for bot in store.list_chatbots(account.id).await? {
        if bot.language != "en" {
            continue;
        }
        if let Some(version) = bot.published_version {
            if let Some(doc) = store.chatbot_version(account.id, bot.id, version).await? {
                chatbots.push((bot.id, bot.language.clone(), Flow::parse(&doc)?));
            }
        }
    }
    let agents: Vec<i64> = store
        .list_agents(account.id)
        .await?
        .iter()
        .map(|a| a.id.0)
        .collect();
    let spec = Synthetic {
        account_id: account.id.0,
        first_conversation_id: 1,
        conversations: size,
        from_ms,
        days: 365,
        agents: &agents,
        chatbots: &chatbots,
        seed: 42,
    };
    let pool = raw_pool(url).await?;
    let insert_visitor = "INSERT INTO visitors (id, account_id, created_at, last_seen_at) \
                          VALUES ('bench-visitor', $1, $2, $2)";
    match &pool {
        Pool::Sqlite(p) => {
            sqlx::query(insert_visitor)
                .bind(account.id.0)
                .bind(from_ms)
                .execute(p)
                .await?;
        }
        Pool::Postgres(p) => {
            sqlx::query(insert_visitor)
                .bind(account.id.0)
                .bind(from_ms)
                .execute(p)
                .await?;
        }
    }
    let mut counts = Counts {
        events: 0,
        conversations: 0,
        messages: 0,
    };
    let step = 5_000;
    let mut i = 0;
    while i < size {
        let end = (i + step).min(size);
        let mut events = Vec::new();
        let mut transcripts = Vec::new();
        for n in i..end {
            let conversation = spec.conversation(n);
            if let Some(t) = transcript(&conversation) {
                transcripts.push(t);
            }
            events.extend(conversation);
        }
        counts.events += store.record_stats(&events).await?;
        counts.conversations += transcripts.len() as u64;
        counts.messages += match &pool {
            Pool::Sqlite(p) => write_transcripts!(p, account.id.0, &transcripts)?,
            Pool::Postgres(p) => write_transcripts!(p, account.id.0, &transcripts)?,
        };
        i = end;
    }
    // The query planner should know the tables' new sizes, as it would in production.
    match &pool {
        Pool::Sqlite(p) => {
            sqlx::query("ANALYZE").execute(p).await?;
        }
        Pool::Postgres(p) => {
            // Autovacuum would do this soon after a bulk load; index-only scans need it.
            sqlx::query("VACUUM ANALYZE").execute(p).await?;
        }
    }
    Ok(counts)
}
