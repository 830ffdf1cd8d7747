//! Gamification through the services (spec 8 and the gamification modules of spec 11), with
//! our fixed semantics where the original had a bug; where a case differs, it says so.

use serde_json::json;
use vulyk_core::Error;
use vulyk_core::domain::{TaskId, User, new_object_id};
use vulyk_core::fixture::Fixture;
use vulyk_core::gamification::{
    Amount, DonationResult, EventKind, Fund, Logo, LogoChange, Rule, StateOrder,
};
use vulyk_core::service::Clock;
use vulyk_core::store::AnswerRequest;

use super::service_cases::{lines, load, request};
use super::work_cases::volunteer;

pub(super) fn amount(text: &str) -> Amount {
    Amount::parse(text, "test").unwrap()
}

pub(super) async fn init_both(f: &Fixture) {
    f.vulyk
        .init(&["fake_task".to_string(), "gamified_task".to_string()])
        .await
        .unwrap();
}

/// A batch of `n` gamified tasks (numbered from `first`, so batches never share a task).
pub(super) async fn gamified_batch(
    f: &Fixture,
    name: &str,
    first: u32,
    n: u32,
    points: &str,
    coins: &str,
) {
    let file = f.file(&format!("{name}.jsonl"), lines(first..first + n).as_bytes());
    let mut req = request("gamified_task", &[&file], Some(name));
    req.meta = vec![
        ("points_per_task".into(), points.into()),
        ("coins_per_task".into(), coins.into()),
    ];
    load(f, req).await.unwrap();
}

/// The user takes the next task of the type and answers it; the task's id.
pub(super) async fn work(f: &Fixture, user: &User, task_type: &str) -> TaskId {
    let task = f
        .vulyk
        .next_task(user, task_type)
        .await
        .unwrap()
        .expect("a task to do");
    f.vulyk
        .answer(user, task_type, &task.id, &json!({"by": user.username}))
        .await
        .unwrap();
    task.id
}

pub(super) fn rule(id: &str, tasks: u32, days: u32, bonus: u32) -> Rule {
    Rule {
        id: id.into(),
        task_type: None,
        badge: format!("/badges/{id}.png"),
        name: format!("Rule {id}"),
        description: "a rule".into(),
        bonus,
        tasks_number: tasks,
        days_number: days,
        is_weekend: false,
        is_adjacent: false,
    }
}

pub async fn an_answer_pays_points_coins_and_a_level(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "default", 0, 5, "1.0", "1.0").await;
    let ann = volunteer(f, "ann").await;
    work(f, &ann, "gamified_task").await;
    let events = f.vulyk.events(&ann.id, false).await.unwrap();
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(
        (event.points, event.coins),
        (Amount::whole(1), Amount::whole(1))
    );
    assert_eq!(
        (event.level, event.viewed, event.kind()),
        (Some(1), false, EventKind::Level)
    );
    assert!(event.achievements.is_empty() && event.fund.is_none());
    let state = f.vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!((state.points, state.level), (Amount::whole(1), 1));
    assert_eq!(
        (state.actual_coins, state.potential_coins),
        (Amount::ZERO, Amount::whole(1))
    );
    assert_eq!(state.last_changed, Some(event.timestamp));
}

pub async fn answers_add_up_exactly_across_batches(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "default", 0, 2, "2.5", "1.5").await;
    let ann = volunteer(f, "ann").await;
    work(f, &ann, "gamified_task").await;
    work(f, &ann, "gamified_task").await;
    let state = f.vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!(
        (state.points, state.level, state.potential_coins),
        (amount("5"), 1, amount("3"))
    );
    gamified_batch(f, "yummy", 100, 1, "25", "15").await;
    work(f, &ann, "gamified_task").await;
    let state = f.vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!((state.points, state.level), (amount("30"), 2));
    assert_eq!(
        (state.actual_coins, state.potential_coins),
        (Amount::ZERO, amount("18"))
    );
    let events = f.vulyk.events(&ann.id, false).await.unwrap();
    let levels: Vec<Option<u32>> = events.iter().map(|e| e.level).collect();
    assert_eq!(levels, [Some(1), None, Some(2)]);
    let points: Vec<Amount> = events.iter().map(|e| e.points).collect();
    assert_eq!(points, [amount("2.5"), amount("2.5"), amount("25")]);
}

