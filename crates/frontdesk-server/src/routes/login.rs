//! Dashboard login and logout.
//!
//! The login form is protected by a double-submit token (a cookie and a hidden field that
//! must match), since there is no session yet; every form after login carries the session's
//! own token instead.

use crate::{
    error::AppError,
    state::AppState,
    web::{
        check_csrf, cookie, random_token, render, token_hash, CurrentAgent, Lang, CSRF_COOKIE,
        SESSION_COOKIE,
    },
};
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use axum_extra::extract::{cookie::Cookie, CookieJar, WithRejection};
use frontdesk_core::agent::Email;
use frontdesk_store::Session;
use minijinja::context;
use serde::Deserialize;

/// The login form as posted.
#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    csrf: String,
}

/// Makes sure the browser holds a pre-login CSRF cookie and returns its value.
fn ensure_csrf_cookie(state: &AppState, jar: CookieJar) -> (CookieJar, String) {
    match jar.get(CSRF_COOKIE).map(|c| c.value().to_owned()) {
        Some(token) if !token.is_empty() => (jar, token),
        _ => {
            let token = random_token();
            (jar.add(cookie(state, CSRF_COOKIE, token.clone())), token)
        }
    }
}

/// `GET /dashboard/login`
pub async fn form(
    State(state): State<AppState>,
    Lang(locale): Lang,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let (jar, csrf) = ensure_csrf_cookie(&state, jar);
    let html = render(
        &state,
        &locale,
        "login.html",
        context! { csrf => csrf, email => "", failed => false },
    )?;
    Ok((jar, html).into_response())
}

/// `POST /dashboard/login`
pub async fn submit(
    State(state): State<AppState>,
    Lang(locale): Lang,
    jar: CookieJar,
    WithRejection(Form(login), _): WithRejection<Form<LoginForm>, AppError>,
) -> Result<Response, AppError> {
    let expected = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned());
    check_csrf(expected.as_deref().unwrap_or(""), &login.csrf)?;

    // An unknown or malformed e-mail still pays for one password check, so the answer
    // takes as long as for a wrong password and reveals nothing.
    let candidate = match Email::parse(&login.email) {
        Ok(email) => state.store.login_candidate(&email).await?,
        Err(_) => None,
    };
    let (agent, hash) = match candidate {
        Some((agent, hash)) => (Some(agent), Some(hash)),
        None => (None, None),
    };
    let verified = state.passwords.verify(hash, &login.password).await;
    let Some(agent) = agent.filter(|_| verified) else {
        tracing::info!("dashboard login refused");
        let html = render(
            &state,
            &locale,
            "login.html",
            context! { csrf => login.csrf, email => login.email, failed => true },
        )?;
        return Ok((StatusCode::UNAUTHORIZED, html).into_response());
    };

    let token = random_token();
    let now = state.now_ms();
    let lifetime_ms = i64::from(state.config.session.lifetime_hours) * 3_600_000;
    state
        .store
        .create_session(&Session {
            token_hash: token_hash(&token),
            account_id: agent.account_id,
            agent_id: agent.id,
            csrf_token: random_token(),
            created_at_ms: now,
            expires_at_ms: now + lifetime_ms,
        })
        .await?;
    tracing::info!(agent = %agent.id, account = %agent.account_id, "agent logged in");
    let mut session_cookie = cookie(&state, SESSION_COOKIE, token);
    session_cookie.set_max_age(Some(time::Duration::milliseconds(lifetime_ms)));
    let jar = jar.add(session_cookie);
    Ok((jar, Redirect::to("/dashboard")).into_response())
}

/// The logout form as posted.
#[derive(Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/logout`
pub async fn logout(
    State(state): State<AppState>,
    current: CurrentAgent,
    jar: CookieJar,
    WithRejection(Form(form), _): WithRejection<Form<LogoutForm>, AppError>,
) -> Result<Response, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    state
        .store
        .delete_session(&current.session.token_hash)
        .await?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/dashboard/login")).into_response())
}
