//! `vulyk stats`: progress per batch (the original's table) and an overview of recent work.

use clap::{Args, Subcommand};
use serde::Serialize;
use vulyk_core::service::{BatchStats, Overview};

use super::Context;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Per batch: tasks, closed tasks, answers, and how many tasks have how many answers
    Batch(BatchArgs),
    /// Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour
    /// over 48 hours and time per task
    Overview,
    /// The volunteers with the most answers of a task type, densely ranked
    Leaders(LeadersArgs),
    /// Agreement per batch (Krippendorff's alpha) and each volunteer's reliability
    /// (Dawid–Skene's estimate of the share of their labels that are right)
    Quality(super::quality::QualityArgs),
}

#[derive(Debug, Args)]
pub struct LeadersArgs {
    /// The task type
    #[arg(value_name = "TYPE")]
    pub task_type: String,
    /// How many distinct answer counts to show (ties share a rank)
    #[arg(long, value_name = "N", default_value_t = vulyk_core::service::DEFAULT_LEADERBOARD)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Only this batch
    #[arg(short = 'n', long, value_name = "NAME", alias = "batch_name")]
    pub batch: Option<String>,
    /// Only batches of this task type
    #[arg(short = 't', long = "type", value_name = "TYPE", alias = "task_type")]
    pub task_type: Option<String>,
}

pub async fn run(ctx: &Context, command: StatsCommand) -> anyhow::Result<()> {
    match command {
        StatsCommand::Batch(args) => batch(ctx, args).await,
        StatsCommand::Overview => overview(ctx).await,
        StatsCommand::Leaders(args) => leaders(ctx, args).await,
        StatsCommand::Quality(args) => super::quality::quality(ctx, args).await,
    }
}

#[derive(Serialize)]
struct LeaderJson<'a> {
    rank: u64,
    user_id: &'a str,
    username: &'a str,
    answers: u64,
}

async fn leaders(ctx: &Context, args: LeadersArgs) -> anyhow::Result<()> {
    let rows = ctx.vulyk.leaderboard(&args.task_type, args.limit).await?;
    if ctx.json {
        let rows: Vec<LeaderJson> = rows
            .iter()
            .map(|r| LeaderJson {
                rank: r.rank,
                user_id: r.user.as_str(),
                username: &r.username,
                answers: r.answers,
            })
            .collect();
        return output::json(&rows);
    }
    let mut table = output::table(["Rank", "Volunteer", "Answers"]);
    for r in &rows {
        table.add_row(vec![
            r.rank.to_string(),
            r.username.clone(),
            r.answers.to_string(),
        ]);
    }
    output::print_table(&table)
}

#[derive(Serialize)]
struct BatchJson<'a> {
    batch: &'a str,
    task_type: &'a str,
    status: &'a str,
    total: u64,
    completed: u64,
    percent_completed: f64,
    answers: u64,
    percent_answers: Option<f64>,
    /// answers on a task → tasks with that many
    breakdown: Vec<BucketJson>,
}

#[derive(Serialize)]
struct BucketJson {
    answers: u64,
    tasks: u64,
}

fn percent_cell(value: f64) -> String {
    format!("{value:5.1} %")
}

async fn batch(ctx: &Context, args: BatchArgs) -> anyhow::Result<()> {
    let stats = ctx
        .vulyk
        .batch_stats(args.batch.as_deref(), args.task_type.as_deref())
        .await?;
    if ctx.json {
        let rows: Vec<BatchJson> = stats.iter().map(batch_json).collect();
        return output::json(&rows);
    }
    let mut table = output::table([
        "Batch",
        "Total",
        "Completed (flag)",
        "Percent (flag)",
        "Answers",
        "Percent (answers)",
        "Breakdown (answers: tasks)",
    ]);
    for s in &stats {
        let breakdown: Vec<String> = s
            .breakdown
            .iter()
            .map(|(answers, tasks)| format!("{answers:>12}: {tasks}"))
            .collect();
        table.add_row(vec![
            s.batch.clone(),
            s.total.to_string(),
            s.completed.to_string(),
            percent_cell(s.percent_completed),
            s.answers.to_string(),
            s.percent_answers
                .map_or_else(|| "?".to_string(), percent_cell),
            breakdown.join("\n"),
        ]);
    }
    output::print_table(&table)
}

