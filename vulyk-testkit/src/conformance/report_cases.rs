//! Export and stats, on every backend (spec 6, 7.5; test_task_types.py's export cases).

use chrono::Duration;
use serde_json::{Value, json};
use vulyk_core::domain::{TaskId, User};
use vulyk_core::export::ExportFormat;
use vulyk_core::fixture::Fixture;
use vulyk_core::service::{Clock, ExportRequest};

use super::work_cases::{volunteer, with_tasks};

async fn export(f: &Fixture, request: &ExportRequest) -> String {
    let mut out = Vec::new();
    let summary = f
        .vulyk
        .export(request, &mut out, "test output", &|_| {})
        .await
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    if request.format == ExportFormat::Jsonl {
        assert_eq!(text.lines().count() as u64, summary.tasks);
    }
    text
}

fn parsed(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The user takes the next task and answers it with their name; `None` when none is left.
async fn answer_next(f: &Fixture, user: &User) -> Option<TaskId> {
    let task = f.vulyk.next_task(user, "fake_task").await.unwrap()?;
    let label = json!({"label": user.username});
    f.vulyk
        .answer(user, "fake_task", &task.id, &label)
        .await
        .unwrap();
    Some(task.id)
}

/// `users` each answer one task.
async fn round(f: &Fixture, users: &[User]) {
    for user in users {
        answer_next(f, user)
            .await
            .expect("a task for each volunteer");
    }
}

async fn three_volunteers(f: &Fixture) -> Vec<User> {
    let mut users = Vec::new();
    for name in ["ann", "bob", "cid"] {
        users.push(volunteer(f, name).await);
    }
    users
}

pub async fn export_takes_closed_tasks_with_all_their_answers(f: &Fixture) {
    with_tasks(f, "b", 2).await;
    let users = three_volunteers(f).await;
    // Every volunteer works until nothing is left: each task closes with three answers.
    for user in &users {
        while answer_next(f, user).await.is_some() {}
    }
    let lines = parsed(&export(f, &ExportRequest::new("fake_task")).await);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let answers = line.as_array().unwrap();
        assert_eq!(answers.len(), 3);
        let id = answers[0]["task"]["id"].as_str().unwrap();
        let stored = f
            .store
            .task(&TaskId::from_stored(id.to_string()))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(answers[0]["task"]["data"], stored.data);
        assert_eq!(answers[0]["task"]["closed"], json!(true));
        let mut who: Vec<&str> = answers
            .iter()
            .map(|a| a["user"]["username"].as_str().unwrap())
            .collect();
        who.sort_unstable();
        assert_eq!(who, ["ann", "bob", "cid"]);
        for answer in answers {
            assert_eq!(answer["answer"]["label"], answer["user"]["username"]);
            assert_eq!(
                answer["user"]["email"],
                json!(format!(
                    "{}@example.org",
                    answer["user"]["username"].as_str().unwrap()
                ))
            );
            assert!(answer.get("session").is_none());
        }
    }
}

pub async fn export_filters_by_batch_and_openness(f: &Fixture) {
    with_tasks(f, "b0", 1).await;
    let file = f.file("b1.jsonl", super::service_cases::lines(10..12).as_bytes());
    super::service_cases::load(
        f,
        super::service_cases::request("fake_task", &[&file], Some("b1")),
    )
    .await
    .unwrap();
    let users = three_volunteers(f).await;
    round(f, &users).await; // b0's only task: closed by three answers
    let one = volunteer(f, "dan").await;
    round(f, &[one]).await; // one answer on a task of b1, still open

    let mut request = ExportRequest::new("fake_task");
    assert_eq!(parsed(&export(f, &request).await).len(), 1);
    request.batch = Some("b1".into());
    assert_eq!(export(f, &request).await, "", "b1 has no closed task");
    request.include_open = true;
    let lines = parsed(&export(f, &request).await);
    let mut sizes: Vec<usize> = lines.iter().map(|l| l.as_array().unwrap().len()).collect();
    sizes.sort_unstable();
    assert_eq!(
        sizes,
        [0, 1],
        "open tasks come with the answers they have, or []"
    );
    request.batch = Some("nope".into());
    let mut sink = Vec::new();
    let err = f
        .vulyk
        .export(&request, &mut sink, "x", &|_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(err, vulyk_core::Error::NotFound { kind: "batch", .. }),
        "{err:?}"
    );
}

pub async fn export_with_sessions_pairs_each_answer_with_its_session(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let users = three_volunteers(f).await;
    let mut durations = Vec::new();
    for (i, user) in users.iter().enumerate() {
        let task = f.vulyk.next_task(user, "fake_task").await.unwrap().unwrap();
        let minutes = 3 + 2 * i as i64;
        f.clock.advance(Duration::minutes(minutes));
        f.vulyk
            .record_activity(user, "fake_task", &task.id, 60 * i as i64)
            .await
            .unwrap();
        f.vulyk
            .answer(user, "fake_task", &task.id, &json!({"i": i}))
            .await
            .unwrap();
        durations.push((i, 60 * minutes, 60 * i as i64));
    }
    let mut request = ExportRequest::new("fake_task");
    request.with_sessions = true;
    let lines = parsed(&export(f, &request).await);
    let answers = lines[0].as_array().unwrap();
    for (i, duration, activity) in durations {
        let answer = answers
            .iter()
            .find(|a| a["answer"]["i"] == json!(i))
            .unwrap();
        let session = &answer["session"];
        assert_eq!(session["duration"], json!(duration));
        assert_eq!(session["activity"], json!(activity));
        let start = session["start_time"].as_str().unwrap();
        assert_eq!(start.len(), "2025-11-24T16:00:00".len(), "{start}");
        assert!(!start.ends_with('Z'), "naive UTC, as the original wrote it");
    }
}

