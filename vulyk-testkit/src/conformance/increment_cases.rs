//! Incremental exports (`--since`, `--cursor`) on every backend: each closed task is taken by
//! exactly one of a cursor's exports, racing exports included, and a cursor moves only when
//! its export is complete.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use vulyk_core::Error;
use vulyk_core::domain::User;
use vulyk_core::fixture::Fixture;
use vulyk_core::service::{Clock, EXPORT_SETTLE, ExportRequest, Increment};
use vulyk_core::store::ExportCursor;

use super::work_cases::{volunteer, with_tasks};

const TYPE: &str = "fake_task";

fn by_cursor(name: &str) -> ExportRequest {
    ExportRequest {
        increment: Some(Increment::Cursor(name.to_string())),
        ..ExportRequest::new(TYPE)
    }
}

/// The ids of the tasks an export wrote, in the order written.
async fn exported(f: &Fixture, request: &ExportRequest) -> vulyk_core::Result<Vec<String>> {
    let mut out = Vec::new();
    let summary = f.vulyk.export(request, &mut out, "memory", &|_| {}).await?;
    let ids: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|line| {
            let answers: Value = serde_json::from_str(line).unwrap();
            answers[0]["task"]["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len() as u64, summary.tasks);
    Ok(ids)
}

async fn closed_ids(f: &Fixture) -> HashSet<String> {
    let all = exported(f, &ExportRequest::new(TYPE)).await.unwrap();
    all.into_iter().collect()
}

/// Each of `users` answers the next task handed to them.
async fn round(f: &Fixture, users: &[User]) {
    for user in users {
        let task = f.vulyk.next_task(user, TYPE).await.unwrap().unwrap();
        let answer = json!({"label": user.username});
        f.vulyk.answer(user, TYPE, &task.id, &answer).await.unwrap();
    }
}

async fn volunteers(f: &Fixture, names: &[&str]) -> Vec<User> {
    let mut users = Vec::new();
    for name in names {
        users.push(volunteer(f, name).await);
    }
    users
}

fn later(f: &Fixture, by: Duration) {
    f.clock.advance(by);
}

pub async fn a_cursor_takes_each_closed_task_once(f: &Fixture) {
    // Redundancy 3, four tasks: three volunteers close them one round at a time.
    with_tasks(f, "b", 4).await;
    let users = volunteers(f, &["ann", "bob", "cid"]).await;
    let mut taken = Vec::new();
    for _ in 0..4 {
        round(f, &users).await;
        later(f, Duration::hours(1));
        let before = closed_ids(f).await;
        let ids = exported(f, &by_cursor("nightly")).await.unwrap();
        let new: HashSet<String> = before
            .iter()
            .filter(|id| !taken.contains(*id))
            .cloned()
            .collect();
        assert_eq!(ids.iter().cloned().collect::<HashSet<_>>(), new);
        taken.extend(ids);
    }
    assert_eq!(taken.len(), 4, "every task once: {taken:?}");
    assert_eq!(taken.iter().collect::<HashSet<_>>().len(), 4);
    later(f, Duration::hours(1));
    let again = exported(f, &by_cursor("nightly")).await.unwrap();
    assert!(again.is_empty(), "nothing new: {again:?}");
    let cursor = f.vulyk.export_cursors().await.unwrap();
    assert_eq!(cursor.len(), 1);
    assert_eq!(cursor[0].position, f.clock.now() - EXPORT_SETTLE);
    assert_eq!(
        (cursor[0].task_type.as_str(), cursor[0].batch.as_deref()),
        (TYPE, None)
    );
}

pub async fn answers_still_settling_wait_for_the_next_window(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let users = volunteers(f, &["ann", "bob", "cid"]).await;
    round(f, &users).await; // closes the only task
    later(f, EXPORT_SETTLE - Duration::seconds(1));
    let first = exported(f, &by_cursor("c")).await.unwrap();
    assert!(first.is_empty(), "answered less than the settling time ago");
    later(f, Duration::seconds(2));
    let second = exported(f, &by_cursor("c")).await.unwrap();
    assert_eq!(second.len(), 1);
}

pub async fn since_takes_tasks_whose_newest_answer_came_after_it(f: &Fixture) {
    with_tasks(f, "b", 3).await;
    let start = f.clock.now();
    let ann = volunteer(f, "ann").await;
    let bob = volunteer(f, "bob").await;
    round(f, std::slice::from_ref(&ann)).await; // one open task, answered at the start
    later(f, Duration::hours(2));
    let since: DateTime<Utc> = f.clock.now();
    round(f, std::slice::from_ref(&bob)).await; // bob's task: answered after `since`
    later(f, Duration::hours(1));
    let request = |since| ExportRequest {
        include_open: true,
        increment: Some(Increment::Since(since)),
        ..ExportRequest::new(TYPE)
    };
    let mut out = Vec::new();
    let summary = f
        .vulyk
        .export(&request(since), &mut out, "memory", &|_| {})
        .await
        .unwrap();
    let window = summary.window.expect("an incremental export has a window");
    assert_eq!(
        (window.since, window.until),
        (since, f.clock.now() - EXPORT_SETTLE)
    );
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Bob's task, with every answer it has: bob's and, if he got ann's task, hers too.
    assert_eq!(lines.len(), 1, "{lines:?}");
    for line in &lines {
        let who: Vec<&str> = line
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["user"]["username"].as_str().unwrap())
            .collect();
        assert!(who.contains(&"bob"), "only tasks answered since: {who:?}");
    }
    let everything = exported(f, &request(start)).await.unwrap();
    let answered_tasks = if lines[0].as_array().unwrap().len() == 2 {
        1
    } else {
        2
    };
    assert_eq!(
        everything.len(),
        answered_tasks,
        "from the start: every answered task"
    );
    assert!(
        f.vulyk.export_cursors().await.unwrap().is_empty(),
        "--since keeps no cursor"
    );
}

pub async fn racing_exports_with_one_cursor_take_each_task_once(f: &Fixture) {
    with_tasks(f, "b", 6).await;
    let users = volunteers(f, &["ann", "bob", "cid"]).await;
    for _ in 0..6 {
        round(f, &users).await;
    }
    later(f, Duration::hours(1));
    let all = closed_ids(f).await;
    assert_eq!(all.len(), 6);
    let request = by_cursor("shared");
    let (a, b) = tokio::join!(exported(f, &request), exported(f, &request));
    let mut taken = Vec::new();
    for outcome in [a, b] {
        match outcome {
            Ok(ids) => taken.extend(ids),
            // The loser's export is not complete: its tasks are not counted as taken.
            Err(Error::Conflict(why)) => assert!(why.contains("was moved"), "{why}"),
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(taken.len(), 6, "each closed task once: {taken:?}");
    assert_eq!(taken.into_iter().collect::<HashSet<_>>(), all);
}

/// A writer that fails after a few bytes: an export that does not complete.
struct Failing(usize);

impl std::io::Write for Failing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0 < buf.len() {
            return Err(std::io::Error::other("disk full"));
        }
        self.0 -= buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub async fn a_cursor_moves_only_when_its_export_completes(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let users = volunteers(f, &["ann", "bob", "cid"]).await;
    round(f, &users).await;
    later(f, Duration::hours(1));
    let failed = f
        .vulyk
        .export(&by_cursor("c"), &mut Failing(10), "full disk", &|_| {})
        .await;
    assert!(matches!(failed, Err(Error::Io { .. })), "{failed:?}");
    assert!(f.vulyk.export_cursors().await.unwrap().is_empty());
    // A file export that fails leaves neither the file nor a cursor.
    let missing = f.path("no such folder").join("out.jsonl");
    let request = by_cursor("c");
    let refused = f.vulyk.export_to(&request, Some(&missing), &|_| {}).await;
    assert!(refused.is_err());
    assert!(f.vulyk.export_cursors().await.unwrap().is_empty());
    // A file there already (yesterday's, say) is not replaced: its window is past the cursor.
    let path = f.path("out.jsonl");
    std::fs::write(&path, b"yesterday").unwrap();
    let refused = f.vulyk.export_to(&request, Some(&path), &|_| {}).await;
    assert!(
        matches!(&refused, Err(Error::Conflict(why)) if why.contains("exists")),
        "{refused:?}"
    );
    assert!(f.vulyk.export_cursors().await.unwrap().is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), b"yesterday");
    assert!(!f.path("out.jsonl.partial").exists());
    std::fs::remove_file(&path).unwrap();
    // Nor does an export with a cursor write to standard output, which it could not take back.
    let to_stdout = f.vulyk.export_to(&request, None, &|_| {}).await;
    assert!(matches!(to_stdout, Err(Error::Invalid(_))), "{to_stdout:?}");
    let (summary, _) = f
        .vulyk
        .export_to(&request, Some(&path), &|_| {})
        .await
        .unwrap();
    assert_eq!(summary.tasks, 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 1);
    let moved = f.vulyk.export_cursors().await.unwrap();
    assert_eq!(moved[0].position, f.clock.now() - EXPORT_SETTLE);
}

pub async fn a_cursor_follows_one_scope(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    exported(f, &by_cursor("c")).await.unwrap();
    let other_batch = ExportRequest {
        batch: Some("b".into()),
        ..by_cursor("c")
    };
    let refused = exported(f, &other_batch).await.unwrap_err();
    assert!(
        matches!(&refused, Error::Conflict(why) if why.contains("follows type fake_task, all batches")),
        "{refused:?}"
    );
    let open_too = ExportRequest {
        include_open: true,
        ..by_cursor("c")
    };
    let refused = exported(f, &open_too).await.unwrap_err();
    assert!(
        matches!(&refused, Error::Conflict(why) if why.contains("closed tasks, not type")),
        "{refused:?}"
    );
    let bad_name = exported(f, &by_cursor("no spaces")).await.unwrap_err();
    assert!(matches!(bad_name, Error::Invalid(_)), "{bad_name:?}");
    f.vulyk.delete_export_cursor("c").await.unwrap();
    let gone = f.vulyk.delete_export_cursor("c").await.unwrap_err();
    assert!(matches!(gone, Error::NotFound { .. }), "{gone:?}");
    exported(f, &other_batch).await.unwrap();
}

pub async fn cursors_move_only_from_where_they_stand(f: &Fixture) {
    let at = |s: i64| DateTime::from_timestamp(1_700_000_000 + s, 0).unwrap();
    let cursor = ExportCursor {
        name: "n".into(),
        task_type: TYPE.into(),
        batch: Some("b".into()),
        include_open: false,
        position: at(10),
        advanced_at: at(70),
    };
    let store = &f.store;
    assert!(store.advance_cursor(None, &cursor).await.unwrap());
    assert!(
        !store.advance_cursor(None, &cursor).await.unwrap(),
        "made once"
    );
    let next = ExportCursor {
        position: at(20),
        ..cursor.clone()
    };
    assert!(!store.advance_cursor(Some(at(11)), &next).await.unwrap());
    assert_eq!(store.cursor("n").await.unwrap(), Some(cursor.clone()));
    assert!(store.advance_cursor(Some(at(10)), &next).await.unwrap());
    assert_eq!(store.cursors().await.unwrap(), vec![next]);
    assert_eq!(store.cursor("other").await.unwrap(), None);
}

pub async fn an_answer_after_an_early_close_does_not_take_the_task_again(f: &Fixture) {
    // Agreement of two closes a task early, while a third volunteer still holds it.
    f.vulyk.init(&["agree_task".to_string()]).await.unwrap();
    let file = f.file("one.jsonl", b"{\"n\": 1}\n");
    let load = super::service_cases::request("agree_task", &[&file], None);
    super::service_cases::load(f, load).await.unwrap();
    let users = volunteers(f, &["ann", "bob", "cid"]).await;
    let mut id = None;
    for user in &users {
        id = f
            .vulyk
            .next_task(user, "agree_task")
            .await
            .unwrap()
            .map(|t| t.id);
    }
    let id = id.expect("one task, held by all three");
    for user in &users[..2] {
        let agreed = json!({"label": "same"});
        let outcome = f
            .vulyk
            .answer(user, "agree_task", &id, &agreed)
            .await
            .unwrap();
        assert_eq!(outcome.closed_task, user.username == "bob");
    }
    // Past the settling time, within cid's lease.
    later(f, Duration::minutes(2));
    let nightly = ExportRequest {
        increment: Some(Increment::Cursor("nightly".into())),
        ..ExportRequest::new("agree_task")
    };
    assert_eq!(exported(f, &nightly).await.unwrap().len(), 1);
    // Cid's answer, within his lease, is taken after the task closed.
    let late = json!({"label": "other"});
    f.vulyk
        .answer(&users[2], "agree_task", &id, &late)
        .await
        .unwrap();
    later(f, Duration::hours(1));
    let again = exported(f, &nightly).await.unwrap();
    assert!(
        again.is_empty(),
        "the task closed in the first window only: {again:?}"
    );
    let whole = ExportRequest::new("agree_task");
    let mut out = Vec::new();
    f.vulyk
        .export(&whole, &mut out, "memory", &|_| {})
        .await
        .unwrap();
    let answers: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        answers.as_array().map(Vec::len),
        Some(3),
        "the whole export has it"
    );
}
