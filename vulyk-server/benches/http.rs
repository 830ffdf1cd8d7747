//! HTTP load benchmark: 64 simulated volunteers over loopback, each doing `next` → `done`
//! cycles with an API token, against the site on the embedded store (and on MongoDB when
//! `VULYK_TEST_MONGO_URL` names a server), beside the ceiling measured in the same run: a
//! minimal axum handler driven by the same clients. Reports requests/s and p50/p99 latency,
//! then checks from the stored answers (an export) that no task has more answers than its
//! redundancy, nobody answered a task twice, and every accepted answer is stored once.
//!
//! Run with nothing else busy: `cargo bench -p vulyk-server --bench http` (with
//! `--features mongodb` for the MongoDB phase).
//! `VULYK_BENCH_SECONDS` (default 10) is each phase's length, `VULYK_BENCH_ROUNDS` (default 3)
//! the repetitions; medians are reported. `VULYK_BENCH_ONLY=sqlite|mongodb` picks a backend,
//! `VULYK_BENCH_VERBOSE=1` prints more percentiles, `VULYK_BENCH_WEBHOOKS=1` tells a webhook
//! on loopback of every answer and closed task (and checks, at the end, that every event was
//! delivered), `VULYK_BENCH_MONGO_SECONDS` (default 60)
//! is the length of a MongoDB phase and `VULYK_BENCH_MONGO_VOLUNTEERS` (default 8) its
//! volunteers: the Python test server, one request at a time, lets 64 only queue until their
//! clients time out.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use serde_json::{Value, json};
use vulyk_core::config::{Config, ConfigLayer};
use vulyk_core::domain::{EventKind, Webhook, WebhookSecret};
use vulyk_core::plugins::PluginRegistry;
use vulyk_core::service::{ExportRequest, LoadRequest, UserRef, Vulyk};
use vulyk_server::AppState;
use vulyk_server::config::{ServerConfig, ServerLayer};

const VOLUNTEERS: usize = 64;
/// Open tasks in the batch. The MongoDB test server (Python, no query planner to speak of)
/// scans where mongod seeks, so it gets fewer.
/// Enough that three rounds at ~10,000 requests/s do not run out (each task takes three
/// answers); a bench that finds no task stops with an error rather than measure 404s.
const TASKS: usize = 200_000;
const TASKS_MONGO: usize = 3_000;
const REDUNDANCY: usize = 3;
/// Before this, clients open their connections; nothing is timed.
const WARM_UP: Duration = Duration::from_secs(1);

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Phase {
    requests: u64,
    seconds: f64,
    latencies: Vec<Duration>,
    accepted: u64,
    /// Bytes the process handed to the disk during the phase (warm-up included).
    disk_bytes: Option<u64>,
}

impl Phase {
    fn rate(&self) -> f64 {
        self.requests as f64 / self.seconds
    }

