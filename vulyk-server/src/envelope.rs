//! The original's JSON envelope and its no-cache headers (spec 7.1).

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

pub fn no_cache(headers: &mut HeaderMap) {
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, no-store, must-revalidate"),
    );
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    headers.insert(header::EXPIRES, HeaderValue::from_static("0"));
}

/// `{"result": result, "errors": []}`, not to be cached.
pub fn ok(result: impl Serialize) -> Response {
    let mut response = Json(json!({ "result": result, "errors": [] })).into_response();
    no_cache(response.headers_mut());
    response
}
