//! Load benchmark: `vulyk db load` from plain, gzip and bzip2 input into the embedded store,
//! beside the ceilings measured in the same run:
//! - read + parse + hash the plain lines without storing them (the loader's own pipeline);
//! - decompress the gzip and bzip2 files to nowhere;
//! - the store's bare insert rate: the same rows, pre-built, through the same schema.
//!
//! Run with nothing else busy: `cargo bench -p vulyk-tui --bench load`.
//! `VULYK_BENCH_TASKS` (default 1000000) and `VULYK_BENCH_ROUNDS` (default 5) change the size
//! and the repetitions; medians are reported. Generated input is kept in target/bench-data.

mod common;

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use vulyk_core::domain::NewTask;
use vulyk_core::import::{Input, LineOutcome, Pipeline, PipelineOptions, parse_line};
use vulyk_core::store::{BatchStart, LoadPlan, LoadStore, SqliteStore};

const CHUNK: usize = vulyk_core::service::DEFAULT_CHUNK_LINES;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let tasks = env_number("VULYK_BENCH_TASKS", 1_000_000);
    let rounds = env_number("VULYK_BENCH_ROUNDS", 5).max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf();
    let data = root.join("target/bench-data");
    std::fs::create_dir_all(&data).expect("bench data dir");
    let files = ensure_inputs(&data, tasks);
    let plain_bytes = std::fs::metadata(&files.plain).expect("plain").len();
    println!(
        "{tasks} tasks, {:.1} MB plain ({:.0} bytes/task), {:.1} MB gzip, {:.1} MB bzip2; {rounds} rounds",
        mb(plain_bytes),
        plain_bytes as f64 / tasks as f64,
        mb(std::fs::metadata(&files.gz).expect("gz").len()),
        mb(std::fs::metadata(&files.bz2).expect("bz2").len()),
    );
    let rows = prebuilt_rows(&files.plain);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");

    let mut samples: Vec<(&str, Vec<Sample>)> = [
        "ceiling: read+parse+hash (plain)",
        "ceiling: gzip decompress",
        "ceiling: bzip2 decompress",
        "ceiling: bare insert",
        "load: plain",
        "load: gzip",
        "load: bzip2",
    ]
    .into_iter()
    .map(|name| (name, Vec::new()))
    .collect();
    for round in 1..=rounds {
        eprintln!("round {round}/{rounds}");
        // Each load runs right after the ceilings it is compared with.
        samples[0]
            .1
            .push(runtime.block_on(parse_only(&files.plain)));
        samples[3].1.push(runtime.block_on(bare_insert(&rows)));
        samples[4].1.push(cli_load(&root, &files.plain, tasks));
        samples[1].1.push(decompress(&files.gz));
        samples[5].1.push(cli_load(&root, &files.gz, tasks));
        samples[2].1.push(decompress(&files.bz2));
        samples[6].1.push(cli_load(&root, &files.bz2, tasks));
    }

    let median = |name: &str| -> Sample {
        let runs = &samples.iter().find(|(n, _)| *n == name).expect("sample").1;
        let mut sorted = runs.clone();
        sorted.sort_by_key(|s| s.elapsed);
        sorted[sorted.len() / 2]
    };
    println!();
    println!(
        "| measurement | median time | tasks/s | MB/s (plain JSON) | peak memory | runs (s) |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, runs) in &samples {
        let m = median(name);
        let all: Vec<String> = runs
            .iter()
            .map(|s| format!("{:.2}", s.elapsed.as_secs_f64()))
            .collect();
        println!(
            "| {name} | {:.2} s | {:.0} | {:.1} | {} | {} |",
            m.elapsed.as_secs_f64(),
            tasks as f64 / m.elapsed.as_secs_f64(),
            mb(plain_bytes) / m.elapsed.as_secs_f64(),
            m.peak_kib
                .map_or("-".to_string(), |k| format!("{:.0} MB", k as f64 / 1024.0)),
            all.join(", "),
        );
    }
    // Ratios are taken within each round (the machine's speed drifts between rounds), then
    // the median of the rounds is reported.
    let seconds = |name: &str, round: usize| {
        samples.iter().find(|(n, _)| *n == name).expect("sample").1[round]
            .elapsed
            .as_secs_f64()
    };
    let median_of = |ratio: &dyn Fn(usize) -> f64| {
        let mut values: Vec<f64> = (0..rounds).map(ratio).collect();
        values.sort_by(f64::total_cmp);
        let shown: Vec<String> = values.iter().map(|v| format!("{v:.2}")).collect();
        (values[values.len() / 2], shown.join(", "))
    };
    let slowest = |round: usize, ceilings: &[&str]| {
        ceilings
            .iter()
            .map(|c| seconds(c, round))
            .fold(0.0, f64::max)
    };
    let parse = "ceiling: read+parse+hash (plain)";
    let insert = "ceiling: bare insert";
    let (plain, plain_runs) =
        median_of(&|r| slowest(r, &[parse, insert]) / seconds("load: plain", r));
    let (gz, gz_runs) = median_of(&|r| {
        slowest(r, &[parse, insert, "ceiling: gzip decompress"]) / seconds("load: gzip", r)
    });
    let (bz2, bz2_runs) =
        median_of(&|r| seconds("load: bzip2", r) / seconds("ceiling: bzip2 decompress", r));
    println!();
    println!(
        "plain load rate / slowest ceiling's rate: {:.0}% (target ≥ 90%; rounds: {plain_runs})",
        plain * 100.0
    );
    println!(
        "gzip load rate / slowest ceiling's rate: {:.0}% (target ≥ 90%; rounds: {gz_runs})",
        gz * 100.0
    );
    println!(
        "bzip2 load time / bare bzip2 decompression: {bz2:.2}× (target ≤ 1.2×; rounds: {bz2_runs})"
    );
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    elapsed: Duration,
    peak_kib: Option<u64>,
}

