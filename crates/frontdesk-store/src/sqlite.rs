//! The embedded default: one SQLite file in WAL mode.

use crate::{group_commit::GroupCommit, sql_impl::impl_store, Backend, StoreError};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::{str::FromStr, time::Duration};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// A store in an SQLite database file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// The one connection that writes (see `sql_impl`).
    writes: SqlitePool,
    commits: GroupCommit,
}

impl SqliteStore {
    /// SQLite has one writer at a time, so a claim needs no row locks.
    const CLAIM_LOCK: &'static str = "";
    const BACKEND: Backend = Backend::Sqlite;
    /// Takes the write lock at once, so a batch never fails half-way on a lock upgrade.
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    /// The transaction holds the database's one write lock already.
    const ROW_LOCK: &'static str = "";
    /// SQLite has one writer anyway: one queue makes the biggest batches.
    const WRITER_LANES: usize = 1;
    /// Appends are acknowledged as stored, so their commit waits for the disk (fsync of the
    /// WAL). Other writes keep NORMAL, which survives a crash of the process but maybe not of
    /// the machine; each batch commit syncs everything written before it, too.
    const DURABLE_COMMIT: Option<(&'static str, &'static str)> =
        Some(("PRAGMA synchronous = FULL", "PRAGMA synchronous = NORMAL"));
    /// A batch's messages are inserted without `RETURNING`: sqlx hands every result row from
    /// SQLite's thread to the caller on its own, waking the caller once per row. Under the
    /// batch's write lock, SQLite numbers the rows of one insert consecutively after the
    /// last id, which `last_id_inserted` gives.
    const INSERT_RETURNS_ROWS: bool = false;

    /// For the same reason a batch reads its conversations as one value, a JSON array built by
    /// SQLite, instead of one row per conversation.
    const READ_BATCH_AS_JSON: bool = true;

    /// The id of the last row an insert wrote.
    fn last_id_inserted(done: &sqlx::sqlite::SqliteQueryResult) -> i64 {
        done.last_insert_rowid()
    }

    /// Opens (creating if missing) the database at `url` (`sqlite://PATH`) without migrating.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // WAL with NORMAL is durable across process crashes; only an OS crash can lose
            // the last transactions. Message appends commit with FULL (see `DURABLE_COMMIT`).
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Reads map the file instead of copying each page through a system call.
            .pragma("mmap_size", "268435456")
            // A multi-row insert keeps a statement journal to undo itself on a constraint
            // error; on disk that is a file created and deleted per batch.
            .pragma("temp_store", "memory")
            .busy_timeout(Duration::from_secs(10))
            // sqlx hands each result row from SQLite's thread to the caller through a channel
            // that holds 50 by default: reading a batch's conversations (or an inbox of 200)
            // then stalls SQLite's thread every 50 rows, two context switches each. Room for
            // a whole batch's rows.
            .row_buffer_size(2 * crate::group_commit::MAX_BATCH);
        // An embedded connection cannot drop like a network one, so the pool need not ping
        // it (a round trip to its worker thread) before every query.
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await?;
        let writes = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            // The writer touches the same index and table pages batch after batch: a page
            // cache of 64 MiB (instead of 2) keeps them instead of reading them back. It
            // grows only as pages are used, so an idle server stays small.
            .connect_with(options.pragma("cache_size", "-65536"))
            .await?;
        let commits = Self::start_group_commit(&writes);
        Ok(Self {
            pool,
            writes,
            commits,
        })
    }

    /// Applies the embedded SQLite migrations that are not applied yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }
}

impl_store!(SqliteStore, sqlx::Sqlite);
