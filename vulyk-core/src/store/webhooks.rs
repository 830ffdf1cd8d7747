//! The webhooks' outbox: deliveries queued by the service, claimed one at a time by the
//! servers that deliver them.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Result;
use crate::domain::{Delivery, WebhookEvent};

/// An event to be queued in the same atomic step as the change it tells of, for these
/// webhooks (a donation's).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub event: WebhookEvent,
    pub hooks: Vec<String>,
}

/// A caller's hold on a delivery: from `now`, until `until`, known by `token`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub token: String,
    pub now: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// How a try of a delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TryOutcome {
    Delivered {
        at: DateTime<Utc>,
    },
    /// Failed; tried again from `at`.
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    /// Failed for the last time.
    Dead {
        error: String,
    },
}

/// Which deliveries to list: newest first, at most `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryQuery {
    /// Only those whose last try failed (dead, or pending after a failure).
    pub failed: bool,
    pub limit: usize,
}

#[async_trait]
pub trait WebhookStore {
    /// Queues `event` for each webhook named in `hooks`. An event already queued for a
    /// webhook (the same event id) is not queued again; how many were new.
    async fn queue_deliveries(&self, event: &WebhookEvent, hooks: &[String]) -> Result<usize>;
    /// Takes webhook `hook`'s pending delivery due first (at `now` or before), if any,
    /// counting the try and holding it for the caller, under `claim`, until `until`: no other
    /// caller gets it before then. A server that stops mid-try thus leaves it to be tried
    /// again once `until` has passed.
    async fn claim_delivery(&self, hook: &str, claim: &Claim) -> Result<Option<Delivery>>;
    /// Records how the try held under `claim` (a claim's token) of delivery `id` ended.
    /// `false`, changing nothing, when the delivery is no longer held under it (the hold
    /// lapsed and another caller took it), or there is no such delivery.
    async fn finish_try(&self, id: &str, claim: &str, outcome: &TryOutcome) -> Result<bool>;
    /// Moves every delivery of webhook `from`, whatever its state, to webhook `to` (the same
    /// webhook under a new name); one whose event `to` has already is dropped, as `to` holds
    /// it. How many were moved. Idempotent: servers may run it at once.
    async fn rename_deliveries(&self, from: &str, to: &str) -> Result<u64>;
    /// Forgets the deliveries delivered before `before`; how many.
    async fn forget_delivered(&self, before: DateTime<Utc>) -> Result<u64>;
    async fn deliveries(&self, query: &DeliveryQuery) -> Result<Vec<Delivery>>;
    /// How many deliveries are pending, by webhook name (those with none are left out).
    async fn pending_deliveries(&self) -> Result<BTreeMap<String, u64>>;
    async fn delivery(&self, id: &str) -> Result<Option<Delivery>>;
    /// The delivery of event `event_id` to webhook `hook`.
    async fn event_delivery(&self, hook: &str, event_id: &str) -> Result<Option<Delivery>>;
    /// Queues a delivery that is not pending again, from `now`, with its tries counted anew.
    /// `NotFound` when there is none; `false` when it is pending already.
    async fn retry_delivery(&self, id: &str, now: DateTime<Utc>) -> Result<bool>;
}
