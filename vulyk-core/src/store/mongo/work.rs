//! Hand-out, answers, skips and activity over single-document atomic updates.
//!
//! A task's slots live in its own document — `usersCount` (answers), `usersProcessed` and our
//! `leases` array — so that claiming a slot and counting an answer are each one conditional
//! `findOneAndUpdate` with an update pipeline: two volunteers racing can never both take the
//! last slot. The writes that follow (the answer document, the work session, the counters)
//! touch other documents; see `record_answer` for what a crash between them can leave.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{Bson, Document, doc};
use mongodb::options::ReturnDocument;

use super::MongoStore;
use super::answers;
use super::support::{
    PENDING, bson_time, chrono_time, count, decode_task, holds_kind, json_of, leases_of_others,
    mongo_err, slot_free, task_of_type, user_oid,
};
#[cfg(any(test, feature = "test-support"))]
use crate::domain::WorkSession;
use crate::domain::{Answer, Task, TaskId, UserId};
use crate::store::ClaimRequest;
use crate::store::work::{check_activity, no_session};
use crate::store::{AnswerOutcome, AnswerRequest, Interrupted, UnpaidAnswer, WorkStore};
use crate::{Error, Result};

#[async_trait]
impl WorkStore for MongoStore {
    async fn claim_task(&self, request: &ClaimRequest) -> Result<Option<Task>> {
        let _write = self.writable().await?;
        claim(self, request).await
    }

    async fn record_answer(&self, request: &AnswerRequest) -> Result<AnswerOutcome> {
        let _write = self.writable().await?;
        answers::record_answer(self, request).await
    }

    async fn unpaid_answer(&self, user: &UserId, task: &TaskId) -> Result<Option<UnpaidAnswer>> {
        answers::unpaid_answer(self, user, task).await
    }

    async fn answer_paid(&self, user: &UserId, task: &TaskId) -> Result<()> {
        let _write = self.writable().await?;
        answers::answer_paid(self, user, task).await
    }

    async fn interrupted_answers(&self, before: DateTime<Utc>) -> Result<Interrupted> {
        answers::interrupted_answers(self, before).await
    }

    async fn skip_task(&self, user: &UserId, task: &TaskId, task_type: &str) -> Result<()> {
        let _write = self.writable().await?;
        skip(self, user, task, task_type).await
    }

    async fn add_activity(
        &self,
        user: &UserId,
        task: &TaskId,
        task_type: &str,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let _write = self.writable().await?;
        add_activity(self, user, task, task_type, seconds, now).await
    }

    #[cfg(any(test, feature = "test-support"))]
    async fn work_sessions(&self, user: &UserId, task: &TaskId) -> Result<Vec<WorkSession>> {
        sessions(self, user, task).await
    }

    async fn expire_leases(&self, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
        let _write = self.writable().await?;
        super::leases::expire(self, now).await
    }

    async fn answers_for_task(&self, task: &TaskId) -> Result<Vec<Answer>> {
        answers_for_task(self, task).await
    }

    #[cfg(any(test, feature = "test-support"))]
    async fn has_skipped(&self, user: &UserId, task: &TaskId) -> Result<bool> {
        has_skipped(self, user, task).await
    }
}

/// The task the user holds a live lease on, with the lease extended.
async fn renew_lease(store: &MongoStore, r: &ClaimRequest, oid: ObjectId) -> Result<Option<Task>> {
    let renewed = store
        .coll("tasks")
        .find_one_and_update(
            // A lease of the kind the claim asks for (see the SQLite twin).
            doc! { "taskType": &r.task_type, "leases": holds_kind(oid, bson_time(r.now), r.counted) },
            // A pipeline rather than the positional `leases.$`, which not every server that
            // speaks the protocol resolves from an `$elemMatch` filter.
            vec![doc! { "$set": { "leases": { "$map": {
                "input": "$leases",
                "as": "lease",
                "in": { "$cond": [
                    { "$eq": ["$$lease.user", oid] },
                    // `free` stays as it was (a missing one stays missing).
                    { "user": oid, "until": bson_time(r.lease_until), "free": "$$lease.free" },
                    "$$lease",
                ] },
            } } } }],
        )
        .return_document(ReturnDocument::After)
        // The notes of answers being stored are the store's business, and may be large.
        .projection(doc! { PENDING: 0 })
        .await
        .map_err(mongo_err)?;
    Ok(renewed.map(decode_task))
}

