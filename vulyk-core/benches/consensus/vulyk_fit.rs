//! Vulyk's side, run in a child process of its own so that its peak memory (`VmHWM`) is the
//! estimator's and not the generator's or the comparison's.
//!
//! The child reads the answers into a compact list (untimed), then, timed: builds the
//! [`Crowd`] through `add_task`, one exported task at a time as `vulyk stats quality` and the
//! export do (so the answers' JSON is parsed and the names interned), fits Dawid–Skene, and
//! works out alpha over every item. It prints its figures as one JSON line and, when given a
//! prefix, writes per-task labels and per-worker accuracy for the comparison.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use vulyk_core::domain::TaskId;
use vulyk_core::quality::{Crowd, DawidSkene, LabelRule, alpha};
use vulyk_core::store::{Author, ExportedAnswer, ExportedTask};

/// The argument that turns the bench binary into the child.
pub const CHILD_FLAG: &str = "--vulyk-fit";

/// One round's figures, as the child reports them.
#[derive(Debug, Clone, Copy)]
pub struct Round {
    pub build_s: f64,
    pub fit_s: f64,
    pub alpha_s: f64,
    pub iterations: u64,
    pub alpha: Option<f64>,
    pub peak_kb: u64,
}

/// Runs one round in a child; it writes `prefix`-labels.csv and -workers.csv when asked to.
pub fn run_round(answers: &Path, prefix: Option<&Path>) -> Round {
    let exe = std::env::current_exe().expect("the bench binary's path");
    let prefix = prefix.map_or_else(|| "-".into(), Path::to_path_buf);
    let output = Command::new(exe)
        .arg(CHILD_FLAG)
        .arg(answers)
        .arg(&prefix)
        .output()
        .expect("start the fitting child");
    assert!(
        output.status.success(),
        "the fitting child failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().expect("the child's figures");
    let figures: serde_json::Value = serde_json::from_str(line).expect("the child's JSON");
    let number = |key: &str| figures[key].as_f64().unwrap_or(f64::NAN);
    Round {
        build_s: number("build_s"),
        fit_s: number("fit_s"),
        alpha_s: number("alpha_s"),
        iterations: figures["iterations"].as_u64().unwrap_or(0),
        alpha: figures["alpha"].as_f64(),
        peak_kb: figures["peak_kb"].as_u64().unwrap_or(0),
    }
}

/// An answer with its names as numbers: `t12` is task 12, `w7` worker 7.
#[derive(Debug, Clone, Copy)]
struct Answer {
    task: u32,
    worker: u32,
    label: u32,
}

/// The child's whole run; `args` are what follows [`CHILD_FLAG`].
pub fn child_main(args: &[String]) {
    let [answers, prefix] = args else {
        panic!("usage: {CHILD_FLAG} ANSWERS.csv PREFIX|-");
    };
    let answers = read_answers(Path::new(answers));
    let workers = answers.iter().map(|a| a.worker).max().map_or(0, |w| w + 1);
    let labels = answers.iter().map(|a| a.label).max().map_or(0, |l| l + 1);
    let authors: Vec<Arc<Author>> = (0..workers)
        .map(|w| {
            Arc::new(Author {
                username: format!("w{w}"),
                email: String::new(),
            })
        })
        .collect();
    // The label is the whole answer (the default [consensus]): the JSON number.
    let results: Vec<String> = (0..labels).map(|l| l.to_string()).collect();

    let started = Instant::now();
    let mut crowd = Crowd::new(LabelRule::default());
    let mut task = ExportedTask {
        id: TaskId::from_stored(String::new()),
        batch: None,
        closed: true,
        data_json: "{}".into(),
        answers: Vec::new(),
    };
    let mut item_tasks = Vec::new();
    for group in answers.chunk_by(|a, b| a.task == b.task) {
        task.answers.clear();
        task.answers
            .extend(group.iter().map(|answer| ExportedAnswer {
                author: Arc::clone(&authors[answer.worker as usize]),
                created_at: chrono::DateTime::default(),
                result_json: results[answer.label as usize].clone(),
                session: None,
            }));
        crowd.add_task(&task);
        item_tasks.push(group[0].task);
    }
    let build_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let model = DawidSkene::default().fit(&crowd).expect("fit");
    let fit_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let agreement = alpha(&crowd, |_| true);
    let alpha_s = started.elapsed().as_secs_f64();

    if prefix != "-" {
        let prefix = PathBuf::from(prefix);
        write_labels(
            &with_suffix(&prefix, "labels.csv"),
            &crowd,
            &model,
            &item_tasks,
        )
        .expect("write vulyk's labels");
        write_workers(&with_suffix(&prefix, "workers.csv"), &crowd, &model)
            .expect("write vulyk's workers");
    }
    let figures = serde_json::json!({
        "build_s": build_s,
        "fit_s": fit_s,
        "alpha_s": alpha_s,
        "iterations": model.iterations,
        "alpha": agreement,
        "peak_kb": peak_kb(),
    });
    println!("{figures}");
}

pub fn with_suffix(prefix: &Path, suffix: &str) -> PathBuf {
    let mut name = prefix.as_os_str().to_owned();
    name.push("-");
    name.push(suffix);
    PathBuf::from(name)
}

fn read_answers(path: &Path) -> Vec<Answer> {
    let mut reader = csv::Reader::from_path(path).expect("open the answers");
    let number = |field: &str, prefix: char| -> u32 {
        field
            .trim_start_matches(prefix)
            .parse()
            .unwrap_or_else(|_| panic!("not a {prefix}-number: {field}"))
    };
    reader
        .records()
        .map(|record| {
            let record = record.expect("an answer");
            Answer {
                task: number(&record[0], 't'),
                worker: number(&record[1], 'w'),
                label: record[2].parse().expect("a label that is a number"),
            }
        })
        .collect()
}

/// `task,label,p,majority`: Dawid–Skene's label and its probability, and majority vote's.
fn write_labels(
    path: &Path,
    crowd: &Crowd,
    model: &vulyk_core::quality::Model,
    item_tasks: &[u32],
) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(out, "task,label,p,majority")?;
    let name = |label: Option<u32>| label.map_or("", |l| crowd.labels.name(l));
    for (item, task) in item_tasks.iter().enumerate() {
        let (label, p) = model
            .label(item)
            .map_or((None, f64::NAN), |(l, p)| (Some(l), p));
        let majority = crowd.majority(item);
        writeln!(out, "t{task},{},{p},{}", name(label), name(majority))?;
    }
    out.flush()
}

/// `worker,accuracy`.
fn write_workers(
    path: &Path,
    crowd: &Crowd,
    model: &vulyk_core::quality::Model,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(out, "worker,accuracy")?;
    for volunteer in 0..crowd.volunteers.len() as u32 {
        if let Some(accuracy) = model.accuracy(volunteer) {
            writeln!(out, "{},{accuracy}", crowd.volunteers.name(volunteer))?;
        }
    }
    out.flush()
}

/// The process's peak resident memory so far, in kB (Linux; 0 elsewhere).
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
