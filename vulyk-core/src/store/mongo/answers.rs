//! Answers over single-document atomic updates.
//!
//! The task document is the arbiter: one conditional update checks the lease or a free slot,
//! counts the answer, closes the task when it is full and leaves a note of the answer in the
//! task (`pendingAnswers`: who, the answer's id and result, the count before it). The writes
//! that follow touch other documents — the answer itself, the work session, the user's
//! `processed`, the leaderboard row, the batch's counters — and each is safe to repeat
//! (`settle`). The note goes when they are done, or, for an answer the service still has to
//! pay, when it is paid. A call that stops in between leaves the note: the volunteer's retry,
//! or the sweep (`interrupted_answers`), completes the writes from it, each exactly once.

use chrono::{DateTime, Utc};
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{self, Bson, Document, doc};
use mongodb::options::ReturnDocument;

use super::MongoStore;
use super::support::{
    ANSWER_COUNTS, HISTOGRAM, PENDING, bson_time, count, decode_batch, decode_task,
    holds_live_lease, holds_slot, is_duplicate_key, leases_of_others, mongo_err, slot_free,
    task_of_type, user_oid,
};
use crate::domain::MAX_ANSWER_BYTES;
use crate::domain::{Batch, Task, TaskId, UserId};
use crate::store::work::{already_answered, no_free_slot};
use crate::store::{AnswerOutcome, AnswerRequest, Interrupted, UnpaidAnswer};
use crate::{Error, Result};

/// An answer's own record of it in the documents its follow-up writes advance: a counter
/// moves only together with this list taking the answer's id (`$ne` in the filter), so that
/// a retry cannot move it twice. Bounded: an id is needed only while its note may be settled
/// again, which a note marks as done right after the counters — the bound is how many other
/// answers may pass between a call stopping in the middle of its counters and the retry or
/// sweep that settles it (the user's own answers for a user, everyone's for a batch).
const COUNTED: &str = "countedAnswers";
const COUNTED_BY_USER: i32 = 64;
const COUNTED_BY_BATCH: i32 = 512;

/// A note of a counted answer, as the task keeps it.
#[derive(Debug, Clone)]
struct Note {
    user: ObjectId,
    answer: ObjectId,
    /// The task's answers before this one: the histogram bucket it leaves.
    old_count: u64,
    /// This answer closed the task.
    closes: bool,
    at: bson::DateTime,
    result: Bson,
    /// The service has follow-ups for it (`AnswerRequest::follow_up`; stored as `pays`, the
    /// name from when paying was the only one): the note stays, settled, until `answer_paid`.
    follow_up: bool,
    /// Among them, paying for it (stored as `earns`; a note written before it was added
    /// waited only to be paid).
    earns: bool,
    /// It counts toward the task's redundancy (see `AnswerRequest::counted`); one that does
    /// not moves no batch counter.
    counted: bool,
    /// The follow-up writes are done.
    settled: bool,
}

impl Note {
    fn all(task: &Document) -> Vec<Note> {
        let Ok(notes) = task.get_array(PENDING) else {
            return Vec::new();
        };
        notes
            .iter()
            .filter_map(|note| {
                let note = note.as_document()?;
                Some(Note {
                    user: note.get_object_id("user").ok()?,
                    answer: note.get_object_id("answer").ok()?,
                    old_count: count(note, "old"),
                    closes: note.get_bool("closes").unwrap_or(false),
                    at: *note.get_datetime("at").ok()?,
                    result: note.get("result").cloned().unwrap_or(Bson::Null),
                    follow_up: note.get_bool("pays").unwrap_or(false),
                    // Before `earns`, a note was marked `pays` only when it counted and paid.
                    earns: note
                        .get_bool("earns")
                        .unwrap_or_else(|_| note.get_bool("counted").unwrap_or(true)),
                    counted: note.get_bool("counted").unwrap_or(true),
                    settled: note.get_bool("settled").unwrap_or(false),
                })
            })
            .collect()
    }

    fn of_user(task: &Document, user: ObjectId) -> Option<Note> {
        Note::all(task).into_iter().find(|n| n.user == user)
    }
}

