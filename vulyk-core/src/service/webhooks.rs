//! Webhooks (`[[webhooks]]`): what happens is queued in the store's outbox as one delivery
//! per webhook that wants it; servers deliver them in the background (the HTTP side is the
//! server's), at least once, trying again with back-off and dead-lettering at the end.
//!
//! An answer's events are queued as a follow-up of the answer, like its payment: the store
//! keeps the answer among the unfollowed ones (`AnswerRequest::follow_up`) in the same atomic
//! step that stores it, until its events are queued. A call that stops in between leaves
//! that to its retry or to the minute's sweep, so no event is lost; queueing is idempotent
//! (event ids are made from what happened), so none is queued twice.

use chrono::Duration;

use super::{Vulyk, monitoring};
use crate::domain::{Delivery, EventKind, TaskId, UserId, Webhook, WebhookEvent, new_object_id};
use crate::store::{Claim, DeliveryQuery, Notice, TryOutcome};
use crate::{Error, Result};

/// How long delivered deliveries are kept, for `vulyk webhooks deliveries`; the outbox would
/// otherwise grow by a row per answer and webhook for ever. Dead ones are kept until retried.
pub const DELIVERED_KEPT: Duration = Duration::days(7);

/// The longest wait between two tries of a delivery.
const MAX_RETRY_WAIT: Duration = Duration::hours(1);

/// A stored answer, as its events tell of it.
#[derive(Debug, Clone)]
pub(super) struct AnswerFacts<'a> {
    pub answer_id: &'a str,
    pub user: &'a UserId,
    pub task: &'a TaskId,
    pub task_type: &'a str,
    pub batch: Option<&'a str>,
    /// Whether it closed its task: `None` when not known (a sweep), and then it is looked up.
    pub closed_task: Option<bool>,
}

impl Vulyk {
    /// The same platform telling `hooks` of what happens.
    pub fn with_webhooks(mut self, hooks: Vec<Webhook>) -> Self {
        self.webhooks = hooks.into();
        self
    }

    pub fn webhooks(&self) -> &[Webhook] {
        &self.webhooks
    }

    fn hooks_wanting(&self, kind: EventKind) -> Vec<String> {
        self.webhooks
            .iter()
            .filter(|h| h.wants(kind))
            .map(|h| h.name.clone())
            .collect()
    }

    /// Whether answers have events to queue after they are stored.
    pub(super) fn answers_have_events(&self) -> bool {
        [
            EventKind::AnswerCreated,
            EventKind::TaskClosed,
            EventKind::BatchFinished,
        ]
        .iter()
        .any(|kind| self.webhooks.iter().any(|h| h.wants(*kind)))
    }

    async fn queue(&self, kind: EventKind, id: String, payload: serde_json::Value) -> Result<()> {
        let hooks = self.hooks_wanting(kind);
        if hooks.is_empty() {
            return Ok(());
        }
        let event = WebhookEvent {
            id,
            kind,
            at: self.clock.now(),
            payload,
        };
        self.store.queue_deliveries(&event, &hooks).await?;
        Ok(())
    }

    /// Queues what a stored answer caused: `answer.created`, and `task.closed` and
    /// `batch.finished` when its task and batch are closed. Safe to call again.
    pub(super) async fn queue_answer_events(&self, answer: &AnswerFacts<'_>) -> Result<()> {
        if !self.answers_have_events() {
            return Ok(());
        }
        self.queue(
            EventKind::AnswerCreated,
            format!("answer.created:{}", answer.answer_id),
            serde_json::json!({
                "answer": answer.answer_id,
                "task": answer.task.as_str(),
                "task_type": answer.task_type,
                "batch": answer.batch,
                "user": answer.user.as_str(),
            }),
        )
        .await?;
        let closing_wanted = !self.hooks_wanting(EventKind::TaskClosed).is_empty()
            || !self.hooks_wanting(EventKind::BatchFinished).is_empty();
        if !closing_wanted || answer.closed_task == Some(false) {
            return Ok(());
        }
        if answer.closed_task.is_none()
            && !self
                .store
                .task(answer.task)
                .await?
                .is_some_and(|task| task.closed)
        {
            return Ok(());
        }
        self.queue(
            EventKind::TaskClosed,
            format!("task.closed:{}", answer.task.as_str()),
            serde_json::json!({
                "task": answer.task.as_str(),
                "task_type": answer.task_type,
                "batch": answer.batch,
            }),
        )
        .await?;
        let Some(batch) = answer.batch else {
            return Ok(());
        };
        if self.hooks_wanting(EventKind::BatchFinished).is_empty() {
            return Ok(());
        }
        match self.store.batch(batch).await? {
            Some(batch) if batch.closed => {
                self.queue(
                    EventKind::BatchFinished,
                    format!("batch.finished:{}", batch.id),
                    serde_json::json!({
                        "batch": batch.id,
                        "task_type": batch.task_type,
                        "tasks": batch.tasks_count,
                    }),
                )
                .await
            }
            _ => Ok(()),
        }
    }

