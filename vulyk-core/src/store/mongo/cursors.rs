//! Named export positions, one document each in `export_cursors`, keyed by name.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mongodb::bson::{Bson, Document, doc};

use super::MongoStore;
use super::support::{bson_time, chrono_time, is_duplicate_key, mongo_err, text};
use crate::store::{CursorStore, ExportCursor, found};
use crate::{Error, Result};

pub(super) const EXPORT_CURSORS: &str = "export_cursors";

#[async_trait]
impl CursorStore for MongoStore {
    async fn cursors(&self) -> Result<Vec<ExportCursor>> {
        let cursor = self
            .coll(EXPORT_CURSORS)
            .find(doc! {})
            .sort(doc! { "_id": 1 })
            .await
            .map_err(mongo_err)?;
        self.collect(cursor, |d| Ok(decode(&d))).await
    }

    async fn cursor(&self, name: &str) -> Result<Option<ExportCursor>> {
        let found = self
            .coll(EXPORT_CURSORS)
            .find_one(doc! { "_id": name })
            .await
            .map_err(mongo_err)?;
        Ok(found.as_ref().map(decode))
    }

    async fn advance_cursor(&self, from: Option<DateTime<Utc>>, to: &ExportCursor) -> Result<bool> {
        let _write = self.writable().await?;
        let cursors = self.coll(EXPORT_CURSORS);
        let Some(from) = from else {
            // Two first exports at once: the second finds the name taken.
            let batch = to.batch.clone().map_or(Bson::Null, Bson::String);
            let inserted = cursors
                .insert_one(doc! {
                    "_id": &to.name,
                    "taskType": &to.task_type,
                    "batch": batch,
                    "includeOpen": to.include_open,
                    "position": bson_time(to.position),
                    "advancedAt": bson_time(to.advanced_at),
                })
                .await;
            return match inserted {
                Ok(_) => Ok(true),
                Err(e) if is_duplicate_key(&e) => Ok(false),
                Err(e) => Err(mongo_err(e)),
            };
        };
        let moved = cursors
            .update_one(
                doc! { "_id": &to.name, "position": bson_time(from) },
                doc! { "$set": {
                    "position": bson_time(to.position),
                    "advancedAt": bson_time(to.advanced_at),
                } },
            )
            .await
            .map_err(mongo_err)?;
        Ok(moved.matched_count == 1)
    }

    async fn delete_cursor(&self, name: &str) -> Result<()> {
        let _write = self.writable().await?;
        let deleted = self
            .coll(EXPORT_CURSORS)
            .delete_one(doc! { "_id": name })
            .await
            .map_err(mongo_err)?;
        found(
            deleted.deleted_count > 0,
            Error::not_found("export cursor", name),
        )
    }
}

fn decode(document: &Document) -> ExportCursor {
    let time = |key| {
        document
            .get_datetime(key)
            .map(|t| chrono_time(*t))
            .unwrap_or_default()
    };
    ExportCursor {
        name: text(document, "_id"),
        task_type: text(document, "taskType"),
        batch: document.get_str("batch").ok().map(str::to_string),
        include_open: document.get_bool("includeOpen").unwrap_or(false),
        position: time("position"),
        advanced_at: time("advancedAt"),
    }
}
