//! PostgreSQL, for several nodes sharing one database.

use crate::{group_commit::GroupCommit, sql_impl::impl_store, Backend, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::{str::FromStr, time::Duration};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    /// The same pool: PostgreSQL takes concurrent writers (see `sql_impl`).
    writes: PgPool,
    commits: GroupCommit,
}

impl PgStore {
    /// Nodes claiming outbox rows at once skip the rows another is taking instead of
    /// queueing behind it and coming away empty.
    const CLAIM_LOCK: &'static str = " FOR UPDATE OF d SKIP LOCKED";
    const BACKEND: Backend = Backend::Postgres;
    const BEGIN_WRITE: &'static str = "BEGIN";
    /// Locks the conversation row for the rest of the batch: another node's append to the
    /// same conversation waits instead of taking the same number.
    const ROW_LOCK: &'static str = " FOR UPDATE";
    /// Each lane is one connection writing batches; conversations are spread over them.
    const WRITER_LANES: usize = 4;
    /// PostgreSQL's commit already waits for its WAL to reach the disk.
    const DURABLE_COMMIT: Option<(&'static str, &'static str)> = None;
    /// Several writers insert at once, so ids are not consecutive: inserts return their rows.
    const INSERT_RETURNS_ROWS: bool = true;

    /// Rows come over the network in one stream: a batch reads its conversations as rows
    /// (and locks them, `ROW_LOCK`).
    const READ_BATCH_AS_JSON: bool = false;

    /// Not used: PostgreSQL's inserts return their rows.
    fn last_id_inserted(_: &sqlx::postgres::PgQueryResult) -> i64 {
        0
    }

    /// Connects to `url` (`postgres://…`) without migrating.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url)?.application_name("frontdesk");
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        let commits = Self::start_group_commit(&pool);
        Ok(Self {
            writes: pool.clone(),
            pool,
            commits,
        })
    }

    /// Applies the embedded PostgreSQL migrations that are not applied yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }
}

impl_store!(PgStore, sqlx::Postgres);
