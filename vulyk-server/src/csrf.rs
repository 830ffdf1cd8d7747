//! CSRF protection for every state-changing request: a token bound to the session.
//!
//! A signed-in browser's token is HMAC(secret key, its session secret); pages carry it in
//! forms (`csrf` field) and for scripts (`X-CSRF-Token` header, read from a `<meta>` tag).
//! Another site can neither read the token nor make one: that takes the key and the
//! session's secret, an `HttpOnly` cookie. An attacker who can set cookies on the site (a
//! sibling subdomain, a plain-HTTP hop) gains nothing either: a token is good only with the
//! session it was made for. A browser that is not signed in gets a random nonce in the
//! `vulyk_csrf` cookie and the token HMAC(key, nonce) for the sign-in and sign-up forms.
//! Requests with an API token are exempt: browsers never add an `Authorization` header on
//! their own.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::auth::bearer;
use crate::error::ApiError;
use crate::form::is_urlencoded;
use crate::state::AppState;

pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf";
/// Forms that sign a browser in without a session yet.
const SIGN_IN_PATHS: &[&str] = &["/signin", "/signup"];
/// Forms larger than the body limit are refused before their token is looked for.
const MAX_FORM_BYTES: usize = crate::form::MAX_BODY_BYTES;

/// The token pages put into their forms, available to handlers as a request extension.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// The MAC of `purpose:data` under the secret key: the purpose keeps a token made for a
/// session from passing for a nonce's, and the other way round.
fn mac(key: &[u8], purpose: &str, data: &[u8]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(purpose.as_bytes());
    mac.update(b":");
    mac.update(data);
    mac
}

/// HMAC-SHA256(key, `purpose:data`), as URL-safe base64.
fn sign(key: &[u8], purpose: &str, data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(mac(key, purpose, data).finalize().into_bytes())
}

/// Whether `signature` is [`sign`]'s for these, compared in constant time.
fn is_signed(key: &[u8], purpose: &str, data: &[u8], signature: &str) -> bool {
    URL_SAFE_NO_PAD
        .decode(signature)
        .is_ok_and(|bytes| mac(key, purpose, data).verify_slice(&bytes).is_ok())
}

/// What a token is bound to: the session when there is one, else the browser's nonce. The
/// purposes keep a token of one kind from ever matching the other.
fn bound_to<'a>(session: Option<&'a str>, nonce: &'a str) -> (&'static str, &'a str) {
    match session {
        Some(session) => ("csrf-session", session),
        None => ("csrf-nonce", nonce),
    }
}

/// The token for a browser with this session cookie (if any) and CSRF nonce.
pub fn token_for(key: &[u8], session: Option<&str>, nonce: &str) -> String {
    let (purpose, data) = bound_to(session, nonce);
    sign(key, purpose, data.as_bytes())
}

fn token_matches(key: &[u8], session: Option<&str>, nonce: &str, token: &str) -> bool {
    let (purpose, data) = bound_to(session, nonce);
    is_signed(key, purpose, data.as_bytes(), token)
}

fn is_nonce(value: &str) -> bool {
    value.len() == 43
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The `csrf` field of an url-encoded form. Our tokens are URL-safe base64, so they need
/// no percent-decoding.
fn form_field(body: &[u8]) -> Option<&str> {
    std::str::from_utf8(body)
        .ok()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("csrf="))
}

fn refused() -> Response {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "missing or wrong CSRF token: reload the page and try again",
    )
    .into_response()
}

pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cookies = &state.cookies;
    let nonce = cookies
        .read(request.headers(), &cookies.csrf)
        .filter(|n| is_nonce(n));
    let session = cookies.read(request.headers(), &cookies.session);
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // Only ambient credentials need protecting: a session cookie, or the sign-in and sign-up
    // forms (else another site could sign a victim into the attacker's account). A request
    // with neither is refused by the handler as unauthenticated, with a clearer 401.
    let ambient = session.is_some() || SIGN_IN_PATHS.contains(&request.uri().path());
    let mut request = if safe || !ambient || bearer(request.headers()).is_some() {
        request
    } else {
        // A session's token needs no nonce; a sign-in form's does.
        let Some(nonce) = nonce.as_deref().or(session.as_ref().map(|_| "")) else {
            return refused();
        };
        match checked(request, &state.csrf_key, session.as_deref(), nonce).await {
            Ok(request) => request,
            Err(response) => return response,
        }
    };
    let (nonce, fresh) = match nonce {
        Some(nonce) => (nonce, false),
        None => (URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>()), true),
    };
    request.extensions_mut().insert(CsrfToken(token_for(
        &state.csrf_key,
        session.as_deref(),
        &nonce,
    )));
    let response = next.run(request).await;
    if fresh {
        // For the browser's session: a nonce outlives no browser restart.
        (cookies.set(&cookies.csrf, nonce, None), response).into_response()
    } else {
        response
    }
}

/// The request, with its body put back, if it carries the right token.
async fn checked(
    request: Request,
    key: &[u8],
    session: Option<&str>,
    nonce: &str,
) -> Result<Request, Response> {
    if let Some(token) = request.headers().get(CSRF_HEADER) {
        let ok = token
            .to_str()
            .is_ok_and(|t| token_matches(key, session, nonce, t));
        return if ok { Ok(request) } else { Err(refused()) };
    }
    if !is_urlencoded(request.headers()) {
        return Err(refused());
    }
    let (parts, body) = request.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "the form is too large").into_response()
        })?;
    if !form_field(&bytes).is_some_and(|t| token_matches(key, session, nonce, t)) {
        return Err(refused());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_for_its_key_purpose_and_data_only() {
        let signature = sign(b"key", "csrf-session", b"user");
        assert!(is_signed(b"key", "csrf-session", b"user", &signature));
        assert!(!is_signed(b"other", "csrf-session", b"user", &signature));
        assert!(!is_signed(b"key", "csrf-nonce", b"user", &signature));
        assert!(!is_signed(b"key", "csrf-session", b"someone", &signature));
        assert!(!is_signed(b"key", "csrf-session", b"user", "not base64!"));
        assert!(!is_signed(b"key", "csrf-session", b"user", ""));
    }

    #[test]
    fn tokens_match_only_their_nonce_and_key() {
        let nonce = URL_SAFE_NO_PAD.encode([7u8; 32]);
        assert!(is_nonce(&nonce));
        let token = token_for(b"key", None, &nonce);
        assert!(token_matches(b"key", None, &nonce, &token));
        assert!(!token_matches(b"other key", None, &nonce, &token));
        assert!(!token_matches(
            b"key",
            None,
            &URL_SAFE_NO_PAD.encode([8u8; 32]),
            &token
        ));
        assert!(!token_matches(b"key", None, &nonce, "not base64!"));
        assert!(!token_matches(b"key", None, &nonce, ""));
    }

    #[test]
    fn a_signed_in_browsers_token_is_bound_to_its_session() {
        let nonce = URL_SAFE_NO_PAD.encode([7u8; 32]);
        let token = token_for(b"key", Some("session-a"), &nonce);
        assert!(token_matches(b"key", Some("session-a"), "", &token));
        // A planted nonce and its token do not pass for someone's session...
        let planted = token_for(b"key", None, &nonce);
        assert!(!token_matches(b"key", Some("session-a"), &nonce, &planted));
        // ...nor does another session's token, nor this one without the session.
        assert!(!token_matches(b"key", Some("session-b"), &nonce, &token));
        assert!(!token_matches(b"key", None, &nonce, &token));
    }

    #[test]
    fn the_form_field_is_found() {
        assert_eq!(form_field(b"a=1&csrf=abc-_9&b=2"), Some("abc-_9"));
        assert_eq!(form_field(b"xcsrf=1"), None);
        assert_eq!(form_field(&[0xff, 0xfe]), None);
    }
}
