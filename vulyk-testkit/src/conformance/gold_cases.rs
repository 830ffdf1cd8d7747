//! Gold tasks through the services: loading, hand-out by share, never twice, never closing,
//! judging, skipping — and volunteers racing for them.

use std::collections::HashSet;

use serde_json::{Value, json};
use vulyk_core::Error;
use vulyk_core::domain::{TaskId, User};
use vulyk_core::fixture::Fixture;
use vulyk_core::service::ExportRequest;

use super::service_cases::{lines, load, request};
use super::work_cases::volunteer;

const TYPE: &str = "gold_task";

/// `gold_task` in the default group, `n` ordinary tasks in batch `b`, and `gold` gold tasks
/// whose expected tag is `A` for an even number, `B` for an odd one.
async fn with_gold(f: &Fixture, n: u32, gold: u32) {
    f.vulyk.init(&[TYPE.to_string()]).await.unwrap();
    let file = f.file("tasks.jsonl", lines(0..n).as_bytes());
    load(f, request(TYPE, &[&file], Some("b"))).await.unwrap();
    load_gold(f, gold).await;
}

async fn load_gold(f: &Fixture, gold: u32) {
    let file = f.file("gold.jsonl", gold_lines(0..gold).as_bytes());
    f.vulyk.load_gold(TYPE, &[file], None).await.unwrap();
}

fn gold_lines(range: std::ops::Range<u32>) -> String {
    range
        .map(|g| {
            let tag = truth(g);
            format!("{{\"task\": {{\"gold\": {g}}}, \"answer\": {{\"tag\": \"{tag}\"}}}}\n")
        })
        .collect()
}

fn truth(g: u32) -> &'static str {
    if g.is_multiple_of(2) { "A" } else { "B" }
}

async fn gold_ids(f: &Fixture) -> HashSet<TaskId> {
    let gold = f.vulyk.gold_tasks(TYPE, None).await.unwrap();
    gold.into_iter().map(|g| g.id).collect()
}

async fn next(f: &Fixture, user: &User) -> Option<vulyk_core::domain::Task> {
    f.vulyk.next_task(user, TYPE).await.unwrap()
}

pub async fn new_volunteers_get_each_gold_task_once_then_work(f: &Fixture) {
    with_gold(f, 4, 2).await;
    let gold = gold_ids(f).await;
    let ann = volunteer(f, "ann").await;
    let mut answered = HashSet::new();
    for _ in 0..2 {
        let task = next(f, &ann).await.unwrap();
        assert!(gold.contains(&task.id), "new: gold first");
        assert_eq!(
            next(f, &ann).await.unwrap().id,
            task.id,
            "a reload keeps it"
        );
        let g = task.data["gold"].as_u64().unwrap() as u32;
        let outcome = f
            .vulyk
            .answer(&ann, TYPE, &task.id, &json!({"tag": "A", "why": "guess"}))
            .await
            .unwrap();
        let feedback = outcome.gold.expect("the type shows the expected answer");
        assert_eq!(feedback.expected, json!({"tag": truth(g)}));
        assert_eq!(
            (feedback.judged, feedback.correct),
            (1, u64::from(truth(g) == "A"))
        );
        assert!(answered.insert(task.id.clone()));
        let again = f
            .vulyk
            .answer(&ann, TYPE, &task.id, &json!({"tag": "B"}))
            .await;
        assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
    }
    // Every gold task answered: ordinary work, and after two answers no more gold.
    let task = next(f, &ann).await.unwrap();
    assert!(!gold.contains(&task.id));
    let outcome = f
        .vulyk
        .answer(&ann, TYPE, &task.id, &json!({"tag": "A"}))
        .await
        .unwrap();
    assert_eq!(outcome.gold, None);
    let score = f.vulyk.gold_score(&ann, TYPE).await.unwrap();
    assert_eq!((score.answers, score.judged, score.correct), (2, 2, 1));
}

