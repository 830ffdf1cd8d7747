//! Faults injected into a real server (`configureFailPoint` with `failCommand`, which the
//! test server takes with `--enable-test-commands`, as mongod does): what the storage
//! refuses must leave counts that equal the stored documents, and a retry must complete the
//! work exactly.

use mongodb::Client;
use mongodb::bson::{Document, doc};

use crate::Error;
use crate::service::LoadRequest;
use crate::store::conformance::Fixture;

const TASKS: usize = 600;

/// Fails the next `times` of `commands` from connections named `app`, after letting `skip`
/// of them through; `times` 0 switches the fail point off.
async fn fail_point(app: &str, commands: &[&str], skip: u32, times: u32) {
    let url = crate::store::conformance::mongo_test_server().expect("server");
    let client = Client::with_uri_str(&url).await.unwrap();
    let mode = if times == 0 {
        mongodb::bson::Bson::String("off".into())
    } else {
        doc! { "skip": skip, "times": times }.into()
    };
    let data: Document = doc! {
        "failCommands": commands,
        "appName": app,
        // OutOfDiskSpace: not a retryable error, so the driver reports it at once.
        "errorCode": 14031,
    };
    client
        .database("admin")
        .run_command(doc! { "configureFailPoint": "failCommand", "mode": mode, "data": data })
        .await
        .expect("configureFailPoint: start the test server with --enable-test-commands");
}

fn lines() -> Vec<u8> {
    (0..TASKS)
        .map(|i| format!("{{\"n\": {i}}}\n"))
        .collect::<String>()
        .into_bytes()
}

fn request(file: &str) -> LoadRequest {
    let mut request = LoadRequest::new("fake_task", vec![file.to_string()]);
    request.batch = Some("refused".into());
    request.chunk_lines = 100;
    request
}

#[tokio::test]
async fn a_load_the_server_refuses_mid_way_keeps_its_count_and_completes_when_run_again() {
    let app = format!("vulyk_fault_{:08x}", rand::random::<u32>());
    let Some(mut f) = Fixture::mongo_as_app(&app).await else {
        return;
    };
    f.vulyk.init(&["fake_task".to_string()]).await.unwrap();
    let file = f.file("tasks.jsonl", &lines());
    // The batch and a chunk go in, then every insert is refused.
    fail_point(&app, &["insert"], 2, 1_000).await;
    let err = f.vulyk.load(request(&file), &|_| {}).await.unwrap_err();
    fail_point(&app, &["insert"], 0, 0).await;
    assert!(matches!(err, Error::Store { .. }), "{err:?}");
    let shown = format!("{err} {:?}", std::error::Error::source(&err));
    assert!(
        shown.contains("14031") || shown.contains("OutOfDiskSpace"),
        "{shown}"
    );
    let batch = f
        .store
        .batch("refused")
        .await
        .unwrap()
        .expect("the batch stays");
    assert!(batch.loading, "incomplete");
    let stored = f.store.count_tasks_in_batch("refused").await.unwrap();
    assert_eq!(batch.tasks_count, stored, "count equals the stored tasks");
    // The batch's own insert and a chunk went through before the refusal.
    assert!((1..TASKS as u64).contains(&stored), "{stored} stored");

    // A new process runs the same load once the server takes writes again.
    f.reopen().await;
    let summary = f.vulyk.load(request(&file), &|_| {}).await.unwrap();
    assert_eq!(
        (summary.loaded, summary.duplicates),
        (TASKS as u64 - stored, stored)
    );
    let batch = f.store.batch("refused").await.unwrap().unwrap();
    assert!(!batch.loading);
    assert_eq!(batch.tasks_count, TASKS as u64);
    assert_eq!(
        f.store.count_tasks_in_batch("refused").await.unwrap(),
        TASKS as u64
    );
}
