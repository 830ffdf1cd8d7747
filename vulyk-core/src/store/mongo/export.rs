//! Export: a cursor over the tasks, and for each page of them one query for their answers,
//! one for the answerers not met yet and (if asked) one for the work sessions. Memory stays at
//! one page plus the users seen.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{Bson, Document, doc};
use tokio::sync::mpsc;

use super::MongoStore;
use super::support::{PENDING, bson_time, chrono_time, count, json_of, mongo_err};
use crate::domain::TaskId;
use crate::store::ExportStore;
use crate::store::{
    Author, EXPORT_CHUNK, ExportQuery, ExportWindow, ExportedAnswer, ExportedSession, ExportedTask,
};
use crate::{Error, Result};

#[async_trait]
impl ExportStore for MongoStore {
    fn export(&self, query: ExportQuery) -> tokio::sync::mpsc::Receiver<Result<Vec<ExportedTask>>> {
        start(self, query)
    }

    async fn unsettled_since(
        &self,
        task_type: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        unsettled_since(self, task_type).await
    }
}

type Chunks = mpsc::Sender<Result<Vec<ExportedTask>>>;

pub(super) fn start(
    store: &MongoStore,
    query: ExportQuery,
) -> mpsc::Receiver<Result<Vec<ExportedTask>>> {
    let (tx, rx) = mpsc::channel(4);
    let store = store.clone();
    tokio::spawn(async move {
        if let Err(e) = run(&store, &query, &tx).await {
            let _ = tx.send(Err(e)).await;
        }
    });
    rx
}

fn compact(bson: Option<&Bson>) -> Result<String> {
    let value = bson.cloned().map_or(serde_json::Value::Null, json_of);
    crate::json_text::to_string(&value).map_err(|e| Error::store("encoding stored JSON", e))
}

async fn run(store: &MongoStore, query: &ExportQuery, out: &Chunks) -> Result<()> {
    let mut filter = doc! { "taskType": &query.task_type };
    if let Some(batch) = &query.batch {
        filter.insert("batch", batch);
    }
    if !query.include_open {
        filter.insert("closed", true);
    }
    let mut users: HashMap<ObjectId, Arc<Author>> = HashMap::new();
    match query.window {
        Some(window) if query.include_open => {
            return changed_tasks(store, query, filter, window, &mut users, out).await;
        }
        Some(window) => {
            let (since, until) = (bson_time(window.since), bson_time(window.until));
            if window.since == chrono::DateTime::UNIX_EPOCH {
                // A first window: tasks closed before closing times were kept are in it.
                filter.insert(
                    "$or",
                    vec![
                        doc! { "closedAt": { "$lt": until } },
                        doc! { "closedAt": { "$exists": false } },
                        doc! { "closedAt": Bson::Null },
                    ],
                );
            } else {
                // `$type` too: the partial index (closedAt a date) serves only a query that
                // says so.
                filter.insert(
                    "closedAt",
                    doc! { "$type": "date", "$gte": since, "$lt": until },
                );
            }
        }
        None => {}
    }
    let mut cursor = store
        .coll("tasks")
        .find(filter)
        .projection(task_fields())
        .batch_size(EXPORT_CHUNK as u32)
        .await
        .map_err(mongo_err)?;
    let mut page: Vec<ExportedTask> = Vec::with_capacity(EXPORT_CHUNK);
    while cursor.advance().await.map_err(mongo_err)? {
        let task = cursor.deserialize_current().map_err(mongo_err)?;
        page.push(decode_task(&task)?);
        if page.len() == EXPORT_CHUNK {
            let full = std::mem::replace(&mut page, Vec::with_capacity(EXPORT_CHUNK));
            let full = with_answers(store, query, full, &mut users).await?;
            if out.send(Ok(full)).await.is_err() {
                return Ok(()); // the reader stopped listening
            }
        }
    }
    if !page.is_empty() {
        let page = with_answers(store, query, page, &mut users).await?;
        let _ = out.send(Ok(page)).await;
    }
    Ok(())
}

