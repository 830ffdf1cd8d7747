//! The gamification verbs of the MongoDB backend.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{MongoStore, funds, rules, states};
use crate::Result;
use crate::domain::UserId;
use crate::gamification::{
    Amount, Award, AwardOutcome, Event, EventTotals, Fund, Logo, LogoChange, Rule, StateOrder,
    UserState,
};
use crate::store::{GameStore, ProgressQuery};

#[async_trait]
impl GameStore for MongoStore {
    async fn rules(&self) -> Result<Vec<Rule>> {
        rules::all(self).await
    }
    async fn rule(&self, id: &str) -> Result<Option<Rule>> {
        rules::get(self, id).await
    }
    async fn insert_rule(&self, rule: &Rule) -> Result<()> {
        self.writable()?;
        rules::insert(self, rule).await
    }
    async fn replace_rule(&self, rule: &Rule) -> Result<bool> {
        self.writable()?;
        rules::replace(self, rule).await
    }
    async fn delete_rule(&self, id: &str) -> Result<bool> {
        self.writable()?;
        rules::delete(self, id).await
    }
    async fn rule_progress(&self, query: &ProgressQuery) -> Result<Vec<(UserId, u64)>> {
        rules::progress(self, query).await
    }

    async fn funds(&self, donatable: Option<bool>) -> Result<Vec<Fund>> {
        funds::all(self, donatable).await
    }
    async fn fund(&self, id: &str) -> Result<Option<Fund>> {
        funds::get(self, id).await
    }
    async fn insert_fund(&self, fund: &Fund, logo: Option<&Logo>) -> Result<()> {
        self.writable()?;
        funds::insert(self, fund, logo).await
    }
    async fn replace_fund(&self, fund: &Fund, logo: &LogoChange) -> Result<bool> {
        self.writable()?;
        funds::replace(self, fund, logo).await
    }
    async fn delete_fund(&self, id: &str) -> Result<bool> {
        self.writable()?;
        funds::delete(self, id).await
    }
    async fn fund_logo(&self, id: &str) -> Result<Option<Logo>> {
        funds::logo(self, id).await
    }

    async fn user_state(&self, user: &UserId) -> Result<Option<UserState>> {
        states::get(self, user).await
    }
    async fn apply_award(&self, award: &Award) -> Result<AwardOutcome> {
        self.writable()?;
        states::apply_award(self, award).await
    }
    async fn make_coins_real(
        &self,
        batch: &str,
        user: Option<&UserId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<(UserId, Amount)>> {
        self.writable()?;
        states::make_coins_real(self, batch, user, now).await
    }
    async fn donate(&self, event: &Event) -> Result<bool> {
        self.writable()?;
        states::donate(self, event).await
    }
    async fn events(&self, user: &UserId, unviewed_only: bool) -> Result<Vec<Event>> {
        states::events(self, user, unviewed_only).await
    }
    async fn donations(&self, user: &UserId) -> Result<Vec<Event>> {
        states::donations(self, user).await
    }
    async fn mark_events_viewed(&self, user: &UserId) -> Result<u64> {
        self.writable()?;
        states::mark_viewed(self, user).await
    }
    async fn top_states(&self, order: StateOrder, limit: usize) -> Result<Vec<UserState>> {
        states::top(self, order, limit).await
    }
    async fn event_totals(&self, user: Option<&UserId>) -> Result<EventTotals> {
        states::totals(self, user).await
    }
    async fn batches_worked_on(&self, user: &UserId) -> Result<u64> {
        states::batches_worked_on(self, user).await
    }
    async fn session_seconds(&self, user: &UserId) -> Result<u64> {
        states::session_seconds(self, user).await
    }
    async fn recent_events(&self, limit: usize) -> Result<Vec<Event>> {
        states::recent_events(self, limit).await
    }
    async fn active_users(&self) -> Result<u64> {
        states::active_users(self).await
    }
}
