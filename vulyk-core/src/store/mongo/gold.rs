//! Gold tasks in MongoDB: `vulyk_gold_tasks` (the task and its expected answer as JSON text),
//! `vulyk_gold_answers` (unique by volunteer and gold task: what keeps a volunteer from
//! answering one twice) and `vulyk_gold_leases` (one hand-out per volunteer and type, keyed so
//! that an upsert replaces it).

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mongodb::bson::{Bson, Document, doc, oid::ObjectId};

use super::MongoStore;
use super::support::{
    ANSWER_COUNTS, bson_time, chrono_time, count, is_duplicate_key, mongo_err, text, user_oid,
};
use crate::domain::{GoldAnswer, GoldScore, GoldTask, Task, TaskId, UserId};
use crate::store::gold::{gold_not_handed_out, plan_put, second_gold_answer};
use crate::store::work::{check_activity, no_session};
use crate::store::{ClaimRequest, GoldDraw, GoldPut, GoldStore, found};
use crate::{Error, Result};

pub(super) const GOLD_TASKS: &str = "vulyk_gold_tasks";
pub(super) const GOLD_ANSWERS: &str = "vulyk_gold_answers";
pub(super) const GOLD_LEASES: &str = "vulyk_gold_leases";

#[async_trait]
impl GoldStore for MongoStore {
    async fn put_gold(&self, tasks: &[GoldTask]) -> Result<(GoldPut, Vec<TaskId>)> {
        let _write = self.writable().await?;
        put(self, tasks).await
    }

    async fn gold_tasks(&self, task_type: &str, batch: Option<&str>) -> Result<Vec<GoldTask>> {
        let mut filter = doc! { "taskType": task_type };
        if let Some(batch) = batch {
            filter.insert("batch", batch);
        }
        let cursor = self
            .coll(GOLD_TASKS)
            .find(filter)
            .sort(doc! { "batch": 1, "_id": 1 })
            .await
            .map_err(mongo_err)?;
        self.collect(cursor, |d| Ok(decode(&d))).await
    }

    async fn gold_task(&self, id: &TaskId) -> Result<Option<GoldTask>> {
        let found = self
            .coll(GOLD_TASKS)
            .find_one(doc! { "_id": id.as_str() })
            .await
            .map_err(mongo_err)?;
        Ok(found.as_ref().map(decode))
    }

    async fn delete_gold(
        &self,
        task_type: &str,
        ids: &[TaskId],
        batch: Option<&str>,
    ) -> Result<u64> {
        let _write = self.writable().await?;
        delete(self, task_type, ids, batch).await
    }

    async fn record_gold_answer(&self, answer: &GoldAnswer) -> Result<()> {
        let _write = self.writable().await?;
        record(self, answer).await
    }

    async fn release_gold(&self, user: &UserId, task_type: &str, id: &TaskId) -> Result<()> {
        let _write = self.writable().await?;
        let lease = doc! { "_id": lease_key(user_oid(user)?, task_type), "gold": id.as_str() };
        let released = self
            .coll(GOLD_LEASES)
            .delete_one(lease)
            .await
            .map_err(mongo_err)?;
        found(released.deleted_count > 0, gold_not_handed_out(id))
    }

    async fn gold_answers(&self, task_type: &str) -> Result<Vec<GoldAnswer>> {
        answers(self, task_type).await
    }

    async fn add_gold_activity(
        &self,
        user: &UserId,
        task_type: &str,
        id: &TaskId,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let _write = self.writable().await?;
        add_activity(self, user, task_type, id, seconds, now).await
    }

    async fn judge_gold_answer(&self, answer: &GoldAnswer) -> Result<()> {
        let _write = self.writable().await?;
        let given = doc! {
            "taskType": &answer.task_type,
            "user": user_oid(&answer.user)?,
            "gold": answer.gold.as_str(),
        };
        let judged = doc! { "$set": {
            "judged": answer.judged as i64,
            "correct": answer.correct as i64,
        } };
        self.coll(GOLD_ANSWERS)
            .update_one(given, judged)
            .await
            .map_err(mongo_err)?;
        Ok(())
    }

    async fn gold_score(&self, user: &UserId, task_type: &str) -> Result<GoldScore> {
        let live = live_gold_ids(self, task_type).await?;
        let filter = doc! {
            "taskType": task_type,
            "user": user_oid(user)?,
            "gold": { "$in": live },
        };
        let cursor = self
            .coll(GOLD_ANSWERS)
            .find(filter)
            .projection(doc! { "judged": 1, "correct": 1 })
            .await
            .map_err(mongo_err)?;
        let scores = self
            .collect(cursor, |d| Ok((count(&d, "judged"), count(&d, "correct"))))
            .await?;
        Ok(GoldScore {
            answers: scores.len() as u64,
            judged: scores.iter().map(|s| s.0).sum(),
            correct: scores.iter().map(|s| s.1).sum(),
        })
    }
}

