//! The failures every authenticated endpoint can answer with, for the OpenAPI document.

use super::error::ErrorBody;

/// Errors common to every endpoint.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only read by the OpenAPI derive.
pub enum Failures {
    /// `invalid_request`: a parameter or body that does not parse or is out of range.
    #[response(status = 400)]
    InvalidRequest(ErrorBody),
    /// `unauthorized`: no key, an unknown key or a revoked key.
    #[response(status = 401)]
    Unauthorized(ErrorBody),
    /// `forbidden`: the key lacks the scope this endpoint needs.
    #[response(status = 403)]
    Forbidden(ErrorBody),
    /// `not_found`: no such resource in the key's account.
    #[response(status = 404)]
    NotFound(ErrorBody),
    /// `rate_limited`: the key's request budget is spent for now.
    #[response(status = 429, headers(("Retry-After" = u64, description = "Seconds to wait")))]
    RateLimited(ErrorBody),
}

/// Errors of endpoints that take a JSON body, on top of [`Failures`].
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only read by the OpenAPI derive.
pub enum BodyFailures {
    /// `conflict`: the conversation is closed, or the request clashes with stored data.
    #[response(status = 409)]
    Conflict(ErrorBody),
    /// `payload_too_large`: the body is over the server's limit.
    #[response(status = 413)]
    PayloadTooLarge(ErrorBody),
    /// `unsupported_media_type`: the body is not sent as `application/json`.
    #[response(status = 415)]
    UnsupportedMediaType(ErrorBody),
}

/// Errors of a flow edit, on top of [`Failures`] and [`BodyFailures`].
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only read by the OpenAPI derive.
pub enum EditFailures {
    /// `precondition_failed`: the flow changed since the ETag sent as If-Match.
    #[response(status = 412)]
    PreconditionFailed(ErrorBody),
    /// `precondition_required`: no If-Match header.
    #[response(status = 428)]
    PreconditionRequired(ErrorBody),
}

/// Errors of saving a webhook endpoint, on top of [`Failures`] and [`BodyFailures`].
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only read by the OpenAPI derive.
pub enum WebhookFailures {
    /// `invalid_webhook_url`, `invalid_webhook_event`, `invalid_description`: a value that
    /// parses but is not acceptable; `webhook_url_forbidden`: the URL points to a private
    /// or local address and the server does not allow that.
    #[response(status = 422)]
    Unprocessable(ErrorBody),
}