fn batch_json(s: &BatchStats) -> BatchJson<'_> {
    BatchJson {
        batch: &s.batch,
        task_type: &s.task_type,
        status: s.status.as_str(),
        total: s.total,
        completed: s.completed,
        percent_completed: s.percent_completed,
        answers: s.answers,
        percent_answers: s.percent_answers,
        breakdown: s
            .breakdown
            .iter()
            .map(|&(answers, tasks)| BucketJson { answers, tasks })
            .collect(),
    }
}

/// Eight levels of a bar, for a sparkline of answers per hour.
fn sparkline(values: &[u64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if max == 0 || v == 0 {
                ' '
            } else {
                BARS[((v * 7).div_ceil(max)) as usize]
            }
        })
        .collect()
}

fn seconds_cell(seconds: Option<u64>) -> String {
    match seconds {
        None => "–".to_string(),
        Some(s) if s < 120 => format!("{s} s"),
        Some(s) => format!("{:.1} min", s as f64 / 60.0),
    }
}

async fn overview(ctx: &Context) -> anyhow::Result<()> {
    let overview = ctx.vulyk.overview().await?;
    if ctx.json {
        return output::json(&overview_json(&overview));
    }
    let mut batches = output::table([
        "Type", "Batch", "Status", "Tasks", "Open", "Closed", "Answers", "Leases",
    ]);
    for t in &overview.types {
        for b in &t.batches {
            batches.add_row(vec![
                t.task_type.clone(),
                b.batch.clone(),
                b.status.as_str().to_string(),
                b.total.to_string(),
                b.open.to_string(),
                b.closed.to_string(),
                b.answers.to_string(),
                b.live_leases.to_string(),
            ]);
        }
    }
    let mut activity = output::table([
        "Type",
        "Volunteers 24 h",
        "7 d",
        "Answers 48 h",
        "Per hour, 48 h",
        "Median time",
        "90th pct",
    ]);
    for t in &overview.types {
        activity.add_row(vec![
            t.task_type.clone(),
            t.volunteers_24h.to_string(),
            t.volunteers_7d.to_string(),
            t.answers_per_hour.iter().sum::<u64>().to_string(),
            sparkline(&t.answers_per_hour),
            seconds_cell(t.median_seconds),
            seconds_cell(t.p90_seconds),
        ]);
    }
    output::lines([batches.to_string(), activity.to_string()])
}

#[derive(Serialize)]
struct OverviewJson<'a> {
    at: String,
    types: Vec<TypeJson<'a>>,
}

#[derive(Serialize)]
struct TypeJson<'a> {
    task_type: &'a str,
    volunteers_24h: u64,
    volunteers_7d: u64,
    answers_per_hour: &'a [u64],
    median_seconds: Option<u64>,
    p90_seconds: Option<u64>,
    batches: Vec<BatchOverviewJson<'a>>,
}

#[derive(Serialize)]
struct BatchOverviewJson<'a> {
    batch: &'a str,
    status: &'a str,
    total: u64,
    open: u64,
    closed: u64,
    answers: u64,
    live_leases: u64,
}

fn overview_json(o: &Overview) -> OverviewJson<'_> {
    OverviewJson {
        at: o.at.to_rfc3339(),
        types: o
            .types
            .iter()
            .map(|t| TypeJson {
                task_type: &t.task_type,
                volunteers_24h: t.volunteers_24h,
                volunteers_7d: t.volunteers_7d,
                answers_per_hour: &t.answers_per_hour,
                median_seconds: t.median_seconds,
                p90_seconds: t.p90_seconds,
                batches: t
                    .batches
                    .iter()
                    .map(|b| BatchOverviewJson {
                        batch: &b.batch,
                        status: b.status.as_str(),
                        total: b.total,
                        open: b.open,
                        closed: b.closed,
                        answers: b.answers,
                        live_leases: b.live_leases,
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn sparkline_scales_to_the_busiest_hour() {
        assert_eq!(sparkline(&[0, 1, 4, 8]), " ▂▅█");
        assert_eq!(sparkline(&[0, 0]), "  ");
    }
}
