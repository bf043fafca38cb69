//! Frontdesk's domain: ids, validated newtypes and the pure rules every other crate relies on.
//! Nothing here does I/O, so every rule can be tested by tables of cases.

pub mod account;
pub mod agent;
pub mod api_key;
pub mod auto;
pub mod clock;
pub mod contact;
pub mod conversation;
pub mod error;
pub mod flow;
pub mod ids;
pub mod metering;
pub mod office_hours;
pub mod outbox;
pub mod stats;
pub mod targeting;
pub mod webhook;
pub mod wire;

pub use error::ValidationError;
