//! `vulyk db copy --to URL`: everything the store holds, into another store, checked at the
//! end; `--resume` goes on with a copy that stopped.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;

use clap::Args;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use serde::Serialize;
use vulyk_core::database::redact;
use vulyk_core::service::{
    CopyProgress, CopyRequest, CopySummary, Operator, PageLimit, copy_store,
};

use crate::output;

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The store to copy from [default: the configured database, --db]
    #[arg(long, value_name = "URL")]
    pub from: Option<String>,
    /// The store to copy into: a new SQLite file, or an empty store
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Go on with a copy into --to that stopped before it finished (from the same source)
    #[arg(long)]
    pub resume: bool,
    /// Rows per page read and written (tuning; the default suits most stores)
    #[arg(long, value_name = "N", default_value_t = PageLimit::default().rows, hide = true)]
    pub page_rows: usize,
}

#[derive(Serialize)]
struct AreaJson {
    rows: u64,
    this_run: u64,
}

#[derive(Serialize)]
struct CopyJson {
    from: String,
    to: String,
    resumed: bool,
    rows: u64,
    areas: std::collections::BTreeMap<&'static str, AreaJson>,
    tasks_checksum: String,
    answers_checksum: String,
    elapsed_seconds: f64,
    check_seconds: f64,
}

pub async fn run(
    args: CopyArgs,
    configured: &str,
    json: bool,
    operator: &Operator,
) -> anyhow::Result<()> {
    let from = args.from.as_deref().unwrap_or(configured);
    let request = CopyRequest {
        resume: args.resume,
        page: PageLimit {
            rows: args.page_rows.max(1),
            ..PageLimit::default()
        },
    };
    let bars = Bars::new(!json && std::io::stderr().is_terminal());
    let report = |progress: CopyProgress| bars.show(progress);
    let result = copy_store(from, &args.to, &request, Some(operator), &report).await;
    bars.clear();
    let summary = result?;
    let (from, to) = (redact(from), redact(&args.to));
    if json {
        return output::json(&copy_json(&summary, from, to));
    }
    let this_run: u64 = summary.areas.iter().map(|area| area.this_run).sum();
    let resumed = if summary.resumed {
        format!(" (resumed: {this_run} of them in this run)")
    } else {
        String::new()
    };
    let mut lines = vec![format!(
        "Copied {} rows from {} to {} in {:.1} s{resumed}",
        summary.rows(),
        output::shown(&from),
        output::shown(&to),
        summary.elapsed.as_secs_f64()
    )];
    for area in summary.areas.iter().filter(|area| area.rows > 0) {
        lines.push(format!("  {:<20} {}", area.area, area.rows));
    }
    lines.push(
        "Every area holds as many rows in both stores, and the tasks and answers match their \
         checksums"
            .to_string(),
    );
    output::lines(lines)
}

fn copy_json(summary: &CopySummary, from: String, to: String) -> CopyJson {
    CopyJson {
        from,
        to,
        resumed: summary.resumed,
        rows: summary.rows(),
        areas: summary
            .areas
            .iter()
            .map(|area| {
                (
                    area.area,
                    AreaJson {
                        rows: area.rows,
                        this_run: area.this_run,
                    },
                )
            })
            .collect(),
        tasks_checksum: summary.tasks_checksum.clone(),
        answers_checksum: summary.answers_checksum.clone(),
        elapsed_seconds: summary.elapsed.as_secs_f64(),
        check_seconds: summary.checking.as_secs_f64(),
    }
}

/// A bar per area that holds rows, drawn on stderr only when it is a terminal.
struct Bars {
    shown: Option<MultiProgress>,
    bars: Mutex<HashMap<&'static str, ProgressBar>>,
}

impl Bars {
    fn new(shown: bool) -> Bars {
        Bars {
            shown: shown.then(MultiProgress::new),
            bars: Mutex::default(),
        }
    }

    fn show(&self, progress: CopyProgress) {
        let Some(multi) = &self.shown else { return };
        let Ok(mut bars) = self.bars.lock() else {
            return;
        };
        match progress {
            CopyProgress::Area { area, total, done } if total > 0 => {
                let style = ProgressStyle::with_template(
                    "{prefix:<20} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, ETA {eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar());
                let bar = multi.add(ProgressBar::new(total).with_style(style));
                bar.set_prefix(area);
                bar.set_position(done);
                bars.insert(area, bar);
            }
            CopyProgress::Rows { area, rows } => {
                if let Some(bar) = bars.get(area) {
                    bar.inc(rows);
                }
            }
            CopyProgress::Area { .. } => {}
            CopyProgress::Checking => {
                let spinner = multi.add(ProgressBar::new_spinner());
                spinner.set_message("counting both stores and checking the tasks and answers…");
                spinner.enable_steady_tick(std::time::Duration::from_millis(200));
                bars.insert("", spinner);
            }
        }
    }

    fn clear(&self) {
        if let Some(multi) = &self.shown {
            let _ = multi.clear();
        }
    }
}
