//! The talk with a provider: its discovery document, the token endpoint, the ID token's
//! claims and the userinfo. One HTTP client for all of it, kept in the server's state.

use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::ExposeSecret;
use serde::Deserialize;
use serde_json::Value;
use vulyk_core::service::ExternalIdentity;

use super::flow::Flow;
use crate::config::OidcProvider;
use crate::error::ApiError;
use crate::state::AppState;

const PROVIDER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Debug, Deserialize)]
pub(super) struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub userinfo_endpoint: Option<String>,
}

/// The configured provider `id`; 404 for any other.
pub(super) fn provider<'a>(state: &'a AppState, id: &str) -> Result<&'a OidcProvider, ApiError> {
    state
        .config
        .oidc
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no sign-in provider `{id}`")))
}

pub(super) fn bad_gateway(what: impl std::fmt::Display) -> ApiError {
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

/// The provider's endpoints, from its discovery document; all must be secure.
pub(super) async fn discover(
    state: &AppState,
    provider: &OidcProvider,
) -> Result<Discovery, ApiError> {
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
pub(super) fn redirect_uri(state: &AppState, id: &str) -> Result<String, ApiError> {
    let base = state.config.public_url.as_deref().ok_or_else(|| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "public_url is not configured",
        )
    })?;
    Ok(format!("{base}/signin/oidc/{id}/callback"))
}

#[derive(Debug, Deserialize)]
struct Tokens {
    access_token: String,
    id_token: String,
}

/// Trades the code for tokens, checks the ID token, and reads who signed in.
pub(super) async fn exchange(
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
