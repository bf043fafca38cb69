//! The delivery ceiling: a WebSocket server with Frontdesk's endpoints and buffer sizes that
//! acknowledges each visitor message at once and broadcasts it to every agent socket, with
//! no persistence, no authentication and no state. Usage: `echo-server ADDR`.

use axum::{
    extract::{
        ws::{Message, WebSocket},
        State, WebSocketUpgrade,
    },
    response::Response,
    routing::get,
    Router,
};
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::sync::broadcast;

type Hub = broadcast::Sender<Arc<str>>;

fn configure(upgrade: WebSocketUpgrade) -> WebSocketUpgrade {
    upgrade
        .read_buffer_size(4 * 1024)
        .write_buffer_size(4 * 1024)
        .max_write_buffer_size(256 * 1024)
        .max_message_size(64 * 1024)
}

async fn visitor(State(hub): State<Hub>, upgrade: WebSocketUpgrade) -> Response {
    configure(upgrade).on_upgrade(move |ws| serve_visitor(ws, hub))
}

async fn agent(State(hub): State<Hub>, upgrade: WebSocketUpgrade) -> Response {
    configure(upgrade).on_upgrade(move |ws| serve_agent(ws, hub))
}

async fn serve_visitor(mut ws: WebSocket, hub: Hub) {
    while let Some(Ok(Message::Text(text))) = ws.recv().await {
        let Ok(frame) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let reply = match frame["type"].as_str() {
            Some("hello") => json!({"type": "welcome", "v": 1, "token": "echo",
                "visitor_id": "echo", "conversation": null, "messages": [],
                "agents_online": true, "reset": false}),
            Some("send") => {
                let message = json!({"author": "visitor", "kind": "message",
                    "client_id": frame["client_id"], "body": frame["body"]});
                let out = json!({"type": "message", "message": message}).to_string();
                let _ = hub.send(out.into());
                json!({"type": "ack", "client_id": frame["client_id"], "message": message})
            }
            Some("ping") => json!({"type": "pong"}),
            _ => continue,
        };
        if ws
            .send(Message::Text(reply.to_string().into()))
            .await
            .is_err()
        {
            return;
        }
    }
}

async fn serve_agent(mut ws: WebSocket, hub: Hub) {
    let mut rx = hub.subscribe();
    loop {
        tokio::select! {
            incoming = ws.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    if text.contains("\"hello\"") {
                        let welcome = json!({"type": "welcome", "v": 1, "conversations": []});
                        if ws.send(Message::Text(welcome.to_string().into())).await.is_err() {
                            return;
                        }
                    }
                }
                Some(Ok(_)) => {}
                _ => return,
            },
            event = rx.recv() => match event {
                Ok(text) => {
                    if ws.send(Message::Text(text.to_string().into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return,
            },
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".into());
    let (hub, _) = broadcast::channel(4096);
    let app = Router::new()
        .route("/ws/visitor", get(visitor))
        .route("/ws/agent", get(agent))
        .with_state(hub);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("echo-server listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