/// The ids of the type's gold tasks that exist: answers to others (a delete that stopped
/// half-way, or raced an answer) count for nothing. A type has a handful to a few thousand.
async fn live_gold_ids(store: &MongoStore, task_type: &str) -> Result<Vec<Bson>> {
    let cursor = store
        .coll(GOLD_TASKS)
        .find(doc! { "taskType": task_type })
        .projection(doc! { "_id": 1 })
        .await
        .map_err(mongo_err)?;
    store
        .collect(cursor, |d| Ok(Bson::from(text(&d, "_id"))))
        .await
}

fn lease_key(user: ObjectId, task_type: &str) -> Document {
    doc! { "user": user, "taskType": task_type }
}

fn decode(d: &Document) -> GoldTask {
    GoldTask {
        id: TaskId::from_stored(text(d, "_id")),
        task_type: text(d, "taskType"),
        batch: text(d, "batch"),
        data_json: text(d, "data"),
        answer_json: text(d, "answer"),
        created_at: d
            .get_datetime("createdAt")
            .map(|t| chrono_time(*t))
            .unwrap_or_default(),
    }
}

async fn put(store: &MongoStore, tasks: &[GoldTask]) -> Result<(GoldPut, Vec<TaskId>)> {
    let coll = store.coll(GOLD_TASKS);
    let ids: Vec<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    let cursor = coll
        .find(doc! { "_id": { "$in": ids } })
        .await
        .map_err(mongo_err)?;
    let stored: HashMap<String, GoldTask> = store
        .collect(cursor, |d| Ok(decode(&d)))
        .await?
        .into_iter()
        .map(|g| (g.id.as_str().to_string(), g))
        .collect();
    // Every conflict is found before anything is written.
    let plan = plan_put(&stored, tasks)?;
    for task in &plan.insert {
        let document = doc! {
            "_id": task.id.as_str(),
            "taskType": &task.task_type,
            "batch": &task.batch,
            "data": &task.data_json,
            "answer": &task.answer_json,
            "createdAt": bson_time(task.created_at),
        };
        match coll.insert_one(document).await {
            // Inserted by another load a moment ago: the same line, the same task.
            Ok(_) => {}
            Err(e) if is_duplicate_key(&e) => {}
            Err(e) => return Err(mongo_err(e)),
        }
    }
    for task in &plan.update {
        coll.update_one(
            doc! { "_id": task.id.as_str(), "taskType": &task.task_type },
            doc! { "$set": { "batch": &task.batch, "answer": &task.answer_json } },
        )
        .await
        .map_err(mongo_err)?;
    }
    Ok(plan.outcome())
}

async fn delete(
    store: &MongoStore,
    task_type: &str,
    ids: &[TaskId],
    batch: Option<&str>,
) -> Result<u64> {
    let mut chosen: Vec<Bson> = ids.iter().map(|id| Bson::from(id.as_str())).collect();
    if let Some(batch) = batch {
        let cursor = store
            .coll(GOLD_TASKS)
            .find(doc! { "taskType": task_type, "batch": batch })
            .projection(doc! { "_id": 1 })
            .await
            .map_err(mongo_err)?;
        chosen.extend(
            store
                .collect(cursor, |d| Ok(Bson::from(text(&d, "_id"))))
                .await?,
        );
    }
    // Answers and hand-outs first, of this type only: a stop in between leaves tasks that the
    // same command run again deletes (an answer that races in after them counts for nothing,
    // as answers count only while their task exists).
    for collection in [GOLD_ANSWERS, GOLD_LEASES] {
        store
            .coll(collection)
            .delete_many(doc! { "gold": { "$in": &chosen }, "taskType": task_type })
            .await
            .map_err(mongo_err)?;
    }
    let deleted = store
        .coll(GOLD_TASKS)
        .delete_many(doc! { "_id": { "$in": &chosen }, "taskType": task_type })
        .await
        .map_err(mongo_err)?;
    Ok(deleted.deleted_count)
}