/// The tasks (open ones too) whose newest answer came in the window, found through the
/// answers' index by type and time, a page of ids at a time.
async fn changed_tasks(
    store: &MongoStore,
    query: &ExportQuery,
    filter: Document,
    window: ExportWindow,
    users: &mut HashMap<ObjectId, Arc<Author>>,
    out: &Chunks,
) -> Result<()> {
    let mut changed = store
        .coll("reports")
        .aggregate([
            doc! { "$match": {
                "taskType": &query.task_type,
                "createdAt": { "$gte": bson_time(window.since) },
            } },
            doc! { "$group": { "_id": "$task", "last": { "$max": "$createdAt" } } },
            doc! { "$match": { "last": { "$lt": bson_time(window.until) } } },
        ])
        .allow_disk_use(true)
        .batch_size(EXPORT_CHUNK as u32)
        .await
        .map_err(mongo_err)?;
    let mut ids: Vec<Bson> = Vec::with_capacity(EXPORT_CHUNK);
    loop {
        let more = changed.advance().await.map_err(mongo_err)?;
        if more {
            let group = changed.deserialize_current().map_err(mongo_err)?;
            if let Some(id) = group.get("_id") {
                ids.push(id.clone());
            }
        }
        if ids.len() == EXPORT_CHUNK || (!more && !ids.is_empty()) {
            let mut page_filter = filter.clone();
            page_filter.insert("_id", doc! { "$in": std::mem::take(&mut ids) });
            let tasks = store
                .coll("tasks")
                .find(page_filter)
                .projection(task_fields())
                .await
                .map_err(mongo_err)?;
            let page = store.collect(tasks, |task| decode_task(&task)).await?;
            let page = with_answers(store, query, page, users).await?;
            if !page.is_empty() && out.send(Ok(page)).await.is_err() {
                return Ok(()); // the reader stopped listening
            }
        }
        if !more {
            return Ok(());
        }
    }
}

/// The oldest note of an answer still being settled on a task of the type: its report is not
/// written yet, and the task it closed is marked closed already. (A note kept, settled, until
/// its answer is paid holds nothing back: the answer is written.) Such notes are few and
/// short-lived.
pub(super) async fn unsettled_since(
    store: &MongoStore,
    task_type: &str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let unsettled = doc! { "settled": { "$ne": true } };
    let cursor = store
        .coll("tasks")
        .find(doc! { "taskType": task_type, PENDING: { "$elemMatch": unsettled } })
        .projection(doc! { PENDING: 1 })
        .await
        .map_err(mongo_err)?;
    let tasks = store.collect(cursor, Ok).await?;
    Ok(tasks
        .iter()
        .filter_map(|task| task.get_array(PENDING).ok())
        .flatten()
        .filter_map(Bson::as_document)
        .filter(|note| !note.get_bool("settled").unwrap_or(false))
        .filter_map(|note| note.get_datetime("at").ok())
        .map(|t| chrono_time(*t))
        .min())
}

/// Gives the tasks closed before closing times were kept the time of their newest answer
/// (what closed them, unless an answer came after an early close), a page at a time. Safe
/// to run again: it sets only a time that is missing.
pub(super) async fn closing_times(store: &MongoStore) -> Result<()> {
    let mut cursor = store
        .coll("tasks")
        .find(doc! { "closed": true, "closedAt": { "$not": { "$type": "date" } } })
        .projection(doc! { "_id": 1 })
        .batch_size(EXPORT_CHUNK as u32)
        .await
        .map_err(mongo_err)?;
    let mut page: Vec<Bson> = Vec::with_capacity(EXPORT_CHUNK);
    loop {
        let more = cursor.advance().await.map_err(mongo_err)?;
        if more {
            let task = cursor.deserialize_current().map_err(mongo_err)?;
            if let Some(id) = task.get("_id") {
                page.push(id.clone());
            }
        }
        if page.len() == EXPORT_CHUNK || (!more && !page.is_empty()) {
            let ids = std::mem::take(&mut page);
            let newest = store
                .coll("reports")
                .aggregate([
                    doc! { "$match": { "task": { "$in": ids } } },
                    doc! { "$group": { "_id": "$task", "last": { "$max": "$createdAt" } } },
                ])
                .await
                .map_err(mongo_err)?;
            for group in store.collect(newest, Ok).await? {
                let (Some(id), Ok(last)) = (group.get("_id"), group.get_datetime("last")) else {
                    continue;
                };
                store
                    .coll("tasks")
                    .update_one(
                        doc! { "_id": id.clone(), "closedAt": { "$not": { "$type": "date" } } },
                        doc! { "$set": { "closedAt": *last } },
                    )
                    .await
                    .map_err(mongo_err)?;
            }
        }
        if !more {
            return Ok(());
        }
    }
}

