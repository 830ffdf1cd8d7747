//! `vulyk events` and `vulyk state`: what volunteers earned and gave.

use clap::Subcommand;
use serde::Serialize;
use vulyk_core::gamification::{Amount, Event, StateOrder, UserState};
use vulyk_core::service::UserRef;

use super::Context;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// A volunteer's events, oldest first: answers paid, achievements, levels, donations
    List {
        /// Username or e-mail
        #[arg(long)]
        user: String,
        /// Only those the volunteer has not seen yet
        #[arg(long)]
        unseen: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum StateCommand {
    /// A volunteer's level, points, coins and achievements
    Show {
        /// Username or e-mail
        user: String,
    },
    /// The top volunteers by one measure
    Top {
        /// points, actual_coins, potential_coins or level
        #[arg(long, default_value = "points")]
        by: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

#[derive(Serialize)]
struct EventJson {
    id: String,
    timestamp: String,
    kind: &'static str,
    answer: Option<String>,
    points: Amount,
    coins: Amount,
    achievements: Vec<String>,
    fund: Option<String>,
    level: Option<u32>,
    viewed: bool,
}

#[derive(Serialize)]
struct StateJson {
    username: String,
    level: u32,
    points: Amount,
    actual_coins: Amount,
    potential_coins: Amount,
    achievements: Vec<String>,
    last_changed: Option<String>,
}

pub async fn run_events(ctx: &Context, command: EventsCommand) -> anyhow::Result<()> {
    let EventsCommand::List { user, unseen } = command;
    let user = ctx.vulyk.user(&UserRef(user)).await?;
    let events = ctx.vulyk.events(&user.id, unseen).await?;
    if ctx.json {
        let rows: Vec<EventJson> = events.into_iter().map(event_json).collect();
        return output::json(&rows);
    }
    if events.is_empty() {
        return output::lines([format!("No events of {}", user.username)]);
    }
    let mut table = output::table([
        "When (UTC)",
        "Kind",
        "Points",
        "Coins",
        "Achievements",
        "Level",
        "Fund",
    ]);
    for e in events {
        table.add_row(vec![
            e.timestamp.format("%Y-%m-%d %H:%M:%S").to_string(),
            e.kind().as_str().to_string(),
            e.points.to_string(),
            e.coins.to_string(),
            e.achievements.join(", "),
            e.level.map(|l| l.to_string()).unwrap_or_default(),
            e.fund.unwrap_or_default(),
        ]);
    }
    output::print_table(&table)
}

fn event_json(e: Event) -> EventJson {
    EventJson {
        id: e.id.clone(),
        timestamp: e.timestamp.to_rfc3339(),
        kind: e.kind().as_str(),
        answer: e.answer,
        points: e.points,
        coins: e.coins,
        achievements: e.achievements,
        fund: e.fund,
        level: e.level,
        viewed: e.viewed,
    }
}

pub async fn run_state(ctx: &Context, command: StateCommand) -> anyhow::Result<()> {
    match command {
        StateCommand::Show { user } => {
            let user = ctx.vulyk.user(&UserRef(user)).await?;
            let state = ctx.vulyk.user_state(&user.id).await?;
            let json = state_json(user.username, state);
            if ctx.json {
                return output::json(&json);
            }
            let mut table = output::table(["Field", "Value"]);
            for (field, value) in [
                ("user", json.username),
                ("level", json.level.to_string()),
                ("points", json.points.to_string()),
                ("actual coins", json.actual_coins.to_string()),
                ("potential coins", json.potential_coins.to_string()),
                ("achievements", json.achievements.join(", ")),
                ("last changed (UTC)", json.last_changed.unwrap_or_default()),
            ] {
                table.add_row(vec![field.to_string(), value]);
            }
            output::print_table(&table)
        }
        StateCommand::Top { by, limit } => {
            let order: StateOrder = by.parse()?;
            let states = ctx.vulyk.top_states(order, limit).await?;
            let mut rows = Vec::with_capacity(states.len());
            for state in states {
                let name = match ctx.vulyk.user_by_id(state.user.as_str()).await? {
                    Some(user) => user.username,
                    None => state.user.to_string(),
                };
                rows.push(state_json(name, state));
            }
            if ctx.json {
                return output::json(&rows);
            }
            let mut table = output::table([
                "Volunteer",
                "Level",
                "Points",
                "Actual coins",
                "Potential coins",
            ]);
            for row in rows {
                table.add_row(vec![
                    row.username,
                    row.level.to_string(),
                    row.points.to_string(),
                    row.actual_coins.to_string(),
                    row.potential_coins.to_string(),
                ]);
            }
            output::print_table(&table)
        }
    }
}

fn state_json(username: String, s: UserState) -> StateJson {
    StateJson {
        username,
        level: s.level,
        points: s.points,
        actual_coins: s.actual_coins,
        potential_coins: s.potential_coins,
        achievements: s.achievements,
        last_changed: s
            .last_changed
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
    }
}
