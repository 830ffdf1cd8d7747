//! Webhooks on every backend: an answer queues its events once per webhook, however often it
//! is told of (a retry, the sweep); a delivery is tried by one caller at a time until its hold
//! lapses; failed tries wait longer each time, then the delivery is dead until retried.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use vulyk_core::Error;
use vulyk_core::domain::{
    DeliveryStatus, EventKind, User, Webhook, WebhookEvent, WebhookSecret, new_object_id,
};
use vulyk_core::fixture::Fixture;
use vulyk_core::service::{Clock, DELIVERED_KEPT, Vulyk};
use vulyk_core::store::{AnswerRequest, Claim, DeliveryQuery, TryOutcome};

use vulyk_core::gamification::{Amount, DonationResult};

use super::game_cases::{amount, fund, gamified_batch, init_both, rich_volunteer};
use super::work_cases::{volunteer, with_tasks};

fn hook(name: &str, events: &[EventKind]) -> Webhook {
    Webhook {
        name: name.to_string(),
        former_name: None,
        url: format!("http://127.0.0.1:9/{name}"),
        events: events.to_vec(),
        secret: WebhookSecret::Key("a secret of sixteen or more".to_string()),
        max_attempts: 2,
        retry_after_seconds: 10,
        timeout_seconds: 5,
    }
}

fn with_hooks(f: &Fixture, hooks: Vec<Webhook>) -> Vulyk {
    f.vulyk.clone().with_webhooks(hooks)
}

fn event(id: &str, f: &Fixture) -> WebhookEvent {
    WebhookEvent {
        id: id.to_string(),
        kind: EventKind::TaskClosed,
        at: f.clock.now(),
        payload: json!({"task": id}),
    }
}

async fn all_deliveries(f: &Fixture) -> Vec<vulyk_core::domain::Delivery> {
    f.store
        .deliveries(&DeliveryQuery {
            failed: false,
            limit: 10_000,
        })
        .await
        .unwrap()
}

/// (webhook, event id) → how many deliveries.
async fn queued(f: &Fixture) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for d in all_deliveries(f).await {
        *counts.entry((d.hook, d.event.id)).or_default() += 1;
    }
    counts
}

pub async fn an_event_is_queued_once_per_webhook(f: &Fixture) {
    let hooks = ["a".to_string(), "b".to_string()];
    let e = event("task.closed:t1", f);
    assert_eq!(f.store.queue_deliveries(&e, &hooks).await.unwrap(), 2);
    assert_eq!(f.store.queue_deliveries(&e, &hooks).await.unwrap(), 0);
    let listed = all_deliveries(f).await;
    assert_eq!(listed.len(), 2);
    let waiting = f.store.pending_deliveries().await.unwrap();
    assert_eq!(
        waiting,
        BTreeMap::from([("a".to_string(), 1), ("b".to_string(), 1)])
    );
    for d in &listed {
        assert_eq!((d.status, d.attempts), (DeliveryStatus::Pending, 0));
        assert_eq!(d.event, e, "the event comes back as queued");
        let found = f.store.delivery(&d.id).await.unwrap();
        assert_eq!(found.as_ref(), Some(d));
        let by_event = f.store.event_delivery(&d.hook, &e.id).await.unwrap();
        assert_eq!(by_event.as_ref(), Some(d));
    }
    assert_eq!(f.store.delivery("nothing-of-the-kind").await.unwrap(), None);
}

fn claim(token: &str, now: DateTime<Utc>, hold: Duration) -> Claim {
    Claim {
        token: token.to_string(),
        now,
        until: now + hold,
    }
}

