//! `frontdesk serve`

use crate::output::Output;
use anyhow::Context;
use frontdesk_core::clock::SystemClock;
use frontdesk_server::{accounts::bootstrap_demo, AppState, Config};
use std::{sync::Arc, time::Duration};
use tokio::net::TcpListener;

fn init_logging(filter: &str) {
    // RUST_LOG, when set, wins over the configured filter, as operators expect.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(filter))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn termination_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Whether this node may run the periodic job `name` now: it takes or renews the job's
/// lease for `ttl_secs`, so exactly one node of several runs it.
async fn holds_lease(state: &AppState, name: &str, node: &str, ttl_secs: i64) -> bool {
    let now = state.now_ms();
    match state
        .store
        .try_lease(name, node, now, now + ttl_secs * 1000)
        .await
    {
        Ok(held) => held,
        Err(err) => {
            tracing::warn!(error = %err, job = name, "could not take the job's lease");
            false
        }
    }
}

/// Every visitor holds a socket, so the server may need tens of thousands of descriptors; the
/// usual soft limit (1,024) is raised to the hard limit, which only the administrator can
/// raise further.
fn raise_open_file_limit() {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::debug!(limit, "open-file limit"),
        Err(err) => tracing::warn!(error = %err, "could not raise the open-file limit"),
    }
}

/// Runs the server until SIGINT or SIGTERM, then drains connections and exits.
pub async fn run(config: Config) -> anyhow::Result<()> {
    init_logging(&config.log.filter);
    raise_open_file_limit();
    let out = Output::new()?;
    let store = super::open_store(&config).await?;
    let listener = TcpListener::bind(config.listen).await.with_context(|| {
        format!(
            "cannot listen on {} (is another server using it? choose another with --listen \
             or FRONTDESK_LISTEN)",
            config.listen
        )
    })?;
    let mut state = AppState::new(store.clone(), config, Arc::new(SystemClock))?;
    let url = format!("http://{}", listener.local_addr()?);
    // This node's name in leases and presence records: unique per process.
    let node = format!(
        "{}-{}",
        std::process::id(),
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let presence = if state.config.cluster.nats_url.is_empty() {
        None
    } else {
        let cluster = &state.config.cluster;
        let bus = frontdesk_server::bus_nats::NatsBus::connect(
            &cluster.nats_url,
            &cluster.subject_prefix,
        )
        .await?;
        state.bus = Arc::new(bus);
        tracing::info!(
            node,
            "sharing events through NATS and presence through the database"
        );
        Some(
            state
                .hub
                .share(store.clone(), state.clock.clone(), node.clone()),
        )
    };

    if let Some(demo) = bootstrap_demo(&*store, &state.passwords, state.now_ms()).await? {
        out.say(
            "cli-demo-created",
            &[("account", demo.account.name.to_string().into())],
        );
        out.say(
            "cli-demo-login",
            &[("url", format!("{url}/dashboard").into())],
        );
        out.say("cli-demo-email", &[("email", demo.email.clone().into())]);
        out.say("cli-demo-password", &[("password", demo.password.into())]);
        out.say("cli-demo-once", &[("email", demo.email.into())]);
    }

    let housekeeping = {
        let state = state.clone();
        let node = node.clone();
        tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                // One node at a time does this; another takes over if it dies (§11).
                if !holds_lease(&state, "housekeeping", &node, 90).await {
                    continue;
                }
                let stale = state.now_ms() - 5 * 60_000;
                if let Err(err) = state.store.sweep_presence(stale).await {
                    tracing::warn!(error = %err, "could not forget gone nodes' presence");
                }
                if let Err(err) = state.store.delete_expired_sessions(state.now_ms()).await {
                    tracing::warn!(error = %err, "could not remove expired sessions");
                }
                let forget_before =
                    state.now_ms() - frontdesk_server::api::idempotency::KEEP_KEYS_MS;
                if let Err(err) = state.store.forget_idempotency_keys(forget_before).await {
                    tracing::warn!(error = %err, "could not forget old idempotency keys");
                }
                match frontdesk_server::chat::close_idle_conversations(&state).await {
                    Ok(0) => {}
                    Ok(closed) => tracing::info!(closed, "closed inactive conversations"),
                    Err(err) => {
                        tracing::warn!(error = %err, "could not close inactive conversations")
                    }
                }
            }
        })
    };

    // The busy notice is due 45 s after an unanswered message: look every few seconds.
    let busy_notices = {
        let state = state.clone();
        let node = node.clone();
        tokio::spawn(async move {
            let mut every_5s = tokio::time::interval(Duration::from_secs(5));
            loop {
                every_5s.tick().await;
                if !holds_lease(&state, "chat-timers", &node, 15).await {
                    continue;
                }
                // A chatbot that joins waiting chats goes first; the busy notice is for the rest.
                if let Err(err) = frontdesk_server::chat::bot::join_unanswered(&state).await {
                    tracing::warn!(error = %err, "chatbots could not join waiting chats");
                }
                if let Err(err) = frontdesk_server::chat::auto::send_busy_notices(&state).await {
                    tracing::warn!(error = %err, "could not send busy notices");
                }
            }
        })
    };

    let email_sender = frontdesk_server::email::sender::spawn(state.clone(), node.clone());

    let server = frontdesk_server::start(state, listener)?;
    out.say("cli-listening", &[("url", url.into())]);
    let stopper = server.stopper();
    tokio::spawn(async move {
        termination_signal().await;
        let _ = stopper.send(true);
    });
    let result = server.wait().await;
    housekeeping.abort();
    busy_notices.abort();
    if let Some(email_sender) = email_sender {
        email_sender.abort();
    }
    if let Some(presence) = presence {
        presence.abort();
    }
    store.close().await;
    result?;
    out.say("cli-stopped", &[]);
    Ok(())
}
