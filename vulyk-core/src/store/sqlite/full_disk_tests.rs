//! A load that the storage fails mid-way (SQLITE_FULL through `max_page_count`, which makes
//! a full disk deterministic without root) keeps what it committed, counted exactly, and the
//! same load run again completes the batch.

use std::sync::Arc;

use rusqlite::Connection;

use super::SqliteStore;
use super::load::Tuning;
use crate::Error;
use crate::fixture::Fixture;
use crate::service::LoadRequest;

const TASKS: usize = 3_000;

/// Tasks of about 1 KB each, so that they take many pages.
fn lines() -> Vec<u8> {
    let mut text = String::new();
    for i in 0..TASKS {
        text.push_str(&format!(
            "{{\"n\": {i}, \"pad\": \"{}\"}}\n",
            "x".repeat(1_000)
        ));
    }
    text.into_bytes()
}

fn request(file: &str) -> LoadRequest {
    let mut request = LoadRequest::new("fake_task", vec![file.to_string()]);
    request.batch = Some("full".into());
    request.chunk_lines = 100;
    request
}

fn stored(path: &std::path::Path, sql: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(sql, [], |row| row.get(0))
        .unwrap()
}

#[tokio::test]
async fn a_load_the_disk_stops_keeps_its_count_exact_and_completes_when_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    let store = SqliteStore::open(&path).await.unwrap();
    let pages = stored(&path, "PRAGMA page_count") as u64;
    // Room for about a third of the tasks, committed 200 at a time.
    store.tune_loads(Tuning {
        max_pages: Some(pages + 70),
        commit_rows: Some(200),
    });
    let mut f = Fixture::with_store(Arc::new(store), dir);
    f.vulyk.init(&["fake_task".to_string()]).await.unwrap();
    let file = f.file("tasks.jsonl", &lines());

    let err = f.vulyk.load(request(&file), &|_| {}).await.unwrap_err();
    assert!(matches!(err, Error::Store { .. }), "{err:?}");
    let shown = crate::error::with_sources(&err);
    assert!(shown.contains("database or disk is full"), "{shown}");
    assert!(shown.contains("run the same command again"), "{shown}");
    let batch = f
        .store
        .batch("full")
        .await
        .unwrap()
        .expect("the batch stays");
    assert!(batch.loading, "incomplete");
    let in_batch = f.store.count_tasks_in_batch("full").await.unwrap();
    assert_eq!(batch.tasks_count, in_batch, "count equals the stored tasks");
    assert!(
        (1..TASKS as u64).contains(&in_batch),
        "{in_batch} stored before the disk was full"
    );

    // As after kill -9 once the error was reported: a new process, nothing cleaned up.
    f.reopen().await;
    let summary = f.vulyk.load(request(&file), &|_| {}).await.unwrap();
    assert_eq!(summary.loaded + summary.duplicates, TASKS as u64);
    assert_eq!(summary.duplicates, in_batch);
    let batch = f.store.batch("full").await.unwrap().unwrap();
    assert!(!batch.loading);
    assert_eq!(batch.tasks_count, TASKS as u64);
    assert_eq!(
        f.store.count_tasks_in_batch("full").await.unwrap(),
        TASKS as u64
    );
    assert_eq!(
        stored(&f.path("test.db"), "SELECT COUNT(*) FROM load_runs"),
        0
    );
}
