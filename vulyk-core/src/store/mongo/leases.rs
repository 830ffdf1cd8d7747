//! Leases that ran out: removed and counted by the server's sweep (see the SQLite twin). A
//! task's leases live in its document, so the sweep reads a document's leases and writes back
//! the live ones only if the array is still as it read it: a lease is counted by one sweep
//! even when several servers sweep at once, and nothing rests on a server's pre-image.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use mongodb::bson::{self, Bson, Document, doc};

use super::MongoStore;
use super::support::{bson_time, mongo_err};
use crate::Result;

/// Tasks looked at by one sweep; the rest wait for the next (a minute later).
const MOST_TASKS_PER_SWEEP: i64 = 10_000;
/// Reads of a task whose leases keep changing under the sweep before it leaves the task to
/// the next one.
const TRIES_PER_TASK: usize = 3;

pub(super) async fn expire(store: &MongoStore, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
    let now = bson_time(now);
    let tasks = store.coll("tasks");
    let projection = doc! { "taskType": 1, "leases": 1 };
    let cursor = tasks
        .find(doc! { "leases.until": { "$lte": now } })
        .projection(projection.clone())
        .limit(MOST_TASKS_PER_SWEEP)
        .await
        .map_err(mongo_err)?;
    let mut counts = BTreeMap::<String, u64>::new();
    for mut task in store.collect(cursor, Ok).await? {
        for _ in 0..TRIES_PER_TASK {
            let Some((id, as_read, live, expired)) = split(&task, now) else {
                break;
            };
            let written = tasks
                .update_one(
                    doc! { "_id": &id, "leases": &as_read },
                    doc! { "$set": { "leases": live } },
                )
                .await
                .map_err(mongo_err)?;
            if written.matched_count == 1 {
                let task_type = task.get_str("taskType").unwrap_or_default();
                *counts.entry(task_type.to_string()).or_default() += expired;
                break;
            }
            // An answer, a skip or a hand-out changed the leases since: read them again.
            match tasks
                .find_one(doc! { "_id": &id })
                .projection(projection.clone())
                .await
                .map_err(mongo_err)?
            {
                Some(again) => task = again,
                None => break,
            }
        }
    }
    Ok(counts.into_iter().collect())
}

/// The task's id, its leases as read, the live ones among them and how many expired; `None`
/// when none did.
fn split(task: &Document, now: bson::DateTime) -> Option<(Bson, Bson, Vec<Bson>, u64)> {
    let id = task.get("_id")?.clone();
    let leases = task.get_array("leases").ok()?;
    let expired = |lease: &Bson| {
        lease
            .as_document()
            .and_then(|lease| lease.get_datetime("until").ok())
            .is_some_and(|until| *until <= now)
    };
    let live: Vec<Bson> = leases.iter().filter(|l| !expired(l)).cloned().collect();
    let gone = (leases.len() - live.len()) as u64;
    (gone > 0).then(|| (id, Bson::Array(leases.clone()), live, gone))
}
