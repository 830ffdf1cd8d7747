//! The audit log, one row per change.

use async_trait::async_trait;
use rusqlite::{Row, params};

use super::{SqliteStore, from_ms, ms, sql_err};
use crate::Result;
use crate::domain::AuditEntry;
use crate::store::{AuditQuery, AuditStore};

#[async_trait]
impl AuditStore for SqliteStore {
    async fn record_audit(&self, entry: &AuditEntry) -> Result<()> {
        let e = entry.clone();
        self.call(move |c| {
            c.execute(
                "INSERT INTO audit_log (at, via, user, host, action, target, change)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    ms(e.at),
                    e.via,
                    e.user,
                    e.host,
                    e.action,
                    e.target,
                    e.change
                ],
            )
            .map(drop)
            .map_err(sql_err)
        })
        .await
    }

    async fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let since = query.since.map(ms);
        let user = query.user.clone();
        let limit = i64::try_from(query.limit).unwrap_or(i64::MAX);
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT at, via, user, host, action, target, change FROM audit_log
                     WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR user = ?2)
                     ORDER BY at DESC, seq DESC LIMIT ?3",
                )
                .map_err(sql_err)?;
            stmt.query_map(params![since, user, limit], decode)
                .and_then(Iterator::collect)
                .map_err(sql_err)
        })
        .await
    }
}

fn decode(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        at: from_ms(row.get(0)?),
        via: row.get(1)?,
        user: row.get(2)?,
        host: row.get(3)?,
        action: row.get(4)?,
        target: row.get(5)?,
        change: row.get(6)?,
    })
}