    fn percentile(&mut self, p: f64) -> Duration {
        self.latencies.sort_unstable();
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies.get(index).copied().unwrap_or_default()
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(VOLUNTEERS)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

async fn bind() -> (tokio::net::TcpListener, String) {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    (listener, base)
}

/// A webhook receiver on loopback that answers 204 and counts what it is sent; its URL.
async fn receiver(received: Arc<std::sync::atomic::AtomicU64>) -> String {
    let (listener, base) = bind().await;
    let app = Router::new().route(
        "/hook",
        axum::routing::post(move || {
            let received = received.clone();
            async move {
                received.fetch_add(1, Ordering::Relaxed);
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("{base}/hook")
}

/// The ceiling: `GET /ping` answered by a handler that does nothing.
async fn minimal(seconds: u64, volunteers: usize) -> Phase {
    let (listener, base) = bind().await;
    let app = Router::new().route("/ping", get(|| async { "ok" }));
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let url = format!("{base}/ping");
    let phase = drive(
        seconds,
        volunteers,
        move |client, _| {
            let url = url.clone();
            async move {
                let started = Instant::now();
                let ok = client
                    .get(&url)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                assert!(ok, "the minimal handler failed");
                (vec![started.elapsed()], 0)
            }
        },
        Vec::new(),
    )
    .await;
    server.abort();
    phase
}

/// Runs one loop per volunteer for `seconds`; each iteration returns its request latencies
/// and how many answers it got accepted.
async fn drive<F, Fut>(seconds: u64, volunteers: usize, iteration: F, tokens: Vec<String>) -> Phase
where
    F: Fn(reqwest::Client, Option<String>) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = (Vec<Duration>, u64)> + Send,
{
    let stop = Arc::new(AtomicBool::new(false));
    let measuring = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for volunteer in 0..volunteers {
        let (stop, measuring, iteration) =
            (Arc::clone(&stop), Arc::clone(&measuring), iteration.clone());
        let token = tokens.get(volunteer).cloned();
        let client = client();
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut accepted = 0;
            while !stop.load(Ordering::Relaxed) {
                let counted = measuring.load(Ordering::Relaxed);
                let (times, done) = iteration(client.clone(), token.clone()).await;
                // Answers always count (the check compares them with the store); times only
                // after the warm-up, when every connection is open.
                accepted += done;
                if counted && !stop.load(Ordering::Relaxed) {
                    latencies.extend(times);
                }
            }
            (latencies, accepted)
        }));
    }
    tokio::time::sleep(WARM_UP).await;
    measuring.store(true, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut phase = Phase {
        requests: 0,
        seconds: 0.0,
        latencies: Vec::new(),
        accepted: 0,
        disk_bytes: None,
    };
    for worker in workers {
        let (latencies, accepted) = worker.await.expect("worker");
        phase.latencies.extend(latencies);
        phase.accepted += accepted;
    }
    phase.seconds = started.elapsed().as_secs_f64().min(seconds as f64);
    phase.requests = phase.latencies.len() as u64;
    phase
}

/// A store with `TASKS` open tagging tasks and `VOLUNTEERS` users with API tokens.
async fn site(
    db: &str,
    dir: &std::path::Path,
    tasks_count: usize,
    volunteers: usize,
    webhook: Option<String>,
) -> (Vulyk, AppState, Vec<String>) {
    let plugins_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/plugins");
    let core = Config::resolve(
        None,
        &|_| None,
        ConfigLayer {
            db: Some(db.to_string()),
            plugins: Some(plugins_dir.clone()),
            ..ConfigLayer::default()
        },
    )
    .expect("config");
    let config = ServerConfig::resolve(
        core,
        &|_| None,
        ServerLayer {
            secret_key: Some("benchmark secret key".into()),
            // Every simulated volunteer connects from 127.0.0.1.
            max_connections_per_address: Some(4_096),
            max_connections: Some(4_096),
            ..ServerLayer::default()
        },
    )
    .expect("server config");
    let plugins = PluginRegistry::load(&plugins_dir).expect("plugins");
    let store = vulyk_core::store::open(db).await.expect("store");
    let mut vulyk = Vulyk::new(store, Arc::new(plugins));
    if let Some(url) = webhook {
        vulyk = vulyk.with_webhooks(vec![Webhook {
            name: "bench".into(),
            former_name: None,
            url,
            events: vec![EventKind::AnswerCreated, EventKind::TaskClosed],
            secret: WebhookSecret::Key("the benchmark's webhook secret".into()),
            max_attempts: 8,
            retry_after_seconds: 1,
            timeout_seconds: 10,
        }]);
        vulyk_server::webhooks::start(&vulyk).expect("webhook delivery");
    }
    vulyk.init(&["tagging_task".into()]).await.expect("init");
    let tasks = dir.join("tasks.jsonl");
    let lines: String = (0..tasks_count)
        .map(|n| {
            format!("{{\"sentence\": [[\"слово{n}\", [[\"слово\", [[\"noun\", \"post\"]]]]]]}}\n")
        })
        .collect();
    std::fs::write(&tasks, lines).expect("tasks");
    vulyk
        .load(
            LoadRequest::new("tagging_task", vec![tasks.to_string_lossy().into_owned()]),
            &|_| {},
        )
        .await
        .expect("load");
    let mut tokens = Vec::new();
    for n in 0..volunteers {
        let name = format!("volunteer{n}");
        vulyk
            .add_user(&name, &format!("{name}@example.org"), "", false)
            .await
            .expect("user");
        let (_, token) = vulyk
            .create_api_token(&UserRef(name), "bench")
            .await
            .expect("token");
        tokens.push(token);
    }
    let state = AppState::new(vulyk.clone(), config);
    (vulyk, state, tokens)
}

/// What this process has written towards the disk so far (Linux's `/proc/self/io`, counted
/// when pages are dirtied): the store's WAL and database file, for the embedded store.
fn disk_write_bytes() -> Option<u64> {
    let io = std::fs::read_to_string("/proc/self/io").ok()?;
    io.lines()
        .find_map(|line| line.strip_prefix("write_bytes:"))
        .and_then(|n| n.trim().parse().ok())
}

async fn cycles(state: AppState, tokens: Vec<String>, seconds: u64) -> Phase {
    let volunteers = tokens.len();
    let written_before = disk_write_bytes();
    let (listener, base) = bind().await;
    let server = tokio::spawn(vulyk_server::serve(listener, state, std::future::pending()));
    let mut phase = drive(
        seconds,
        volunteers,
        move |client, token| {
            let base = base.clone();
            async move {
                let token = token.expect("token");
                let started = Instant::now();
                let next = client
                    .get(format!("{base}/type/tagging_task/next"))
                    .bearer_auth(&token)
                    .send()
                    .await;
                let first = started.elapsed();
                let Ok(next) = next else {
                    return (vec![first], 0);
                };
                assert_ne!(
                    next.status(),
                    reqwest::StatusCode::NOT_FOUND,
                    "the batch ran out of tasks: raise TASKS"
                );
                let body: Value = next.json().await.unwrap_or_default();
                let Some(id) = body["result"]["task"]["id"].as_str() else {
                    return (vec![first], 0);
                };
                let started = Instant::now();
                let done = client
                .post(format!("{base}/type/tagging_task/done/{id}"))
                .bearer_auth(&token)
                .json(&json!({"result": {"sentence": [{"word": "слово", "tags": "слово/noun:"}]}}))
                .send()
                .await;
                let accepted = done.is_ok_and(|r| r.status().is_success()) as u64;
                (vec![first, started.elapsed()], accepted)
            }
        },
        tokens,
    )
    .await;
    server.abort();
    phase.disk_bytes = disk_write_bytes()
        .zip(written_before)
        .map(|(after, before)| after.saturating_sub(before));
    phase
}

/// Reads every stored answer back (an export of open and closed tasks) and checks the
/// invariants; returns the number of answers and of closed tasks.
async fn verify(vulyk: &Vulyk, accepted: u64) -> (u64, u64) {
    let mut request = ExportRequest::new("tagging_task");
    request.include_open = true;
    let mut out = Vec::new();
    vulyk
        .export(&request, &mut out, "answers.jsonl", &|_| {})
        .await
        .expect("export");
    let (mut answers, mut closed) = (0, 0);
    for line in out.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let task: Vec<Value> = serde_json::from_slice(line).expect("export line");
        assert!(
            task.len() <= REDUNDANCY,
            "a task has {} answers",
            task.len()
        );
        let mut users: Vec<&str> = task
            .iter()
            .map(|a| a["user"]["username"].as_str().unwrap_or(""))
            .collect();
        users.sort_unstable();
        users.dedup();
        assert_eq!(users.len(), task.len(), "a volunteer answered a task twice");
        answers += task.len() as u64;
        closed += u64::from(task.len() == REDUNDANCY);
    }
    assert_eq!(
        answers, accepted,
        "accepted answers and stored answers differ"
    );
    (answers, closed)
}

/// Waits (at most two minutes) until no delivery is pending, then checks that the receiver
/// got an event for every answer and closed task.
async fn delivered_all(vulyk: &Vulyk, received: &std::sync::atomic::AtomicU64, events: u64) {
    let started = Instant::now();
    while !vulyk
        .pending_deliveries()
        .await
        .expect("pending")
        .is_empty()
    {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "deliveries still pending after two minutes"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let got = received.load(Ordering::Relaxed);
    assert!(got >= events, "{got} deliveries for {events} events");
    println!(
        "webhooks: {got} deliveries received for {events} events (answers and closed tasks), {:.1} s after the last round",
        started.elapsed().as_secs_f64()
    );
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let seconds = env_number("VULYK_BENCH_SECONDS", 10);
    let rounds = env_number("VULYK_BENCH_ROUNDS", 3) as usize;
    runtime.block_on(async {
        let mut backends = vec![("sqlite", None)];
        // Only a build with the backend can (`--features mongodb`).
        if let Ok(url) = std::env::var("VULYK_TEST_MONGO_URL")
            && cfg!(feature = "mongodb")
        {
            backends.push(("mongodb", Some(url)));
        }
        // `VULYK_BENCH_ONLY=sqlite` or `=mongodb` runs one backend.
        if let Ok(only) = std::env::var("VULYK_BENCH_ONLY") {
            backends.retain(|(name, _)| *name == only);
        }
        for (backend, server) in backends {
            let dir = tempfile::tempdir().expect("temp dir");
            let db = match &server {
                None => dir.path().join("bench.db").to_string_lossy().into_owned(),
                Some(url) => format!("{}/vulyk_http_bench_{}", url.trim_end_matches('/'), std::process::id()),
            };
            let tasks = if server.is_some() { TASKS_MONGO } else { TASKS };
            // The MongoDB test server answers one request at a time in tens of milliseconds:
            // 64 volunteers need a minute for enough cycles to measure.
            let seconds = if server.is_some() {
                env_number("VULYK_BENCH_MONGO_SECONDS", 60)
            } else {
                seconds
            };
            // Against the MongoDB test server 64 volunteers only queue up until the clients
            // time out (it answers one request at a time); 8 measure what it can do.
            let volunteers = if server.is_some() {
                env_number("VULYK_BENCH_MONGO_VOLUNTEERS", 8) as usize
            } else {
                env_number("VULYK_BENCH_VOLUNTEERS", VOLUNTEERS as u64) as usize
            };
            let received = Arc::new(std::sync::atomic::AtomicU64::new(0));
            let webhook = match std::env::var_os("VULYK_BENCH_WEBHOOKS") {
                Some(_) => Some(receiver(received.clone()).await),
                None => None,
            };
            let with_webhooks = webhook.is_some();
            let (vulyk, state, tokens) = site(&db, dir.path(), tasks, volunteers, webhook).await;
            let (mut ceiling_rates, mut rates, mut p50s, mut p99s, mut ratios) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let mut disk_per_cycle = Vec::new();
            let mut accepted = 0;
            for round in 1..=rounds {
                let ceiling = minimal(seconds.min(10), volunteers).await;
                let mut phase = cycles(state.clone(), tokens.clone(), seconds).await;
                accepted += phase.accepted;
                let (p50, p99) = (phase.percentile(0.50), phase.percentile(0.99));
                if std::env::var_os("VULYK_BENCH_VERBOSE").is_some() {
                    for p in [0.9, 0.95, 0.98, 0.995, 1.0] {
                        println!("  p{}: {:.1} ms", p * 100.0, phase.percentile(p).as_secs_f64() * 1e3);
                    }
                }
                // Only the embedded store writes from this process.
                let disk = phase
                    .disk_bytes
                    .filter(|_| server.is_none() && phase.accepted > 0)
                    .map(|bytes| bytes as f64 / 1024.0 / phase.accepted as f64);
                println!(
                    "{backend} round {round}, {volunteers} volunteers: minimal handler {:.0} req/s; next+done {:.0} req/s ({:.1}% of it), p50 {:.1} ms, p99 {:.1} ms, {} answers{}",
                    ceiling.rate(),
                    phase.rate(),
                    100.0 * phase.rate() / ceiling.rate(),
                    p50.as_secs_f64() * 1e3,
                    p99.as_secs_f64() * 1e3,
                    phase.accepted,
                    disk.map_or(String::new(), |kib| format!(", {kib:.0} KiB to the disk per cycle")),
                );
                disk_per_cycle.extend(disk);
                ceiling_rates.push(ceiling.rate());
                rates.push(phase.rate());
                ratios.push(phase.rate() / ceiling.rate());
                p50s.push(p50.as_secs_f64() * 1e3);
                p99s.push(p99.as_secs_f64() * 1e3);
            }
            let (stored, closed) = verify(&vulyk, accepted).await;
            if with_webhooks {
                delivered_all(&vulyk, &received, stored + closed).await;
            }
            println!(
                "{backend} median of {rounds}: minimal handler {:.0} req/s; next+done {:.0} req/s = {:.1}% of it; p50 {:.1} ms, p99 {:.1} ms; checked {stored} stored answers: none over redundancy, none twice, none lost",
                median(ceiling_rates),
                median(rates),
                100.0 * median(ratios),
                median(p50s),
                median(p99s),
            );
            if !disk_per_cycle.is_empty() {
                println!(
                    "{backend} median of {rounds}: {:.0} KiB written towards the disk per next+done cycle (WAL and database file)",
                    median(disk_per_cycle)
                );
            }
        }
    });
}
