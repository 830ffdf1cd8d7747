//! Gold tasks on the site: handed out through `/next` like any task, judged on `done`, the
//! expected answer shown only when the type says so, the accuracy on the personal page.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

const QUALITY: &str = "[quality]\ngold_share_new = 1.0\ngold_warmup = 5\ngold_feedback = true\n";

#[test]
fn sqlite_gold_feedback_and_accuracy() {
    vulyk_testkit::block_on(gold_feedback_and_accuracy(false));
}

#[test]
#[ignore = "needs the MongoDB test server"]
fn mongo_gold_feedback_and_accuracy() {
    vulyk_testkit::block_on(gold_feedback_and_accuracy(true));
}

#[test]
fn sqlite_without_feedback_a_gold_answer_looks_like_any() {
    vulyk_testkit::block_on(without_feedback_a_gold_answer_looks_like_any(false));
}

#[test]
#[ignore = "needs the MongoDB test server"]
fn mongo_without_feedback_a_gold_answer_looks_like_any() {
    vulyk_testkit::block_on(without_feedback_a_gold_answer_looks_like_any(true));
}

/// Two gold tasks (tags A and B) and the example tagging tasks.
async fn site(mongo: bool, quality: &str) -> TestApp {
    let app = TestApp::with_manifest_extra(mongo, "tagging_task", quality)
        .await
        .with_tagging_tasks()
        .await;
    let gold = "{\"task\": {\"gold\": \"one\"}, \"answer\": {\"sentence\": [{\"tags\": \"A\"}]}}\n\
                {\"task\": {\"gold\": \"two\"}, \"answer\": {\"sentence\": [{\"tags\": \"B\"}]}}\n";
    let file = app.dir.path().join("gold.jsonl");
    std::fs::write(&file, gold).expect("gold file");
    app.vulyk()
        .load_gold("tagging_task", &[file.to_string_lossy().into_owned()], None)
        .await
        .expect("load gold");
    app
}

async fn gold_feedback_and_accuracy(mongo: bool) {
    let app = site(mongo, QUALITY).await;
    let (_, olena) = app.volunteer("olena@example.org").await;
    let mut right = 0;
    for _ in 0..2 {
        let next = olena.get("/type/tagging_task/next").await.json();
        let task = &next["result"]["task"];
        // Nothing in what the page gets tells a gold task from another.
        assert_eq!(
            task.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["id", "closed", "data"]
        );
        let gold = task["data"]["gold"].as_str().expect("a gold task first");
        let id = task["id"].as_str().unwrap();
        let done = olena
            .post_json(
                &format!("/type/tagging_task/done/{id}"),
                &json!({"result": {"sentence": [{"tags": "A"}], "note": "mine"}}),
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        let expected = if gold == "one" { "A" } else { "B" };
        right += usize::from(expected == "A");
        assert_eq!(
            done.json()["result"],
            json!({
                "done": true,
                "gold": {
                    "expected": {"sentence": [{"tags": expected}]},
                    "given": {"sentence": [{"tags": "A"}], "note": "mine"},
                    "judged": 1,
                    "correct": u64::from(expected == "A"),
                },
            })
        );
    }
    assert_eq!(right, 1);
    // Gold is used up: ordinary work, and its answer carries no feedback.
    let ordinary = olena.next_task("tagging_task").await;
    let done = olena
        .post_json(
            &format!("/type/tagging_task/done/{ordinary}"),
            &json!({"result": {"sentence": []}}),
        )
        .await;
    assert_eq!(done.json()["result"], json!({"done": true}));
    let me = olena.get("/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.contains("50% (2 "), "{}", me.body);
}

async fn without_feedback_a_gold_answer_looks_like_any(mongo: bool) {
    let quality = QUALITY.replace("gold_feedback = true", "gold_feedback = false");
    let app = site(mongo, &quality).await;
    let (_, olena) = app.volunteer("olena@example.org").await;
    let id = olena.next_task("tagging_task").await;
    let done = olena
        .post_json(
            &format!("/type/tagging_task/done/{id}"),
            &json!({"result": {"sentence": [{"tags": "B"}]}}),
        )
        .await;
    assert_eq!(done.json(), json!({"result": {"done": true}, "errors": []}));
    // A second answer is refused as for any task; a stranger's is not found.
    let again = olena
        .post_json(
            &format!("/type/tagging_task/done/{id}"),
            &json!({"result": {"sentence": [{"tags": "B"}]}}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    let (_, taras) = app.volunteer("taras@example.org").await;
    let stranger = taras
        .post_json(
            &format!("/type/tagging_task/done/{id}"),
            &json!({"result": {"sentence": [{"tags": "B"}]}}),
        )
        .await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND, "{}", stranger.body);
}
