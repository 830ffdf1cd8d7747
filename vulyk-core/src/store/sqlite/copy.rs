//! A copy's rows are this schema's rows (`store/copy.rs`): they are read and written as
//! they are, table by table, in the order of each table's key.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, TransactionBehavior, params_from_iter};
use serde_json::Value;

use super::{SqliteStore, sql_err};
use crate::store::{Area, Cell, CopyMark, CopySide, CopyStore, Page, PageLimit, Row};
use crate::{Error, Result};

impl rusqlite::ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Cell::Null => ValueRef::Null,
            Cell::Int(n) => ValueRef::Integer(*n),
            Cell::Real(x) => ValueRef::Real(*x),
            Cell::Text(text) => ValueRef::Text(text.as_bytes()),
            Cell::Blob(bytes) => ValueRef::Blob(bytes),
        }))
    }
}

fn cell(area: &Area, value: ValueRef<'_>) -> Result<Cell> {
    Ok(match value {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(n) => Cell::Int(n),
        ValueRef::Real(x) => Cell::Real(x),
        ValueRef::Text(bytes) => Cell::Text(String::from_utf8(bytes.to_vec()).map_err(|_| {
            Error::store_msg(format!(
                "SQLite: a text in `{}` is not UTF-8; the copy cannot carry it",
                area.name
            ))
        })?),
        ValueRef::Blob(bytes) => Cell::Blob(bytes.to_vec()),
    })
}

/// The columns that order a table and name each of its rows: a `WITHOUT ROWID` table's
/// primary key, otherwise the rowid (which keeps the order rows were added in, the order
/// a user's groups and achievements are listed in).
fn key_of(conn: &Connection, area: &Area) -> Result<Vec<String>> {
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [area.name],
            |row| row.get(0),
        )
        .map_err(sql_err)?;
    if !sql.to_uppercase().contains("WITHOUT ROWID") {
        return Ok(vec!["rowid".to_string()]);
    }
    let mut stmt = conn
        .prepare_cached("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")
        .map_err(sql_err)?;
    let columns = stmt
        .query_map([area.name], |row| row.get(0))
        .and_then(|rows| rows.collect())
        .map_err(sql_err)?;
    Ok(columns)
}

/// A copy reads each page of a table once, in order: a connection's usual cache would only
/// fill with pages never read again. And this build's connections draw their page caches
/// from one budget, the sum of their sizes (`SQLITE_ENABLE_MEMORY_MANAGEMENT`): a
/// connection at its own size takes pages from the others, so even the source's idle
/// writer, left at its usual size, lent its 64 MiB to the target's writer (BENCHMARKS.md,
/// "Copying a store"). Every connection of a copy but the target's writer keeps this much;
/// the stores a copy opens are its own, so the change lasts as long as they do.
const COPY_CACHE_KIB: i64 = 4 * 1024;

fn small_cache(conn: &mut Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -COPY_CACHE_KIB)
        .map_err(sql_err)
}