    /// The `donation.made` event of a donation, for the webhooks that want it: queued by the
    /// store in the same step as the donation.
    pub(super) fn donation_notice(
        &self,
        donation: &crate::gamification::Event,
        fund: &str,
        amount: crate::gamification::Amount,
    ) -> Option<Notice> {
        let hooks = self.hooks_wanting(EventKind::DonationMade);
        if hooks.is_empty() {
            return None;
        }
        Some(Notice {
            event: WebhookEvent {
                id: format!("donation.made:{}", donation.id),
                kind: EventKind::DonationMade,
                at: donation.timestamp,
                payload: serde_json::json!({
                    "donation": donation.id,
                    "user": donation.user.as_str(),
                    "fund": fund,
                    "coins": amount.to_string(),
                }),
            },
            hooks,
        })
    }

    /// Takes webhook `hook`'s delivery due first, holding it for `hold` (a try must end
    /// within it, or another server may try it again), with the webhook as configured here
    /// (`None` when none of that name is). A server takes only its own webhooks' deliveries:
    /// during a change of the configuration, those of a webhook only some servers know wait
    /// for those servers.
    pub async fn next_delivery(
        &self,
        hook: &str,
        hold: Duration,
    ) -> Result<Option<(Delivery, Option<Webhook>)>> {
        let now = self.clock.now();
        let claim = Claim {
            token: new_object_id(),
            now,
            until: now + hold,
        };
        let Some(delivery) = self.store.claim_delivery(hook, &claim).await? else {
            return Ok(None);
        };
        let hook = self
            .webhooks
            .iter()
            .find(|h| h.name == delivery.hook)
            .cloned();
        Ok(Some((delivery, hook)))
    }

    /// Forgets deliveries delivered more than [`DELIVERED_KEPT`] ago; how many.
    pub async fn forget_old_deliveries(&self) -> Result<u64> {
        self.store
            .forget_delivered(self.clock.now() - DELIVERED_KEPT)
            .await
    }

    /// Records how a try went: delivered, tried again after the webhook's back-off, or dead
    /// after its last try. `None` when the try no longer counted (its hold lapsed and another
    /// server took the delivery).
    pub async fn record_try(
        &self,
        delivery: &Delivery,
        hook: Option<&Webhook>,
        result: std::result::Result<(), String>,
    ) -> Result<Option<TryOutcome>> {
        let now = self.clock.now();
        let outcome = match (result, hook) {
            (Ok(()), _) => TryOutcome::Delivered { at: now },
            (Err(error), Some(hook)) if delivery.attempts < hook.max_attempts => {
                TryOutcome::Retry {
                    at: now + retry_wait(hook, delivery.attempts),
                    error,
                }
            }
            (Err(error), _) => TryOutcome::Dead { error },
        };
        let Some(claim) = &delivery.claim else {
            return Ok(None);
        };
        let counted = self.store.finish_try(&delivery.id, claim, &outcome).await?;
        if !counted {
            return Ok(None);
        }
        monitoring::webhook_try(match outcome {
            TryOutcome::Delivered { .. } => "delivered",
            TryOutcome::Retry { .. } => "retry",
            TryOutcome::Dead { .. } => "dead",
        });
        Ok(Some(outcome))
    }

    /// Deliveries newest first; only those whose last try failed with `failed`.
    pub async fn webhook_deliveries(&self, failed: bool, limit: usize) -> Result<Vec<Delivery>> {
        self.store
            .deliveries(&DeliveryQuery { failed, limit })
            .await
    }

