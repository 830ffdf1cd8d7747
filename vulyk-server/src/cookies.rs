//! Every cookie the site reads and sets, through axum-extra's cookie jars. One place gives
//! them their names and attributes (`Path=/`, `HttpOnly`, `SameSite=Lax`, and `Secure` with
//! `secure_cookies`), and the signed ones their MAC under a key made from the secret.

use axum::http::{HeaderMap, header};
use axum_extra::extract::cookie::{Cookie, CookieJar, Key, SameSite, SignedCookieJar};
use sha2::{Digest, Sha512};

/// A cookie the site signs. The jar's MAC covers the value alone, not the name, so each
/// signed value starts with what it is for: one made for a device never passes for a
/// sign-in flow's.
#[derive(Debug, Clone, Copy)]
pub enum Signed {
    /// Marks a browser that signed in to an account before (see `auth::device_user`).
    Device,
    /// The OpenID Connect flow between the redirect to the provider and the way back.
    OidcFlow,
}

impl Signed {
    fn purpose(self) -> &'static str {
        match self {
            Signed::Device => "device:",
            Signed::OidcFlow => "oidc-flow:",
        }
    }
}

/// The site's cookies: their names, whether they are `Secure`, and the key that signs them.
#[derive(Debug, Clone)]
pub struct Cookies {
    pub session: String,
    pub csrf: String,
    oidc_flow: String,
    device: String,
    secure: bool,
    key: Key,
}

impl Cookies {
    /// With `secure`, the names carry the `__Host-` prefix: browsers take such a cookie only
    /// from a secure origin, for the whole host (`Path=/`) and with no `Domain`, so that
    /// neither a sibling subdomain nor a plain-HTTP hop can plant one.
    pub fn new(secret: &[u8], secure: bool) -> Self {
        let host = if secure { "__Host-" } else { "" };
        // The jar wants 64 bytes; hashing under a label of its own also keeps its key apart
        // from the CSRF tokens' (the same secret, used bare).
        let key_bytes = Sha512::new()
            .chain_update(b"vulyk cookie jar:")
            .chain_update(secret)
            .finalize();
        Cookies {
            session: format!("{host}vulyk_session"),
            csrf: format!("{host}vulyk_csrf"),
            oidc_flow: format!("{host}vulyk_oidc"),
            device: format!("{host}vulyk_device"),
            secure,
            key: Key::from(key_bytes.as_slice()),
        }
    }

    fn name(&self, signed: Signed) -> &str {
        match signed {
            Signed::Device => &self.device,
            Signed::OidcFlow => &self.oidc_flow,
        }
    }

    fn make(&self, name: &str, value: String, max_age_secs: Option<i64>) -> Cookie<'static> {
        let mut cookie = Cookie::build((name.to_string(), value))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure);
        if let Some(secs) = max_age_secs {
            cookie = cookie.max_age(time::Duration::seconds(secs));
        }
        cookie.build()
    }

    /// The first cookie `name` the request carries. Browsers send the site's own cookie
    /// before one of the same name and path set later, say by a sibling subdomain (without
    /// `secure_cookies` there is no `__Host-` prefix to refuse it); a jar would keep the last.
    fn first(headers: &HeaderMap, name: &str) -> Option<Cookie<'static>> {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(Cookie::split_parse_encoded)
            .filter_map(Result::ok)
            .find(|cookie| cookie.name() == name)
            .map(Cookie::into_owned)
    }

    /// The value of the request's cookie `name`.
    pub fn read(&self, headers: &HeaderMap, name: &str) -> Option<String> {
        Self::first(headers, name).map(|cookie| cookie.value().to_string())
    }

    /// The value of a signed cookie of the request, if its MAC and purpose are right.
    pub fn read_signed(&self, headers: &HeaderMap, which: Signed) -> Option<String> {
        let cookie = Self::first(headers, self.name(which))?;
        let verified = SignedCookieJar::new(self.key.clone()).verify(cookie)?;
        verified
            .value()
            .strip_prefix(which.purpose())
            .map(str::to_string)
    }

    /// Sets cookie `name`: for `max_age_secs`, or for the browser's session with `None`.
    pub fn set(&self, name: &str, value: String, max_age_secs: Option<i64>) -> CookieJar {
        CookieJar::new().add(self.make(name, value, max_age_secs))
    }

    /// Sets a signed cookie for `max_age_secs`.
    pub fn set_signed(&self, which: Signed, value: &str, max_age_secs: i64) -> SignedCookieJar {
        let value = format!("{}{value}", which.purpose());
        let cookie = self.make(self.name(which), value, Some(max_age_secs));
        SignedCookieJar::new(self.key.clone()).add(cookie)
    }

    /// Tells the browser to forget cookie `name`.
    pub fn remove(&self, name: &str) -> CookieJar {
        let mut cookie = self.make(name, String::new(), None);
        cookie.make_removal();
        CookieJar::new().add(cookie)
    }

    /// Tells the browser to forget a signed cookie.
    pub fn remove_signed(&self, which: Signed) -> CookieJar {
        self.remove(self.name(which))
    }
}