pub async fn a_delivery_is_tried_by_one_caller_until_its_hold_lapses(f: &Fixture) {
    let now = f.clock.now();
    f.store
        .queue_deliveries(&event("task.closed:t1", f), &["a".to_string()])
        .await
        .unwrap();
    let hold = Duration::seconds(15);
    // Each webhook's deliveries are claimed apart.
    let other = f.store.claim_delivery("b", &claim("B", now, hold)).await;
    assert_eq!(other.unwrap(), None);
    let first = f.store.claim_delivery("a", &claim("A1", now, hold)).await;
    let first = first.unwrap().expect("the due delivery");
    assert_eq!(first.attempts, 1);
    assert_eq!(first.next_attempt_at, now + hold);
    assert_eq!(first.claim.as_deref(), Some("A1"));
    // Held: nobody else gets it, until the hold lapses (the first caller stopped).
    let held = f.store.claim_delivery("a", &claim("A2", now, hold)).await;
    assert_eq!(held.unwrap(), None);
    let later = now + hold;
    let second = f.store.claim_delivery("a", &claim("A3", later, hold)).await;
    let second = second.unwrap().expect("taken again once the hold lapsed");
    assert_eq!(
        (second.id.as_str(), second.attempts),
        (first.id.as_str(), 2)
    );
    // The stopped caller's late word does not count; the one holding it now does.
    let delivered = TryOutcome::Delivered { at: later };
    assert!(
        !f.store
            .finish_try(&first.id, "A1", &delivered)
            .await
            .unwrap()
    );
    assert!(
        f.store
            .finish_try(&second.id, "A3", &delivered)
            .await
            .unwrap()
    );
    assert!(
        !f.store
            .finish_try(&second.id, "A3", &delivered)
            .await
            .unwrap()
    );
    assert!(
        !f.store
            .finish_try("no-such-id", "A3", &delivered)
            .await
            .unwrap()
    );
    let done = f.store.delivery(&first.id).await.unwrap().unwrap();
    assert_eq!(
        (done.status, done.delivered_at),
        (DeliveryStatus::Delivered, Some(later))
    );
    let far = later + Duration::days(1);
    let none = f.store.claim_delivery("a", &claim("A4", far, hold)).await;
    assert_eq!(none.unwrap(), None);
}

pub async fn racing_servers_never_try_one_delivery_at_once(f: &Fixture) {
    for n in 0..24 {
        f.store
            .queue_deliveries(&event(&format!("task.closed:t{n}"), f), &["a".to_string()])
            .await
            .unwrap();
    }
    let now = f.clock.now();
    let mut racers = tokio::task::JoinSet::new();
    for racer in 0..6 {
        let store = f.store.clone();
        racers.spawn(async move {
            let mut taken = Vec::new();
            for n in 0.. {
                let token = format!("{racer}.{n}");
                let hold = claim(&token, now, Duration::minutes(1));
                let Some(d) = store.claim_delivery("a", &hold).await.unwrap() else {
                    break;
                };
                assert_eq!(d.claim.as_deref(), Some(token.as_str()));
                taken.push(d.id);
            }
            taken
        });
    }
    let taken: Vec<String> = racers.join_all().await.into_iter().flatten().collect();
    let unique: HashSet<&String> = taken.iter().collect();
    assert_eq!((taken.len(), unique.len()), (24, 24), "{taken:?}");
}

pub async fn failed_tries_wait_longer_then_the_delivery_is_dead_until_retried(f: &Fixture) {
    let mut three_tries = hook("a", &[EventKind::TaskClosed]);
    three_tries.max_attempts = 3;
    let vulyk = with_hooks(f, vec![three_tries]);
    f.store
        .queue_deliveries(&event("task.closed:t1", f), &["a".to_string()])
        .await
        .unwrap();
    // A hold unlike the waits, so that a wait that was not written would show.
    let hold = Duration::seconds(25);
    let failed = || Err("HTTP 503 Service Unavailable".to_string());
    for (attempt, wait) in [(1, 10), (2, 20)] {
        let (due, hook) = vulyk.next_delivery("a", hold).await.unwrap().expect("due");
        assert_eq!(due.attempts, attempt);
        let outcome = vulyk.record_try(&due, hook.as_ref(), failed()).await;
        let retry_at = f.clock.now() + Duration::seconds(wait);
        assert_eq!(
            outcome.unwrap(),
            Some(TryOutcome::Retry {
                at: retry_at,
                error: "HTTP 503 Service Unavailable".into()
            })
        );
        let listed = vulyk.webhook_delivery(&due.id).await.unwrap();
        assert_eq!(listed.next_attempt_at, retry_at);
        f.clock.advance(Duration::seconds(wait - 1));
        assert!(
            vulyk.next_delivery("a", hold).await.unwrap().is_none(),
            "waits"
        );
        let failing = vulyk.webhook_deliveries(true, 10).await.unwrap();
        assert_eq!(
            failing.len(),
            1,
            "a pending delivery that failed is failing"
        );
        f.clock.advance(Duration::seconds(1));
    }
    let (third, hook) = vulyk.next_delivery("a", hold).await.unwrap().expect("due");
    let outcome = vulyk
        .record_try(&third, hook.as_ref(), failed())
        .await
        .unwrap();
    assert!(
        matches!(outcome, Some(TryOutcome::Dead { .. })),
        "{outcome:?}"
    );
    f.clock.advance(Duration::days(1));
    assert!(
        vulyk.next_delivery("a", hold).await.unwrap().is_none(),
        "dead"
    );
    let dead = vulyk.webhook_deliveries(true, 10).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(
        (dead[0].status, dead[0].last_error.as_deref()),
        (DeliveryStatus::Dead, Some("HTTP 503 Service Unavailable"))
    );
    let again = vulyk.retry_webhook_delivery(&dead[0].id).await.unwrap();
    assert_eq!((again.status, again.attempts), (DeliveryStatus::Pending, 0));
    let twice = vulyk.retry_webhook_delivery(&dead[0].id).await;
    assert!(matches!(twice, Err(Error::Conflict(_))), "{twice:?}");
    let unknown = vulyk.retry_webhook_delivery("0").await;
    assert!(
        matches!(unknown, Err(Error::NotFound { .. })),
        "{unknown:?}"
    );
    let (fourth, _) = vulyk
        .next_delivery("a", hold)
        .await
        .unwrap()
        .expect("queued again");
    assert_eq!(fourth.attempts, 1);
    // Its webhook gone from this configuration: dead at once, saying so.
    let gone = with_hooks(f, Vec::new());
    let outcome = gone
        .record_try(&fourth, None, Err("no webhook named \"a\"".into()))
        .await
        .unwrap();
    assert!(
        matches!(outcome, Some(TryOutcome::Dead { .. })),
        "{outcome:?}"
    );
}

