//! A volunteer's work: the next task, answers, skips, activity — and the events they raise.

use chrono::Duration;
use serde_json::Value;

use super::webhooks::AnswerFacts;
use super::{Vulyk, monitoring};
use crate::domain::{Task, TaskId, User, new_object_id};
use crate::plugins::Plugin;
use crate::store::{AnswerOutcome, AnswerRequest, ClaimRequest, UnpaidAnswer};
use crate::{Error, Result};

/// What a sweep of stopped answers did.
#[derive(Debug, Default)]
pub struct SweepReport {
    /// Answers whose writes it completed (on MongoDB; SQLite stores an answer whole).
    pub settled: usize,
    /// Answers it paid.
    pub paid: usize,
    /// What it could not complete; the next sweep tries again.
    pub failed: Vec<Error>,
}

/// A call is taken for stopped when its answer has waited this long to be completed: every
/// call that is still running finishes far sooner.
const INTERRUPTED_AFTER: Duration = Duration::minutes(1);

/// How long a hand-out holds its slot when the volunteer neither answers nor skips.
pub const DEFAULT_LEASE: Duration = Duration::minutes(30);

impl Vulyk {
    /// The task type's plugin, if the user may work on it (their groups allow the type, or
    /// they are an admin): `NotFound` for an unknown type, `Forbidden` otherwise.
    pub async fn plugin_for(&self, user: &User, task_type: &str) -> Result<&Plugin> {
        let plugin = self.plugins.get(task_type)?;
        let groups = self.store.groups().await?;
        if !user.is_eligible_for(task_type, &groups)? {
            return Err(Error::forbidden(format!(
                "user {} may not work on task type {task_type}",
                user.username
            )));
        }
        Ok(plugin)
    }

    /// The next task for the user (spec 4.1, with leases): the one they hold a live lease on;
    /// else, batch by batch in id order, a random open task they have neither answered nor
    /// skipped, then one they skipped; then the same over the type's finished batches.
    /// `None` when there is nothing left for them.
    pub async fn next_task(&self, user: &User, task_type: &str) -> Result<Option<Task>> {
        // Two independent reads, asked for at once: the store answers them back to back.
        let (plugin, batches) = tokio::join!(
            self.plugin_for(user, task_type),
            self.store.batches(Some(task_type))
        );
        let (plugin, batches) = (plugin?, batches?);
        let now = self.clock.now();
        let (open, finished): (Vec<_>, Vec<_>) = batches
            .into_iter()
            .partition(|b| !b.closed && b.tasks_processed < b.tasks_count);
        // Spec 4.1: each open batch in id order, first without the user's skipped tasks, then
        // with them; then the finished batches, without and then with skipped tasks.
        let mut attempts = Vec::with_capacity(2 * (open.len() + finished.len()));
        for batch in &open {
            attempts.push((batch.id.clone(), false));
            attempts.push((batch.id.clone(), true));
        }
        let counted = !self.is_excluded(&user.id, plugin).await?;
        // Gold tasks go among the hand-outs only while there is work to measure.
        let gold = if open.is_empty() {
            None
        } else {
            self.gold_draw(plugin)
        };
        for allow_skipped in [false, true] {
            attempts.extend(finished.iter().map(|b| (b.id.clone(), allow_skipped)));
        }
        let request = ClaimRequest {
            user: user.id.clone(),
            task_type: task_type.to_string(),
            attempts,
            redundancy: plugin.redundancy,
            now,
            lease_until: now + self.lease,
            start: rand::random(),
            gold,
            counted,
        };
        let claim = self.store.claim_task(&request);
        let task = monitoring::store_call("claim_task", claim).await?;
        if task.is_some() {
            monitoring::handed_out(task_type);
        }
        Ok(task)
    }