pub async fn other_types_pay_nothing(f: &Fixture) {
    init_both(f).await;
    let file = f.file("plain.jsonl", lines(0..3).as_bytes());
    load(f, request("fake_task", &[&file], Some("plain")))
        .await
        .unwrap();
    let ann = volunteer(f, "ann").await;
    work(f, &ann, "fake_task").await;
    assert!(
        f.store.user_state(&ann.id).await.unwrap().is_none(),
        "no state is stored"
    );
    assert!(f.vulyk.events(&ann.id, false).await.unwrap().is_empty());
    // A gamified answer after it is the only one paid.
    gamified_batch(f, "yummy", 100, 1, "25", "15").await;
    work(f, &ann, "gamified_task").await;
    let events = f.vulyk.events(&ann.id, false).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].points, events[0].coins, events[0].level),
        (amount("25"), amount("15"), Some(2))
    );
}

pub async fn a_rule_is_earned_once_with_its_bonus(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "default", 0, 5, "1.0", "1.0").await;
    f.vulyk.add_rule(&rule("first", 1, 0, 5)).await.unwrap();
    f.vulyk.add_rule(&rule("third", 3, 0, 0)).await.unwrap();
    // A rule of another type is never earned by these answers.
    let mut other = rule("other", 1, 0, 100);
    other.task_type = Some("fake_task".into());
    f.vulyk.add_rule(&other).await.unwrap();
    let ann = volunteer(f, "ann").await;
    work(f, &ann, "gamified_task").await;
    work(f, &ann, "gamified_task").await;
    work(f, &ann, "gamified_task").await;
    let events = f.vulyk.events(&ann.id, false).await.unwrap();
    let earned: Vec<Vec<String>> = events.iter().map(|e| e.achievements.clone()).collect();
    assert_eq!(
        earned,
        [vec!["first".to_string()], vec![], vec!["third".to_string()]]
    );
    assert_eq!(
        events[0].points,
        amount("6"),
        "the bonus is paid with the answer that earns it"
    );
    assert_eq!(events[0].kind(), EventKind::AchievementsLevel);
    assert_eq!(events[2].kind(), EventKind::Achievements);
    let state = f.vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!(state.achievements, ["first", "third"]);
    assert_eq!(state.points, amount("8"));
}

pub async fn replaying_an_answer_never_pays_twice(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "default", 0, 5, "1.0", "1.0").await;
    let ann = volunteer(f, "ann").await;
    let task = work(f, &ann, "gamified_task").await;
    let answer = f.store.answers_for_task(&task).await.unwrap().remove(0);
    let again = f
        .vulyk
        .pay_for_answer(&ann.id, &answer.id, "gamified_task", Some("default"))
        .await
        .unwrap();
    assert_eq!(again, None);
    let state = f.vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!(
        (state.points, state.potential_coins),
        (Amount::whole(1), Amount::whole(1))
    );
    assert_eq!(f.vulyk.events(&ann.id, false).await.unwrap().len(), 1);
}

/// One batch of one gamified task, answered by all but the last of its volunteers, and the
/// last one's task handed out: returns the volunteers and that task.
async fn one_task_left(f: &Fixture) -> (Vec<User>, TaskId) {
    init_both(f).await;
    gamified_batch(f, "one", 0, 1, "1", "2").await;
    let redundancy = f.vulyk.plugins().get("gamified_task").unwrap().redundancy;
    let mut volunteers = Vec::new();
    for n in 0..redundancy {
        volunteers.push(volunteer(f, &format!("v{n}")).await);
    }
    let (last, first) = volunteers.split_last().unwrap();
    for user in first {
        work(f, user, "gamified_task").await;
    }
    let task = f
        .vulyk
        .next_task(last, "gamified_task")
        .await
        .unwrap()
        .expect("the last slot");
    (volunteers, task.id)
}

/// What the service's call did before it stopped: the store took the last volunteer's answer,
/// which closes the task and its batch.
async fn stored_by_a_stopped_call(f: &Fixture, user: &User, task: &TaskId, pays: bool) -> String {
    let redundancy = f.vulyk.plugins().get("gamified_task").unwrap().redundancy;
    let stored = f
        .store
        .record_answer(&AnswerRequest {
            counted: true,
            answer_id: new_object_id(),
            user: user.id.clone(),
            task: task.clone(),
            task_type: "gamified_task".into(),
            result_json: r#"{"by":"last"}"#.into(),
            redundancy,
            close: false,
            follow_up: pays,
            pays,
            now: f.clock.now(),
        })
        .await
        .unwrap();
    assert!(stored.closed_batch.is_some());
    assert!(f.vulyk.events(&user.id, false).await.unwrap().is_empty());
    stored.answer_id
}

async fn resend(f: &Fixture, user: &User, task: &TaskId) {
    let retry = f
        .vulyk
        .answer(user, "gamified_task", task, &json!({"by": "last"}))
        .await;
    assert!(matches!(retry, Err(Error::Conflict(_))), "{retry:?}");
}

