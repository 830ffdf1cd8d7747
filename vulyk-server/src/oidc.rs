//! Sign-in through OpenID Connect providers (authorization code flow with PKCE).
//!
//! `/signin/oidc/{id}` sends the browser to the provider with a fresh `state`, `nonce` and
//! PKCE verifier, kept in a short-lived cookie signed with the secret key (invariant 10);
//! `/signin/oidc/{id}/callback` checks them, uses the flow once (counted in the store),
//! trades the code for tokens at the provider's token endpoint, checks the ID token's issuer,
//! audience, authorized party, expiry and nonce, reads the userinfo (the same `sub`) and
//! signs the volunteer in. `POST /signin/oidc/{id}` from a signed-in browser's personal page
//! links the provider to that account instead: the way for an owner to add one, since an
//! address the provider
//! vouches for links an existing account only where the operator trusts it to
//! (`link_by_email`), and never an admin's.
//!
//! The ID token's signature is not checked: it comes straight from the token endpoint over
//! TLS on the connection we opened (plain HTTP is refused but on loopback), which OpenID
//! Connect Core (3.1.3.7) accepts in place of it.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use vulyk_core::service::ExternalIdentity;

use crate::config::OidcProvider;
use crate::error::ApiError;
use crate::extract::Page;
use crate::pages::safe_next;
use crate::session::start_session;
use crate::sign::{is_signed, sign};
use crate::state::AppState;

const FLOW_MINUTES: i64 = 10;
const PROVIDER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// What the browser carries between the redirect to the provider and the way back.
#[derive(Debug, Serialize, Deserialize)]
struct Flow {
    provider: String,
    state: String,
    nonce: String,
    verifier: String,
    next: String,
    issued: i64,
    expires: i64,
    /// Set when a signed-in user links the provider to their account.
    link_user: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    userinfo_endpoint: Option<String>,
}

fn random() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

fn seal(key: &[u8], flow: &Flow) -> String {
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(flow).expect("flow serialises"));
    let signature = sign(key, "oidc-flow", payload.as_bytes());
    format!("{payload}.{signature}")
}

fn open(key: &[u8], sealed: &str) -> Option<Flow> {
    let (payload, signature) = sealed.split_once('.')?;
    if !is_signed(key, "oidc-flow", payload.as_bytes(), signature) {
        return None;
    }
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

fn provider<'a>(state: &'a AppState, id: &str) -> Result<&'a OidcProvider, ApiError> {
    state
        .config
        .oidc
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no sign-in provider `{id}`")))
}

fn bad_gateway(what: impl std::fmt::Display) -> ApiError {
    tracing::warn!(error = %what, "sign-in provider failed");
    ApiError::new(
        StatusCode::BAD_GATEWAY,
        format!("the sign-in provider failed: {what}"),
    )
}

/// The server's one client for the providers (its connections and TLS sessions are reused),
/// made on the first sign-in through a provider.
fn http(state: &AppState) -> Result<&reqwest::Client, ApiError> {
    if let Some(client) = state.http.get() {
        return Ok(client);
    }
    let client = reqwest::Client::builder()
        .timeout(PROVIDER_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| bad_gateway(format!("cannot make an HTTP client: {e}")))?;
    Ok(state.http.get_or_init(|| client))
}

async fn discover(state: &AppState, provider: &OidcProvider) -> Result<Discovery, ApiError> {
    let url = format!("{}/.well-known/openid-configuration", provider.issuer);
    let discovery: Discovery = http(state)?
        .get(&url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| bad_gateway(format!("{url}: {e}")))?
        .json()
        .await
        .map_err(|e| bad_gateway(format!("{url}: {e}")))?;
    if discovery.issuer.trim_end_matches('/') != provider.issuer {
        return Err(bad_gateway(format!(
            "{url} names issuer {}, not {}",
            discovery.issuer, provider.issuer
        )));
    }
    // The ID token is trusted for the TLS it comes over: every endpoint must have it.
    let endpoints = [
        Some(&discovery.authorization_endpoint),
        Some(&discovery.token_endpoint),
        discovery.userinfo_endpoint.as_ref(),
    ];
    if let Some(plain) = endpoints
        .into_iter()
        .flatten()
        .find(|e| !crate::config::secure_or_local(e))
    {
        return Err(bad_gateway(format!(
            "{url} names an endpoint without https: {plain}"
        )));
    }
    Ok(discovery)
}

/// The address the provider sends the browser back to: under the configured `public_url`
/// (required with providers), never one made from the request's `Host`.
fn redirect_uri(state: &AppState, id: &str) -> Result<String, ApiError> {
    let base = state.config.public_url.as_deref().ok_or_else(|| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "public_url is not configured",
        )
    })?;
    Ok(format!("{base}/signin/oidc/{id}/callback"))
}

fn flow_cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        state.cookies.oidc_flow
    ))
    .expect("cookie text is ASCII")
}

