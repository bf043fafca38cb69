//! Liveness and readiness for load balancers and orchestrators.

use crate::state::AppState;
use axum::{extract::State, http::StatusCode};

/// The process is up and serving.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The node can do useful work: its database answers.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) if !state.bus.healthy() => {
            tracing::warn!("not ready: the event bus is not connected");
            (StatusCode::SERVICE_UNAVAILABLE, "event bus unavailable")
        }
        Ok(()) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "not ready: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
