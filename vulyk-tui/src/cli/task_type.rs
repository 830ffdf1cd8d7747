use clap::Subcommand;
use serde::Serialize;

use super::Context;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum TaskTypeCommand {
    /// List the task types: plugins, and types that have tasks but no plugin
    List,
}

#[derive(Serialize)]
struct TaskTypeJson {
    #[serde(rename = "type")]
    type_name: String,
    name: Option<String>,
    description: Option<String>,
    redundancy: Option<u32>,
    gamified: Option<bool>,
    plugin_dir: Option<String>,
    tasks: u64,
    open_tasks: u64,
    closed_tasks: u64,
}

pub async fn run(ctx: &Context, command: TaskTypeCommand) -> anyhow::Result<()> {
    match command {
        TaskTypeCommand::List => list(ctx).await,
    }
}

async fn list(ctx: &Context) -> anyhow::Result<()> {
    let views = ctx.vulyk.task_types().await?;
    if ctx.json {
        let rows: Vec<TaskTypeJson> = views
            .iter()
            .map(|v| TaskTypeJson {
                type_name: v.type_name.clone(),
                name: v.plugin.as_ref().map(|p| p.name.clone()),
                description: v.plugin.as_ref().map(|p| p.description.clone()),
                redundancy: v.plugin.as_ref().map(|p| p.redundancy),
                gamified: v.plugin.as_ref().map(|p| p.gamified),
                plugin_dir: v.plugin.as_ref().map(|p| p.dir.display().to_string()),
                tasks: v.total,
                open_tasks: v.open(),
                closed_tasks: v.closed,
            })
            .collect();
        return output::json(&rows);
    }
    if views.is_empty() {
        return output::lines([format!(
            "No task types: no plugins in {} and no tasks stored",
            ctx.vulyk.plugins().dir().display()
        )]);
    }
    let mut table = output::table([
        "Type",
        "Name",
        "Redundancy",
        "Gamified",
        "Tasks",
        "Open",
        "Closed",
    ]);
    for view in &views {
        let (name, redundancy, gamified) = match &view.plugin {
            Some(p) => (p.name.clone(), p.redundancy.to_string(), yes_no(p.gamified)),
            None => ("(no plugin)".to_string(), "-".into(), "-".into()),
        };
        table.add_row(vec![
            view.type_name.clone(),
            name,
            redundancy,
            gamified,
            view.total.to_string(),
            view.open().to_string(),
            view.closed.to_string(),
        ]);
    }
    output::print_table(&table)
}

pub(crate) fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}
