//! Faults injected into a real server (`configureFailPoint` with `failCommand`, which the
//! test server takes with `--enable-test-commands`, as mongod does): what the storage
//! refuses must leave counts that equal the stored documents, and a retry must complete the
//! work exactly.

use mongodb::Client;
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{Document, doc};

use serde_json::json;

use super::support::{HISTOGRAM, count};
use crate::Error;
use crate::domain::UserId;
use crate::fixture::Fixture;
use crate::gamification::Amount;
use crate::service::LoadRequest;
use crate::store::MongoStore;

const TASKS: usize = 600;
const GAMIFIED: &str = "gamified_task";

/// `failCommand` is one fail point for the whole server, and configuring it clears it (the
/// `appName` scope only chooses which connections it fails): the tests that set it take
/// turns.
static FAIL_POINT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A fixture on a fresh database whose connections name themselves `app`, so that a fail
/// point scoped to that name (`appName`) hits this test's store alone while other tests
/// share the server.
async fn fixture_as_app(app: &str) -> Fixture {
    let server = vulyk_testkit::mongo_server();
    let separator = if server.contains('?') { '&' } else { '?' };
    let server = format!("{server}{separator}appName={app}");
    Fixture::mongo(&vulyk_testkit::fresh_database(&server, "vulyk_test")).await
}

/// Fails the next `times` of `commands` from connections named `app`, after letting `skip`
/// of them through; `times` 0 switches the fail point off.
async fn fail_point(app: &str, commands: &[&str], skip: u32, times: u32) {
    fault(app, commands, skip, times, Fault::Refuse).await;
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    /// The server answers with an error that no driver retries (OutOfDiskSpace).
    Refuse,
    /// The server drops the connection without an answer.
    Drop,
}

