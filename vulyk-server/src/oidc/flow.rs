//! What the browser carries between the redirect to the provider and the way back: a
//! short-lived cookie, signed under the secret key (invariant 10).

use axum::http::HeaderMap;
use axum_extra::extract::cookie::{CookieJar, SignedCookieJar};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::cookies::{Cookies, Signed};

/// How long a sign-in may take between its two legs.
pub(super) const FLOW_MINUTES: i64 = 10;

/// What the browser carries between the redirect to the provider and the way back.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Flow {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    pub next: String,
    pub issued: i64,
    pub expires: i64,
    /// Set when a signed-in user links the provider to their account.
    pub link_user: Option<String>,
}

/// 32 random bytes as URL-safe text: a state, a nonce, a PKCE verifier.
pub(super) fn random() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

impl Flow {
    /// The signed cookie that carries the flow (as base64 JSON: cookie values take no quotes).
    pub(super) fn cookie(&self, cookies: &Cookies) -> SignedCookieJar {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let value = URL_SAFE_NO_PAD.encode(json);
        cookies.set_signed(Signed::OidcFlow, &value, FLOW_MINUTES * 60)
    }

    /// The flow the request's cookie carries, if it is one this server signed.
    pub(super) fn from_cookie(cookies: &Cookies, headers: &HeaderMap) -> Option<Flow> {
        let value = cookies.read_signed(headers, Signed::OidcFlow)?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(value).ok()?).ok()
    }

    /// Forgets the flow: it is good for one sign-in.
    pub(super) fn forget(cookies: &Cookies) -> CookieJar {
        cookies.remove_signed(Signed::OidcFlow)
    }
}

#[cfg(test)]
mod tests {
    use axum::http::header;
    use axum_extra::extract::cookie::Cookie;

    use super::*;
    use crate::cookies::sent_back;

    /// The request headers with cookie `name` set to `value` (encoded as a browser keeps it).
    fn with_cookie(name: &str, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let pair = Cookie::new(name.to_string(), value.to_string())
            .encoded()
            .to_string();
        headers.insert(header::COOKIE, pair.parse().unwrap());
        headers
    }

    #[test]
    fn flows_are_sealed_against_tampering() {
        let flow = Flow {
            provider: "p".into(),
            state: "s".into(),
            nonce: "n".into(),
            verifier: "v".into(),
            next: "/".into(),
            issued: 0,
            expires: 1,
            link_user: None,
        };
        let cookies = Cookies::new(b"key", false);
        let headers = sent_back(flow.cookie(&cookies));
        assert_eq!(Flow::from_cookie(&cookies, &headers).unwrap().state, "s");
        let other = Cookies::new(b"other key", false);
        assert!(Flow::from_cookie(&other, &headers).is_none());
        // The signed value is the MAC (44 characters of base64) and then the payload.
        let sent = headers[header::COOKIE].to_str().unwrap();
        let cookie = Cookie::parse_encoded(sent.to_string()).unwrap();
        let (mac, payload) = cookie.value().split_at(44);
        let spliced = with_cookie(cookie.name(), &format!("{mac}{payload}"));
        assert_eq!(Flow::from_cookie(&cookies, &spliced).unwrap().state, "s");
        // Another flow's payload under this one's MAC is refused.
        let forged = URL_SAFE_NO_PAD.encode(
            br#"{"provider":"p","state":"x","nonce":"n","verifier":"v","next":"/","issued":0,"expires":1,"link_user":null}"#,
        );
        let tampered = with_cookie(cookie.name(), &format!("{mac}oidc-flow:{forged}"));
        assert!(Flow::from_cookie(&cookies, &tampered).is_none());
    }
}
