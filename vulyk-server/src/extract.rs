//! What handlers take from a request: who asks ([`MaybeUser`], [`SignedIn`]), from where
//! ([`ClientAddress`]), a page request ([`Page`]: user, language, CSRF token, and its
//! rendering), and a body read as JSON or as a form ([`form_or_json`]).

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};
use vulyk_core::domain::User;

use crate::auth::{address_key, bearer};
use crate::csrf::CsrfToken;
use crate::error::ApiError;
use crate::form::field_not_utf8;
use crate::i18n::Language;
use crate::pages::encode_path;
use crate::state::AppState;
use crate::templates::strip_email;

/// The signed-in user, if any. Looked up once per request and kept in its extensions.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<User>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(found) = parts.extensions.get::<MaybeUser>() {
            return Ok(found.clone());
        }
        let user = if let Some(token) = bearer(&parts.headers) {
            // A wrong token is an error, not "anonymous": the script should hear about it.
            match state.vulyk.token_user(token).await? {
                Some(user) => Some(user),
                None => {
                    return Err(ApiError::new(
                        axum::http::StatusCode::UNAUTHORIZED,
                        "unknown or revoked API token",
                    ));
                }
            }
        } else if let Some(secret) = state.cookies.read(&parts.headers, &state.cookies.session) {
            state.vulyk.session_user(&secret).await?
        } else {
            None
        };
        let found = MaybeUser(user);
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// A signed-in user; 401 for anyone else.
#[derive(Debug, Clone)]
pub struct SignedIn(pub User);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match MaybeUser::from_request_parts(parts, state).await?.0 {
            Some(user) => Ok(SignedIn(user)),
            None => Err(ApiError::unauthenticated()),
        }
    }
}

/// The client's network address (its [`address_key`]), for the sign-in and sign-up limits:
/// the socket's peer, or — when the peer is one of the configured `trusted_proxies` — the
/// nearest address in `X-Forwarded-For` that is not a trusted proxy. Any client can write
/// that header, so it is read only from a proxy the operator named.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Ok(ClientAddress("unknown".into()));
        };
        let client = client_ip(peer.ip(), &parts.headers, &state.config.trusted_proxies);
        Ok(ClientAddress(address_key(client)))
    }
}

fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| {
        trusted
            .iter()
            .any(|t| t.to_canonical() == ip.to_canonical())
    };
    if !is_trusted(peer) {
        return peer;
    }
    // Each proxy appends the address it was reached from: read from the right, past ours.
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in forwarded.iter().rev() {
        // An address, or an address with its port (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
        let hop = hop.trim();
        let parsed = hop
            .parse::<IpAddr>()
            .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()));
        match parsed {
            Ok(ip) if is_trusted(ip) => continue,
            Ok(ip) => return ip,
            // Unreadable: whoever wrote it is not to be believed further left.
            Err(_) => return peer,
        }
    }
    peer
}

/// What the layout shows about the signed-in user.
#[derive(Debug, Serialize)]
struct UserView {
    display: String,
    admin: bool,
}

/// A page request: who asks, in which language, with which CSRF token.
#[derive(Debug, Clone)]
pub struct Page {
    pub user: Option<User>,
    pub lang: Language,
    pub csrf: String,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = Language::negotiate(
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
            state.config.site.language,
        );
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let user = match MaybeUser::from_request_parts(parts, state).await {
            Ok(found) => found.0,
            Err(error) => {
                let page = Page {
                    user: None,
                    lang,
                    csrf,
                };
                return Err(page.error(state, error));
            }
        };
        Ok(Page { user, lang, csrf })
    }
}

impl Page {
    /// Renders a page template with the layout's context plus `extra`.
    pub fn render(&self, state: &AppState, template: &str, extra: Value) -> Response {
        self.render_with_status(state, StatusCode::OK, template, extra)
    }