fn quoted(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    names
        .into_iter()
        .map(|name| format!("\"{}\"", name.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn read_page(
    conn: &Connection,
    area: &Area,
    after: Option<&str>,
    limit: PageLimit,
) -> Result<Page> {
    let key = key_of(conn, area)?;
    let after: Vec<Cell> = match after {
        None => Vec::new(),
        Some(text) => key_cells(text, key.len())?,
    };
    let keys = quoted(&key);
    let filter = if after.is_empty() {
        String::new()
    } else {
        let places = (1..=key.len()).map(|i| format!("?{i}")).collect::<Vec<_>>();
        format!("WHERE ({keys}) > ({})", places.join(", "))
    };
    let sql = format!(
        "SELECT {keys}, {} FROM \"{}\" {filter} ORDER BY {keys} LIMIT {}",
        quoted(area.columns),
        area.name,
        limit.rows
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(sql_err)?;
    let mut rows = stmt.query(params_from_iter(&after)).map_err(sql_err)?;
    let (mut page, mut bytes, mut last) = (Vec::new(), 0, Vec::new());
    while let Some(row) = rows.next().map_err(sql_err)? {
        last = (0..key.len())
            .map(|i| row.get_ref(i).map_err(sql_err).and_then(|v| cell(area, v)))
            .collect::<Result<Vec<_>>>()?;
        let cells = (0..area.columns.len())
            .map(|i| {
                row.get_ref(key.len() + i)
                    .map_err(sql_err)
                    .and_then(|v| cell(area, v))
            })
            .collect::<Result<Row>>()?;
        if limit.add(&mut page, &mut bytes, cells) {
            break;
        }
    }
    let last = (!page.is_empty()).then(|| key_text(&last));
    Ok(Page { rows: page, last })
}

/// A position as JSON: a list of the key's integers and texts.
fn key_text(cells: &[Cell]) -> String {
    let values: Vec<Value> = cells
        .iter()
        .map(|cell| match cell {
            Cell::Int(n) => Value::from(*n),
            Cell::Text(text) => Value::from(text.as_str()),
            // Keys are rowids and texts; anything else is written as nothing to seek past.
            _ => Value::Null,
        })
        .collect();
    Value::Array(values).to_string()
}

fn key_cells(text: &str, len: usize) -> Result<Vec<Cell>> {
    let bad = || {
        Error::invalid(format!(
            "a copy's position `{text}` is not one this store wrote"
        ))
    };
    let Ok(Value::Array(values)) = serde_json::from_str::<Value>(text) else {
        return Err(bad());
    };
    if values.len() != len {
        return Err(bad());
    }
    values
        .into_iter()
        .map(|value| match value {
            Value::Number(n) => n.as_i64().map(Cell::Int).ok_or_else(bad),
            Value::String(s) => Ok(Cell::Text(s)),
            _ => Err(bad()),
        })
        .collect()
}

fn write_rows(conn: &mut Connection, area: &Area, rows: &[Row], mark: &CopyMark) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_err)?;
    {
        let places = (1..=area.columns.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>();
        let sql = format!(
            "INSERT INTO \"{}\" ({}) VALUES ({}) ON CONFLICT DO NOTHING",
            area.name,
            quoted(area.columns),
            places.join(", ")
        );
        let mut insert = tx.prepare_cached(&sql).map_err(sql_err)?;
        for row in rows {
            if row.len() != area.columns.len() {
                return Err(Error::invalid(format!(
                    "a row of `{}` has {} values for {} columns",
                    area.name,
                    row.len(),
                    area.columns.len()
                )));
            }
            insert.execute(params_from_iter(row)).map_err(sql_err)?;
        }
    }
    tx.execute(
        "INSERT INTO copy_marks (area, source, after, rows, checksum, finished)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (area) DO UPDATE SET source = ?2, after = ?3, rows = ?4, checksum = ?5,
             finished = ?6",
        rusqlite::params![
            mark.area,
            mark.source,
            mark.after,
            mark.rows as i64,
            mark.checksum,
            mark.finished
        ],
    )
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)
}

#[async_trait]
impl CopyStore for SqliteStore {
    async fn begin_copy(&self, side: CopySide) -> Result<()> {
        if side == CopySide::Source {
            self.call(small_cache).await?;
        }
        self.checkpointer.set_cache(COPY_CACHE_KIB);
        self.read(small_cache).await
    }

    async fn copy_out(
        &self,
        area: &'static Area,
        after: Option<String>,
        limit: PageLimit,
    ) -> Result<Page> {
        self.read(move |conn| read_page(conn, area, after.as_deref(), limit))
            .await
    }

    async fn copy_in(&self, area: &'static Area, rows: Vec<Row>, mark: CopyMark) -> Result<()> {
        self.call(move |conn| write_rows(conn, area, &rows, &mark))
            .await
    }

    async fn copy_marks(&self) -> Result<Vec<CopyMark>> {
        self.read(|conn| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT area, source, after, rows, checksum, finished FROM copy_marks
                     ORDER BY area",
                )
                .map_err(sql_err)?;
            stmt.query_map([], |row| {
                Ok(CopyMark {
                    area: row.get(0)?,
                    source: row.get(1)?,
                    after: row.get(2)?,
                    rows: row.get::<_, i64>(3)?.max(0) as u64,
                    checksum: row.get(4)?,
                    finished: row.get(5)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(sql_err)
        })
        .await
    }

    async fn forget_copy_marks(&self) -> Result<()> {
        self.call(|conn| {
            conn.execute("DELETE FROM copy_marks", [])
                .map(drop)
                .map_err(sql_err)
        })
        .await
    }

    async fn count_rows(&self, area: &'static Area, at: DateTime<Utc>) -> Result<u64> {
        let alive = match area.lives {
            Some((column, after)) => {
                format!(" WHERE \"{column}\" + {after} > {}", at.timestamp_millis())
            }
            None => String::new(),
        };
        self.read(move |conn| {
            conn.query_row(
                &format!("SELECT count(*) FROM \"{}\"{alive}", area.name),
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n.max(0) as u64)
            .map_err(sql_err)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AREAS;

    #[tokio::test]
    async fn the_areas_are_the_schemas_tables_column_for_column() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("areas.db"))
            .await
            .unwrap();
        let tables = store
            .read(|conn| {
                let mut stmt = conn
                    .prepare(
                        "SELECT name, (SELECT group_concat(name, ',') FROM pragma_table_info(m.name))
                         FROM sqlite_schema m WHERE type = 'table' AND name != 'copy_marks'
                         ORDER BY name",
                    )
                    .map_err(sql_err)?;
                stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<(String, String)>>>())
                    .map_err(sql_err)
            })
            .await
            .unwrap();
        let mut areas: Vec<(String, String)> = AREAS
            .iter()
            .map(|area| (area.name.to_string(), area.columns.join(",")))
            .collect();
        areas.sort();
        assert_eq!(areas, tables);
    }

    /// The page cache sizes, in KiB, of a store's writer and reader.
    async fn caches(store: &SqliteStore) -> (i64, i64) {
        let size = |conn: &mut Connection| {
            conn.pragma_query_value(None, "cache_size", |row| row.get::<_, i64>(0))
                .map(|size| -size)
                .map_err(sql_err)
        };
        (
            store.call(size).await.unwrap(),
            store.read(size).await.unwrap(),
        )
    }

    #[tokio::test]
    async fn a_copy_leaves_its_usual_page_cache_to_the_targets_writer_alone() {
        let dir = tempfile::tempdir().unwrap();
        let from = SqliteStore::open(&dir.path().join("from.db"))
            .await
            .unwrap();
        let to = SqliteStore::open(&dir.path().join("to.db")).await.unwrap();
        let usual = (super::super::CACHE_KIB, super::super::CACHE_KIB);
        assert_eq!(caches(&from).await, usual);
        crate::service::copy_between(
            &from,
            &to,
            "from.db",
            &crate::service::CopyRequest::default(),
            None,
            &|_| {},
        )
        .await
        .unwrap();
        let small = COPY_CACHE_KIB;
        assert_eq!(caches(&from).await, (small, small), "the source's");
        assert_eq!(
            caches(&to).await,
            (super::super::CACHE_KIB, small),
            "the target's"
        );
    }

    #[tokio::test]
    async fn pages_follow_the_key_and_stop_at_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("pages.db"))
            .await
            .unwrap();
        let area = Area::named("skips").unwrap();
        let rows: Vec<Row> = (0..5)
            .map(|i| vec![Cell::Text(format!("u{}", 4 - i)), Cell::Text("t".into())])
            .collect();
        let mark = CopyMark {
            area: "skips".into(),
            ..CopyMark::default()
        };
        store
            .copy_in(area, rows.clone(), mark.clone())
            .await
            .unwrap();
        // Stored again, as a resumed copy may: nothing doubles.
        store.copy_in(area, rows, mark).await.unwrap();
        let limit = PageLimit {
            rows: 2,
            bytes: 1 << 20,
        };
        let first = store.copy_out(area, None, limit).await.unwrap();
        assert_eq!(first.rows[0][0], Cell::Text("u0".into()));
        assert_eq!(first.rows.len(), 2);
        let second = store.copy_out(area, first.last, limit).await.unwrap();
        assert_eq!(second.rows[0][0], Cell::Text("u2".into()));
        let small = PageLimit { rows: 10, bytes: 3 };
        assert_eq!(
            store.copy_out(area, None, small).await.unwrap().rows.len(),
            1
        );
        assert_eq!(store.count_rows(area, Utc::now()).await.unwrap(), 5);
        let wrong = store.copy_out(area, Some("[1]".into()), limit).await;
        assert!(matches!(wrong, Err(Error::Invalid(_))), "{wrong:?}");
    }
}