pub async fn export_as_csv_with_the_majority_answer(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let users = three_volunteers(f).await;
    let labels = [
        json!({"tag": "A", "n": 1}),
        json!({"n": 1, "tag": "A"}),
        json!({"tag": "B"}),
    ];
    for (user, label) in users.iter().zip(&labels) {
        let task = f.vulyk.next_task(user, "fake_task").await.unwrap().unwrap();
        f.vulyk
            .answer(user, "fake_task", &task.id, label)
            .await
            .unwrap();
    }
    let mut request = ExportRequest::new("fake_task");
    request.aggregate = Some(vulyk_core::export::Aggregate::Majority);
    let line = &parsed(&export(f, &request).await)[0];
    assert_eq!(line["answers"].as_array().unwrap().len(), 3);
    assert_eq!(line["majority"]["answer"], labels[0]);
    assert_eq!(line["majority"]["votes"], json!(2));
    assert_eq!(line["majority"]["share"], json!(0.6667));

    request.format = ExportFormat::Csv;
    let csv = export(f, &request).await;
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "task_id,batch,task_closed,username,email,created_at,answer,majority,agreement"
    );
    assert_eq!(rows.len(), 4);
    assert!(
        rows[1].contains(",b,true,ann,ann@example.org,"),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].ends_with(r#","{""tag"":""A"",""n"":1}",0.6667"#),
        "{}",
        rows[1]
    );
}

pub async fn batch_stats_come_from_the_counters(f: &Fixture) {
    with_tasks(f, "b", 4).await;
    let users = three_volunteers(f).await;
    // Three answers on one task (closed), then one more on another.
    let task = f
        .vulyk
        .next_task(&users[0], "fake_task")
        .await
        .unwrap()
        .unwrap();
    for user in &users {
        f.vulyk
            .answer(user, "fake_task", &task.id, &json!({}))
            .await
            .unwrap();
    }
    let extra = volunteer(f, "dan").await;
    round(f, &[extra]).await;
    let stats = f.vulyk.batch_stats(Some("b"), None).await.unwrap();
    assert_eq!(stats.len(), 1);
    let s = &stats[0];
    assert_eq!((s.total, s.completed, s.answers), (4, 1, 4));
    assert_eq!(s.percent_completed, 25.0);
    // (3 + 1) of 4 × 3 answers needed.
    assert!((s.percent_answers.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(s.breakdown, vec![(0, 2), (1, 1), (3, 1)]);
    let err = f.vulyk.batch_stats(Some("nope"), None).await.unwrap_err();
    assert!(matches!(err, vulyk_core::Error::NotFound { .. }), "{err:?}");
    assert!(
        f.vulyk
            .batch_stats(None, Some("gamified_task"))
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn overview_shows_recent_work(f: &Fixture) {
    with_tasks(f, "b", 5).await;
    let users = three_volunteers(f).await;
    for user in &users[..2] {
        let task = f.vulyk.next_task(user, "fake_task").await.unwrap().unwrap();
        f.clock.advance(Duration::seconds(40));
        f.vulyk
            .answer(user, "fake_task", &task.id, &json!({}))
            .await
            .unwrap();
    }
    f.vulyk
        .next_task(&users[2], "fake_task")
        .await
        .unwrap()
        .unwrap(); // a live lease
    let overview = f.vulyk.overview().await.unwrap();
    assert_eq!(overview.at, f.clock.now());
    let fake = overview
        .types
        .iter()
        .find(|t| t.task_type == "fake_task")
        .unwrap();
    assert_eq!(fake.batches.len(), 1);
    let b = &fake.batches[0];
    assert_eq!(
        (b.total, b.open, b.closed, b.answers, b.live_leases),
        (5, 5, 0, 2, 1)
    );
    // Answers out of those needed (5 tasks × redundancy 3), as `stats batch` counts them.
    let stats = f.vulyk.batch_stats(Some("b"), None).await.unwrap();
    assert_eq!(b.percent_answers, stats[0].percent_answers);
    assert!((b.percent_answers.unwrap() - 200.0 / 15.0).abs() < 1e-9);
    assert_eq!((fake.volunteers_24h, fake.volunteers_7d), (2, 2));
    assert_eq!(fake.answers_per_hour.len(), 48);
    assert_eq!(fake.answers_per_hour.iter().sum::<u64>(), 2);
    assert_eq!(fake.median_seconds, Some(40));
    f.clock.advance(Duration::days(2));
    let later = f.vulyk.overview().await.unwrap();
    let fake = later
        .types
        .iter()
        .find(|t| t.task_type == "fake_task")
        .unwrap();
    assert_eq!((fake.volunteers_24h, fake.volunteers_7d), (0, 2));
    assert_eq!(fake.answers_per_hour.iter().sum::<u64>(), 0);
    assert_eq!(fake.batches[0].live_leases, 0, "the lease expired");
}
