//! Named export positions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{SqliteStore, from_ms, ms, sql_err};
use crate::store::{CursorStore, ExportCursor, found};
use crate::{Error, Result};

const COLUMNS: &str = "name, task_type, batch, include_open, position, advanced_at";

#[async_trait]
impl CursorStore for SqliteStore {
    async fn cursors(&self) -> Result<Vec<ExportCursor>> {
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM export_cursors ORDER BY name"
                ))
                .map_err(sql_err)?;
            stmt.query_map([], decode)
                .and_then(Iterator::collect)
                .map_err(sql_err)
        })
        .await
    }

    async fn cursor(&self, name: &str) -> Result<Option<ExportCursor>> {
        let name = name.to_string();
        self.read(move |c| get(c, &name)).await
    }

    async fn advance_cursor(&self, from: Option<DateTime<Utc>>, to: &ExportCursor) -> Result<bool> {
        let to = to.clone();
        self.call(move |c| advance(c, from, &to)).await
    }

    async fn delete_cursor(&self, name: &str) -> Result<()> {
        let missing = Error::not_found("export cursor", name);
        let name = name.to_string();
        let deleted = self
            .call(move |c| {
                c.execute("DELETE FROM export_cursors WHERE name = ?1", [name])
                    .map_err(sql_err)
            })
            .await?;
        found(deleted > 0, missing)
    }
}

fn decode(row: &Row<'_>) -> rusqlite::Result<ExportCursor> {
    Ok(ExportCursor {
        name: row.get(0)?,
        task_type: row.get(1)?,
        batch: row.get(2)?,
        include_open: row.get(3)?,
        position: from_ms(row.get(4)?),
        advanced_at: from_ms(row.get(5)?),
    })
}

fn get(c: &Connection, name: &str) -> Result<Option<ExportCursor>> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM export_cursors WHERE name = ?1"),
        [name],
        decode,
    )
    .optional()
    .map_err(sql_err)
}

fn advance(c: &Connection, from: Option<DateTime<Utc>>, to: &ExportCursor) -> Result<bool> {
    let changed = match from {
        // A cursor made by two first exports at once: the second finds the name taken.
        None => c.execute(
            "INSERT INTO export_cursors
                 (name, task_type, batch, include_open, position, advanced_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (name) DO NOTHING",
            params![
                to.name,
                to.task_type,
                to.batch,
                to.include_open,
                ms(to.position),
                ms(to.advanced_at)
            ],
        ),
        Some(from) => c.execute(
            "UPDATE export_cursors SET position = ?2, advanced_at = ?3
             WHERE name = ?1 AND position = ?4",
            params![to.name, ms(to.position), ms(to.advanced_at), ms(from)],
        ),
    }
    .map_err(sql_err)?;
    Ok(changed == 1)
}