pub async fn past_the_warmup_the_share_applies(f: &Fixture) {
    // Two ordinary answers before any gold exists: the volunteer is no longer new, and
    // the type's share after the warmup is 0.
    with_gold(f, 4, 0).await;
    let bob = volunteer(f, "bob").await;
    for _ in 0..2 {
        let task = next(f, &bob).await.unwrap();
        f.vulyk
            .answer(&bob, TYPE, &task.id, &json!({"tag": "A"}))
            .await
            .unwrap();
    }
    load_gold(f, 3).await;
    let gold = gold_ids(f).await;
    let task = next(f, &bob).await.unwrap();
    assert!(!gold.contains(&task.id));
    // A new volunteer gets gold.
    let cid = volunteer(f, "cid").await;
    assert!(gold.contains(&next(f, &cid).await.unwrap().id));
}

pub async fn gold_tasks_never_close_count_or_export(f: &Fixture) {
    with_gold(f, 2, 1).await;
    let gold = gold_ids(f).await;
    // Five volunteers answer the one gold task: far above the type's redundancy of 2.
    for name in ["a1", "a2", "a3", "a4", "a5"] {
        let user = volunteer(f, name).await;
        let task = next(f, &user).await.unwrap();
        assert!(gold.contains(&task.id), "{name}");
        f.vulyk
            .answer(&user, TYPE, &task.id, &json!({"tag": "A"}))
            .await
            .unwrap();
    }
    assert_eq!(
        f.store.batch("b").await.unwrap().unwrap().tasks_processed,
        0
    );
    assert_eq!(f.store.gold_answers(TYPE).await.unwrap().len(), 5);
    let id = gold.iter().next().unwrap();
    assert_eq!(
        f.store.task(id).await.unwrap(),
        None,
        "not an ordinary task"
    );
    let mut request = ExportRequest::new(TYPE);
    request.include_open = true;
    let mut out = Vec::new();
    f.vulyk
        .export(&request, &mut out, "memory", &|_| {})
        .await
        .unwrap();
    assert!(!String::from_utf8(out).unwrap().contains(id.as_str()));
}

pub async fn only_a_gold_task_handed_out_can_be_answered_skipped_or_timed(f: &Fixture) {
    with_gold(f, 2, 2).await;
    let gold = gold_ids(f).await;
    let ann = volunteer(f, "ann").await;
    let bob = volunteer(f, "bob").await;
    let task = next(f, &ann).await.unwrap();
    assert!(gold.contains(&task.id));
    // Bob was handed nothing: he cannot answer Ann's gold task. His skip and activity get
    // what they get on an ordinary task he does not hold, so nothing tells the two apart.
    let refused = f
        .vulyk
        .answer(&bob, TYPE, &task.id, &json!({"tag": "A"}))
        .await;
    assert!(
        matches!(refused, Err(Error::NotFound { .. })),
        "{refused:?}"
    );
    let ordinary = ordinary_task(f).await;
    f.vulyk.skip(&bob, TYPE, &task.id).await.unwrap();
    f.vulyk.skip(&bob, TYPE, &ordinary).await.unwrap();
    let on_gold = f.vulyk.record_activity(&bob, TYPE, &task.id, 5).await;
    let on_ordinary = f.vulyk.record_activity(&bob, TYPE, &ordinary, 5).await;
    let message =
        |r: vulyk_core::Result<u64>| r.unwrap_err().to_string().replace(task.id.as_str(), "ID");
    assert_eq!(
        message(on_gold),
        message(on_ordinary).replace(ordinary.as_str(), "ID")
    );
    // Ann's activity adds up within the time since the hand-out, as a session's does.
    f.clock.advance(chrono::Duration::seconds(30));
    assert_eq!(
        f.vulyk
            .record_activity(&ann, TYPE, &task.id, 10)
            .await
            .unwrap(),
        10
    );
    assert_eq!(
        f.vulyk
            .record_activity(&ann, TYPE, &task.id, 15)
            .await
            .unwrap(),
        25
    );
    let over = f.vulyk.record_activity(&ann, TYPE, &task.id, 10).await;
    assert!(matches!(over, Err(Error::Invalid(_))), "{over:?}");
    // Her skip lets the task go unanswered.
    f.vulyk.skip(&ann, TYPE, &task.id).await.unwrap();
    let refused = f
        .vulyk
        .answer(&ann, TYPE, &task.id, &json!({"tag": "A"}))
        .await;
    assert!(
        matches!(refused, Err(Error::NotFound { .. })),
        "{refused:?}"
    );
    assert_eq!(f.vulyk.gold_score(&ann, TYPE).await.unwrap().answers, 0);
}

