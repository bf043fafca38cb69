//! Fresh databases for each test: a temporary SQLite file, or a new PostgreSQL database
//! created on the server that `FRONTDESK_TEST_DATABASE_URL` names and dropped afterwards.

use frontdesk_store::{PgStore, SqliteStore, Store};
use sqlx::{Connection, Executor, PgConnection};

/// The variable naming a PostgreSQL server for the suite.
pub const PG_URL_VAR: &str = "FRONTDESK_TEST_DATABASE_URL";

/// A store on a database that exists for one test only.
pub struct TestDb {
    store: Box<dyn Store>,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    pub fn store(&self) -> &dyn Store {
        &*self.store
    }

    /// Closes the pool and removes the database.
    pub async fn finish(self) {
        self.store.close().await;
        if let Cleanup::Postgres { admin_url, name } = self.cleanup {
            let mut admin = PgConnection::connect(&admin_url).await.unwrap();
            admin
                .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                .await
                .unwrap();
        }
    }
}

/// A migrated SQLite store in a temporary directory.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let store = SqliteStore::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    TestDb {
        store: Box::new(store),
        cleanup: Cleanup::Sqlite(dir),
    }
}

/// A migrated PostgreSQL store in a new database, or `None` (with a notice) when no server
/// is configured.
pub async fn postgres() -> Option<TestDb> {
    let Ok(admin_url) = std::env::var(PG_URL_VAR) else {
        eprintln!("{PG_URL_VAR} is not set: PostgreSQL conformance skipped");
        return None;
    };
    let name = format!("fd_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("{PG_URL_VAR} does not connect: {e}"));
    admin
        .execute(format!("CREATE DATABASE \"{name}\"").as_str())
        .await
        .unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    let store = PgStore::connect(url.as_str(), 4).await.unwrap();
    store.migrate().await.unwrap();
    Some(TestDb {
        store: Box::new(store),
        cleanup: Cleanup::Postgres { admin_url, name },
    })
}
