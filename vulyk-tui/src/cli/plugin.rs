//! `vulyk plugin …`: making task types — a new one, one of the original Vulyk's imported, any
//! one checked. These read and write plugin folders only, never the database.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde::Serialize;
use vulyk_core::plugin_kit;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum PluginCommand {
    /// Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample
    /// tasks and a README
    New {
        /// The task type's name: letters, digits and underscores
        name: String,
        /// Volunteers earn points and coins for its tasks
        #[arg(long)]
        gamified: bool,
    },
    /// Turn a plugin package of the original Vulyk (models/task_types.py, templates/,
    /// static/) into a plugin folder, listing what cannot be carried over
    Import {
        /// The package folder, or a folder holding it (a clone of its repository)
        path: PathBuf,
    },
    /// Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read
    Check {
        /// The plugin's folder
        dir: PathBuf,
    },
}

#[derive(Serialize)]
struct ImportedJson<'a> {
    task_type: &'a str,
    dir: String,
    not_carried_over: &'a [String],
}

pub fn run(command: PluginCommand, plugins_dir: &Path, json: bool) -> anyhow::Result<()> {
    match command {
        PluginCommand::New { name, gamified } => {
            let dir = plugin_kit::new_plugin(plugins_dir, &name, gamified)?;
            if json {
                return output::json(&serde_json::json!({ "task_type": name, "dir": dir }));
            }
            output::lines([
                format!("Created {}", dir.display()),
                format!("  vulyk plugin check {}", dir.display()),
            ])
        }
        PluginCommand::Import { path } => {
            let imported = plugin_kit::import(&path, plugins_dir)?;
            if json {
                let rows: Vec<ImportedJson> = imported
                    .iter()
                    .map(|i| ImportedJson {
                        task_type: &i.type_name,
                        dir: i.dir.display().to_string(),
                        not_carried_over: &i.not_carried_over,
                    })
                    .collect();
                return output::json(&rows);
            }
            let mut lines = Vec::new();
            for one in &imported {
                lines.push(format!(
                    "Imported {} into {}",
                    one.type_name,
                    one.dir.display()
                ));
                if !one.not_carried_over.is_empty() {
                    lines.push("  Not carried over:".to_string());
                    lines.extend(one.not_carried_over.iter().map(|n| format!("  - {n}")));
                }
            }
            output::lines(lines)
        }
        PluginCommand::Check { dir } => {
            let report = plugin_kit::check(&dir)?;
            if json {
                return output::json(&serde_json::json!({
                    "task_type": report.plugin.type_name,
                    "protocol": format!("{:?}", report.plugin.protocol).to_lowercase(),
                    "templates": report.rendered.iter().map(|(p, bytes)| {
                        serde_json::json!({ "file": p, "bytes": bytes })
                    }).collect::<Vec<_>>(),
                    "sample_tasks": report.samples.as_ref().map(|(_, n)| *n),
                }));
            }
            let mut lines = vec![format!(
                "{}: plugin.toml is valid ({})",
                report.plugin.type_name,
                dir.display()
            )];
            for (template, bytes) in &report.rendered {
                lines.push(format!("  {} renders ({bytes} bytes)", template.display()));
            }
            match &report.samples {
                Some((path, tasks)) => {
                    lines.push(format!("  {}: {tasks} tasks", path.display()));
                }
                None => lines.push("  no sample-tasks.jsonl".to_string()),
            }
            output::lines(lines)
        }
    }
}
