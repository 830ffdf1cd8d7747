//! Load benchmark on MongoDB: `vulyk db load` of 100,000 tasks into the server that
//! `VULYK_TEST_MONGO_URL` names, beside its ceiling measured in the same round — a bare driver
//! bulk insert (unordered, the same chunk size) of the same documents into a database with the
//! same indexes (opened through `MongoStore`, which creates them).
//!
//!   eval "$(scripts/mongo-test-server start)"
//!   cargo bench -p vulyk-tui --bench load_mongo
//!
//! `VULYK_BENCH_TASKS` (default 100000) and `VULYK_BENCH_ROUNDS` (default 3) change the size
//! and the repetitions. The input is the plain file of the `load` bench (generated there).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use mongodb::bson::{Document, doc};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let Ok(server) = std::env::var("VULYK_TEST_MONGO_URL") else {
        eprintln!("set VULYK_TEST_MONGO_URL: eval \"$(scripts/mongo-test-server start)\"");
        std::process::exit(2);
    };
    let tasks = env_number("VULYK_BENCH_TASKS", 100_000);
    let rounds = env_number("VULYK_BENCH_ROUNDS", 3).max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf();
    let input = root.join(format!("target/bench-data/tasks-{tasks}.jsonl"));
    if !input.exists() {
        eprintln!(
            "{} is missing: run `VULYK_BENCH_TASKS={tasks} VULYK_BENCH_ROUNDS=1 cargo bench -p vulyk-tui --bench load` once",
            input.display()
        );
        std::process::exit(2);
    }
    let documents = documents_of(&input);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = server.trim_end_matches('/').to_string();
    let mut ratios = Vec::new();
    println!("| round | bare driver insert | vulyk db load | load / ceiling rate |");
    println!("|---|---|---|---|");
    for round in 1..=rounds {
        // The server slows down as it holds more data and ages, so the two alternate in
        // which goes first, and each drops its database afterwards.
        let (bare, load) = if round % 2 == 1 {
            let bare = runtime.block_on(bare_insert(&server, round, &documents));
            (
                bare,
                cli_load(&root, &server, round, &input, tasks, &runtime),
            )
        } else {
            let load = cli_load(&root, &server, round, &input, tasks, &runtime);
            (
                runtime.block_on(bare_insert(&server, round, &documents)),
                load,
            )
        };
        let ratio = bare.as_secs_f64() / load.as_secs_f64();
        ratios.push(ratio);
        println!(
            "| {round} | {:.2} s ({:.0} tasks/s) | {:.2} s ({:.0} tasks/s) | {:.0}% |",
            bare.as_secs_f64(),
            tasks as f64 / bare.as_secs_f64(),
            load.as_secs_f64(),
            tasks as f64 / load.as_secs_f64(),
            ratio * 100.0
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!();
    println!(
        "median load rate / bare driver insert rate: {:.0}% (target ≥ 90%)",
        ratios[ratios.len() / 2] * 100.0
    );
}

/// The documents `vulyk` writes for these tasks (see `store/mongo/tasks.rs`), pre-built.
fn documents_of(input: &Path) -> Vec<Document> {
    BufReader::new(std::fs::File::open(input).expect("input"))
        .lines()
        .map(|line| {
            let line = line.expect("line");
            let vulyk_core::import::LineOutcome::Task(task) =
                vulyk_core::import::parse_line(line.as_bytes())
            else {
                panic!("bench input must be valid tasks");
            };
            let data: serde_json::Value = serde_json::from_str(&task.data_json).expect("json");
            doc! {
                "_id": task.id.as_str(),
                "taskType": "declaration_task",
                "batch": "bench",
                "usersCount": 0_i64,
                "usersProcessed": [],
                "usersSkipped": [],
                "closed": false,
                "task_data": mongodb::bson::to_bson(&data).expect("bson"),
                "loadRun": 1_i64,
            }
        })
        .collect()
}

async fn bare_insert(server: &str, round: usize, documents: &[Document]) -> Duration {
    let client = mongodb::Client::with_uri_str(server).await.expect("client");
    let name = format!("vulyk_bench_bare_{round}_{}", std::process::id());
    // The same collection layout as `vulyk db load` writes into: opening the database as a
    // store creates its indexes (four on `tasks` besides `_id`), which every insert maintains.
    vulyk_core::store::open(&format!("{}/{name}", server.trim_end_matches('/')))
        .await
        .expect("open the database as a store");
    let db = client.database(&name);
    let tasks = db.collection::<Document>("tasks");
    let started = Instant::now();
    for chunk in documents.chunks(vulyk_core::service::DEFAULT_CHUNK_LINES) {
        tasks
            .insert_many(chunk)
            .ordered(false)
            .await
            .expect("insert");
    }
    let elapsed = started.elapsed();
    db.drop().await.expect("drop");
    elapsed
}

fn cli_load(
    root: &Path,
    server: &str,
    round: usize,
    input: &Path,
    tasks: usize,
    runtime: &tokio::runtime::Runtime,
) -> Duration {
    let name = format!("vulyk_bench_load_{round}_{}", std::process::id());
    let db = format!("{server}/{name}");
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_vulyk"))
        .args(["--db", &db, "--plugins"])
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
        .output()
        .expect("run vulyk");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("summary");
    assert_eq!(summary["loaded"].as_u64(), Some(tasks as u64), "{summary}");
    runtime.block_on(async {
        let client = mongodb::Client::with_uri_str(server).await.expect("client");
        client.database(&name).drop().await.expect("drop");
    });
    elapsed
}
