//! `vulyk stats quality`: how much volunteers agree and how reliable each is.

use clap::Args;
use vulyk_core::quality::QualityReport;

use super::Context;
use crate::output;

#[derive(Debug, Args)]
pub struct QualityArgs {
    /// The task type
    #[arg(value_name = "TYPE")]
    pub task_type: String,
    /// Only this batch
    #[arg(long, value_name = "NAME")]
    pub batch: Option<String>,
}

pub async fn quality(ctx: &Context, args: QualityArgs) -> anyhow::Result<()> {
    let report = ctx
        .vulyk
        .quality(&args.task_type, args.batch.as_deref())
        .await?;
    if ctx.json {
        return output::json(&report);
    }
    print_report(&report)
}

/// A number to 3 places, or `-` where it is undefined.
fn cell(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn print_report(report: &QualityReport) -> anyhow::Result<()> {
    let mut batches = output::table([
        "Batch",
        "Tasks",
        "Answers",
        "Tasks with 2+ answers",
        "Labelled items",
        "Alpha",
        "Majority ≠ Dawid–Skene",
    ]);
    for b in &report.batches {
        batches.add_row(vec![
            b.batch.clone(),
            b.tasks.to_string(),
            b.answers.to_string(),
            b.tasks_with_two.to_string(),
            b.items.to_string(),
            cell(b.alpha),
            b.disagreements.to_string(),
        ]);
    }
    let mut volunteers = output::table([
        "Volunteer",
        "Excluded",
        "Answers",
        "Accuracy (Dawid–Skene)",
        "Gold answered",
        "Gold labels right",
        "Gold accuracy",
    ]);
    for v in &report.volunteers {
        volunteers.add_row(vec![
            v.username.clone(),
            if v.excluded { "yes" } else { "" }.to_string(),
            v.answers.to_string(),
            cell(v.accuracy),
            v.gold_answered.to_string(),
            format!("{} of {}", v.gold_correct, v.gold_judged),
            cell(v.gold_accuracy),
        ]);
    }
    let skipped = match report.skipped_votes {
        0 => String::new(),
        n => format!(
            " ({n} votes left out: their labels were beyond the {} distinct labels kept)",
            vulyk_core::quality::MAX_LABELS
        ),
    };
    output::lines([
        format!(
            "{}: {} distinct labels, alpha {} over all batches, Dawid–Skene in {} iterations{skipped}",
            report.task_type,
            report.labels,
            cell(report.alpha),
            report.iterations
        ),
        batches.to_string(),
        volunteers.to_string(),
    ])
}
