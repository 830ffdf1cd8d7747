//! Batches (`batches`) and tasks (`tasks`), and loading into them.
//!
//! Without multi-document transactions a chunk's insert and the batch's count change are two
//! writes; a load that resumes a killed one (and every abort) sets the count from the tasks
//! themselves, so it is exact whenever no load is running.

use mongodb::bson::{Bson, Document, doc};
use mongodb::options::ReturnDocument;
use serde_json::Value;

use super::accounts::count;
use super::{MongoStore, is_duplicate_key, mongo_err};
use crate::domain::{Batch, BatchMeta, NewTask, Task, TaskId, TaskTypeCounts};
use crate::store::{BatchRemoval, BatchStart, InsertOutcome, LoadPlan, LoadTicket};
use crate::{Error, Result};

/// Task ids per `$in` query when a batch's answers are counted or removed.
const ID_PAGE: usize = 10_000;

pub(super) fn json_of(bson: Bson) -> Value {
    bson.into_relaxed_extjson()
}

fn bson_of(value: &Value) -> Result<Bson> {
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

pub(super) async fn batches(store: &MongoStore, task_type: Option<&str>) -> Result<Vec<Batch>> {
    let filter = match task_type {
        Some(task_type) => doc! { "taskType": task_type },
        None => doc! {},
    };
    let cursor = store
        .coll("batches")
        .find(filter)
        .sort(doc! { "_id": 1 })
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, decode_batch).await
}

pub(super) async fn batch(store: &MongoStore, id: &str) -> Result<Option<Batch>> {
    let found = store
        .coll("batches")
        .find_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?;
    found.map(decode_batch).transpose()
}

/// Runs `each` over the ids of a batch's tasks, a page at a time, and sums what it returns.
async fn sum_over_id_pages<F, Fut>(store: &MongoStore, batch_id: &str, each: F) -> Result<u64>
where
    F: Fn(Vec<Bson>) -> Fut,
    Fut: std::future::Future<Output = Result<u64>>,
{
    let mut cursor = store
        .coll("tasks")
        .find(doc! { "batch": batch_id })
        .projection(doc! { "_id": 1 })
        .await
        .map_err(mongo_err)?;
    let mut total = 0;
    let mut page = Vec::with_capacity(ID_PAGE);
    while cursor.advance().await.map_err(mongo_err)? {
        let document = cursor.deserialize_current().map_err(mongo_err)?;
        if let Some(id) = document.get("_id") {
            page.push(id.clone());
        }
        if page.len() == ID_PAGE {
            total += each(std::mem::take(&mut page)).await?;
        }
    }
    if !page.is_empty() {
        total += each(page).await?;
    }
    Ok(total)
}

/// The next load run's number, from a counter made by the first load. Two first loads at
/// once both upsert it: one inserts, and the other may get a duplicate key (or, from some
/// servers that speak the protocol, no document) — it then increments the counter that now
/// exists.
async fn next_load_run(store: &MongoStore) -> Result<i64> {
    for _ in 0..3 {
        let counted = store
            .coll("vulyk_meta")
            .find_one_and_update(
                doc! { "_id": "load_runs" },
                doc! { "$inc": { "seq": 1_i64 } },
            )
            .upsert(true)
            .return_document(ReturnDocument::After)
            .await;
        match counted {
            Ok(Some(counter)) => return Ok(counter.get_i64("seq").unwrap_or_default()),
            Ok(None) => continue,
            Err(e) if is_duplicate_key(&e) => continue,
            Err(e) => return Err(mongo_err(e)),
        }
    }
    Err(Error::store_msg(
        "the load run counter could not be incremented",
    ))
}

