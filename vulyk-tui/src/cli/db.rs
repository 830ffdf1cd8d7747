use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use vulyk_core::service::{LoadProgress, LoadRequest, LoadSummary};

use super::{Context, operator};
use crate::output;
use crate::words::parse_key_value;

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)
    Load(LoadArgs),
    /// Export the answers of a task type (closed tasks unless --include-open)
    Export(super::export::ExportArgs),
    /// The named positions of incremental exports (db export --cursor)
    #[command(subcommand)]
    Cursors(super::cursors::CursorCommand),
    /// Write a consistent snapshot of the whole store to a new SQLite file while the site
    /// keeps serving (a MongoDB store's writes pause meanwhile; .gz/.bz2 names are compressed)
    Backup(super::backup::BackupArgs),
    /// Copy everything a store holds into another, empty one (SQLite or MongoDB, either way),
    /// checked at the end by counting both and by a checksum of the tasks and answers;
    /// --resume goes on with a copy that stopped
    Copy(super::copy::CopyArgs),
    /// Move an original Vulyk database to this version's layout (until then it is only read)
    Upgrade {
        /// Confirm: the original Vulyk does not run on the database again until `db downgrade`
        #[arg(long)]
        yes: bool,
    },
    /// Return an upgraded MongoDB database to the shape the original Vulyk runs on
    Downgrade {
        /// Confirm: what the original has no place for (API tokens, sign-in identities,
        /// sessions, our counters) is dropped
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// The task type of the tasks
    #[arg(value_name = "TYPE")]
    pub task_type: String,
    /// Files, folders, quoted globs ('data/*.jsonl.gz') or - for standard input
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<String>,
    /// Batch to load into [default: default]
    #[arg(long, value_name = "NAME")]
    pub batch: Option<String>,
    /// Override a batch-meta default of the task type, for a new batch (the original's
    /// `--meta KEY VALUE` works too)
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub meta: Vec<(String, String)>,
    /// Allow adding tasks to an existing batch other than default
    #[arg(long)]
    pub extend: bool,
    /// Skip lines that are not JSON objects instead of stopping (they go to --rejects)
    #[arg(long, requires = "rejects")]
    pub skip_invalid: bool,
    /// File that receives the skipped lines verbatim
    #[arg(long, value_name = "FILE", requires = "skip_invalid")]
    pub rejects: Option<PathBuf>,
    /// Lines per store write (tuning; the default suits most loads)
    #[arg(long, value_name = "N", default_value_t = vulyk_core::service::DEFAULT_CHUNK_LINES, hide = true)]
    pub chunk_lines: usize,
}

/// The original's `--meta KEY VALUE` (two words) as ours, `--meta KEY=VALUE`, in a `db load`
/// command line: a `--meta` word without `=` is no pair of ours, so joining it with the word
/// after it changes nothing else.
pub(crate) fn join_original_meta(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(load) = args.windows(2).position(|w| w[0] == "db" && w[1] == "load") else {
        return args;
    };
    let mut joined = Vec::with_capacity(args.len());
    let mut words = args.into_iter();
    joined.extend(words.by_ref().take(load + 2));
    while let Some(word) = words.next() {
        let is_meta = word == "--meta";
        joined.push(word);
        if !is_meta {
            continue;
        }
        let Some(key) = words.next() else { break };
        match (
            key.to_str(),
            words.as_slice().first().and_then(|v| v.to_str()),
        ) {
            (Some(k), Some(value))
                if !k.contains('=') && !k.starts_with('-') && !value.starts_with("--") =>
            {
                joined.push(format!("{k}={value}").into());
                words.next();
            }
            _ => joined.push(key),
        }
    }
    joined
}

#[derive(Serialize)]
struct RejectJson<'a> {
    location: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct LoadJson<'a> {
    task_type: &'a str,
    batch: &'a str,
    batch_status: &'a str,
    batch_tasks: u64,
    batch_existed: bool,
    inputs: usize,
    loaded: u64,
    duplicates: u64,
    skipped_empty: u64,
    rejected: u64,
    rejects: Vec<RejectJson<'a>>,
    bytes_read: u64,
    elapsed_seconds: f64,
    tasks_per_second: f64,
}

pub async fn run(ctx: &Context, command: DbCommand) -> anyhow::Result<()> {
    match command {
        DbCommand::Load(args) => load(ctx, args).await,
        DbCommand::Export(args) => super::export::export(ctx, args).await,
        DbCommand::Cursors(command) => super::cursors::run(ctx, command).await,
        DbCommand::Backup(args) => super::backup::run(ctx, args).await,
        DbCommand::Copy(args) => super::copy::run(args, &ctx.db, ctx.json, &operator("cli")).await,
        DbCommand::Upgrade { yes } => super::layout::upgrade(&ctx.db, yes, ctx.json).await,
        DbCommand::Downgrade { yes } => {
            super::layout::downgrade(&ctx.db, ctx.vulyk.plugins(), yes, ctx.json).await
        }
    }
}