/// The id of one of batch `b`'s ordinary tasks.
async fn ordinary_task(f: &Fixture) -> TaskId {
    let mut chunks = f.store.export(vulyk_core::store::ExportQuery {
        task_type: TYPE.into(),
        batch: Some("b".into()),
        include_open: true,
        with_sessions: false,
        window: None,
    });
    let chunk = chunks.recv().await.expect("a chunk").unwrap();
    chunk[0].id.clone()
}

pub async fn gold_is_handed_out_only_while_there_is_work(f: &Fixture) {
    // One ordinary task, redundancy 2: once ann and bob answered it, cid has no work left
    // and gets no gold either — gold never is all a volunteer is handed.
    with_gold(f, 1, 0).await;
    for name in ["ann", "bob"] {
        let user = volunteer(f, name).await;
        let task = next(f, &user).await.unwrap();
        f.vulyk
            .answer(&user, TYPE, &task.id, &json!({"tag": "A"}))
            .await
            .unwrap();
    }
    load_gold(f, 2).await;
    let cid = volunteer(f, "cid").await;
    assert_eq!(next(f, &cid).await, None);
}

pub async fn a_corrected_answer_key_judges_the_answers_again(f: &Fixture) {
    with_gold(f, 2, 1).await;
    let ann = volunteer(f, "ann").await;
    let task = next(f, &ann).await.unwrap();
    f.vulyk
        .answer(&ann, TYPE, &task.id, &json!({"tag": "B"}))
        .await
        .unwrap();
    assert_eq!(f.vulyk.gold_score(&ann, TYPE).await.unwrap().correct, 0);
    let fixed = "{\"task\": {\"gold\": 0}, \"answer\": {\"tag\": \"B\"}}\n";
    let file = f.file("fixed.jsonl", fixed.as_bytes());
    f.vulyk.load_gold(TYPE, &[file], None).await.unwrap();
    assert_eq!(f.vulyk.gold_score(&ann, TYPE).await.unwrap().correct, 1);
    // Deleting under another type's name touches nothing of this one.
    let id = task.id.clone();
    let other = f
        .vulyk
        .delete_gold("fake_task", std::slice::from_ref(&id), None)
        .await;
    assert!(matches!(other, Err(Error::NotFound { .. })), "{other:?}");
    assert_eq!(f.vulyk.gold_score(&ann, TYPE).await.unwrap().answers, 1);
    // Deleted, its answer counts no more.
    f.vulyk.delete_gold(TYPE, &[id], None).await.unwrap();
    assert_eq!(f.vulyk.gold_score(&ann, TYPE).await.unwrap().answers, 0);
}

pub async fn an_excluded_volunteer_is_not_paid_nor_let_onto_a_closed_task(f: &Fixture) {
    with_gold(f, 2, 2).await;
    let bad = excluded_volunteer(f, "bad").await;
    for name in ["ann", "bob"] {
        let user = trusted_volunteer(f, name).await;
        while let Some(task) = next(f, &user).await {
            f.vulyk
                .answer(&user, TYPE, &task.id, &json!({"tag": "A"}))
                .await
                .unwrap();
        }
    }
    // Every task closed: the excluded volunteer is handed nothing and cannot answer one
    // whose id they know.
    assert_eq!(next(f, &bad).await, None);
    let closed = ordinary_task(f).await;
    let refused = f
        .vulyk
        .answer(&bad, TYPE, &closed, &json!({"tag": "B"}))
        .await;
    assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");
    assert_eq!(f.store.answers_for_task(&closed).await.unwrap().len(), 2);
}

