//! A webhook receiver for the tests: a real HTTP server on 127.0.0.1 that records what it
//! gets, and helpers to create endpoints and check signatures as a receiver would.

use crate::{
    api::{call, parts},
    helpers::TestApp,
};
use axum::{body::Bytes, extract::State, http::HeaderMap, http::StatusCode, routing::post};
use frontdesk_server::Config;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::Sha256;
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Hit {
    pub headers: HeaderMap,
    pub body: String,
}

impl Hit {
    pub fn header(&self, name: &str) -> &str {
        self.headers[name].to_str().unwrap()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

#[derive(Default)]
struct Log {
    hits: Vec<Hit>,
    fail_first: usize,
}

/// A receiver on 127.0.0.1 that records every request and answers 500 to the first
/// `fail_first` of them, 200 after.
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    log: Arc<Mutex<Log>>,
}

async fn receive(
    State(log): State<Arc<Mutex<Log>>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let mut log = log.lock().unwrap();
    log.hits.push(Hit {
        headers,
        body: String::from_utf8(body.to_vec()).unwrap(),
    });
    if log.hits.len() <= log.fail_first {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

impl Receiver {
    pub async fn start(fail_first: usize) -> Self {
        let log = Arc::new(Mutex::new(Log {
            hits: Vec::new(),
            fail_first,
        }));
        let app = axum::Router::new()
            .route("/hook", post(receive))
            .with_state(log.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, log }
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.log.lock().unwrap().hits.clone()
    }

    /// Waits until the receiver got `n` requests (and returns them).
    pub async fn wait_for(&self, n: usize) -> Vec<Hit> {
        self.wait_until(|hits| hits.len() >= n).await
    }

    /// Waits until what the receiver got satisfies `done` (and returns it).
    pub async fn wait_until(&self, done: impl Fn(&[Hit]) -> bool) -> Vec<Hit> {
        for _ in 0..200 {
            let hits = self.hits();
            if done(&hits) {
                return hits;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the receiver did not get what was expected: {:?}",
            self.hits()
        );
    }
}

/// The test configuration: local receivers allowed, a quick worker.
pub fn local_hooks(config: &mut Config) {
    config.webhooks.allow_private_targets = true;
    config.webhooks.poll_interval_ms = 50;
}

/// Creates an endpoint through the API; returns its id and secret.
pub async fn create_hook(app: &TestApp, token: &str, url: &str, events: &[&str]) -> (i64, String) {
    let response = call(app, token, Method::POST, "/api/v1/webhooks")
        .json(&json!({"url": url, "description": "Test receiver", "events": events}))
        .send()
        .await
        .unwrap();
    let (status, body) = parts(response).await;
    assert_eq!(status, 201, "{body}");
    (
        body["webhook"]["id"].as_i64().unwrap(),
        body["secret"].as_str().unwrap().to_owned(),
    )
}

/// Sends a test ping; returns the delivery.
pub async fn ping(app: &TestApp, token: &str, hook: i64) -> Value {
    let path = format!("/api/v1/webhooks/{hook}/ping");
    let (status, body) = parts(call(app, token, Method::POST, &path).send().await.unwrap()).await;
    assert_eq!(status, 202, "{body}");
    body
}

/// Waits until delivery `id` has been tried `n` times.
pub async fn wait_attempts(app: &TestApp, id: i64, n: i64) {
    for _ in 0..200 {
        let d = app
            .store
            .webhook_delivery(app.account.id, id)
            .await
            .unwrap()
            .unwrap();
        if d.attempts >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("delivery {id} was not tried {n} times");
}

/// Whether `hit` carries a valid signature by `secret`, as a receiver checks it.
pub fn signature_verifies(hit: &Hit, secret: &str) -> bool {
    let timestamp = hit.header("frontdesk-timestamp");
    let Some(given) = hit.header("frontdesk-signature").strip_prefix("v1=") else {
        return false;
    };
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{}", hit.body).as_bytes());
    mac.verify_slice(&hex::decode(given).unwrap()).is_ok()
}
