//! The volunteer's rewards on their own page — level, points, coins, badges, donations — and
//! the donate form behind it (a plain form: it works without JavaScript).

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use vulyk_core::domain::User;
use vulyk_core::gamification::{Amount, DonationResult};
use vulyk_core::service::Vulyk;

use crate::extract::Page;
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct RewardsView {
    level: u32,
    points: String,
    actual_coins: String,
    potential_coins: String,
    achievements: Vec<BadgeView>,
    donations: Vec<DonationView>,
    /// Funds that take donations, for the form.
    funds: Vec<FundOption>,
    numbers: NumbersView,
}

/// Spec 8.13's numbers: the volunteer's and the site's.
#[derive(Debug, Serialize)]
struct NumbersView {
    tasks_done: u64,
    batches: u64,
    hours: u64,
    donated_by_me: String,
    open_tasks: u64,
    volunteers: u64,
    earned: String,
    donated: String,
}

#[derive(Debug, Serialize)]
struct BadgeView {
    name: String,
    description: String,
    badge: String,
}

#[derive(Debug, Serialize)]
struct DonationView {
    when: String,
    fund: String,
    amount: String,
}

#[derive(Debug, Serialize)]
struct FundOption {
    id: String,
    name: String,
}

/// What the personal page shows of the volunteer's rewards.
pub async fn view(vulyk: &Vulyk, user: &User) -> vulyk_core::Result<RewardsView> {
    let state = vulyk.user_state(&user.id).await?;
    let numbers = vulyk.game_numbers(Some(&user.id)).await?;
    let mine = numbers.mine.unwrap_or_default();
    let rules = vulyk.rules().await?;
    let funds = vulyk.funds(None).await?;
    let achievements = state
        .achievements
        .iter()
        .filter_map(|id| rules.iter().find(|r| &r.id == id))
        .map(|r| BadgeView {
            name: r.name.clone(),
            description: r.description.clone(),
            badge: r.badge.clone(),
        })
        .collect();
    let donations = vulyk
        .donations(&user.id)
        .await?
        .into_iter()
        .map(|e| {
            let fund = e.fund.unwrap_or_default();
            DonationView {
                when: e.timestamp.format("%d.%m.%Y").to_string(),
                fund: funds
                    .iter()
                    .find(|f| f.id == fund)
                    .map_or(fund.clone(), |f| f.name.clone()),
                amount: (-e.coins).to_string(),
            }
        })
        .collect();
    Ok(RewardsView {
        level: state.level,
        points: state.points.to_string(),
        actual_coins: state.actual_coins.to_string(),
        potential_coins: state.potential_coins.to_string(),
        achievements,
        donations,
        numbers: NumbersView {
            tasks_done: mine.totals.task_events,
            batches: mine.batches,
            hours: mine.hours,
            donated_by_me: mine.totals.donated.to_string(),
            open_tasks: numbers.open_tasks,
            volunteers: numbers.active_users,
            earned: numbers.all.earned.to_string(),
            donated: numbers.all.donated.to_string(),
        },
        funds: funds
            .into_iter()
            .filter(|f| f.donatable)
            .map(|f| FundOption {
                id: f.id,
                name: f.name,
            })
            .collect(),
    })
}

#[derive(Deserialize)]
struct DonateForm {
    fund_id: Option<String>,
    amount: Option<String>,
}

/// The outcome travels back to the personal page in its address (`?donation=…`), which
/// names the message to show: nothing is kept on the server between the two requests.
pub async fn donate(State(state): State<AppState>, page: Page, body: Bytes) -> Response {
    let user = match page.require_user("/me") {
        Ok(user) => user,
        Err(redirect) => return redirect.into_response(),
    };
    let form: DonateForm = serde_urlencoded::from_bytes(&body).unwrap_or(DonateForm {
        fund_id: None,
        amount: None,
    });
    let amount = form
        .amount
        .as_deref()
        .and_then(|text| Amount::parse(text, "amount").ok());
    let outcome = match (form.fund_id, amount) {
        (Some(fund), Some(amount)) => match state.vulyk.donate(user, &fund, amount).await {
            DonationResult::Success => "success",
            DonationResult::Stingy => "stingy",
            DonationResult::Beggar => "beggar",
            DonationResult::Liar => "liar",
            DonationResult::Error => "error",
        },
        (_, None) => "stingy",
        (None, _) => "liar",
    };
    Redirect::to(&format!("/me?donation={outcome}#rewards")).into_response()
}

/// The interface string for a donation outcome named in the page's address.
pub fn donation_message(outcome: &str) -> Option<&'static str> {
    Some(match outcome {
        "success" => "donation_success",
        "stingy" => "donation_stingy",
        "beggar" => "donation_beggar",
        "liar" => "donation_liar",
        "error" => "donation_error",
        _ => return None,
    })
}