pub(super) async fn claim(store: &MongoStore, r: &ClaimRequest) -> Result<Option<Task>> {
    let oid = user_oid(&r.user)?;
    if let Some(task) = renew_lease(store, r, oid).await? {
        return Ok(Some(task));
    }
    if r.gold.is_some()
        && let Some(task) = super::gold::renew(store, r, oid).await?
    {
        return Ok(Some(task));
    }
    // A gold task only while there is work for this volunteer: were it handed out when
    // there is none, a gold task would be the only kind a volunteer gets at the end.
    if let Some(draw) = &r.gold
        && has_candidate(store, r, oid).await?
        && let Some(task) = super::gold::draw(store, r, oid, draw).await?
    {
        return Ok(Some(task));
    }
    for (batch, allow_skipped) in &r.attempts {
        if let Some(task) = claim_in_batch(store, r, oid, batch, *allow_skipped).await? {
            start_session(store, oid, &task, r.now).await?;
            return Ok(Some(task));
        }
    }
    Ok(None)
}

/// Which of the batch's tasks the user may be handed.
fn candidates(r: &ClaimRequest, oid: ObjectId, batch: &str, allow_skipped: bool) -> Document {
    let mut filter = doc! {
        "batch": batch,
        "closed": false,
        "taskType": &r.task_type,
        "usersProcessed": { "$ne": oid },
    };
    if r.counted {
        filter.insert("$expr", slot_free(bson_time(r.now), oid, r.redundancy));
    }
    if !allow_skipped {
        filter.insert("usersSkipped", doc! { "$ne": oid });
    }
    filter
}