    fn render_with_status(
        &self,
        state: &AppState,
        status: StatusCode,
        template: &str,
        extra: Value,
    ) -> Response {
        let site = &state.config.site;
        let base = context! {
            lang => self.lang.code(),
            csrf => &self.csrf,
            site => context! {
                name => &site.name,
                motto => &site.motto,
                logo_url => if site.logo.is_some() { "/static/site-logo" } else { "/static/logo.svg" },
            },
            user => self.user.as_ref().map(|u| UserView {
                display: if u.name.is_empty() { strip_email(u.username.clone()) } else { u.name.clone() },
                admin: u.admin,
            }),
        };
        match state
            .templates
            .render(template, context! { ..extra, ..base })
        {
            Ok(html) => (status, Html(html)).into_response(),
            Err(error) => {
                tracing::error!(template, error = %crate::error::error_chain(&error), "page failed to render");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    }

    /// An error as an HTML page with the error's status.
    pub fn error(&self, state: &AppState, error: impl Into<ApiError>) -> Response {
        let error = error.into();
        // What a visitor meets is said in the page's language; the rarer refusals (an OIDC
        // provider's) keep their own words.
        let message = match error.status {
            StatusCode::NOT_FOUND => self.lang.text("not_found").to_string(),
            StatusCode::FORBIDDEN => self.lang.text("forbidden").to_string(),
            _ => error.message,
        };
        self.render_with_status(
            state,
            error.status,
            "error.html",
            context! { status => error.status.as_u16(), message },
        )
    }

    /// The signed-in user, or a redirect to the sign-in page that comes back to `here`.
    pub fn require_user(&self, here: &str) -> Result<&User, Redirect> {
        match &self.user {
            Some(user) => Ok(user),
            None => Err(Redirect::to(&format!("/signin?next={}", encode_path(here)))),
        }
    }
}

/// Whether the request says its body is JSON (`application/json` or a `+json` type).
pub fn is_json(headers: &HeaderMap) -> bool {
    crate::media::media_type(headers)
        .is_some_and(|t| t == "application/json" || t.ends_with("+json"))
}

/// Reads a request body as a JSON object or an url-encoded form into `T`, with a message
/// that names the field or the place in the JSON.
pub fn form_or_json<T: for<'de> Deserialize<'de>>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<T, ApiError> {
    if is_json(headers) {
        // serde_json's message already says where: "… at line 1 column 2".
        serde_json::from_slice(&vulyk_core::json_text::without_negative_integer_zero(body))
            .map_err(|e| ApiError::bad_request(format!("request body: {e}")))
    } else {
        // serde_urlencoded would put U+FFFD in place of bytes that are not UTF-8: the answer
        // stored would not be the one sent.
        if let Some(field) = field_not_utf8(body) {
            return Err(ApiError::bad_request(format!(
                "form: field `{field}` is not valid UTF-8"
            )));
        }
        serde_urlencoded::from_bytes(body).map_err(|e| ApiError::bad_request(format!("form: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let proxy = ip("127.0.0.1");
        let mut headers = HeaderMap::new();
        headers.append(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 203.0.113.5"),
        );
        headers.append("x-forwarded-for", HeaderValue::from_static("127.0.0.1"));
        assert_eq!(client_ip(proxy, &headers, &[proxy]), ip("203.0.113.5"));
        assert_eq!(
            client_ip(ip("198.51.100.1"), &headers, &[proxy]),
            ip("198.51.100.1")
        );
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &[proxy]), proxy);
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("junk, 203.0.113.5"),
        );
        assert_eq!(client_ip(proxy, &headers, &[proxy]), ip("203.0.113.5"));
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.5, junk"),
        );
        assert_eq!(client_ip(proxy, &headers, &[proxy]), proxy);
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.5:4711"),
        );
        assert_eq!(client_ip(proxy, &headers, &[proxy]), ip("203.0.113.5"));
        // A proxy reached over a dual-stack socket is the same proxy.
        let mapped = ip("::ffff:127.0.0.1");
        assert_eq!(client_ip(mapped, &headers, &[proxy]), ip("203.0.113.5"));
    }
}
