//! Hand-out, answers, skips and activity over single-document atomic updates.
//!
//! A task's slots live in its own document — `usersCount` (answers), `usersProcessed` and our
//! `leases` array — so that claiming a slot and counting an answer are each one conditional
//! `findOneAndUpdate` with an update pipeline: two volunteers racing can never both take the
//! last slot. The writes that follow (the answer document, the work session, the counters)
//! touch other documents; see `record_answer` for what a crash between them can leave.

use chrono::{DateTime, Utc};
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{self, Bson, Document, doc};
use mongodb::options::ReturnDocument;

use super::accounts::{count, object_id};
use super::tasks::{decode_batch, decode_task};
use super::{MongoStore, is_duplicate_key, mongo_err};
use crate::domain::{Answer, Batch, Task, TaskId, UserId, WorkSession};
use crate::store::work::{already_answered, check_activity, no_free_slot, no_session};
use crate::store::{AnswerOutcome, AnswerRequest, ClaimRequest};
use crate::{Error, Result};

pub(super) fn bson_time(time: DateTime<Utc>) -> bson::DateTime {
    bson::DateTime::from_millis(time.timestamp_millis())
}

pub(super) fn chrono_time(time: bson::DateTime) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(time.timestamp_millis()).unwrap_or_default()
}

pub(super) fn user_oid(user: &UserId) -> Result<ObjectId> {
    object_id(user).ok_or_else(|| Error::invalid(format!("`{user}` is not a user id")))
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

/// Answers plus live leases (other than `user`'s) leave a slot free.
fn slot_free(now: bson::DateTime, user: ObjectId, redundancy: u32) -> Document {
    doc! { "$lt": [
        { "$add": [
            { "$ifNull": ["$usersCount", 0] },
            { "$size": live_leases_of_others(now, user) },
        ] },
        i64::from(redundancy),
    ] }
}

fn holds_live_lease(user: ObjectId, now: bson::DateTime) -> Document {
    doc! { "$elemMatch": { "user": user, "until": { "$gt": now } } }
}

async fn task_of_type(store: &MongoStore, id: &TaskId, task_type: &str) -> Result<Document> {
    store
        .coll("tasks")
        .find_one(doc! { "_id": id.as_str(), "taskType": task_type })
        .await
        .map_err(mongo_err)?
        .ok_or_else(|| Error::not_found("task", format!("{id} of type {task_type}")))
}

/// The task the user holds a live lease on, with the lease extended.
async fn renew_lease(store: &MongoStore, r: &ClaimRequest, oid: ObjectId) -> Result<Option<Task>> {
    let renewed = store
        .coll("tasks")
        .find_one_and_update(
            doc! { "taskType": &r.task_type, "leases": holds_live_lease(oid, bson_time(r.now)) },
            // A pipeline rather than the positional `leases.$`, which not every server that
            // speaks the protocol resolves from an `$elemMatch` filter.
            vec![doc! { "$set": { "leases": { "$map": {
                "input": "$leases",
                "as": "lease",
                "in": { "$cond": [
                    { "$eq": ["$$lease.user", oid] },
                    { "user": oid, "until": bson_time(r.lease_until) },
                    "$$lease",
                ] },
            } } } }],
        )
        .return_document(ReturnDocument::After)
        .await
        .map_err(mongo_err)?;
    Ok(renewed.map(decode_task))
}

pub(super) async fn claim(store: &MongoStore, r: &ClaimRequest) -> Result<Option<Task>> {
    let oid = user_oid(&r.user)?;
    if let Some(task) = renew_lease(store, r, oid).await? {
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

/// One conditional update picks and leases a task: the filter says which tasks qualify, the
/// sort on the index makes it the first at or after a random id.
async fn claim_in_batch(
    store: &MongoStore,
    r: &ClaimRequest,
    oid: ObjectId,
    batch: &str,
    allow_skipped: bool,
) -> Result<Option<Task>> {
    let now = bson_time(r.now);
    // Task ids are 20 hex digits of a hash, so a random prefix is a random point among them.
    let start = format!("{:016x}0000", r.start);
    let mut filter = doc! {
        "batch": batch,
        "closed": false,
        "taskType": &r.task_type,
        "usersProcessed": { "$ne": oid },
        "$expr": slot_free(now, oid, r.redundancy),
    };
    if !allow_skipped {
        filter.insert("usersSkipped", doc! { "$ne": oid });
    }
    let lease = doc! { "user": oid, "until": bson_time(r.lease_until) };
    let update = vec![doc! { "$set": { "leases": { "$concatArrays": [
        live_leases_of_others(now, oid),
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

/// Counts the answer on its task first — one conditional update that checks the lease or a
/// free slot, adds the user to `usersProcessed`, closes the task when it is full and notes
/// the answer in the task's `pendingAnswers` — and then completes the writes that follow
/// (`settle`). A fault between them leaves the note: the volunteer's retry finds it and
/// completes them, each exactly once, so nothing is lost or counted twice.
pub(super) async fn record_answer(store: &MongoStore, r: &AnswerRequest) -> Result<AnswerOutcome> {
    let oid = user_oid(&r.user)?;
    let now = bson_time(r.now);
    let redundancy = i64::from(r.redundancy);
    let answer = ObjectId::parse_str(&r.answer_id)
        .map_err(|e| Error::store("answer id is not an ObjectId", e))?;
    let old_count = doc! { "$ifNull": ["$usersCount", 0] };
    let new_count = doc! { "$add": [old_count.clone(), 1] };
    let was_closed = doc! { "$eq": [{ "$ifNull": ["$closed", false] }, true] };
    let closes = doc! { "$or": [{ "$gte": [new_count.clone(), redundancy] }, r.close] };
    let closes_now = doc! { "$and": [{ "$not": [was_closed.clone()] }, closes] };
    let pending =
        doc! { "user": oid, "answer": answer, "old": old_count, "closes": closes_now.clone() };
    let after = store
        .coll("tasks")
        .find_one_and_update(
            doc! {
                "_id": r.task.as_str(),
                "taskType": &r.task_type,
                "usersProcessed": { "$ne": oid },
                "$or": [
                    { "leases": holds_live_lease(oid, now) },
                    { "closed": { "$ne": true }, "$expr": slot_free(now, oid, r.redundancy) },
                ],
            },
            vec![doc! { "$set": {
                "usersCount": new_count,
                "usersProcessed": { "$concatArrays": [
                    { "$ifNull": ["$usersProcessed", []] }, [oid],
                ] },
                "leases": live_leases_of_others(now, oid),
                "closed": { "$or": [was_closed.clone(), closes_now.clone()] },
                // Which answer closed the task, set only by the one that did.
                "closedBy": { "$cond": [
                    closes_now,
                    answer,
                    { "$ifNull": ["$closedBy", Bson::Null] },
                ] },
                PENDING: { "$concatArrays": [{ "$ifNull": [format!("${PENDING}"), []] }, [pending]] },
            } }],
        )
        .return_document(ReturnDocument::After)
        .await
        .map_err(mongo_err)?;
    let Some(after) = after else {
        return answer_refused(store, r, oid).await;
    };
    // Read from the post-image: some servers that speak the protocol return a stale pre-image
    // from a pipeline update under concurrency.
    let counted = Pending::of(&after, |p| p.answer == answer)
        .ok_or_else(|| Error::store_msg("the task lost the note of the answer it counted"))?;
    let task = decode_task(after);
    let closed_batch = settle(store, r, &task, &counted).await?;
    Ok(AnswerOutcome {
        answer_id: r.answer_id.clone(),
        batch: task.batch,
        closed_task: counted.closes,
        closed_batch,
    })
}

/// The task's note of an answer it has counted and whose follow-up writes may not all have
/// happened yet (`pendingAnswers`, removed once they have).
const PENDING: &str = "pendingAnswers";

/// An answer's own record of it in the documents its follow-up writes advance: a counter
/// moves only together with this list taking the answer's id, so that a retry cannot move
/// it twice. Bounded: the ids are only needed until the task's note is removed, a few writes
/// later — but a fault can leave a note for a retry that comes much later, and the bound says
/// how many other answers may pass in the meantime (every answer of the batch, for a batch).
const COUNTED: &str = "countedAnswers";
const COUNTED_BY_USER: i32 = 32;
const COUNTED_BY_BATCH: i32 = 512;

#[derive(Debug, Clone)]
struct Pending {
    user: ObjectId,
    answer: ObjectId,
    /// The task's answers before this one: the histogram bucket it leaves.
    old_count: u64,
    /// This answer closed the task.
    closes: bool,
}

impl Pending {
    fn of(task: &Document, which: impl Fn(&Pending) -> bool) -> Option<Pending> {
        task.get_array(PENDING).ok()?.iter().find_map(|note| {
            let note = note.as_document()?;
            let pending = Pending {
                user: note.get_object_id("user").ok()?,
                answer: note.get_object_id("answer").ok()?,
                old_count: count(note, "old"),
                closes: note.get_bool("closes").unwrap_or(false),
            };
            which(&pending).then_some(pending)
        })
    }
}

/// The writes that follow the task's count, each of which a retry may repeat: the answer
/// document (its id is unique), the work session (found by the answer), the user's
/// `processed`, the leaderboard counter and the batch's counters (each moved with the
/// answer's id, see `COUNTED`); then the task's note is removed.
async fn settle(
    store: &MongoStore,
    r: &AnswerRequest,
    task: &Task,
    pending: &Pending,
) -> Result<Option<Batch>> {
    insert_answer(store, r, pending).await?;
    end_session(store, r, pending).await?;
    count_processed(store, pending).await?;
    count_answer_once(store, &r.task_type, pending).await?;
    let closed_batch = match &task.batch {
        Some(batch) => count_in_batch(store, batch, pending).await?,
        None => None,
    };
    let remaining = doc! { "$filter": {
        "input": { "$ifNull": [format!("${PENDING}"), []] },
        "cond": { "$ne": ["$$this.answer", pending.answer] },
    } };
    store
        .coll("tasks")
        .update_one(
            doc! { "_id": task.id.as_str() },
            // The field goes when its last note does: a settled task has the shape it had.
            vec![doc! { "$set": { PENDING: { "$cond": [
                { "$eq": [{ "$size": remaining.clone() }, 0] },
                "$$REMOVE",
                remaining,
            ] } } }],
        )
        .await
        .map_err(mongo_err)?;
    Ok(closed_batch)
}
/// Why the task did not take the answer (no such task, no free slot, already answered).
/// When the task still holds a note of this user's answer, an earlier call counted it and
/// did not finish — or a twin request is still finishing it, and the two cannot be told
/// apart: this call completes the follow-up writes (each happens once whoever does it) and
/// stores this answer's result if none is stored yet, but is refused all the same, so that
/// the one request that counted the answer is the one accepted. Only refused answers pay
/// for this read.
async fn answer_refused(
    store: &MongoStore,
    r: &AnswerRequest,
    oid: ObjectId,
) -> Result<AnswerOutcome> {
    let document = task_of_type(store, &r.task, &r.task_type).await?;
    if let Some(pending) = Pending::of(&document, |p| p.user == oid) {
        settle(store, r, &decode_task(document), &pending).await?;
        return Err(already_answered(&r.task));
    }
    let counted = document
        .get_array("usersProcessed")
        .is_ok_and(|users| users.iter().any(|u| u.as_object_id() == Some(oid)));
    if !counted {
        return Err(no_free_slot(&r.task));
    }
    // Counted without a note: a call of a version that kept none was interrupted before it
    // stored the document. Its counters cannot be told apart any more; the answer can.
    let stored = store
        .coll("reports")
        .find_one(doc! { "createdBy": oid, "task": r.task.as_str() })
        .await
        .map_err(mongo_err)?;
    if stored.is_none() {
        let answer = ObjectId::parse_str(&r.answer_id)
            .map_err(|e| Error::store("answer id is not an ObjectId", e))?;
        let pending = Pending {
            user: oid,
            answer,
            old_count: 0,
            closes: false,
        };
        insert_answer(store, r, &pending).await?;
        end_session(store, r, &pending).await?;
    }
    Err(already_answered(&r.task))
}

/// Stores the answer document under the id the task noted. A duplicate means a twin request
/// or the interrupted call stored it first; the answer exists once either way.
async fn insert_answer(store: &MongoStore, r: &AnswerRequest, pending: &Pending) -> Result<()> {
    let result: serde_json::Value = serde_json::from_str(&r.result_json)
        .map_err(|e| Error::invalid(format!("answer is not JSON: {e}")))?;
    let result = bson::to_bson(&result)
        .map_err(|e| Error::invalid(format!("answer cannot be stored: {e}")))?;
    let document = doc! {
        "_id": pending.answer,
        "task": r.task.as_str(),
        "createdBy": pending.user,
        "createdAt": bson_time(r.now),
        "taskType": &r.task_type,
        "result": result,
    };
    match store.coll("reports").insert_one(document).await {
        Ok(_) => Ok(()),
        Err(e) if is_duplicate_key(&e) => Ok(()),
        Err(e) => Err(mongo_err(e)),
    }
}

/// Ends the most recent open session of (user, task) with the answer; an answer given without
/// a hand-out gets a session that starts and ends now — unless a session already ended with
/// this answer (a retry).
async fn end_session(store: &MongoStore, r: &AnswerRequest, pending: &Pending) -> Result<()> {
    let now = bson_time(r.now);
    let sessions = store.coll("work_sessions");
    let ended = sessions
        .find_one_and_update(
            doc! { "user": pending.user, "task": r.task.as_str(), "end_time": Bson::Null },
            doc! { "$set": { "end_time": now, "answer": pending.answer } },
        )
        .sort(doc! { "start_time": -1 })
        .await
        .map_err(mongo_err)?;
    if ended.is_none() {
        sessions
            .update_one(
                doc! { "user": pending.user, "task": r.task.as_str(), "answer": pending.answer },
                doc! { "$setOnInsert": {
                    "_cls": "WorkSession",
                    "taskType": &r.task_type,
                    "start_time": now,
                    "end_time": now,
                    "activity": 0_i64,
                } },
            )
            .upsert(true)
            .await
            .map_err(mongo_err)?;
    }
    Ok(())
}

/// `$push` of the answer's id onto a document's `COUNTED`, keeping the last `keep`.
fn note_counted(answer: ObjectId, keep: i32) -> Document {
    doc! { COUNTED: { "$each": [answer], "$slice": -keep } }
}

/// The user's `processed`, moved once per answer.
async fn count_processed(store: &MongoStore, pending: &Pending) -> Result<()> {
    store
        .coll("user")
        .update_one(
            doc! { "_id": pending.user, COUNTED: { "$ne": pending.answer } },
            doc! {
                "$inc": { "processed": 1_i64 },
                "$push": note_counted(pending.answer, COUNTED_BY_USER),
            },
        )
        .await
        .map_err(mongo_err)?;
    Ok(())
}

/// The leaderboard counter, moved once per answer: the first answer of a type creates it.
async fn count_answer_once(store: &MongoStore, task_type: &str, pending: &Pending) -> Result<()> {
    let counts = store.coll(super::ANSWER_COUNTS);
    let key = doc! { "taskType": task_type, "user": pending.user };
    let count_it = async || {
        counts
            .update_one(
                doc! { "_id": key.clone(), COUNTED: { "$ne": pending.answer } },
                doc! {
                    "$inc": { "answers": 1_i64 },
                    "$push": note_counted(pending.answer, COUNTED_BY_USER),
                },
            )
            .await
            .map_err(mongo_err)
    };
    if count_it().await?.matched_count > 0 {
        return Ok(());
    }
    let first = doc! {
        "_id": key.clone(),
        "taskType": task_type,
        "user": pending.user,
        "answers": 1_i64,
        COUNTED: [pending.answer],
    };
    match counts.insert_one(first).await {
        Ok(_) => Ok(()),
        // The counter exists: it had this answer already, or another answer of the user
        // created it a moment ago — then this one still needs counting.
        Err(e) if is_duplicate_key(&e) => count_it().await.map(|_| ()),
        Err(e) => Err(mongo_err(e)),
    }
}

/// The leaderboard counter: answers of one type by one user.
pub(super) async fn count_answer(
    store: &MongoStore,
    task_type: &str,
    user: ObjectId,
    by: i64,
) -> Result<()> {
    store
        .coll(super::ANSWER_COUNTS)
        .update_one(
            doc! { "_id": { "taskType": task_type, "user": user } },
            doc! {
                "$inc": { "answers": by },
                "$setOnInsert": { "taskType": task_type, "user": user },
            },
        )
        .upsert(true)
        .await
        .map_err(mongo_err)?;
    Ok(())
}

/// Counts the answer in the batch's histogram and, when it closed its task, the batch's
/// progress — one `$inc` with the answer's id, whose result says whether that was the last
/// task; then the batch is closed by a conditional update that only one caller can win (also
/// by a retry that finds the answer counted and the batch not yet closed).
async fn count_in_batch(
    store: &MongoStore,
    batch: &str,
    pending: &Pending,
) -> Result<Option<Batch>> {
    let batches = store.coll("batches");
    let old = pending.old_count;
    let counted = batches
        .find_one_and_update(
            doc! { "_id": batch, COUNTED: { "$ne": pending.answer } },
            doc! {
                "$inc": {
                    "answersCount": 1_i64,
                    format!("{}.{old}", super::HISTOGRAM): -1_i64,
                    format!("{}.{}", super::HISTOGRAM, old + 1): 1_i64,
                    "tasksProcessed": i64::from(pending.closes),
                },
                "$push": note_counted(pending.answer, COUNTED_BY_BATCH),
            },
        )
        .return_document(ReturnDocument::After)
        .await
        .map_err(mongo_err)?;
    let after = match counted {
        Some(after) => after,
        None => match batches
            .find_one(doc! { "_id": batch })
            .await
            .map_err(mongo_err)?
        {
            Some(after) => after,
            None => return Ok(None),
        },
    };
    let done = pending.closes
        && count(&after, "tasksProcessed") >= count(&after, "tasksCount")
        && !after.get_bool("closed").unwrap_or(false)
        && !after.get_bool("loading").unwrap_or(false);
    if !done {
        return Ok(None);
    }
    let closed = batches
        .find_one_and_update(
            doc! { "_id": batch, "closed": { "$ne": true }, "loading": { "$ne": true } },
            doc! { "$set": { "closed": true } },
        )
        .return_document(ReturnDocument::After)
        .await
        .map_err(mongo_err)?;
    closed.map(decode_batch).transpose()
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
                    .map_or(serde_json::Value::Null, super::tasks::json_of),
            })
        })
        .await
}

pub(super) async fn has_skipped(store: &MongoStore, user: &UserId, task: &TaskId) -> Result<bool> {
    let oid = user_oid(user)?;
    Ok(store
        .coll("tasks")
        .find_one(doc! { "_id": task.as_str(), "usersSkipped": oid })
        .await
        .map_err(mongo_err)?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn store() -> Option<MongoStore> {
        crate::store::conformance::fresh_mongo_store("vulyk_answers").await
    }

    fn answer(user: &UserId, by: &str) -> AnswerRequest {
        AnswerRequest {
            answer_id: crate::domain::new_object_id(),
            user: user.clone(),
            task: TaskId::from_stored("t1".to_string()),
            task_type: "tagging_task".into(),
            result_json: format!("{{\"by\":\"{by}\"}}"),
            redundancy: 3,
            close: false,
            now: Utc::now(),
        }
    }

    async fn reports_of(store: &MongoStore, user: ObjectId) -> u64 {
        store
            .coll("reports")
            .count_documents(doc! { "createdBy": user, "task": "t1" })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn twin_answers_of_one_user_are_accepted_once() {
        let Some(store) = store().await else { return };
        let user = UserId::generate();
        let oid = user_oid(&user).unwrap();
        store
            .coll("tasks")
            .insert_one(doc! { "_id": "t1", "taskType": "tagging_task", "usersCount": 0_i64 })
            .await
            .unwrap();
        let mut twins = Vec::new();
        for n in 0..8 {
            let (store, request) = (store.clone(), answer(&user, &format!("twin {n}")));
            twins.push(tokio::spawn(async move {
                record_answer(&store, &request).await
            }));
        }
        let mut accepted = 0;
        for twin in twins {
            match twin.await.unwrap() {
                Ok(_) => accepted += 1,
                Err(e) => assert!(matches!(e, Error::Conflict(_)), "{e:?}"),
            }
        }
        assert_eq!(
            accepted, 1,
            "one request counted the answer, one is accepted"
        );
        assert_eq!(reports_of(&store, oid).await, 1);
    }

    #[tokio::test]
    async fn an_interrupted_answer_is_stored_by_the_next_attempt_which_is_refused() {
        let Some(store) = store().await else { return };
        let user = UserId::generate();
        let oid = user_oid(&user).unwrap();
        // The task counted the user, and then the process stopped before the document.
        store
            .coll("tasks")
            .insert_one(doc! {
                "_id": "t1", "taskType": "tagging_task",
                "usersCount": 1_i64, "usersProcessed": [oid],
            })
            .await
            .unwrap();
        let again = record_answer(&store, &answer(&user, "again")).await;
        assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
        assert_eq!(reports_of(&store, oid).await, 1, "the answer is stored");
        let third = record_answer(&store, &answer(&user, "third")).await;
        assert!(matches!(third, Err(Error::Conflict(_))), "{third:?}");
        assert_eq!(reports_of(&store, oid).await, 1);
    }
}