pub async fn deliveries_delivered_long_ago_are_forgotten(f: &Fixture) {
    let vulyk = with_hooks(f, vec![hook("a", &[EventKind::TaskClosed])]);
    for n in 0..3 {
        f.store
            .queue_deliveries(&event(&format!("task.closed:t{n}"), f), &["a".to_string()])
            .await
            .unwrap();
    }
    let hold = Duration::seconds(15);
    let (delivered, hook) = vulyk.next_delivery("a", hold).await.unwrap().unwrap();
    vulyk
        .record_try(&delivered, hook.as_ref(), Ok(()))
        .await
        .unwrap();
    let (dead, hook) = vulyk.next_delivery("a", hold).await.unwrap().unwrap();
    let mut last_try = hook.clone().unwrap();
    last_try.max_attempts = 1;
    vulyk
        .record_try(&dead, Some(&last_try), Err("refused".into()))
        .await
        .unwrap();
    f.clock.advance(DELIVERED_KEPT - Duration::seconds(1));
    assert_eq!(vulyk.forget_old_deliveries().await.unwrap(), 0);
    f.clock.advance(Duration::seconds(2));
    assert_eq!(vulyk.forget_old_deliveries().await.unwrap(), 1);
    let kept: Vec<DeliveryStatus> = all_deliveries(f).await.iter().map(|d| d.status).collect();
    assert_eq!(kept, [DeliveryStatus::Pending, DeliveryStatus::Dead]);
}

async fn answer_all(vulyk: &Vulyk, volunteers: &[User]) -> usize {
    let mut answers = 0;
    for user in volunteers {
        while let Some(task) = vulyk.next_task(user, "fake_task").await.unwrap() {
            vulyk
                .answer(user, "fake_task", &task.id, &json!({"by": user.username}))
                .await
                .unwrap();
            answers += 1;
        }
    }
    answers
}

pub async fn answers_queue_their_events_once_per_webhook(f: &Fixture) {
    with_tasks(f, "b", 2).await;
    let redundancy = f.vulyk.plugins().get("fake_task").unwrap().redundancy as usize;
    let vulyk = with_hooks(
        f,
        vec![
            hook("everything", &EventKind::SUBSCRIBABLE),
            hook(
                "closings",
                &[EventKind::TaskClosed, EventKind::BatchFinished],
            ),
        ],
    );
    let mut volunteers = Vec::new();
    for n in 0..redundancy {
        volunteers.push(volunteer(f, &format!("v{n}")).await);
    }
    let answers = answer_all(&vulyk, &volunteers).await;
    assert_eq!(answers, 2 * redundancy);
    let counts = queued(f).await;
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    let kinds = |hook: &str| -> BTreeMap<&'static str, usize> {
        let mut kinds = BTreeMap::new();
        for (h, id) in counts.keys() {
            if h == hook {
                let kind = id.split(':').next().unwrap();
                let kind = EventKind::parse(kind).unwrap().as_str();
                *kinds.entry(kind).or_default() += 1;
            }
        }
        kinds
    };
    assert_eq!(
        kinds("everything"),
        BTreeMap::from([
            ("answer.created", answers),
            ("batch.finished", 1),
            ("task.closed", 2)
        ])
    );
    assert_eq!(
        kinds("closings"),
        BTreeMap::from([("batch.finished", 1), ("task.closed", 2)])
    );
    let finished = all_deliveries(f)
        .await
        .into_iter()
        .find(|d| d.event.kind == EventKind::BatchFinished)
        .unwrap();
    assert_eq!(finished.event.id, "batch.finished:b");
    assert_eq!(
        finished.event.payload,
        json!({"batch": "b", "task_type": "fake_task", "tasks": 2})
    );
    // Nothing is left for the sweep to follow up.
    let swept = vulyk.settle_interrupted_answers().await.unwrap();
    assert_eq!(swept.paid, 0);
    assert_eq!(queued(f).await, counts);
}

