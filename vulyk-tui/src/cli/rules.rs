//! `vulyk rules`: achievement rules — list, show, add, edit, delete, import, export, and the
//! simulator that tells who would earn a rule before it is enabled.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand};
use serde::Serialize;
use vulyk_core::gamification::{Rule, parse_rules, rule_to_value};
use vulyk_core::service::UserRef;

use super::task_type::yes_no;
use super::{Context, require_yes};
use crate::exit::UsageError;
use crate::output;
use crate::words::describes;

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List achievement rules
    List,
    /// Show one rule
    Show { id: String },
    /// Add a rule
    Add(RuleArgs),
    /// Change the given fields of a rule (volunteers who earned it keep it)
    Edit {
        id: String,
        #[command(flatten)]
        fields: RuleFields,
    },
    /// Delete a rule (volunteers who earned it keep it in their history)
    Del {
        id: String,
        /// Confirm the deletion
        #[arg(long)]
        yes: bool,
    },
    /// Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)
    Import { file: PathBuf },
    /// Print every rule as JSON lines, as `import` reads them
    Export {
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far
    Simulate {
        #[arg(value_name = "FILE|ID")]
        rule: String,
        /// Only this volunteer (username or e-mail)
        #[arg(long)]
        user: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Unique name shown to volunteers
    #[arg(long)]
    name: String,
    /// Badge image: a URL or a data URI
    #[arg(long)]
    badge: String,
    #[arg(long)]
    description: String,
    /// Extra points paid when the rule is earned
    #[arg(long, default_value_t = 0)]
    bonus: u32,
    /// Finished tasks needed (within --days when given)
    #[arg(long, default_value_t = 0)]
    tasks: u32,
    /// Days with work needed (or the window for --tasks; weekends with --weekend)
    #[arg(long, default_value_t = 0)]
    days: u32,
    /// Count only work on Saturdays and Sundays
    #[arg(long)]
    weekend: bool,
    /// The days (or weekends) must be consecutive, ending today
    #[arg(long)]
    adjacent: bool,
    /// Only work of this task type counts
    #[arg(long, value_name = "TYPE")]
    task_type: Option<String>,
    /// Rule id [default: derived from the name and task type]
    #[arg(long)]
    id: Option<String>,
}

#[derive(Debug, Args)]
pub struct RuleFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    badge: Option<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    bonus: Option<u32>,
    #[arg(long)]
    tasks: Option<u32>,
    #[arg(long)]
    days: Option<u32>,
    #[arg(long, value_name = "true|false")]
    weekend: Option<bool>,
    #[arg(long, value_name = "true|false")]
    adjacent: Option<bool>,
    /// Task type, or an empty value for every type
    #[arg(long, value_name = "TYPE")]
    task_type: Option<String>,
}

#[derive(Serialize)]
struct HolderJson {
    username: String,
    count: u64,
    achieved: bool,
}

#[derive(Serialize)]
struct SimulationJson {
    rule: serde_json::Value,
    limit: u64,
    holders: Vec<HolderJson>,
}

pub async fn run(ctx: &Context, command: RulesCommand) -> anyhow::Result<()> {
    let vulyk = &ctx.vulyk;
    let done = match command {
        RulesCommand::List => return list(ctx).await,
        RulesCommand::Show { id } => return show(ctx, &vulyk.rule(&id).await?),
        RulesCommand::Add(args) => {
            let rule = args.into_rule();
            vulyk.add_rule(&rule).await?;
            format!("Added rule {} ({})", rule.id, rule.name)
        }
        RulesCommand::Edit { id, fields } => {
            let rule = fields.apply(vulyk.rule(&id).await?);
            vulyk.edit_rule(&rule).await?;
            format!("Changed rule {id}")
        }
        RulesCommand::Del { id, yes } => {
            require_yes(yes, &format!("deleting rule {id}"))?;
            vulyk.delete_rule(&id).await?;
            format!("Deleted rule {id}")
        }
        RulesCommand::Import { file } => {
            let (source, text) = read_input(&file)?;
            let summary = vulyk.import_rules(&source, &text).await?;
            format!(
                "Imported {source}: {} added, {} replaced",
                summary.added, summary.replaced
            )
        }
        RulesCommand::Export { output } => return export(ctx, output.as_deref()).await,
        RulesCommand::Simulate { rule, user } => return simulate(ctx, &rule, user).await,
    };
    if ctx.json {
        output::json(&serde_json::json!({ "ok": true, "message": done }))
    } else {
        output::lines([done])
    }
}

impl RuleArgs {
    fn into_rule(self) -> Rule {
        let task_type = self.task_type.filter(|t| !t.is_empty());
        Rule {
            id: self
                .id
                .unwrap_or_else(|| Rule::derive_id(&self.name, task_type.as_deref())),
            task_type,
            badge: self.badge,
            name: self.name,
            description: self.description,
            bonus: self.bonus,
            tasks_number: self.tasks,
            days_number: self.days,
            is_weekend: self.weekend,
            is_adjacent: self.adjacent,
        }
    }
}

