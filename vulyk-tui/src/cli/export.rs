//! `vulyk db export`: answers out, as JSON lines (the original's format) or CSV.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use vulyk_core::export::{Aggregate, ExportFormat};
use vulyk_core::service::{ExportProgress, ExportRequest, Increment};

use super::Context;
use crate::output;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The task type whose answers to export
    #[arg(value_name = "TYPE")]
    pub task_type: String,
    /// Where to write; - for standard output. A name ending in .gz or .bz2 is compressed
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
    /// The original's `db export TYPE PATH`: the file to write
    #[arg(value_name = "PATH", hide = true, conflicts_with = "output")]
    pub path: Option<PathBuf>,
    /// Only this batch (the original's `__all__` means every batch)
    #[arg(long, value_name = "NAME", conflicts_with = "all_batches")]
    pub batch: Option<String>,
    /// Every batch of the type (what happens without --batch, said explicitly)
    #[arg(long)]
    pub all_batches: bool,
    /// Also tasks that are still open (by default only closed tasks, whose answers are final)
    #[arg(long, alias = "export-all")]
    pub include_open: bool,
    /// Add each answer's work session: start, end, duration and activity
    #[arg(long)]
    pub with_sessions: bool,
    /// jsonl: per task, the JSON array of its answers; csv: one row per answer
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,
    /// Add the consensus of each task. majority (what a bare --aggregate adds): the most
    /// frequent answer and its share of the answers; dawid-skene: also the label Dawid–Skene
    /// estimates from volunteers' reliability, with its probability
    #[arg(long, value_enum, value_name = "METHOD", num_args = 0..=1, default_missing_value = "majority")]
    pub aggregate: Option<AggregateArg>,
    /// Only tasks that closed at or after TIME (RFC 3339, or a date: midnight UTC) and up to
    /// a minute ago; with --include-open, tasks whose newest answer came then
    #[arg(long, value_name = "TIME", value_parser = super::parse_time, conflicts_with = "cursor")]
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Only what is new since the last complete export with this cursor (everything, the
    /// first time); needs -o FILE; the cursor moves when the file is complete
    #[arg(long, value_name = "NAME")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AggregateArg {
    Majority,
    DawidSkene,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Csv,
}

#[derive(Serialize)]
struct ExportJson<'a> {
    task_type: &'a str,
    output: &'a str,
    tasks: u64,
    answers: u64,
    elapsed_seconds: f64,
    answers_per_second: f64,
    /// An incremental export's window: tasks that closed (with --include-open: whose newest
    /// answer came) in [since, until).
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
}

/// The original's name for every batch of the type (`--batch __all__`).
const ALL_BATCHES: &str = "__all__";

pub async fn export(ctx: &Context, args: ExportArgs) -> anyhow::Result<()> {
    let destination = args.path.unwrap_or(args.output);
    let request = ExportRequest {
        task_type: args.task_type,
        batch: args.batch.filter(|b| b != ALL_BATCHES),
        include_open: args.include_open,
        with_sessions: args.with_sessions,
        format: match args.format {
            FormatArg::Jsonl => ExportFormat::Jsonl,
            FormatArg::Csv => ExportFormat::Csv,
        },
        aggregate: args.aggregate.map(|method| match method {
            AggregateArg::Majority => Aggregate::Majority,
            AggregateArg::DawidSkene => Aggregate::DawidSkene,
        }),
        increment: match (args.since, args.cursor) {
            (Some(since), _) => Some(Increment::Since(since)),
            (None, Some(name)) => Some(Increment::Cursor(name)),
            (None, None) => None,
        },
    };
    let bar = progress_bar();
    let started = Instant::now();
    let report = {
        let bar = bar.clone();
        move |p: &ExportProgress| {
            bar.set_length(p.expected_tasks.max(p.tasks));
            bar.set_position(p.tasks);
            let seconds = started.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!(
                "{} answers ({:.0}/s)",
                p.answers,
                p.answers as f64 / seconds
            ));
        }
    };
    // A failed export (an unknown type or batch included) leaves no file.
    let result = ctx
        .vulyk
        .export_to(&request, Some(&destination), &report)
        .await;
    bar.finish_and_clear();
    let (summary, name) = result?;
    let elapsed = started.elapsed().as_secs_f64();
    let to_stdout = destination.as_os_str() == "-";
    if ctx.json && !to_stdout {
        return output::json(&ExportJson {
            task_type: &request.task_type,
            output: &name,
            tasks: summary.tasks,
            answers: summary.answers,
            elapsed_seconds: elapsed,
            answers_per_second: summary.answers as f64 / elapsed.max(0.001),
            since: summary.window.map(|w| w.since.to_rfc3339()),
            until: summary.window.map(|w| w.until.to_rfc3339()),
        });
    }
    let window = summary.window.map_or(String::new(), |w| {
        let what = if request.include_open {
            "answered"
        } else {
            "closed"
        };
        format!(
            " ({what} from {} to {})",
            w.since.to_rfc3339(),
            w.until.to_rfc3339()
        )
    });
    // With the data on stdout, the summary goes to stderr.
    eprintln!(
        "Exported {} answers of {} tasks of type {}{window} to {} in {:.1} s",
        summary.answers, summary.tasks, request.task_type, name, elapsed
    );
    Ok(())
}

/// Tasks written out of those expected, on stderr only when it is a terminal.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} tasks (ETA {eta}) {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
