//! Hand-out, answers, skips, activity and leaderboards, through the services (spec 4, 9 and
//! the acceptance list of spec 11, with leases; where we fix the original, the case says so).

use std::collections::{HashMap, HashSet};

use chrono::Duration;
use serde_json::json;
use vulyk_core::Error;
use vulyk_core::domain::{Task, TaskId, User};
use vulyk_core::fixture::Fixture;
use vulyk_core::service::Clock;

use super::service_cases::{init, lines, load, request};

pub(super) async fn volunteer(f: &Fixture, name: &str) -> User {
    f.vulyk
        .add_user(name, &format!("{name}@example.org"), "", false)
        .await
        .unwrap()
}

/// `init` for `fake_task` and a batch of `n` tasks of it.
pub(super) async fn with_tasks(f: &Fixture, batch: &str, n: u32) {
    init(f).await;
    add_batch(f, batch, n, 0).await;
}

async fn add_batch(f: &Fixture, batch: &str, n: u32, first: u32) {
    let file = f.file(
        &format!("{batch}.jsonl"),
        lines(first..first + n).as_bytes(),
    );
    load(f, request("fake_task", &[&file], Some(batch)))
        .await
        .unwrap();
}

async fn next(f: &Fixture, user: &User) -> Option<Task> {
    f.vulyk.next_task(user, "fake_task").await.unwrap()
}

async fn answer(f: &Fixture, user: &User, task: &TaskId) -> vulyk_core::Result<()> {
    f.vulyk
        .answer(user, "fake_task", task, &json!({"by": user.username}))
        .await
        .map(|_| ())
}

