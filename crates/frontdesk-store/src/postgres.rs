//! PostgreSQL, for several nodes sharing one database.

use crate::{sql_impl::impl_store, Backend, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::{str::FromStr, time::Duration};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Nodes claiming outbox rows at once skip the rows another is taking instead of
    /// queueing behind it and coming away empty.
    const CLAIM_LOCK: &'static str = " FOR UPDATE OF d SKIP LOCKED";
    const BACKEND: Backend = Backend::Postgres;

    /// Connects to `url` (`postgres://…`) without migrating.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url)?.application_name("frontdesk");
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Applies the embedded PostgreSQL migrations that are not applied yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }
}

impl_store!(PgStore);
