//! Batches (`batches`) and the tasks stored in them (`tasks`).

use async_trait::async_trait;
use mongodb::bson::{Bson, doc};

use super::MongoStore;
use super::support::decode_task;
use super::support::{count, decode_batch, mongo_err};
use crate::domain::{Batch, TaskTypeCounts};
use crate::domain::{Task, TaskId};
use crate::store::BatchRemoval;
use crate::store::BatchStore;
use crate::{Error, Result};

/// Task ids per `$in` query when a batch's answers are counted or removed.
const ID_PAGE: usize = 10_000;

#[async_trait]
impl BatchStore for MongoStore {
    async fn batches(&self, task_type: Option<&str>) -> Result<Vec<Batch>> {
        batches(self, task_type).await
    }

    async fn batch(&self, id: &str) -> Result<Option<Batch>> {
        batch(self, id).await
    }

    async fn delete_batch(&self, id: &str, purge: bool) -> Result<BatchRemoval> {
        let _write = self.writable().await?;
        delete_batch(self, id, purge).await
    }

    async fn task_counts(&self) -> Result<Vec<TaskTypeCounts>> {
        task_counts(self).await
    }

    async fn task(&self, id: &TaskId) -> Result<Option<Task>> {
        task(self, id).await
    }

    #[cfg(any(test, feature = "test-support"))]
    async fn count_tasks_in_batch(&self, batch_id: &str) -> Result<u64> {
        self.coll("tasks")
            .count_documents(doc! { "batch": batch_id })
            .await
            .map_err(mongo_err)
    }
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