pub async fn asking_twice_gives_the_same_task(f: &Fixture) {
    with_tasks(f, "b", 20).await;
    let user = volunteer(f, "ann").await;
    let first = next(f, &user).await.unwrap();
    for _ in 0..3 {
        assert_eq!(next(f, &user).await.unwrap().id, first.id);
    }
    // Still one slot and one session, however often the page is reloaded.
    assert_eq!(
        f.store
            .work_sessions(&user.id, &first.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

pub async fn leases_hold_slots_until_they_expire(f: &Fixture) {
    with_tasks(f, "b", 1).await; // fake_task has redundancy 3
    let mut users = Vec::new();
    for name in ["a1", "a2", "a3", "a4"] {
        users.push(volunteer(f, name).await);
    }
    for user in &users[..3] {
        assert!(next(f, user).await.is_some());
    }
    assert_eq!(
        next(f, &users[3]).await,
        None,
        "three live leases fill the task"
    );
    f.clock.advance(f.vulyk.lease() + Duration::seconds(1));
    let task = next(f, &users[3])
        .await
        .expect("expired leases free their slots");
    // The first three lost their slots but may still answer while one is free.
    answer(f, &users[3], &task.id).await.unwrap();
    answer(f, &users[0], &task.id).await.unwrap();
    answer(f, &users[1], &task.id).await.unwrap();
    let err = answer(f, &users[2], &task.id).await.unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    let stored = f.store.task(&task.id).await.unwrap().unwrap();
    assert_eq!((stored.users_count, stored.closed), (3, true));
}

pub async fn an_answer_within_the_lease_is_always_accepted(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let holder = volunteer(f, "holder").await;
    let task = next(f, &holder).await.unwrap();
    // Two others answer without a hand-out; the holder's slot stays theirs.
    for name in ["x", "y"] {
        let other = volunteer(f, name).await;
        answer(f, &other, &task.id).await.unwrap();
    }
    let late = volunteer(f, "late").await;
    assert!(matches!(
        answer(f, &late, &task.id).await,
        Err(Error::Conflict(_))
    ));
    answer(f, &holder, &task.id).await.unwrap();
    assert_eq!(f.store.answers_for_task(&task.id).await.unwrap().len(), 3);
}

pub async fn answered_tasks_are_not_handed_out_again(f: &Fixture) {
    with_tasks(f, "b", 2).await;
    let user = volunteer(f, "ann").await;
    for _ in 0..2 {
        let task = next(f, &user).await.unwrap();
        answer(f, &user, &task.id).await.unwrap();
    }
    assert_eq!(next(f, &user).await, None);
}

pub async fn tasks_of_other_types_are_not_handed_out(f: &Fixture) {
    init(f).await;
    f.vulyk
        .add_group_type("default", "gamified_task")
        .await
        .unwrap();
    let file = f.file("g.jsonl", lines(0..3).as_bytes());
    load(f, request("gamified_task", &[&file], Some("g")))
        .await
        .unwrap();
    let user = volunteer(f, "ann").await;
    assert_eq!(next(f, &user).await, None);
    assert!(
        f.vulyk
            .next_task(&user, "gamified_task")
            .await
            .unwrap()
            .is_some()
    );
}

pub async fn batches_are_served_in_id_order(f: &Fixture) {
    init(f).await;
    add_batch(f, "b2", 5, 100).await;
    add_batch(f, "b1", 5, 0).await;
    let user = volunteer(f, "ann").await;
    let mut seen = Vec::new();
    while let Some(task) = next(f, &user).await {
        seen.push(task.batch.clone().unwrap());
        answer(f, &user, &task.id).await.unwrap();
    }
    assert_eq!(seen, [vec!["b1"; 5], vec!["b2"; 5]].concat());
}

pub async fn skipped_tasks_come_back_only_when_nothing_else_is_left(f: &Fixture) {
    with_tasks(f, "b", 2).await;
    let user = volunteer(f, "ann").await;
    let skipped = next(f, &user).await.unwrap();
    f.vulyk.skip(&user, "fake_task", &skipped.id).await.unwrap();
    assert!(f.store.has_skipped(&user.id, &skipped.id).await.unwrap());
    assert!(
        f.store
            .work_sessions(&user.id, &skipped.id)
            .await
            .unwrap()
            .is_empty()
    );
    for _ in 0..5 {
        let other = next(f, &user).await.unwrap();
        assert_ne!(other.id, skipped.id);
    }
    let other = next(f, &user).await.unwrap();
    answer(f, &user, &other.id).await.unwrap();
    assert_eq!(next(f, &user).await.unwrap().id, skipped.id);
}

pub async fn skipping_is_safe_to_repeat_and_names_unknown_tasks(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let user = volunteer(f, "ann").await;
    let task = next(f, &user).await.unwrap();
    f.vulyk.skip(&user, "fake_task", &task.id).await.unwrap();
    // Without a lease or a session it records the skip again and changes nothing else.
    f.vulyk.skip(&user, "fake_task", &task.id).await.unwrap();
    assert!(f.store.has_skipped(&user.id, &task.id).await.unwrap());
    let unknown = TaskId::from_stored("0000000000000000dead".into());
    let err = f
        .vulyk
        .skip(&user, "fake_task", &unknown)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { kind: "task", .. }),
        "{err:?}"
    );
}

pub async fn bad_answers_store_nothing(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let user = volunteer(f, "ann").await;
    let task = next(f, &user).await.unwrap();
    for bad in [json!([1, 2]), json!("text"), json!(null)] {
        let err = f
            .vulyk
            .answer(&user, "fake_task", &task.id, &bad)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    }
    let huge = json!({ "text": "a".repeat(vulyk_core::service::MAX_ANSWER_BYTES) });
    let err = f
        .vulyk
        .answer(&user, "fake_task", &task.id, &huge)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::TooLarge(_)), "{err:?}");
    let unknown = TaskId::from_stored("0000000000000000dead".into());
    let err = answer(f, &user, &unknown).await.unwrap_err();
    assert!(
        matches!(err, Error::NotFound { kind: "task", .. }),
        "{err:?}"
    );
    assert!(f.store.answers_for_task(&task.id).await.unwrap().is_empty());

    answer(f, &user, &task.id).await.unwrap();
    let err = answer(f, &user, &task.id).await.unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    let answers = f.store.answers_for_task(&task.id).await.unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].result, json!({"by": "ann"}));
    let stored = f.store.task(&task.id).await.unwrap().unwrap();
    assert_eq!(stored.users_count, 1);
    let user = f.store.user_by_id(&user.id).await.unwrap().unwrap();
    assert_eq!(user.processed, 1);
}

