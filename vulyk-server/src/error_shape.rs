//! The last word on an error's shape. Handlers answer errors as `ApiError`s or pages, but a
//! layer or an extractor may answer bare: the timeout's empty 408, a wrong method's empty
//! 405, serde's text/plain 400 for a query or a path. Such an answer becomes the JSON
//! envelope on the API's paths and for a client that takes JSON (scripts, the task pages'
//! `fetch`), the error page otherwise. The headers the bare answer had (a new CSRF nonce's cookie, `Allow`,
//! `Retry-After`) stay; the security headers are set outside.
//!
//! The error page is a signed-out one: who is signed in is not read again for an error.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{into_api_error, is_error, is_of_type, with_headers};
use crate::extract::Page;
use crate::i18n::Language;
use crate::state::AppState;

/// Whether an error is answered with a page: outside the API's paths, unless the asker
/// says it takes JSON.
pub(crate) fn wants_page(headers: &HeaderMap, path: &str) -> bool {
    let takes_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"));
    !takes_json && !is_api_path(path)
}

pub async fn shaped_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let page = wants_page(headers, request.uri().path());
    // Read only for an error page: most answers are not errors.
    let accept_language = headers.get(header::ACCEPT_LANGUAGE).cloned();
    let response = next.run(request).await;
    if !is_error(&response)
        || is_of_type(&response, "application/json")
        || is_of_type(&response, "text/html")
    {
        return response;
    }
    let (error, kept) = into_api_error(response).await;
    let shaped = if page {
        let lang = Language::negotiate(
            accept_language.as_ref().and_then(|v| v.to_str().ok()),
            state.config.site.language,
        );
        let page = Page {
            user: None,
            lang,
            csrf: String::new(),
        };
        page.error(&state, error)
    } else {
        error.into_response()
    };
    with_headers(shaped, kept)
}

/// Whether a path (or a route's template) is the JSON API's, whose routes `routes::router`
/// builds as `api`, or would be if it named one: its errors are JSON whoever asks, a browser
/// included, and so is a 404 under it (a script's typo).
pub(crate) fn is_api_path(path: &str) -> bool {
    let mut segments = path.trim_start_matches('/').split('/');
    match (segments.next(), segments.next(), segments.next()) {
        (Some("healthz"), None, _) => true,
        (Some("gamification"), Some(_), _) => true,
        (Some("type"), Some(_), Some(step)) => ["next", "done", "skip", "activity"].contains(&step),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths_are_told_from_pages() {
        for api in [
            "/healthz",
            "/type/{task_type}/next",
            "/type/tagging_task/done/",
            "/type/t/activity/x",
            "/gamification/users/{user_id}/state",
            "/gamification/nope",
        ] {
            assert!(is_api_path(api), "{api}");
        }
        for page in [
            "/",
            "/healthz/x",
            "/type/{task_type}",
            "/type/t/",
            "/type/t/leaders",
            "/signin",
            "/gamification",
            "/static/x",
        ] {
            assert!(!is_api_path(page), "{page}");
        }
    }
}
