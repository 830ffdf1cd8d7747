//! The store's volunteers' states and events.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::Notice;
use crate::domain::UserId;
use crate::gamification::{Amount, Award, AwardOutcome, Event, EventTotals, StateOrder, UserState};
use crate::{Error, Result};

/// Volunteers' states (points, coins, badges) and the events that changed them; every change is one atomic step.
#[async_trait]
pub trait RewardStore {
    async fn user_state(&self, user: &UserId) -> Result<Option<UserState>>;
    /// Pays an answer's award, with its event, in one step: only if the state is still at
    /// the award's `expected_version` (else `Stale`), and never twice for one answer.
    async fn apply_award(&self, award: &Award) -> Result<AwardOutcome>;
    /// Moves the potential coins in each volunteer's bucket for the batch (or only this
    /// volunteer's) to their actual coins, once per (volunteer, batch); later awards for the
    /// batch then pay actual coins. Returns who got how much by this call.
    async fn make_coins_real(
        &self,
        batch: &str,
        user: Option<&UserId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<(UserId, Amount)>>;
    /// Takes the donation's coins (`-event.coins`) from the actual coins only if they cover
    /// it, and records the event and queues `notice` (its webhooks'), in one step; `false`
    /// when they do not.
    async fn donate(&self, event: &Event, notice: Option<&Notice>) -> Result<bool>;
    /// A volunteer's events, oldest first; only unviewed ones when asked.
    async fn events(&self, user: &UserId, unviewed_only: bool) -> Result<Vec<Event>>;
    /// A volunteer's donations (the events that name a fund), newest first: the personal page
    /// lists them, and a volunteer's other events grow with every answer.
    async fn donations(&self, user: &UserId) -> Result<Vec<Event>>;
    /// Marks the volunteer's events viewed; returns how many were not.
    async fn mark_events_viewed(&self, user: &UserId) -> Result<u64>;
    /// The top `limit` states by one measure, highest first (ties by user id).
    async fn top_states(&self, order: StateOrder, limit: usize) -> Result<Vec<UserState>>;
    async fn event_totals(&self, user: Option<&UserId>) -> Result<EventTotals>;
    /// Distinct batches the volunteer answered tasks of.
    async fn batches_worked_on(&self, user: &UserId) -> Result<u64>;
    /// The volunteer's finished work sessions' total length (end − start), in seconds.
    async fn session_seconds(&self, user: &UserId) -> Result<u64>;
    /// The latest events of every volunteer, newest first.
    async fn recent_events(&self, limit: usize) -> Result<Vec<Event>>;
    /// How many users are active (not switched off).
    async fn active_users(&self) -> Result<u64>;
}

/// A donation takes coins: its event's coins must be negative (the original raised "Donation
/// amount should be positive" for anything else, so nothing could be added this way).
pub(crate) fn check_donation(event: &Event) -> Result<()> {
    if event.coins.is_negative() && event.fund.is_some() {
        Ok(())
    } else {
        Err(Error::invalid("Donation amount should be positive"))
    }
}