/// Who completes a stopped answer's follow-ups.
#[derive(Clone, Copy)]
enum Completer {
    /// The volunteer sends the answer again.
    Retry,
    /// The minute's sweep.
    Sweep,
}

async fn stopped_answer_completed_by(f: &Fixture, completer: Completer) {
    with_tasks(f, "b", 1).await;
    let redundancy = f.vulyk.plugins().get("fake_task").unwrap().redundancy;
    let vulyk = with_hooks(f, vec![hook("everything", &EventKind::SUBSCRIBABLE)]);
    let mut volunteers = Vec::new();
    for n in 0..redundancy {
        volunteers.push(volunteer(f, &format!("v{n}")).await);
    }
    let (last, first) = volunteers.split_last().unwrap();
    answer_all(&vulyk, first).await;
    let task = vulyk.next_task(last, "fake_task").await.unwrap().unwrap();
    // The call stored the closing answer and stopped before queueing its events.
    let stored = f
        .store
        .record_answer(&AnswerRequest {
            answer_id: new_object_id(),
            user: last.id.clone(),
            task: task.id.clone(),
            task_type: "fake_task".into(),
            result_json: r#"{"by":"last"}"#.into(),
            redundancy,
            close: false,
            counted: true,
            follow_up: true,
            pays: false,
            now: f.clock.now(),
        })
        .await
        .unwrap();
    assert!(stored.closed_task);
    let before = queued(f).await;
    assert!(!before.keys().any(|(_, id)| id.starts_with("task.closed")));
    let again = json!({"by": "last"});
    let resend = || vulyk.answer(last, "fake_task", &task.id, &again);
    match completer {
        Completer::Retry => {
            // The volunteer's retry finds the answer stored, and completes it.
            let retry = resend().await;
            assert!(matches!(retry, Err(Error::Conflict(_))), "{retry:?}");
        }
        Completer::Sweep => {
            f.clock.advance(Duration::minutes(2));
            let swept = vulyk.settle_interrupted_answers().await.unwrap();
            assert_eq!(swept.paid, 0, "an answer of a type that pays nothing");
        }
    }
    let after = queued(f).await;
    for id in [
        format!("answer.created:{}", stored.answer_id),
        format!("task.closed:{}", task.id.as_str()),
        "batch.finished:b".to_string(),
    ] {
        assert_eq!(
            after.get(&("everything".to_string(), id.clone())),
            Some(&1),
            "{id}"
        );
    }
    assert_eq!(after.len(), before.len() + 3);
    // Completed once: whatever comes next queues nothing twice.
    let retry = resend().await;
    assert!(matches!(retry, Err(Error::Conflict(_))), "{retry:?}");
    f.clock.advance(Duration::minutes(2));
    vulyk.settle_interrupted_answers().await.unwrap();
    assert_eq!(queued(f).await, after);
    let later = f.clock.now() + Duration::days(1);
    assert!(
        f.store
            .interrupted_answers(later)
            .await
            .unwrap()
            .to_pay
            .is_empty()
    );
}

pub async fn a_stopped_answer_has_its_events_queued_by_its_retry(f: &Fixture) {
    stopped_answer_completed_by(f, Completer::Retry).await;
}

pub async fn a_stopped_answer_has_its_events_queued_by_the_sweep(f: &Fixture) {
    stopped_answer_completed_by(f, Completer::Sweep).await;
}

pub async fn without_webhooks_answers_queue_nothing(f: &Fixture) {
    with_tasks(f, "b", 1).await;
    let volunteers = [volunteer(f, "ann").await];
    answer_all(&f.vulyk, &volunteers).await;
    assert!(all_deliveries(f).await.is_empty());
    // Nor did the answer wait for a follow-up.
    let later = f.clock.now() + Duration::days(1);
    let interrupted = f.store.interrupted_answers(later).await.unwrap();
    assert!(interrupted.to_pay.is_empty(), "{:?}", interrupted.to_pay);
}

