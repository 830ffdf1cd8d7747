//! Reads of an original Vulyk database that has not been upgraded: the stats and leaderboards
//! it keeps no counters for are computed from its tasks and answers on every read. Measured
//! beside the same reads of the same data upgraded (our counters), in the same round,
//! alternating which goes first.
//!
//!   eval "$(scripts/mongo-test-server start)"
//!   cargo bench -p vulyk-tui --features mongodb --bench original_reads
//!
//! `VULYK_BENCH_TASKS` (default 20000: 20 batches, up to 3 answers a task from 200
//! volunteers) and `VULYK_BENCH_ROUNDS` (default 5) change the size and the repetitions.

use std::time::{Duration, Instant};

use mongodb::bson::{Document, doc, oid::ObjectId};
use vulyk_core::domain::UserId;
use vulyk_core::store::{Layout, MongoStore, ReportStore, Store};

const TASK_TYPE: &str = "declaration_task";
const BATCHES: usize = 20;
const VOLUNTEERS: usize = 200;

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
    let tasks = env_number("VULYK_BENCH_TASKS", 20_000);
    let rounds = env_number("VULYK_BENCH_ROUNDS", 5).max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = server.trim_end_matches('/').to_string();
    let original_url = format!("{server}/vulyk_bench_original");
    let upgraded_url = format!("{server}/vulyk_bench_upgraded");
    let (original, upgraded, volunteer) = runtime.block_on(async {
        let volunteers: Vec<ObjectId> = (0..VOLUNTEERS).map(|_| ObjectId::new()).collect();
        write_original(&original_url, tasks, &volunteers).await;
        write_original(&upgraded_url, tasks, &volunteers).await;
        MongoStore::upgrade(&upgraded_url).await.expect("upgrade");
        let original = MongoStore::open(&original_url).await.expect("open");
        let upgraded = MongoStore::open(&upgraded_url).await.expect("open");
        assert_eq!(original.layout(), Layout::Original);
        assert_eq!(upgraded.layout(), Layout::Current);
        // The same numbers either way, before anything is timed.
        let volunteer = UserId::from_stored(volunteers[1].to_hex());
        let (computed, counted) = (
            reads(&original, &volunteer).await,
            reads(&upgraded, &volunteer).await,
        );
        assert!(computed == counted, "the two reads differ");
        (original, upgraded, volunteer)
    });
    println!("{tasks} tasks in {BATCHES} batches, answers from {VOLUNTEERS} volunteers");
    println!("| round | original, computed | upgraded, counters | original / upgraded |");
    println!("|---|---|---|---|");
    let mut ratios = Vec::new();
    for round in 1..=rounds {
        let (computed, counted) = runtime.block_on(async {
            if round % 2 == 1 {
                let computed = timed(&original, &volunteer).await;
                (computed, timed(&upgraded, &volunteer).await)
            } else {
                let counted = timed(&upgraded, &volunteer).await;
                (timed(&original, &volunteer).await, counted)
            }
        });
        let ratio = computed.as_secs_f64() / counted.as_secs_f64().max(1e-9);
        ratios.push(ratio);
        println!(
            "| {round} | {:.1} ms | {:.1} ms | {ratio:.2}× |",
            computed.as_secs_f64() * 1000.0,
            counted.as_secs_f64() * 1000.0
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!("median ratio {:.2}×", ratios[ratios.len() / 2]);
    runtime.block_on(async {
        for url in [&original_url, &upgraded_url] {
            let client = mongodb::Client::with_uri_str(url).await.expect("client");
            client
                .default_database()
                .expect("database")
                .drop()
                .await
                .expect("drop");
        }
    });
}

/// What the console's dashboard and `vulyk stats` read: every batch's counters, a
/// leaderboard, one volunteer's place.
async fn reads(store: &MongoStore, volunteer: &UserId) -> String {
    let counters = store.batch_counters(None, None).await.expect("counters");
    let leaders = store.leaders(TASK_TYPE, 10).await.expect("leaders");
    let rank = store.rank_input(TASK_TYPE, volunteer).await.expect("rank");
    let histograms: Vec<_> = counters
        .iter()
        .map(|c| (c.batch.id.clone(), c.answers, c.histogram.clone()))
        .collect();
    format!("{histograms:?} {leaders:?} {rank:?}")
}

async fn timed(store: &MongoStore, volunteer: &UserId) -> Duration {
    let started = Instant::now();
    std::hint::black_box(reads(store, volunteer).await);
    started.elapsed()
}

/// An original database as mongoengine wrote it: users, batches, tasks with their answer
/// counts, and the answers.
async fn write_original(url: &str, tasks: usize, volunteers: &[ObjectId]) {
    let client = mongodb::Client::with_uri_str(url).await.expect("client");
    let db = client.default_database().expect("database");
    db.drop().await.expect("drop");
    let users: Vec<Document> = volunteers
        .iter()
        .enumerate()
        .map(|(i, id)| {
            doc! { "_id": id, "username": format!("v{i}@example.org"),
            "email": format!("v{i}@example.org"), "password": "", "name": "", "active": true,
            "admin": false, "groups": ["default"], "processed": 0_i32 }
        })
        .collect();
    db.collection::<Document>("user")
        .insert_many(users)
        .await
        .expect("users");
    let per_batch = tasks.div_ceil(BATCHES);
    let mut task_documents = Vec::with_capacity(tasks);
    let mut answers = Vec::new();
    for n in 0..tasks {
        // 0 to 3 answers, from volunteers picked by the task's number.
        let count = n % 4;
        let answered_by: Vec<ObjectId> = (0..count)
            .map(|k| volunteers[(n * 7 + k * 13) % VOLUNTEERS])
            .collect();
        let id = format!("{n:020x}");
        for user in &answered_by {
            answers.push(
                doc! { "_cls": "AbstractAnswer.DeclarationAnswer", "task": &id,
                "createdBy": user, "createdAt": mongodb::bson::DateTime::now(),
                "taskType": TASK_TYPE, "result": { "n": n as i64 } },
            );
        }
        task_documents.push(doc! { "_id": id, "_cls": "AbstractTask.DeclarationTask",
        "taskType": TASK_TYPE, "batch": format!("batch_{:02}", n / per_batch),
        "usersCount": count as i32, "usersProcessed": answered_by, "usersSkipped": [],
        "closed": count == 3, "task_data": { "n": n as i64 } });
    }
    for chunk in task_documents.chunks(4096) {
        db.collection::<Document>("tasks")
            .insert_many(chunk.to_vec())
            .await
            .expect("tasks");
    }
    for chunk in answers.chunks(4096) {
        db.collection::<Document>("reports")
            .insert_many(chunk.to_vec())
            .await
            .expect("answers");
    }
    let batches: Vec<Document> = (0..BATCHES)
        .map(|b| {
            let stored = per_batch.min(tasks.saturating_sub(b * per_batch));
            let closed = (b * per_batch..b * per_batch + stored)
                .filter(|n| n % 4 == 3)
                .count();
            doc! { "_id": format!("batch_{b:02}"), "_cls": "Batch", "taskType": TASK_TYPE,
            "tasksCount": stored as i32, "tasksProcessed": closed as i32, "closed": false,
            "batchMeta": {} }
        })
        .collect();
    db.collection::<Document>("batches")
        .insert_many(batches)
        .await
        .expect("batches");
    // The indexes mongoengine made (fixtures/original-models.toml), prefixed with `_cls`.
    for (collection, keys) in [
        ("tasks", doc! { "_cls": 1, "taskType": 1 }),
        ("tasks", doc! { "_cls": 1, "batch": 1 }),
        ("reports", doc! { "_cls": 1, "task": 1 }),
        ("reports", doc! { "_cls": 1, "createdBy": 1 }),
        ("batches", doc! { "_cls": 1, "taskType": 1 }),
    ] {
        db.collection::<Document>(collection)
            .create_index(mongodb::IndexModel::builder().keys(keys).build())
            .await
            .expect("index");
    }
}
