//! `db copy` into a MongoDB store: each area's rows (the embedded schema's, `store/copy.rs`)
//! become the documents, or the parts of documents, this backend keeps them in
//! (`copy_documents.rs`). Every write can be repeated without doubling anything (fixed ids,
//! unique indexes, `$addToSet`, `$set`), so a resumed copy that stores a page again after a
//! stop between the page and its mark changes nothing: there are no transactions here to
//! keep the two together.
//!
//! A copy from this backend reads the documents back into rows (`copy_rows.rs`), page by
//! page in the order this backend reads them itself (`copy_pages.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mongodb::bson::{self, Bson, Document, doc};

use super::MongoStore;
use super::copy_documents::{Write, write_of};
use super::copy_pages;
use super::support::{
    ANSWER_COUNTS, API_TOKENS, ATTEMPTS, HISTOGRAM, IDENTITIES, PENDING, WEB_SESSIONS,
    is_duplicate_key, mongo_err,
};
use super::{gold, rewards, rules};
use crate::store::{Area, CopyMark, CopySide, CopyStore, Page, PageLimit, Row};
use crate::{Error, Result};

/// How far a copy into this database got, one document per area.
pub(super) const COPY_MARKS: &str = "vulyk_copy_marks";

/// Where an area's rows live: whole documents of a collection, or the elements of an array
/// (a field's entries, for the histogram) in a collection's documents.
enum Place {
    Documents(&'static str, Document),
    /// The collection, how many rows a document holds (an expression), and which hold any.
    Elements(&'static str, Bson, Document),
    /// Not kept (a load's progress: this backend keeps only its run number).
    Nowhere,
}

fn place(area: &Area) -> Result<Place> {
    let size = |field: &str| Bson::from(doc! { "$size": { "$ifNull": [format!("${field}"), []] } });
    let holding = |field: &str| doc! { field: { "$exists": true, "$ne": [] } };
    Ok(match area.name {
        "groups" => Place::Documents("groups", doc! {}),
        "group_types" => Place::Elements("groups", size("allowed_types"), holding("allowed_types")),
        "users" => Place::Documents("user", doc! {}),
        "user_groups" => Place::Elements("user", size("groups"), holding("groups")),
        "batches" => Place::Documents("batches", doc! {}),
        "batch_histogram" => Place::Elements(
            "batches",
            doc! { "$size": { "$objectToArray": { "$ifNull": [format!("${HISTOGRAM}"), {}] } } }
                .into(),
            doc! { HISTOGRAM: { "$exists": true, "$ne": {} } },
        ),
        "load_runs" => Place::Nowhere,
        "answers" => Place::Documents("reports", doc! {}),
        "tasks" => Place::Documents("tasks", doc! {}),
        "leases" => Place::Elements("tasks", size("leases"), holding("leases")),
        "skips" => Place::Elements("tasks", size("usersSkipped"), holding("usersSkipped")),
        // A note stays on its task while its answer is not paid for; only a settled one is
        // an answer stored (an unsettled one is an answer being stored).
        "unpaid_answers" => Place::Elements(
            "tasks",
            doc! { "$size": { "$filter": {
                "input": { "$ifNull": [format!("${PENDING}"), []] },
                "cond": { "$and": [
                    { "$eq": ["$$this.settled", true] },
                    { "$eq": ["$$this.pays", true] },
                ] },
            } } }
            .into(),
            doc! { PENDING: { "$elemMatch": { "settled": true, "pays": true } } },
        ),
        "work_sessions" => Place::Documents("work_sessions", doc! {}),
        // Counters that went down to nothing are kept here, not in SQLite.
        "answer_counts" => Place::Documents(ANSWER_COUNTS, doc! { "answers": { "$gt": 0 } }),
        "web_sessions" => Place::Documents(WEB_SESSIONS, doc! {}),
        "api_tokens" => Place::Documents(API_TOKENS, doc! {}),
        "attempts" => Place::Documents(ATTEMPTS, doc! {}),
        "identities" => Place::Documents(IDENTITIES, doc! {}),
        "rules" => Place::Documents(rules::RULES, doc! {}),
        "funds" => Place::Documents(super::funds::FUNDS, doc! {}),
        "user_states" => Place::Documents(rewards::STATES, doc! {}),
        "user_achievements" => Place::Elements(
            rewards::STATES,
            size("achievements"),
            holding("achievements"),
        ),
        "batch_coins" => Place::Elements(
            rewards::STATES,
            doc! { "$add": [
                { "$size": { "$ifNull": ["$batchCoins", []] } },
                { "$size": { "$ifNull": ["$coinsMadeReal", []] } },
            ] }
            .into(),
            doc! { "$or": [holding("batchCoins"), holding("coinsMadeReal")] },
        ),
        "events" => Place::Documents(rewards::EVENTS, doc! {}),
        "gold_tasks" => Place::Documents(gold::GOLD_TASKS, doc! {}),
        "gold_answers" => Place::Documents(gold::GOLD_ANSWERS, doc! {}),
        "gold_leases" => Place::Documents(gold::GOLD_LEASES, doc! {}),
        "export_cursors" => Place::Documents(super::cursors::EXPORT_CURSORS, doc! {}),
        "audit_log" => Place::Documents(super::audit::AUDIT_LOG, doc! {}),
        "webhook_deliveries" => Place::Documents(super::webhooks::DELIVERIES, doc! {}),
        other => {
            return Err(Error::store_msg(format!(
                "MongoDB: no place for the copy's area `{other}`"
            )));
        }
    })
}

#[async_trait]
impl CopyStore for MongoStore {
    async fn begin_copy(&self, _side: CopySide) -> Result<()> {
        // A cursor an earlier copy left (one that failed) is nowhere to go on from.
        self.copy_cursor.forget().await;
        Ok(())
    }

    async fn copy_out(
        &self,
        area: &'static Area,
        after: Option<String>,
        limit: PageLimit,
    ) -> Result<Page> {
        match place(area)? {
            Place::Nowhere => Ok(Page::default()),
            Place::Documents(collection, filter) => {
                copy_pages::documents(self, area, collection, filter, after, limit).await
            }
            Place::Elements(collection, _, holding) => {
                copy_pages::elements(self, area, collection, holding, after, limit).await
            }
        }
    }

    async fn copy_in(&self, area: &'static Area, rows: Vec<Row>, mark: CopyMark) -> Result<()> {
        let _write = self.writable().await?;
        let mut inserts: Vec<(&str, Vec<Document>)> = Vec::new();
        // Values for one array of one document, in the order of the rows.
        let mut additions: Vec<(&str, Document, &str, Vec<Bson>)> = Vec::new();
        let mut parents: std::collections::HashMap<String, usize> = Default::default();
        let mut updates = Vec::new();
        for write in write_of(self, area, &rows).await? {
            match write {
                Write::Insert(collection, document) => {
                    match inserts.iter_mut().find(|(c, _)| *c == collection) {
                        Some((_, documents)) => documents.push(document),
                        None => inserts.push((collection, vec![document])),
                    }
                }
                Write::AddTo {
                    collection,
                    filter,
                    field,
                    value,
                } => {
                    let key = format!("{collection} {filter} {field}");
                    match parents.get(&key) {
                        Some(&i) => additions[i].3.push(value),
                        None => {
                            parents.insert(key, additions.len());
                            additions.push((collection, filter, field, vec![value]));
                        }
                    }
                }
                Write::Update {
                    collection,
                    filter,
                    change,
                    upsert,
                } => updates.push((collection, filter, change, upsert)),
            }
        }
        for (collection, documents) in inserts {
            // Unordered: a document stored by an earlier try of this page is refused alone.
            match self
                .coll(collection)
                .insert_many(documents)
                .ordered(false)
                .await
            {
                Ok(_) => {}
                Err(e) if is_duplicate_key(&e) => {}
                Err(e) => return Err(mongo_err(e)),
            }
        }
        let additions = additions
            .into_iter()
            .map(|(collection, filter, field, values)| {
                let change = doc! { "$addToSet": { field: { "$each": values } } };
                (collection, filter, change, false)
            });
        for (collection, filter, change, upsert) in additions.chain(updates) {
            let result = self
                .coll(collection)
                .update_one(filter.clone(), change)
                .upsert(upsert)
                .await
                .map_err(mongo_err)?;
            if result.matched_count == 0 && result.upserted_id.is_none() {
                return Err(Error::conflict(format!(
                    "`{}`: a row belongs to a document that is not in the target ({filter}); \
                     the source is not consistent",
                    area.name
                )));
            }
        }
        self.coll(COPY_MARKS)
            .replace_one(
                doc! { "_id": &mark.area },
                doc! {
                    "_id": &mark.area,
                    "source": &mark.source,
                    "after": mark.after.as_deref().map_or(Bson::Null, Bson::from),
                    "rows": mark.rows as i64,
                    "checksum": &mark.checksum,
                    "finished": mark.finished,
                },
            )
            .upsert(true)
            .await
            .map_err(mongo_err)?;
        Ok(())
    }

    async fn copy_marks(&self) -> Result<Vec<CopyMark>> {
        let cursor = self
            .coll(COPY_MARKS)
            .find(doc! {})
            .sort(doc! { "_id": 1 })
            .await
            .map_err(mongo_err)?;
        self.collect(cursor, |d| {
            Ok(CopyMark {
                area: d.get_str("_id").unwrap_or_default().to_string(),
                source: d.get_str("source").unwrap_or_default().to_string(),
                after: d.get_str("after").ok().map(str::to_string),
                rows: d.get_i64("rows").unwrap_or_default().max(0) as u64,
                checksum: d.get_str("checksum").unwrap_or_default().to_string(),
                finished: d.get_bool("finished").unwrap_or(false),
            })
        })
        .await
    }

    async fn forget_copy_marks(&self) -> Result<()> {
        let _write = self.writable().await?;
        self.coll(COPY_MARKS)
            .delete_many(doc! {})
            .await
            .map(drop)
            .map_err(mongo_err)
    }

    async fn count_rows(&self, area: &'static Area, at: DateTime<Utc>) -> Result<u64> {
        match place(area)? {
            Place::Nowhere => Ok(0),
            Place::Documents(collection, mut filter) => {
                if let Some((_, after)) = area.lives {
                    let field = if area.name == "attempts" {
                        "window"
                    } else {
                        "expires"
                    };
                    let horizon = bson::DateTime::from_millis(at.timestamp_millis() - after);
                    filter.insert(field, doc! { "$gt": horizon });
                }
                self.coll(collection)
                    .count_documents(filter)
                    .await
                    .map_err(mongo_err)
            }
            Place::Elements(collection, size, _) => {
                let mut cursor = self
                    .coll(collection)
                    .aggregate([
                        doc! { "$project": { "n": size } },
                        doc! { "$group": { "_id": Bson::Null, "n": { "$sum": "$n" } } },
                    ])
                    .await
                    .map_err(mongo_err)?;
                if !cursor.advance().await.map_err(mongo_err)? {
                    return Ok(0);
                }
                let total: Document = cursor.deserialize_current().map_err(mongo_err)?;
                Ok(super::support::count(&total, "n"))
            }
        }
    }

    async fn unsettled(&self) -> Result<Option<String>> {
        let (tasks, states) = (self.coll("tasks"), self.coll(rewards::STATES));
        let stopped = tasks
            .count_documents(doc! { PENDING: { "$elemMatch": { "settled": { "$ne": true } } } })
            .await
            .map_err(mongo_err)?;
        if stopped > 0 {
            return Ok(Some(format!(
                "{stopped} tasks have answers whose storing stopped half way; vulyk-server \
                 settles them within a minute: start it for a minute, then copy"
            )));
        }
        let rewarding = states
            .count_documents(doc! { "outbox": { "$exists": true, "$ne": [] } })
            .await
            .map_err(mongo_err)?;
        if rewarding > 0 {
            return Ok(Some(format!(
                "{rewarding} volunteers' rewards are being recorded; the next answer or \
                 vulyk-server's minute sweep finishes them, then copy"
            )));
        }
        self.load_under_way().await
    }

    fn keeps_none_of(&self, area: &Area) -> Option<&'static str> {
        matches!(place(area), Ok(Place::Nowhere)).then_some(
            "MongoDB keeps no record of a load under way, nor of one that stopped half way; \
             let the load finish (or run it again), then copy",
        )
    }
}

impl MongoStore {
    /// Why a load keeps the store from being copied, if one is under way or stopped half way.
    pub(super) async fn load_under_way(&self) -> Result<Option<String>> {
        let batch = self
            .coll("batches")
            .find_one(doc! { "loading": true })
            .await
            .map_err(mongo_err)?;
        Ok(batch.map(|batch| {
            format!(
                "a load into batch `{}` is under way, or stopped half way; let it finish (or \
                 run it again), then copy",
                batch.get_str("_id").unwrap_or_default()
            )
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AREAS;

    #[test]
    fn every_area_has_a_place() {
        for area in AREAS {
            assert!(place(area).is_ok(), "{}", area.name);
        }
    }
}