async fn record(store: &MongoStore, answer: &GoldAnswer) -> Result<()> {
    let user = user_oid(&answer.user)?;
    let given = doc! { "taskType": &answer.task_type, "user": user, "gold": answer.gold.as_str() };
    let answered = store
        .coll(GOLD_ANSWERS)
        .find_one(given)
        .await
        .map_err(mongo_err)?;
    if answered.is_some() {
        return Err(second_gold_answer(&answer.gold));
    }
    let lease = doc! { "_id": lease_key(user, &answer.task_type), "gold": answer.gold.as_str() };
    let held = store
        .coll(GOLD_LEASES)
        .find_one(lease.clone())
        .await
        .map_err(mongo_err)?;
    if held.is_none() {
        return Err(gold_not_handed_out(&answer.gold));
    }
    let document = doc! {
        "user": user,
        "gold": answer.gold.as_str(),
        "taskType": &answer.task_type,
        "result": &answer.result_json,
        "judged": answer.judged as i64,
        "correct": answer.correct as i64,
        "createdAt": bson_time(answer.created_at),
    };
    match store.coll(GOLD_ANSWERS).insert_one(document).await {
        Ok(_) => {}
        Err(e) if is_duplicate_key(&e) => return Err(second_gold_answer(&answer.gold)),
        Err(e) => return Err(mongo_err(e)),
    }
    // The answer is stored; a stop before this leaves a hand-out that expires, and the task
    // is not handed out again to this volunteer, who has answered it.
    store
        .coll(GOLD_LEASES)
        .delete_one(lease)
        .await
        .map_err(mongo_err)?;
    Ok(())
}

async fn answers(store: &MongoStore, task_type: &str) -> Result<Vec<GoldAnswer>> {
    let cursor = store
        .coll(GOLD_ANSWERS)
        .find(doc! { "taskType": task_type, "gold": { "$in": live_gold_ids(store, task_type).await? } })
        .sort(doc! { "createdAt": 1, "user": 1 })
        .await
        .map_err(mongo_err)?;
    let mut answers = store
        .collect(cursor, |d| {
            let user = d
                .get_object_id("user")
                .map_err(|e| Error::store("MongoDB", e))?;
            Ok((user, d))
        })
        .await?;
    let mut users: Vec<ObjectId> = answers.iter().map(|(user, _)| *user).collect();
    users.sort();
    users.dedup();
    let cursor = store
        .coll("user")
        .find(doc! { "_id": { "$in": &users } })
        .projection(doc! { "username": 1 })
        .await
        .map_err(mongo_err)?;
    let names: std::collections::HashMap<ObjectId, String> = store
        .collect(cursor, |d| {
            let id = d
                .get_object_id("_id")
                .map_err(|e| Error::store("MongoDB", e))?;
            Ok((id, text(&d, "username")))
        })
        .await?
        .into_iter()
        .collect();
    Ok(answers
        .drain(..)
        .map(|(user, d)| GoldAnswer {
            user: UserId::from_stored(user.to_hex()),
            username: names.get(&user).cloned().unwrap_or_default(),
            gold: TaskId::from_stored(text(&d, "gold")),
            task_type: text(&d, "taskType"),
            result_json: text(&d, "result"),
            judged: count(&d, "judged"),
            correct: count(&d, "correct"),
            created_at: d
                .get_datetime("createdAt")
                .map(|t| chrono_time(*t))
                .unwrap_or_default(),
        })
        .collect())
}

/// The user's live hand-out of a gold task of the type, renewed — unless they answered it
/// (a call that stopped between storing the answer and ending the hand-out): that hand-out
/// ends now, or the volunteer would be handed a task they can no longer answer.
pub(super) async fn renew(
    store: &MongoStore,
    r: &ClaimRequest,
    user: ObjectId,
) -> Result<Option<Task>> {
    let key = lease_key(user, &r.task_type);
    let renewed = store
        .coll(GOLD_LEASES)
        .find_one_and_update(
            doc! { "_id": key.clone(), "until": { "$gt": bson_time(r.now) } },
            doc! { "$set": { "until": bson_time(r.lease_until) } },
        )
        .await
        .map_err(mongo_err)?;
    let Some(lease) = renewed else {
        return Ok(None);
    };
    let gold = text(&lease, "gold");
    let answered = store
        .coll(GOLD_ANSWERS)
        .find_one(doc! { "taskType": &r.task_type, "user": user, "gold": &gold })
        .projection(doc! { "_id": 1 })
        .await
        .map_err(mongo_err)?;
    if answered.is_some() {
        store
            .coll(GOLD_LEASES)
            .delete_one(doc! { "_id": key, "gold": &gold })
            .await
            .map_err(mongo_err)?;
        return Ok(None);
    }
    as_task(store, &gold).await
}

