//! What achievement rules count, on both backends: sessions, days, weekends, windows ending
//! today, time zones (spec 8.1 with its calendar fixed, and spec 11's query executor cases).

use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use vulyk_core::domain::User;
use vulyk_core::fixture::Fixture;
use vulyk_core::gamification::Rule;
use vulyk_core::service::{GameSettings, UserRef, Vulyk};

use super::game_cases::{gamified_batch, init_both, rule};
use super::service_cases::{lines, load, request};
use super::work_cases::volunteer;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Two types with plenty of tasks: `fake_task` and `gamified_task`.
async fn setup(f: &Fixture) {
    init_both(f).await;
    let file = f.file("plain.jsonl", lines(0..60).as_bytes());
    load(f, request("fake_task", &[&file], Some("plain")))
        .await
        .unwrap();
    gamified_batch(f, "games", 1000, 60, "1", "1").await;
}

/// A finished work session of the user on a task of the type, ending at `at`.
async fn work_at(f: &Fixture, user: &User, task_type: &str, at: DateTime<Utc>) {
    f.clock.set(at);
    let task = f
        .vulyk
        .next_task(user, task_type)
        .await
        .unwrap()
        .expect("a task");
    f.vulyk
        .answer(user, task_type, &task.id, &json!({"at": at.to_rfc3339()}))
        .await
        .unwrap();
}

/// The rule's count for the user at `now`, as the simulator sees it (0 when absent).
async fn count_with(vulyk: &Vulyk, f: &Fixture, r: &Rule, user: &User, now: DateTime<Utc>) -> u64 {
    f.clock.set(now);
    let holders = vulyk
        .simulate_rule(r, Some(&UserRef(user.username.clone())))
        .await
        .unwrap();
    holders.first().map_or(0, |h| h.count)
}

async fn count(f: &Fixture, r: &Rule, user: &User, now: DateTime<Utc>) -> u64 {
    count_with(&f.vulyk, f, r, user, now).await
}

fn weekend_rule(tasks: u32, days: u32, adjacent: bool) -> Rule {
    Rule {
        is_weekend: true,
        is_adjacent: adjacent,
        ..rule("w", tasks, days, 0)
    }
}

fn adjacent_rule(days: u32) -> Rule {
    Rule {
        is_adjacent: true,
        ..rule("a", 0, days, 0)
    }
}

pub async fn rules_count_finished_sessions_per_volunteer_and_type(f: &Fixture) {
    setup(f).await;
    let now = utc("2026-01-07T12:00:00Z");
    let (ann, bob, cat) = (
        volunteer(f, "ann").await,
        volunteer(f, "bob").await,
        volunteer(f, "cat").await,
    );
    for minutes in 0..3 {
        work_at(f, &ann, "gamified_task", now - Duration::minutes(minutes)).await;
    }
    work_at(f, &ann, "fake_task", now).await;
    work_at(f, &bob, "gamified_task", now).await;
    // A hand-out without an answer is no finished session.
    f.vulyk
        .next_task(&cat, "gamified_task")
        .await
        .unwrap()
        .unwrap();
    let three = rule("t", 3, 0, 0);
    assert_eq!(count(f, &three, &ann, now).await, 4);
    assert_eq!(count(f, &three, &bob, now).await, 1);
    assert_eq!(count(f, &three, &cat, now).await, 0);
    let project = Rule {
        task_type: Some("gamified_task".into()),
        ..three.clone()
    };
    assert_eq!(
        count(f, &project, &ann, now).await,
        3,
        "only the project's sessions"
    );
    // Everyone at once: ann earns it, bob does not, cat is not listed.
    f.clock.set(now);
    let holders = f.vulyk.simulate_rule(&three, None).await.unwrap();
    let shown: Vec<(&str, u64, bool)> = holders
        .iter()
        .map(|h| (h.user.username.as_str(), h.count, h.achieved))
        .collect();
    assert_eq!(shown, [("ann", 4, true), ("bob", 1, false)]);
}

pub async fn rules_count_sessions_within_the_last_days(f: &Fixture) {
    setup(f).await;
    let now = utc("2026-01-07T12:00:00Z");
    let (ann, bob, cat) = (
        volunteer(f, "ann").await,
        volunteer(f, "bob").await,
        volunteer(f, "cat").await,
    );
    for n in 0..21 {
        work_at(
            f,
            &ann,
            "gamified_task",
            now - Duration::days(n % 7) - Duration::hours(2),
        )
        .await;
        // Spread over nine days: the sessions of the two oldest fall outside a week.
        work_at(
            f,
            &bob,
            "gamified_task",
            now - Duration::days(n % 9) - Duration::hours(2),
        )
        .await;
    }
    for n in 0..20 {
        work_at(f, &cat, "gamified_task", now - Duration::days(n % 7)).await;
    }
    let week = rule("t", 21, 7, 0);
    assert_eq!(count(f, &week, &ann, now).await, 21);
    assert!(count(f, &week, &bob, now).await < 21);
    assert_eq!(count(f, &week, &cat, now).await, 20);
    // The window starts at midnight six days ago: a session a minute earlier is out.
    let dan = volunteer(f, "dan").await;
    work_at(f, &dan, "gamified_task", utc("2026-01-01T00:00:00Z")).await;
    work_at(f, &dan, "gamified_task", utc("2025-12-31T23:59:00Z")).await;
    assert_eq!(count(f, &week, &dan, now).await, 1);
}