async fn fault(app: &str, commands: &[&str], skip: u32, times: u32, kind: Fault) {
    let url = vulyk_testkit::mongo_server();
    let client = Client::with_uri_str(&url).await.unwrap();
    let mode = if times == 0 {
        mongodb::bson::Bson::String("off".into())
    } else {
        doc! { "skip": skip, "times": times }.into()
    };
    let data: Document = match kind {
        Fault::Refuse => doc! {
            "failCommands": commands,
            "appName": app,
            // OutOfDiskSpace: not a retryable error, so the driver reports it at once.
            "errorCode": 14031,
        },
        Fault::Drop => doc! {
            "failCommands": commands,
            "appName": app,
            "closeConnection": true,
        },
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
    typed_request("fake_task", file)
}

fn typed_request(task_type: &str, file: &str) -> LoadRequest {
    let mut request = LoadRequest::new(task_type, vec![file.to_string()]);
    request.batch = Some("refused".into());
    request.chunk_lines = 100;
    request
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_load_the_server_refuses_mid_way_keeps_its_count_and_completes_when_run_again() {
    let app = format!("vulyk_fault_{:08x}", rand::random::<u32>());
    let mut f = fixture_as_app(&app).await;
    let _turn = FAIL_POINT.lock().await;
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

/// Every command a volunteer's request may send.
const WORK_COMMANDS: &[&str] = &[
    "find",
    "findAndModify",
    "update",
    "insert",
    "delete",
    "aggregate",
    "count",
    "getMore",
];
/// More steps than any hand-out, skip or answer (of a gamified type: paid, too) takes, so
/// that every step is failed once.
const STEPS: u32 = 24;

/// Retries `op` (as a volunteer's browser would) until it gives an answer that is not a
/// storage error; at most 20 times.
async fn retried<T>(mut op: impl AsyncFnMut() -> crate::Result<T>) -> crate::Result<T> {
    for _ in 0..20 {
        match op().await {
            Err(Error::Store { .. }) => continue,
            other => return other,
        }
    }
    op().await
}

/// Each task's stored state agrees with itself: no more volunteers than its redundancy
/// between answers and live leases, each answer stored once and counted once, each
/// volunteer in at most one open session per task and once among those who skipped it.
async fn assert_tasks_consistent(f: &Fixture, redundancy: usize) {
    let store = MongoStore::open(f.mongo_url().expect("a MongoDB fixture"))
        .await
        .unwrap();
    let tasks = store.coll("tasks").find(doc! {}).await.unwrap();
    let tasks = store.collect(tasks, Ok).await.unwrap();
    assert!(!tasks.is_empty());
    for task in tasks {
        let id = task.get_str("_id").unwrap().to_string();
        let processed = task.get_array("usersProcessed").map_or(0, Vec::len);
        let count = count(&task, "usersCount") as usize;
        let leases = task.get_array("leases").map_or(0, Vec::len);
        let reports = store
            .coll("reports")
            .count_documents(doc! { "task": &id })
            .await
            .unwrap() as usize;
        assert_eq!(count, processed, "{id}: usersCount");
        assert_eq!(reports, processed, "{id}: answers stored");
        assert!(
            processed + leases <= redundancy,
            "{id}: {processed} answers, {leases} leases"
        );
        let skipped = task.get_array("usersSkipped").cloned().unwrap_or_default();
        let distinct: std::collections::HashSet<_> =
            skipped.iter().map(ToString::to_string).collect();
        assert_eq!(distinct.len(), skipped.len(), "{id}: a skip counted twice");
    }
    let doubled = store
        .coll("work_sessions")
        .aggregate(vec![
            doc! { "$match": { "end_time": null } },
            doc! { "$group": { "_id": { "user": "$user", "task": "$task" }, "n": { "$sum": 1 } } },
            doc! { "$match": { "n": { "$gt": 1 } } },
        ])
        .await
        .unwrap();
    let doubled = store.collect(doubled, Ok).await.unwrap();
    assert!(
        doubled.is_empty(),
        "two open sessions of one volunteer on a task: {doubled:?}"
    );
}

/// Every counter an answer advances equals what the stored answers say, and every answer is
/// paid exactly once — whichever step of the answer a fault interrupted.
async fn assert_counters_exact(f: &Fixture) {
    let store = MongoStore::open(f.mongo_url().expect("a MongoDB fixture"))
        .await
        .unwrap();
    let reports_by = async |user: ObjectId| {
        store
            .coll("reports")
            .count_documents(doc! { "createdBy": user })
            .await
            .unwrap()
    };
    let users = store.coll("user").find(doc! {}).await.unwrap();
    let users = store.collect(users, Ok).await.unwrap();
    let mut answered = 0;
    for user in users {
        let oid = user.get_object_id("_id").unwrap();
        let name = user.get_str("username").unwrap_or_default().to_string();
        let answers = reports_by(oid).await;
        answered += answers;
        assert_eq!(count(&user, "processed"), answers, "{name}: processed");
        let counted = store
            .coll(super::ANSWER_COUNTS)
            .find_one(doc! { "_id": { "taskType": GAMIFIED, "user": oid } })
            .await
            .unwrap()
            .map_or(0, |d| count(&d, "answers"));
        assert_eq!(counted, answers, "{name}: answers on the leaderboard");
        let id = UserId::from_stored(oid.to_hex());
        let state = f.vulyk.user_state(&id).await.unwrap();
        assert_eq!(
            state.points.units(),
            Amount::whole(answers as i64).units(),
            "{name}: points"
        );
        let paid = store
            .coll(super::rewards::EVENTS)
            .count_documents(doc! { "user": oid, "answer": { "$ne": null } })
            .await
            .unwrap();
        assert_eq!(paid, answers, "{name}: answers paid");
    }
    assert!(answered > 0);
    let batch = store
        .coll("batches")
        .find_one(doc! { "_id": "refused" })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        count(&batch, "answersCount"),
        answered,
        "the batch's answers"
    );
    let tasks = store.coll("tasks").find(doc! {}).await.unwrap();
    let tasks = store.collect(tasks, Ok).await.unwrap();
    let closed = tasks
        .iter()
        .filter(|t| t.get_bool("closed").unwrap_or(false))
        .count();
    assert_eq!(
        count(&batch, "tasksProcessed"),
        closed as u64,
        "closed tasks"
    );
    let histogram = batch.get_document(HISTOGRAM).cloned().unwrap_or_default();
    for answers in 1..=3 {
        let tasks = tasks
            .iter()
            .filter(|t| count(t, "usersCount") == answers)
            .count();
        let bucket = histogram
            .get(answers.to_string())
            .map_or(0, |b| b.as_i64().unwrap_or(0));
        assert_eq!(bucket, tasks as i64, "tasks with {answers} answers");
    }
    let pending = tasks
        .iter()
        .filter(|t| t.contains_key("pendingAnswers"))
        .count();
    assert_eq!(pending, 0, "answers still being counted");
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_fault_at_any_step_of_a_hand_out_a_skip_or_an_answer_is_repaired_by_the_retry() {
    let app = format!("vulyk_fault_{:08x}", rand::random::<u32>());
    let f = fixture_as_app(&app).await;
    let _turn = FAIL_POINT.lock().await;
    // A gamified type, so that the reward is one of the steps a fault can interrupt.
    f.vulyk.init(&[GAMIFIED.to_string()]).await.unwrap();
    let file = f.file("tasks.jsonl", &lines());
    let mut load = typed_request(GAMIFIED, &file);
    load.meta = vec![
        ("points_per_task".into(), "1".into()),
        ("coins_per_task".into(), "1".into()),
    ];
    f.vulyk.load(load, &|_| {}).await.unwrap();
    let redundancy = f.vulyk.plugins().get(GAMIFIED).unwrap().redundancy as usize;
    for kind in [Fault::Refuse, Fault::Drop] {
        // How many first tries the fault reached (each a hand-out, a skip, an answer).
        let mut failed = [0; 3];
        for step in 0..STEPS {
            let name = format!("v{kind:?}{step}").to_lowercase();
            let user = f
                .vulyk
                .add_user(&name, &format!("{name}@example.org"), "", false)
                .await
                .unwrap();
            // A hand-out whose step fails, then asked again.
            fault(&app, WORK_COMMANDS, step, 1, kind).await;
            let first = f.vulyk.next_task(&user, GAMIFIED).await;
            fail_point(&app, WORK_COMMANDS, 0, 0).await;
            failed[0] += usize::from(first.is_err());
            let task = retried(async || f.vulyk.next_task(&user, GAMIFIED).await)
                .await
                .unwrap()
                .expect("a task");
            if let Ok(Some(first)) = first {
                assert_eq!(first.id, task.id, "asking again gives the leased task");
            }
            // A skip whose step fails, then sent again.
            fault(&app, WORK_COMMANDS, step, 1, kind).await;
            let skipped = f.vulyk.skip(&user, GAMIFIED, &task.id).await;
            fail_point(&app, WORK_COMMANDS, 0, 0).await;
            failed[1] += usize::from(skipped.is_err());
            retried(async || f.vulyk.skip(&user, GAMIFIED, &task.id).await)
                .await
                .unwrap();
            // An answer whose step fails, then sent again: accepted once, or "already".
            let task = retried(async || f.vulyk.next_task(&user, GAMIFIED).await)
                .await
                .unwrap()
                .expect("a task");
            let result = json!({"by": name});
            fault(&app, WORK_COMMANDS, step, 1, kind).await;
            let first = f.vulyk.answer(&user, GAMIFIED, &task.id, &result).await;
            fail_point(&app, WORK_COMMANDS, 0, 0).await;
            failed[2] += usize::from(first.is_err());
            // Every other volunteer gives up after the failure: the sweep completes theirs.
            if first.is_err() && step % 2 == 0 {
                match retried(async || f.vulyk.answer(&user, GAMIFIED, &task.id, &result).await)
                    .await
                {
                    Ok(_) | Err(Error::Conflict(_)) => {}
                    Err(other) => panic!("{kind:?} at step {step}: {other}"),
                }
            }
        }
        // Every operation met its fault at more than one of its steps.
        assert!(failed.iter().all(|&n| n >= 2), "{kind:?}: {failed:?}");
    }
    f.clock.advance(chrono::Duration::minutes(2));
    let swept = f.vulyk.settle_interrupted_answers().await.unwrap();
    assert!(swept.failed.is_empty(), "{:?}", swept.failed);
    assert!(
        swept.settled + swept.paid > 0,
        "the sweep had answers to complete"
    );
    assert_tasks_consistent(&f, redundancy).await;
    assert_counters_exact(&f).await;
}

/// A task whose closing answer stopped half-way (marked closed, its report not written) is
/// taken by no incremental export until the answer is complete: a window ends before it.
/// Otherwise the task would be exported without its closing answer, and the report written
/// later would fall in a window already taken.
#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_closing_answer_half_written_holds_the_window_back() {
    use crate::service::{ExportRequest, Increment};

    let app = format!("vulyk_window_{:08x}", rand::random::<u32>());
    let f = fixture_as_app(&app).await;
    let _turn = FAIL_POINT.lock().await;
    f.vulyk.init(&["fake_task".to_string()]).await.unwrap();
    let file = f.file("one.jsonl", b"{\"n\": 1}\n");
    f.vulyk.load(request(&file), &|_| {}).await.unwrap();
    let mut users = Vec::new();
    for name in ["ann", "bob", "cid"] {
        let email = format!("{name}@example.org");
        users.push(f.vulyk.add_user(name, &email, "", false).await.unwrap());
    }
    let mut task = None;
    for (n, user) in users.iter().enumerate() {
        let id = f
            .vulyk
            .next_task(user, "fake_task")
            .await
            .unwrap()
            .unwrap()
            .id;
        if n == 2 {
            // The third answer closes the task; writing its report fails.
            fail_point(&app, &["insert"], 0, 1).await;
        }
        let answered = f
            .vulyk
            .answer(user, "fake_task", &id, &json!({"n": n}))
            .await;
        fail_point(&app, &["insert"], 0, 0).await;
        assert_eq!(answered.is_err(), n == 2, "{answered:?}");
        task = Some(id);
    }
    let task = task.unwrap();
    let stored = f.store.task(&task).await.unwrap().unwrap();
    assert!(
        stored.closed,
        "counted and closed before its report is written"
    );
    let nightly = ExportRequest {
        increment: Some(Increment::Cursor("nightly".into())),
        ..ExportRequest::new("fake_task")
    };
    let export = async || {
        let mut out = Vec::new();
        let summary = f.vulyk.export(&nightly, &mut out, "memory", &|_| {}).await;
        (summary.unwrap(), String::from_utf8(out).unwrap())
    };
    f.clock.advance(chrono::Duration::minutes(5));
    let (held, _) = export().await;
    assert_eq!(
        held.tasks, 0,
        "the half-written answer holds the window back"
    );
    f.clock.advance(chrono::Duration::minutes(2));
    let swept = f.vulyk.settle_interrupted_answers().await.unwrap();
    assert_eq!(swept.settled, 1, "{swept:?}");
    let (taken, text) = export().await;
    assert_eq!(taken.tasks, 1);
    let answers: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(
        answers.as_array().map(Vec::len),
        Some(3),
        "with its closing answer"
    );
}

/// The coins are taken and the donation noted in the volunteer's state in one update; its
/// record is then copied out of the state. When that copy fails the donation is made all the
/// same: the volunteer hears so (not "error", which would have them give again), and the
/// next read of the state writes the record.
#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_donation_whose_record_is_written_later_is_made_once() {
    use crate::gamification::{DonationResult, Fund};

    let app = format!("vulyk_donation_{:08x}", rand::random::<u32>());
    let f = fixture_as_app(&app).await;
    let _turn = FAIL_POINT.lock().await;
    let fund = Fund {
        id: "open".into(),
        name: "Open".into(),
        description: "<p>helps</p>".into(),
        site: None,
        email: None,
        donatable: true,
        has_logo: false,
    };
    f.vulyk.add_fund(&fund, None).await.unwrap();
    f.vulyk.init(&["fake_task".to_string()]).await.unwrap();
    let ann = f
        .vulyk
        .add_user("ann", "ann@example.org", "", false)
        .await
        .unwrap();
    let client = Client::with_uri_str(f.mongo_url().unwrap()).await.unwrap();
    let db = client.default_database().unwrap();
    db.collection::<Document>(super::rewards::STATES)
        .insert_one(doc! {
            "user": ObjectId::parse_str(ann.id.as_str()).unwrap(),
            "level": 1_i64,
            "actualCoins": Amount::whole(10).units(),
            "version": 1_i64,
        })
        .await
        .unwrap();
    fail_point(&app, &["insert"], 0, 1).await;
    let given = f.vulyk.donate(&ann, "open", Amount::whole(4)).await;
    fail_point(&app, &["insert"], 0, 0).await;
    assert_eq!(given, DonationResult::Success);
    let state = f.vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!(state.actual_coins, Amount::whole(6), "taken once");
    let donations = f.vulyk.donations(&ann.id).await.unwrap();
    assert_eq!(donations.len(), 1, "{donations:?}");
    assert_eq!(donations[0].coins, -Amount::whole(4));
}