/// Everyone got their point, and their coins are real (the batch closed).
async fn assert_paid(f: &Fixture, volunteers: &[User]) {
    for user in volunteers {
        let state = f.vulyk.user_state(&user.id).await.unwrap();
        assert_eq!(
            (state.points, state.actual_coins, state.potential_coins),
            (Amount::whole(1), Amount::whole(2), Amount::ZERO),
            "{}",
            user.username
        );
    }
}

/// A call that stored the answer and then stopped before paying it (a fault, a full disk):
/// the volunteer's retry is refused as already answered, pays that answer — once — and, as
/// the answer closed its batch, makes everyone's coins of the batch real.
pub async fn a_stored_answer_left_unpaid_is_paid_by_its_retry(f: &Fixture) {
    let (volunteers, task) = one_task_left(f).await;
    let last = volunteers.last().unwrap();
    let answer = stored_by_a_stopped_call(f, last, &task, true).await;
    resend(f, last, &task).await;
    resend(f, last, &task).await;
    let events = f.vulyk.events(&last.id, false).await.unwrap();
    assert_eq!(events.len(), 1, "paid once");
    assert_eq!(events[0].answer.as_deref(), Some(answer.as_str()));
    assert_paid(f, &volunteers).await;
}

/// An answer stored without a payment to come — one of the original Vulyk's, which paid
/// nothing, or of a type that was not gamified then — is not paid by sending it again.
pub async fn a_refused_answer_pays_only_what_its_own_call_left_unpaid(f: &Fixture) {
    let (volunteers, task) = one_task_left(f).await;
    let last = volunteers.last().unwrap();
    stored_by_a_stopped_call(f, last, &task, false).await;
    resend(f, last, &task).await;
    assert!(f.vulyk.events(&last.id, false).await.unwrap().is_empty());
    f.clock.advance(chrono::Duration::minutes(2));
    let swept = f.vulyk.settle_interrupted_answers().await.unwrap();
    assert_eq!((swept.paid, swept.failed.len()), (0, 0));
    assert!(f.vulyk.events(&last.id, false).await.unwrap().is_empty());
}

/// No retry comes: a minute later the sweep pays the answer, once.
pub async fn the_sweep_pays_an_answer_whose_call_stopped(f: &Fixture) {
    let (volunteers, task) = one_task_left(f).await;
    let last = volunteers.last().unwrap();
    stored_by_a_stopped_call(f, last, &task, true).await;
    let paid = async || f.vulyk.settle_interrupted_answers().await.unwrap().paid;
    assert_eq!(paid().await, 0, "too soon");
    f.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(paid().await, 1);
    assert_eq!(paid().await, 0);
    assert_eq!(f.vulyk.events(&last.id, false).await.unwrap().len(), 1);
    assert_paid(f, &volunteers).await;
}

/// A purged batch takes its unpaid answers with it: loaded again, its tasks are answered
/// (and paid) afresh.
pub async fn a_purge_forgets_unpaid_answers(f: &Fixture) {
    let (volunteers, task) = one_task_left(f).await;
    let last = volunteers.last().unwrap();
    stored_by_a_stopped_call(f, last, &task, true).await;
    f.vulyk.delete_batch("one", true).await.unwrap();
    gamified_batch(f, "one", 0, 1, "1", "2").await;
    let again = work(f, last, "gamified_task").await;
    assert_eq!(again, task, "the same task, loaded again");
    assert_eq!(f.vulyk.events(&last.id, false).await.unwrap().len(), 1);
    f.clock.advance(chrono::Duration::minutes(2));
    let swept = f.vulyk.settle_interrupted_answers().await.unwrap();
    assert_eq!((swept.paid, swept.failed.len()), (0, 0));
}

