//! Work benchmark on the embedded store:
//! - hand-out + answer cycles (`next_task` then `answer`, as a volunteer does) in a batch of
//!   1,000 and of 1,000,000 open tasks, one volunteer at a time and 32 at once, beside the
//!   floor measured in the same run: two bare store round trips (what any cycle pays for the
//!   blocking pool and the connection);
//! - `vulyk db export` of 1,000,000 answers, beside the ceiling of reading the same rows with
//!   a bare SQL query, and its peak memory; and an incremental export (`--since`) of the
//!   newest 1 % of them from the same store, alternated with the whole export.
//!
//! Run with nothing else busy: `cargo bench -p vulyk-tui --bench work`. The task lines are
//! the benchmarks' shared input (target/bench-data, made by whichever runs first).
//! `VULYK_BENCH_ROUNDS` (default 5) sets the repetitions; medians are reported.
//! `VULYK_BENCH_ONLY=export` or `=handout` runs only that part (`VULYK_BENCH_SIZES=1000`
//! picks the batch sizes of the hand-out part); `VULYK_BENCH_EXPORT_DB=PATH` keeps its
//! database there (made once, reused: handy for profiling `vulyk db export`).

mod common;

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use vulyk_core::domain::{BatchStatus, User};
use vulyk_core::plugins::PluginRegistry;
use vulyk_core::service::{LoadRequest, Vulyk};

const BIG: usize = 1_000_000;
const SMALL: usize = 1_000;
/// Per round; with 5 rounds a 1,000-task batch (3,000 slots) holds 5 × (200 + 32 × 8).
const SINGLE_CYCLES: usize = 200;
const VOLUNTEERS: usize = 32;
const CYCLES_EACH: usize = 8;
const EXPORT_ANSWERS: usize = 1_000_000;

