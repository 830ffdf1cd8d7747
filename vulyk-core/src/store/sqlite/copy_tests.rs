//! `db copy` (the service) from SQLite files with every table filled by hand, so that each
//! column of each table, its NULLs, texts beyond ASCII and blobs, is seen to arrive as it
//! left, and what the copy's check must catch is caught.

use rusqlite::Connection;

use super::SqliteStore;
use crate::Error;
use crate::service::{CopyProgress, CopyRequest, PageLimit, copy_store};
use crate::store::AREAS;

const ROWS: u32 = 3;

/// The value row `n` of a table holds in a column of `kind`: the same text for every table's
/// `n`th row, so that what refers to another table's row finds it; the last row leaves every
/// column it may empty.
fn value(kind: &str, n: u32, nullable: bool) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    if nullable && n == ROWS {
        return Value::Null;
    }
    match kind {
        "INTEGER" => Value::Integer(i64::from(n)),
        "REAL" => Value::Real(f64::from(n) + 0.5),
        "BLOB" => Value::Blob(vec![n as u8, 0, 255, 7]),
        _ if n == 2 => Value::Text(format!("v{n} — «ґ» ☃")),
        _ => Value::Text(format!("v{n}")),
    }
}

/// A new store at `path` with `ROWS` rows in every area.
async fn filled(path: &std::path::Path) {
    drop(SqliteStore::open(path).await.expect("create"));
    let conn = Connection::open(path).expect("open");
    for area in AREAS {
        let mut stmt = conn
            .prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1)")
            .expect("columns");
        let columns: Vec<(String, String, bool, bool)> = stmt
            .query_map([area.name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? > 0))
            })
            .and_then(|rows| rows.collect())
            .expect("columns");
        for n in 1..=ROWS {
            let values: Vec<_> = columns
                .iter()
                .map(|(_, kind, not_null, pk)| value(kind, n, !not_null && !pk))
                .collect();
            let names: Vec<_> = columns.iter().map(|c| format!("\"{}\"", c.0)).collect();
            let places: Vec<_> = (1..=names.len()).map(|i| format!("?{i}")).collect();
            conn.execute(
                &format!(
                    "INSERT INTO \"{}\" ({}) VALUES ({})",
                    area.name,
                    names.join(", "),
                    places.join(", ")
                ),
                rusqlite::params_from_iter(values),
            )
            .unwrap_or_else(|e| panic!("{}: {e}", area.name));
        }
    }
}

/// Every row of a table, with its rowid where it has one (the order rows were added in).
fn table(conn: &Connection, name: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let mut stmt = conn
        .prepare(&format!("SELECT rowid, * FROM \"{name}\" ORDER BY rowid"))
        .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{name}\" ORDER BY 1, 2")))
        .expect("select");
    let width = stmt.column_count();
    stmt.query_map([], |row| (0..width).map(|i| row.get(i)).collect())
        .and_then(|rows| rows.collect())
        .expect("rows")
}

fn quiet(_: CopyProgress) {}

/// Copies the file `source` into `target` a few rows at a time, telling `progress`.
async fn copy(
    source: &std::path::Path,
    target: &str,
    progress: &(dyn Fn(CopyProgress) + Send + Sync),
) -> crate::Result<crate::service::CopySummary> {
    copy_store(
        source.to_str().unwrap(),
        target,
        &small_pages(),
        None,
        progress,
    )
    .await
}

fn small_pages() -> CopyRequest {
    CopyRequest {
        resume: false,
        page: PageLimit {
            rows: 2,
            bytes: 1 << 20,
        },
    }
}

#[tokio::test]
async fn every_row_of_every_table_arrives_as_it_left() {
    let dir = tempfile::tempdir().unwrap();
    let (source, target) = (dir.path().join("source.db"), dir.path().join("target.db"));
    filled(&source).await;
    let summary = copy(&source, target.to_str().unwrap(), &quiet)
        .await
        .unwrap();
    assert_eq!(summary.areas.len(), AREAS.len());
    assert!(
        summary.areas.iter().all(|a| a.rows == u64::from(ROWS)),
        "{:?}",
        summary.areas
    );
    let (from, to) = (
        Connection::open(&source).unwrap(),
        Connection::open(&target).unwrap(),
    );
    for area in AREAS {
        assert_eq!(
            table(&to, area.name),
            table(&from, area.name),
            "{}",
            area.name
        );
    }
    assert_eq!(table(&to, "copy_marks"), Vec::<Vec<_>>::new());
}