pub async fn closing_a_batch_makes_its_coins_real(f: &Fixture) {
    init_both(f).await;
    // fake_task batches pay nothing when they close.
    let file = f.file("plain.jsonl", lines(0..1).as_bytes());
    load(f, request("fake_task", &[&file], Some("plain")))
        .await
        .unwrap();
    gamified_batch(f, "big", 100, 5, "1", "20").await;
    gamified_batch(f, "small", 200, 1, "1", "1").await;
    let (ann, bob, cat) = (
        volunteer(f, "ann").await,
        volunteer(f, "bob").await,
        volunteer(f, "cat").await,
    );
    for user in [&ann, &bob, &cat] {
        work(f, user, "fake_task").await;
    }
    assert!(f.store.batch("plain").await.unwrap().unwrap().closed);
    assert!(f.store.user_state(&bob.id).await.unwrap().is_none());
    // ann answers in the open batch `big` only: her 20 coins stay potential.
    work(f, &ann, "gamified_task").await;
    // bob, cat and ann answer the one task of `small` without a hand-out (slots are free):
    // the third answer closes it.
    let small_id = first_task_of(f, "small.jsonl");
    for user in [&bob, &cat, &ann] {
        f.vulyk
            .answer(user, "gamified_task", &small_id, &json!({"ok": 1}))
            .await
            .unwrap();
    }
    assert!(f.store.batch("small").await.unwrap().unwrap().closed);
    let state = |u: &User| {
        let id = u.id.clone();
        let vulyk = f.vulyk.clone();
        async move { vulyk.user_state(&id).await.unwrap() }
    };
    let ann_state = state(&ann).await;
    assert_eq!(
        (ann_state.potential_coins, ann_state.actual_coins),
        (amount("20"), amount("1"))
    );
    for user in [&bob, &cat] {
        let s = state(user).await;
        assert_eq!(
            (s.potential_coins, s.actual_coins),
            (Amount::ZERO, amount("1"))
        );
    }
    // Made real once: doing it again moves nothing.
    let batch = f.store.batch("small").await.unwrap().unwrap();
    assert!(f.vulyk.make_coins_real(&batch).await.unwrap().is_empty());
    assert_eq!(state(&bob).await.actual_coins, amount("1"));
}

/// The id of the first task of a scratch file (the content hash of its compact JSON).
fn first_task_of(f: &Fixture, file: &str) -> TaskId {
    let text = std::fs::read_to_string(f.path(file)).unwrap();
    let value: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    TaskId::for_canonical_json(serde_json::to_string(&value).unwrap().as_bytes())
}

pub async fn racing_answers_close_a_batch_and_pay_coins_once(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "race", 0, 10, "1", "0.5").await;
    let mut workers = Vec::new();
    for n in 0..12 {
        let user = volunteer(f, &format!("v{n}")).await;
        let vulyk = f.vulyk.clone();
        workers.push(tokio::spawn(async move {
            let mut answers = 0_u64;
            while let Some(task) = vulyk.next_task(&user, "gamified_task").await.unwrap() {
                vulyk
                    .answer(&user, "gamified_task", &task.id, &json!({"n": n}))
                    .await
                    .unwrap();
                answers += 1;
            }
            (user, answers)
        }));
    }
    // Every volunteer is done before anyone's coins are looked at: the batch closes with
    // the last answer, whoever gives it.
    let mut done = Vec::new();
    for worker in workers {
        done.push(worker.await.unwrap());
    }
    let mut total = 0;
    for (user, answers) in done {
        total += answers;
        let state = f.vulyk.user_state(&user.id).await.unwrap();
        let expected = amount("0.5").checked_mul(answers).unwrap();
        assert_eq!(
            state.potential_coins,
            Amount::ZERO,
            "{}: all coins made real",
            user.username
        );
        assert_eq!(
            state.actual_coins, expected,
            "{}: paid once per answer",
            user.username
        );
        assert_eq!(state.points, Amount::whole(answers as i64));
        assert_eq!(
            f.vulyk.events(&user.id, false).await.unwrap().len() as u64,
            answers
        );
    }
    assert_eq!(total, 30);
    assert!(f.store.batch("race").await.unwrap().unwrap().closed);
}

/// A volunteer with `coins` actual coins: one closed batch paying that much.
pub(super) async fn rich_volunteer(f: &Fixture, name: &str, coins: &str, first: u32) -> User {
    let batch = format!("gift_{name}");
    gamified_batch(f, &batch, first, 1, "0", coins).await;
    let user = volunteer(f, name).await;
    let task = f
        .vulyk
        .next_task(&user, "gamified_task")
        .await
        .unwrap()
        .unwrap();
    f.vulyk
        .answer(&user, "gamified_task", &task.id, &json!({}))
        .await
        .unwrap();
    // Two helpers close the task and so the batch.
    for helper in ["h1", "h2"] {
        let helper = match f.vulyk.user(&helper.into()).await {
            Ok(u) => u,
            Err(_) => volunteer(f, helper).await,
        };
        f.vulyk
            .answer(&helper, "gamified_task", &task.id, &json!({}))
            .await
            .unwrap();
    }
    assert_eq!(
        f.vulyk.user_state(&user.id).await.unwrap().actual_coins,
        amount(coins)
    );
    user
}

pub(super) fn fund(id: &str, donatable: bool) -> Fund {
    Fund {
        id: id.into(),
        name: format!("Fund {id}"),
        description: "<p>helps</p>".into(),
        site: Some("https://fund.example".into()),
        email: Some("fund@example.org".into()),
        donatable,
        has_logo: false,
    }
}

