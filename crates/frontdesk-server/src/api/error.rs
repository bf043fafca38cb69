//! The API's one error shape: `{"error": {"code": "…", "message": "…"}}`, with a stable code
//! a program can branch on and a message a person can read.

use axum::{
    extract::rejection::{JsonRejection, PathRejection, QueryRejection},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use frontdesk_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// Why an API request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("this API key lacks the scope {0}")]
    Forbidden(&'static str),
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("{0}")]
    InvalidRequest(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the flow changed since it was read (If-Match {0} is stale): read it again")]
    PreconditionFailed(String),
    #[error("send the ETag of the flow you edited as If-Match, so no edit is lost")]
    PreconditionRequired,
    #[error("too many requests for this API key; retry in {0} s")]
    RateLimited(u64),
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// Well-formed but refused: the code says why (`invalid_webhook_url`, …).
    #[error("{1}")]
    Unprocessable(&'static str, String),
    #[error("the server could not do that; try again")]
    Internal(#[source] anyhow::Error),
}

/// The body of every failed API response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable: unauthorized, forbidden, not_found, invalid_request, conflict, rate_limited,
    /// payload_too_large, unsupported_media_type, precondition_failed, precondition_required, method_not_allowed, timeout, internal;
    /// for webhooks also invalid_webhook_url, invalid_webhook_event, invalid_description,
    /// webhook_url_forbidden.
    pub code: String,
    /// For a person; may change between versions.
    pub message: String,
}

/// The JSON error response for a status and code.
pub fn error_response(status: StatusCode, code: &str, message: String) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: code.to_owned(),
            message,
        },
    };
    (status, Json(body)).into_response()
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            Self::InvalidRequest(_) => (StatusCode::BAD_REQUEST, "invalid_request"),
            Self::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            Self::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            Self::PreconditionFailed(_) => (StatusCode::PRECONDITION_FAILED, "precondition_failed"),
            Self::PreconditionRequired => {
                (StatusCode::PRECONDITION_REQUIRED, "precondition_required")
            }
            Self::RateLimited(_) => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            Self::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::Unprocessable(code, _) => (StatusCode::UNPROCESSABLE_ENTITY, code),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(err) = &self {
            tracing::error!(error = format!("{err:#}"), "API request failed");
        }
        let (status, code) = self.status_and_code();
        let mut response = error_response(status, code, self.to_string());
        if let Self::RateLimited(secs) = self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(secs),
            );
        }
        if let Self::Unauthorized(_) = self {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::NotFound("resource"),
            StoreError::Conflict(what) => Self::Conflict(format!("{what} is already in use")),
            other => Self::Internal(other.into()),
        }
    }
}

impl From<frontdesk_core::ValidationError> for ApiError {
    fn from(err: frontdesk_core::ValidationError) -> Self {
        Self::InvalidRequest(err.to_string())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::PayloadTooLarge;
        }
        if rejection.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE {
            return Self::UnsupportedMediaType(rejection.body_text());
        }
        Self::InvalidRequest(rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::InvalidRequest(rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::InvalidRequest(rejection.body_text())
    }
}

impl From<crate::chat::actions::ActionError> for ApiError {
    fn from(err: crate::chat::actions::ActionError) -> Self {
        use crate::chat::actions::ActionError;
        match err {
            ActionError::NotFound(what) => Self::NotFound(what),
            ActionError::Closed => Self::Conflict("the conversation is closed".into()),
            ActionError::Store(err) => err.into(),
        }
    }
}

impl From<crate::webhooks::manage::ManageError> for ApiError {
    fn from(err: crate::webhooks::manage::ManageError) -> Self {
        use crate::webhooks::manage::ManageError;
        use frontdesk_core::ValidationError;
        let text = err.to_string();
        match err {
            ManageError::Invalid(ValidationError::WebhookUrl { .. }) => {
                Self::Unprocessable("invalid_webhook_url", text)
            }
            ManageError::Invalid(ValidationError::WebhookEvent(_)) => {
                Self::Unprocessable("invalid_webhook_event", text)
            }
            ManageError::Invalid(_) => Self::Unprocessable("invalid_description", text),
            ManageError::Target(_) => Self::Unprocessable("webhook_url_forbidden", text),
            ManageError::Disabled => Self::Conflict(text),
            ManageError::Store(err) => err.into(),
        }
    }
}
