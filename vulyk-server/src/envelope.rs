//! The original's JSON envelope and its no-cache headers (spec 7.1).

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub fn no_cache(headers: &mut HeaderMap) {
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, no-store, must-revalidate"),
    );
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    headers.insert(header::EXPIRES, HeaderValue::from_static("0"));
}

/// The original's envelope: `{"result": …, "errors": […]}`, serialised straight from the
/// handler's typed result (no JSON value built in between).
#[derive(Debug, Serialize)]
pub struct Envelope<'a, T: Serialize> {
    pub result: T,
    pub errors: &'a [&'a str],
}

/// `{"result": result, "errors": []}`, not to be cached.
pub fn ok(result: impl Serialize) -> Response {
    let mut response = Json(Envelope {
        result,
        errors: &[],
    })
    .into_response();
    no_cache(response.headers_mut());
    response
}