/// If the draw wins for the user's answers of the type so far, a gold task they have not
/// answered, from a random id on, handed out to them.
pub(super) async fn draw(
    store: &MongoStore,
    r: &ClaimRequest,
    user: ObjectId,
    draw: &GoldDraw,
) -> Result<Option<Task>> {
    let counted = store
        .coll(ANSWER_COUNTS)
        .find_one(doc! { "_id": { "taskType": &r.task_type, "user": user } })
        .projection(doc! { "answers": 1 })
        .await
        .map_err(mongo_err)?;
    if !draw.wins(counted.map_or(0, |d| count(&d, "answers"))) {
        return Ok(None);
    }
    let cursor = store
        .coll(GOLD_ANSWERS)
        .find(doc! { "taskType": &r.task_type, "user": user })
        .projection(doc! { "gold": 1 })
        .await
        .map_err(mongo_err)?;
    let answered: Vec<Bson> = store
        .collect(cursor, |d| Ok(Bson::from(text(&d, "gold"))))
        .await?;
    let start = format!("{:016x}0000", r.start);
    for range in [
        doc! { "$gte": &start, "$nin": &answered },
        doc! { "$lt": &start, "$nin": &answered },
    ] {
        let found = store
            .coll(GOLD_TASKS)
            .find_one(doc! { "taskType": &r.task_type, "_id": range })
            .sort(doc! { "_id": 1 })
            .await
            .map_err(mongo_err)?;
        let Some(gold) = found.as_ref().map(decode) else {
            continue;
        };
        return hand_out(store, r, user, gold).await.map(Some);
    }
    Ok(None)
}

/// Leases `gold` to the user — unless another of their hand-outs, racing this one, leased
/// them a gold task a moment ago: then that one, so that the task a volunteer is shown is
/// always the one their answer is taken for.
async fn hand_out(
    store: &MongoStore,
    r: &ClaimRequest,
    user: ObjectId,
    gold: GoldTask,
) -> Result<Task> {
    let key = lease_key(user, &r.task_type);
    let lease = doc! { "$set": {
        "gold": gold.id.as_str(),
        "taskType": &r.task_type,
        "until": bson_time(r.lease_until),
        "handedAt": bson_time(r.now),
        "activity": 0_i64,
    } };
    let free = doc! { "_id": key.clone(), "until": { "$lte": bson_time(r.now) } };
    match store
        .coll(GOLD_LEASES)
        .update_one(free, lease)
        .upsert(true)
        .await
    {
        Ok(_) => as_task_of(gold),
        Err(e) if is_duplicate_key(&e) => match renew(store, r, user).await? {
            Some(task) => Ok(task),
            None => Err(Error::conflict(
                "another hand-out of yours is under way; ask again",
            )),
        },
        Err(e) => Err(mongo_err(e)),
    }
}

async fn add_activity(
    store: &MongoStore,
    user: &UserId,
    task_type: &str,
    id: &TaskId,
    seconds: u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    let lease = doc! { "_id": lease_key(user_oid(user)?, task_type), "gold": id.as_str() };
    let leases = store.coll(GOLD_LEASES);
    // Read, check the bound, write if nothing moved in between; a racing report wins the
    // next round.
    for _ in 0..3 {
        let Some(held) = leases.find_one(lease.clone()).await.map_err(mongo_err)? else {
            return Err(no_session(user, id));
        };
        let handed = held
            .get_datetime("handedAt")
            .map(|t| chrono_time(*t))
            .unwrap_or(now);
        let before = count(&held, "activity");
        let total = check_activity(handed, before, seconds, now)?;
        let mut unchanged = lease.clone();
        unchanged.insert("activity", before as i64);
        let moved = leases
            .update_one(unchanged, doc! { "$set": { "activity": total as i64 } })
            .await
            .map_err(mongo_err)?;
        if moved.matched_count == 1 {
            return Ok(total);
        }
    }
    Err(Error::conflict(
        "activity is being reported by another request; try again",
    ))
}

async fn as_task(store: &MongoStore, id: &str) -> Result<Option<Task>> {
    let found = store
        .coll(GOLD_TASKS)
        .find_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?;
    found.as_ref().map(decode).map(as_task_of).transpose()
}

/// A gold task as the volunteer sees it: like any open task.
fn as_task_of(gold: GoldTask) -> Result<Task> {
    let data = serde_json::from_str(&gold.data_json)
        .map_err(|e| Error::store("MongoDB: a gold task's data", e))?;
    Ok(Task {
        id: gold.id,
        task_type: gold.task_type,
        batch: None,
        users_count: 0,
        closed: false,
        data,
    })
}
