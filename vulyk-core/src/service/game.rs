//! Gamification at work (spec 8.5–8.10): every accepted answer in a gamified batch pays
//! points and potential coins, with the bonuses of achievements it completes; a closed batch
//! makes its coins actual; volunteers give actual coins to funds.

use chrono::{DateTime, Utc};

use super::Vulyk;
use crate::domain::{Batch, User, UserId, new_object_id};
use crate::gamification::{
    Amount, Award, AwardOutcome, DonationResult, Event, EventTotals, LevelTable, Rule, StateOrder,
    UserState, Zone,
};
use crate::store::ProgressQuery;
use crate::{Error, Result};

/// How often an award is recomputed when the state keeps changing under it (another answer
/// or a donation of the same volunteer at the same moment).
const AWARD_ATTEMPTS: usize = 16;

/// The settings of gamification: where calendar days are counted, and the level table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GameSettings {
    pub zone: Zone,
    pub levels: LevelTable,
}

/// The site-wide and personal numbers of spec 8.13, with its bugs fixed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GameNumbers {
    pub all: EventTotals,
    /// Open tasks of every type.
    pub open_tasks: u64,
    pub active_users: u64,
    /// The volunteer's own, when one asks.
    pub mine: Option<PersonalNumbers>,
}

/// What one task of a type pays now (its first open batch's meta).
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRewards {
    pub batch: String,
    pub points: Amount,
    pub coins: Amount,
    pub important: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonalNumbers {
    pub totals: EventTotals,
    pub batches: u64,
    /// Whole hours of finished work sessions, each counted once.
    pub hours: u64,
    pub state: Option<UserState>,
}

impl Vulyk {
    /// Pays a stored answer: `None` when its batch is not gamified or it was paid already.
    /// Safe to call again for the same answer: it never pays twice.
    pub async fn pay_for_answer(
        &self,
        user: &UserId,
        answer_id: &str,
        task_type: &str,
        batch: Option<&str>,
    ) -> Result<Option<Event>> {
        // Most answers are of types that pay nothing: they cost no store call here.
        if !self.plugins.get(task_type).is_ok_and(|p| p.gamified) {
            return Ok(None);
        }
        let Some(batch) = batch else { return Ok(None) };
        let Some(batch) = self.store.batch(batch).await? else {
            return Ok(None);
        };
        let Some((points, coins)) = self.gamified_rates(&batch)? else {
            return Ok(None);
        };
        let now = self.clock.now();
        for _ in 0..AWARD_ATTEMPTS {
            let state = self
                .store
                .user_state(user)
                .await?
                .unwrap_or_else(|| UserState::empty(user.clone()));
            let earned = self.newly_earned(&state, &batch.task_type, now).await?;
            let bonus = earned
                .iter()
                .try_fold(Amount::ZERO, |sum, r| {
                    sum.checked_add(Amount::whole(r.bonus.into()))
                })
                .ok_or_else(|| Error::invalid("bonus points out of range"))?;
            let paid = points
                .checked_add(bonus)
                .ok_or_else(|| Error::invalid("points out of range"))?;
            let total = state.points.checked_add(paid).unwrap_or(state.points);
            let level = self.game.levels.level(total).max(state.level);
            let event = Event {
                id: new_object_id(),
                timestamp: now,
                user: user.clone(),
                answer: Some(answer_id.to_string()),
                points: paid,
                coins,
                achievements: earned.into_iter().map(|r| r.id).collect(),
                fund: None,
                level: (level != state.level).then_some(level),
                viewed: false,
            };
            let award = Award {
                event: event.clone(),
                batch: batch.id.clone(),
                level,
                expected_version: state.version,
            };
            match self.store.apply_award(&award).await? {
                AwardOutcome::Paid => {
                    // The batch may have closed while this award was on its way, after its
                    // close moved the coins of those it found: move this volunteer's too.
                    if self.store.batch(&batch.id).await?.is_some_and(|b| b.closed) {
                        self.store
                            .make_coins_real(&batch.id, Some(user), now)
                            .await?;
                    }
                    return Ok(Some(event));
                }
                AwardOutcome::AlreadyPaid => return Ok(None),
                AwardOutcome::Stale => continue,
            }
        }
        Err(Error::conflict(format!(
            "the state of user {user} kept changing; the answer {answer_id} is stored, its points are not paid yet"
        )))
    }

    /// What a task of a gamified type pays now: the rates of its first open batch (the
    /// original's `batch_info`); `None` for other types or when no batch is open.
    pub async fn batch_rewards(&self, task_type: &str) -> Result<Option<BatchRewards>> {
        if !self.plugins.get(task_type).is_ok_and(|p| p.gamified) {
            return Ok(None);
        }
        let batches = self.store.batches(Some(task_type)).await?;
        let Some(batch) = batches.iter().find(|b| !b.closed && !b.loading) else {
            return Ok(None);
        };
        let Some((points, coins)) = self.gamified_rates(batch)? else {
            return Ok(None);
        };
        Ok(Some(BatchRewards {
            batch: batch.id.clone(),
            points,
            coins,
            important: batch
                .meta
                .get("is_important")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false),
        }))
    }

    /// `(points_per_task, coins_per_task)` of a batch of a gamified type, else `None`.
    fn gamified_rates(&self, batch: &Batch) -> Result<Option<(Amount, Amount)>> {
        let Ok(plugin) = self.plugins.get(&batch.task_type) else {
            return Ok(None);
        };
        if !plugin.gamified {
            return Ok(None);
        }
        let rate = |key: &str| match batch.meta.get(key) {
            Some(value) => Amount::from_json(value, &format!("batch {} meta {key}", batch.id)),
            // Batches loaded before the type was gamified: the gamified type's default.
            None => Ok(Amount::whole(1)),
        };
        Ok(Some((rate("points_per_task")?, rate("coins_per_task")?)))
    }

    /// The rules for this type (and every type) the volunteer has not earned yet and now has.
    /// Weekend rules are tried only on a local Saturday or Sunday: on other days an answer
    /// cannot complete one.
    async fn newly_earned(
        &self,
        state: &UserState,
        task_type: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Rule>> {
        let weekend = self.game.zone.is_weekend(now);
        let mut earned = Vec::new();
        for rule in self.store.rules().await? {
            let applies = rule.task_type.as_deref().is_none_or(|t| t == task_type)
                && (weekend || !rule.is_weekend)
                && !state.achievements.contains(&rule.id);
            if !applies {
                continue;
            }
            let counts = self.rule_count(&rule, Some(&state.user), now).await?;
            if counts.first().is_some_and(|(_, n)| *n >= rule.limit()) {
                earned.push(rule);
            }
        }
        Ok(earned)
    }

    /// The rule's counted quantity per volunteer (one, or everyone) at `now`.
    pub(super) async fn rule_count(
        &self,
        rule: &Rule,
        user: Option<&UserId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<(UserId, u64)>> {
        let progress = rule.progress(now, &self.game.zone);
        let from = progress.since.map_or(i64::MIN, |s| s.timestamp_millis());
        let offsets = self.game.zone.offsets_between(from, now.timestamp_millis());
        self.store
            .rule_progress(&ProgressQuery {
                progress,
                user: user.cloned(),
                offsets,
            })
            .await
    }

    /// Spec 8.7: a closed batch's coins become actual — each volunteer's potential coins
    /// earned in it, once (an award still on its way when the batch closed moves its own).
    /// Returns who got how much by this call.
    pub async fn make_coins_real(&self, batch: &Batch) -> Result<Vec<(UserId, Amount)>> {
        self.store
            .make_coins_real(&batch.id, None, self.clock.now())
            .await
    }

    /// Spec 8.9: the same five outcomes, checked in the original's order. A fund that takes
    /// no donations is refused like an unknown one.
    pub async fn donate(&self, user: &User, fund_id: &str, amount: Amount) -> DonationResult {
        if !amount.is_positive() {
            return DonationResult::Stingy;
        }
        match self.store.fund(fund_id).await {
            Ok(Some(fund)) if fund.donatable => {}
            Ok(_) => return DonationResult::Liar,
            Err(_) => return DonationResult::Error,
        }
        let event = Event {
            id: new_object_id(),
            timestamp: self.clock.now(),
            user: user.id.clone(),
            answer: None,
            points: Amount::ZERO,
            coins: -amount,
            achievements: Vec::new(),
            fund: Some(fund_id.to_string()),
            level: None,
            viewed: true,
        };
        let notice = self.donation_notice(&event, fund_id, amount);
        match self.store.donate(&event, notice.as_ref()).await {
            Ok(true) => DonationResult::Success,
            Ok(false) => DonationResult::Beggar,
            Err(_) => DonationResult::Error,
        }
    }

    /// The volunteer's state; an empty one (not stored) for someone with none yet.
    pub async fn user_state(&self, user: &UserId) -> Result<UserState> {
        Ok(self
            .store
            .user_state(user)
            .await?
            .unwrap_or_else(|| UserState::empty(user.clone())))
    }

    pub async fn events(&self, user: &UserId, unviewed_only: bool) -> Result<Vec<Event>> {
        self.store.events(user, unviewed_only).await
    }

    /// The volunteer's donations, newest first.
    pub async fn donations(&self, user: &UserId) -> Result<Vec<Event>> {
        self.store.donations(user).await
    }

    pub async fn mark_events_viewed(&self, user: &UserId) -> Result<u64> {
        self.store.mark_events_viewed(user).await
    }

    /// The latest events of every volunteer, newest first (at most 1,000).
    pub async fn recent_events(&self, limit: usize) -> Result<Vec<Event>> {
        self.store.recent_events(limit.min(1000)).await
    }

    /// The latest answers of every type, newest first (at most 1,000).
    pub async fn recent_answers(&self, limit: usize) -> Result<Vec<crate::store::RecentAnswer>> {
        self.store.recent_answers(limit.min(1000)).await
    }

    pub async fn top_states(&self, order: StateOrder, limit: usize) -> Result<Vec<UserState>> {
        self.store.top_states(order, limit.min(1000)).await
    }

    /// Spec 8.13's numbers: everyone's, and the volunteer's own when one asks.
    pub async fn game_numbers(&self, user: Option<&UserId>) -> Result<GameNumbers> {
        let all = self.store.event_totals(None).await?;
        let open_tasks = self.task_types().await?.iter().map(|t| t.open()).sum();
        let active_users = self.store.active_users().await?;
        let mine = match user {
            Some(user) => Some(PersonalNumbers {
                totals: self.store.event_totals(Some(user)).await?,
                batches: self.store.batches_worked_on(user).await?,
                hours: self.store.session_seconds(user).await? / 3600,
                state: self.store.user_state(user).await?,
            }),
            None => None,
        };
        Ok(GameNumbers {
            all,
            open_tasks,
            active_users,
            mine,
        })
    }
}