pub async fn donations_have_the_original_outcomes(f: &Fixture) {
    init_both(f).await;
    f.vulyk.add_fund(&fund("open", true), None).await.unwrap();
    f.vulyk
        .add_fund(&fund("closed", false), None)
        .await
        .unwrap();
    let ann = rich_volunteer(f, "ann", "200", 0).await;
    for (fund, given, outcome) in [
        ("open", "100", DonationResult::Success),
        ("open", "49.5", DonationResult::Success),
        ("open", "51", DonationResult::Beggar),
        ("open", "0", DonationResult::Stingy),
        ("open", "-10", DonationResult::Stingy),
        ("fund.id", "1", DonationResult::Liar),
        ("closed", "1", DonationResult::Liar),
    ] {
        let result = f.vulyk.donate(&ann, fund, amount(given)).await;
        assert_eq!(result, outcome, "{given} to {fund}");
    }
    let state = f.vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!(state.actual_coins, amount("50.5"));
    let donations: Vec<_> = f
        .vulyk
        .events(&ann.id, false)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind() == EventKind::Donation)
        .collect();
    assert_eq!(donations.len(), 2);
    assert_eq!(
        (donations[1].coins, donations[1].fund.as_deref()),
        (amount("-49.5"), Some("open"))
    );
    assert!(
        donations
            .iter()
            .all(|e| e.viewed && e.points == Amount::ZERO && e.answer.is_none())
    );
    // The donations alone, newest first, as the personal page lists them.
    let all_events = f.vulyk.events(&ann.id, false).await.unwrap().len();
    assert!(all_events > donations.len(), "ann has other events too");
    let newest_first: Vec<_> = donations.iter().rev().cloned().collect();
    assert_eq!(f.vulyk.donations(&ann.id).await.unwrap(), newest_first);
    // The store itself refuses to "withdraw" a negative amount (it would add coins).
    let mut gift = f.vulyk.events(&ann.id, false).await.unwrap().pop().unwrap();
    gift.id = "not-a-donation".into();
    gift.coins = amount("99");
    assert!(matches!(
        f.store.donate(&gift, None).await,
        Err(Error::Invalid(_))
    ));
    assert_eq!(
        f.vulyk.user_state(&ann.id).await.unwrap().actual_coins,
        amount("50.5")
    );
    // Someone with no state at all is a beggar too.
    let bob = volunteer(f, "bob").await;
    assert_eq!(
        f.vulyk.donate(&bob, "open", amount("1")).await,
        DonationResult::Beggar
    );
    assert!(f.vulyk.donations(&bob.id).await.unwrap().is_empty());
}

pub async fn racing_donations_never_overdraw(f: &Fixture) {
    init_both(f).await;
    f.vulyk.add_fund(&fund("open", true), None).await.unwrap();
    let ann = rich_volunteer(f, "ann", "100", 0).await;
    let mut donors = Vec::new();
    for _ in 0..25 {
        let (vulyk, ann) = (f.vulyk.clone(), ann.clone());
        donors.push(tokio::spawn(async move {
            vulyk.donate(&ann, "open", amount("10")).await
        }));
    }
    let mut outcomes = Vec::new();
    for donor in donors {
        outcomes.push(donor.await.unwrap());
    }
    let successes = outcomes
        .iter()
        .filter(|r| **r == DonationResult::Success)
        .count();
    assert_eq!(successes, 10, "{outcomes:?}");
    assert!(
        outcomes
            .iter()
            .all(|r| matches!(r, DonationResult::Success | DonationResult::Beggar))
    );
    assert_eq!(
        f.vulyk.user_state(&ann.id).await.unwrap().actual_coins,
        Amount::ZERO
    );
    let numbers = f.vulyk.game_numbers(Some(&ann.id)).await.unwrap();
    assert_eq!(numbers.all.donated, amount("100"));
}

pub async fn events_are_each_volunteers_own(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "default", 0, 9, "1", "1").await;
    let users = [
        volunteer(f, "u0").await,
        volunteer(f, "u1").await,
        volunteer(f, "u2").await,
    ];
    for _ in 0..3 {
        for user in &users {
            f.clock.advance(chrono::Duration::seconds(1));
            work(f, user, "gamified_task").await;
        }
    }
    let unseen = f.vulyk.events(&users[1].id, true).await.unwrap();
    assert_eq!(unseen.len(), 3);
    assert!(unseen.iter().all(|e| e.user == users[1].id));
    assert!(
        unseen.windows(2).all(|w| w[0].timestamp < w[1].timestamp),
        "oldest first"
    );
    assert_eq!(f.vulyk.mark_events_viewed(&users[1].id).await.unwrap(), 3);
    assert!(f.vulyk.events(&users[1].id, true).await.unwrap().is_empty());
    assert_eq!(f.vulyk.events(&users[1].id, false).await.unwrap().len(), 3);
    assert_eq!(
        f.vulyk.events(&users[0].id, true).await.unwrap().len(),
        3,
        "others' stay unseen"
    );
    assert_eq!(f.vulyk.mark_events_viewed(&users[1].id).await.unwrap(), 0);
}