pub async fn weekend_rules_count_saturdays_and_sundays(f: &Fixture) {
    setup(f).await;
    let now = utc("2026-01-10T12:00:00Z"); // a Saturday
    let (sun, sat, mon) = (
        volunteer(f, "sun").await,
        volunteer(f, "sat").await,
        volunteer(f, "mon").await,
    );
    for minute in 0..21 {
        let m = Duration::minutes(minute);
        work_at(f, &sun, "gamified_task", utc("2026-01-04T10:00:00Z") + m).await;
        work_at(f, &sat, "gamified_task", utc("2026-01-03T10:00:00Z") + m).await;
        work_at(f, &mon, "gamified_task", utc("2026-01-05T10:00:00Z") + m).await;
    }
    let r = weekend_rule(20, 0, false);
    assert_eq!(count(f, &r, &sun, now).await, 21);
    assert_eq!(count(f, &r, &sat, now).await, 21);
    assert_eq!(count(f, &r, &mon, now).await, 0);
}

pub async fn weekends_are_counted_once_each(f: &Fixture) {
    setup(f).await;
    let now = utc("2026-01-11T12:00:00Z"); // a Sunday
    let (ann, bob, cat) = (
        volunteer(f, "ann").await,
        volunteer(f, "bob").await,
        volunteer(f, "cat").await,
    );
    // ann: every second Sunday, seven times.
    for n in 0..7 {
        work_at(f, &ann, "gamified_task", now - Duration::weeks(2 * n)).await;
    }
    let seven = weekend_rule(0, 7, false);
    assert_eq!(count(f, &seven, &ann, now).await, 7);
    // bob: the Saturday and Sunday of one weekend across a year's end (2022-12-31 and
    // 2023-01-01) are one weekend; a Sunday and the next Saturday are two.
    work_at(f, &bob, "gamified_task", utc("2022-12-31T10:00:00Z")).await;
    work_at(f, &bob, "gamified_task", utc("2023-01-01T10:00:00Z")).await;
    assert_eq!(count(f, &seven, &bob, now).await, 1);
    work_at(f, &cat, "gamified_task", utc("2026-01-04T10:00:00Z")).await;
    work_at(f, &cat, "gamified_task", utc("2026-01-10T10:00:00Z")).await;
    assert_eq!(count(f, &seven, &cat, now).await, 2);
}

pub async fn adjacent_weekends_end_with_the_latest(f: &Fixture) {
    setup(f).await;
    let now = utc("2026-01-11T12:00:00Z"); // a Sunday
    let (ann, bob) = (volunteer(f, "ann").await, volunteer(f, "bob").await);
    for n in 0..8 {
        work_at(f, &ann, "gamified_task", now - Duration::weeks(n)).await;
        work_at(f, &bob, "gamified_task", now - Duration::weeks(2 * n)).await;
    }
    let r = weekend_rule(0, 7, true);
    assert_eq!(
        count(f, &r, &ann, now).await,
        7,
        "the last seven weekends, all worked"
    );
    assert_eq!(count(f, &r, &bob, now).await, 4, "every second one");
    // On the Wednesday after, the latest weekend is still the one just gone.
    assert_eq!(count(f, &r, &ann, now + Duration::days(3)).await, 7);
    // A week later the streak has a gap at its end.
    assert_eq!(count(f, &r, &ann, now + Duration::weeks(1)).await, 6);
}

