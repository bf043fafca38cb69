//! Scenarios the load generator plays against a server (Frontdesk or the echo baseline).

pub mod bot;
pub mod chat;
pub mod idle;

use crate::client::{self, Socket};
use anyhow::Context;
use serde_json::{json, Value};
use std::time::Duration;

/// Everything measured against one server.
#[derive(serde::Serialize)]
pub struct ServerFigures {
    pub idle_rss: u64,
    pub idle: idle::IdleResult,
    /// The bot run with one visitor, then with a crowd (none for the echo server).
    pub bots: Vec<bot::BotResult>,
    pub saturated: chat::ChatResult,
    pub paced: chat::ChatResult,
}

/// Where and as whom to connect.
#[derive(Clone)]
pub struct Target {
    /// `ws://127.0.0.1:PORT`
    pub ws_url: String,
    /// `http://127.0.0.1:PORT`: the dashboard's own origin, for agent sockets.
    pub http_url: String,
    pub widget_key: String,
    /// The agent's session cookie (`name=value`), when the server wants one.
    pub agent_cookie: Option<String>,
    /// How many loopback source addresses connections spread over.
    pub spread: u8,
    /// Another node for the agents (`ws://…`, `http://…`), to measure across nodes; none:
    /// the agents use the visitors' node.
    pub agent_node: Option<(String, String)>,
}

/// A page on an allowed domain of the demo account.
const VISITOR_ORIGIN: &str = "http://localhost";

impl Target {
    /// Connects as a new visitor (the `n`th) and waits for `welcome`.
    pub async fn visitor(&self, n: usize) -> anyhow::Result<(Socket, Value)> {
        let url = format!("{}/ws/visitor?key={}", self.ws_url, self.widget_key);
        let source = client::source_ip(n, self.spread);
        let mut socket = client::connect(&url, source, &[("origin", VISITOR_ORIGIN)]).await?;
        let hello = json!({"type": "hello", "v": 1, "token": null, "conversation_id": null,
            "last_seq": 0, "language": "en", "device": "desktop",
            "page": {"url": "http://localhost/pricing", "title": "Pricing", "referrer": ""}});
        client::send(&mut socket, &hello).await?;
        let welcome =
            client::wait_for(&mut socket, "welcome", |_| true, Duration::from_secs(60)).await?;
        Ok((socket, welcome))
    }

    /// Connects an agent socket with the logged-in session and waits for `welcome`.
    pub async fn agent(&self) -> anyhow::Result<Socket> {
        let (ws_url, http_url) = match &self.agent_node {
            Some((ws, http)) => (ws.as_str(), http.as_str()),
            None => (self.ws_url.as_str(), self.http_url.as_str()),
        };
        let url = format!("{ws_url}/ws/agent");
        let mut headers = vec![("origin", http_url)];
        if let Some(cookie) = &self.agent_cookie {
            headers.push(("cookie", cookie.as_str()));
        }
        let mut socket = client::connect(&url, client::source_ip(0, 1), &headers).await?;
        client::send(&mut socket, &json!({"type": "hello", "v": 1})).await?;
        client::wait_for(&mut socket, "welcome", |_| true, Duration::from_secs(60)).await?;
        Ok(socket)
    }
}

/// Logs in to the dashboard like a browser and returns the session cookie.
pub async fn login(http_url: &str, email: &str, password: &str) -> anyhow::Result<String> {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let page = browser
        .get(format!("{http_url}/dashboard/login"))
        .send()
        .await?
        .text()
        .await?;
    let csrf = attribute_after(&page, "name=\"csrf\" value=\"").context("login CSRF field")?;
    let response = browser
        .post(format!("{http_url}/dashboard/login"))
        .form(&[("email", email), ("password", password), ("csrf", &csrf)])
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == 303,
        "login refused: {}",
        response.status()
    );
    let cookie = response
        .headers()
        .get("set-cookie")
        .context("session cookie")?
        .to_str()?;
    Ok(cookie.split(';').next().unwrap_or_default().to_owned())
}

/// The demo account's widget key, as the demo page embeds it.
pub async fn demo_widget_key(http_url: &str) -> anyhow::Result<String> {
    let page = reqwest::get(format!("{http_url}/demo"))
        .await?
        .text()
        .await?;
    attribute_after(&page, "data-widget-key=\"").context("widget key on the demo page")
}

fn attribute_after(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let rest = &html[start..];
    Some(rest[..rest.find('"')?].to_owned())
}