pub async fn numbers_count_events_batches_and_time(f: &Fixture) {
    init_both(f).await;
    f.vulyk.add_fund(&fund("open", true), None).await.unwrap();
    let ann = rich_volunteer(f, "ann", "10", 0).await; // one answer in gift_ann
    for (n, batch) in ["b0", "b1", "b2"].iter().enumerate() {
        gamified_batch(f, batch, 100 * (n as u32 + 1), 1, "1", "1").await;
    }
    let task = f
        .vulyk
        .next_task(&ann, "gamified_task")
        .await
        .unwrap()
        .unwrap();
    f.clock.advance(chrono::Duration::minutes(90));
    f.vulyk
        .answer(&ann, "gamified_task", &task.id, &json!({}))
        .await
        .unwrap();
    work(f, &ann, "gamified_task").await;
    assert_eq!(
        f.vulyk.donate(&ann, "open", amount("4")).await,
        DonationResult::Success
    );
    let numbers = f.vulyk.game_numbers(Some(&ann.id)).await.unwrap();
    let mine = numbers.mine.unwrap();
    assert_eq!(mine.totals.task_events, 3, "donations are not task events");
    assert_eq!(mine.totals.earned, amount("12"));
    assert_eq!(mine.totals.donated, amount("4"));
    assert_eq!(mine.batches, 3);
    assert_eq!(mine.hours, 1, "90 minutes of one session, counted once");
    assert_eq!(numbers.all.task_events, 5, "the helpers' answers count too");
    assert_eq!(
        (numbers.open_tasks, numbers.active_users),
        (3, 3),
        "b0–b2 still need answers"
    );
    assert_eq!(mine.state.unwrap().actual_coins, amount("6"));
}

pub async fn top_states_order_by_each_measure(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "default", 0, 10, "10", "1").await;
    let mut users = Vec::new();
    for (n, answers) in [1, 3, 2].iter().enumerate() {
        let user = volunteer(f, &format!("u{n}")).await;
        for _ in 0..*answers {
            work(f, &user, "gamified_task").await;
        }
        users.push(user);
    }
    for order in [
        StateOrder::Points,
        StateOrder::PotentialCoins,
        StateOrder::Level,
        StateOrder::ActualCoins,
    ] {
        for limit in 1..=4 {
            let top = f.vulyk.top_states(order, limit).await.unwrap();
            assert_eq!(top.len(), limit.min(3));
            let key = |s: &vulyk_core::gamification::UserState| match order {
                StateOrder::Points => s.points,
                StateOrder::PotentialCoins => s.potential_coins,
                StateOrder::ActualCoins => s.actual_coins,
                StateOrder::Level => Amount::whole(s.level.into()),
            };
            assert!(
                top.windows(2).all(|w| key(&w[0]) >= key(&w[1])),
                "{order:?}"
            );
        }
    }
    let top = f.vulyk.top_states(StateOrder::Points, 3).await.unwrap();
    let order: Vec<_> = top.iter().map(|s| s.user.clone()).collect();
    assert_eq!(
        order,
        [
            users[1].id.clone(),
            users[2].id.clone(),
            users[0].id.clone()
        ]
    );
}