fn rounds() -> usize {
    std::env::var("VULYK_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf();
    let lines = root.join("target/bench-data/tasks-1000000.jsonl");
    common::ensure_lines(&lines, BIG);
    let rounds = rounds();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");

    if std::env::var("VULYK_BENCH_ONLY").as_deref() == Ok("export") {
        export_bench(&root, &lines, rounds);
        return;
    }
    println!("hand-out + answer cycles, {rounds} rounds");
    println!(
        "| open tasks | single: median cycle | single: p90 | single: cycles/s | 32 volunteers: cycles/s | 32: median cycle | floor: 2 round trips |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut medians = Vec::new();
    let mut stats_times = Vec::new();
    let sizes: Vec<usize> = std::env::var("VULYK_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![SMALL, BIG]);
    for &size in &sizes {
        let (dir, vulyk) = runtime.block_on(store_with_tasks(&root, &lines, size));
        // A volunteer answers a task once: each round's lone volunteer is a new one.
        let users = runtime.block_on(volunteers(&vulyk, rounds + VOLUNTEERS));
        let mut single = Vec::new();
        let mut crowd = Vec::new();
        let mut floor = Vec::new();
        for round in 0..rounds {
            floor.push(runtime.block_on(round_trips(&vulyk)));
            single.push(runtime.block_on(cycles_alone(&vulyk, &users[round])));
            crowd.push(runtime.block_on(cycles_together(&vulyk, &users[rounds..])));
        }
        let one = median_of(single.iter().map(|s| s.median).collect());
        let p90 = median_of(single.iter().map(|s| s.p90).collect());
        let rate = median_of(single.iter().map(|s| s.per_second).collect());
        let crowd_rate = median_of(crowd.iter().map(|s| s.per_second).collect());
        let crowd_median = median_of(crowd.iter().map(|s| s.median).collect());
        let floor = median_of(floor);
        println!(
            "| {size} | {:.3} ms | {:.3} ms | {rate:.0} | {crowd_rate:.0} | {:.3} ms | {:.3} ms |",
            one * 1e3,
            p90 * 1e3,
            crowd_median * 1e3,
            floor * 1e3
        );
        medians.push((size, single.iter().map(|s| s.median).collect::<Vec<_>>()));
        stats_times.push((size, runtime.block_on(stats_queries(&vulyk, rounds))));
        drop(vulyk);
        drop(dir);
    }
    println!("\nstats from counters (median of {rounds} calls, after the cycles above)");
    println!("| open tasks | stats batch | stats overview |");
    println!("|---|---|---|");
    for (size, (batch, overview)) in &stats_times {
        println!(
            "| {size} | {:.2} ms | {:.2} ms |",
            batch * 1e3,
            overview * 1e3
        );
    }
    if medians.len() < 2 {
        return;
    }
    let ratios: Vec<f64> = (0..rounds)
        .map(|r| medians[1].1[r] / medians[0].1[r])
        .collect();
    println!(
        "\nmedian cycle at 1,000,000 / at 1,000 tasks: {:.2}× (rounds: {})",
        median_of(ratios.clone()),
        ratios
            .iter()
            .map(|r| format!("{r:.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    if std::env::var("VULYK_BENCH_ONLY").as_deref() != Ok("handout") {
        export_bench(&root, &lines, rounds);
    }
}

/// The first `n` lines of the bench data, as a file of their own.
fn head(lines: &Path, n: usize, dir: &Path) -> PathBuf {
    let path = dir.join(format!("head-{n}.jsonl"));
    let mut out = BufWriter::new(std::fs::File::create(&path).expect("create"));
    for line in BufReader::new(std::fs::File::open(lines).expect("open"))
        .lines()
        .take(n)
    {
        writeln!(out, "{}", line.expect("line")).expect("write");
    }
    out.flush().expect("flush");
    path
}

async fn open(root: &Path, db: &Path) -> Vulyk {
    let store = vulyk_core::store::open(&db.to_string_lossy())
        .await
        .expect("store");
    let plugins = PluginRegistry::load(&root.join("fixtures/plugins")).expect("plugins");
    Vulyk::new(store, Arc::new(plugins))
}

async fn store_with_tasks(root: &Path, lines: &Path, size: usize) -> (tempfile::TempDir, Vulyk) {
    let dir = tempfile::tempdir().expect("temp dir");
    let vulyk = open(root, &dir.path().join("work.db")).await;
    vulyk
        .init(&["declaration_task".to_string()])
        .await
        .expect("init");
    let input = if size == BIG {
        lines.to_path_buf()
    } else {
        head(lines, size, dir.path())
    };
    eprintln!("loading {size} tasks");
    let mut request = LoadRequest::new(
        "declaration_task",
        vec![input.to_string_lossy().into_owned()],
    );
    request.batch = Some("bench".into());
    let summary = vulyk.load(request, &|_| {}).await.expect("load");
    assert_eq!(summary.batch.tasks_count, size as u64);
    assert_eq!(summary.batch.status(), BatchStatus::Open);
    (dir, vulyk)
}

async fn volunteers(vulyk: &Vulyk, n: usize) -> Vec<User> {
    let mut users = Vec::new();
    for i in 0..n {
        let name = format!("volunteer{i}");
        users.push(
            vulyk
                .add_user(&name, &format!("{name}@example.org"), "", false)
                .await
                .expect("user"),
        );
    }
    users
}

struct Cycles {
    median: f64,
    p90: f64,
    per_second: f64,
}

async fn cycle(vulyk: &Vulyk, user: &User) -> Duration {
    let started = Instant::now();
    let task = vulyk
        .next_task(user, "declaration_task")
        .await
        .expect("next")
        .expect("a task is left");
    vulyk
        .answer(
            user,
            "declaration_task",
            &task.id,
            &json!({"year": 2015, "ok": true}),
        )
        .await
        .expect("answer");
    started.elapsed()
}

fn summarise(mut times: Vec<Duration>, wall: Duration) -> Cycles {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    Cycles {
        median: at(0.5).as_secs_f64(),
        p90: at(0.9).as_secs_f64(),
        per_second: times.len() as f64 / wall.as_secs_f64(),
    }
}

async fn cycles_alone(vulyk: &Vulyk, user: &User) -> Cycles {
    let started = Instant::now();
    let mut times = Vec::with_capacity(SINGLE_CYCLES);
    for _ in 0..SINGLE_CYCLES {
        times.push(cycle(vulyk, user).await);
    }
    summarise(times, started.elapsed())
}

async fn cycles_together(vulyk: &Vulyk, users: &[User]) -> Cycles {
    let started = Instant::now();
    let workers: Vec<_> = users
        .iter()
        .cloned()
        .map(|user| {
            let vulyk = vulyk.clone();
            tokio::spawn(async move {
                let mut times = Vec::with_capacity(CYCLES_EACH);
                for _ in 0..CYCLES_EACH {
                    times.push(cycle(&vulyk, &user).await);
                }
                times
            })
        })
        .collect();
    let mut times = Vec::new();
    for worker in workers {
        times.extend(worker.await.expect("worker"));
    }
    summarise(times, started.elapsed())
}

/// Seconds per `batch_stats` and per `overview` call (medians), on the store as it stands.
async fn stats_queries(vulyk: &Vulyk, rounds: usize) -> (f64, f64) {
    let mut batch = Vec::new();
    let mut overview = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let stats = vulyk.batch_stats(None, None).await.expect("stats");
        batch.push(started.elapsed().as_secs_f64());
        assert!(stats.iter().any(|s| s.answers > 0));
        let started = Instant::now();
        vulyk.overview().await.expect("overview");
        overview.push(started.elapsed().as_secs_f64());
    }
    (median_of(batch), median_of(overview))
}

/// Seconds per pair of the cheapest store calls, over as many pairs as a single run's cycles.
async fn round_trips(vulyk: &Vulyk) -> f64 {
    let started = Instant::now();
    for _ in 0..SINGLE_CYCLES {
        vulyk.batch("bench").await.expect("batch");
        vulyk.batch("bench").await.expect("batch");
    }
    started.elapsed().as_secs_f64() / SINGLE_CYCLES as f64
}

fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A store with `EXPORT_ANSWERS` answers: tasks loaded by the service, then, because a million
/// hand-out cycles would take the benchmark half an hour, three answers per task written with
/// plain SQL into the documented schema (the same rows `record_answer` writes).
fn export_store(root: &Path, lines: &Path, dir: &Path) -> PathBuf {
    let tasks = EXPORT_ANSWERS.div_ceil(3);
    let kept = std::env::var_os("VULYK_BENCH_EXPORT_DB").map(PathBuf::from);
    if let Some(db) = kept.as_ref().filter(|db| db.exists()) {
        return db.clone();
    }
    let db = kept.unwrap_or_else(|| dir.join("export.db"));
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let vulyk = open(root, &db).await;
        vulyk
            .init(&["declaration_task".to_string()])
            .await
            .expect("init");
        let input = head(lines, tasks, dir);
        let mut request = LoadRequest::new(
            "declaration_task",
            vec![input.to_string_lossy().into_owned()],
        );
        request.batch = Some("export".into());
        vulyk.load(request, &|_| {}).await.expect("load");
        volunteers(&vulyk, 3).await;
    });
    eprintln!("writing {EXPORT_ANSWERS} answers");
    let mut conn = rusqlite::Connection::open(&db).expect("open");
    let tx = conn.transaction().expect("tx");
    let users: Vec<String> = tx
        .prepare("SELECT id FROM users ORDER BY id")
        .expect("users")
        .query_map([], |row| row.get(0))
        .expect("users")
        .collect::<Result<_, _>>()
        .expect("users");
    let task_ids: Vec<String> = tx
        .prepare("SELECT id FROM tasks ORDER BY seq")
        .expect("tasks")
        .query_map([], |row| row.get(0))
        .expect("tasks")
        .collect::<Result<_, _>>()
        .expect("tasks");
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO answers (id, task_id, task_type, user_id, created_at, result)
                 VALUES (?1, ?2, 'declaration_task', ?3, ?4, ?5)",
            )
            .expect("prepare");
        let mut written = 0;
        'tasks: for task in &task_ids {
            for (u, user) in users.iter().enumerate() {
                if written == EXPORT_ANSWERS {
                    break 'tasks;
                }
                insert
                    .execute(rusqlite::params![
                        format!("{written:024x}"),
                        task,
                        user,
                        answer_time_ms(written),
                        format!(r#"{{"year":{},"ok":true,"by":{u}}}"#, 2010 + u),
                    ])
                    .expect("answer");
                written += 1;
            }
        }
    }
    tx.execute(
        // Closed by their last answer, when it was given (what `record_answer` keeps).
        "UPDATE tasks SET closed = 1, users_count = 3,
             closed_at = (SELECT max(created_at) FROM answers WHERE task_id = tasks.id)
         WHERE batch = 'export'",
        [],
    )
    .expect("close tasks");
    tx.execute(
        "UPDATE batches SET tasks_processed = tasks_count, closed = 1, answers = ?1 WHERE id = 'export'",
        [EXPORT_ANSWERS as i64],
    )
    .expect("close batch");
    tx.commit().expect("commit");
    db
}

