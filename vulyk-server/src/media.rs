//! A message body's media type, as requests and responses both say it.

use axum::http::{HeaderMap, header};

/// The body's media type without its parameters, lower-cased: media types are
/// case-insensitive (RFC 9110), and a client may well send `Application/JSON`.
pub(crate) fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next().unwrap_or("").trim();
    Some(essence.to_ascii_lowercase())
}