pub async fn answers_close_tasks_and_the_batch_exactly_once(f: &Fixture) {
    with_tasks(f, "b", 2).await;
    let mut users = Vec::new();
    for name in ["a1", "a2", "a3"] {
        users.push(volunteer(f, name).await);
    }
    let (mut closed, mut answers, mut batches_closed) = (0, 0, Vec::new());
    for round in 0..2 {
        for user in &users {
            let task = next(f, user).await.unwrap();
            let outcome = f
                .vulyk
                .answer(user, "fake_task", &task.id, &json!({"round": round}))
                .await
                .unwrap();
            closed += usize::from(outcome.closed_task);
            answers += 1;
            batches_closed.extend(outcome.closed_batch.map(|b| b.id));
        }
    }
    assert_eq!(closed, 2);
    assert_eq!(answers, 6);
    assert_eq!(batches_closed, ["b"]);
    let batch = f.store.batch("b").await.unwrap().unwrap();
    assert_eq!((batch.tasks_processed, batch.closed), (2, true));
    let counters = f.store.batch_counters(None, Some("b")).await.unwrap();
    assert_eq!(counters[0].answers, 6);
    assert_eq!(counters[0].histogram, vec![(3, 2)]);
}

pub async fn work_sessions_follow_the_task(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let user = volunteer(f, "ann").await;
    let task = next(f, &user).await.unwrap();
    let sessions = f.store.work_sessions(&user.id, &task.id).await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].task_type, "fake_task");
    assert_eq!(
        (sessions[0].end_time, sessions[0].answer.clone()),
        (None, None)
    );
    let started = sessions[0].start_time;
    // After the lease ran out the same task is handed out again: the open session restarts.
    f.clock.advance(f.vulyk.lease() + Duration::seconds(5));
    assert_eq!(next(f, &user).await.unwrap().id, task.id);
    let sessions = f.store.work_sessions(&user.id, &task.id).await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(
        sessions[0].start_time,
        started + f.vulyk.lease() + Duration::seconds(5)
    );
    f.clock.advance(Duration::seconds(30));
    let outcome = f
        .vulyk
        .answer(&user, "fake_task", &task.id, &json!({}))
        .await
        .unwrap();
    let sessions = f.store.work_sessions(&user.id, &task.id).await.unwrap();
    assert_eq!(
        sessions[0].answer.as_deref(),
        Some(outcome.answer_id.as_str())
    );
    assert_eq!(sessions[0].end_time, Some(f.clock.now()));
}

pub async fn activity_stays_within_the_time_since_hand_out(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let user = volunteer(f, "ann").await;
    let task = next(f, &user).await.unwrap();
    let activity = |seconds| {
        f.vulyk
            .record_activity(&user, "fake_task", &task.id, seconds)
    };
    assert!(
        matches!(activity(1).await, Err(Error::Invalid(_))),
        "no time has passed"
    );
    f.clock.advance(Duration::seconds(110));
    assert_eq!(activity(50).await.unwrap(), 50);
    assert_eq!(activity(50).await.unwrap(), 100);
    assert!(
        matches!(activity(50).await, Err(Error::Invalid(_))),
        "overdrive"
    );
    assert!(
        matches!(activity(-50).await, Err(Error::Invalid(_))),
        "negative"
    );
    let sessions = f.store.work_sessions(&user.id, &task.id).await.unwrap();
    assert_eq!(sessions[0].activity, 100);
    let unknown = TaskId::from_stored("0000000000000000dead".into());
    let err = f
        .vulyk
        .record_activity(&user, "fake_task", &unknown, 1)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { kind: "task", .. }),
        "{err:?}"
    );
}