    /// Stores the user's answer to a task (spec 4.2, with leases), then pays for it and queues
    /// its webhook events: gamification is a direct, ordered step of an answer, not a
    /// subscriber.
    pub async fn answer(
        &self,
        user: &User,
        task_type: &str,
        task: &TaskId,
        result: &Value,
    ) -> Result<AnswerOutcome> {
        let plugin = self.plugin_for(user, task_type).await?;
        if !result.is_object() {
            return Err(Error::invalid("result: must be a JSON object"));
        }
        let result_json = crate::json_text::to_string(result)
            .map_err(|e| Error::invalid(format!("result: {e}")))?;
        if result_json.len() > plugin.max_answer_bytes {
            return Err(Error::TooLarge(format!(
                "result: {} bytes, more than the {} allowed",
                result_json.len(),
                plugin.max_answer_bytes
            )));
        }
        let counted = !self.is_excluded(&user.id, plugin).await?;
        let close = match plugin.close_on_agreement {
            Some(needed) if counted => {
                self.agreeing(plugin, task, result).await? + 1 >= u64::from(needed)
            }
            _ => false,
        };
        // An answer that counts for nothing earns nothing: paying it would reward what the
        // gold tasks showed to be guessing.
        let pays = plugin.gamified && counted;
        let follow_up = pays || self.answers_have_events();
        let mut request = AnswerRequest {
            answer_id: new_object_id(),
            user: user.id.clone(),
            task: task.clone(),
            task_type: task_type.to_string(),
            result_json,
            redundancy: plugin.redundancy,
            close,
            counted,
            follow_up,
            pays,
            now: self.clock.now(),
        };
        let recorded =
            monitoring::store_call("record_answer", self.store.record_answer(&request)).await;
        let outcome = match recorded {
            Ok(outcome) => outcome,
            // Not an ordinary task: perhaps a gold task handed out to the user. Looked for
            // only now, so that ordinary answers pay nothing for gold.
            Err(Error::NotFound { .. }) => {
                let result_json = std::mem::take(&mut request.result_json);
                return self
                    .answer_gold(user, plugin, task, result, result_json)
                    .await;
            }
            Err(refused @ Error::Conflict(_)) => {
                // Perhaps the retry of a call that stored the answer and stopped before its
                // follow-ups (a fault, a full disk): they are made now.
                if follow_up && let Some(unpaid) = self.store.unpaid_answer(&user.id, task).await? {
                    self.follow_up_stopped(&unpaid).await?;
                }
                return Err(refused);
            }
            Err(e) => return Err(e),
        };
        monitoring::answered(task_type, outcome.closed_task);
        // Paid before a closed batch's coins are made real, so that they include this answer's.
        if pays {
            self.pay_for_answer(
                &user.id,
                &outcome.answer_id,
                task_type,
                outcome.batch.as_deref(),
            )
            .await?;
        }
        if let Some(batch) = &outcome.closed_batch {
            self.make_coins_real(batch).await?;
        } else if pays && outcome.closed_task {
            // A twin request settling this answer may have closed the batch in its place.
            self.make_coins_real_if_closed(outcome.batch.as_deref())
                .await?;
        }
        self.queue_answer_events(&AnswerFacts {
            answer_id: &outcome.answer_id,
            user: &user.id,
            task,
            task_type,
            batch: outcome.batch.as_deref(),
            closed_task: Some(outcome.closed_task),
        })
        .await?;
        // Last: until here a stop leaves the answer to be paid and its events queued (again:
        // both are once per answer) by its retry or the sweep.
        if follow_up {
            self.store.answer_paid(&user.id, task).await?;
        }
        Ok(outcome)
    }

    async fn make_coins_real_if_closed(&self, batch: Option<&str>) -> Result<()> {
        if let Some(batch) = batch
            && let Some(batch) = self.store.batch(batch).await?
            && batch.closed
        {
            self.make_coins_real(&batch).await?;
        }
        Ok(())
    }

    /// Makes the follow-ups of an answer whose call stopped after storing it: pays it, makes
    /// the coins of its batch real if the batch has closed (that call may have closed it),
    /// queues its webhook events. Paying is once per answer id and events are queued once
    /// per event id, so follow-ups made twice by racing calls are made once. Whether this
    /// call paid it.
    async fn follow_up_stopped(&self, unpaid: &UnpaidAnswer) -> Result<bool> {
        let mut paid = None;
        if unpaid.pays {
            paid = self
                .pay_for_answer(
                    &unpaid.user,
                    &unpaid.answer_id,
                    &unpaid.task_type,
                    unpaid.batch.as_deref(),
                )
                .await?;
            self.make_coins_real_if_closed(unpaid.batch.as_deref())
                .await?;
        }
        self.queue_answer_events(&AnswerFacts {
            answer_id: &unpaid.answer_id,
            user: &unpaid.user,
            task: &unpaid.task,
            task_type: &unpaid.task_type,
            batch: unpaid.batch.as_deref(),
            closed_task: None,
        })
        .await?;
        self.store.answer_paid(&unpaid.user, &unpaid.task).await?;
        Ok(paid.is_some())
    }

