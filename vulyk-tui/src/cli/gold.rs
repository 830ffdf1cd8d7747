//! `vulyk gold …`: tasks with known answers, handed out among the ordinary ones to measure
//! how often each volunteer is right.

use clap::Subcommand;
use serde::Serialize;
use vulyk_core::domain::{GoldTask, TaskId};

use super::Context;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum GoldCommand {
    /// Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or
    /// nothing; loading the same lines again changes nothing, a changed answer replaces the
    /// stored one
    Load {
        /// The task type
        #[arg(value_name = "TYPE")]
        task_type: String,
        /// Files, folders, quoted globs, or - for standard input
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
        /// A name to list and delete them by
        #[arg(long, value_name = "NAME")]
        batch: Option<String>,
    },
    /// List a type's gold tasks with their expected answers
    List {
        #[arg(value_name = "TYPE")]
        task_type: String,
        /// Only this batch
        #[arg(long, value_name = "NAME")]
        batch: Option<String>,
    },
    /// Delete gold tasks by id, or a whole batch of them, with the answers given to them
    Del {
        #[arg(value_name = "TYPE")]
        task_type: String,
        #[arg(value_name = "ID", required_unless_present = "batch")]
        ids: Vec<String>,
        /// Every gold task of this batch
        #[arg(long, value_name = "NAME")]
        batch: Option<String>,
    },
}

#[derive(Serialize)]
struct LoadJson {
    lines: u64,
    added: u64,
    replaced: u64,
    unchanged: u64,
}

#[derive(Serialize)]
struct GoldJson<'a> {
    id: &'a str,
    batch: &'a str,
    task: serde_json::Value,
    answer: serde_json::Value,
}

fn gold_json(gold: &GoldTask) -> GoldJson<'_> {
    let parse = |text: &str| serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
    GoldJson {
        id: gold.id.as_str(),
        batch: &gold.batch,
        task: parse(&gold.data_json),
        answer: parse(&gold.answer_json),
    }
}

pub async fn run(ctx: &Context, command: GoldCommand) -> anyhow::Result<()> {
    let vulyk = &ctx.vulyk;
    match command {
        GoldCommand::Load {
            task_type,
            files,
            batch,
        } => {
            let summary = vulyk
                .load_gold(&task_type, &files, batch.as_deref())
                .await?;
            let put = summary.stored;
            if ctx.json {
                return output::json(&LoadJson {
                    lines: summary.lines,
                    added: put.added,
                    replaced: put.replaced,
                    unchanged: put.unchanged,
                });
            }
            output::lines([format!(
                "{} of type {task_type}: {} added, {} with a new answer, {} unchanged",
                gold_tasks(summary.lines),
                put.added,
                put.replaced,
                put.unchanged
            )])
        }
        GoldCommand::List { task_type, batch } => {
            let gold = vulyk.gold_tasks(&task_type, batch.as_deref()).await?;
            if ctx.json {
                let rows: Vec<GoldJson> = gold.iter().map(gold_json).collect();
                return output::json(&rows);
            }
            let mut table = output::table(["Id", "Batch", "Task", "Answer"]);
            for g in &gold {
                table.add_row(vec![
                    g.id.to_string(),
                    g.batch.clone(),
                    g.data_json.clone(),
                    g.answer_json.clone(),
                ]);
            }
            output::print_table(&table)
        }
        GoldCommand::Del {
            task_type,
            ids,
            batch,
        } => {
            let ids: Vec<TaskId> = ids.into_iter().map(TaskId::from_stored).collect();
            let deleted = vulyk
                .delete_gold(&task_type, &ids, batch.as_deref())
                .await?;
            output::lines([format!(
                "Deleted {} of type {task_type}",
                gold_tasks(deleted)
            )])
        }
    }
}

fn gold_tasks(count: u64) -> String {
    match count {
        1 => "1 gold task".to_string(),
        n => format!("{n} gold tasks"),
    }
}
