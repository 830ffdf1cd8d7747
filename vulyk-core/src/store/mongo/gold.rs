//! Gold tasks in MongoDB: `vulyk_gold_tasks` (the task and its expected answer as JSON text),
//! `vulyk_gold_answers` (unique by volunteer and gold task: what keeps a volunteer from
//! answering one twice) and `vulyk_gold_leases` (one hand-out per volunteer and type, keyed so
//! that an upsert replaces it).

use async_trait::async_trait;
use mongodb::bson::{Bson, Document, doc, oid::ObjectId};

use super::MongoStore;
use super::support::{
    ANSWER_COUNTS, bson_time, chrono_time, count, is_duplicate_key, mongo_err, text, user_oid,
};
use crate::domain::{GoldAnswer, GoldScore, GoldTask, Task, TaskId, UserId};
use crate::store::gold::{gold_not_handed_out, second_gold_answer};
use crate::store::{ClaimRequest, GoldDraw, GoldPut, GoldStore, found};
use crate::{Error, Result};

pub(super) const GOLD_TASKS: &str = "vulyk_gold_tasks";
pub(super) const GOLD_ANSWERS: &str = "vulyk_gold_answers";
pub(super) const GOLD_LEASES: &str = "vulyk_gold_leases";

#[async_trait]
impl GoldStore for MongoStore {
    async fn put_gold(&self, tasks: &[GoldTask]) -> Result<GoldPut> {
        self.writable()?;
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
        self.writable()?;
        delete(self, task_type, ids, batch).await
    }

    async fn holds_gold(&self, user: &UserId, task_type: &str, id: &TaskId) -> Result<bool> {
        let lease = doc! { "_id": lease_key(user_oid(user)?, task_type), "gold": id.as_str() };
        let held = self
            .coll(GOLD_LEASES)
            .find_one(lease)
            .await
            .map_err(mongo_err)?;
        Ok(held.is_some())
    }

    async fn record_gold_answer(&self, answer: &GoldAnswer) -> Result<()> {
        self.writable()?;
        record(self, answer).await
    }

    async fn release_gold(&self, user: &UserId, task_type: &str, id: &TaskId) -> Result<()> {
        self.writable()?;
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

    async fn gold_score(&self, user: &UserId, task_type: &str) -> Result<GoldScore> {
        let filter = doc! { "taskType": task_type, "user": user_oid(user)? };
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

async fn put(store: &MongoStore, tasks: &[GoldTask]) -> Result<GoldPut> {
    let coll = store.coll(GOLD_TASKS);
    let mut put = GoldPut::default();
    for task in tasks {
        let stored = coll
            .find_one(doc! { "_id": task.id.as_str() })
            .await
            .map_err(mongo_err)?;
        match stored.as_ref().map(decode) {
            None => {
                let document = doc! {
                    "_id": task.id.as_str(),
                    "taskType": &task.task_type,
                    "batch": &task.batch,
                    "data": &task.data_json,
                    "answer": &task.answer_json,
                    "createdAt": bson_time(task.created_at),
                };
                match coll.insert_one(document).await {
                    Ok(_) => put.added += 1,
                    // Loaded by another process a moment ago: the same line, the same task.
                    Err(e) if is_duplicate_key(&e) => put.unchanged += 1,
                    Err(e) => return Err(mongo_err(e)),
                }
            }
            Some(old) if old.task_type != task.task_type => {
                return Err(Error::conflict(format!(
                    "gold task {} is stored for type {}, not {}",
                    task.id, old.task_type, task.task_type
                )));
            }
            Some(old) if old.batch == task.batch && old.answer_json == task.answer_json => {
                put.unchanged += 1;
            }
            Some(_) => {
                coll.update_one(
                    doc! { "_id": task.id.as_str() },
                    doc! { "$set": { "batch": &task.batch, "answer": &task.answer_json } },
                )
                .await
                .map_err(mongo_err)?;
                put.replaced += 1;
            }
        }
    }
    Ok(put)
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
    let filter = doc! { "_id": { "$in": &chosen }, "taskType": task_type };
    let deleted = store
        .coll(GOLD_TASKS)
        .delete_many(filter)
        .await
        .map_err(mongo_err)?;
    // Answers and hand-outs after the tasks: a stop in between leaves only rows that name no
    // task, which no read joins to anything, and the same command run again removes them.
    for (collection, key) in [(GOLD_ANSWERS, "gold"), (GOLD_LEASES, "gold")] {
        store
            .coll(collection)
            .delete_many(doc! { key: { "$in": &chosen } })
            .await
            .map_err(mongo_err)?;
    }
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
        .find(doc! { "taskType": task_type })
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

/// The gold part of a hand-out (see the SQLite twin): the user's live hand-out renewed, else,
/// if the draw wins, a gold task they have not answered, from a random id on.
pub(super) async fn claim(
    store: &MongoStore,
    r: &ClaimRequest,
    user: ObjectId,
    draw: &GoldDraw,
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
    if let Some(lease) = renewed
        && let Some(task) = as_task(store, &text(&lease, "gold")).await?
    {
        return Ok(Some(task));
    }
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
        let lease =
            doc! { "$set": { "gold": gold.id.as_str(), "until": bson_time(r.lease_until) } };
        let leases = store.coll(GOLD_LEASES);
        match leases
            .update_one(doc! { "_id": key.clone() }, lease.clone())
            .upsert(true)
            .await
        {
            Ok(_) => {}
            // The same volunteer's other hand-out inserted the row a moment ago: replace it.
            Err(e) if is_duplicate_key(&e) => {
                leases
                    .update_one(doc! { "_id": key }, lease)
                    .await
                    .map_err(mongo_err)?;
            }
            Err(e) => return Err(mongo_err(e)),
        }
        return as_task_of(gold).map(Some);
    }
    Ok(None)
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
