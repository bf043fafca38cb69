//! Webhooks (§9): events written into a durable outbox when things happen, delivered signed
//! by a worker that retries with back-off, switches off an endpoint that fails for good and
//! tells the account's owners.

pub mod deliver;
pub mod events;
pub mod guard;
pub mod interest;
pub mod manage;
pub mod secret;

pub use deliver::spawn_worker;
