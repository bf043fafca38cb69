//! One error type for every handler. It maps each kind to a status and a message-catalog id;
//! a middleware then renders the page in the visitor's language, so handlers never build
//! error HTML themselves.

use axum::{
    extract::{rejection::FormRejection, Request, State},
    http::StatusCode,
    middleware::Next,
    response::{Html, IntoResponse, Redirect, Response},
};
use frontdesk_core::ValidationError;
use frontdesk_store::StoreError;
use minijinja::context;

use crate::{state::AppState, web::Lang};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("login required")]
    LoginRequired,
    #[error("the form's CSRF token is missing or wrong")]
    Csrf,
    #[error("not allowed for this role")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Validation(#[from] ValidationError),
    #[error("{0} is already in use")]
    Conflict(&'static str),
    #[error("the webhook URL points to a private or local address")]
    WebhookTarget,
    #[error("malformed form: {0}")]
    Form(#[from] FormRejection),
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict(what) => Self::Conflict(what),
            other => Self::Internal(other.into()),
        }
    }
}

/// What the error-page middleware needs to render a failed request.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    /// Catalog id of the explanation.
    pub message: &'static str,
    /// A value to show beside it (the refused input), if any.
    pub detail: Option<String>,
}

impl AppError {
    fn page(&self) -> ErrorPage {
        let (status, message, detail) = match self {
            Self::LoginRequired => (StatusCode::UNAUTHORIZED, "error-login-required", None),
            Self::Csrf => (StatusCode::FORBIDDEN, "error-csrf", None),
            Self::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden", None),
            Self::NotFound => (StatusCode::NOT_FOUND, "error-not-found", None),
            Self::Validation(v) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                v.code(),
                Some(v.to_string()),
            ),
            Self::Conflict(what) => (StatusCode::CONFLICT, "error-conflict", Some((*what).into())),
            Self::WebhookTarget => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-webhook-forbidden",
                None,
            ),
            Self::Form(rejection) => (rejection.status(), "error-bad-form", None),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error-internal", None),
        };
        ErrorPage {
            status,
            message,
            detail,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::LoginRequired = self {
            return Redirect::to("/dashboard/login").into_response();
        }
        if let Self::Internal(err) = &self {
            tracing::error!(error = format!("{err:#}"), "request failed");
        }
        let page = self.page();
        // The plain body is only seen where the page middleware is not installed.
        let mut response = (page.status, page.message).into_response();
        response.extensions_mut().insert(page);
        response
    }
}

/// Replaces the body of a failed response with the localized error page.
pub async fn render_error_pages(
    State(state): State<AppState>,
    Lang(locale): Lang,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let Some(page) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    let ctx = context! {
        locale => locale.as_str(),
        languages => state.catalogs.languages(),
        status => page.status.as_u16(),
        message => page.message,
        detail => page.detail,
    };
    match state.templates.render("error.html", ctx) {
        Ok(html) => (page.status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "error page failed to render");
            response
        }
    }
}

impl From<crate::webhooks::manage::ManageError> for AppError {
    fn from(err: crate::webhooks::manage::ManageError) -> Self {
        use crate::webhooks::manage::ManageError;
        match err {
            ManageError::Invalid(v) => Self::Validation(v),
            ManageError::Target(_) => Self::WebhookTarget,
            ManageError::Disabled => Self::Conflict("webhook"),
            ManageError::Store(err) => err.into(),
        }
    }
}
