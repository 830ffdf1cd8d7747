//! Fixed data for the console's tests: two task types, four batches, rules and funds, at a
//! fixed moment.

use chrono::{DateTime, Utc};
use vulyk_core::domain::{BatchStatus, UserId};
use vulyk_core::gamification::{Amount, EventTotals, Fund, Rule};
use vulyk_core::service::{BatchOverview, GameNumbers, LeaderRow, Overview, TypeOverview};

use super::action::Action;
use super::app::App;
use super::command::Command;
use super::effect::Effect;
use super::screens::dashboard::Dashboard;
use super::screens::events::{Log, LogAnswer, LogEvent};
use super::screens::people::People;
use super::screens::rewards::Rewards;

pub fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-07T12:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn batch(
    id: &str,
    status: BatchStatus,
    total: u64,
    closed: u64,
    answers: u64,
    out: u64,
) -> BatchOverview {
    BatchOverview {
        batch: id.into(),
        status,
        total,
        open: total - closed,
        closed,
        answers,
        percent_answers: Some((answers.min(total * 3)) as f64 / (total * 3) as f64 * 100.0),
        live_leases: out,
    }
}

fn leader(rank: u64, name: &str, answers: u64) -> LeaderRow {
    LeaderRow {
        rank,
        user: UserId::from_stored(format!("{rank:024}")),
        username: name.into(),
        answers,
    }
}

pub fn dashboard() -> Dashboard {
    let hours = |peak: u64| (0..48).map(|h| (h * 7 + peak) % 13).collect::<Vec<u64>>();
    Dashboard {
        overview: Overview {
            at: at(),
            types: vec![
                TypeOverview {
                    task_type: "declaration_task".into(),
                    batches: vec![
                        batch("decl_2013", BatchStatus::Closed, 120, 120, 360, 0),
                        batch("decl_2014", BatchStatus::Open, 260, 65, 301, 4),
                        batch("zzz_loading", BatchStatus::Incomplete, 40, 0, 0, 0),
                    ],
                    volunteers_24h: 5,
                    volunteers_7d: 12,
                    answers_per_hour: hours(3),
                    median_seconds: Some(94),
                    p90_seconds: Some(310),
                },
                TypeOverview {
                    task_type: "tagging_task".into(),
                    batches: vec![batch("default", BatchStatus::Open, 1000, 10, 95, 2)],
                    volunteers_24h: 2,
                    volunteers_7d: 2,
                    answers_per_hour: hours(5),
                    median_seconds: None,
                    p90_seconds: None,
                },
            ],
        },
        leaders: vec![
            (
                "declaration_task".into(),
                vec![
                    leader(1, "olena", 140),
                    leader(2, "petro", 99),
                    leader(2, "ivan", 99),
                ],
            ),
            ("tagging_task".into(), vec![leader(1, "olena", 60)]),
        ],
        numbers: GameNumbers {
            all: EventTotals {
                task_events: 661,
                earned: Amount::parse("661.5", "x").unwrap_or_default(),
                donated: Amount::whole(120),
            },
            open_tasks: 1225,
            active_users: 14,
            mine: None,
        },
    }
}

pub fn rewards() -> Rewards {
    let rule = |id: &str, name: &str, tasks, days, adjacent, bonus| Rule {
        id: id.into(),
        task_type: None,
        badge: "/static/logo.svg".into(),
        name: name.into(),
        description: "d".into(),
        bonus,
        tasks_number: tasks,
        days_number: days,
        is_weekend: false,
        is_adjacent: adjacent,
    };
    Rewards {
        rules: vec![
            rule("first-steps", "First steps", 1, 0, false, 5),
            rule("three-days", "Three days", 0, 3, true, 15),
        ],
        funds: vec![Fund {
            id: "library".into(),
            name: "Village library".into(),
            description: "Books".into(),
            site: None,
            email: None,
            donatable: true,
            has_logo: true,
        }],
    }
}

pub fn people() -> People {
    use vulyk_core::domain::{Group, User};
    use vulyk_core::service::GroupView;
    let user = |name: &str, groups: &[&str], admin: bool| User {
        id: UserId::from_stored(format!("{name:0>24}")),
        username: name.into(),
        email: format!("{name}@example.org"),
        name: String::new(),
        active: true,
        admin,
        groups: groups.iter().map(|g| g.to_string()).collect(),
        password_hash: None,
        processed: 0,
    };
    People {
        groups: vec![
            GroupView {
                group: Group {
                    id: "default".into(),
                    description: String::new(),
                    allowed_types: vec!["declaration_task".into(), "tagging_task".into()],
                },
                members: 3,
            },
            GroupView {
                group: Group {
                    id: "editors".into(),
                    description: "check the declarations".into(),
                    allowed_types: vec!["declaration_task".into()],
                },
                members: 1,
            },
        ],
        users: vec![
            user("admin", &["default"], true),
            user("olena", &["default", "editors"], false),
            user("petro", &["default"], false),
        ],
    }
}

pub fn log() -> Log {
    let at = |minutes: i64| at() - chrono::Duration::minutes(minutes);
    Log {
        read_at: at(0),
        answers: vec![
            LogAnswer {
                at: at(1),
                user: "olena".into(),
                task_type: "declaration_task".into(),
                task: "0b9c41f2a7e5d3c1b8a0".into(),
            },
            LogAnswer {
                at: at(4),
                user: "petro".into(),
                task_type: "tagging_task".into(),
                task: "7f3e2d1c0b9a8f7e6d5c".into(),
            },
        ],
        events: vec![
            LogEvent {
                at: at(1),
                user: "olena".into(),
                what: "+6 points, +1 coin, level 1, badge First steps".into(),
            },
            LogEvent {
                at: at(30),
                user: "ivan".into(),
                what: "gave 5 coins to Village library".into(),
            },
            // A year earlier: its date shows the year.
            LogEvent {
                at: at(366 * 24 * 60),
                user: "petro".into(),
                what: "+1 point, +1 coin".into(),
            },
        ],
    }
}

/// The console with one task type, after the dashboard and the rewards were read.
pub fn app() -> App {
    let (mut app, _) = App::start(vec!["tagging_task".into()]);
    app.update(Action::DashboardLoaded(Box::new(dashboard())));
    app.update(Action::RewardsLoaded(Box::new(rewards())));
    app
}

pub fn cmd(app: &mut App, command: Command) -> Vec<Effect> {
    app.update(Action::Command(command))
}
