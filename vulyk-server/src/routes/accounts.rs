//! Sign-up, sign-in and sign-out with e-mail and password.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde::Deserialize;
use vulyk_core::service::MIN_PASSWORD_CHARS;

use crate::auth::device_user;
use crate::cookies::Signed;
use crate::error::ApiError;
use crate::extract::ClientAddress;
use crate::extract::Page;
use crate::form::StrictForm;
use crate::i18n::Language;
use crate::pages::safe_next;
use crate::session::start_session;
use crate::state::AppState;

/// How long a browser is remembered as one its account signed in with.
const DEVICE_DAYS: i64 = 365;

/// The OpenID Connect providers' buttons: (id, name).
fn providers(state: &AppState) -> Vec<(String, String)> {
    state
        .config
        .oidc
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect()
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn sign_in_form(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<NextQuery>,
) -> Response {
    let next = query.next.unwrap_or_else(|| "/".into());
    if page.user.is_some() {
        return Redirect::to(safe_next(&next)).into_response();
    }
    let providers = providers(&state);
    page.render(
        &state,
        "sign_in.html",
        context! { next, login => "", providers },
    )
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn sign_in(
    State(state): State<AppState>,
    page: Page,
    ClientAddress(address): ClientAddress,
    headers: axum::http::HeaderMap,
    StrictForm(form): StrictForm<SignInForm>,
) -> Response {
    let known_user = device_user(&state.cookies, &headers);
    match state
        .vulyk
        .sign_in_on_device(&form.login, &form.password, &address, known_user.as_ref())
        .await
    {
        Ok(user) => {
            let device =
                state
                    .cookies
                    .set_signed(Signed::Device, user.id.as_str(), DEVICE_DAYS * 86_400);
            (device, start_session(&state, &user, &form.next).await).into_response()
        }
        Err(error) => {
            let error = ApiError::from(error);
            let retry_after = error.retry_after_secs;
            let mut response = page.render(
                &state,
                "sign_in.html",
                context! {
                    next => form.next,
                    login => form.login,
                    error => visitor_message(page.lang, &error),
                    providers => providers(&state),
                },
            );
            *response.status_mut() = error.status;
            if let Some(secs) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            response
        }
    }
}

pub async fn sign_up_form(State(state): State<AppState>, page: Page) -> Response {
    if page.user.is_some() {
        return Redirect::to("/").into_response();
    }
    page.render(&state, "sign_up.html", context! { email => "", name => "" })
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    name: String,
}

pub async fn sign_up(
    State(state): State<AppState>,
    page: Page,
    ClientAddress(address): ClientAddress,
    StrictForm(form): StrictForm<SignUpForm>,
) -> Response {
    match state
        .vulyk
        .sign_up_visitor(&form.email, &form.password, form.name.trim(), &address)
        .await
    {
        Ok(user) => start_session(&state, &user, "/").await,
        Err(error) => {
            // The form again with the message for a mistake of the visitor's; an error page
            // for anything else.
            let error = ApiError::from(error);
            if !error.status.is_client_error() {
                return page.error(&state, error);
            }
            let retry_after = error.retry_after_secs;
            let mut response = page.render(
                &state,
                "sign_up.html",
                context! {
                    email => form.email,
                    name => form.name,
                    error => visitor_message(page.lang, &error),
                },
            );
            *response.status_mut() = error.status;
            if let Some(secs) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            response
        }
    }
}

pub async fn sign_out(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    if let Some(secret) = state.cookies.read(&headers, &state.cookies.session)
        && let Err(error) = state.vulyk.end_session(&secret).await
    {
        return ApiError::from(error).into_response();
    }
    let forget = state.cookies.remove(&state.cookies.session);
    (forget, Redirect::to("/")).into_response()
}

/// What the sign-in and sign-up forms say about a visitor's mistake, in the page's language:
/// the core's messages are for operators (English, with field names). A message without a
/// translation here is shown as it is.
fn visitor_message(language: Language, error: &ApiError) -> String {
    let message = error.message.as_str();
    let key = match error.status {
        StatusCode::UNAUTHORIZED => "wrong_login",
        StatusCode::TOO_MANY_REQUESTS => "too_many_attempts",
        StatusCode::CONFLICT if message.contains("already") => "email_taken",
        StatusCode::BAD_REQUEST if message.starts_with("password:") => {
            return language
                .text("password_length")
                .replace("{min}", &MIN_PASSWORD_CHARS.to_string());
        }
        StatusCode::BAD_REQUEST if message.starts_with("email:") => "email_invalid",
        StatusCode::BAD_REQUEST if message.starts_with("name:") => "name_invalid",
        _ => return error.message.clone(),
    };
    language.text(key).to_string()
}
