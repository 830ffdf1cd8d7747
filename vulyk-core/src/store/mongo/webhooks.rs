//! The webhooks' outbox, one document per event and webhook in `webhook_deliveries`; a try
//! is claimed by one conditional update, so several servers on one database never try the
//! same delivery at once.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{Document, doc};
use mongodb::options::ReturnDocument;

use super::MongoStore;
use super::support::{bson_time, chrono_time, is_duplicate_key, mongo_err, text};
use crate::domain::{Delivery, DeliveryStatus, EventKind, WebhookEvent};
use crate::store::{Claim, DeliveryQuery, Notice, TryOutcome, WebhookStore};
use crate::{Error, Result};

pub(super) const DELIVERIES: &str = "webhook_deliveries";
/// The index that finds the due deliveries: only the pending ones are in it.
pub(super) const DUE_INDEX: &str = "hook_1_nextAttemptAt_1__id_1_when_pending";

#[async_trait]
impl WebhookStore for MongoStore {
    async fn queue_deliveries(&self, event: &WebhookEvent, hooks: &[String]) -> Result<usize> {
        let _write = self.writable().await?;
        queue(self, event, hooks).await
    }

    async fn claim_delivery(&self, hook: &str, claim: &Claim) -> Result<Option<Delivery>> {
        let _write = self.writable().await?;
        let claimed = self
            .coll(DELIVERIES)
            .find_one_and_update(
                doc! {
                    "status": DeliveryStatus::Pending.as_str(),
                    "hook": hook,
                    "nextAttemptAt": { "$lte": bson_time(claim.now) },
                },
                doc! {
                    "$inc": { "attempts": 1_i64 },
                    "$set": { "nextAttemptAt": bson_time(claim.until), "claim": &claim.token },
                },
            )
            .sort(doc! { "nextAttemptAt": 1, "_id": 1 })
            .return_document(ReturnDocument::After)
            .await
            .map_err(mongo_err)?;
        claimed.map(|d| decode(&d)).transpose()
    }

    async fn finish_try(&self, id: &str, claim: &str, outcome: &TryOutcome) -> Result<bool> {
        let _write = self.writable().await?;
        let Some(oid) = parse_id(id) else {
            return Ok(false);
        };
        let set = match outcome {
            TryOutcome::Delivered { at } => doc! {
                "status": DeliveryStatus::Delivered.as_str(),
                "deliveredAt": bson_time(*at),
            },
            TryOutcome::Retry { at, error } => doc! {
                "nextAttemptAt": bson_time(*at),
                "lastError": error,
            },
            TryOutcome::Dead { error } => doc! {
                "status": DeliveryStatus::Dead.as_str(),
                "lastError": error,
            },
        };
        let result = self
            .coll(DELIVERIES)
            .update_one(
                doc! {
                    "_id": oid,
                    "claim": claim,
                    "status": DeliveryStatus::Pending.as_str(),
                },
                doc! { "$set": set },
            )
            .await
            .map_err(mongo_err)?;
        // Matched, not modified: a retry may write what is there already.
        Ok(result.matched_count == 1)
    }

    async fn rename_deliveries(&self, from: &str, to: &str) -> Result<u64> {
        let _write = self.writable().await?;
        let deliveries = self.coll(DELIVERIES);
        // One by one: an update_many would stop at the first event under both names (the
        // unique (hook, eventId) index) having moved an unknown part. Only the deliveries of
        // an upgrade's first minutes are under a former name.
        let mut moved = 0;
        let mut left = deliveries
            .find(doc! { "hook": from })
            .projection(doc! { "_id": 1 })
            .await
            .map_err(mongo_err)?;
        let mut ids = Vec::new();
        while left.advance().await.map_err(mongo_err)? {
            let found = left.deserialize_current().map_err(mongo_err)?;
            if let Ok(id) = found.get_object_id("_id") {
                ids.push(id);
            }
        }
        for id in ids {
            let renamed = deliveries
                .update_one(
                    doc! { "_id": id, "hook": from },
                    doc! { "$set": { "hook": to } },
                )
                .await;
            match renamed {
                Ok(result) => moved += result.modified_count,
                // `to` has this event already: it holds it.
                Err(e) if is_duplicate_key(&e) => {
                    deliveries
                        .delete_one(doc! { "_id": id, "hook": from })
                        .await
                        .map_err(mongo_err)?;
                }
                Err(e) => return Err(mongo_err(e)),
            }
        }
        Ok(moved)
    }

