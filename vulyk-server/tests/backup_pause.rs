//! A MongoDB site while another process backs the store up: the volunteers' writes wait for
//! the pause, and one held longer than the site waits is refused with 503, `Retry-After` and
//! a JSON body that says why; once the backup is done the same answer is taken.

mod common;

use axum::http::StatusCode;
use common::TestApp;

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn an_answer_held_by_a_backup_is_refused_with_503_and_taken_after_it() {
    let app = TestApp::mongo().await.with_tagging_tasks().await;
    let (_, volunteer) = app.volunteer("olena@example.org").await;
    let task = volunteer.next_task("tagging_task").await;
    // The backup runs in another process: a store of its own on the same database.
    let backup = vulyk_core::store::open(&app.db).await.expect("open");
    let paused = backup
        .pause_writers()
        .await
        .expect("paused")
        .expect("MongoDB pauses its writers");
    let done = format!("/type/tagging_task/done/{task}");
    let answer = [("result", r#"{"tag": "person"}"#)];
    let refused = volunteer.post_form(&done, &answer).await;
    assert_eq!(
        refused.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        refused.body
    );
    assert!(refused.error().contains("backed up"), "{}", refused.body);
    assert!(refused.header("retry-after").is_some());
    backup.resume_writers(paused).await.expect("resumed");
    let taken = volunteer.post_form(&done, &answer).await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
}