    /// Completes the answers whose call stopped half-way at least a minute ago and no retry
    /// came (on MongoDB: the writes that follow an answer's count; on both: its payment).
    /// The site runs it every minute. One answer that cannot be completed does not hold up
    /// the others: its error is in the report, and the next sweep tries it again.
    pub async fn settle_interrupted_answers(&self) -> Result<SweepReport> {
        let before = self.clock.now() - INTERRUPTED_AFTER;
        let interrupted = self.store.interrupted_answers(before).await?;
        let mut report = SweepReport {
            settled: interrupted.settled,
            paid: 0,
            failed: interrupted.failed,
        };
        for answer in &interrupted.to_pay {
            match self.follow_up_stopped(answer).await {
                Ok(paid) => report.paid += usize::from(paid),
                Err(e) => report.failed.push(e),
            }
        }
        Ok(report)
    }

    /// Removes the leases that ran out (the server does so every minute) and counts them for
    /// monitoring; returns how many there were.
    pub async fn expire_leases(&self) -> Result<u64> {
        let expired = self.store.expire_leases(self.clock.now()).await?;
        for (task_type, count) in &expired {
            monitoring::leases_expired(task_type, *count);
        }
        Ok(expired.iter().map(|(_, count)| count).sum())
    }

    /// Gives the task back (spec 4.3): the lease is released, the skip remembered (the task
    /// comes back only when nothing else is left), the open work session deleted. Skipping
    /// a task one does not hold is allowed and does just the same.
    pub async fn skip(&self, user: &User, task_type: &str, task: &TaskId) -> Result<()> {
        self.plugin_for(user, task_type).await?;
        let skipped = self.store.skip_task(&user.id, task, task_type);
        let skipped = match monitoring::store_call("skip_task", skipped).await {
            // A gold task handed out: let go of it (it may come again, as it is unanswered).
            Err(not_found @ Error::NotFound { .. }) => {
                match self.store.release_gold(&user.id, task_type, task).await {
                    // Not handed to this user: as with an ordinary task, nothing to let go —
                    // unless it is no task at all.
                    Err(Error::NotFound { .. }) => match self.store.gold_task(task).await? {
                        Some(gold) if gold.task_type == task_type => Ok(()),
                        _ => Err(not_found),
                    },
                    other => other,
                }
            }
            other => other,
        };
        if skipped.is_ok() {
            monitoring::skipped(task_type);
        }
        skipped
    }

    /// Adds seconds of real activity to the user's session on the task (spec 4.4): never
    /// negative, never more in total than the time since the task was handed out.
    pub async fn record_activity(
        &self,
        user: &User,
        task_type: &str,
        task: &TaskId,
        seconds: i64,
    ) -> Result<u64> {
        self.plugin_for(user, task_type).await?;
        let seconds =
            u64::try_from(seconds).map_err(|_| Error::invalid("seconds: must not be negative"))?;
        match self
            .store
            .add_activity(&user.id, task, task_type, seconds, self.clock.now())
            .await
        {
            // A gold task keeps its activity in its hand-out, with the same bound and the
            // same errors as a work session: the page must not tell the two apart.
            Err(not_found @ Error::NotFound { .. }) => match self.store.gold_task(task).await? {
                Some(gold) if gold.task_type == task_type => {
                    self.store
                        .add_gold_activity(&user.id, task_type, task, seconds, self.clock.now())
                        .await
                }
                _ => Err(not_found),
            },
            other => other,
        }
    }

    /// How many stored answers to the task equal `result` as JSON values. Read before the
    /// answer is stored: two agreeing answers arriving at the same moment may each miss the
    /// other, and the task then closes at its redundancy as usual — never later.
    async fn agreeing(&self, plugin: &Plugin, task: &TaskId, result: &Value) -> Result<u64> {
        let answers = self.store.answers_for_task(task).await?;
        let mut agreeing = 0;
        for answer in answers.iter().filter(|a| a.result == *result) {
            // An excluded volunteer's answer counts toward no consensus.
            agreeing += u64::from(!self.is_excluded(&answer.created_by, plugin).await?);
        }
        Ok(agreeing)
    }
}
