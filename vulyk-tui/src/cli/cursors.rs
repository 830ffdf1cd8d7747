//! `vulyk db cursors`: the named positions of incremental exports (`db export --cursor`).

use clap::Subcommand;
use serde::Serialize;
use vulyk_core::service::ExportCursor;

use super::Context;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum CursorCommand {
    /// List the cursors: the scope each follows and the time up to which it has exported
    List,
    /// Forget a cursor: an export with it takes everything again
    Del {
        #[arg(value_name = "NAME")]
        name: String,
    },
}

#[derive(Serialize)]
struct CursorJson<'a> {
    name: &'a str,
    task_type: &'a str,
    batch: Option<&'a str>,
    include_open: bool,
    position: String,
    advanced_at: String,
}

fn cursor_json(cursor: &ExportCursor) -> CursorJson<'_> {
    CursorJson {
        name: &cursor.name,
        task_type: &cursor.task_type,
        batch: cursor.batch.as_deref(),
        include_open: cursor.include_open,
        position: cursor.position.to_rfc3339(),
        advanced_at: cursor.advanced_at.to_rfc3339(),
    }
}

pub async fn run(ctx: &Context, command: CursorCommand) -> anyhow::Result<()> {
    match command {
        CursorCommand::List => {
            let cursors = ctx.vulyk.export_cursors().await?;
            if ctx.json {
                let rows: Vec<CursorJson> = cursors.iter().map(cursor_json).collect();
                return output::json(&rows);
            }
            let mut table =
                output::table(["Name", "Type", "Batch", "Tasks", "Exported up to", "Moved"]);
            for c in &cursors {
                table.add_row(vec![
                    c.name.clone(),
                    c.task_type.clone(),
                    c.batch.clone().unwrap_or_else(|| "(all)".to_string()),
                    if c.include_open { "open too" } else { "closed" }.to_string(),
                    c.position.to_rfc3339(),
                    c.advanced_at.to_rfc3339(),
                ]);
            }
            output::print_table(&table)
        }
        CursorCommand::Del { name } => {
            ctx.vulyk.delete_export_cursor(&name).await?;
            output::lines([format!("Deleted export cursor {name}")])
        }
    }
}
