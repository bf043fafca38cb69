//! Frontdesk's HTTP server: the dashboard, the demo page and (later) the widget and API
//! routers, over one [`AppState`]. The binary's `serve` and the tests start the same app
//! through [`app::start`].

pub mod accounts;
pub mod api;
pub mod app;
pub mod bus;
pub mod bus_nats;
pub mod chat;
pub mod chatbots;
pub mod config;
pub mod email;
pub mod error;
pub mod geo;
pub mod hub;
pub mod i18n;
pub mod metering;
pub mod password;
mod routes;
pub mod state;
pub mod stats;
mod templates;
pub mod token;
mod web;
pub mod webhooks;

pub use app::{start, RunningServer};
pub use config::Config;
pub use state::AppState;
