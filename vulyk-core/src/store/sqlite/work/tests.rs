//! The volunteers' writes stay index lookups however many sessions and answers the database
//! holds: each operation is counted in SQLite virtual-machine steps beside a database where
//! other volunteers have thousands of finished and open sessions. A statement that scanned
//! `work_sessions` or `answers` would take tens of thousands.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::*;
use crate::store::sqlite::schema;

/// Sessions (and answers) of other volunteers already stored, finished and open alike.
const OTHERS_SESSIONS: usize = 4_000;
/// A seek through a few indexes costs hundreds of steps; a scan over the sessions above at
/// least one step per row.
const MAX_STEPS: u64 = 3_000;
/// The progress handler runs once per this many steps.
const STEPS_PER_CALL: i32 = 10;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

/// Users `u0`…`u99`, batch `b` of type `t` with 10,000 tasks; every user but `u0` has
/// answered some tasks and holds open sessions on others.
fn crowded_store() -> Connection {
    let mut c = Connection::open_in_memory().unwrap();
    schema::migrate(&mut c).unwrap();
    c.execute_batch(&format!(
        "INSERT INTO users (id, username, email, created_at)
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
             SELECT 'u' || i, 'u' || i, 'u' || i || '@example.org', '2026-01-01' FROM n;
         INSERT INTO batches (id, task_type, tasks_count) VALUES ('b', 't', 10000);
         INSERT INTO tasks (id, task_type, batch, task_data)
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
             SELECT printf('task%05d', i), 't', 'b', '{{}}' FROM n;
         INSERT INTO answers (id, task_id, task_type, user_id, created_at, result)
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {last})
             SELECT printf('answer%05d', i), printf('task%05d', i), 't', 'u' || (1 + i % 99),
                    0, '{{}}' FROM n;
         INSERT INTO work_sessions (user_id, task_id, task_type, answer_id, start_time, end_time)
             SELECT user_id, task_id, 't', id, 0, 1 FROM answers;
         INSERT INTO work_sessions (user_id, task_id, task_type, start_time)
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {last})
             SELECT 'u' || (1 + i % 99), printf('task%05d', 5000 + i), 't', 0 FROM n;",
        last = OTHERS_SESSIONS - 1
    ))
    .unwrap();
    c
}

/// Runs `operation` in a transaction, as the writer does, and returns its result with the
/// virtual-machine steps it took.
fn counted<T>(c: &Connection, operation: impl FnOnce(&Connection) -> T) -> (T, u64) {
    let steps = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&steps);
    c.progress_handler(
        STEPS_PER_CALL,
        Some(move || {
            counter.fetch_add(STEPS_PER_CALL as u64, Ordering::Relaxed);
            false
        }),
    );
    c.execute_batch("BEGIN IMMEDIATE").unwrap();
    let result = operation(c);
    c.execute_batch("COMMIT").unwrap();
    c.progress_handler(0, None::<fn() -> bool>);
    (result, steps.load(Ordering::Relaxed))
}

fn claim_request(start: u64) -> ClaimRequest {
    ClaimRequest {
        user: UserId::from_stored("u0".into()),
        task_type: "t".into(),
        attempts: vec![("b".into(), false)],
        redundancy: 3,
        now: now(),
        lease_until: now() + Duration::minutes(30),
        start,
        gold: None,
        counted: true,
    }
}

fn answer_request(task: &TaskId) -> AnswerRequest {
    AnswerRequest {
        counted: true,
        answer_id: "answer-of-u0".into(),
        user: UserId::from_stored("u0".into()),
        task: task.clone(),
        task_type: "t".into(),
        result_json: "{}".into(),
        redundancy: 3,
        close: false,
        follow_up: false,
        pays: false,
        now: now() + Duration::seconds(20),
    }
}

#[test]
fn hand_out_answer_skip_and_activity_seek_instead_of_scanning() {
    let c = crowded_store();
    let user = UserId::from_stored("u0".into());
    let mut steps = Vec::new();

    // Start in the half where others hold open sessions.
    let (task, n) = counted(&c, |c| claim(c, &claim_request(7_000)).unwrap().unwrap());
    steps.push(("hand-out", n));
    let (_, n) = counted(&c, |c| {
        add_activity(c, &user, &task.id, "t", 5, now() + Duration::seconds(10)).unwrap()
    });
    steps.push(("activity on an open session", n));
    let (_, n) = counted(&c, |c| record_answer(c, &answer_request(&task.id)).unwrap());
    steps.push(("answer", n));
    let (_, n) = counted(&c, |c| {
        add_activity(c, &user, &task.id, "t", 5, now() + Duration::seconds(30)).unwrap()
    });
    steps.push(("activity on a finished session", n));
    let (listed, n) = counted(&c, |c| sessions(c, &user, &task.id).unwrap());
    steps.push(("sessions of a task", n));
    let (next, n) = counted(&c, |c| claim(c, &claim_request(7_500)).unwrap().unwrap());
    steps.push(("second hand-out", n));
    let (_, n) = counted(&c, |c| skip(c, &user, &next.id, "t").unwrap());
    steps.push(("skip", n));

    // The operations did what they are for: one finished session with its activity, and
    // the skipped task's open session gone.
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].answer.as_deref(), Some("answer-of-u0"));
    assert_eq!(listed[0].activity, 10);
    assert!(sessions(&c, &user, &next.id).unwrap().is_empty());
    for (operation, n) in steps {
        assert!(
            n <= MAX_STEPS,
            "{operation} took {n} SQLite steps: a statement scans instead of seeking"
        );
    }
}

/// A gold hand-out seeks too: beside 200 gold tasks that the other volunteers answered
/// 4,000 times, `u0`'s draw finds one they have not answered, renews it, and answers it.
#[test]
fn a_gold_hand_out_seeks_instead_of_scanning() {
    let c = crowded_store();
    c.execute_batch(
        "INSERT INTO gold_tasks (id, task_type, batch, data, answer, created_at)
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)
             SELECT printf('gold%03d', i), 't', 'g', '{}', '{}', 0 FROM n;
         INSERT INTO gold_answers (user_id, gold_id, task_type, result, judged, correct, created_at)
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 3999)
             SELECT 'u' || (1 + i % 99), printf('gold%03d', i % 200), 't', '{}', 1, 1, 0 FROM n
             WHERE true ON CONFLICT DO NOTHING;",
    )
    .unwrap();
    let draw = crate::store::GoldDraw {
        warmup: 10,
        share_new: 1.0,
        share: 0.0,
        draw: 0.5,
    };
    let request = ClaimRequest {
        gold: Some(draw),
        ..claim_request(123)
    };
    let (task, handing_out) = counted(&c, |c| claim(c, &request).unwrap().unwrap());
    assert!(task.id.as_str().starts_with("gold"), "{task:?}");
    let (again, renewing) = counted(&c, |c| claim(c, &request).unwrap().unwrap());
    assert_eq!(again.id, task.id, "a reload keeps the gold task");
    for (operation, n) in [("gold hand-out", handing_out), ("renewal", renewing)] {
        assert!(
            n <= MAX_STEPS,
            "{operation} took {n} SQLite steps: a statement scans instead of seeking"
        );
    }
}
