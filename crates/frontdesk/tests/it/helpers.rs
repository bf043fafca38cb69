//! Starting the app for a test and talking to it like a browser.

use frontdesk_core::{
    account::{Account, DisplayName},
    agent::{Agent, Email, NewPassword, Role},
    clock::ManualClock,
};
use frontdesk_server::{
    accounts::{bootstrap_demo, create_agent, AgentDraft},
    AppState, Config, RunningServer,
};
use frontdesk_store::Store;
use std::sync::Arc;

/// A running app on its own temporary SQLite database.
pub struct TestApp {
    pub url: String,
    pub store: Arc<dyn Store>,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    /// The demo account and its owner's login, as the first start creates them.
    pub account: Account,
    pub owner_email: String,
    pub owner_password: String,
    pub server: Option<RunningServer>,
    _dir: tempfile::TempDir,
}

/// 2026-11-25 12:00 UTC.
pub const START_MS: i64 = 1_795_608_000_000;

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app with a configuration changed by `adjust` (e.g. a small test plan).
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_on(None, adjust).await
}

/// A fresh PostgreSQL database on the server `FRONTDESK_TEST_DATABASE_URL` names, or `None`
/// (with a notice) when the variable is not set.
pub async fn fresh_postgres() -> Option<String> {
    use sqlx::{Connection, Executor};
    let Ok(admin) = std::env::var("FRONTDESK_TEST_DATABASE_URL") else {
        eprintln!("FRONTDESK_TEST_DATABASE_URL is not set: the PostgreSQL run is skipped");
        return None;
    };
    let name = format!("fd_it_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    conn.execute(format!("CREATE DATABASE \"{name}\"").as_str())
        .await
        .unwrap();
    let mut url = url::Url::parse(&admin).unwrap();
    url.set_path(&name);
    Some(url.to_string())
}

/// Drops a database [`fresh_postgres`] made, whoever is still connected to it.
pub async fn drop_postgres(database_url: &str) {
    use sqlx::{Connection, Executor};
    let admin = std::env::var("FRONTDESK_TEST_DATABASE_URL").unwrap();
    let name = url::Url::parse(database_url)
        .unwrap()
        .path()
        .trim_start_matches('/')
        .to_owned();
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    conn.execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
        .await
        .unwrap();
}

/// Starts the app on `database_url` (a fresh SQLite file when `None`).
pub async fn spawn_app_on(
    database_url: Option<String>,
    adjust: impl FnOnce(&mut Config),
) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("frontdesk.db").display()));
    let store = frontdesk_store::open(&url, 8, true).await.unwrap();
    let clock = Arc::new(ManualClock::new(START_MS));
    let mut config = Config {
        data_dir: dir.path().to_owned(),
        ..Config::default()
    };
    adjust(&mut config);
    let state = AppState::new(store.clone(), config, clock.clone()).unwrap();
    let demo = bootstrap_demo(&*store, &state.passwords, START_MS)
        .await
        .unwrap()
        .expect("a fresh database gets the demo account");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = frontdesk_server::start(state.clone(), listener).unwrap();
    TestApp {
        url: format!("http://{}", server.addr),
        store,
        state,
        clock,
        account: demo.account,
        owner_email: demo.email,
        owner_password: demo.password,
        server: Some(server),
        _dir: dir,
    }
}

/// Logs in on the server at `base_url` (any node of a cluster): opens the login page,
/// getting its CSRF cookie, and posts the form.
pub async fn login_at(
    base_url: &str,
    browser: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let page = browser
        .get(format!("{base_url}/dashboard/login"))
        .send()
        .await
        .unwrap();
    let csrf = csrf_in(&page.text().await.unwrap());
    browser
        .post(format!("{base_url}/dashboard/login"))
        .form(&[("email", email), ("password", password), ("csrf", &csrf)])
        .send()
        .await
        .unwrap()
}

/// A browser: keeps cookies, does not follow redirects (tests look at them).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of the first `name="csrf"` hidden field in a page.
pub fn csrf_in(html: &str) -> String {
    let field = html
        .find("name=\"csrf\" value=\"")
        .expect("page has a CSRF field");
    let rest = &html[field + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

impl TestApp {
    /// Stops the server: no new connections, open sockets are told to go away.
    pub async fn stop(&mut self) {
        self.server
            .take()
            .expect("running")
            .shutdown()
            .await
            .unwrap();
    }

    /// Starts a fresh server process-equivalent (new state, same database) on the same port.
    pub async fn restart(&mut self) {
        let addr: std::net::SocketAddr = self.url.trim_start_matches("http://").parse().unwrap();
        let mut listener = None;
        for _ in 0..50 {
            match tokio::net::TcpListener::bind(addr).await {
                Ok(l) => {
                    listener = Some(l);
                    break;
                }
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            }
        }
        let config = (*self.state.config).clone();
        let state = AppState::new(self.store.clone(), config, self.clock.clone()).unwrap();
        self.state = state.clone();
        self.server =
            Some(frontdesk_server::start(state, listener.expect("port free again")).unwrap());
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// Opens the login page (getting its CSRF cookie) and posts the form.
    pub async fn login(
        &self,
        browser: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        login_at(&self.url, browser, email, password).await
    }

    /// A browser logged in as the demo owner.
    pub async fn owner_browser(&self) -> reqwest::Client {
        let browser = browser();
        let response = self
            .login(&browser, &self.owner_email, &self.owner_password)
            .await;
        assert_eq!(response.status(), 303, "owner login failed");
        browser
    }

    /// The session's CSRF token, read from a dashboard page.
    pub async fn session_csrf(&self, browser: &reqwest::Client) -> String {
        let page = browser.get(self.at("/dashboard")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        csrf_in(&page.text().await.unwrap())
    }

    /// Creates a second account (no domains, French, Paris time) named `name`.
    pub async fn other_account(&self, name: &str) -> Account {
        let new = frontdesk_core::account::NewAccount {
            name: DisplayName::parse(name).unwrap(),
            allowed_domains: vec![],
            time_zone: frontdesk_core::account::TimeZoneName::parse("Europe/Paris").unwrap(),
            default_language: frontdesk_core::account::Language::parse("fr").unwrap(),
            office_hours: frontdesk_core::office_hours::OfficeHours::default(),
            plan: "SOLO".into(),
        };
        self.store.create_account(&new, START_MS).await.unwrap()
    }

    /// Adds an agent directly through the library, as the CLI does.
    pub async fn add_agent(
        &self,
        account: &Account,
        email: &str,
        role: Role,
        password: &str,
    ) -> Agent {
        create_agent(
            &*self.store,
            &self.state.passwords,
            account,
            AgentDraft {
                email: Email::parse(email).unwrap(),
                name: DisplayName::parse("Test Agent").unwrap(),
                role,
            },
            &NewPassword::parse(password).unwrap(),
            START_MS,
        )
        .await
        .unwrap()
        .unwrap()
    }
}