#[tokio::test]
async fn a_source_changed_while_it_was_copied_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let (source, target) = (dir.path().join("source.db"), dir.path().join("target.db"));
    filled(&source).await;
    let writer = std::sync::Mutex::new(Connection::open(&source).unwrap());
    let change = |progress: CopyProgress| {
        if progress == CopyProgress::Checking {
            let conn = writer.lock().unwrap();
            conn.execute(
                "INSERT INTO skips (user_id, task_id) VALUES ('late', 'comer')",
                [],
            )
            .unwrap();
        }
    };
    let err = copy(&source, target.to_str().unwrap(), &change)
        .await
        .unwrap_err();
    let said = err.to_string();
    assert!(
        matches!(err, Error::Conflict(_)) && said.contains("`skips` has 4 rows in the source"),
        "{said}"
    );
    assert!(
        said.contains("was the source or the target changed"),
        "{said}"
    );
}

#[tokio::test]
async fn rows_that_died_meanwhile_do_not_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let (source, target) = (dir.path().join("source.db"), dir.path().join("target.db"));
    // The filled sessions and counters are of 1970: long dead.
    filled(&source).await;
    let swept = std::sync::Mutex::new(None::<Connection>);
    let sweep = |progress: CopyProgress| {
        if progress == CopyProgress::Checking {
            // What a MongoDB target's TTL monitor does whenever it runs.
            let mut conn = swept.lock().unwrap();
            let conn = conn.get_or_insert_with(|| Connection::open(&target).unwrap());
            conn.execute_batch("DELETE FROM web_sessions; DELETE FROM attempts;")
                .unwrap();
        }
    };
    let summary = copy(&source, target.to_str().unwrap(), &sweep)
        .await
        .unwrap();
    let sessions = summary.areas.iter().find(|a| a.area == "web_sessions");
    assert_eq!(sessions.map(|a| a.rows), Some(u64::from(ROWS)));
}

#[tokio::test]
async fn answers_that_differ_from_those_read_fail_the_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let (source, target) = (dir.path().join("source.db"), dir.path().join("target.db"));
    filled(&source).await;
    let spoiled = std::sync::Mutex::new(None::<Connection>);
    let spoil = |progress: CopyProgress| {
        if progress == CopyProgress::Checking {
            let mut conn = spoiled.lock().unwrap();
            let conn = conn.get_or_insert_with(|| Connection::open(&target).unwrap());
            conn.execute("UPDATE answers SET result = '{}' WHERE seq = 1", [])
                .unwrap();
        }
    };
    let err = copy(&source, target.to_str().unwrap(), &spoil)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the `answers` stored in the target do not match"),
        "{err}"
    );
}

#[cfg(feature = "mongodb")]
mod into_mongodb {
    use super::*;
    use crate::store;

    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn a_load_under_way_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source.db");
        filled(&source).await;
        let target = vulyk_testkit::mongo_database("copy_refused");
        let err = copy(&source, &target, &quiet).await.unwrap_err();
        let said = err.to_string();
        assert!(
            matches!(err, Error::Conflict(_)) && said.contains("`load_runs`"),
            "{said}"
        );
        assert!(said.contains("a load under way"), "{said}");
        let store = store::open(&target).await.unwrap();
        for area in AREAS {
            let rows = store.count_rows(area, chrono::Utc::now()).await.unwrap();
            assert_eq!(rows, 0, "{}", area.name);
        }
        assert!(store.copy_marks().await.unwrap().is_empty());
    }

    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn a_row_mongodb_cannot_hold_is_named_with_its_column() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source.db");
        filled(&source).await;
        Connection::open(&source)
            .unwrap()
            .execute("DELETE FROM load_runs", [])
            .unwrap();
        let target = vulyk_testkit::mongo_database("copy_bad_row");
        let err = copy(&source, &target, &quiet).await.unwrap_err();
        // The filled rows' users have no time of joining, nor ObjectIds for ids.
        let said = err.to_string();
        assert!(
            matches!(err, Error::Invalid(_))
                && said.starts_with("`users`.created_at: not an RFC 3339 time")
                && said.contains("(in the row [Text(\"v1\")"),
            "{said}"
        );
    }
}
