//! `vulyk db backup PATH`: a consistent snapshot of the store in one file, while the site
//! keeps serving.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use indicatif::ProgressBar;
use serde::Serialize;
use vulyk_core::service::BackupSummary;

use super::Context;
use crate::output;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file (never replaced): an SQLite database, gzip or bzip2 compressed when the
    /// name ends in .gz or .bz2
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

#[derive(Serialize)]
struct BackupJson {
    path: String,
    compression: Option<&'static str>,
    tasks: u64,
    answers: u64,
    snapshot_bytes: u64,
    bytes: u64,
    elapsed_seconds: f64,
}

pub async fn run(ctx: &Context, args: BackupArgs) -> anyhow::Result<()> {
    let spinner = spinner();
    let result = ctx.vulyk.backup(&args.path).await;
    spinner.finish_and_clear();
    let summary = result?;
    if ctx.json {
        return output::json(&backup_json(&summary));
    }
    output::lines([format!(
        "Backed up {} tasks and {} answers to {} ({}{}) in {:.1} s; it passed SQLite's \
         integrity check",
        summary.snapshot.tasks,
        summary.snapshot.answers,
        summary.path.display(),
        size(summary.bytes),
        summary
            .compression
            .map(|c| format!(", {c} of {}", size(summary.snapshot.bytes)))
            .unwrap_or_default(),
        summary.elapsed.as_secs_f64(),
    )])
}

fn backup_json(summary: &BackupSummary) -> BackupJson {
    BackupJson {
        path: summary.path.display().to_string(),
        compression: summary.compression,
        tasks: summary.snapshot.tasks,
        answers: summary.snapshot.answers,
        snapshot_bytes: summary.snapshot.bytes,
        bytes: summary.bytes,
        elapsed_seconds: summary.elapsed.as_secs_f64(),
    }
}

fn size(bytes: u64) -> String {
    format!("{}", indicatif::HumanBytes(bytes))
}

/// SQLite's snapshot says nothing of its progress: a spinner shows that it works.
fn spinner() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner().with_message("taking a snapshot…");
    spinner.enable_steady_tick(Duration::from_millis(200));
    spinner
}