pub async fn adjacent_days_end_today(f: &Fixture) {
    setup(f).await;
    // Across a month's end: 29 January to 2 February.
    let now = utc("2026-02-02T15:00:00Z");
    let (ann, bob, cat, dan) = (
        volunteer(f, "ann").await,
        volunteer(f, "bob").await,
        volunteer(f, "cat").await,
        volunteer(f, "dan").await,
    );
    for n in 0..5 {
        work_at(f, &ann, "gamified_task", now - Duration::days(n)).await;
        work_at(f, &cat, "fake_task", now - Duration::days(n)).await;
        // bob's five days end yesterday: the original counted them (its window was one day
        // longer); a streak that does not reach today is not five adjacent days.
        work_at(f, &bob, "gamified_task", now - Duration::days(n + 1)).await;
    }
    for n in [0, 1, 3, 4, 5] {
        work_at(f, &dan, "gamified_task", now - Duration::days(n)).await;
    }
    let five = adjacent_rule(5);
    assert_eq!(count(f, &five, &ann, now).await, 5);
    assert_eq!(count(f, &five, &bob, now).await, 4);
    assert_eq!(
        count(f, &five, &dan, now).await,
        4,
        "a gap breaks the streak"
    );
    let project = Rule {
        task_type: Some("gamified_task".into()),
        ..five.clone()
    };
    assert_eq!(count(f, &project, &ann, now).await, 5);
    assert_eq!(
        count(f, &project, &cat, now).await,
        0,
        "other types' days do not count"
    );
    // Distinct days ever, and several sessions a day count once.
    let days = rule("d", 0, 6, 0);
    work_at(f, &ann, "gamified_task", now + Duration::minutes(5)).await;
    assert_eq!(count(f, &days, &ann, now + Duration::hours(1)).await, 5);
}

pub async fn days_are_counted_in_the_configured_time_zone(f: &Fixture) {
    setup(f).await;
    let kyiv = f.vulyk.clone().with_game(GameSettings {
        zone: "Europe/Kyiv".parse().unwrap(),
        ..GameSettings::default()
    });
    let (ann, bob, cat) = (
        volunteer(f, "ann").await,
        volunteer(f, "bob").await,
        volunteer(f, "cat").await,
    );
    let days = rule("d", 0, 5, 0);
    // 20:30 and 21:30 UTC on 30 June: one day in UTC, 23:30 and 00:30 in summer Kyiv (+03).
    work_at(f, &ann, "gamified_task", utc("2026-06-30T20:30:00Z")).await;
    work_at(f, &ann, "gamified_task", utc("2026-06-30T21:30:00Z")).await;
    let summer = utc("2026-07-01T12:00:00Z");
    assert_eq!(count(f, &days, &ann, summer).await, 1);
    assert_eq!(count_with(&kyiv, f, &days, &ann, summer).await, 2);
    // 21:30 UTC on 10 January is 23:30 in winter Kyiv (+02): the same day as noon, even when
    // counted in summer (an offset taken from "now" would move it to the next day).
    work_at(f, &bob, "gamified_task", utc("2026-01-10T12:00:00Z")).await;
    work_at(f, &bob, "gamified_task", utc("2026-01-10T21:30:00Z")).await;
    assert_eq!(count_with(&kyiv, f, &days, &bob, summer).await, 1);
    // Friday 22:30 UTC is Saturday 00:30 in Kyiv: a weekend there, not in UTC.
    work_at(f, &cat, "gamified_task", utc("2026-01-09T22:30:00Z")).await;
    let weekend = weekend_rule(1, 0, false);
    assert_eq!(count(f, &weekend, &cat, summer).await, 0);
    assert_eq!(count_with(&kyiv, f, &weekend, &cat, summer).await, 1);
}

pub async fn an_achievement_is_paid_by_the_answer_that_completes_it(f: &Fixture) {
    setup(f).await;
    let streak = Rule {
        bonus: 10,
        ..adjacent_rule(2)
    };
    f.vulyk.add_rule(&streak).await.unwrap();
    let ann = volunteer(f, "ann").await;
    let today = utc("2026-01-07T12:00:00Z");
    work_at(f, &ann, "gamified_task", today - Duration::days(1)).await;
    assert!(
        f.vulyk
            .user_state(&ann.id)
            .await
            .unwrap()
            .achievements
            .is_empty()
    );
    work_at(f, &ann, "gamified_task", today).await;
    let state = f.vulyk.user_state(&ann.id).await.unwrap();
    assert_eq!(state.achievements, ["a"]);
    let events = f.vulyk.events(&ann.id, false).await.unwrap();
    assert_eq!(events[1].achievements, ["a"]);
    assert_eq!(events[1].points.to_string(), "11");
    // Weekend rules are not tried on weekdays (an answer then cannot complete one).
    let weekend = Rule {
        name: "Weekend".into(),
        ..weekend_rule(1, 0, false)
    };
    f.vulyk.add_rule(&weekend).await.unwrap();
    work_at(f, &ann, "gamified_task", today + Duration::hours(1)).await;
    assert_eq!(
        f.vulyk.user_state(&ann.id).await.unwrap().achievements,
        ["a"]
    );
    work_at(f, &ann, "gamified_task", utc("2026-01-10T09:00:00Z")).await;
    assert_eq!(
        f.vulyk.user_state(&ann.id).await.unwrap().achievements,
        ["a", "w"]
    );
}
