//! Leaderboards and stats from the counters `work.rs` keeps, computed in the server.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use mongodb::bson::{Bson, Document, doc};

use super::MongoStore;
use super::support::{
    ANSWER_COUNTS, HISTOGRAM, bson_time, chrono_time, count, decode_batch, mongo_err, user_oid,
};
use crate::Result;
use crate::domain::UserId;
use crate::store::Layout;
use crate::store::ReportStore;
use crate::store::report::{first_activity_hour, histogram_from_changes};
use crate::store::{
    ACTIVITY_HOURS, BatchCounters, RankInput, RecentAnswer, SESSION_SAMPLE, TypeActivity,
};

#[async_trait]
impl ReportStore for MongoStore {
    async fn leaders(&self, task_type: &str, distinct_counts: usize) -> Result<Vec<(UserId, u64)>> {
        leaders(self, task_type, distinct_counts).await
    }

    async fn rank_input(&self, task_type: &str, user: &UserId) -> Result<RankInput> {
        rank_input(self, task_type, user).await
    }

    async fn batch_counters(
        &self,
        task_type: Option<&str>,
        batch: Option<&str>,
    ) -> Result<Vec<BatchCounters>> {
        batch_counters(self, task_type, batch).await
    }

    async fn live_leases(&self, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
        live_leases(self, now).await
    }

    async fn type_activity(&self, task_type: &str, now: DateTime<Utc>) -> Result<TypeActivity> {
        type_activity(self, task_type, now).await
    }

    async fn recent_answers(&self, limit: usize) -> Result<Vec<RecentAnswer>> {
        recent_answers(self, limit).await
    }
}

pub(super) async fn leaders(
    store: &MongoStore,
    task_type: &str,
    distinct_counts: usize,
) -> Result<Vec<(UserId, u64)>> {
    let mut cursor = match store.layout {
        Layout::Current => store
            .coll(ANSWER_COUNTS)
            .find(doc! { "taskType": task_type, "answers": { "$gt": 0 } })
            .sort(doc! { "answers": -1, "user": 1 })
            .await
            .map_err(mongo_err)?,
        Layout::Original | Layout::Downgrading => {
            let mut pipeline = counted_from_answers(task_type);
            pipeline.push(doc! { "$sort": { "answers": -1, "user": 1 } });
            store
                .coll("reports")
                .aggregate(pipeline)
                .await
                .map_err(mongo_err)?
        }
    };
    let mut out: Vec<(UserId, u64)> = Vec::new();
    let mut seen = 0;
    while cursor.advance().await.map_err(mongo_err)? {
        let document = cursor.deserialize_current().map_err(mongo_err)?;
        let answers = count(&document, "answers");
        if out.last().is_none_or(|(_, last)| *last != answers) {
            if seen == distinct_counts {
                break;
            }
            seen += 1;
        }
        let user = document
            .get_object_id("user")
            .map(|id| id.to_hex())
            .unwrap_or_default();
        out.push((UserId::from_stored(user), answers));
    }
    Ok(out)
}

/// Answers per user of a task type, as `{user, answers}` documents: for an original database,
/// which has none of our counters and must not be given them until it is upgraded.
fn counted_from_answers(task_type: &str) -> Vec<Document> {
    vec![
        doc! { "$match": { "taskType": task_type } },
        doc! { "$group": { "_id": "$createdBy", "answers": { "$sum": 1 } } },
        doc! { "$project": { "_id": 0, "user": "$_id", "answers": 1 } },
    ]
}

pub(super) async fn rank_input(
    store: &MongoStore,
    task_type: &str,
    user: &UserId,
) -> Result<RankInput> {
    if store.layout != Layout::Current {
        return rank_input_from_answers(store, task_type, user).await;
    }
    let counts = store.coll(ANSWER_COUNTS);
    let total = counts
        .find_one(doc! { "taskType": task_type, "user": user_oid(user)? })
        .await
        .map_err(mongo_err)?
        .map_or(0, |d| count(&d, "answers"));
    let higher = counts
        .distinct(
            "answers",
            doc! { "taskType": task_type, "answers": { "$gt": total as i64 } },
        )
        .await
        .map_err(mongo_err)?;
    Ok(RankInput {
        total,
        higher_counts: higher.len() as u64,
    })
}

async fn rank_input_from_answers(
    store: &MongoStore,
    task_type: &str,
    user: &UserId,
) -> Result<RankInput> {
    let reports = store.coll("reports");
    let total = reports
        .count_documents(doc! { "taskType": task_type, "createdBy": user_oid(user)? })
        .await
        .map_err(mongo_err)?;
    let mut pipeline = counted_from_answers(task_type);
    pipeline.extend([
        doc! { "$match": { "answers": { "$gt": total as i64 } } },
        doc! { "$group": { "_id": "$answers" } },
        doc! { "$count": "n" },
    ]);
    let cursor = reports.aggregate(pipeline).await.map_err(mongo_err)?;
    let higher = store.collect(cursor, |d| Ok(count(&d, "n"))).await?;
    Ok(RankInput {
        total,
        higher_counts: higher.first().copied().unwrap_or(0),
    })
}