    /// Moves the deliveries stored under a webhook's former default name (its whole
    /// address) to its name; how many. Run by the servers' upkeep, so that deliveries queued
    /// before an upgrade, or by a server not yet upgraded, are still delivered.
    pub async fn adopt_former_webhook_names(&self) -> Result<u64> {
        let mut moved = 0;
        for hook in self.webhooks.iter() {
            if let Some(former) = &hook.former_name {
                moved += self.store.rename_deliveries(former, &hook.name).await?;
            }
        }
        Ok(moved)
    }

    /// How many deliveries wait, by webhook name: those configured here, and those of
    /// webhooks this configuration does not name (which no server of it delivers).
    pub async fn pending_deliveries(&self) -> Result<std::collections::BTreeMap<String, u64>> {
        self.store.pending_deliveries().await
    }

    pub async fn webhook_delivery(&self, id: &str) -> Result<Delivery> {
        self.store
            .delivery(id)
            .await?
            .ok_or_else(|| Error::not_found("webhook delivery", id))
    }

    /// Queues a delivery that failed (or was delivered) again, with its tries anew.
    pub async fn retry_webhook_delivery(&self, id: &str) -> Result<Delivery> {
        let before = self.webhook_delivery(id).await?;
        if !self.store.retry_delivery(id, self.clock.now()).await? {
            return Err(Error::conflict(format!(
                "webhook delivery {id} is pending already (try {} of it is due at {})",
                before.attempts + 1,
                before.next_attempt_at.to_rfc3339()
            )));
        }
        self.audit(
            "webhooks retry",
            id,
            format!(
                "{} to {}: {} after {} tries → pending",
                before.event.kind,
                before.hook,
                before.status.as_str(),
                before.attempts
            ),
        )
        .await?;
        self.webhook_delivery(id).await
    }

    /// Queues a `webhook.test` event for the webhook named; the servers deliver it like any
    /// other. The delivery, as queued.
    pub async fn test_webhook(&self, name: &str) -> Result<Delivery> {
        let hook = self
            .webhooks
            .iter()
            .find(|h| h.name == name)
            .ok_or_else(|| Error::not_found("webhook", name))?;
        let event = WebhookEvent {
            id: format!("webhook.test:{}", new_object_id()),
            kind: EventKind::Test,
            at: self.clock.now(),
            payload: serde_json::json!({ "webhook": hook.name }),
        };
        self.store
            .queue_deliveries(&event, std::slice::from_ref(&hook.name))
            .await?;
        self.audit("webhooks test", &hook.name, format!("queued {}", event.id))
            .await?;
        self.store
            .event_delivery(&hook.name, &event.id)
            .await?
            .ok_or_else(|| Error::store_msg("the test delivery was queued but is not found"))
    }

    /// The delivery of `event_id` to webhook `hook`, as it stands.
    pub async fn event_delivery(&self, hook: &str, event_id: &str) -> Result<Option<Delivery>> {
        self.store.event_delivery(hook, event_id).await
    }
}

/// The wait after failed try `attempt` (1 for the first): the webhook's first wait, doubled
/// with every try, at most an hour.
fn retry_wait(hook: &Webhook, attempt: u32) -> Duration {
    let first = Duration::seconds(i64::from(hook.retry_after_seconds));
    let doublings = attempt.saturating_sub(1).min(20);
    (first * 2_i32.pow(doublings)).min(MAX_RETRY_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_an_hour() {
        let hook = Webhook {
            name: "h".into(),
            former_name: None,
            url: "http://127.0.0.1/".into(),
            events: vec![EventKind::TaskClosed],
            secret: crate::domain::WebhookSecret::Key("0123456789abcdef".into()),
            max_attempts: 30,
            retry_after_seconds: 10,
            timeout_seconds: 10,
        };
        let waits: Vec<i64> = (1..=5)
            .map(|a| retry_wait(&hook, a).num_seconds())
            .collect();
        assert_eq!(waits, [10, 20, 40, 80, 160]);
        assert_eq!(retry_wait(&hook, 29), MAX_RETRY_WAIT);
    }
}