#[derive(Debug, Default, Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /signin/oidc/{id}`: signs in through the provider.
pub async fn start(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<StartQuery>,
    page: Page,
) -> Response {
    let next = safe_next(query.next.as_deref().unwrap_or("/")).to_string();
    begin(&state, &id, next, None, &page).await
}

/// `POST /signin/oidc/{id}` from the personal page (so behind the CSRF check: a link that a
/// stranger's page could start might attach the stranger's provider account): links the
/// provider to the signed-in account.
pub async fn start_link(
    State(state): State<AppState>,
    Path(id): Path<String>,
    page: Page,
) -> Response {
    let Some(user) = &page.user else {
        return page.error(&state, ApiError::unauthenticated());
    };
    let user = user.id.as_str().to_string();
    begin(&state, &id, "/me".into(), Some(user), &page).await
}

async fn begin(
    state: &AppState,
    id: &str,
    next: String,
    link_user: Option<String>,
    page: &Page,
) -> Response {
    let begun = async {
        let provider = provider(state, id)?;
        let discovery = discover(state, provider).await?;
        let issued = chrono::Utc::now().timestamp();
        let flow = Flow {
            provider: id.to_string(),
            state: random(),
            nonce: random(),
            verifier: random(),
            next,
            issued,
            expires: issued + FLOW_MINUTES * 60,
            link_user,
        };
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(flow.verifier.as_bytes()));
        let mut url = reqwest::Url::parse(&discovery.authorization_endpoint)
            .map_err(|e| bad_gateway(format!("authorization endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &provider.client_id)
            .append_pair("redirect_uri", &redirect_uri(state, id)?)
            .append_pair("scope", &provider.scopes.join(" "))
            .append_pair("state", &flow.state)
            .append_pair("nonce", &flow.nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        Ok::<_, ApiError>((url, flow))
    };
    match begun.await {
        Ok((url, flow)) => {
            let mut response = Redirect::to(url.as_str()).into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                flow_cookie(state, &seal(&state.csrf_key, &flow), FLOW_MINUTES * 60),
            );
            response
        }
        Err(error) => page.error(state, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Tokens {
    access_token: String,
    id_token: String,
}

pub async fn callback(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
    page: Page,
) -> Response {
    let flow = crate::auth::cookie(&headers, &state.cookies.oidc_flow)
        .and_then(|c| open(&state.csrf_key, c));
    let identity = async {
        let provider = provider(&state, &id)?;
        if let Some(error) = &query.error {
            return Err(ApiError::bad_request(format!(
                "{} refused the sign-in: {error} {}",
                provider.name,
                query.error_description.as_deref().unwrap_or("")
            )));
        }
        let stale = || {
            ApiError::bad_request("this sign-in link is stale or was not started here; start again")
        };
        let flow = flow.filter(|f| {
            f.provider == id
                && Some(f.state.as_str()) == query.state.as_deref()
                && f.expires > chrono::Utc::now().timestamp()
        });
        let Some(flow) = flow else {
            return Err(stale());
        };
        // A flow is good for one sign-in: its cookie and code, replayed, are refused.
        let issued = chrono::DateTime::from_timestamp(flow.issued, 0).unwrap_or_default();
        if !state.vulyk.first_use(&flow.state, issued).await? {
            return Err(stale());
        }
        let code = query
            .code
            .as_deref()
            .ok_or_else(|| ApiError::bad_request("the provider sent no code"))?;
        let identity = exchange(&state, provider, &flow, code).await?;
        Ok((identity, flow, provider.link_by_email))
    };
    let (identity, flow, link_by_email) = match identity.await {
        Ok(found) => found,
        Err(error) => return page.error(&state, error),
    };
    let mut response = match &flow.link_user {
        Some(wanted) => {
            // Only the browser of the account that started the link may finish it.
            let Some(user) = page.user.as_ref().filter(|u| u.id.as_str() == wanted) else {
                return page.error(&state, ApiError::unauthenticated());
            };
            match state.vulyk.link_external(user, &identity).await {
                Ok(()) => Redirect::to(&flow.next).into_response(),
                Err(error) => return page.error(&state, error),
            }
        }
        None => match state.vulyk.sign_in_external(&identity, link_by_email).await {
            Ok(user) => start_session(&state, &user, &flow.next).await,
            Err(error) => return page.error(&state, error),
        },
    };
    response
        .headers_mut()
        .append(header::SET_COOKIE, flow_cookie(&state, "", 0));
    response
}

/// Trades the code for tokens, checks the ID token, and reads who signed in.
async fn exchange(
    state: &AppState,
    provider: &OidcProvider,
    flow: &Flow,
    code: &str,
) -> Result<ExternalIdentity, ApiError> {
    let discovery = discover(state, provider).await?;
    let client = http(state)?;
    let redirect = redirect_uri(state, &provider.id)?;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect.as_str()),
        ("code_verifier", flow.verifier.as_str()),
        ("client_id", provider.client_id.as_str()),
    ];
    let tokens: Tokens = client
        .post(&discovery.token_endpoint)
        .basic_auth(
            &provider.client_id,
            provider.client_secret.as_ref().map(|s| s.expose_secret()),
        )
        .form(&form)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| bad_gateway(format!("token endpoint: {e}")))?
        .json()
        .await
        .map_err(|e| bad_gateway(format!("token endpoint: {e}")))?;
    let claims = id_token_claims(&tokens.id_token)
        .ok_or_else(|| bad_gateway("the ID token is not a JWT"))?;
    check_claims(&claims, &discovery.issuer, &provider.client_id, &flow.nonce)?;
    let subject = match &claims["sub"] {
        Value::String(sub) if !sub.is_empty() => sub.clone(),
        _ => return Err(bad_gateway("the ID token has no subject")),
    };
    let info = match &discovery.userinfo_endpoint {
        Some(endpoint) => client
            .get(endpoint)
            .bearer_auth(&tokens.access_token)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| bad_gateway(format!("userinfo endpoint: {e}")))?
            .json::<Value>()
            .await
            .map_err(|e| bad_gateway(format!("userinfo endpoint: {e}")))?,
        None => claims.clone(),
    };
    // OpenID Connect Core 5.3.2: the userinfo's `sub` must be there and be the ID token's.
    if info["sub"].as_str() != Some(subject.as_str()) {
        return Err(bad_gateway(
            "userinfo names no subject, or another than the ID token",
        ));
    }
    Ok(ExternalIdentity {
        provider: provider.id.clone(),
        subject,
        email: info["email"].as_str().map(str::to_string),
        // A JSON `true` and nothing else: not the string "true", not a number.
        email_verified: info["email_verified"] == Value::Bool(true),
        name: info["name"].as_str().unwrap_or_default().to_string(),
    })
}

fn id_token_claims(token: &str) -> Option<Value> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?).ok()
}