async fn load(ctx: &Context, args: LoadArgs) -> anyhow::Result<()> {
    let rejects_path = args.rejects.clone();
    let request = LoadRequest {
        task_type: args.task_type,
        inputs: args.inputs,
        batch: args.batch,
        meta: args.meta,
        extend: args.extend,
        rejects: args.rejects,
        chunk_lines: args.chunk_lines,
        cancel: None,
    };
    let bar = progress_bar();
    let report = {
        let bar = bar.clone();
        let started = std::time::Instant::now();
        move |p: &LoadProgress| {
            if let Some(total) = p.bytes_total {
                bar.set_length(total);
            }
            bar.set_position(p.bytes_read);
            let seconds = started.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!(
                "{:.0} tasks/s · {} loaded, {} duplicates, {} rejected",
                (p.loaded + p.duplicates + p.rejected) as f64 / seconds,
                p.loaded,
                p.duplicates,
                p.rejected
            ));
        }
    };
    let result = ctx.vulyk.load(request, &report).await;
    bar.finish_and_clear();
    let summary = result?;
    for reject in &summary.rejects {
        eprintln!(
            "vulyk: skipped {}: {}",
            output::shown(&reject.location.to_string()),
            output::shown(&reject.reason)
        );
    }
    if summary.rejected > summary.rejects.len() as u64 {
        eprintln!(
            "vulyk: … and {} more skipped lines",
            summary.rejected - summary.rejects.len() as u64
        );
    }
    if ctx.json {
        return output::json(&load_json(&summary));
    }
    let headline = if summary.loaded == 0 && !summary.batch_existed {
        format!(
            "Nothing new to load from {} input{}: batch {} was not created",
            summary.inputs,
            if summary.inputs == 1 { "" } else { "s" },
            summary.batch.id
        )
    } else {
        format!(
            "Loaded {} tasks of type {} into batch {} ({} tasks, {}) from {} input{} in {:.1} s ({:.0} tasks/s)",
            summary.loaded,
            summary.task_type,
            summary.batch.id,
            summary.batch.tasks_count,
            summary.batch.status().as_str(),
            summary.inputs,
            if summary.inputs == 1 { "" } else { "s" },
            summary.elapsed.as_secs_f64(),
            summary.tasks_per_second(),
        )
    };
    let mut lines = vec![headline];
    lines.push(format!("  duplicates skipped:  {}", summary.duplicates));
    lines.push(format!("  blank/empty skipped: {}", summary.skipped_empty));
    if let Some(path) = rejects_path {
        lines.push(format!(
            "  rejected:            {} (written to {})",
            summary.rejected,
            path.display()
        ));
    }
    output::lines(lines)
}

fn load_json(summary: &LoadSummary) -> LoadJson<'_> {
    LoadJson {
        task_type: &summary.task_type,
        batch: &summary.batch.id,
        batch_status: summary.batch.status().as_str(),
        batch_tasks: summary.batch.tasks_count,
        batch_existed: summary.batch_existed,
        inputs: summary.inputs,
        loaded: summary.loaded,
        duplicates: summary.duplicates,
        skipped_empty: summary.skipped_empty,
        rejected: summary.rejected,
        rejects: summary
            .rejects
            .iter()
            .map(|r| RejectJson {
                location: &r.location,
                reason: &r.reason,
            })
            .collect(),
        bytes_read: summary.bytes_read,
        elapsed_seconds: summary.elapsed.as_secs_f64(),
        tasks_per_second: summary.tasks_per_second(),
    }
}

/// A bar by input bytes with rate and ETA, drawn on stderr only when it is a terminal.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta}) {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(words: &[&str]) -> Vec<String> {
        join_original_meta(words.iter().map(Into::into).collect())
            .into_iter()
            .map(|w| w.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn the_originals_meta_words_become_one_pair() {
        assert_eq!(
            joined(&[
                "vulyk", "db", "load", "t", "f", "--meta", "k", "v", "--meta", "a=b", "g"
            ]),
            [
                "vulyk", "db", "load", "t", "f", "--meta", "k=v", "--meta", "a=b", "g"
            ]
        );
        // A value with `=` stays whole; a missing value or an option after the key is left
        // to clap to report.
        let load = |rest: &[&str]| -> Vec<String> {
            ["db", "load"]
                .iter()
                .chain(rest)
                .map(|w| w.to_string())
                .collect()
        };
        let joined_load = |rest: &[&str]| joined(&[&["db", "load"][..], rest].concat());
        assert_eq!(
            joined_load(&["--meta", "k", "x=y"]),
            load(&["--meta", "k=x=y"])
        );
        assert_eq!(joined_load(&["--meta", "k"]), load(&["--meta", "k"]));
        assert_eq!(
            joined_load(&["--meta", "--batch", "b"]),
            load(&["--meta", "--batch", "b"])
        );
        assert_eq!(
            joined_load(&["--meta", "k", "--batch", "b"]),
            load(&["--meta", "k", "--batch", "b"])
        );
        // Only in `db load`: elsewhere `--meta` is left for clap.
        assert_eq!(
            joined(&["vulyk", "batch", "show", "--meta", "k", "v"]),
            ["vulyk", "batch", "show", "--meta", "k", "v"]
        );
    }
}