/// An answer is at most `MAX_ANSWER_BYTES` as JSON; as BSON it can be several times that (an
/// array of small numbers), and the task's note holds it too until its writes are done: it
/// must stay that small stored as well, or a few at once would outgrow a task document.
fn check_stored_size(result: &Bson) -> Result<()> {
    let stored = bson::to_vec(&doc! { "result": result })
        .map_err(|e| Error::invalid(format!("answer cannot be stored: {e}")))?
        .len();
    if stored > MAX_ANSWER_BYTES {
        return Err(Error::TooLarge(format!(
            "result: {stored} bytes once stored, more than the {MAX_ANSWER_BYTES} allowed"
        )));
    }
    Ok(())
}

fn result_bson(r: &AnswerRequest) -> Result<Bson> {
    let result: serde_json::Value = serde_json::from_str(&r.result_json)
        .map_err(|e| Error::invalid(format!("answer is not JSON: {e}")))?;
    bson::to_bson(&result).map_err(|e| Error::invalid(format!("answer cannot be stored: {e}")))
}

/// Counts the answer on its task and notes it there — one conditional update that checks the
/// lease or a free slot, adds the user to `usersProcessed` and closes the task when it is
/// full — then settles it.
pub(super) async fn record_answer(store: &MongoStore, r: &AnswerRequest) -> Result<AnswerOutcome> {
    let oid = user_oid(&r.user)?;
    let now = bson_time(r.now);
    let redundancy = i64::from(r.redundancy);
    let answer = ObjectId::parse_str(&r.answer_id)
        .map_err(|e| Error::store("answer id is not an ObjectId", e))?;
    let result = result_bson(r)?;
    check_stored_size(&result)?;
    let old_count = doc! { "$ifNull": ["$usersCount", 0] };
    let new_count = doc! { "$add": [old_count.clone(), i64::from(r.counted)] };
    let was_closed = doc! { "$eq": [{ "$ifNull": ["$closed", false] }, true] };
    let closes = doc! { "$or": [{ "$gte": [new_count.clone(), redundancy] }, r.close] };
    let closes_now = doc! { "$and": [{ "$not": [was_closed.clone()] }, closes, r.counted] };
    let note = doc! {
        "user": oid,
        "answer": answer,
        "old": old_count,
        "closes": closes_now.clone(),
        "at": now,
        // An answer's text is data: `$literal` keeps a "$…" in it from being read as a path.
        "result": { "$literal": result },
        "pays": r.follow_up,
        "earns": r.pays,
        "counted": r.counted,
    };
    let mut filter = doc! {
        "_id": r.task.as_str(),
        "taskType": &r.task_type,
        "usersProcessed": { "$ne": oid },
    };
    // An answer that is not counted takes no slot, but still wants a lease of either kind
    // or an open task.
    let admitted = if r.counted {
        vec![
            doc! { "leases": holds_slot(oid, now) },
            doc! { "closed": { "$ne": true }, "$expr": slot_free(now, oid, r.redundancy) },
        ]
    } else {
        vec![
            doc! { "leases": holds_live_lease(oid, now) },
            doc! { "closed": { "$ne": true } },
        ]
    };
    filter.insert("$or", admitted);
    let after = store
        .coll("tasks")
        .find_one_and_update(
            filter,
            vec![doc! { "$set": {
                "usersCount": new_count,
                "usersProcessed": { "$concatArrays": [
                    { "$ifNull": ["$usersProcessed", []] }, [oid],
                ] },
                "leases": leases_of_others(oid),
                "closed": { "$or": [was_closed.clone(), closes_now.clone()] },
                // Which answer closed the task, and when, set only by the one that did.
                "closedBy": { "$cond": [
                    closes_now.clone(),
                    answer,
                    { "$ifNull": ["$closedBy", Bson::Null] },
                ] },
                "closedAt": { "$cond": [
                    closes_now,
                    now,
                    { "$ifNull": ["$closedAt", Bson::Null] },
                ] },
                PENDING: { "$concatArrays": [{ "$ifNull": [format!("${PENDING}"), []] }, [note]] },
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
    let note = Note::of_user(&after, oid)
        .ok_or_else(|| Error::store_msg("the task lost the note of the answer it counted"))?;
    let task = decode_task(after);
    let closed_batch = settle(store, &task, &note).await?;
    Ok(AnswerOutcome {
        answer_id: r.answer_id.clone(),
        batch: task.batch,
        closed_task: note.closes,
        closed_batch,
        gold: None,
    })
}

/// Why the task did not take the answer (no such task, no free slot, already answered).
/// When the task still holds an unsettled note of this user's answer, an earlier call counted
/// it and stopped — or a twin request is still settling it, and the two cannot be told apart:
/// this call settles it (each write happens once whoever makes it; the answer stored is the
/// noted one), but is refused all the same, so that the one request that counted the answer
/// is the one accepted. Only refused answers pay for this read.
async fn answer_refused(
    store: &MongoStore,
    r: &AnswerRequest,
    oid: ObjectId,
) -> Result<AnswerOutcome> {
    let document = task_of_type(store, &r.task, &r.task_type).await?;
    if let Some(note) = Note::of_user(&document, oid) {
        if !note.settled {
            settle(store, &decode_task(document), &note).await?;
        }
        return Err(already_answered(&r.task));
    }
    let counted = document
        .get_array("usersProcessed")
        .is_ok_and(|users| users.iter().any(|u| u.as_object_id() == Some(oid)));
    if !counted {
        return Err(no_free_slot(&r.task));
    }
    // Counted without a note: a call of a version that kept none stopped before it stored
    // the document. Its counters cannot be told apart any more; the answer can be stored.
    let stored = store
        .coll("reports")
        .find_one(doc! { "createdBy": oid, "task": r.task.as_str() })
        .await
        .map_err(mongo_err)?;
    if stored.is_none() {
        let note = Note {
            user: oid,
            answer: ObjectId::parse_str(&r.answer_id)
                .map_err(|e| Error::store("answer id is not an ObjectId", e))?,
            old_count: 0,
            closes: false,
            at: bson_time(r.now),
            result: result_bson(r)?,
            follow_up: false,
            earns: false,
            counted: true,
            settled: false,
        };
        let task = decode_task(document);
        insert_answer(store, &task, &note).await?;
        end_session(store, &task, &note).await?;
    }
    Err(already_answered(&r.task))
}

/// The writes that follow the task's count, each safe to repeat: the answer document (its id
/// is unique), the work session (found by the answer), the user's `processed`, the
/// leaderboard row and the batch's counters (each moved with the answer's id, see `COUNTED`).
/// Then the note goes — or, when the answer is still to be paid, is marked settled.
async fn settle(store: &MongoStore, task: &Task, note: &Note) -> Result<Option<Batch>> {
    insert_answer(store, task, note).await?;
    end_session(store, task, note).await?;
    count_processed(store, note).await?;
    count_answer_once(store, &task.task_type, note).await?;
    let closed_batch = match &task.batch {
        Some(batch) if note.counted => count_in_batch(store, batch, note).await?,
        _ => None,
    };
    let update = if note.follow_up {
        note_settled(note.user)
    } else {
        without_note(note.user)
    };
    store
        .coll("tasks")
        .update_one(
            // Only while the note is there: a twin or the sweep may have removed it.
            doc! { "_id": task.id.as_str(), format!("{PENDING}.user"): note.user },
            update,
        )
        .await
        .map_err(mongo_err)?;
    Ok(closed_batch)
}

/// The task's notes without the user's; the field goes with its last note, so that a task
/// has its old shape again.
fn without_note(user: ObjectId) -> Vec<Document> {
    let remaining = doc! { "$filter": {
        "input": { "$ifNull": [format!("${PENDING}"), []] },
        "cond": { "$ne": ["$$this.user", user] },
    } };
    vec![doc! { "$set": { PENDING: { "$cond": [
        { "$eq": [{ "$size": remaining.clone() }, 0] },
        "$$REMOVE",
        remaining,
    ] } } }]
}

/// The user's note marked settled, without the result: the answer document holds it now.
fn note_settled(user: ObjectId) -> Vec<Document> {
    let settled = doc! {
        "user": "$$this.user",
        "answer": "$$this.answer",
        "old": "$$this.old",
        "closes": "$$this.closes",
        "at": "$$this.at",
        "pays": "$$this.pays",
        "earns": "$$this.earns",
        "counted": "$$this.counted",
        "settled": true,
    };
    vec![doc! { "$set": { PENDING: { "$map": {
        "input": { "$ifNull": [format!("${PENDING}"), []] },
        "in": { "$cond": [{ "$eq": ["$$this.user", user] }, settled, "$$this"] },
    } } } }]
}

/// A batch is not deleted while an answer to one of its tasks is half-stored: its report may
/// not exist yet, and its counters may be half-moved. The retry or the sweep settles it
/// within a minute or two.
pub(super) async fn refuse_while_settling(store: &MongoStore, batch: &str) -> Result<()> {
    let settling = store
        .coll("tasks")
        .find_one(doc! {
            "batch": batch,
            PENDING: { "$elemMatch": {
                "at": { "$gte": bson::DateTime::from_millis(0) },
                "settled": { "$ne": true },
            } },
        })
        .projection(doc! { "_id": 1 })
        .await
        .map_err(mongo_err)?;
    match settling {
        Some(_) => Err(Error::conflict(format!(
            "batch `{batch}` has answers still being stored; try again in two minutes"
        ))),
        None => Ok(()),
    }
}

/// Stores the answer document under the noted id. A duplicate means a twin request or the
/// stopped call stored it first; the answer exists once either way.
async fn insert_answer(store: &MongoStore, task: &Task, note: &Note) -> Result<()> {
    let document = doc! {
        "_id": note.answer,
        "task": task.id.as_str(),
        "createdBy": note.user,
        "createdAt": note.at,
        "taskType": &task.task_type,
        "result": note.result.clone(),
    };
    match store.coll("reports").insert_one(document).await {
        Ok(_) => Ok(()),
        Err(e) if is_duplicate_key(&e) => Ok(()),
        Err(e) => Err(mongo_err(e)),
    }
}

/// Ends the most recent open session of (user, task) with the answer; an answer given without
/// a hand-out gets a session that starts and ends with it — unless a session already ended
/// with this answer (a retry).
async fn end_session(store: &MongoStore, task: &Task, note: &Note) -> Result<()> {
    let sessions = store.coll("work_sessions");
    let ended = sessions
        .find_one_and_update(
            doc! { "user": note.user, "task": task.id.as_str(), "end_time": Bson::Null },
            doc! { "$set": { "end_time": note.at, "answer": note.answer } },
        )
        .sort(doc! { "start_time": -1 })
        .await
        .map_err(mongo_err)?;
    if ended.is_none() {
        sessions
            .update_one(
                doc! { "user": note.user, "task": task.id.as_str(), "answer": note.answer },
                doc! { "$setOnInsert": {
                    "_cls": "WorkSession",
                    "taskType": &task.task_type,
                    "start_time": note.at,
                    "end_time": note.at,
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
async fn count_processed(store: &MongoStore, note: &Note) -> Result<()> {
    store
        .coll("user")
        .update_one(
            doc! { "_id": note.user, COUNTED: { "$ne": note.answer } },
            doc! {
                "$inc": { "processed": 1_i64 },
                "$push": note_counted(note.answer, COUNTED_BY_USER),
            },
        )
        .await
        .map_err(mongo_err)?;
    Ok(())
}

/// The leaderboard row, moved once per answer: the first answer of a type creates it.
async fn count_answer_once(store: &MongoStore, task_type: &str, note: &Note) -> Result<()> {
    let counts = store.coll(ANSWER_COUNTS);
    let key = doc! { "taskType": task_type, "user": note.user };
    let count_it = async || {
        counts
            .update_one(
                doc! { "_id": key.clone(), COUNTED: { "$ne": note.answer } },
                doc! {
                    "$inc": { "answers": 1_i64 },
                    "$push": note_counted(note.answer, COUNTED_BY_USER),
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
        "user": note.user,
        "answers": 1_i64,
        COUNTED: [note.answer],
    };
    match counts.insert_one(first).await {
        Ok(_) => Ok(()),
        // The row exists: it counted this answer already, or another answer of the user
        // created it a moment ago — then this one still needs counting.
        Err(e) if is_duplicate_key(&e) => count_it().await.map(|_| ()),
        Err(e) => Err(mongo_err(e)),
    }
}

/// The leaderboard counter moved by a number of answers at once (a purge takes them out).
pub(super) async fn count_answers(
    store: &MongoStore,
    task_type: &str,
    user: ObjectId,
    by: i64,
) -> Result<()> {
    store
        .coll(ANSWER_COUNTS)
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
async fn count_in_batch(store: &MongoStore, batch: &str, note: &Note) -> Result<Option<Batch>> {
    let batches = store.coll("batches");
    let old = note.old_count;
    let counted = batches
        .find_one_and_update(
            doc! { "_id": batch, COUNTED: { "$ne": note.answer } },
            doc! {
                "$inc": {
                    "answersCount": 1_i64,
                    format!("{HISTOGRAM}.{old}"): -1_i64,
                    format!("{HISTOGRAM}.{}", old + 1): 1_i64,
                    "tasksProcessed": i64::from(note.closes),
                },
                "$push": note_counted(note.answer, COUNTED_BY_BATCH),
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
    let done = note.closes
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

fn unpaid(task: &Document, note: &Note) -> UnpaidAnswer {
    UnpaidAnswer {
        answer_id: note.answer.to_hex(),
        user: UserId::from_stored(note.user.to_hex()),
        task: TaskId::from_stored(task.get_str("_id").unwrap_or_default().to_string()),
        task_type: task.get_str("taskType").unwrap_or_default().to_string(),
        batch: task.get_str("batch").ok().map(str::to_string),
        pays: note.earns,
    }
}

pub(super) async fn unpaid_answer(
    store: &MongoStore,
    user: &UserId,
    task: &TaskId,
) -> Result<Option<UnpaidAnswer>> {
    let oid = user_oid(user)?;
    let document = store
        .coll("tasks")
        .find_one(doc! { "_id": task.as_str(), format!("{PENDING}.user"): oid })
        .await
        .map_err(mongo_err)?;
    Ok(document.and_then(|d| {
        Note::of_user(&d, oid)
            .filter(|n| n.follow_up && n.settled)
            .map(|n| unpaid(&d, &n))
    }))
}

pub(super) async fn answer_paid(store: &MongoStore, user: &UserId, task: &TaskId) -> Result<()> {
    let oid = user_oid(user)?;
    store
        .coll("tasks")
        .update_one(
            doc! { "_id": task.as_str(), format!("{PENDING}.user"): oid },
            without_note(oid),
        )
        .await
        .map_err(mongo_err)?;
    Ok(())
}

/// Settles every note older than `before` (a call that stopped, and no retry came) and
/// lists those still to be paid; a note that cannot be settled is reported and left for the
/// next sweep.
pub(super) async fn interrupted_answers(
    store: &MongoStore,
    before: DateTime<Utc>,
) -> Result<Interrupted> {
    // Settled only by a store that may write (not an original one), and not while a backup
    // pauses the writers: the next sweep settles them.
    let Ok(_write) = store.writable().await else {
        return Ok(Interrupted::default());
    };
    let before = bson_time(before);
    let cursor = store
        .coll("tasks")
        .find(doc! { format!("{PENDING}.at"): { "$lt": before } })
        .await
        .map_err(mongo_err)?;
    let tasks = store.collect(cursor, Ok).await?;
    let mut found = Interrupted::default();
    for document in tasks {
        let task = decode_task(document.clone());
        for note in Note::all(&document) {
            if note.at >= before {
                continue;
            }
            if !note.settled {
                if let Err(e) = settle(store, &task, &note).await {
                    found.failed.push(e);
                    continue;
                }
                found.settled += 1;
            }
            if note.follow_up {
                found.to_pay.push(unpaid(&document, &note));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    async fn store() -> MongoStore {
        crate::store::mongo::test_store("vulyk_answers").await
    }

    fn answer(user: &UserId, by: &str) -> AnswerRequest {
        AnswerRequest {
            counted: true,
            answer_id: crate::domain::new_object_id(),
            user: user.clone(),
            task: TaskId::from_stored("t1".to_string()),
            task_type: "tagging_task".into(),
            result_json: format!("{{\"by\":\"{by}\"}}"),
            redundancy: 3,
            close: false,
            follow_up: false,
            pays: false,
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
    #[ignore = "needs the MongoDB test server"]
    async fn twin_answers_of_one_user_are_accepted_once() {
        let store = store().await;
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
    #[ignore = "needs the MongoDB test server"]
    async fn an_interrupted_answer_is_stored_by_the_next_attempt_which_is_refused() {
        let store = store().await;
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

    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn a_retry_stores_the_noted_answer_and_text_is_never_read_as_a_path() {
        let store = store().await;
        let user = UserId::generate();
        let oid = user_oid(&user).unwrap();
        // A call counted its answer and stopped: the note holds what the volunteer sent.
        let noted = ObjectId::new();
        let sent = doc! { "by": "first", "price": "$usersCount" };
        store
            .coll("tasks")
            .insert_one(doc! {
                "_id": "t1", "taskType": "tagging_task",
                "usersCount": 1_i64, "usersProcessed": [oid],
                PENDING: [{
                    "user": oid, "answer": noted, "old": 0_i64, "closes": false,
                    "at": bson::DateTime::now(), "result": sent.clone(), "pays": false,
                }],
            })
            .await
            .unwrap();
        let retry = record_answer(&store, &answer(&user, "second")).await;
        assert!(matches!(retry, Err(Error::Conflict(_))), "{retry:?}");
        let stored = store
            .coll("reports")
            .find_one(doc! { "_id": noted })
            .await
            .unwrap()
            .expect("the noted answer is stored");
        assert_eq!(stored.get_document("result").unwrap(), &sent);
        assert_eq!(reports_of(&store, oid).await, 1);
        let task = store
            .coll("tasks")
            .find_one(doc! { "_id": "t1" })
            .await
            .unwrap()
            .unwrap();
        assert!(
            !task.contains_key(PENDING),
            "settled, the note goes: {task:?}"
        );

        // An answer whose text looks like a field path is stored as sent.
        store
            .coll("tasks")
            .insert_one(doc! { "_id": "t2", "taskType": "tagging_task", "usersCount": 0_i64 })
            .await
            .unwrap();
        let mut request = answer(&user, "x");
        request.task = TaskId::from_stored("t2".to_string());
        request.result_json = r#"{"price":"$usersCount","n":{"$literal":1}}"#.into();
        record_answer(&store, &request).await.unwrap();
        let stored = store
            .coll("reports")
            .find_one(doc! { "task": "t2" })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            stored.get_document("result").unwrap(),
            &doc! { "price": "$usersCount", "n": { "$literal": 1_i64 } }
        );
    }

    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn a_volunteer_or_batch_with_an_answer_still_to_store_is_not_deleted() {
        use crate::store::{BatchStore, UserStore};
        let store = store().await;
        let user = UserId::generate();
        let oid = user_oid(&user).unwrap();
        store
            .coll("user")
            .insert_one(doc! { "_id": oid, "username": "noted", "email": "noted@example.org" })
            .await
            .unwrap();
        store
            .coll("tasks")
            .insert_one(doc! {
                "_id": "t1", "taskType": "tagging_task",
                "usersCount": 1_i64, "usersProcessed": [oid],
                PENDING: [{
                    "user": oid, "answer": ObjectId::new(), "old": 0_i64, "closes": false,
                    "at": bson::DateTime::now(), "result": { "by": "noted" }, "pays": false,
                }],
            })
            .await
            .unwrap();
        let refused = store.delete_user(&user).await;
        assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");
        store
            .coll("tasks")
            .update_one(doc! { "_id": "t1" }, doc! { "$set": { "batch": "b" } })
            .await
            .unwrap();
        store
            .coll("batches")
            .insert_one(doc! { "_id": "b", "taskType": "tagging_task", "tasksCount": 1_i64 })
            .await
            .unwrap();
        let refused = store.delete_batch("b", true).await;
        assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");
        interrupted_answers(&store, chrono::Utc::now() + chrono::Duration::minutes(1))
            .await
            .unwrap();
        assert_eq!(reports_of(&store, oid).await, 1, "the sweep stored it");
    }
}