/// Whether any attempt finds a task for the user (read only).
async fn has_candidate(store: &MongoStore, r: &ClaimRequest, oid: ObjectId) -> Result<bool> {
    for (batch, allow_skipped) in &r.attempts {
        let found = store
            .coll("tasks")
            .find_one(candidates(r, oid, batch, *allow_skipped))
            .projection(doc! { "_id": 1 })
            .await
            .map_err(mongo_err)?;
        if found.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// One conditional update picks and leases a task: the filter says which tasks qualify, the
/// sort on the index makes it the first at or after a random id.
async fn claim_in_batch(
    store: &MongoStore,
    r: &ClaimRequest,
    oid: ObjectId,
    batch: &str,
    allow_skipped: bool,
) -> Result<Option<Task>> {
    // Task ids are 20 hex digits of a hash, so a random prefix is a random point among them.
    let start = format!("{:016x}0000", r.start);
    let filter = candidates(r, oid, batch, allow_skipped);
    let mut lease = doc! { "user": oid, "until": bson_time(r.lease_until) };
    if !r.counted {
        // Without a slot to hold, any open task will do, and the lease keeps no one out.
        lease.insert("free", true);
    }
    let update = vec![doc! { "$set": { "leases": { "$concatArrays": [
        leases_of_others(oid),
        { "$literal": [lease] },
    ] } } }];
    let tasks = store.coll("tasks");
    for range in [doc! { "$gte": &start }, doc! { "$lt": &start }] {
        let mut filter = filter.clone();
        filter.insert("_id", range);
        let claimed = tasks
            .find_one_and_update(filter, update.clone())
            .sort(doc! { "_id": 1 })
            .return_document(ReturnDocument::After)
            // The notes of answers being stored are the store's business, and may be large.
            .projection(doc! { PENDING: 0 })
            .await
            .map_err(mongo_err)?;
        if let Some(document) = claimed {
            return Ok(Some(decode_task(document)));
        }
    }
    Ok(None)
}

/// Opens the user's work session on the task, or restarts the one still open (spec 4.1).
async fn start_session(
    store: &MongoStore,
    user: ObjectId,
    task: &Task,
    now: DateTime<Utc>,
) -> Result<()> {
    store
        .coll("work_sessions")
        .update_one(
            doc! { "user": user, "task": task.id.as_str(), "taskType": &task.task_type, "end_time": Bson::Null },
            doc! {
                "$set": { "start_time": bson_time(now), "activity": 0_i64 },
                "$setOnInsert": { "_cls": "WorkSession" },
            },
        )
        .upsert(true)
        .await
        .map_err(mongo_err)?;
    Ok(())
}

pub(super) async fn skip(
    store: &MongoStore,
    user: &UserId,
    task: &TaskId,
    task_type: &str,
) -> Result<()> {
    let oid = user_oid(user)?;
    task_of_type(store, task, task_type).await?;
    store
        .coll("tasks")
        .update_one(
            doc! { "_id": task.as_str() },
            doc! { "$addToSet": { "usersSkipped": oid }, "$pull": { "leases": { "user": oid } } },
        )
        .await
        .map_err(mongo_err)?;
    store
        .coll("work_sessions")
        .find_one_and_delete(doc! { "user": oid, "task": task.as_str(), "end_time": Bson::Null })
        .sort(doc! { "start_time": -1 })
        .await
        .map_err(mongo_err)?;
    Ok(())
}

pub(super) async fn add_activity(
    store: &MongoStore,
    user: &UserId,
    task: &TaskId,
    task_type: &str,
    seconds: u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    let oid = user_oid(user)?;
    task_of_type(store, task, task_type).await?;
    let sessions = store.coll("work_sessions");
    let session = sessions
        .find_one(doc! { "user": oid, "task": task.as_str() })
        .sort(doc! { "start_time": -1 })
        .await
        .map_err(mongo_err)?
        .ok_or_else(|| no_session(user, task))?;
    let start = session
        .get_datetime("start_time")
        .map(|t| chrono_time(*t))
        .unwrap_or(now);
    let activity = count(&session, "activity");
    let total = check_activity(start, activity, seconds, now)?;
    // Conditional on the activity read, so that two reports at once cannot both pass the bound.
    let changed = sessions
        .update_one(
            doc! { "_id": session.get("_id").cloned().unwrap_or(Bson::Null), "activity": activity as i64 },
            doc! { "$set": { "activity": total as i64 } },
        )
        .await
        .map_err(mongo_err)?;
    if changed.matched_count == 0 {
        return Err(Error::conflict(
            "the work session changed at the same moment; report the activity again",
        ));
    }
    Ok(total)
}

#[cfg(any(test, feature = "test-support"))]
pub(super) async fn sessions(
    store: &MongoStore,
    user: &UserId,
    task: &TaskId,
) -> Result<Vec<WorkSession>> {
    let oid = user_oid(user)?;
    let cursor = store
        .coll("work_sessions")
        .find(doc! { "user": oid, "task": task.as_str() })
        .sort(doc! { "start_time": 1, "_id": 1 })
        .await
        .map_err(mongo_err)?;
    store
        .collect(cursor, |d| {
            Ok(WorkSession {
                user: user.clone(),
                task: task.clone(),
                task_type: d.get_str("taskType").unwrap_or_default().to_string(),
                answer: d.get_object_id("answer").ok().map(|id| id.to_hex()),
                start_time: d
                    .get_datetime("start_time")
                    .map(|t| chrono_time(*t))
                    .unwrap_or_default(),
                end_time: d.get_datetime("end_time").ok().map(|t| chrono_time(*t)),
                activity: count(&d, "activity"),
            })
        })
        .await
}

pub(super) async fn answers_for_task(store: &MongoStore, task: &TaskId) -> Result<Vec<Answer>> {
    let cursor = store
        .coll("reports")
        .find(doc! { "task": task.as_str() })
        .sort(doc! { "createdAt": 1, "_id": 1 })
        .await
        .map_err(mongo_err)?;
    store
        .collect(cursor, |d| {
            Ok(Answer {
                id: d
                    .get_object_id("_id")
                    .map(|id| id.to_hex())
                    .unwrap_or_default(),
                task: task.clone(),
                task_type: d.get_str("taskType").unwrap_or_default().to_string(),
                created_by: UserId::from_stored(
                    d.get_object_id("createdBy")
                        .map(|id| id.to_hex())
                        .unwrap_or_default(),
                ),
                created_at: d
                    .get_datetime("createdAt")
                    .map(|t| chrono_time(*t))
                    .unwrap_or_default(),
                result: d
                    .get("result")
                    .cloned()
                    .map_or(serde_json::Value::Null, json_of),
            })
        })
        .await
}

#[cfg(any(test, feature = "test-support"))]
pub(super) async fn has_skipped(store: &MongoStore, user: &UserId, task: &TaskId) -> Result<bool> {
    let oid = user_oid(user)?;
    Ok(store
        .coll("tasks")
        .find_one(doc! { "_id": task.as_str(), "usersSkipped": oid })
        .await
        .map_err(mongo_err)?
        .is_some())
}
