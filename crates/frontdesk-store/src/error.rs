//! Storage errors, keeping the database's cause for logs.

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row does not exist, or belongs to another account.
    #[error("not found")]
    NotFound,
    /// A unique value (an e-mail, a key) is already taken.
    #[error("{0} is already in use")]
    Conflict(&'static str),
    /// A stored value no longer parses; the database was edited by hand or is damaged.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The URL names no database Frontdesk can use.
    #[error("{0}")]
    Url(String),
    /// A migration could not be applied.
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The database refused or could not be reached.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Maps a unique-constraint violation to `Conflict(what)`, passing other errors on.
    pub(crate) fn unique(err: sqlx::Error, what: &'static str) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict(what),
            _ => Self::Database(err),
        }
    }
}