/// The export's ceiling: the same rows read by the same kind of query, nothing formatted.
fn bare_read(db: &Path) -> (Duration, usize) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let started = Instant::now();
    let mut stmt = conn
        .prepare(
            "SELECT t.id, t.task_data, a.result, u.username, u.email, a.created_at
             FROM tasks t JOIN answers a ON a.task_id = t.id JOIN users u ON u.id = a.user_id
             WHERE t.task_type = 'declaration_task' AND t.closed = 1 ORDER BY t.seq, a.seq",
        )
        .expect("prepare");
    let mut rows = stmt.query([]).expect("query");
    let mut answers = 0;
    let mut bytes = 0;
    while let Some(row) = rows.next().expect("row") {
        for column in 0..5 {
            bytes += row
                .get_ref(column)
                .expect("column")
                .as_str()
                .map_or(0, str::len);
        }
        answers += 1;
    }
    assert!(bytes > 0);
    (started.elapsed(), answers)
}

/// The newest of the export store's answers that an incremental export takes: the last 1 %.
const RECENT_ANSWERS: usize = EXPORT_ANSWERS / 100;

/// When the export store's answer number `n` was given (one a millisecond).
fn answer_time_ms(n: usize) -> i64 {
    1_764_000_000_000_i64 + n as i64
}

