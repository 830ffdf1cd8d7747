//! Copy benchmark: `vulyk db copy` of a store with 1,000,000 tasks and 3,000,000 answers from
//! one SQLite file into a new one, beside its ceiling measured in the same run, alternated:
//! the bare insert of the same rows, read into memory beforehand, through the same store
//! calls and schema into a new store (what the copy would take if reading and checking cost
//! nothing). With `--features mongodb` and the test server, the same into MongoDB, smaller
//! (`VULYK_BENCH_MONGO_TASKS`, default 20000): that server, written in Python, stores about
//! two thousand documents a second.
//!
//! Run with nothing else busy: `cargo bench -p vulyk-tui --bench copy`, or
//! `eval "$(scripts/mongo-test-server start)"; cargo bench -p vulyk-tui --features mongodb --bench copy`.
//! `VULYK_BENCH_TASKS` (default 1000000; three answers each) and `VULYK_BENCH_ROUNDS`
//! (default 3) change the size and the repetitions; medians are reported. The sources are
//! kept in target/bench-data.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use vulyk_core::store::{AREAS, Area, CopyMark, CopyStore, PageLimit, Row, SqliteStore};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    elapsed: Duration,
    peak_kib: Option<u64>,
}

fn main() {
    let tasks = env_number("VULYK_BENCH_TASKS", 1_000_000);
    let rounds = env_number("VULYK_BENCH_ROUNDS", 3).max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf();
    let data = root.join("target/bench-data");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let source = ensure_source(&root, &data, tasks);
    let mut bare = Vec::new();
    let mut copies = Vec::new();
    for round in 1..=rounds {
        eprintln!("SQLite → SQLite, round {round}/{rounds}");
        let dir = tempfile::tempdir().expect("temp dir");
        let pages = runtime.block_on(read_all(&source));
        let bare_target = dir.path().join("bare.db").display().to_string();
        let copy_target = dir.path().join("copy.db").display().to_string();
        // Alternated: whichever runs second finds the source in the page cache.
        if round % 2 == 1 {
            bare.push(runtime.block_on(bare_insert(&bare_target, pages)));
            copies.push(cli_copy(&source, &copy_target));
        } else {
            copies.push(cli_copy(&source, &copy_target));
            bare.push(runtime.block_on(bare_insert(&bare_target, pages)));
        }
    }
    report("SQLite → SQLite", &source, tasks, &bare, &copies);
    #[cfg(feature = "mongodb")]
    into_mongodb(&runtime, &root, &data, rounds);
}

/// The same into the MongoDB test server; each round alternates which goes first and drops
/// its databases after (the server slows down as it holds more).
#[cfg(feature = "mongodb")]
fn into_mongodb(runtime: &tokio::runtime::Runtime, root: &Path, data: &Path, rounds: usize) {
    let Ok(server) = std::env::var("VULYK_TEST_MONGO_URL") else {
        println!("\n(SQLite → MongoDB skipped: eval \"$(scripts/mongo-test-server start)\" first)");
        return;
    };
    let tasks = env_number("VULYK_BENCH_MONGO_TASKS", 20_000);
    let source = ensure_source(root, data, tasks);
    let client = runtime
        .block_on(mongodb::Client::with_uri_str(&server))
        .expect("MongoDB client");
    let (mut bare, mut copies) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        eprintln!("SQLite → MongoDB, round {round}/{rounds}");
        let names = [
            format!("copy_bench_bare_{round}"),
            format!("copy_bench_copy_{round}"),
        ];
        let pages = runtime.block_on(read_all(&source));
        let bare_url = format!("{server}/{}", names[0]);
        let copy_url = format!("{server}/{}", names[1]);
        if round % 2 == 1 {
            bare.push(runtime.block_on(bare_insert(&bare_url, pages)));
            copies.push(cli_copy(&source, &copy_url));
        } else {
            copies.push(cli_copy(&source, &copy_url));
            bare.push(runtime.block_on(bare_insert(&bare_url, pages)));
        }
        for name in &names {
            runtime
                .block_on(async { client.database(name).drop().await })
                .expect("drop the bench database");
        }
    }
    report("SQLite → MongoDB", &source, tasks, &bare, &copies);
}