/// Answers and work sessions are found through the batch's task ids (they do not name the
/// batch), a page of ids at a time.
pub(super) async fn delete_batch(
    store: &MongoStore,
    id: &str,
    purge: bool,
) -> Result<BatchRemoval> {
    if batch(store, id).await?.is_none() {
        return Err(Error::not_found("batch", id));
    }
    super::answers::refuse_while_settling(store, id).await?;
    let reports = store.coll("reports");
    let sessions = store.coll("work_sessions");
    let answers = sum_over_id_pages(store, id, |ids| {
        let reports = reports.clone();
        async move {
            reports
                .count_documents(doc! { "task": { "$in": ids } })
                .await
                .map_err(mongo_err)
        }
    })
    .await?;
    if answers > 0 && !purge {
        return Err(Error::conflict(format!(
            "batch `{id}` has {answers} answers; delete with purge to remove them as well"
        )));
    }
    let sessions = sum_over_id_pages(store, id, |ids| {
        let sessions = sessions.clone();
        async move {
            Ok(sessions
                .delete_many(doc! { "task": { "$in": ids } })
                .await
                .map_err(mongo_err)?
                .deleted_count)
        }
    })
    .await?;
    let answers = sum_over_id_pages(store, id, |ids| {
        let reports = reports.clone();
        async move {
            uncount_answers(store, &ids).await?;
            Ok(reports
                .delete_many(doc! { "task": { "$in": ids } })
                .await
                .map_err(mongo_err)?
                .deleted_count)
        }
    })
    .await?;
    let tasks = store
        .coll("tasks")
        .delete_many(doc! { "batch": id })
        .await
        .map_err(mongo_err)?
        .deleted_count;
    store
        .coll("batches")
        .delete_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?;
    Ok(BatchRemoval {
        tasks,
        answers,
        sessions,
    })
}

/// Takes the answers to these tasks out of the volunteers' counters, as if never given.
async fn uncount_answers(store: &MongoStore, task_ids: &[Bson]) -> Result<()> {
    let cursor = store
        .coll("reports")
        .aggregate([
            doc! { "$match": { "task": { "$in": task_ids } } },
            doc! { "$group": {
                "_id": { "taskType": "$taskType", "user": "$createdBy" },
                "answers": { "$sum": 1 },
            } },
        ])
        .await
        .map_err(mongo_err)?;
    for row in store.collect(cursor, Ok).await? {
        let Ok(key) = row.get_document("_id") else {
            continue;
        };
        let (Ok(task_type), Ok(user)) = (key.get_str("taskType"), key.get_object_id("user")) else {
            continue;
        };
        let answers = count(&row, "answers") as i64;
        super::answers::count_answers(store, task_type, user, -answers).await?;
        store
            .coll("user")
            .update_one(
                doc! { "_id": user },
                doc! { "$inc": { "processed": -answers } },
            )
            .await
            .map_err(mongo_err)?;
    }
    Ok(())
}

/// Summed from the batches' counters, in the server, not from a scan of all tasks.
pub(super) async fn task_counts(store: &MongoStore) -> Result<Vec<TaskTypeCounts>> {
    let cursor = store
        .coll("batches")
        .aggregate([
            doc! { "$group": {
                "_id": "$taskType",
                "total": { "$sum": "$tasksCount" },
                "closed": { "$sum": "$tasksProcessed" },
            } },
            doc! { "$match": { "total": { "$gt": 0 } } },
            doc! { "$sort": { "_id": 1 } },
        ])
        .await
        .map_err(mongo_err)?;
    store
        .collect(cursor, |d| {
            Ok(TaskTypeCounts {
                task_type: d.get_str("_id").unwrap_or_default().to_string(),
                total: count(&d, "total"),
                closed: count(&d, "closed"),
            })
        })
        .await
}

