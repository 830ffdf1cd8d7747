//! The gamification API under `/gamification` (spec 7.4): badges, funds and their logos,
//! a volunteer's events and state, donations. Marking events viewed is a POST.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use vulyk_core::gamification::{Amount, DonationResult};

use crate::envelope;
use crate::error::ApiError;
use crate::extract::{SignedIn, form_or_json};
use crate::game_json::{self, EventJson, FundJson, Lookup, StateJson};
use crate::state::AppState;

// What each route's `result` holds.

#[derive(Serialize)]
struct Badges {
    badges: Vec<Value>,
}

#[derive(Serialize)]
struct Funds {
    funds: Vec<FundJson>,
}

#[derive(Serialize)]
struct Events {
    events: Vec<EventJson>,
}

#[derive(Serialize)]
struct Marked {
    marked: u64,
}

#[derive(Serialize)]
struct Standing {
    state: StateJson,
}

#[derive(Serialize)]
struct Done {
    done: bool,
}

pub async fn badges(State(state): State<AppState>) -> Result<Response, ApiError> {
    let rules = state.vulyk.rules().await?;
    Ok(envelope::ok(Badges {
        badges: game_json::rules(&rules),
    }))
}

/// `strict`: the project's own rules; `weak`: those and the rules of every project.
pub async fn project_badges(
    State(state): State<AppState>,
    Path((project, strictness)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let strict = match strictness.as_str() {
        "strict" => true,
        "weak" => false,
        other => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!("strictness `{other}`: use strict or weak"),
            ));
        }
    };
    let rules = state.vulyk.rules_for(&project, strict).await?;
    Ok(envelope::ok(Badges {
        badges: game_json::rules(&rules),
    }))
}

pub async fn funds(State(state): State<AppState>) -> Result<Response, ApiError> {
    funds_where(&state, None).await
}

pub async fn funds_of_category(
    State(state): State<AppState>,
    Path(category): Path<String>,
) -> Result<Response, ApiError> {
    let donatable = match category.as_str() {
        "donatable" => true,
        "nondonatable" => false,
        other => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!("fund category `{other}`: use donatable or nondonatable"),
            ));
        }
    };
    funds_where(&state, Some(donatable)).await
}

async fn funds_where(state: &AppState, donatable: Option<bool>) -> Result<Response, ApiError> {
    let funds = state.vulyk.funds(donatable).await?;
    let funds = funds.iter().map(FundJson::from).collect();
    Ok(envelope::ok(Funds { funds }))
}

/// The logo's bytes with their image type; cached for a day (a changed logo may show late).
pub async fn fund_logo(
    State(state): State<AppState>,
    Path(fund): Path<String>,
) -> Result<Response, ApiError> {
    let logo = state.vulyk.fund_logo(&fund).await?;
    let mut response = Body::from(logo.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(logo.content_type),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(response)
}

pub async fn unseen_events(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
) -> Result<Response, ApiError> {
    events(&state, &user.id, true).await
}

pub async fn all_events(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
) -> Result<Response, ApiError> {
    events(&state, &user.id, false).await
}

async fn events(
    state: &AppState,
    user: &vulyk_core::domain::UserId,
    unseen: bool,
) -> Result<Response, ApiError> {
    let events = state.vulyk.events(user, unseen).await?;
    let mut lookup = Lookup::new(&state.vulyk).await?;
    let mut out = Vec::with_capacity(events.len());
    for event in &events {
        out.push(lookup.event(&state.vulyk, event).await?);
    }
    Ok(envelope::ok(Events { events: out }))
}

pub async fn mark_viewed(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
) -> Result<Response, ApiError> {
    let marked = state.vulyk.mark_events_viewed(&user.id).await?;
    Ok(envelope::ok(Marked { marked }))
}

pub async fn my_state(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
) -> Result<Response, ApiError> {
    state_of(&state, &user.id, Viewer::Themselves).await
}

/// Another volunteer's state: for signed-in users only (the original showed it to anyone),
/// without their e-mail address.
pub async fn user_state(
    State(state): State<AppState>,
    SignedIn(_): SignedIn,
    Path(user_id): Path<String>,
) -> Result<Response, ApiError> {
    let Some(user) = state.vulyk.user_by_id(&user_id).await? else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("user not found: {user_id}"),
        ));
    };
    state_of(&state, &user.id, Viewer::Another).await
}

/// Who asks for a standing: the volunteer sees their own username, others see less.
enum Viewer {
    Themselves,
    Another,
}

async fn state_of(
    state: &AppState,
    user: &vulyk_core::domain::UserId,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let user_state = state.vulyk.user_state(user).await?;
    let mut lookup = Lookup::new(&state.vulyk).await?;
    let standing = match viewer {
        Viewer::Themselves => lookup.state(&state.vulyk, &user_state).await?,
        Viewer::Another => lookup.public_state(&state.vulyk, &user_state).await?,
    };
    Ok(envelope::ok(Standing { state: standing }))
}

/// A donation as the original's form sends it (`fund_id`, `amount` as text) or as JSON
/// (`amount` a number).
#[derive(Deserialize)]
struct Donation {
    fund_id: Option<String>,
    amount: Option<Value>,
}

pub async fn donate(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let donation: Donation = form_or_json(&headers, &body)?;
    let fund = donation
        .fund_id
        .filter(|f| !f.is_empty())
        .ok_or_else(|| ApiError::bad_request("fund_id: missing"))?;
    let amount = match donation.amount {
        Some(Value::String(text)) => Amount::parse(&text, "amount")?,
        Some(number @ Value::Number(_)) => Amount::from_json(&number, "amount")?,
        _ => return Err(ApiError::bad_request("amount: missing")),
    };
    let outcome = state.vulyk.donate(&user, &fund, amount).await;
    let status = match outcome {
        DonationResult::Success => return Ok(envelope::ok(Done { done: true })),
        // A store failure is ours, not the volunteer's.
        DonationResult::Error => StatusCode::INTERNAL_SERVER_ERROR,
        DonationResult::Stingy | DonationResult::Beggar | DonationResult::Liar => {
            StatusCode::BAD_REQUEST
        }
    };
    Err(ApiError {
        result: json!({ "done": false, "code": outcome.code() }),
        ..ApiError::new(status, outcome.message())
    })
}
