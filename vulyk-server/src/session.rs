//! A browser's session: starting one (the cookie that carries it) after any way of signing in.

use axum::response::{IntoResponse, Redirect, Response};
use vulyk_core::service::SESSION_DAYS;

use crate::error::ApiError;
use crate::pages::safe_next;
use crate::state::AppState;

/// Signs the browser in and sends it on to `next`.
pub(crate) async fn start_session(
    state: &AppState,
    user: &vulyk_core::domain::User,
    next: &str,
) -> Response {
    match state.vulyk.start_session(user).await {
        Ok(secret) => {
            let cookies = &state.cookies;
            let jar = cookies.set(&cookies.session, secret, Some(SESSION_DAYS * 86_400));
            (jar, Redirect::to(safe_next(next))).into_response()
        }
        Err(error) => ApiError::from(error).into_response(),
    }
}
