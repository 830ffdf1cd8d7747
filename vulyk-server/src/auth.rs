//! What a request carries to say who it is: a Bearer token, the device cookie, and
//! the address a client is counted by. The extractors built on them are in `extract.rs`.

use std::net::{IpAddr, Ipv6Addr};

use axum::http::{HeaderMap, header};
use vulyk_core::domain::UserId;

use crate::cookies::{Cookies, Signed};

/// The token of `Authorization: Bearer TOKEN`, if the request carries one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The user a browser's device cookie was set for, if it carries a good one. The cookie
/// holds the user's id, signed under the secret key. It is no credential — it only spares its
/// browser the per-account limit on sign-in attempts, which guesses from many addresses can
/// use up, so that they cannot lock the owner out where the owner signs in (OWASP's "device
/// cookies").
pub fn device_user(cookies: &Cookies, headers: &HeaderMap) -> Option<UserId> {
    cookies
        .read_signed(headers, Signed::Device)
        .map(UserId::from_stored)
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

    use crate::cookies::sent_back;

    use super::*;

    #[test]
    fn bearer_tokens_are_read() {
        let mut headers = HeaderMap::new();
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
        let cookies = Cookies::new(b"key", false);
        let mut headers = sent_back(cookies.set_signed(Signed::Device, user.as_str(), 60));
        assert_eq!(device_user(&cookies, &headers), Some(user.clone()));
        assert_eq!(
            device_user(&Cookies::new(b"other key", false), &headers),
            None
        );
        let sent = headers[header::COOKIE].to_str().unwrap();
        let forged = sent.replace("6b0f41e16ce47c109d000002", "6b0f41e16ce47c109d000003");
        headers.insert(header::COOKIE, HeaderValue::from_str(&forged).unwrap());
        assert_eq!(device_user(&cookies, &headers), None);
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
