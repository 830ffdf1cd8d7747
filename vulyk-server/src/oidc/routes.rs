//! The sign-in routes: `/signin/oidc/{id}` starts a flow (or, posted from the personal page,
//! links a provider to the account), `/signin/oidc/{id}/callback` finishes it.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::client::{bad_gateway, discover, exchange, provider, redirect_uri};
use super::flow::{FLOW_MINUTES, Flow, random};
use crate::error::ApiError;
use crate::extract::Page;
use crate::pages::safe_next;
use crate::session::start_session;
use crate::state::AppState;

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
            (flow.cookie(&state.cookies), Redirect::to(url.as_str())).into_response()
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

pub async fn callback(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
    page: Page,
) -> Response {
    let flow = Flow::from_cookie(&state.cookies, &headers);
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
    let response = match &flow.link_user {
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
    (Flow::forget(&state.cookies), response).into_response()
}