/// The index incremental exports of closed tasks go through (dropped by a downgrade).
pub(super) const CLOSED_AT_INDEX: &str = "taskType_1_closedAt_1";

fn task_fields() -> Document {
    doc! { "_id": 1, "batch": 1, "closed": 1, "task_data": 1 }
}

fn decode_task(task: &Document) -> Result<ExportedTask> {
    Ok(ExportedTask {
        id: TaskId::from_stored(task.get_str("_id").unwrap_or_default().to_string()),
        batch: task.get_str("batch").ok().map(str::to_string),
        closed: task.get_bool("closed").unwrap_or(false),
        data_json: compact(task.get("task_data"))?,
        answers: Vec::new(),
    })
}

async fn with_answers(
    store: &MongoStore,
    query: &ExportQuery,
    mut page: Vec<ExportedTask>,
    users: &mut HashMap<ObjectId, Arc<Author>>,
) -> Result<Vec<ExportedTask>> {
    let ids: Vec<&str> = page.iter().map(|t| t.id.as_str()).collect();
    let cursor = store
        .coll("reports")
        .find(doc! { "task": { "$in": ids } })
        .sort(doc! { "createdAt": 1, "_id": 1 })
        .await
        .map_err(mongo_err)?;
    let reports = store.collect(cursor, Ok).await?;
    remember_users(store, &reports, users).await?;
    let sessions = if query.with_sessions {
        sessions_of(store, &reports).await?
    } else {
        HashMap::new()
    };
    let position: HashMap<String, usize> = page
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str().to_string(), i))
        .collect();
    for report in reports {
        let Some(&index) = report.get_str("task").ok().and_then(|t| position.get(t)) else {
            continue;
        };
        let user = report.get_object_id("createdBy").ok();
        let author = user
            .and_then(|u| users.get(&u).cloned())
            .unwrap_or_default();
        let session = report
            .get_object_id("_id")
            .ok()
            .and_then(|id| sessions.get(&id).copied());
        page[index].answers.push(ExportedAnswer {
            author,
            created_at: report
                .get_datetime("createdAt")
                .map(|t| chrono_time(*t))
                .unwrap_or_default(),
            result_json: compact(report.get("result"))?,
            session,
        });
    }
    Ok(page)
}

async fn remember_users(
    store: &MongoStore,
    reports: &[Document],
    users: &mut HashMap<ObjectId, Arc<Author>>,
) -> Result<()> {
    let mut missing: Vec<ObjectId> = reports
        .iter()
        .filter_map(|r| r.get_object_id("createdBy").ok())
        .filter(|u| !users.contains_key(u))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    let cursor = store
        .coll("user")
        .find(doc! { "_id": { "$in": missing } })
        .projection(doc! { "username": 1, "email": 1 })
        .await
        .map_err(mongo_err)?;
    for user in store.collect(cursor, Ok).await? {
        if let Ok(id) = user.get_object_id("_id") {
            let name = |key| user.get_str(key).unwrap_or_default().to_string();
            users.insert(
                id,
                Arc::new(Author {
                    username: name("username"),
                    email: name("email"),
                }),
            );
        }
    }
    Ok(())
}

async fn sessions_of(
    store: &MongoStore,
    reports: &[Document],
) -> Result<HashMap<ObjectId, ExportedSession>> {
    let answers: Vec<ObjectId> = reports
        .iter()
        .filter_map(|r| r.get_object_id("_id").ok())
        .collect();
    let cursor = store
        .coll("work_sessions")
        .find(doc! { "answer": { "$in": answers } })
        .await
        .map_err(mongo_err)?;
    let mut sessions = HashMap::new();
    for session in store.collect(cursor, Ok).await? {
        let (Ok(answer), Ok(start)) = (
            session.get_object_id("answer"),
            session.get_datetime("start_time"),
        ) else {
            continue;
        };
        sessions.insert(
            answer,
            ExportedSession {
                start: chrono_time(*start),
                end: session
                    .get_datetime("end_time")
                    .ok()
                    .map(|t| chrono_time(*t)),
                activity: count(&session, "activity"),
            },
        );
    }
    Ok(sessions)
}