fn check_claims(
    claims: &Value,
    issuer: &str,
    client_id: &str,
    nonce: &str,
) -> Result<(), ApiError> {
    let audience_ok = match &claims["aud"] {
        Value::String(aud) => aud == client_id,
        Value::Array(auds) => auds.iter().any(|a| a == client_id),
        _ => false,
    };
    // OpenID Connect Core 3.1.3.7: with several audiences the token must name us as its
    // authorized party; an `azp` that names another client is wrong in any case.
    let several = claims["aud"].as_array().is_some_and(|auds| auds.len() > 1);
    let party_ok = match &claims["azp"] {
        Value::Null => !several,
        Value::String(azp) => azp == client_id,
        _ => false,
    };
    let fresh = claims["exp"]
        .as_i64()
        .is_some_and(|exp| exp > chrono::Utc::now().timestamp());
    let checks = [
        (claims["iss"].as_str() == Some(issuer), "issuer"),
        (audience_ok, "audience"),
        (party_ok, "authorized party"),
        (fresh, "expiry"),
        (claims["nonce"].as_str() == Some(nonce), "nonce"),
    ];
    match checks.iter().find(|(ok, _)| !ok) {
        Some((_, what)) => Err(ApiError::bad_request(format!(
            "the ID token's {what} is wrong; start the sign-in again"
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let sealed = seal(b"key", &flow);
        assert_eq!(open(b"key", &sealed).unwrap().state, "s");
        assert!(open(b"other key", &sealed).is_none());
        let (payload, signature) = sealed.split_once('.').unwrap();
        let forged = URL_SAFE_NO_PAD.encode(
            br#"{"provider":"p","state":"x","nonce":"n","verifier":"v","next":"/","expires":1}"#,
        );
        assert!(open(b"key", &format!("{forged}.{signature}")).is_none());
        assert!(open(b"key", payload).is_none());
    }

    #[test]
    fn claims_are_checked() {
        let now = chrono::Utc::now().timestamp();
        let good = serde_json::json!({"iss": "https://i", "aud": ["c", "x"], "azp": "c", "exp": now + 60, "nonce": "n", "sub": "1"});
        assert!(check_claims(&good, "https://i", "c", "n").is_ok());
        let mut one = good.clone();
        one["aud"] = "c".into();
        one.as_object_mut().unwrap().remove("azp");
        assert!(
            check_claims(&one, "https://i", "c", "n").is_ok(),
            "azp optional"
        );
        let mut no_party = good.clone();
        no_party.as_object_mut().unwrap().remove("azp");
        assert!(
            check_claims(&no_party, "https://i", "c", "n").is_err(),
            "several audiences, no azp"
        );
        let mut numbers = good.clone();
        numbers["exp"] = (now + 60).to_string().into();
        assert!(
            check_claims(&numbers, "https://i", "c", "n").is_err(),
            "exp as text"
        );
        for (key, value) in [
            ("iss", "https://evil"),
            ("aud", "other"),
            ("azp", "other"),
            ("nonce", "replayed"),
        ] {
            let mut bad = good.clone();
            bad[key] = value.into();
            assert!(check_claims(&bad, "https://i", "c", "n").is_err(), "{key}");
        }
        let mut expired = good.clone();
        expired["exp"] = (now - 1).into();
        assert!(check_claims(&expired, "https://i", "c", "n").is_err());
    }
}
