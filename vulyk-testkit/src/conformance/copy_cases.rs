//! `db copy` into every backend: an embedded store with rows in every area it can have at
//! rest, copied into the fixture's (empty) store, reads back through the store and the
//! services as the source does — ids, times, amounts, passwords, tokens, logos and all.

use chrono::Duration;
use serde_json::json;
use vulyk_core::domain::{AuditEntry, TaskId, User, WebSession, WebhookEvent, new_object_id};
use vulyk_core::fixture::Fixture;
use vulyk_core::gamification::StateOrder;
use vulyk_core::service::{
    Clock, CopyRequest, DEFAULT_LEASE, ExportRequest, ExternalIdentity, PageLimit, UserRef,
    copy_store,
};
use vulyk_core::store::{
    AREAS, AnswerRequest, AuditQuery, CopyMark, DeliveryQuery, ExportCursor, PageLimit as Limit,
};

use super::game_cases::{fund, gamified_batch, png, rich_volunteer, rule, work};
use super::service_cases::{lines, load, request};
use super::work_cases::volunteer;

const PASSWORD: &str = "correct horse battery";

/// What a reader needs to find again: secrets are kept only as digests.
struct Secrets {
    session: String,
    token: String,
}

/// A fixture on an embedded store in `dir` (named as the core's fixtures name theirs), opened
/// by its address: a build of the kit without the SQLite backend still compiles.
async fn embedded(dir: tempfile::TempDir) -> Fixture {
    let path = dir.path().join("test.db").display().to_string();
    let store = vulyk_core::store::open(&path).await.unwrap();
    Fixture::with_store(store, dir)
}

/// Something in every area but a load's progress (a load is not at rest).
async fn busy(f: &Fixture) -> (Secrets, Vec<User>, Vec<TaskId>) {
    let types = ["fake_task", "gamified_task", "gold_task"].map(String::from);
    f.vulyk.init(&types).await.unwrap();
    f.vulyk.add_rule(&rule("first", 1, 0, 5)).await.unwrap();
    f.vulyk
        .add_fund(&fund("zoo", true), Some(&png()))
        .await
        .unwrap();
    // Coins made real (a closed batch), then some of them given away.
    let rich = rich_volunteer(f, "rich", "20", 1000).await;
    f.vulyk
        .donate(&rich, "zoo", super::game_cases::amount("7.5"))
        .await;
    // Points, potential coins, achievements and counters of a batch still open.
    gamified_batch(f, "open", 0, 6, "2", "1.25").await;
    let (ann, bob) = (volunteer(f, "ann").await, volunteer(f, "bob").await);
    let mut tasks = vec![work(f, &ann, "gamified_task").await];
    tasks.push(work(f, &bob, "gamified_task").await);
    // A lease held, a skip, an answer stored and not yet paid for.
    let plain = f.file("plain.jsonl", lines(5000..5004).as_bytes());
    load(f, request("fake_task", &[&plain], Some("plain")))
        .await
        .unwrap();
    let cy = volunteer(f, "cy").await;
    let held = f.vulyk.next_task(&cy, "fake_task").await.unwrap().unwrap();
    tasks.push(held.id.clone());
    let skipped = f.vulyk.next_task(&bob, "fake_task").await.unwrap().unwrap();
    f.vulyk.skip(&bob, "fake_task", &skipped.id).await.unwrap();
    tasks.push(skipped.id.clone());
    let eve = volunteer(f, "eve").await;
    let unpaid = f
        .vulyk
        .next_task(&eve, "gamified_task")
        .await
        .unwrap()
        .unwrap();
    f.store
        .record_answer(&AnswerRequest {
            counted: true,
            answer_id: new_object_id(),
            user: eve.id.clone(),
            task: unpaid.id.clone(),
            task_type: "gamified_task".into(),
            result_json: r#"{"by":"eve"}"#.into(),
            redundancy: 3,
            close: false,
            follow_up: true,
            pays: true,
            now: f.clock.now(),
        })
        .await
        .unwrap();
    tasks.push(unpaid.id.clone());
    // Gold: a gold task held, one answered and judged.
    let ordinary = f.file("gold-work.jsonl", lines(7000..7004).as_bytes());
    load(f, request("gold_task", &[&ordinary], Some("g")))
        .await
        .unwrap();
    let gold = f.file(
        "gold.jsonl",
        b"{\"task\": {\"gold\": 1}, \"answer\": {\"tag\": \"A\"}}\n{\"task\": {\"gold\": 2}, \"answer\": {\"tag\": \"B\"}}\n",
    );
    f.vulyk.load_gold("gold_task", &[gold], None).await.unwrap();
    let gil = volunteer(f, "gil").await;
    let first = f.vulyk.next_task(&gil, "gold_task").await.unwrap().unwrap();
    f.vulyk
        .answer(&gil, "gold_task", &first.id, &json!({"tag": "A"}))
        .await
        .unwrap();
    f.vulyk.next_task(&gil, "gold_task").await.unwrap().unwrap();
    // Signing in: a password, a session, a token, a wrong guess, an identity.
    f.vulyk
        .set_password(&UserRef::from("ann"), PASSWORD)
        .await
        .unwrap();
    let session = f.vulyk.start_session(&ann).await.unwrap();
    let (_, token) = f
        .vulyk
        .create_api_token(&UserRef::from("ann"), "nightly")
        .await
        .unwrap();
    assert!(
        f.vulyk
            .sign_in("ann", "wrong guess", "10.0.0.9")
            .await
            .is_err()
    );
    let identity = ExternalIdentity {
        provider: "google".into(),
        subject: "1234567890".into(),
        email: Some("bob@example.org".into()),
        email_verified: true,
        name: "Bob".into(),
    };
    f.vulyk.link_external(&bob, &identity).await.unwrap();
    // Dead ones: a session that ended, a counter's window of two days ago. A MongoDB store
    // deletes such documents on its own, whenever its TTL monitor runs.
    f.store
        .insert_web_session(&WebSession {
            key_hash: "ended".into(),
            user: ann.id.clone(),
            created: f.clock.now() - Duration::days(40),
            expires: f.clock.now() - Duration::days(10),
        })
        .await
        .unwrap();
    f.store
        .count_attempt("old-key", f.clock.now() - Duration::days(2))
        .await
        .unwrap();
    // An export position, the audit log, a webhook delivery.
    f.store
        .advance_cursor(
            None,
            &ExportCursor {
                name: "nightly".into(),
                task_type: "gamified_task".into(),
                batch: None,
                include_open: false,
                position: f.clock.now() - Duration::hours(1),
                advanced_at: f.clock.now(),
            },
        )
        .await
        .unwrap();
    f.store
        .record_audit(&AuditEntry {
            at: f.clock.now(),
            via: "cli".into(),
            user: "operator".into(),
            host: "desk".into(),
            action: "user add".into(),
            target: "ann".into(),
            change: "e-mail ann@example.org".into(),
        })
        .await
        .unwrap();
    let event = WebhookEvent {
        id: "evt-1".into(),
        kind: vulyk_core::domain::EventKind::TaskClosed,
        at: f.clock.now(),
        payload: json!({"task": "t", "ünïcode": "так"}),
    };
    f.store
        .queue_deliveries(&event, &["warehouse".to_string()])
        .await
        .unwrap();
    let users = f.vulyk.users().await.unwrap();
    (Secrets { session, token }, users, tasks)
}