pub(super) async fn batch_counters(
    store: &MongoStore,
    task_type: Option<&str>,
    batch: Option<&str>,
) -> Result<Vec<BatchCounters>> {
    let mut filter = Document::new();
    if let Some(task_type) = task_type {
        filter.insert("taskType", task_type);
    }
    if let Some(batch) = batch {
        filter.insert("_id", batch);
    }
    let cursor = store
        .coll("batches")
        .find(filter)
        .sort(doc! { "_id": 1 })
        .await
        .map_err(mongo_err)?;
    if store.layout != Layout::Current {
        // One pass over the tasks for every batch: an original database's indexes all begin
        // with `_cls`, so no query by batch would use one.
        let mut buckets = users_count_buckets(store).await?;
        let mut out = Vec::new();
        for batch in store.collect(cursor, decode_batch).await? {
            let histogram = buckets.remove(&batch.id).unwrap_or_default();
            let answers = histogram.iter().map(|(users, tasks)| users * tasks).sum();
            out.push(BatchCounters {
                histogram,
                answers,
                batch,
            });
        }
        return Ok(out);
    }
    store
        .collect(cursor, |document| {
            let changes: Vec<(u64, i64)> = match document.get_document(HISTOGRAM) {
                Ok(buckets) => buckets
                    .iter()
                    .filter_map(|(key, value)| Some((key.parse().ok()?, signed(value))))
                    .collect(),
                Err(_) => Vec::new(),
            };
            let answers = count(&document, "answersCount");
            let batch = decode_batch(document)?;
            Ok(BatchCounters {
                histogram: histogram_from_changes(batch.tasks_count, &changes),
                answers,
                batch,
            })
        })
        .await
}

fn signed(value: &Bson) -> i64 {
    match value {
        Bson::Int32(n) => i64::from(*n),
        Bson::Int64(n) => *n,
        Bson::Double(n) => *n as i64,
        _ => 0,
    }
}

pub(super) async fn live_leases(
    store: &MongoStore,
    now: DateTime<Utc>,
) -> Result<Vec<(String, u64)>> {
    let now = bson_time(now);
    let cursor = store
        .coll("tasks")
        .aggregate([
            doc! { "$match": { "leases.until": { "$gt": now } } },
            doc! { "$unwind": "$leases" },
            doc! { "$match": { "leases.until": { "$gt": now }, "batch": { "$ne": Bson::Null } } },
            doc! { "$group": { "_id": "$batch", "leases": { "$sum": 1 } } },
            doc! { "$sort": { "_id": 1 } },
        ])
        .await
        .map_err(mongo_err)?;
    store
        .collect(cursor, |d| {
            Ok((
                d.get_str("_id").unwrap_or_default().to_string(),
                count(&d, "leases"),
            ))
        })
        .await
}

pub(super) async fn type_activity(
    store: &MongoStore,
    task_type: &str,
    now: DateTime<Utc>,
) -> Result<TypeActivity> {
    let reports = store.coll("reports");
    let volunteers_since = |since: DateTime<Utc>| {
        let reports = reports.clone();
        async move {
            reports
                .distinct(
                    "createdBy",
                    doc! { "taskType": task_type, "createdAt": { "$gte": bson_time(since) } },
                )
                .await
                .map(|users| users.len() as u64)
                .map_err(mongo_err)
        }
    };
    let volunteers_24h = volunteers_since(now - Duration::hours(24)).await?;
    let volunteers_7d = volunteers_since(now - Duration::days(7)).await?;

    let first_hour = first_activity_hour(now);
    let cursor = reports
        .aggregate([
            doc! { "$match": { "taskType": task_type, "createdAt": { "$gte": bson_time(first_hour) } } },
            doc! { "$group": {
                "_id": { "$floor": { "$divide": [
                    { "$subtract": [{ "$toLong": "$createdAt" }, first_hour.timestamp_millis()] },
                    3_600_000_i64,
                ] } },
                "answers": { "$sum": 1 },
            } },
        ])
        .await
        .map_err(mongo_err)?;
    let mut answers_per_hour = vec![0; ACTIVITY_HOURS];
    for (hour, answers) in store
        .collect(cursor, |d| {
            Ok((d.get("_id").map_or(-1, signed), count(&d, "answers")))
        })
        .await?
    {
        if let Some(slot) = usize::try_from(hour)
            .ok()
            .and_then(|h| answers_per_hour.get_mut(h))
        {
            *slot = answers;
        }
    }

    let cursor = store
        .coll("work_sessions")
        .find(doc! { "taskType": task_type, "end_time": { "$type": "date" } })
        .sort(doc! { "end_time": -1 })
        .limit(SESSION_SAMPLE as i64)
        .projection(doc! { "start_time": 1, "end_time": 1 })
        .await
        .map_err(mongo_err)?;
    let session_seconds = store
        .collect(cursor, |d| {
            let start = d.get_datetime("start_time").map(|t| t.timestamp_millis());
            let end = d.get_datetime("end_time").map(|t| t.timestamp_millis());
            Ok(match (start, end) {
                (Ok(start), Ok(end)) => ((end - start).max(0) / 1000) as u64,
                _ => 0,
            })
        })
        .await?;
    Ok(TypeActivity {
        volunteers_24h,
        volunteers_7d,
        answers_per_hour,
        session_seconds,
    })
}