pub async fn only_eligible_volunteers_get_work(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let user = volunteer(f, "ann").await;
    let err = f.vulyk.next_task(&user, "gamified_task").await.unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
    let err = f.vulyk.next_task(&user, "no_such_type").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let admin = f
        .vulyk
        .add_user("boss", "boss@example.org", "", true)
        .await
        .unwrap();
    assert_eq!(
        f.vulyk.next_task(&admin, "gamified_task").await.unwrap(),
        None
    );
}

pub async fn leaderboard_ranks_densely(f: &Fixture) {
    with_tasks(f, "b", 12).await;
    let mut users = Vec::new();
    for (name, answers) in [("u0", 4), ("u1", 2), ("u2", 2), ("u3", 1)] {
        let user = volunteer(f, name).await;
        for _ in 0..answers {
            let task = next(f, &user).await.unwrap();
            answer(f, &user, &task.id).await.unwrap();
        }
        users.push(user);
    }
    let idle = volunteer(f, "idle").await;
    let board = f.vulyk.leaderboard("fake_task", 10).await.unwrap();
    let rows: Vec<(u64, &str, u64)> = board
        .iter()
        .map(|r| (r.rank, r.username.as_str(), r.answers))
        .collect();
    assert_eq!(
        rows,
        [(1, "u0", 4), (2, "u1", 2), (2, "u2", 2), (3, "u3", 1)]
    );
    // Ties at the boundary are left out.
    let top2 = f.vulyk.leaderboard("fake_task", 2).await.unwrap();
    assert_eq!(top2.len(), 3);
    let mut standings = Vec::new();
    for user in users.iter().chain([&idle]) {
        let stats = f.vulyk.user_stats(&user.id, "fake_task").await.unwrap();
        standings.push((stats.total, stats.position));
    }
    // Spec 9: without answers, the position is the number of distinct counts.
    assert_eq!(standings, [(4, 1), (2, 2), (2, 2), (1, 3), (0, 3)]);
}

pub async fn purging_a_batch_takes_its_answers_out_of_the_counts(f: &Fixture) {
    with_tasks(f, "b", 3).await;
    add_batch(f, "c", 3, 50).await;
    // Bob holds a task of `b` without answering: an open session there.
    let bob = volunteer(f, "bob").await;
    let held = next(f, &bob).await.unwrap();
    assert_eq!(held.batch.as_deref(), Some("b"));
    let user = volunteer(f, "ann").await;
    let mut answered = Vec::new();
    for _ in 0..4 {
        let task = next(f, &user).await.unwrap();
        answer(f, &user, &task.id).await.unwrap();
        answered.push(task);
    }
    let (in_b, in_c): (Vec<Task>, Vec<Task>) = answered
        .into_iter()
        .partition(|t| t.batch.as_deref() == Some("b"));
    assert!(!in_b.is_empty() && !in_c.is_empty(), "{in_b:?} {in_c:?}");
    let removed = f.store.delete_batch("b", true).await.unwrap();
    // Ann's finished sessions in `b` and Bob's open one; Ann's in `c` stay.
    assert_eq!(removed.sessions, in_b.len() as u64 + 1);
    assert!(
        f.store
            .work_sessions(&bob.id, &held.id)
            .await
            .unwrap()
            .is_empty()
    );
    for task in &in_c {
        let kept = f.store.work_sessions(&user.id, &task.id).await.unwrap();
        assert_eq!(kept.len(), 1, "{kept:?}");
    }
    assert_eq!(
        f.vulyk
            .user_stats(&user.id, "fake_task")
            .await
            .unwrap()
            .total,
        in_c.len() as u64
    );
    let user = f.store.user_by_id(&user.id).await.unwrap().unwrap();
    assert_eq!(user.processed, in_c.len() as u64);
}

