use clap::Subcommand;
use serde::Serialize;
use vulyk_core::domain::Batch;

use super::{Context, either, require_yes};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// List batches in id order (the order they are handed out in)
    List {
        /// Only batches of this task type
        #[arg(long = "type", value_name = "TYPE")]
        task_type: Option<String>,
    },
    /// Show one batch with its meta
    Show { id: String },
    /// Delete a batch and its tasks
    Del {
        #[arg(required_unless_present = "bid")]
        id: Option<String>,
        /// The original's `--bid ID`
        #[arg(long, hide = true, conflicts_with = "id")]
        bid: Option<String>,
        /// Also delete the answers and work sessions of its tasks (without it, a batch with
        /// answers is refused)
        #[arg(long)]
        purge: bool,
        /// Confirm the deletion
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Serialize)]
pub(crate) struct BatchJson {
    id: String,
    task_type: String,
    status: &'static str,
    tasks: u64,
    closed_tasks: u64,
    open_tasks: u64,
    meta: serde_json::Map<String, serde_json::Value>,
}

impl From<&Batch> for BatchJson {
    fn from(batch: &Batch) -> Self {
        BatchJson {
            id: batch.id.clone(),
            task_type: batch.task_type.clone(),
            status: batch.status().as_str(),
            tasks: batch.tasks_count,
            closed_tasks: batch.tasks_processed,
            open_tasks: batch.tasks_count.saturating_sub(batch.tasks_processed),
            meta: batch.meta.clone(),
        }
    }
}

pub async fn run(ctx: &Context, command: BatchCommand) -> anyhow::Result<()> {
    match command {
        BatchCommand::List { task_type } => list(ctx, task_type.as_deref()).await,
        BatchCommand::Show { id } => show(ctx, &id).await,
        BatchCommand::Del {
            id,
            bid,
            purge,
            yes,
        } => {
            let id = either(&id, &bid);
            require_yes(yes, &format!("deleting batch {id} and all its tasks"))?;
            let removed = ctx.vulyk.delete_batch(id, purge).await?;
            if ctx.json {
                return output::json(&serde_json::json!({
                    "batch": id,
                    "tasks": removed.tasks,
                    "answers": removed.answers,
                    "work_sessions": removed.sessions,
                }));
            }
            output::lines([format!(
                "Deleted batch {id}: {} tasks, {} answers, {} work sessions",
                removed.tasks, removed.answers, removed.sessions
            )])
        }
    }
}

async fn list(ctx: &Context, task_type: Option<&str>) -> anyhow::Result<()> {
    let batches = ctx.vulyk.batches(task_type).await?;
    if ctx.json {
        return output::json(&batches.iter().map(BatchJson::from).collect::<Vec<_>>());
    }
    if batches.is_empty() {
        return output::lines(["No batches: `vulyk db load TYPE FILE...` creates them"]);
    }
    let mut table = output::table(["Batch", "Type", "Status", "Tasks", "Closed", "Open"]);
    for batch in &batches {
        table.add_row(vec![
            batch.id.clone(),
            batch.task_type.clone(),
            batch.status().as_str().to_string(),
            batch.tasks_count.to_string(),
            batch.tasks_processed.to_string(),
            batch
                .tasks_count
                .saturating_sub(batch.tasks_processed)
                .to_string(),
        ]);
    }
    output::print_table(&table)
}

async fn show(ctx: &Context, id: &str) -> anyhow::Result<()> {
    let batch = ctx.vulyk.batch(id).await?;
    if ctx.json {
        return output::json(&BatchJson::from(&batch));
    }
    let mut table = output::table(["Field", "Value"]);
    let rows = [
        ("batch", batch.id.clone()),
        ("type", batch.task_type.clone()),
        ("status", batch.status().as_str().to_string()),
        ("tasks", batch.tasks_count.to_string()),
        ("closed tasks", batch.tasks_processed.to_string()),
        (
            "open tasks",
            batch
                .tasks_count
                .saturating_sub(batch.tasks_processed)
                .to_string(),
        ),
    ];
    for (field, value) in rows {
        table.add_row(vec![field.to_string(), value]);
    }
    for (key, value) in &batch.meta {
        table.add_row(vec![format!("meta.{key}"), value.to_string()]);
    }
    output::print_table(&table)
}
