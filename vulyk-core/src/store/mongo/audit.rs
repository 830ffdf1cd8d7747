//! The audit log, one document per change in `audit_log`.

use async_trait::async_trait;
use mongodb::bson::{Document, doc};

use super::MongoStore;
use super::support::{bson_time, chrono_time, mongo_err, text};
use crate::Result;
use crate::domain::AuditEntry;
use crate::store::{AuditQuery, AuditStore};

pub(super) const AUDIT_LOG: &str = "audit_log";

#[async_trait]
impl AuditStore for MongoStore {
    async fn record_audit(&self, entry: &AuditEntry) -> Result<()> {
        let _write = self.writable().await?;
        self.coll(AUDIT_LOG)
            .insert_one(doc! {
                "at": bson_time(entry.at),
                "via": &entry.via,
                "user": &entry.user,
                "host": &entry.host,
                "action": &entry.action,
                "target": &entry.target,
                "change": &entry.change,
            })
            .await
            .map_err(mongo_err)?;
        Ok(())
    }

    async fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        if query.limit == 0 {
            return Ok(Vec::new()); // MongoDB's limit 0 would mean no limit
        }
        let mut filter = Document::new();
        if let Some(since) = query.since {
            filter.insert("at", doc! { "$gte": bson_time(since) });
        }
        if let Some(user) = &query.user {
            filter.insert("user", user);
        }
        // Object ids grow within a process and a second: the later of two at one time first.
        let cursor = self
            .coll(AUDIT_LOG)
            .find(filter)
            .sort(doc! { "at": -1, "_id": -1 })
            .limit(i64::try_from(query.limit).unwrap_or(i64::MAX))
            .await
            .map_err(mongo_err)?;
        self.collect(cursor, |d| Ok(decode(&d))).await
    }
}

fn decode(document: &Document) -> AuditEntry {
    AuditEntry {
        at: document
            .get_datetime("at")
            .map(|t| chrono_time(*t))
            .unwrap_or_default(),
        via: text(document, "via"),
        user: text(document, "user"),
        host: text(document, "host"),
        action: text(document, "action"),
        target: text(document, "target"),
        change: text(document, "change"),
    }
}