pub async fn rules_are_kept_with_unique_names(f: &Fixture) {
    init_both(f).await;
    let mut project = rule("p", 40, 0, 0);
    project.task_type = Some("gamified_task".into());
    for r in [
        rule("100", 3, 0, 0),
        rule("200", 30, 0, 10),
        project.clone(),
    ] {
        f.vulyk.add_rule(&r).await.unwrap();
    }
    let err = f.vulyk.add_rule(&rule("100", 1, 0, 0)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict(m) if m.starts_with("id:")),
        "{err:?}"
    );
    let mut same_name = rule("999", 1, 0, 0);
    same_name.name = "Rule 100".into();
    let err = f.vulyk.add_rule(&same_name).await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict(m) if m.starts_with("name:")),
        "{err:?}"
    );
    let mut unknown_type = rule("x", 1, 0, 0);
    unknown_type.task_type = Some("no_such_task".into());
    // A task type that is not installed is something named that does not exist.
    assert!(matches!(
        f.vulyk.add_rule(&unknown_type).await,
        Err(Error::NotFound { .. })
    ));
    assert_eq!(f.vulyk.rule("p").await.unwrap(), project);
    assert_eq!(f.vulyk.rules().await.unwrap().len(), 3);
    assert_eq!(
        f.vulyk
            .rules_for("gamified_task", true)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        f.vulyk
            .rules_for("gamified_task", false)
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        f.vulyk.rules_for("fake_task", false).await.unwrap().len(),
        2
    );
    let mut edited = rule("200", 30, 0, 15);
    edited.name = "Thirty".into();
    f.vulyk.edit_rule(&edited).await.unwrap();
    assert_eq!(f.vulyk.rule("200").await.unwrap().bonus, 15);
    let mut clash = edited.clone();
    clash.name = "Rule 100".into();
    assert!(matches!(
        f.vulyk.edit_rule(&clash).await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        f.vulyk.edit_rule(&rule("nope", 1, 0, 0)).await,
        Err(Error::NotFound { .. })
    ));
    f.vulyk.delete_rule("100").await.unwrap();
    assert!(matches!(
        f.vulyk.delete_rule("100").await,
        Err(Error::NotFound { .. })
    ));
    // Export, then import into the emptied store: the same rules come back; twice is once.
    let exported = f.vulyk.export_rules().await.unwrap();
    for r in f.vulyk.rules().await.unwrap() {
        f.vulyk.delete_rule(&r.id).await.unwrap();
    }
    let summary = f
        .vulyk
        .import_rules("rules.jsonl", &exported)
        .await
        .unwrap();
    assert_eq!((summary.added, summary.replaced), (2, 0));
    let summary = f
        .vulyk
        .import_rules("rules.jsonl", &exported)
        .await
        .unwrap();
    assert_eq!((summary.added, summary.replaced), (0, 2));
    assert_eq!(f.vulyk.rule("200").await.unwrap(), edited);
    // A bad line stores nothing of the file.
    let bad = format!("{exported}{{\"name\": \"x\"}}\n");
    let err = f
        .vulyk
        .import_rules("more.jsonl", &bad.replace("Thirty", "Forty"))
        .await
        .unwrap_err();
    assert!(err.to_string().starts_with("more.jsonl:3:"), "{err}");
    assert_eq!(f.vulyk.rule("200").await.unwrap().name, "Thirty");
}

/// The example fund logo of `fixtures/`.
pub(super) fn png() -> Logo {
    let bytes = include_bytes!("../../../fixtures/fund-logo.png").to_vec();
    Logo::from_bytes(bytes, "fund-logo.png").unwrap()
}

pub async fn funds_are_kept_with_their_logos(f: &Fixture) {
    init_both(f).await;
    f.vulyk
        .add_fund(&fund("f1", true), Some(&png()))
        .await
        .unwrap();
    f.vulyk.add_fund(&fund("f2", false), None).await.unwrap();
    assert!(matches!(
        f.vulyk.add_fund(&fund("f1", true), None).await,
        Err(Error::Conflict(_))
    ));
    let all = f.vulyk.funds(None).await.unwrap();
    assert_eq!(
        all.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        ["f1", "f2"]
    );
    assert_eq!((all[0].has_logo, all[1].has_logo), (true, false));
    assert_eq!(f.vulyk.funds(Some(true)).await.unwrap()[0].name, "Fund f1");
    assert_eq!(f.vulyk.funds(Some(false)).await.unwrap()[0].name, "Fund f2");
    assert_eq!(f.vulyk.fund_logo("f1").await.unwrap(), png());
    assert!(matches!(
        f.vulyk.fund_logo("f2").await,
        Err(Error::NotFound { .. })
    ));
    let mut edited = fund("f2", true);
    edited.site = None;
    f.vulyk
        .edit_fund(&edited, &LogoChange::Set(png()))
        .await
        .unwrap();
    let stored = f.vulyk.fund("f2").await.unwrap();
    assert_eq!(
        (stored.site, stored.donatable, stored.has_logo),
        (None, true, true)
    );
    f.vulyk
        .edit_fund(&fund("f1", true), &LogoChange::Remove)
        .await
        .unwrap();
    assert!(!f.vulyk.fund("f1").await.unwrap().has_logo);
    f.vulyk
        .edit_fund(&fund("f1", false), &LogoChange::Keep)
        .await
        .unwrap();
    assert!(!f.vulyk.fund("f1").await.unwrap().donatable);
    // A fund that received donations stays; one without goes.
    let ann = rich_volunteer(f, "ann", "5", 0).await;
    assert_eq!(
        f.vulyk.donate(&ann, "f2", amount("1")).await,
        DonationResult::Success
    );
    assert!(matches!(
        f.vulyk.delete_fund("f2").await,
        Err(Error::Conflict(_))
    ));
    f.vulyk.delete_fund("f1").await.unwrap();
    assert!(matches!(
        f.vulyk.fund("f1").await,
        Err(Error::NotFound { .. })
    ));
    let bad = Fund {
        email: Some("nope".into()),
        ..fund("f3", true)
    };
    assert!(matches!(
        f.vulyk.add_fund(&bad, None).await,
        Err(Error::Invalid(_))
    ));
}