/// Everything a reader of the store sees.
async fn readings(f: &Fixture, secrets: &Secrets, users: &[User], tasks: &[TaskId]) -> Vec<String> {
    let s = &f.store;
    let mut seen = vec![
        format!("{:?}", s.groups().await.unwrap()),
        format!("{:?}", s.users().await.unwrap()),
        format!("{:?}", s.batches(None).await.unwrap()),
        format!("{:?}", s.task_counts().await.unwrap()),
        format!("{:?}", s.rules().await.unwrap()),
        format!("{:?}", s.funds(None).await.unwrap()),
        format!("{:?}", s.fund_logo("zoo").await.unwrap()),
        format!("{:?}", s.cursors().await.unwrap()),
        format!("{:?}", s.top_states(StateOrder::Points, 100).await.unwrap()),
        format!("{:?}", s.leaders("gamified_task", 10).await.unwrap()),
        format!("{:?}", s.gold_tasks("gold_task", None).await.unwrap()),
        format!("{:?}", s.gold_answers("gold_task").await.unwrap()),
        format!("{:?}", s.recent_events(100).await.unwrap()),
        format!(
            "{:?}",
            s.user_by_identity("google", "1234567890").await.unwrap()
        ),
        format!(
            "{:?}",
            f.vulyk.session_user(&secrets.session).await.unwrap()
        ),
        format!("{:?}", f.vulyk.token_user(&secrets.token).await.unwrap()),
        format!("{:?}", f.vulyk.batch_stats(None, None).await.unwrap()),
    ];
    // Leases to the millisecond: live until, and not at, the hand-out plus the lease.
    let until = f.clock.now() + DEFAULT_LEASE;
    for at in [f.clock.now(), until - Duration::milliseconds(1), until] {
        seen.push(format!("{at}: {:?}", s.live_leases(at).await.unwrap()));
    }
    let audit = AuditQuery {
        since: None,
        user: None,
        limit: 100,
    };
    seen.push(format!("{:?}", s.audit_entries(&audit).await.unwrap()));
    // A delivery's id is the backend's own (a number here, an ObjectId there).
    let all = DeliveryQuery {
        failed: false,
        limit: 100,
    };
    let mut deliveries = s.deliveries(&all).await.unwrap();
    for delivery in &mut deliveries {
        delivery.id = String::new();
    }
    seen.push(format!("{deliveries:?}"));
    for user in users {
        seen.push(format!("{:?}", s.user_state(&user.id).await.unwrap()));
        seen.push(format!("{:?}", s.events(&user.id, false).await.unwrap()));
        seen.push(format!("{:?}", s.api_tokens(&user.id).await.unwrap()));
        seen.push(format!(
            "{:?}",
            s.gold_score(&user.id, "gold_task").await.unwrap()
        ));
        seen.push(format!("{:?}", s.session_seconds(&user.id).await.unwrap()));
        for task in tasks {
            seen.push(format!(
                "{:?}",
                s.has_skipped(&user.id, task).await.unwrap()
            ));
            seen.push(format!(
                "{:?}",
                s.unpaid_answer(&user.id, task).await.unwrap()
            ));
            seen.push(format!(
                "{:?}",
                s.work_sessions(&user.id, task).await.unwrap()
            ));
        }
    }
    for task_type in ["fake_task", "gamified_task", "gold_task"] {
        let mut request = ExportRequest::new(task_type);
        request.include_open = true;
        let mut out = Vec::new();
        f.vulyk
            .export(&request, &mut out, "memory", &|_| {})
            .await
            .unwrap();
        seen.push(String::from_utf8(out).unwrap());
    }
    seen
}

