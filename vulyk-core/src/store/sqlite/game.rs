//! The gamification verbs of the embedded backend: writes on the writing connection, reads on
//! the reading one.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{SqliteStore, funds, rules, states};
use crate::Result;
use crate::domain::UserId;
use crate::gamification::{
    Amount, Award, AwardOutcome, Event, EventTotals, Fund, Logo, LogoChange, Rule, StateOrder,
    UserState,
};
use crate::store::{GameStore, ProgressQuery};

#[async_trait]
impl GameStore for SqliteStore {
    async fn rules(&self) -> Result<Vec<Rule>> {
        self.read(rules::all).await
    }
    async fn rule(&self, id: &str) -> Result<Option<Rule>> {
        let id = id.to_string();
        self.read(move |c| rules::get(c, &id)).await
    }
    async fn insert_rule(&self, rule: &Rule) -> Result<()> {
        let rule = rule.clone();
        self.call(move |c| rules::insert(c, &rule)).await
    }
    async fn replace_rule(&self, rule: &Rule) -> Result<bool> {
        let rule = rule.clone();
        self.call(move |c| rules::replace(c, &rule)).await
    }
    async fn delete_rule(&self, id: &str) -> Result<bool> {
        let id = id.to_string();
        self.call(move |c| rules::delete(c, &id)).await
    }
    async fn rule_progress(&self, query: &ProgressQuery) -> Result<Vec<(UserId, u64)>> {
        let query = query.clone();
        self.read(move |c| rules::progress(c, &query)).await
    }

    async fn funds(&self, donatable: Option<bool>) -> Result<Vec<Fund>> {
        self.read(move |c| funds::all(c, donatable)).await
    }
    async fn fund(&self, id: &str) -> Result<Option<Fund>> {
        let id = id.to_string();
        self.read(move |c| funds::get(c, &id)).await
    }
    async fn insert_fund(&self, fund: &Fund, logo: Option<&Logo>) -> Result<()> {
        let (fund, logo) = (fund.clone(), logo.cloned());
        self.call(move |c| funds::insert(c, &fund, logo.as_ref()))
            .await
    }
    async fn replace_fund(&self, fund: &Fund, logo: &LogoChange) -> Result<bool> {
        let (fund, logo) = (fund.clone(), logo.clone());
        self.call(move |c| funds::replace(c, &fund, &logo)).await
    }
    async fn delete_fund(&self, id: &str) -> Result<bool> {
        let id = id.to_string();
        self.call(move |c| funds::delete(c, &id)).await
    }
    async fn fund_logo(&self, id: &str) -> Result<Option<Logo>> {
        let id = id.to_string();
        self.read(move |c| funds::logo(c, &id)).await
    }

    async fn user_state(&self, user: &UserId) -> Result<Option<UserState>> {
        let user = user.clone();
        self.read(move |c| states::get(c, &user)).await
    }
    async fn apply_award(&self, award: &Award) -> Result<AwardOutcome> {
        let award = award.clone();
        self.call(move |c| states::apply_award(c, &award)).await
    }
    async fn make_coins_real(
        &self,
        batch: &str,
        user: Option<&UserId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<(UserId, Amount)>> {
        let (batch, user) = (batch.to_string(), user.cloned());
        self.call(move |c| states::make_coins_real(c, &batch, user.as_ref(), now))
            .await
    }
    async fn donate(&self, event: &Event) -> Result<bool> {
        let event = event.clone();
        self.call(move |c| states::donate(c, &event)).await
    }
    async fn events(&self, user: &UserId, unviewed_only: bool) -> Result<Vec<Event>> {
        let user = user.clone();
        self.read(move |c| states::events(c, &user, unviewed_only))
            .await
    }
    async fn donations(&self, user: &UserId) -> Result<Vec<Event>> {
        let user = user.clone();
        self.read(move |c| states::donations(c, &user)).await
    }
    async fn mark_events_viewed(&self, user: &UserId) -> Result<u64> {
        let user = user.clone();
        self.call(move |c| states::mark_viewed(c, &user)).await
    }
    async fn top_states(&self, order: StateOrder, limit: usize) -> Result<Vec<UserState>> {
        self.read(move |c| states::top(c, order, limit)).await
    }
    async fn event_totals(&self, user: Option<&UserId>) -> Result<EventTotals> {
        let user = user.cloned();
        self.read(move |c| states::totals(c, user.as_ref())).await
    }
    async fn batches_worked_on(&self, user: &UserId) -> Result<u64> {
        let user = user.clone();
        self.read(move |c| states::batches_worked_on(c, &user))
            .await
    }
    async fn session_seconds(&self, user: &UserId) -> Result<u64> {
        let user = user.clone();
        self.read(move |c| states::session_seconds(c, &user)).await
    }
    async fn recent_events(&self, limit: usize) -> Result<Vec<Event>> {
        self.read(move |c| states::recent_events(c, limit)).await
    }
    async fn active_users(&self) -> Result<u64> {
        self.read(states::active_users).await
    }
}