/// The request headers a browser sends back after a response that set `jar`'s cookies.
#[cfg(test)]
pub(crate) fn sent_back(jar: impl axum::response::IntoResponseParts) -> HeaderMap {
    use axum::response::IntoResponse;
    let response = (jar, ()).into_response();
    let mut headers = HeaderMap::new();
    for set in response.headers().get_all(header::SET_COOKIE) {
        let pair = set.to_str().unwrap().split(';').next().unwrap().to_string();
        headers.append(header::COOKIE, pair.parse().unwrap());
    }
    headers
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;
    use axum::response::IntoResponse;

    use super::*;

    #[test]
    fn cookies_carry_the_attributes_and_the_prefix_of_secure_sites() {
        let cookies = Cookies::new(b"secret", true);
        let response = (cookies.set(&cookies.session, "abc".into(), Some(60)), ()).into_response();
        let set = response.headers()[header::SET_COOKIE].to_str().unwrap();
        for part in [
            "__Host-vulyk_session=abc",
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
            "Path=/",
            "Max-Age=60",
        ] {
            assert!(set.contains(part), "{part} missing from {set}");
        }
        let plain = Cookies::new(b"secret", false);
        let response = (plain.remove(&plain.session), ()).into_response();
        let set = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(set.starts_with("vulyk_session=;") && set.contains("Max-Age=0"));
        assert!(!set.contains("Secure"), "{set}");
    }

    #[test]
    fn a_signed_cookie_holds_for_its_key_and_purpose_only() {
        let cookies = Cookies::new(b"secret", false);
        let headers = sent_back(cookies.set_signed(Signed::Device, "user-1", 60));
        assert_eq!(
            cookies.read_signed(&headers, Signed::Device).as_deref(),
            Some("user-1")
        );
        // Another key, or the same value moved under another cookie's name, is refused.
        let other = Cookies::new(b"other secret", false);
        assert_eq!(other.read_signed(&headers, Signed::Device), None);
        let signed = headers[header::COOKIE]
            .to_str()
            .unwrap()
            .replace("vulyk_device=", "vulyk_oidc=");
        let mut moved = HeaderMap::new();
        moved.insert(header::COOKIE, HeaderValue::from_str(&signed).unwrap());
        assert_eq!(cookies.read_signed(&moved, Signed::OidcFlow), None);
        // A forged value without the MAC is no cookie at all.
        let mut forged = HeaderMap::new();
        forged.insert(
            header::COOKIE,
            HeaderValue::from_static("vulyk_device=device:admin"),
        );
        assert_eq!(cookies.read_signed(&forged, Signed::Device), None);
    }

    #[test]
    fn of_two_cookies_of_one_name_the_first_is_read() {
        // The browser sends the site's own first; a planted one of the same path after it.
        let cookies = Cookies::new(b"secret", false);
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("vulyk_session=own; vulyk_session=planted"),
        );
        assert_eq!(
            cookies.read(&headers, "vulyk_session").as_deref(),
            Some("own")
        );
        let device = sent_back(cookies.set_signed(Signed::Device, "user-1", 60));
        let own = device[header::COOKIE].to_str().unwrap().to_string();
        let planted = sent_back(cookies.set_signed(Signed::Device, "user-2", 60));
        let planted = planted[header::COOKIE].to_str().unwrap();
        let mut both = HeaderMap::new();
        both.insert(header::COOKIE, format!("{own}; {planted}").parse().unwrap());
        assert_eq!(
            cookies.read_signed(&both, Signed::Device).as_deref(),
            Some("user-1")
        );
    }

    #[test]
    fn plain_cookies_are_read_among_others() {
        let cookies = Cookies::new(b"secret", false);
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; vulyk_session=xyz"),
        );
        headers.append(header::COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(
            cookies.read(&headers, "vulyk_session").as_deref(),
            Some("xyz")
        );
        assert_eq!(cookies.read(&headers, "b").as_deref(), Some("2"));
        assert_eq!(cookies.read(&headers, "c"), None);
    }
}