pub async fn a_donation_queues_its_event_in_the_same_step(f: &Fixture) {
    init_both(f).await;
    f.vulyk.add_fund(&fund("open", true), None).await.unwrap();
    let ann = rich_volunteer(f, "ann", "10", 0).await;
    let vulyk = with_hooks(
        f,
        vec![
            hook("gifts", &[EventKind::DonationMade]),
            hook("closings", &[EventKind::TaskClosed]),
        ],
    );
    let before = queued(f).await;
    assert_eq!(
        vulyk.donate(&ann, "open", amount("2.5")).await,
        DonationResult::Success
    );
    // A refused donation tells of nothing.
    assert_eq!(
        vulyk.donate(&ann, "open", amount("100")).await,
        DonationResult::Beggar
    );
    let donation = vulyk.donations(&ann.id).await.unwrap().remove(0);
    let new: Vec<_> = all_deliveries(f)
        .await
        .into_iter()
        .filter(|d| !before.contains_key(&(d.hook.clone(), d.event.id.clone())))
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].hook, "gifts");
    assert_eq!(new[0].event.id, format!("donation.made:{}", donation.id));
    assert_eq!(
        new[0].event.payload,
        json!({"donation": donation.id, "user": ann.id.as_str(), "fund": "open", "coins": "2.5"})
    );
    // The donation event itself is as before: the notice is not part of it.
    assert_eq!(donation.coins, amount("-2.5"));
    assert_eq!(donation.fund.as_deref(), Some("open"));
}

/// An answer of a gamified type that earns nothing (one that does not count) still waits
/// for its events; whoever completes it queues them and pays nothing.
pub async fn a_stopped_answer_that_earns_nothing_is_not_paid_when_completed(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "g", 0, 1, "1", "2").await;
    let vulyk = with_hooks(f, vec![hook("everything", &EventKind::SUBSCRIBABLE)]);
    let ann = volunteer(f, "ann").await;
    let task = vulyk
        .next_task(&ann, "gamified_task")
        .await
        .unwrap()
        .unwrap();
    let redundancy = f.vulyk.plugins().get("gamified_task").unwrap().redundancy;
    let stored = f
        .store
        .record_answer(&AnswerRequest {
            answer_id: new_object_id(),
            user: ann.id.clone(),
            task: task.id.clone(),
            task_type: "gamified_task".into(),
            result_json: r#"{"by":"ann"}"#.into(),
            redundancy,
            close: false,
            counted: false,
            follow_up: true,
            pays: false,
            now: f.clock.now(),
        })
        .await
        .unwrap();
    f.clock.advance(Duration::minutes(2));
    let swept = vulyk.settle_interrupted_answers().await.unwrap();
    assert_eq!((swept.paid, swept.failed.len()), (0, 0));
    let state = vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!(
        (state.points, state.potential_coins),
        (Amount::ZERO, Amount::ZERO)
    );
    assert!(vulyk.events(&ann.id, false).await.unwrap().is_empty());
    let id = format!("answer.created:{}", stored.answer_id);
    assert_eq!(
        queued(f).await.get(&("everything".to_string(), id)),
        Some(&1)
    );
}

/// A webhook's deliveries follow it to its new name (its default name changed with an
/// upgrade), whatever their state; an event queued under both names is kept once.
pub async fn deliveries_follow_a_webhook_to_its_new_name(f: &Fixture) {
    let former = "https://bot:hunter2@example.org/in".to_string();
    let renamed = Webhook {
        former_name: Some(former.clone()),
        ..hook("example.org-0a1b2c3d", &[EventKind::TaskClosed])
    };
    for n in 0..3 {
        let e = event(&format!("task.closed:t{n}"), f);
        f.store
            .queue_deliveries(&e, std::slice::from_ref(&former))
            .await
            .unwrap();
    }
    // An upgraded server queued one of them under the new name already.
    let both = event("task.closed:t0", f);
    f.store
        .queue_deliveries(&both, std::slice::from_ref(&renamed.name))
        .await
        .unwrap();
    let vulyk = with_hooks(f, vec![renamed.clone()]);
    assert_eq!(vulyk.adopt_former_webhook_names().await.unwrap(), 2);
    let expected: BTreeMap<(String, String), usize> = (0..3)
        .map(|n| ((renamed.name.clone(), format!("task.closed:t{n}")), 1))
        .collect();
    assert_eq!(queued(f).await, expected);
    assert_eq!(vulyk.adopt_former_webhook_names().await.unwrap(), 0, "once");
    // And a server delivers them under the new name.
    let claim = Claim {
        token: "c".into(),
        now: f.clock.now(),
        until: f.clock.now() + Duration::minutes(1),
    };
    let first = f.store.claim_delivery(&renamed.name, &claim).await.unwrap();
    assert!(first.is_some());
}