pub async fn loading_gold_again_changes_only_what_changed(f: &Fixture) {
    with_gold(f, 1, 2).await;
    let file = f.file("gold.jsonl", gold_lines(0..2).as_bytes());
    let again = f.vulyk.load_gold(TYPE, &[file], None).await.unwrap();
    assert_eq!((again.stored.added, again.stored.unchanged), (0, 2));
    let changed = "{\"task\": {\"gold\": 0}, \"answer\": {\"tag\": \"C\"}}\n";
    let file = f.file("changed.jsonl", changed.as_bytes());
    let put = f
        .vulyk
        .load_gold(TYPE, &[file], Some("fixed"))
        .await
        .unwrap();
    assert_eq!(put.stored.replaced, 1);
    let fixed = f.vulyk.gold_tasks(TYPE, Some("fixed")).await.unwrap();
    assert_eq!(
        (fixed.len(), fixed[0].answer_json.as_str()),
        (1, r#"{"tag":"C"}"#)
    );
    // The same task as an ordinary one gets the same id; as gold it is refused.
    let ordinary = f.file("ordinary.jsonl", b"{\"gold\": 9}\n");
    load(f, request(TYPE, &[&ordinary], Some("b2")))
        .await
        .unwrap();
    let twin = f.file("twin.jsonl", gold_lines(9..10).as_bytes());
    let refused = f.vulyk.load_gold(TYPE, &[twin], None).await.unwrap_err();
    assert!(matches!(refused, Error::Conflict(_)), "{refused:?}");
    assert_eq!(
        f.vulyk.delete_gold(TYPE, &[], Some("fixed")).await.unwrap(),
        1
    );
    assert_eq!(gold_ids(f).await.len(), 1);
    let none = f
        .vulyk
        .delete_gold(TYPE, &[], Some("fixed"))
        .await
        .unwrap_err();
    assert!(matches!(none, Error::NotFound { .. }), "{none:?}");
}

pub async fn a_bad_gold_line_names_its_place_and_stores_nothing(f: &Fixture) {
    with_gold(f, 1, 0).await;
    let cases: [(&str, &str); 4] = [
        (
            "{\"task\": {\"a\": 1}, \"answer\": {\"tag\": \"A\"}}\n{\"task\": {\"a\": 2},, }\n",
            ":2:",
        ),
        (
            "{\"task\": {\"a\": 1}}\n",
            "`task` and `answer` are both needed",
        ),
        (
            "{\"task\": {\"a\": 1}, \"answer\": {\"other\": 1}}\n",
            "has no label",
        ),
        (
            "{\"task\": {\"a\": 1}, \"answer\": {\"tag\": 1}, \"x\": 0}\n",
            "unknown field `x`",
        ),
    ];
    for (n, (text, expected)) in cases.iter().enumerate() {
        let file = f.file(&format!("bad{n}.jsonl"), text.as_bytes());
        let error = f
            .vulyk
            .load_gold(TYPE, std::slice::from_ref(&file), None)
            .await
            .unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains(&file) && message.contains(expected),
            "{message}"
        );
    }
    assert!(gold_ids(f).await.is_empty());
}

/// 20 new volunteers race over 3 gold tasks and 20 ordinary ones (redundancy 2), each taking
/// up to 5 tasks (gold comes first while they are new; unbounded, the fastest could close
/// the batch before the slowest began, and gold is handed out only while there is work):
/// each answers each gold task exactly once, no ordinary task gets more than 2 answers.
pub async fn racing_volunteers_answer_each_gold_task_once(f: &Fixture) {
    with_gold(f, 20, 3).await;
    let gold = gold_ids(f).await;
    let mut workers = Vec::new();
    for n in 0..20 {
        let user = volunteer(f, &format!("v{n}")).await;
        let vulyk = f.vulyk.clone();
        workers.push(tokio::spawn(async move {
            let mut answered = Vec::new();
            while answered.len() < 5
                && let Some(task) = vulyk.next_task(&user, TYPE).await.unwrap()
            {
                let result = json!({"tag": "A"});
                // Twice at once: one of them is stored.
                let (first, second) = tokio::join!(
                    vulyk.answer(&user, TYPE, &task.id, &result),
                    vulyk.answer(&user, TYPE, &task.id, &result),
                );
                let stored = usize::from(first.is_ok()) + usize::from(second.is_ok());
                assert_eq!(stored, 1, "{first:?} {second:?}");
                answered.push(task.id);
            }
            answered
        }));
    }
    let mut per_task: std::collections::HashMap<TaskId, usize> = Default::default();
    for worker in workers {
        let answered = worker.await.unwrap();
        let on_gold = answered.iter().filter(|id| gold.contains(id)).count();
        assert_eq!(on_gold, 3, "each volunteer answers each gold task once");
        for id in answered {
            *per_task.entry(id).or_default() += 1;
        }
    }
    for (id, answers) in &per_task {
        if gold.contains(id) {
            assert_eq!(*answers, 20);
        } else {
            assert!(*answers <= 2, "{id}: {answers}");
            let stored = f.store.task(id).await.unwrap().unwrap();
            assert_eq!(stored.users_count as usize, *answers);
        }
    }
    assert_eq!(f.store.gold_answers(TYPE).await.unwrap().len(), 60);
}

