//! Black-box tests: the real app on port 0 with a fresh database, driven over HTTP, and the
//! real binary driven like an operator would. One test binary for all of them.

mod api;
mod api_chatbots;
mod api_cli;
mod api_contacts;
mod api_isolation;
mod api_keys_page;
mod api_reference;
mod automatic;
mod bots;
mod browser;
mod browser_bots;
mod browser_chat;
mod browser_settings;
mod browser_stats;
mod browser_targeting;
mod chat;
mod chatbots;
mod chatbots_settings;
mod cli;
mod cluster;
mod csrf;
mod email;
mod helpers;
mod isolation;
mod limits;
mod login;
mod metering;
mod protocol;
mod serve;
mod shutdown;
mod smtp_sink;
mod stats;
mod targeting;
mod ws;
