//! A browser's session: starting one (the cookie that carries it) after any way of signing in.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use vulyk_core::service::SESSION_DAYS;

use crate::error::ApiError;
use crate::pages::safe_next;
use crate::state::AppState;

pub(crate) fn session_cookie(state: &AppState, value: &str, max_age_secs: i64) -> HeaderValue {
    cookie_header(state, &state.cookies.session, value, max_age_secs)
}

pub(crate) fn cookie_header(
    state: &AppState,
    name: &str,
    value: &str,
    max_age_secs: i64,
) -> HeaderValue {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie =
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}");
    HeaderValue::from_str(&cookie).expect("cookie text is ASCII")
}

/// Signs the browser in and sends it on to `next`.
pub(crate) async fn start_session(
    state: &AppState,
    user: &vulyk_core::domain::User,
    next: &str,
) -> Response {
    match state.vulyk.start_session(user).await {
        Ok(secret) => {
            let mut response = Redirect::to(safe_next(next)).into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                session_cookie(state, &secret, SESSION_DAYS * 86_400),
            );
            response
        }
        Err(error) => ApiError::from(error).into_response(),
    }
}
