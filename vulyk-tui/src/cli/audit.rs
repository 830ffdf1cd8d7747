//! `vulyk audit list`: the changes operators made, newest first.

use clap::Subcommand;
use serde::Serialize;
use vulyk_core::domain::AuditEntry;
use vulyk_core::service::{AuditQuery, DEFAULT_AUDIT_LIMIT};

use super::Context;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// The changes made with `vulyk` commands and the console, newest first
    List {
        /// Only changes at or after TIME (RFC 3339, or a date: its midnight UTC)
        #[arg(long, value_name = "TIME", value_parser = super::parse_time)]
        since: Option<chrono::DateTime<chrono::Utc>>,
        /// Only changes made by this operating-system user
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// At most this many
        #[arg(long, value_name = "N", default_value_t = DEFAULT_AUDIT_LIMIT,
              value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
}

#[derive(Serialize)]
struct EntryJson<'a> {
    at: String,
    via: &'a str,
    user: &'a str,
    host: &'a str,
    action: &'a str,
    target: &'a str,
    change: &'a str,
}

fn entry_json(e: &AuditEntry) -> EntryJson<'_> {
    EntryJson {
        at: e.at.to_rfc3339(),
        via: &e.via,
        user: &e.user,
        host: &e.host,
        action: &e.action,
        target: &e.target,
        change: &e.change,
    }
}

pub async fn run(ctx: &Context, command: AuditCommand) -> anyhow::Result<()> {
    let AuditCommand::List { since, user, limit } = command;
    let entries = ctx
        .vulyk
        .audit_log(&AuditQuery {
            since,
            user,
            limit: limit as usize,
        })
        .await?;
    if ctx.json {
        let rows: Vec<EntryJson> = entries.iter().map(entry_json).collect();
        return output::json(&rows);
    }
    let mut table = output::table(["When (UTC)", "Who", "Command", "Target", "Change"]);
    for e in &entries {
        table.add_row(vec![
            e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            format!("{}@{} ({})", e.user, e.host, e.via),
            e.action.clone(),
            e.target.clone(),
            e.change.clone(),
        ]);
    }
    output::print_table(&table)
}
