//! Building the app and running it until shutdown.

use crate::{
    error::{render_error_pages, AppError},
    routes,
    state::AppState,
};
use axum::{
    http::{header, HeaderValue, StatusCode},
    middleware,
    serve::ListenerExt,
    Router,
};
use std::{net::SocketAddr, time::Duration};
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};
use tower_http::{
    limit::RequestBodyLimitLayer,
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer},
};
use tracing::Level;

/// The full router with its layers: tracing, timeouts, body limits, error pages.
pub fn router(state: AppState) -> Router {
    let http = &state.config.http;
    routes::router()
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            render_error_pages,
        ))
        .layer(RequestBodyLimitLayer::new(http.body_limit_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(http.request_timeout_secs),
        ))
        .layer(middleware::from_fn(crate::api::json_errors))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// A server accepting connections in the background.
pub struct RunningServer {
    /// Where it listens (the real port when started on port 0).
    pub addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: JoinHandle<std::io::Result<()>>,
    /// The webhook worker, which lives as long as the server.
    webhooks: JoinHandle<()>,
}

impl RunningServer {
    /// Stops accepting connections and lets those under way finish, up to the configured
    /// grace period; returns once the server has stopped.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        self.wait().await
    }

    /// Waits until the server stops by itself (after `shutdown` or a failure).
    pub async fn wait(self) -> anyhow::Result<()> {
        let served = self.task.await;
        // A request cut here is sent again once its hold expires: at least once, never lost.
        self.webhooks.abort();
        served??;
        Ok(())
    }

    /// A handle that can ask the server to stop, e.g. from a signal handler.
    pub fn stopper(&self) -> watch::Sender<bool> {
        self.stop.clone()
    }
}

/// Serves the app on `listener` until told to stop.
pub fn start(state: AppState, listener: TcpListener) -> std::io::Result<RunningServer> {
    let addr = listener.local_addr()?;
    let grace = Duration::from_secs(state.config.http.shutdown_grace_secs);
    let sockets = state.stopping.clone();
    let webhooks = crate::webhooks::spawn_worker(state.clone());
    let app = router(state);
    let (stop, mut stopped) = watch::channel(false);
    let mut stopped_for_grace = stop.subscribe();
    // Chat frames are small and often come in bursts (a click, then the bot's messages):
    // with Nagle's algorithm the second frame would wait for the peer's delayed ACK (~40 ms).
    let listener = listener.tap_io(|tcp| {
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::debug!(error = %err, "could not set TCP_NODELAY");
        }
    });
    let task = tokio::spawn(async move {
        // The peer address feeds the optional country database (§5).
        let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            let _ = stopped.wait_for(|s| *s).await;
            tracing::info!("shutting down: no new connections, draining those under way");
            // WebSockets are no longer HTTP requests the server waits for: tell them to go,
            // so clients reconnect (to this node after a restart, or to another one).
            let _ = sockets.send(true);
        });
        // Connections that outlive the grace period are cut, so a stuck client cannot hold
        // a deploy hostage.
        let deadline = async move {
            let _ = stopped_for_grace.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        };
        tokio::select! {
            result = server => result,
            () = deadline => {
                tracing::warn!(?grace, "grace period over: closing remaining connections");
                Ok(())
            }
        }
    });
    Ok(RunningServer {
        addr,
        stop,
        task,
        webhooks,
    })
}