pub(super) async fn task(store: &MongoStore, id: &TaskId) -> Result<Option<Task>> {
    let found = store
        .coll("tasks")
        .find_one(doc! { "_id": id.as_str() })
        .await
        .map_err(mongo_err)?;
    Ok(found.map(decode_task))
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

pub(super) async fn begin_load(store: &MongoStore, plan: &LoadPlan) -> Result<LoadTicket> {
    let batches = store.coll("batches");
    let (created_batch, was_loading) = match &plan.start {
        BatchStart::Create { meta } => {
            // The original stores a load's tasks before it makes their batch, so a load of it
            // that failed leaves tasks naming a batch that does not exist: the batch takes
            // in, counted, those of its type (no load of ours adds tasks to a batch before it
            // exists; tasks of another type are never handed out from it, so not counted).
            let tasks = store.coll("tasks");
            let left = doc! { "batch": &plan.batch_id, "taskType": &plan.task_type };
            let adopted = tasks
                .count_documents(left.clone())
                .await
                .map_err(mongo_err)?;
            let adopted_closed = if adopted == 0 {
                0
            } else {
                let mut closed = left;
                closed.insert("closed", true);
                tasks.count_documents(closed).await.map_err(mongo_err)?
            };
            let document = doc! {
                "_id": &plan.batch_id,
                "_cls": "Batch",
                "taskType": &plan.task_type,
                "tasksCount": adopted as i64,
                "tasksProcessed": adopted_closed as i64,
                "closed": false,
                "batchMeta": bson_of(&Value::Object(meta.clone()))?,
                "loading": true,
            };
            match batches.insert_one(document).await {
                Ok(_) => (true, false),
                Err(e) if is_duplicate_key(&e) => {
                    return Err(Error::conflict(format!(
                        "batch `{}` already exists",
                        plan.batch_id
                    )));
                }
                Err(e) => return Err(mongo_err(e)),
            }
        }
        BatchStart::Reopen => {
            let before = batches
                .find_one_and_update(
                    doc! { "_id": &plan.batch_id, "taskType": &plan.task_type },
                    doc! { "$set": { "loading": true } },
                )
                .return_document(ReturnDocument::Before)
                .await
                .map_err(mongo_err)?
                .ok_or_else(|| {
                    Error::not_found(
                        "batch",
                        format!("{} of type {}", plan.batch_id, plan.task_type),
                    )
                })?;
            (false, before.get_bool("loading").unwrap_or(false))
        }
    };
    Ok(LoadTicket {
        run: next_load_run(store).await?,
        batch_id: plan.batch_id.clone(),
        task_type: plan.task_type.clone(),
        created_batch,
        was_loading,
    })
}

pub(super) async fn insert_tasks(
    store: &MongoStore,
    ticket: &LoadTicket,
    tasks: Vec<NewTask>,
) -> Result<InsertOutcome> {
    let total = tasks.len() as u64;
    let mut documents = Vec::with_capacity(tasks.len());
    for task in tasks {
        let data: Value = serde_json::from_str(&task.data_json)
            .map_err(|e| Error::store("re-reading a task's JSON", e))?;
        documents.push(doc! {
            "_id": task.id.as_str(),
            "taskType": &ticket.task_type,
            "batch": &ticket.batch_id,
            "usersCount": 0_i64,
            "usersProcessed": [],
            "usersSkipped": [],
            "closed": false,
            "task_data": bson_of(&data)?,
            "loadRun": ticket.run,
        });
    }
    if documents.is_empty() {
        return Ok(InsertOutcome::default());
    }
    // Unordered: one duplicate does not stop the rest; duplicates are counted, not fatal.
    let inserted = match store
        .coll("tasks")
        .insert_many(documents)
        .ordered(false)
        .await
    {
        Ok(result) => result.inserted_ids.len() as u64,
        Err(e) if is_duplicate_key(&e) => {
            let duplicates = match e.kind.as_ref() {
                mongodb::error::ErrorKind::InsertMany(m) => {
                    m.write_errors.as_ref().map_or(0, Vec::len) as u64
                }
                _ => 1,
            };
            total - duplicates
        }
        Err(e) => return Err(mongo_err(e)),
    };
    if inserted > 0 {
        store
            .coll("batches")
            .update_one(
                doc! { "_id": &ticket.batch_id },
                doc! { "$inc": { "tasksCount": inserted as i64 }, "$set": { "closed": false } },
            )
            .await
            .map_err(mongo_err)?;
    }
    Ok(InsertOutcome {
        inserted,
        duplicates: total - inserted,
    })
}

/// Every chunk of this run was followed by its `$inc`, so the count is exact — unless an
/// earlier run was killed between an insert and its `$inc` (the batch was still loading when
/// this run began); only then is it recounted, because counting is a scan of the batch.
pub(super) async fn finish_load(store: &MongoStore, ticket: &LoadTicket) -> Result<Batch> {
    let mut set = doc! { "loading": false };
    if ticket.was_loading {
        let exact = store
            .coll("tasks")
            .count_documents(doc! { "batch": &ticket.batch_id })
            .await
            .map_err(mongo_err)?;
        set.insert("tasksCount", exact as i64);
    }
    let updated = store
        .coll("batches")
        .find_one_and_update(doc! { "_id": &ticket.batch_id }, doc! { "$set": set })
        .return_document(ReturnDocument::After)
        .await
        .map_err(mongo_err)?
        .ok_or_else(|| Error::not_found("batch", &ticket.batch_id))?;
    decode_batch(updated)
}

/// A chunk whose insert failed may be in part stored and not counted: the count is set to
/// what is stored, if the server takes that write (else the run that resumes the load
/// recounts, as after a kill).
pub(super) async fn stop_load(store: &MongoStore, ticket: &LoadTicket) -> Result<()> {
    let stored = store
        .coll("tasks")
        .count_documents(doc! { "batch": &ticket.batch_id })
        .await
        .map_err(mongo_err)?;
    store
        .coll("batches")
        .update_one(
            doc! { "_id": &ticket.batch_id },
            doc! { "$set": { "tasksCount": stored as i64 } },
        )
        .await
        .map_err(mongo_err)?;
    Ok(())
}

pub(super) async fn abort_load(store: &MongoStore, ticket: &LoadTicket) -> Result<()> {
    let tasks = store.coll("tasks");
    tasks
        .delete_many(doc! { "batch": &ticket.batch_id, "loadRun": ticket.run })
        .await
        .map_err(mongo_err)?;
    let remaining = tasks
        .count_documents(doc! { "batch": &ticket.batch_id })
        .await
        .map_err(mongo_err)?;
    let batches = store.coll("batches");
    if ticket.created_batch && remaining == 0 {
        batches
            .delete_one(doc! { "_id": &ticket.batch_id })
            .await
            .map_err(mongo_err)?;
    } else {
        batches
            .update_one(
                doc! { "_id": &ticket.batch_id },
                doc! { "$set": { "loading": ticket.was_loading, "tasksCount": remaining as i64 } },
            )
            .await
            .map_err(mongo_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The original's load that failed half way left tasks of a batch it never made; loading
    /// the file again makes the batch, which counts them.
    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn a_new_batch_counts_the_tasks_a_failed_original_load_left_for_it() {
        let store = crate::store::conformance::fresh_mongo_store("vulyk_adopt").await;
        let left = |n: u32, closed: bool| {
            doc! { "_id": format!("{n:020}"), "_cls": "AbstractTask.TaggingTask",
            "taskType": "tagging_task", "batch": "dups", "usersCount": 0_i32,
            "usersProcessed": [], "usersSkipped": [], "closed": closed, "task_data": { "n": n } }
        };
        store
            .coll("tasks")
            .insert_many([left(1, false), left(2, true)])
            .await
            .unwrap();
        // Another type's leftover in the same batch name is not this batch's to count.
        let mut other = left(9, false);
        other.insert("taskType", "declaration_task");
        store.coll("tasks").insert_one(other).await.unwrap();
        let plan = LoadPlan {
            task_type: "tagging_task".into(),
            batch_id: "dups".into(),
            start: BatchStart::Create {
                meta: Default::default(),
            },
        };
        let ticket = begin_load(&store, &plan).await.unwrap();
        let task = |id: u32| NewTask {
            id: TaskId::from_stored(format!("{id:020}")),
            data_json: format!("{{\"n\":{id}}}"),
        };
        let outcome = insert_tasks(&store, &ticket, vec![task(1), task(3)])
            .await
            .unwrap();
        assert_eq!((outcome.inserted, outcome.duplicates), (1, 1));
        let batch = finish_load(&store, &ticket).await.unwrap();
        assert_eq!((batch.tasks_count, batch.tasks_processed), (3, 1));
    }

    /// Many first loads at once each get a run number of their own.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "needs the MongoDB test server"]
    async fn racing_first_loads_get_distinct_run_numbers() {
        let store = crate::store::conformance::fresh_mongo_store("vulyk_runs").await;
        let racers: Vec<_> = (0..16)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move { next_load_run(&store).await })
            })
            .collect();
        let mut runs = Vec::new();
        for racer in racers {
            runs.push(racer.await.unwrap().unwrap());
        }
        // Only distinctness matters: a run number marks the tasks a failed load takes back.
        // A gap is harmless (the wire server may count an upsert that then reports a
        // duplicate key, and the racer asks again), as SQLite's AUTOINCREMENT also leaves them.
        runs.sort_unstable();
        runs.dedup();
        assert_eq!(runs.len(), 16, "two loads shared a run number: {runs:?}");
        assert!(runs[0] >= 1, "{runs:?}");
    }
}
