//! What every area of the MongoDB backend shares: collection names, conversions between BSON
//! and our types, and the task filters both hand-out and answers build on.

use chrono::{DateTime, Utc};
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{self, Bson, Document, doc};
use serde_json::Value;

use mongodb::error::{ErrorKind, WriteFailure};

use super::MongoStore;
use crate::domain::{Batch, BatchMeta, Task, TaskId, UserId};
use crate::{Error, Result};

/// Our collection of answers per (task type, user), for leaderboards.
pub(super) const ANSWER_COUNTS: &str = "vulyk_answer_counts";

/// The batch field holding, per number of answers, the change in how many tasks have that many.
pub(super) const HISTOGRAM: &str = "usersCountHistogram";

// Our collections for signing in, which the original did not have.
pub(super) const WEB_SESSIONS: &str = "vulyk_web_sessions";
pub(super) const API_TOKENS: &str = "vulyk_api_tokens";
pub(super) const ATTEMPTS: &str = "vulyk_attempts";
pub(super) const IDENTITIES: &str = "vulyk_identities";

/// The task's notes of the answers it counted whose follow-up writes, or payment, are not
/// known to be done.
pub(super) const PENDING: &str = "pendingAnswers";

/// The server's code for a duplicate key.
const DUPLICATE_KEY: i32 = 11000;

pub(super) fn mongo_err(e: mongodb::error::Error) -> Error {
    Error::store("MongoDB", e)
}

/// Whether a driver error is a duplicate-key violation (of a unique index or `_id`).
pub(super) fn is_duplicate_key(e: &mongodb::error::Error) -> bool {
    match e.kind.as_ref() {
        ErrorKind::Write(WriteFailure::WriteError(w)) => w.code == DUPLICATE_KEY,
        ErrorKind::InsertMany(m) => m
            .write_errors
            .as_ref()
            .is_some_and(|errors| errors.iter().all(|w| w.code == DUPLICATE_KEY)),
        _ => false,
    }
}

pub(super) fn object_id(id: &UserId) -> Option<ObjectId> {
    ObjectId::parse_str(id.as_str()).ok()
}

pub(super) fn strings(document: &Document, key: &str) -> Vec<String> {
    document
        .get_array(key)
        .map(|values| {
            values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn text(document: &Document, key: &str) -> String {
    document.get_str(key).unwrap_or_default().to_string()
}

/// An integer however the writer stored it (Python writes int32 or int64).
pub(super) fn count(document: &Document, key: &str) -> u64 {
    match document.get(key) {
        Some(Bson::Int32(n)) => (*n).max(0) as u64,
        Some(Bson::Int64(n)) => (*n).max(0) as u64,
        Some(Bson::Double(n)) if *n >= 0.0 => *n as u64,
        _ => 0,
    }
}

pub(super) fn bson_time(time: DateTime<Utc>) -> bson::DateTime {
    bson::DateTime::from_millis(time.timestamp_millis())
}

pub(super) fn chrono_time(time: bson::DateTime) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(time.timestamp_millis()).unwrap_or_default()
}

pub(super) fn user_oid(user: &UserId) -> Result<ObjectId> {
    object_id(user).ok_or_else(|| Error::invalid(format!("`{user}` is not a user id")))
}

/// `$leases` without `user`'s, as a pipeline expression: what a hand-out or an answer of
/// `user` leaves of them. Expired ones stay until the sweep counts them (`leases.rs`).
pub(super) fn leases_of_others(user: ObjectId) -> Document {
    doc! { "$filter": {
        "input": { "$ifNull": ["$leases", []] },
        "as": "lease",
        "cond": { "$ne": ["$$lease.user", user] },
    } }
}

/// `$leases` without the expired ones and without `user`'s, as a pipeline expression.
fn live_leases_of_others(now: bson::DateTime, user: ObjectId) -> Document {
    doc! { "$filter": {
        "input": { "$ifNull": ["$leases", []] },
        "as": "lease",
        "cond": { "$and": [
            { "$gt": ["$$lease.until", now] },
            { "$ne": ["$$lease.user", user] },
        ] },
    } }
}

/// Answers plus live leases that hold a slot (other than `user`'s) leave a slot free. A
/// lease marked `free` (a volunteer whose answers are not counted) holds none.
pub(super) fn slot_free(now: bson::DateTime, user: ObjectId, redundancy: u32) -> Document {
    let holding = doc! { "$filter": {
        "input": live_leases_of_others(now, user),
        "as": "lease",
        "cond": { "$ne": [{ "$ifNull": ["$$lease.free", false] }, true] },
    } };
    doc! { "$lt": [
        { "$add": [
            { "$ifNull": ["$usersCount", 0] },
            { "$size": holding },
        ] },
        i64::from(redundancy),
    ] }
}

/// The user holds a live lease (of either kind).
pub(super) fn holds_live_lease(user: ObjectId, now: bson::DateTime) -> Document {
    doc! { "$elemMatch": { "user": user, "until": { "$gt": now } } }
}

/// The user holds a live lease of this kind: one that holds a slot, or one that does not.
pub(super) fn holds_kind(user: ObjectId, now: bson::DateTime, holds_a_slot: bool) -> Document {
    let free = if holds_a_slot {
        doc! { "$ne": true }
    } else {
        doc! { "$eq": true }
    };
    doc! { "$elemMatch": { "user": user, "until": { "$gt": now }, "free": free } }
}

/// The user holds a live lease that holds a slot.
pub(super) fn holds_slot(user: ObjectId, now: bson::DateTime) -> Document {
    doc! { "$elemMatch": { "user": user, "until": { "$gt": now }, "free": { "$ne": true } } }
}

pub(super) async fn task_of_type(
    store: &MongoStore,
    id: &TaskId,
    task_type: &str,
) -> Result<Document> {
    store
        .coll("tasks")
        .find_one(doc! { "_id": id.as_str(), "taskType": task_type })
        .await
        .map_err(mongo_err)?
        .ok_or_else(|| Error::not_found("task", format!("{id} of type {task_type}")))
}

pub(super) fn json_of(bson: Bson) -> Value {
    bson.into_relaxed_extjson()
}

pub(super) fn bson_of(value: &Value) -> Result<Bson> {
    mongodb::bson::to_bson(value).map_err(|e| Error::invalid(format!("cannot store as BSON: {e}")))
}

pub(super) fn decode_batch(document: Document) -> Result<Batch> {
    let meta = match document.get("batchMeta") {
        Some(Bson::Document(meta)) => match json_of(Bson::Document(meta.clone())) {
            Value::Object(map) => map,
            _ => BatchMeta::new(),
        },
        _ => BatchMeta::new(),
    };
    Ok(Batch {
        id: document.get_str("_id").unwrap_or_default().to_string(),
        task_type: document.get_str("taskType").unwrap_or_default().to_string(),
        tasks_count: count(&document, "tasksCount"),
        tasks_processed: count(&document, "tasksProcessed"),
        closed: document.get_bool("closed").unwrap_or(false),
        loading: document.get_bool("loading").unwrap_or(false),
        meta,
    })
}

pub(super) fn decode_task(document: Document) -> Task {
    Task {
        id: TaskId::from_stored(document.get_str("_id").unwrap_or_default().to_string()),
        task_type: document.get_str("taskType").unwrap_or_default().to_string(),
        batch: document.get_str("batch").ok().map(str::to_string),
        users_count: count(&document, "usersCount"),
        closed: document.get_bool("closed").unwrap_or(false),
        data: document
            .get("task_data")
            .cloned()
            .map_or(Value::Null, json_of),
    }
}
