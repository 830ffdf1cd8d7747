//! What a request carries to say who it is: cookies, a Bearer token, the device cookie, and
//! the address a client is counted by. The extractors built on them are in `extract.rs`.

use std::net::{IpAddr, Ipv6Addr};

use axum::http::{HeaderMap, header};
use vulyk_core::domain::UserId;

use crate::sign::{is_signed, sign};

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
}