pub async fn quality_uses_gold_as_truth_and_reports_it(f: &Fixture) {
    with_gold(f, 4, 4).await;
    // ann is right on gold, bob always says B.
    for (name, right) in [("ann", true), ("bob", false)] {
        let user = volunteer(f, name).await;
        while let Some(task) = next(f, &user).await {
            let tag = match (task.data.get("gold"), right) {
                (Some(g), true) => truth(g.as_u64().unwrap() as u32),
                (None, true) => "A",
                (_, false) => "B",
            };
            f.vulyk
                .answer(&user, TYPE, &task.id, &json!({"tag": tag}))
                .await
                .unwrap();
        }
    }
    let report = f.vulyk.quality(TYPE, None).await.unwrap();
    let row = |name: &str| {
        report
            .volunteers
            .iter()
            .find(|v| v.username == name)
            .unwrap()
    };
    assert_eq!((row("ann").gold_answered, row("ann").gold_correct), (4, 4));
    assert_eq!((row("bob").gold_answered, row("bob").gold_correct), (4, 2));
    assert_eq!(row("ann").gold_accuracy, Some(1.0));
    assert_eq!(row("bob").gold_accuracy, Some(0.5));
    // The batch's figures are of ordinary tasks only.
    assert_eq!(report.batches.len(), 1);
    assert_eq!(report.batches[0].items, 4);
    let _: Value = serde_json::to_value(&report).unwrap();
}

/// A volunteer who answers the two gold tasks wrong: below the fixture type's minimum of
/// half right after two, excluded from then on.
async fn excluded_volunteer(f: &Fixture, name: &str) -> User {
    let user = volunteer(f, name).await;
    for _ in 0..2 {
        let task = next(f, &user).await.unwrap();
        let g = task.data["gold"].as_u64().expect("gold first") as u32;
        let wrong = if truth(g) == "A" { "B" } else { "A" };
        f.vulyk
            .answer(&user, TYPE, &task.id, &json!({"tag": wrong}))
            .await
            .unwrap();
    }
    let score = f.vulyk.gold_score(&user, TYPE).await.unwrap();
    assert_eq!((score.answers, score.correct), (2, 0));
    user
}

/// A volunteer who answers the two gold tasks right.
async fn trusted_volunteer(f: &Fixture, name: &str) -> User {
    let user = volunteer(f, name).await;
    for _ in 0..2 {
        let task = next(f, &user).await.unwrap();
        let g = task.data["gold"].as_u64().expect("gold first") as u32;
        f.vulyk
            .answer(&user, TYPE, &task.id, &json!({"tag": truth(g)}))
            .await
            .unwrap();
    }
    user
}

