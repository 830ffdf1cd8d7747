//! Who is asking: a browser session cookie or an API token, as extractors.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use vulyk_core::domain::{User, UserId};

use crate::error::ApiError;
use crate::sign::{is_signed, sign};
use crate::state::AppState;

/// The value of one cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The token of `Authorization: Bearer TOKEN`, if the request carries one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

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
        } else if let Some(secret) = cookie(&parts.headers, &state.cookies.session) {
            state.vulyk.session_user(secret).await?
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

/// The device cookie's value for a browser that signed in as `user`: the user's id and its
/// MAC under the secret key. It is no credential — it only spares its browser the
/// per-account limit on sign-in attempts, which guesses from many addresses can use up, so
/// that they cannot lock the owner out where the owner signs in (OWASP's "device cookies").
pub fn device_cookie(key: &[u8], user: &UserId) -> String {
    let user = user.as_str();
    format!("{user}.{}", sign(key, "device", user.as_bytes()))
}

/// The user a device cookie was made for, if its MAC is right (checked in constant time).
pub fn device_user(key: &[u8], value: &str) -> Option<UserId> {
    let (user, signature) = value.split_once('.')?;
    is_signed(key, "device", user.as_bytes(), signature)
        .then(|| UserId::from_stored(user.to_string()))
}

/// The client's network address as the per-address limits count it: an IPv4 address, or
/// the /64 of an IPv6 one (a single client usually holds a whole /64).
pub fn address_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
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

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn cookies_and_bearer_tokens_are_read() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; vulyk_session=xyz"),
        );
        headers.append(header::COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(cookie(&headers, "vulyk_session"), Some("xyz"));
        assert_eq!(cookie(&headers, "b"), Some("2"));
        assert_eq!(cookie(&headers, "c"), None);
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer vlk_abc "),
        );
        assert_eq!(bearer(&headers), Some("vlk_abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&headers), None);
    }

    #[test]
    fn device_cookies_name_their_user_only_under_the_key() {
        let user = UserId::from_stored("6b0f41e16ce47c109d000002".into());
        let value = device_cookie(b"key", &user);
        assert_eq!(device_user(b"key", &value), Some(user.clone()));
        assert_eq!(device_user(b"other key", &value), None);
        let forged = value.replace("6b0f41e16ce47c109d000002", "6b0f41e16ce47c109d000003");
        assert_eq!(device_user(b"key", &forged), None);
        assert_eq!(device_user(b"key", "no-dot"), None);
        assert_eq!(device_user(b"key", "a."), None);
    }

    #[test]
    fn addresses_are_counted_by_ipv4_or_ipv6_slash_64() {
        let key = |ip: &str| address_key(ip.parse().unwrap());
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff::1"), key("2001:db8:1:2::9"));
    }

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