/// Per batch, how many of its tasks have each number of answers: (answers, tasks), in
/// order of answers. One pass over the tasks.
async fn users_count_buckets(store: &MongoStore) -> Result<BTreeMap<String, Vec<(u64, u64)>>> {
    let cursor = store
        .coll("tasks")
        .aggregate([doc! { "$group": {
            "_id": { "batch": "$batch", "users": { "$ifNull": ["$usersCount", 0] } },
            "tasks": { "$sum": 1 },
        } }])
        .await
        .map_err(mongo_err)?;
    let rows = store
        .collect(cursor, |d| {
            let key = d.get_document("_id").cloned().unwrap_or_default();
            Ok((
                key.get_str("batch").unwrap_or_default().to_string(),
                key.get("users").map_or(0, signed).max(0) as u64,
                count(&d, "tasks"),
            ))
        })
        .await?;
    let mut buckets: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
    for (batch, users, tasks) in rows {
        buckets.entry(batch).or_default().push((users, tasks));
    }
    for histogram in buckets.values_mut() {
        histogram.sort_unstable();
    }
    Ok(buckets)
}

/// Builds the counters `record_answer` keeps from the stored answers and tasks — for a
/// database written by the original Vulyk, or by a version of ours that kept none.
pub(super) async fn rebuild_counters(store: &MongoStore) -> Result<()> {
    let counts = store.coll(ANSWER_COUNTS);
    counts.delete_many(doc! {}).await.map_err(mongo_err)?;
    let cursor = store
        .coll("reports")
        .aggregate([doc! { "$group": {
            "_id": { "taskType": "$taskType", "user": "$createdBy" },
            "answers": { "$sum": 1 },
        } }])
        .await
        .map_err(mongo_err)?;
    let rows = store.collect(cursor, Ok).await?;
    for row in rows {
        let Ok(key) = row.get_document("_id") else {
            continue;
        };
        counts
            .insert_one(doc! {
                "_id": key.clone(),
                "taskType": key.get("taskType").cloned().unwrap_or(Bson::Null),
                "user": key.get("user").cloned().unwrap_or(Bson::Null),
                "answers": count(&row, "answers") as i64,
            })
            .await
            .map_err(mongo_err)?;
    }
    let mut all_buckets = users_count_buckets(store).await?;
    for batch in super::batches::batches(store, None).await? {
        let buckets = all_buckets.remove(&batch.id).unwrap_or_default();
        let mut histogram = Document::new();
        let mut answers = 0;
        let mut zero = -(batch.tasks_count as i64);
        for (users_count, tasks) in buckets {
            answers += users_count * tasks;
            if users_count == 0 {
                zero += tasks as i64;
            } else {
                histogram.insert(users_count.to_string(), tasks as i64);
            }
        }
        histogram.insert("0", zero);
        store
            .coll("batches")
            .update_one(
                doc! { "_id": &batch.id },
                doc! { "$set": { HISTOGRAM: histogram, "answersCount": answers as i64 } },
            )
            .await
            .map_err(mongo_err)?;
    }
    Ok(())
}

/// Answer ids are ObjectIds made at answer time, so `_id` order is time order.
pub(super) async fn recent_answers(store: &MongoStore, limit: usize) -> Result<Vec<RecentAnswer>> {
    let cursor = store
        .coll("reports")
        .find(doc! {})
        .sort(doc! { "_id": -1 })
        .limit(i64::try_from(limit).unwrap_or(i64::MAX))
        .projection(doc! { "createdAt": 1, "createdBy": 1, "taskType": 1, "task": 1 })
        .await
        .map_err(mongo_err)?;
    store
        .collect(cursor, |d| {
            Ok(RecentAnswer {
                at: d
                    .get_datetime("createdAt")
                    .map(|t| chrono_time(*t))
                    .unwrap_or_default(),
                user: UserId::from_stored(
                    d.get_object_id("createdBy")
                        .map(|o| o.to_hex())
                        .unwrap_or_default(),
                ),
                task_type: d.get_str("taskType").unwrap_or_default().to_string(),
                task: crate::domain::TaskId::from_stored(
                    d.get_str("task").unwrap_or_default().to_string(),
                ),
            })
        })
        .await
}
