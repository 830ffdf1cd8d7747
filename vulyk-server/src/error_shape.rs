//! The last word on an error's shape. A layer or an extractor outside the API's own
//! `json_errors` may answer bare: the timeout's empty 408, serde's text/plain 400 for a
//! page's query or path. Such an answer becomes the error page for a browser (it asks for
//! `text/html`) and the JSON envelope for everyone else (scripts, the task pages' `fetch`).

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{has_type, is_error, said_by, with_headers};
use crate::extract::Page;
use crate::i18n::Language;
use crate::state::AppState;

pub async fn shaped_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let said = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let browser = said(header::ACCEPT).is_some_and(|accept| accept.contains("text/html"));
    let lang = Language::negotiate(said(header::ACCEPT_LANGUAGE), state.config.site.language);
    let response = next.run(request).await;
    if !is_error(&response)
        || has_type(&response, "application/json")
        || has_type(&response, "text/html")
    {
        return response;
    }
    let (error, kept) = said_by(response).await;
    let shaped = if browser {
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