fn report(what: &str, source: &Path, tasks: usize, bare: &[Sample], copies: &[Sample]) {
    let bytes = std::fs::metadata(source).expect("source").len();
    println!();
    println!(
        "{what}: {tasks} tasks and {} answers, {:.0} MB of SQLite",
        tasks * 3,
        bytes as f64 / 1e6
    );
    let median = |samples: &[Sample]| {
        let mut sorted = samples.to_vec();
        sorted.sort_by_key(|s| s.elapsed);
        sorted[sorted.len() / 2]
    };
    println!("| measurement | median time | tasks/s | rows/s | peak memory | runs (s) |");
    println!("|---|---|---|---|---|---|");
    let rows = (tasks * 4) as f64;
    for (name, samples) in [("ceiling: bare insert", bare), ("db copy", copies)] {
        let m = median(samples);
        let runs: Vec<String> = samples
            .iter()
            .map(|s| format!("{:.2}", s.elapsed.as_secs_f64()))
            .collect();
        println!(
            "| {name} | {:.2} s | {:.0} | {:.0} | {} | {} |",
            m.elapsed.as_secs_f64(),
            tasks as f64 / m.elapsed.as_secs_f64(),
            rows / m.elapsed.as_secs_f64(),
            m.peak_kib
                .map_or("-".to_string(), |k| format!("{:.0} MB", k as f64 / 1024.0)),
            runs.join(", ")
        );
    }
    // Within each round (the machine's speed drifts between rounds), then the median.
    let mut ratios: Vec<f64> = bare
        .iter()
        .zip(copies)
        .map(|(b, c)| b.elapsed.as_secs_f64() / c.elapsed.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let shown: Vec<String> = ratios.iter().map(|r| format!("{r:.2}")).collect();
    let peak = copies.iter().filter_map(|s| s.peak_kib).max().unwrap_or(0);
    println!(
        "copy rate / bare insert rate: {:.0}% (target ≥ 80%; rounds: {})",
        ratios[ratios.len() / 2] * 100.0,
        shown.join(", ")
    );
    println!(
        "copy peak memory: {:.0} MB (target < 150 MB)",
        peak as f64 / 1024.0
    );
}

/// The source store: the bench's task lines loaded by the release `vulyk`, then three answers
/// per task written straight into its tables (made once, kept).
fn ensure_source(root: &Path, data: &Path, tasks: usize) -> PathBuf {
    let source = data.join(format!("copy-source-{tasks}.db"));
    if source.exists() {
        return source;
    }
    let lines = data.join(format!("tasks-{tasks}.jsonl"));
    common::ensure_lines(&lines, tasks);
    let making = data.join(format!("copy-source-{tasks}.db.partial"));
    let _ = std::fs::remove_file(&making);
    eprintln!("making {}", source.display());
    let status = Command::new(env!("CARGO_BIN_EXE_vulyk"))
        .arg("--db")
        .arg(&making)
        .arg("--plugins")
        .arg(root.join("fixtures/plugins"))
        .args(["db", "load", "declaration_task", "--batch", "bench"])
        .arg(&lines)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("spawn vulyk");
    assert!(status.success(), "vulyk db load failed");
    let conn = rusqlite::Connection::open(&making).expect("open the source");
    for k in 0..3 {
        conn.execute(
            "INSERT INTO answers (id, task_id, task_type, user_id, created_at, result)
             SELECT printf('%024x', seq * 3 + ?1), id, task_type,
                    printf('%024x', (seq * 7 + ?1 * 1009) % 5000),
                    1764547200000 + seq * 1000 + ?1,
                    json_object('tag', 'мітка ' || ((seq + ?1) % 7), 'seen', ?1)
             FROM tasks",
            [k],
        )
        .expect("answers");
    }
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    drop(conn);
    std::fs::rename(&making, &source).expect("place the source");
    source
}

/// Every area's rows, page by page as the copy reads them.
async fn read_all(source: &Path) -> Vec<(&'static Area, Vec<Row>)> {
    let store = SqliteStore::open(source).await.expect("open the source");
    let mut pages = Vec::new();
    for area in AREAS {
        let mut after = None;
        loop {
            let page = store
                .copy_out(area, after, PageLimit::default())
                .await
                .expect("read");
            if page.rows.is_empty() {
                break;
            }
            after = page.last;
            pages.push((area, page.rows));
        }
    }
    pages
}

/// The rows stored as the copy stores them, page by page with its mark, into a new store.
async fn bare_insert(target: &str, pages: Vec<(&'static Area, Vec<Row>)>) -> Sample {
    let store = vulyk_core::store::open(target)
        .await
        .expect("open the target");
    let started = Instant::now();
    let mut stored = 0;
    for (area, rows) in pages {
        stored += rows.len() as u64;
        let mark = CopyMark {
            area: area.name.to_string(),
            source: "bench".to_string(),
            rows: stored,
            ..CopyMark::default()
        };
        store.copy_in(area, rows, mark).await.expect("insert");
    }
    Sample {
        elapsed: started.elapsed(),
        peak_kib: None,
    }
}

/// The release `vulyk db copy` into a new store; peak memory is the child's VmHWM.
fn cli_copy(source: &Path, target: &str) -> Sample {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_vulyk"))
        .args(["db", "copy", "--json", "--from"])
        .arg(source)
        .arg("--to")
        .arg(target)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn vulyk");
    let (output, elapsed, peak_kib) = common::wait_watching_memory(child, started);
    assert!(output.status.success(), "vulyk db copy failed");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("summary");
    assert!(summary["rows"].as_u64() > Some(0), "{summary}");
    Sample {
        elapsed,
        peak_kib: Some(peak_kib),
    }
}
