//! Live chat (§2, §3): the operations both sockets share, and the sockets themselves.
//! Every operation stores first and publishes after, so what a socket hears is durable.

pub mod actions;
mod agent_frames;
mod agent_socket;
pub mod auto;
pub mod bot;
mod bot_execute;
mod ops;
pub(crate) mod record;
pub mod select;
mod socket;
pub(crate) mod stat_queue;
mod visitor_frames;
mod visitor_socket;

pub use agent_socket::agent_ws;
pub use ops::{
    agents_online, close_conversation, close_idle_conversations, publish_changed, summary,
};
pub use visitor_socket::{allowed_origin as visitor_ws_origin_allowed, visitor_ws};

/// E-mails an account's owners and admins (see [`ops::email_team`]).
pub async fn ops_email_team(
    state: &crate::state::AppState,
    account: &frontdesk_core::account::Account,
    kind: &str,
    subject_key: &str,
    body: &str,
) -> Result<(), frontdesk_store::StoreError> {
    ops::email_team(state, account, kind, subject_key, "", body).await
}