/// `vulyk db export` into a file, timed, with the peak resident memory of the process and
/// its summary.
fn cli_export(
    root: &Path,
    db: &Path,
    out: &Path,
    more: &[&str],
) -> (Duration, u64, serde_json::Value) {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_vulyk"))
        .arg("--db")
        .arg(db)
        .arg("--plugins")
        .arg(root.join("fixtures/plugins"))
        .args(["db", "export", "declaration_task", "--json", "-o"])
        .arg(out)
        .args(more)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn vulyk");
    let (output, elapsed, peak_kib) = common::wait_watching_memory(child, started);
    assert!(output.status.success(), "vulyk db export failed");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("summary");
    (elapsed, peak_kib, summary)
}

fn export_bench(root: &Path, lines: &Path, rounds: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = export_store(root, lines, dir.path());
    let out = dir.path().join("answers.jsonl");
    let mut ratios = Vec::new();
    let mut rates = Vec::new();
    let mut ceilings = Vec::new();
    let mut peaks = Vec::new();
    let mut recent_times = Vec::new();
    let since =
        chrono::DateTime::from_timestamp_millis(answer_time_ms(EXPORT_ANSWERS - RECENT_ANSWERS))
            .expect("time")
            .to_rfc3339();
    let recent_out = dir.path().join("recent.jsonl");
    for _ in 0..rounds {
        let (ceiling, answers) = bare_read(&db);
        assert_eq!(answers, EXPORT_ANSWERS);
        let (elapsed, peak, summary) = cli_export(root, &db, &out, &[]);
        assert_eq!(
            summary["answers"].as_u64(),
            Some(EXPORT_ANSWERS as u64),
            "{summary}"
        );
        let (recent, _, summary) = cli_export(root, &db, &recent_out, &["--since", &since]);
        // Whole tasks: the last 1 % of answers and the ones given before them on their tasks.
        let taken = summary["answers"].as_u64().unwrap_or(0) as usize;
        assert!(
            (RECENT_ANSWERS..RECENT_ANSWERS + 3).contains(&taken),
            "{summary}"
        );
        recent_times.push(recent.as_secs_f64());
        ceilings.push(EXPORT_ANSWERS as f64 / ceiling.as_secs_f64());
        rates.push(EXPORT_ANSWERS as f64 / elapsed.as_secs_f64());
        ratios.push(ceiling.as_secs_f64() / elapsed.as_secs_f64());
        peaks.push(peak as f64 / 1024.0);
    }
    let size = std::fs::metadata(&out).expect("output").len();
    println!(
        "\nexport of {EXPORT_ANSWERS} answers ({:.0} MB of JSON lines), {rounds} rounds",
        size as f64 / 1e6
    );
    println!("| measurement | median answers/s | runs |");
    println!("|---|---|---|");
    let show = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "| ceiling: bare SQL read of the same rows | {:.0} | {} |",
        median_of(ceilings.clone()),
        show(&ceilings)
    );
    println!(
        "| vulyk db export -o FILE | {:.0} | {} |",
        median_of(rates.clone()),
        show(&rates)
    );
    println!(
        "\nexport rate / ceiling: {:.0}% (rounds: {}); peak memory {:.0} MB (runs: {})",
        median_of(ratios.clone()) * 100.0,
        ratios
            .iter()
            .map(|r| format!("{:.2}", r))
            .collect::<Vec<_>>()
            .join(", "),
        median_of(peaks.clone()),
        show(&peaks)
    );
    let whole = EXPORT_ANSWERS as f64 / median_of(rates.clone());
    println!(
        "incremental export (--since) of the newest {RECENT_ANSWERS} answers: median {:.3} s \
         (runs: {}), {:.1}% of the whole export's {:.2} s",
        median_of(recent_times.clone()),
        recent_times
            .iter()
            .map(|t| format!("{t:.3}"))
            .collect::<Vec<_>>()
            .join(", "),
        median_of(recent_times.clone()) / whole * 100.0,
        whole
    );
}
