//! The JSON REST API under `/api/v1` (§9), authenticated by per-account API keys.

pub mod auth;
pub mod error;
pub mod keys;