    async fn forget_delivered(&self, before: DateTime<Utc>) -> Result<u64> {
        let _write = self.writable().await?;
        let result = self
            .coll(DELIVERIES)
            .delete_many(doc! {
                "status": DeliveryStatus::Delivered.as_str(),
                "deliveredAt": { "$lt": bson_time(before) },
            })
            .await
            .map_err(mongo_err)?;
        Ok(result.deleted_count)
    }

    async fn deliveries(&self, query: &DeliveryQuery) -> Result<Vec<Delivery>> {
        if query.limit == 0 {
            return Ok(Vec::new()); // MongoDB's limit 0 would mean no limit
        }
        let filter = if query.failed {
            doc! { "$or": [
                { "status": DeliveryStatus::Dead.as_str() },
                { "status": DeliveryStatus::Pending.as_str(), "lastError": { "$type": "string" } },
            ] }
        } else {
            doc! {}
        };
        let cursor = self
            .coll(DELIVERIES)
            .find(filter)
            .sort(doc! { "_id": -1 })
            .limit(i64::try_from(query.limit).unwrap_or(i64::MAX))
            .await
            .map_err(mongo_err)?;
        self.collect(cursor, |d| decode(&d)).await
    }

    async fn pending_deliveries(&self) -> Result<BTreeMap<String, u64>> {
        let cursor = self
            .coll(DELIVERIES)
            .aggregate(vec![
                doc! { "$match": { "status": DeliveryStatus::Pending.as_str() } },
                doc! { "$group": { "_id": "$hook", "n": { "$sum": 1 } } },
            ])
            .await
            .map_err(mongo_err)?;
        let counts = self
            .collect(cursor, |d| {
                Ok((text(&d, "_id"), super::support::count(&d, "n")))
            })
            .await?;
        Ok(counts.into_iter().collect())
    }

    async fn delivery(&self, id: &str) -> Result<Option<Delivery>> {
        let Some(oid) = parse_id(id) else {
            return Ok(None);
        };
        let found = self
            .coll(DELIVERIES)
            .find_one(doc! { "_id": oid })
            .await
            .map_err(mongo_err)?;
        found.map(|d| decode(&d)).transpose()
    }

    async fn event_delivery(&self, hook: &str, event_id: &str) -> Result<Option<Delivery>> {
        let found = self
            .coll(DELIVERIES)
            .find_one(doc! { "hook": hook, "eventId": event_id })
            .await
            .map_err(mongo_err)?;
        found.map(|d| decode(&d)).transpose()
    }

    async fn retry_delivery(&self, id: &str, now: DateTime<Utc>) -> Result<bool> {
        let _write = self.writable().await?;
        if self.delivery(id).await?.is_none() {
            return Err(Error::not_found("webhook delivery", id));
        }
        let oid = parse_id(id).ok_or_else(|| Error::not_found("webhook delivery", id))?;
        let result = self
            .coll(DELIVERIES)
            .update_one(
                doc! { "_id": oid, "status": { "$ne": DeliveryStatus::Pending.as_str() } },
                doc! {
                    "$set": {
                        "status": DeliveryStatus::Pending.as_str(),
                        "attempts": 0_i64,
                        "nextAttemptAt": bson_time(now),
                    },
                    "$unset": { "deliveredAt": "", "claim": "" },
                },
            )
            .await
            .map_err(mongo_err)?;
        Ok(result.matched_count == 1)
    }
}