struct Inputs {
    plain: PathBuf,
    gz: PathBuf,
    bz2: PathBuf,
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn ensure_inputs(dir: &Path, tasks: usize) -> Inputs {
    let inputs = Inputs {
        plain: dir.join(format!("tasks-{tasks}.jsonl")),
        gz: dir.join(format!("tasks-{tasks}.jsonl.gz")),
        bz2: dir.join(format!("tasks-{tasks}.jsonl.bz2")),
    };
    common::ensure_lines(&inputs.plain, tasks);
    if !inputs.gz.exists() {
        eprintln!("compressing {}", inputs.gz.display());
        let mut enc = flate2::write::GzEncoder::new(
            BufWriter::new(File::create(&inputs.gz).expect("create")),
            flate2::Compression::default(),
        );
        std::io::copy(&mut File::open(&inputs.plain).expect("open"), &mut enc).expect("gzip");
        enc.finish().expect("gzip").flush().expect("flush");
    }
    if !inputs.bz2.exists() {
        eprintln!("compressing {}", inputs.bz2.display());
        let mut enc = bzip2::write::BzEncoder::new(
            BufWriter::new(File::create(&inputs.bz2).expect("create")),
            bzip2::Compression::default(),
        );
        std::io::copy(&mut File::open(&inputs.plain).expect("open"), &mut enc).expect("bzip2");
        enc.finish().expect("bzip2").flush().expect("flush");
    }
    inputs
}

fn prebuilt_rows(plain: &Path) -> Vec<NewTask> {
    BufReader::new(File::open(plain).expect("open"))
        .lines()
        .filter_map(|line| match parse_line(line.expect("line").as_bytes()) {
            LineOutcome::Task(task) => Some(task),
            _ => None,
        })
        .collect()
}

async fn parse_only(plain: &Path) -> Sample {
    let started = Instant::now();
    let mut pipeline = Pipeline::start(PipelineOptions {
        inputs: vec![Input::File(plain.to_path_buf())],
        rejects: None,
        chunk_lines: CHUNK,
    })
    .expect("pipeline");
    let mut count = 0;
    while let Some(chunk) = pipeline.next().await {
        count += chunk.expect("chunk").tasks.len();
    }
    assert!(count > 0);
    Sample {
        elapsed: started.elapsed(),
        peak_kib: None,
    }
}

fn decompress(path: &Path) -> Sample {
    let started = Instant::now();
    let raw = BufReader::with_capacity(256 * 1024, File::open(path).expect("open"));
    let mut decoder: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::bufread::MultiGzDecoder::new(raw))
    } else {
        Box::new(bzip2::bufread::MultiBzDecoder::new(raw))
    };
    std::io::copy(&mut decoder, &mut std::io::sink()).expect("decompress");
    Sample {
        elapsed: started.elapsed(),
        peak_kib: None,
    }
}

async fn bare_insert(rows: &[NewTask]) -> Sample {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("bare.db"))
        .await
        .expect("open");
    let started = Instant::now();
    let ticket = store
        .begin_load(&LoadPlan {
            batch_id: "bare".into(),
            task_type: "declaration_task".into(),
            start: BatchStart::Create {
                meta: Default::default(),
            },
        })
        .await
        .expect("begin");
    for chunk in rows.chunks(CHUNK) {
        store
            .insert_tasks(&ticket, chunk.to_vec())
            .await
            .expect("insert");
    }
    store.finish_load(&ticket).await.expect("finish");
    Sample {
        elapsed: started.elapsed(),
        peak_kib: None,
    }
}

/// Runs the release `vulyk db load` into a fresh database; peak memory is the child's VmHWM.
fn cli_load(root: &Path, input: &Path, tasks: usize) -> Sample {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("load.db");
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_vulyk"))
        .arg("--db")
        .arg(&db)
        .arg("--plugins")
        .arg(root.join("fixtures/plugins"))
        .args([
            "db",
            "load",
            "declaration_task",
            "--batch",
            "bench",
            "--json",
        ])
        .arg(input)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn vulyk");
    let (output, elapsed, peak_kib) = common::wait_watching_memory(child, started);
    assert!(output.status.success(), "vulyk db load failed");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("summary");
    assert_eq!(summary["loaded"].as_u64(), Some(tasks as u64), "{summary}");
    Sample {
        elapsed,
        peak_kib: Some(peak_kib),
    }
}
