//! The API's one error type: a status and messages in the original's JSON envelope
//! (`{"result": …, "errors": [...]}`). Client mistakes keep their 4xx and message; server
//! failures are logged with their details and answered without them.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::envelope::{Envelope, no_cache};

/// The original's answer when there is no task to give (spec 7.1, `NO_TASKS`).
pub const NO_TASKS: &str = "There is no task having type like this";

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The envelope's `result`: `null`, or `{}` where the original sent that.
    pub result: Value,
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            result: Value::Null,
            retry_after_secs: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn unauthenticated() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "sign in first (or send an API token as `Authorization: Bearer TOKEN`)",
        )
    }

    pub fn no_tasks() -> Self {
        ApiError {
            result: json!({}),
            ..ApiError::new(StatusCode::NOT_FOUND, NO_TASKS)
        }
    }
}

impl From<vulyk_core::Error> for ApiError {
    fn from(error: vulyk_core::Error) -> Self {
        use vulyk_core::Error;
        let status = match &error {
            // The registry names its folder on the server for the operator; a visitor gets
            // only the type's name.
            Error::NotFound {
                kind: "task type",
                name,
            } => {
                let name = name.split(" (").next().unwrap_or_default();
                return ApiError::new(
                    StatusCode::NOT_FOUND,
                    format!("task type not found: {name}"),
                );
            }
            Error::NotFound { .. } => StatusCode::NOT_FOUND,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            Error::Invalid(_) => StatusCode::BAD_REQUEST,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Error::Io { .. } | Error::Store { .. } | Error::Cancelled(_) => {
                tracing::error!(error = %error_chain(&error), "request failed");
                return ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error");
            }
        };
        // Both tell when to try again: too many attempts, or a store paused for a backup.
        let retry_after_secs = match &error {
            Error::Throttled {
                retry_after_secs, ..
            }
            | Error::Unavailable {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            _ => None,
        };
        ApiError {
            retry_after_secs,
            ..ApiError::new(status, error.to_string())
        }
    }
}

/// The error and its sources on one line, for the log.
pub use vulyk_core::error::with_sources as error_chain;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Envelope {
            result: &self.result,
            errors: &[self.message.as_str()],
        };
        let mut response = (self.status, Json(body)).into_response();
        no_cache(response.headers_mut());
        if let Some(secs) = self.retry_after_secs {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

pub(crate) fn is_error(response: &Response) -> bool {
    response.status().is_client_error() || response.status().is_server_error()
}

/// Whether the response's body is of this media type (given in lower case).
pub(crate) fn is_of_type(response: &Response, media_type: &str) -> bool {
    crate::media::media_type(response.headers()).is_some_and(|t| t == media_type)
}

/// A bare error response as an [`ApiError`] (its text the message, or the status's reason
/// when it has none), with the headers it had beyond its body's (`Allow` on 405,
/// `Retry-After`, a new CSRF nonce's `Set-Cookie`) to put back on its new shape.
pub(crate) async fn into_api_error(response: Response) -> (ApiError, HeaderMap) {
    let (mut parts, body) = response.into_parts();
    let text = match axum::body::to_bytes(body, 64 * 1024).await {
        Ok(bytes) if !bytes.is_empty() => String::from_utf8_lossy(&bytes).into_owned(),
        _ => parts
            .status
            .canonical_reason()
            .unwrap_or("error")
            .to_string(),
    };
    for body_header in [
        header::CONTENT_TYPE,
        header::CONTENT_LENGTH,
        header::CONTENT_ENCODING,
        header::TRANSFER_ENCODING,
    ] {
        parts.headers.remove(body_header);
    }
    (ApiError::new(parts.status, text), parts.headers)
}

/// `kept` added to `response`, where the new shape did not set a header itself.
pub(crate) fn with_headers(mut response: Response, kept: HeaderMap) -> Response {
    let headers = response.headers_mut();
    let mut last = None;
    for (name, value) in kept {
        // `HeaderMap`'s iterator names a header once, before the first of its values.
        if let Some(name) = name {
            last = (!headers.contains_key(&name)).then_some(name);
        }
        if let Some(name) = &last {
            headers.append(name.clone(), value);
        }
    }
    response
}
