//! A WebSocket client for tests: connect as a visitor or an agent, send and await frames.

use crate::helpers::TestApp;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::{
    connect_async,
    tungstenite::{
        client::IntoClientRequest,
        http::{HeaderName, HeaderValue},
        Message,
    },
    MaybeTlsStream, WebSocketStream,
};

pub type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// How a connection attempt or a connection ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// Refused before upgrading, with this HTTP status.
    Refused(u16),
    /// Closed with this close code.
    Closed(u16),
}

pub async fn connect(url: &str, headers: &[(&str, &str)]) -> Result<Socket, Ended> {
    let mut request = url.into_client_request().unwrap();
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes()).unwrap();
        request
            .headers_mut()
            .insert(name, HeaderValue::from_str(value).unwrap());
    }
    match connect_async(request).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(Ended::Refused(response.status().as_u16()))
        }
        Err(other) => panic!("connect failed: {other}"),
    }
}

/// Opens the visitor socket of the demo account from `origin`.
pub async fn visitor_from(app: &TestApp, origin: &str) -> Result<Socket, Ended> {
    let url = format!(
        "{}/ws/visitor?key={}",
        app.url.replace("http", "ws"),
        app.account.widget_key
    );
    connect(&url, &[("origin", origin)]).await
}

/// A visitor on the demo page: connected and greeted.
pub struct Visitor {
    pub socket: Socket,
    pub welcome: Value,
}

impl Visitor {
    pub fn token(&self) -> String {
        self.welcome["token"].as_str().unwrap().to_owned()
    }
}

/// Connects from `http://localhost` and says hello with `token`, `conversation_id`, `last_seq`.
pub async fn visitor(
    app: &TestApp,
    token: Option<&str>,
    conversation: Option<i64>,
    last_seq: i64,
) -> Visitor {
    let mut socket = visitor_from(app, "http://localhost:3000")
        .await
        .expect("visitor connects");
    send(
        &mut socket,
        json!({
            "type": "hello", "v": 1, "token": token, "conversation_id": conversation,
            "last_seq": last_seq, "language": "en", "device": "desktop",
            "page": {"url": "http://localhost:3000/pricing", "title": "Pricing", "referrer": ""}
        }),
    )
    .await;
    let welcome = expect_within(&mut socket, "welcome", |_| true, 60).await;
    Visitor { socket, welcome }
}

/// Opens the agent socket with a logged-in browser's session cookie.
pub async fn agent(app: &TestApp, email: &str, password: &str) -> Socket {
    agent_at(&app.url, email, password).await
}

/// Logs in on the server at `base_url` (any node) and opens the agent socket there.
pub async fn agent_at(base_url: &str, email: &str, password: &str) -> Socket {
    let browser = crate::helpers::browser();
    let login = crate::helpers::login_at(base_url, &browser, email, password).await;
    assert_eq!(login.status(), 303, "agent login on {base_url}");
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let url = format!("{}/ws/agent", base_url.replace("http", "ws"));
    let mut socket = connect(&url, &[("cookie", &cookie), ("origin", base_url)])
        .await
        .expect("agent connects");
    send(&mut socket, json!({"type": "hello", "v": 1})).await;
    expect(&mut socket, "welcome").await;
    socket
}

pub async fn send(socket: &mut Socket, frame: Value) {
    socket
        .send(Message::Text(frame.to_string().into()))
        .await
        .unwrap();
}

pub async fn send_text(socket: &mut Socket, text: String) {
    socket.send(Message::Text(text.into())).await.unwrap();
}

/// The next frame whose type is one of `kinds`.
pub async fn expect_any(socket: &mut Socket, kinds: &[&str]) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let next = tokio::time::timeout_at(deadline, socket.next())
            .await
            .expect("a frame within 10 s");
        if let Some(Ok(Message::Text(text))) = next {
            let frame: Value = serde_json::from_str(&text).unwrap();
            if kinds.iter().any(|k| frame["type"] == *k) {
                return frame;
            }
        } else if !matches!(next, Some(Ok(_))) {
            panic!("socket ended: {next:?}");
        }
    }
}

/// The next frame of type `kind`, skipping others; panics after 10 s.
pub async fn expect(socket: &mut Socket, kind: &str) -> Value {
    expect_where(socket, kind, |_| true).await
}

/// The next frame of type `kind` that satisfies `pred`.
pub async fn expect_where(socket: &mut Socket, kind: &str, pred: impl Fn(&Value) -> bool) -> Value {
    expect_within(socket, kind, pred, 10).await
}

/// The next frame of type `kind` that satisfies `pred`, waiting up to `secs` seconds (for
/// load tests on a busy machine).
pub async fn expect_within(
    socket: &mut Socket,
    kind: &str,
    pred: impl Fn(&Value) -> bool,
    secs: u64,
) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        let next = tokio::time::timeout_at(deadline, socket.next())
            .await
            .unwrap_or_else(|_| panic!("no {kind} frame within {secs} s"));
        match next {
            Some(Ok(Message::Text(text))) => {
                let frame: Value = serde_json::from_str(&text).unwrap();
                if frame["type"] == kind && pred(&frame) {
                    return frame;
                }
            }
            Some(Ok(Message::Close(close))) => panic!("closed while waiting for {kind}: {close:?}"),
            Some(Ok(_)) => {}
            other => panic!("socket ended while waiting for {kind}: {other:?}"),
        }
    }
}

/// Waits for the server to close the socket and returns the close code.
pub async fn closed(socket: &mut Socket) -> Ended {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        match tokio::time::timeout_at(deadline, socket.next())
            .await
            .expect("closed within 10 s")
        {
            Some(Ok(Message::Close(Some(frame)))) => return Ended::Closed(frame.code.into()),
            Some(Ok(Message::Close(None))) | None => return Ended::Closed(1005),
            Some(Err(_)) => return Ended::Closed(1006),
            Some(Ok(_)) => {}
        }
    }
}

/// Sends a visitor message and returns its ack.
pub async fn say(socket: &mut Socket, client_id: &str, body: &str) -> Value {
    send(
        socket,
        json!({"type": "send", "client_id": client_id, "body": body}),
    )
    .await;
    expect_where(socket, "ack", |f| f["client_id"] == client_id).await
}