impl RuleFields {
    fn apply(self, mut rule: Rule) -> Rule {
        if let Some(v) = self.name {
            rule.name = v;
        }
        if let Some(v) = self.badge {
            rule.badge = v;
        }
        if let Some(v) = self.description {
            rule.description = v;
        }
        if let Some(v) = self.bonus {
            rule.bonus = v;
        }
        if let Some(v) = self.tasks {
            rule.tasks_number = v;
        }
        if let Some(v) = self.days {
            rule.days_number = v;
        }
        if let Some(v) = self.weekend {
            rule.is_weekend = v;
        }
        if let Some(v) = self.adjacent {
            rule.is_adjacent = v;
        }
        if let Some(v) = self.task_type {
            rule.task_type = Some(v).filter(|t| !t.is_empty());
        }
        rule
    }
}

/// A file's name and text, or standard input's for `-`.
fn read_input(file: &Path) -> anyhow::Result<(String, String)> {
    if file == Path::new("-") {
        let text = std::io::read_to_string(std::io::stdin()).context("reading standard input")?;
        return Ok(("-".into(), text));
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| vulyk_core::Error::io(file, e))
        .context("reading rules")?;
    Ok((file.display().to_string(), text))
}

async fn list(ctx: &Context) -> anyhow::Result<()> {
    let rules = ctx.vulyk.rules().await?;
    if ctx.json {
        let rows: Vec<_> = rules.iter().map(rule_to_value).collect();
        return output::json(&rows);
    }
    if rules.is_empty() {
        return output::lines(["No rules yet: `vulyk rules add` or `vulyk rules import FILE`"]);
    }
    let mut table = output::table(["Id", "Name", "Earned for", "Bonus"]);
    for rule in &rules {
        table.add_row(vec![
            rule.id.clone(),
            rule.name.clone(),
            describes(rule),
            rule.bonus.to_string(),
        ]);
    }
    output::print_table(&table)
}

fn show(ctx: &Context, rule: &Rule) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(&rule_to_value(rule));
    }
    let mut table = output::table(["Field", "Value"]);
    for (field, value) in [
        ("id", rule.id.clone()),
        ("name", rule.name.clone()),
        ("description", rule.description.clone()),
        ("badge", rule.badge.clone()),
        (
            "task type",
            rule.task_type
                .clone()
                .unwrap_or_else(|| "every type".into()),
        ),
        ("earned for", describes(rule)),
        ("bonus", rule.bonus.to_string()),
        ("tasks", rule.tasks_number.to_string()),
        ("days", rule.days_number.to_string()),
        ("weekend", yes_no(rule.is_weekend)),
        ("adjacent", yes_no(rule.is_adjacent)),
    ] {
        table.add_row(vec![field.to_string(), value]);
    }
    output::print_table(&table)
}

async fn export(ctx: &Context, output: Option<&Path>) -> anyhow::Result<()> {
    let text = ctx.vulyk.export_rules().await?;
    match output {
        Some(path) if path != Path::new("-") => {
            std::fs::write(path, &text)
                .map_err(|e| vulyk_core::Error::io(path, e))
                .context("writing rules")?;
            eprintln!("Wrote {} rules to {}", text.lines().count(), path.display());
            Ok(())
        }
        _ => output::lines(text.lines()),
    }
}

async fn simulate(ctx: &Context, which: &str, user: Option<String>) -> anyhow::Result<()> {
    let path = Path::new(which);
    let rules = if path.is_file() || which == "-" {
        let (source, text) = read_input(path)?;
        parse_rules(&source, &text)?
    } else {
        match ctx.vulyk.rule(which).await {
            Ok(rule) => vec![rule],
            Err(vulyk_core::Error::NotFound { .. }) => {
                return Err(UsageError(format!(
                    "{which}: no stored rule has this id, and no such file"
                ))
                .into());
            }
            Err(e) => return Err(e.into()),
        }
    };
    let user = user.map(UserRef);
    let mut results = Vec::new();
    for rule in rules {
        let holders = ctx.vulyk.simulate_rule(&rule, user.as_ref()).await?;
        results.push((rule, holders));
    }
    if ctx.json {
        let out: Vec<SimulationJson> = results
            .into_iter()
            .map(|(rule, holders)| SimulationJson {
                rule: rule_to_value(&rule),
                limit: rule.limit(),
                holders: holders
                    .into_iter()
                    .map(|h| HolderJson {
                        username: h.user.username,
                        count: h.count,
                        achieved: h.achieved,
                    })
                    .collect(),
            })
            .collect();
        return output::json(&out);
    }
    for (rule, holders) in results {
        let earned = holders.iter().filter(|h| h.achieved).count();
        output::lines([format!(
            "{} ({}, limit {}): {earned} of {} volunteers with progress would earn it now",
            rule.name,
            describes(&rule),
            rule.limit(),
            holders.len()
        )])?;
        if holders.is_empty() {
            continue;
        }
        let mut table = output::table(["Volunteer", "Count", "Earned"]);
        for h in holders {
            table.add_row(vec![
                h.user.username,
                h.count.to_string(),
                yes_no(h.achieved),
            ]);
        }
        output::print_table(&table)?;
    }
    Ok(())
}