pub async fn an_excluded_volunteers_answers_are_kept_but_count_for_nothing(f: &Fixture) {
    with_gold(f, 1, 2).await;
    let bad = excluded_volunteer(f, "bad").await;
    let task = next(f, &bad).await.unwrap();
    let outcome = f
        .vulyk
        .answer(&bad, TYPE, &task.id, &json!({"tag": "B"}))
        .await
        .unwrap();
    assert!(!outcome.closed_task);
    let stored = f.store.task(&task.id).await.unwrap().unwrap();
    assert_eq!((stored.users_count, stored.closed), (0, false));
    assert_eq!(f.store.answers_for_task(&task.id).await.unwrap().len(), 1);
    for name in ["ann", "bob"] {
        let user = trusted_volunteer(f, name).await;
        assert_eq!(next(f, &user).await.unwrap().id, task.id);
        f.vulyk
            .answer(&user, TYPE, &task.id, &json!({"tag": "A"}))
            .await
            .unwrap();
    }
    let stored = f.store.task(&task.id).await.unwrap().unwrap();
    assert_eq!((stored.users_count, stored.closed), (2, true));
    assert_eq!(f.store.answers_for_task(&task.id).await.unwrap().len(), 3);
    let batch = f.store.batch("b").await.unwrap().unwrap();
    assert_eq!((batch.tasks_processed, batch.closed), (1, true));
    let counters = f.store.batch_counters(None, Some("b")).await.unwrap();
    assert_eq!(
        (counters[0].answers, &counters[0].histogram),
        (2, &vec![(2, 1)])
    );

    let report = f.vulyk.quality(TYPE, None).await.unwrap();
    let row = |name: &str| {
        report
            .volunteers
            .iter()
            .find(|v| v.username == name)
            .unwrap()
    };
    assert!(row("bad").excluded && !row("ann").excluded);
    assert_eq!(row("bad").accuracy, None, "left out of Dawid–Skene");
    assert_eq!(row("bad").answers, 1);
    // The export keeps the answer, marked, and the majority is of the others.
    let mut request = ExportRequest::new(TYPE);
    request.aggregate = Some(vulyk_core::export::Aggregate::Majority);
    let mut out = Vec::new();
    f.vulyk
        .export(&request, &mut out, "memory", &|_| {})
        .await
        .unwrap();
    let line: Value = serde_json::from_slice(&out).unwrap();
    let answers = line["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 3);
    for answer in answers {
        let by_bad = answer["user"]["username"] == "bad";
        assert_eq!(
            answer.get("excluded"),
            by_bad.then_some(&json!(true)),
            "{answer}"
        );
    }
    assert_eq!(line["majority"]["answer"], json!({"tag": "A"}));
    assert_eq!(line["majority"]["share"], json!(1.0));
}

/// Excluded and trusted volunteers race over 10 tasks of redundancy 2: every task closes
/// with exactly two counted answers, both by trusted volunteers, whatever the excluded ones
/// answered beside them.
pub async fn racing_excluded_volunteers_never_fill_a_slot(f: &Fixture) {
    with_gold(f, 10, 2).await;
    let mut users = Vec::new();
    for n in 0..4 {
        users.push(excluded_volunteer(f, &format!("bad{n}")).await);
        users.push(trusted_volunteer(f, &format!("good{n}")).await);
    }
    let mut workers = Vec::new();
    for user in users {
        let vulyk = f.vulyk.clone();
        workers.push(tokio::spawn(async move {
            while let Some(task) = vulyk.next_task(&user, TYPE).await.unwrap() {
                vulyk
                    .answer(&user, TYPE, &task.id, &json!({"tag": "A"}))
                    .await
                    .unwrap();
            }
        }));
    }
    for worker in workers {
        worker.await.unwrap();
    }
    let mut request = ExportRequest::new(TYPE);
    request.include_open = true;
    let mut out = Vec::new();
    f.vulyk
        .export(&request, &mut out, "memory", &|_| {})
        .await
        .unwrap();
    let lines: Vec<Value> = serde_json::Deserializer::from_slice(&out)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(lines.len(), 10);
    for line in &lines {
        let answers = line.as_array().unwrap();
        let trusted = answers
            .iter()
            .filter(|a| a.get("excluded").is_none())
            .count();
        assert_eq!(trusted, 2, "{line}");
        let id = TaskId::from_stored(answers[0]["task"]["id"].as_str().unwrap().to_string());
        let stored = f.store.task(&id).await.unwrap().unwrap();
        assert_eq!((stored.users_count, stored.closed), (2, true));
    }
    let batch = f.store.batch("b").await.unwrap().unwrap();
    assert_eq!((batch.tasks_processed, batch.closed), (10, true));
}
