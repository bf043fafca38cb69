//! Real headless Chromium driven through chromedriver (Debian's `chromium` and
//! `chromium-driver`). Without chromedriver the browser tests say so and skip, unless
//! `FRONTDESK_TEST_REQUIRE_BROWSER=1` (CI) makes that a failure.

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::json;
use std::{process::Stdio, time::Duration};
use tokio::process::{Child, Command};

/// A running chromedriver.
pub struct Driver {
    _child: Child,
    url: String,
    profiles: Vec<tempfile::TempDir>,
}

fn find(binary: &str) -> Option<String> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| format!("{dir}/{binary}"))
        .find(|path| std::path::Path::new(path).exists())
}

/// Starts chromedriver, or returns `None` (after saying why) when it is not installed.
pub async fn driver() -> Option<Driver> {
    let Some(chromedriver) = find("chromedriver") else {
        assert!(
            std::env::var("FRONTDESK_TEST_REQUIRE_BROWSER").is_err(),
            "FRONTDESK_TEST_REQUIRE_BROWSER is set but chromedriver is not installed"
        );
        eprintln!("chromedriver not found: browser test skipped (apt-get install chromium chromium-driver)");
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("chromedriver starts");
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if reqwest::get(format!("{url}/status")).await.is_ok() {
            return Some(Driver {
                _child: child,
                url,
                profiles: Vec::new(),
            });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not answer");
}

impl Driver {
    /// A new English browser with an empty profile (its own cookies and local storage).
    pub async fn browser(&mut self) -> Client {
        self.browser_in("en-US").await
    }

    /// A new browser whose preferred language is `lang`.
    pub async fn browser_in(&mut self, lang: &str) -> Client {
        let profile = tempfile::tempdir().unwrap();
        let binary = find("chromium").unwrap_or_else(|| "/usr/bin/chromium".into());
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                "prefs": {"intl.accept_languages": lang},
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=1280,860", format!("--lang={lang}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        self.profiles.push(profile);
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .expect("a browser session")
    }
}

/// Waits up to 15 s for an element.
pub async fn element(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
}

/// Waits up to 15 s until `script` (a JS expression) is true.
pub async fn until(client: &Client, what: &str, script: &str) {
    for _ in 0..150 {
        let value = client
            .execute(&format!("return !!({script});"), vec![])
            .await
            .unwrap();
        if value == json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting until {what}");
}

/// The text of every element matching `css`.
pub async fn texts(client: &Client, css: &str) -> Vec<String> {
    let script = format!(
        "return Array.from(document.querySelectorAll({})).map(e => e.textContent);",
        json!(css)
    );
    serde_json::from_value(client.execute(&script, vec![]).await.unwrap()).unwrap()
}

/// Saves a screenshot into `FRONTDESK_TEST_SCREENSHOTS` (a folder), when that is set.
pub async fn screenshot(client: &Client, name: &str) {
    if let Ok(dir) = std::env::var("FRONTDESK_TEST_SCREENSHOTS") {
        let png = client.screenshot().await.unwrap();
        std::fs::write(format!("{dir}/{name}.png"), png).unwrap();
    }
}

/// Logs the demo owner in through the real login form.
pub async fn log_in(client: &Client, app: &crate::helpers::TestApp) {
    client.goto(&app.at("/dashboard/login")).await.unwrap();
    element(client, "#email")
        .await
        .send_keys(&app.owner_email)
        .await
        .unwrap();
    element(client, "#password")
        .await
        .send_keys(&app.owner_password)
        .await
        .unwrap();
    element(client, "form[action='/dashboard/login'] button")
        .await
        .click()
        .await
        .unwrap();
    until(
        client,
        "the overview shows",
        "location.pathname === '/dashboard'",
    )
    .await;
}