pub async fn deleting_a_volunteer_drops_their_open_sessions(f: &Fixture) {
    with_tasks(f, "b", 3).await;
    let user = volunteer(f, "ann").await;
    let held = next(f, &user).await.unwrap();
    assert_eq!(
        f.store
            .work_sessions(&user.id, &held.id)
            .await
            .unwrap()
            .len(),
        1
    );
    f.store.delete_user(&user.id).await.unwrap();
    assert!(
        f.store
            .work_sessions(&user.id, &held.id)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn agreeing_answers_close_a_task_early(f: &Fixture) {
    init(f).await;
    f.vulyk
        .add_group_type("default", "agree_task")
        .await
        .unwrap();
    let file = f.file("a.jsonl", lines(0..1).as_bytes());
    load(f, request("agree_task", &[&file], Some("a")))
        .await
        .unwrap();
    let (mut closed, mut batches_closed) = (Vec::new(), Vec::new());
    // Equal as JSON values: the key order does not matter.
    for (name, result) in [
        ("ann", json!({"tag": "NOUN", "case": "nom"})),
        ("bob", json!({"tag": "VERB"})),
        ("cid", json!({"case": "nom", "tag": "NOUN"})),
    ] {
        let user = volunteer(f, name).await;
        let task = f
            .vulyk
            .next_task(&user, "agree_task")
            .await
            .unwrap()
            .unwrap();
        let outcome = f
            .vulyk
            .answer(&user, "agree_task", &task.id, &result)
            .await
            .unwrap();
        closed.push(outcome.closed_task);
        batches_closed.extend(outcome.closed_batch.map(|b| b.id));
    }
    assert_eq!(
        closed,
        [false, false, true],
        "the second agreeing answer closes it"
    );
    let batch = f.store.batch("a").await.unwrap().unwrap();
    assert_eq!((batch.tasks_processed, batch.closed), (1, true));
    assert_eq!(batches_closed, ["a"]);
}

/// 50 volunteers work a 100-task batch with redundancy 3 at the same time, until nothing is
/// left for anyone: exactly 300 answers, none above redundancy, nobody twice on a task, the
/// batch closed exactly once.
pub async fn racing_volunteers_never_exceed_redundancy(f: &Fixture) {
    with_tasks(f, "race", 100).await;
    let mut workers = Vec::new();
    for n in 0..50 {
        let user = volunteer(f, &format!("v{n}")).await;
        let vulyk = f.vulyk.clone();
        workers.push(tokio::spawn(async move {
            let (mut answered, mut batches_closed) = (Vec::new(), Vec::new());
            while let Some(task) = vulyk.next_task(&user, "fake_task").await.unwrap() {
                match vulyk
                    .answer(&user, "fake_task", &task.id, &json!({"n": n}))
                    .await
                {
                    Ok(outcome) => {
                        answered.push(task.id);
                        batches_closed.extend(outcome.closed_batch.map(|b| b.id));
                    }
                    Err(e) => panic!("an answer within a lease was refused: {e}"),
                }
            }
            (answered, batches_closed)
        }));
    }
    let mut per_task: HashMap<TaskId, usize> = HashMap::new();
    let (mut total, mut batches_closed) = (0, Vec::new());
    for worker in workers {
        let (answered, closed) = worker.await.unwrap();
        batches_closed.extend(closed);
        let distinct: HashSet<_> = answered.iter().collect();
        assert_eq!(
            distinct.len(),
            answered.len(),
            "a volunteer answered a task twice"
        );
        for task in answered {
            *per_task.entry(task).or_default() += 1;
            total += 1;
        }
    }
    assert_eq!(total, 300);
    assert_eq!(per_task.len(), 100);
    assert!(per_task.values().all(|&n| n == 3), "{per_task:?}");
    for task in per_task.keys() {
        let stored = f.store.task(task).await.unwrap().unwrap();
        assert_eq!((stored.users_count, stored.closed), (3, true));
        assert_eq!(f.store.answers_for_task(task).await.unwrap().len(), 3);
    }
    assert_eq!(batches_closed, ["race"], "the batch closed exactly once");
    let batch = f.store.batch("race").await.unwrap().unwrap();
    assert_eq!((batch.tasks_processed, batch.closed), (100, true));
}

fn total(expired: &[(String, u64)]) -> u64 {
    expired.iter().map(|(_, count)| count).sum()
}

pub async fn expired_leases_are_swept_and_counted_once(f: &Fixture) {
    with_tasks(f, "b", 1).await; // fake_task has redundancy 3
    let [ann, bob, carol] = ["ann", "bob", "carol"].map(|name| volunteer(f, name));
    let (ann, bob, carol) = (ann.await, bob.await, carol.await);
    let task = next(f, &ann).await.unwrap();
    assert_eq!(next(f, &bob).await.unwrap().id, task.id);
    let sweep = || f.store.expire_leases(f.clock.now());
    assert_eq!(sweep().await.unwrap(), vec![], "live leases stay");
    f.clock.advance(f.vulyk.lease() + Duration::seconds(1));
    // Bob answers late: his answer, not the sweep, ends his lease.
    answer(f, &bob, &task.id).await.unwrap();
    // Carol's hand-out of the same task leaves Ann's expired lease to the sweep.
    assert_eq!(next(f, &carol).await.unwrap().id, task.id);
    assert_eq!(
        sweep().await.unwrap(),
        vec![("fake_task".to_string(), 1)],
        "Ann walked away"
    );
    assert_eq!(sweep().await.unwrap(), vec![], "each lease is counted once");
    // A volunteer handed the same task again after their lease ran out came back to it.
    f.clock.advance(f.vulyk.lease() + Duration::seconds(1));
    assert_eq!(next(f, &carol).await.unwrap().id, task.id);
    assert_eq!(sweep().await.unwrap(), vec![]);
    // The sweep freed nothing that was held: Carol still answers in her slot.
    answer(f, &carol, &task.id).await.unwrap();
    assert_eq!(f.vulyk.expire_leases().await.unwrap(), 0);
}

pub async fn racing_sweeps_count_each_expired_lease_once(f: &Fixture) {
    with_tasks(f, "b", 10).await; // 30 slots
    for n in 0..30 {
        let user = volunteer(f, &format!("early{n}")).await;
        assert!(next(f, &user).await.is_some());
    }
    f.clock.advance(f.vulyk.lease() + Duration::seconds(1));
    let mut late = Vec::new();
    for n in 0..10 {
        late.push(volunteer(f, &format!("late{n}")).await);
    }
    // Three servers sweep while volunteers are handed the freed slots, changing the very
    // documents (on MongoDB) the sweeps rewrite.
    let now = f.clock.now();
    let sweeps = (0..3).map(|_| {
        let store = f.store.clone();
        tokio::spawn(async move { store.expire_leases(now).await.unwrap() })
    });
    let sweeps: Vec<_> = sweeps.collect();
    let hand_outs: Vec<_> = late
        .into_iter()
        .map(|user| {
            let vulyk = f.vulyk.clone();
            tokio::spawn(async move { vulyk.next_task(&user, "fake_task").await.unwrap() })
        })
        .collect();
    let mut counted = 0;
    for sweep in sweeps {
        counted += total(&sweep.await.unwrap());
    }
    for hand_out in hand_outs {
        assert!(
            hand_out.await.unwrap().is_some(),
            "expired leases hold no slot"
        );
    }
    // A sweep may leave a task whose leases kept changing to the next one.
    counted += total(&f.store.expire_leases(now).await.unwrap());
    assert_eq!(counted, 30, "each expired lease counted once");
    assert_eq!(f.store.expire_leases(now).await.unwrap(), vec![]);
}