pub async fn batch_rewards_come_from_the_first_open_batch(f: &Fixture) {
    init_both(f).await;
    assert_eq!(
        f.vulyk.batch_rewards("gamified_task").await.unwrap(),
        None,
        "no batch"
    );
    gamified_batch(f, "default", 0, 1, "5", "3").await;
    let rewards = f
        .vulyk
        .batch_rewards("gamified_task")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (rewards.batch.as_str(), rewards.points, rewards.coins),
        ("default", amount("5"), amount("3"))
    );
    assert!(!rewards.important);
    // The only batch closes: nothing is on offer.
    let users = [
        volunteer(f, "a").await,
        volunteer(f, "b").await,
        volunteer(f, "c").await,
    ];
    for user in &users {
        work(f, user, "gamified_task").await;
    }
    assert!(f.store.batch("default").await.unwrap().unwrap().closed);
    assert_eq!(
        f.vulyk.batch_rewards("gamified_task").await.unwrap(),
        None,
        "only a closed batch"
    );
    // A closed `default` and an open `zzzzz`: zzzzz's rates.
    let file = f.file("z.jsonl", super::service_cases::lines(100..102).as_bytes());
    let mut req = request("gamified_task", &[&file], Some("zzzzz"));
    req.meta = vec![
        ("points_per_task".into(), "15".into()),
        ("coins_per_task".into(), "13".into()),
        ("is_important".into(), "true".into()),
    ];
    load(f, req).await.unwrap();
    let rewards = f
        .vulyk
        .batch_rewards("gamified_task")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            rewards.batch.as_str(),
            rewards.points,
            rewards.coins,
            rewards.important
        ),
        ("zzzzz", amount("15"), amount("13"), true)
    );
    assert_eq!(
        f.vulyk.batch_rewards("fake_task").await.unwrap(),
        None,
        "types that pay nothing"
    );
    // Negative or inexact rates are refused when the batch is loaded.
    let file = f.file(
        "neg.jsonl",
        super::service_cases::lines(200..201).as_bytes(),
    );
    let mut req = request("gamified_task", &[&file], Some("negative"));
    req.meta = vec![("points_per_task".into(), "-1".into())];
    let err = load(f, req).await.unwrap_err();
    assert!(err.to_string().contains("points_per_task"), "{err}");
    assert!(f.store.batch("negative").await.unwrap().is_none());
}

pub async fn the_latest_answers_and_events_come_newest_first(f: &Fixture) {
    init_both(f).await;
    gamified_batch(f, "default", 0, 5, "1", "1").await;
    let file = f.file("plain.jsonl", lines(100..103).as_bytes());
    load(f, request("fake_task", &[&file], Some("plain")))
        .await
        .unwrap();
    let (ann, bob) = (volunteer(f, "ann").await, volunteer(f, "bob").await);
    let mut order = Vec::new();
    for (user, task_type) in [
        (&ann, "gamified_task"),
        (&bob, "fake_task"),
        (&bob, "gamified_task"),
    ] {
        f.clock.advance(chrono::Duration::seconds(5));
        order.push((work(f, user, task_type).await, user.id.clone(), task_type));
    }
    let answers = f.vulyk.recent_answers(10).await.unwrap();
    let seen: Vec<_> = answers
        .iter()
        .map(|a| (a.task.clone(), a.user.clone(), a.task_type.as_str()))
        .collect();
    order.reverse();
    assert_eq!(seen, order);
    assert_eq!(
        answers[0].at,
        vulyk_core::service::Clock::now(f.clock.as_ref())
    );
    assert_eq!(f.vulyk.recent_answers(1).await.unwrap().len(), 1);
    // Events: the two gamified answers (newest first), then a donation on top.
    let events = f.vulyk.recent_events(10).await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.user.clone()).collect::<Vec<_>>(),
        [bob.id.clone(), ann.id.clone()]
    );
    assert!(events[0].timestamp > events[1].timestamp);
}