pub async fn a_copy_into_this_store_reads_back_as_its_source(f: &Fixture) {
    let source = embedded(tempfile::tempdir().unwrap()).await;
    let (secrets, users, tasks) = busy(&source).await;
    let request = CopyRequest {
        resume: false,
        page: PageLimit {
            rows: 3,
            ..PageLimit::default()
        },
    };
    let summary = copy_store(&source.url(), &f.url(), &request, None, &|_| {})
        .await
        .unwrap();
    let empty: Vec<_> = summary
        .areas
        .iter()
        .filter(|area| area.rows == 0)
        .map(|area| area.area)
        .collect();
    assert_eq!(empty, ["load_runs"], "areas the test left empty");
    let (read, copied) = (
        readings(&source, &secrets, &users, &tasks).await,
        readings(f, &secrets, &users, &tasks).await,
    );
    for (source, copy) in read.iter().zip(&copied) {
        assert_eq!(source, copy);
    }
    assert_eq!(read.len(), copied.len());
    // Every page stored again, as a copy resumed after a stop between a page and its mark
    // does: nothing doubles or changes.
    for area in AREAS {
        let mut after = None;
        loop {
            let page = source
                .store
                .copy_out(area, after, Limit::default())
                .await
                .unwrap();
            if page.rows.is_empty() {
                break;
            }
            let mark = CopyMark {
                area: area.name.to_string(),
                ..CopyMark::default()
            };
            f.store.copy_in(area, page.rows, mark).await.unwrap();
            after = page.last;
        }
    }
    f.store.forget_copy_marks().await.unwrap();
    assert_eq!(readings(f, &secrets, &users, &tasks).await, copied);
    // The copy's volunteer signs in with the password set on the source.
    let ann = f.vulyk.sign_in("ann", PASSWORD, "10.0.0.1").await.unwrap();
    assert_eq!(ann.username, "ann");
}

pub async fn a_copy_of_this_store_reads_back_as_it(f: &Fixture) {
    let (secrets, users, tasks) = busy(f).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("test.db");
    let request = CopyRequest {
        resume: false,
        page: PageLimit {
            rows: 3,
            ..PageLimit::default()
        },
    };
    copy_store(
        &f.url(),
        &file.display().to_string(),
        &request,
        None,
        &|_| {},
    )
    .await
    .unwrap();
    let copy = embedded(dir).await;
    let (read, copied) = (
        readings(f, &secrets, &users, &tasks).await,
        readings(&copy, &secrets, &users, &tasks).await,
    );
    for (source, copy) in read.iter().zip(&copied) {
        assert_eq!(source, copy);
    }
    assert_eq!(read.len(), copied.len());
    let ann = copy
        .vulyk
        .sign_in("ann", PASSWORD, "10.0.0.1")
        .await
        .unwrap();
    assert_eq!(ann.username, "ann");
}
