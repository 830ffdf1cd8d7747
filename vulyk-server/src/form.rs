//! Url-encoded forms read strictly: every field UTF-8. `serde_urlencoded` (and so axum's
//! `Form`) puts U+FFFD in place of other bytes, so a name or an answer would be stored other
//! than it was sent.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::media::media_type;

/// The largest request body: an answer may be 1 MiB of JSON, which grows up to threefold
/// when a form percent-encodes it.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Middleware: a body declared larger than any route takes is refused before a byte of it
/// is read, so a client that asked (`Expect: 100-continue`) is never told to send it and no
/// check (the CSRF token's among them) waits for it. The text is given its shape outside.
/// Any method: a GET that declares such a body is refused too.
pub async fn refuse_declared_too_large(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        let said = format!(
            "request body: larger than {} MiB",
            MAX_BODY_BYTES / (1024 * 1024)
        );
        return (StatusCode::PAYLOAD_TOO_LARGE, said).into_response();
    }
    next.run(request).await
}

/// Whether a request says its body is an url-encoded form.
pub(crate) fn is_urlencoded(headers: &HeaderMap) -> bool {
    media_type(headers).is_some_and(|t| t == "application/x-www-form-urlencoded")
}

/// An url-encoded form body, refused (400) when a field is not UTF-8.
#[derive(Debug, Clone)]
pub struct StrictForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for StrictForm<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        if !is_urlencoded(request.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "expected an url-encoded form",
            ));
        }
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        if let Some(field) = field_not_utf8(&body) {
            return Err(ApiError::bad_request(format!(
                "form: field `{field}` is not valid UTF-8"
            )));
        }
        serde_urlencoded::from_bytes(&body)
            .map(StrictForm)
            .map_err(|e| ApiError::bad_request(format!("form: {e}")))
    }
}

/// The name of the first field of an url-encoded form whose name or value, percent-decoded,
/// is not UTF-8.
pub(crate) fn field_not_utf8(body: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Some("(the form)".into());
    };
    text.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let bad = |part: &str| std::str::from_utf8(&percent_decoded(part)).is_err();
        (bad(name) || bad(value)).then(|| String::from_utf8_lossy(&percent_decoded(name)).into())
    })
}

/// `%XX` sequences as the bytes they stand for; anything else as it is.
pub(crate) fn percent_decoded(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_read_in_any_letter_case() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, value.parse().unwrap());
            headers
        };
        assert!(is_urlencoded(&with(
            "Application/X-WWW-Form-Urlencoded; Charset=UTF-8"
        )));
        assert!(is_urlencoded(&with("application/x-www-form-urlencoded")));
        assert!(!is_urlencoded(&with("application/x-www-form-urlencodedx")));
        assert!(!is_urlencoded(&HeaderMap::new()));
        assert!(crate::extract::is_json(&with(
            "Application/JSON; charset=utf-8"
        )));
        assert!(crate::extract::is_json(&with("application/vnd.api+JSON")));
    }

    #[test]
    fn fields_that_are_not_utf8_are_named() {
        assert_eq!(
            field_not_utf8(b"name=%D0%9E%D0%BB%D0%B5%D0%BD%D0%B0&a=b"),
            None
        );
        assert_eq!(field_not_utf8(b"email=x&name=%FF%FE"), Some("name".into()));
        assert_eq!(field_not_utf8(b"%C3=1"), Some("\u{FFFD}".into()));
        assert_eq!(
            field_not_utf8(&[0x6e, 0x3d, 0xff]),
            Some("(the form)".into())
        );
        assert_eq!(percent_decoded("a%2Fb%zz%4"), b"a/b%zz%4".to_vec());
    }
}