/// Queues `event` for `hooks`, each once however often it is told; how many were new.
pub(super) async fn queue(
    store: &MongoStore,
    event: &WebhookEvent,
    hooks: &[String],
) -> Result<usize> {
    let mut queued = 0;
    for hook in hooks {
        let fresh = doc! {
            "kind": event.kind.as_str(),
            "eventAt": bson_time(event.at),
            "payload": event.payload.to_string(),
            "status": DeliveryStatus::Pending.as_str(),
            "attempts": 0_i64,
            "nextAttemptAt": bson_time(event.at),
        };
        let upserted = store
            .coll(DELIVERIES)
            .update_one(
                doc! { "hook": hook, "eventId": &event.id },
                doc! { "$setOnInsert": fresh },
            )
            .upsert(true)
            .await;
        match upserted {
            Ok(result) => queued += usize::from(result.upserted_id.is_some()),
            // Two servers queueing the same event at once: the other one's is there.
            Err(e) if is_duplicate_key(&e) => {}
            Err(e) => return Err(mongo_err(e)),
        }
    }
    Ok(queued)
}

/// A notice as it waits in a volunteer's state, beside the event it tells of (see
/// `rewards::flush`).
pub(super) fn encode_notice(notice: &Notice) -> Document {
    doc! {
        "id": &notice.event.id,
        "kind": notice.event.kind.as_str(),
        "at": bson_time(notice.event.at),
        "payload": notice.event.payload.to_string(),
        "hooks": &notice.hooks,
    }
}

pub(super) fn decode_notice(document: &Document) -> Result<Notice> {
    let broken = || Error::store_msg(format!("a webhook notice that cannot be read: {document}"));
    let kind = EventKind::parse(&text(document, "kind")).ok_or_else(broken)?;
    let payload = serde_json::from_str(&text(document, "payload")).map_err(|_| broken())?;
    let hooks = document
        .get_array("hooks")
        .map_err(|_| broken())?
        .iter()
        .filter_map(|h| h.as_str().map(str::to_string))
        .collect();
    Ok(Notice {
        event: WebhookEvent {
            id: text(document, "id"),
            kind,
            at: document
                .get_datetime("at")
                .map(|t| chrono_time(*t))
                .map_err(|_| broken())?,
            payload,
        },
        hooks,
    })
}

fn parse_id(id: &str) -> Option<ObjectId> {
    ObjectId::parse_str(id).ok()
}

fn decode(document: &Document) -> Result<Delivery> {
    let id = document
        .get_object_id("_id")
        .map_err(|e| Error::store("webhook delivery without an id", e))?;
    let broken = |what: &str| Error::store_msg(format!("webhook delivery {id}: {what}"));
    let kind = EventKind::parse(&text(document, "kind")).ok_or_else(|| broken("unknown kind"))?;
    let status =
        DeliveryStatus::parse(&text(document, "status")).ok_or_else(|| broken("unknown status"))?;
    let payload = serde_json::from_str(&text(document, "payload"))
        .map_err(|e| Error::store(format!("webhook delivery {id}"), e))?;
    let time = |key: &str| document.get_datetime(key).ok().map(|t| chrono_time(*t));
    Ok(Delivery {
        id: id.to_hex(),
        hook: text(document, "hook"),
        event: WebhookEvent {
            id: text(document, "eventId"),
            kind,
            at: time("eventAt").unwrap_or_default(),
            payload,
        },
        status,
        attempts: u32::try_from(super::support::count(document, "attempts")).unwrap_or(u32::MAX),
        next_attempt_at: time("nextAttemptAt").unwrap_or_default(),
        last_error: document.get_str("lastError").ok().map(str::to_string),
        delivered_at: time("deliveredAt"),
        claim: document.get_str("claim").ok().map(str::to_string),
    })
}
