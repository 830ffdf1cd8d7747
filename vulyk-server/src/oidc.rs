//! Sign-in through OpenID Connect providers (authorization code flow with PKCE).
//!
//! `/signin/oidc/{id}` sends the browser to the provider with a fresh `state`, `nonce` and
//! PKCE verifier, kept in a short-lived cookie signed with the secret key (no server-side
//! state, invariant 10); `/signin/oidc/{id}/callback` checks them, trades the code for tokens
//! at the provider's token endpoint, checks the ID token's issuer, audience, expiry and nonce,
//! asks the userinfo endpoint for the e-mail address, and signs the volunteer in.
//!
//! The ID token's signature is not checked: it comes straight from the token endpoint over
//! the connection we opened, which OpenID Connect Core (3.1.3.7) accepts in place of it.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use vulyk_core::service::ExternalIdentity;

use crate::config::OidcProvider;
use crate::error::ApiError;
use crate::pages::{Page, safe_next};
use crate::routes::accounts::start_session;
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
    expires: i64,
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

/// The MAC of a sealed flow; the prefix keeps it from ever equalling a CSRF token made with
/// the same key.
fn flow_mac(key: &[u8], payload: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(b"oidc-flow:");
    mac.update(payload.as_bytes());
    mac
}

fn seal(key: &[u8], flow: &Flow) -> String {
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(flow).expect("flow serialises"));
    let signature = URL_SAFE_NO_PAD.encode(flow_mac(key, &payload).finalize().into_bytes());
    format!("{payload}.{signature}")
}

fn open(key: &[u8], sealed: &str) -> Option<Flow> {
    let (payload, signature) = sealed.split_once('.')?;
    flow_mac(key, payload)
        .verify_slice(&URL_SAFE_NO_PAD.decode(signature).ok()?)
        .ok()?;
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

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(PROVIDER_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client")
}

async fn discover(provider: &OidcProvider) -> Result<Discovery, ApiError> {
    let url = format!("{}/.well-known/openid-configuration", provider.issuer);
    let discovery: Discovery = http()
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
    Ok(discovery)
}

/// The address the provider sends the browser back to.
fn redirect_uri(state: &AppState, headers: &HeaderMap, id: &str) -> String {
    let base = state.config.public_url.clone().unwrap_or_else(|| {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("localhost");
        format!("http://{host}")
    });
    format!("{base}/signin/oidc/{id}/callback")
}

fn flow_cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/signin/oidc; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        state.cookies.oidc_flow
    ))
    .expect("cookie text is ASCII")
}

#[derive(Debug, Default, Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<StartQuery>,
    headers: HeaderMap,
    page: Page,
) -> Response {
    let begun = async {
        let provider = provider(&state, &id)?;
        let discovery = discover(provider).await?;
        let flow = Flow {
            provider: id.clone(),
            state: random(),
            nonce: random(),
            verifier: random(),
            next: safe_next(query.next.as_deref().unwrap_or("/")).to_string(),
            expires: chrono::Utc::now().timestamp() + FLOW_MINUTES * 60,
        };
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(flow.verifier.as_bytes()));
        let mut url = reqwest::Url::parse(&discovery.authorization_endpoint)
            .map_err(|e| bad_gateway(format!("authorization endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &provider.client_id)
            .append_pair("redirect_uri", &redirect_uri(&state, &headers, &id))
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
                flow_cookie(&state, &seal(&state.csrf_key, &flow), FLOW_MINUTES * 60),
            );
            response
        }
        Err(error) => page.error(&state, error),
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
        let flow = flow.filter(|f| {
            f.provider == id
                && Some(f.state.as_str()) == query.state.as_deref()
                && f.expires > chrono::Utc::now().timestamp()
        });
        let Some(flow) = flow else {
            return Err(ApiError::bad_request(
                "this sign-in link is stale or was not started here; start again",
            ));
        };
        let code = query
            .code
            .as_deref()
            .ok_or_else(|| ApiError::bad_request("the provider sent no code"))?;
        let identity = exchange(&state, &headers, provider, &flow, code).await?;
        Ok((identity, flow.next))
    };
    let (identity, next) = match identity.await {
        Ok(found) => found,
        Err(error) => return page.error(&state, error),
    };
    let user = match state.vulyk.sign_in_external(&identity).await {
        Ok(user) => user,
        Err(error) => return page.error(&state, error),
    };
    let mut response = start_session(&state, &user, &next).await;
    response
        .headers_mut()
        .append(header::SET_COOKIE, flow_cookie(&state, "", 0));
    response
}

/// Trades the code for tokens, checks the ID token, and reads who signed in.
async fn exchange(
    state: &AppState,
    headers: &HeaderMap,
    provider: &OidcProvider,
    flow: &Flow,
    code: &str,
) -> Result<ExternalIdentity, ApiError> {
    let discovery = discover(provider).await?;
    let client = http();
    let redirect = redirect_uri(state, headers, &provider.id);
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
            provider.client_secret.as_ref().map(|s| s.expose()),
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
    let subject = claims["sub"]
        .as_str()
        .ok_or_else(|| bad_gateway("the ID token has no subject"))?
        .to_string();
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
    if info["sub"].as_str().is_some_and(|sub| sub != subject) {
        return Err(bad_gateway(
            "userinfo names another subject than the ID token",
        ));
    }
    Ok(ExternalIdentity {
        provider: provider.id.clone(),
        subject,
        email: info["email"].as_str().map(str::to_string),
        email_verified: info["email_verified"].as_bool().unwrap_or(false)
            || info["email_verified"].as_str() == Some("true"),
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
    let fresh = claims["exp"]
        .as_i64()
        .is_some_and(|exp| exp > chrono::Utc::now().timestamp());
    let checks = [
        (claims["iss"].as_str() == Some(issuer), "issuer"),
        (audience_ok, "audience"),
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
            expires: 1,
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
        let good = serde_json::json!({"iss": "https://i", "aud": ["c", "x"], "exp": now + 60, "nonce": "n", "sub": "1"});
        assert!(check_claims(&good, "https://i", "c", "n").is_ok());
        for (key, value) in [
            ("iss", "https://evil"),
            ("aud", "other"),
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
