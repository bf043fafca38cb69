//! Request helpers shared by the HTML routes: the page language, the logged-in agent, CSRF
//! checks, cookies and rendering.

use crate::{error::AppError, i18n::Locale, state::AppState};
use axum::{
    extract::{FromRef, FromRequestParts},
    http::{header::ACCEPT_LANGUAGE, request::Parts},
    response::Html,
};
use axum_extra::extract::{
    cookie::{Cookie, SameSite},
    CookieJar,
};
use frontdesk_core::{account::Account, agent::Agent};
use frontdesk_store::Session;
use minijinja::{context, Value};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Cookie holding the dashboard session token.
pub const SESSION_COOKIE: &str = "fd_session";
/// Cookie holding the anti-forgery token for forms shown before login.
pub const CSRF_COOKIE: &str = "fd_csrf";
/// Cookie holding a language chosen by hand.
pub const LANG_COOKIE: &str = "fd_lang";

/// A fresh random token, hex-encoded (256 bits).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The stored form of a session token: its SHA-256, so a database leak yields no logins.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two tokens in time independent of where they differ.
pub fn tokens_match(expected: &str, given: &str) -> bool {
    let (a, b) = (
        Sha256::digest(expected.as_bytes()),
        Sha256::digest(given.as_bytes()),
    );
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// Refuses a form whose token does not match.
pub fn check_csrf(expected: &str, given: &str) -> Result<(), AppError> {
    if expected.is_empty() || !tokens_match(expected, given) {
        return Err(AppError::Csrf);
    }
    Ok(())
}

/// A cookie with the attributes every Frontdesk cookie shares.
pub fn cookie(state: &AppState, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.session.secure_cookies)
        .build()
}

/// The language of the page: a choice made in the switcher, else the browser's preferences.
pub struct Lang(pub Locale);

impl<S> FromRequestParts<S> for Lang
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let jar = CookieJar::from_headers(&parts.headers);
        let choice = jar.get(LANG_COOKIE).map(|c| c.value().to_owned());
        let header = parts
            .headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        Ok(Self(
            state.catalogs.negotiate_header(choice.as_deref(), header),
        ))
    }
}

/// The logged-in agent, its account and session. Without a valid session the request is
/// redirected to the login page.
pub struct CurrentAgent {
    pub agent: Agent,
    pub account: Account,
    pub session: Session,
}

impl FromRequestParts<AppState> for CurrentAgent {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar.get(SESSION_COOKIE).ok_or(AppError::LoginRequired)?;
        let session = state
            .store
            .session(&token_hash(token.value()), state.now_ms())
            .await?
            .ok_or(AppError::LoginRequired)?;
        let agent = state
            .store
            .agent(session.account_id, session.agent_id)
            .await?
            .ok_or(AppError::LoginRequired)?;
        let account = state
            .store
            .account(session.account_id)
            .await?
            .ok_or(AppError::LoginRequired)?;
        Ok(Self {
            agent,
            account,
            session,
        })
    }
}

/// Renders a page; `page` is merged over the context every page shares.
pub fn render(
    state: &AppState,
    locale: &Locale,
    template: &str,
    page: Value,
) -> Result<Html<String>, AppError> {
    let ctx = context! {
        locale => locale.as_str(),
        languages => state.catalogs.languages(),
        ..page
    };
    state
        .templates
        .render(template, ctx)
        .map(Html)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template {template}: {e:#}")))
}

/// The address the browser used to reach this server, e.g. `http://127.0.0.1:8080`.
pub fn public_base(headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// The embed snippet a website owner pastes before `</body>`.
pub fn snippet(base: &str, widget_key: &str) -> String {
    let args = serde_json::json!([widget_key, base]);
    let (key, base) = (&args[0], &args[1]);
    format!(
        "<script>(function(w,d,k,u){{w.Frontdesk=w.Frontdesk||function(){{(w.Frontdesk.q=\
         w.Frontdesk.q||[]).push(arguments)}};var s=d.createElement('script');s.async=1;\
         s.src=u+'/widget/loader.js';s.setAttribute('data-key',k);d.head.appendChild(s)}})\
         (window,document,{key},{base});</script>"
    )
}
