//! Hashing burst: 500 sign-in and sign-up attempts at once from one address (250 of each)
//! against the site on the embedded store, while another client asks `/healthz` every 20 ms.
//! Reports the server's peak memory (VmHWM of its process; target < 200 MB) and the
//! `/healthz` latency meanwhile (target < 100 ms) for three set-ups, each served by a process
//! of its own (this bench, started again as the server; peak memory is per process):
//!
//! - `defaults`: the shipped limits (attempts and sign-ups per address, 128 connections per
//!   address, a hashing pool of one turn per core);
//! - `pool`: every limit lifted, so that all 500 attempts reach argon2id and the hashing pool
//!   alone bounds memory;
//! - `unbounded`: every limit lifted and a pool of 500 turns — one argon2id per attempt at
//!   once, as before the pool: the baseline.
//!
//! Run with nothing else busy: `cargo bench -p vulyk-server --bench hashing_burst`.
//! `VULYK_BENCH_ROUNDS` (default 3) repeats each set-up, alternated; medians are reported.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use vulyk_core::config::{Config, ConfigLayer};
use vulyk_core::plugins::PluginRegistry;
use vulyk_core::service::{AccountLimits, HASHING_PATIENCE, HashingPool, Vulyk};
use vulyk_server::AppState;
use vulyk_server::config::{ServerConfig, ServerLayer};

const ATTEMPTS: usize = 500;
const SCENARIOS: [&str; 3] = ["defaults", "pool", "unbounded"];
const SCENARIO_VARIABLE: &str = "VULYK_BURST_SCENARIO";

fn main() {
    // `cargo bench` passes `--bench`; a filter argument would name nothing here.
    match std::env::var(SCENARIO_VARIABLE) {
        Ok(scenario) => serve_scenario(&scenario),
        Err(_) => run_all(),
    }
}

/// Runs each set-up in a child process, alternated, and prints the medians.
fn run_all() {
    let rounds: usize = std::env::var("VULYK_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let exe = std::env::current_exe().expect("this bench's path");
    let mut results: Vec<(&str, Vec<Outcome>)> = SCENARIOS.iter().map(|s| (*s, vec![])).collect();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    for round in 1..=rounds {
        for (scenario, outcomes) in &mut results {
            let mut server = std::process::Command::new(&exe)
                .env(SCENARIO_VARIABLE, *scenario)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("start a server");
            let mut address = String::new();
            std::io::BufRead::read_line(
                &mut std::io::BufReader::new(server.stdout.take().expect("stdout")),
                &mut address,
            )
            .expect("the server's address");
            let base = format!("http://{}", address.trim());
            let outcome = runtime.block_on(burst(&base, server.id()));
            let _ = server.kill();
            let _ = server.wait();
            println!("round {round} {scenario:<9} {}", outcome.line());
            outcomes.push(outcome);
        }
    }
    println!("\nmedians of {rounds} rounds (target: peak < 200 MB, /healthz < 100 ms)");
    for (scenario, outcomes) in &results {
        let median = |f: fn(&Outcome) -> f64| {
            let mut values: Vec<f64> = outcomes.iter().map(f).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        println!(
            "{scenario:<9} peak {:>7.1} MB (idle {:>5.1})  healthz p99 {:>6.1} ms  max {:>6.1} ms  burst {:>5.1} s",
            median(|o| o.peak_mb),
            median(|o| o.idle_mb),
            median(|o| o.healthz_p99_ms),
            median(|o| o.healthz_max_ms),
            median(|o| o.seconds),
        );
    }
}

#[derive(Debug)]
struct Outcome {
    idle_mb: f64,
    peak_mb: f64,
    healthz_p99_ms: f64,
    healthz_max_ms: f64,
    seconds: f64,
    statuses: String,
}

impl Outcome {
    fn line(&self) -> String {
        format!(
            "idle_mb={:.1} peak_mb={:.1} healthz_p99_ms={:.1} healthz_max_ms={:.1} seconds={:.2} statuses={}",
            self.idle_mb,
            self.peak_mb,
            self.healthz_p99_ms,
            self.healthz_max_ms,
            self.seconds,
            self.statuses
        )
    }
}

/// A process's peak resident memory (VmHWM) in MB.
fn peak_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The server of one set-up: prints its address, then serves until it is killed.
fn serve_scenario(scenario: &str) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let (_dir, state) = site(scenario).await;
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("bind");
        println!("{}", listener.local_addr().expect("address"));
        vulyk_server::serve(listener, state, std::future::pending())
            .await
            .expect("serve");
    });
}

async fn site(scenario: &str) -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("burst.db").to_string_lossy().into_owned();
    let plugins_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/plugins");
    let core = Config::resolve(
        None,
        &|_| None,
        ConfigLayer {
            db: Some(db.clone()),
            plugins: Some(plugins_dir.clone()),
            ..ConfigLayer::default()
        },
    )
    .expect("config");
    let lifted = scenario != "defaults";
    let config = ServerConfig::resolve(
        core,
        &|_| None,
        ServerLayer {
            secret_key: Some("benchmark secret key".into()),
            max_connections_per_address: lifted.then_some(4_096),
            max_connections: lifted.then_some(4_096),
            ..ServerLayer::default()
        },
    )
    .expect("server config");
    let plugins = PluginRegistry::load(&plugins_dir).expect("plugins");
    let store = vulyk_core::store::open(&db).await.expect("store");
    let mut vulyk = Vulyk::new(store, Arc::new(plugins));
    if lifted {
        vulyk = vulyk.with_account_limits(AccountLimits {
            attempts_per_account_and_address: u64::MAX,
            attempts_per_account: u64::MAX,
            attempts_per_address: u64::MAX,
            sign_ups_per_address: u64::MAX,
            sign_ups: u64::MAX,
        });
    }
    if scenario == "unbounded" {
        vulyk = vulyk.with_hashing(HashingPool::new(ATTEMPTS, HASHING_PATIENCE));
    }
    vulyk.init(&["tagging_task".into()]).await.expect("init");
    (dir, AppState::new(vulyk, config))
}

/// The burst against the server at `base` (process `pid`).
async fn burst(base: &str, pid: u32) -> Outcome {
    // One browser's CSRF cookie and token, shared by every attempt (all from one address).
    let attacker = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let form = attacker
        .get(format!("{base}/signin"))
        .send()
        .await
        .expect("sign-in form")
        .text()
        .await
        .expect("form text");
    let token = csrf_of(&form);
    let idle_mb = peak_mb(pid);

    let done = Arc::new(AtomicBool::new(false));
    let probe = tokio::spawn(probe_health(base.to_string(), done.clone()));
    let started = Instant::now();
    let attempts: Vec<_> = (0..ATTEMPTS)
        .map(|i| {
            let (client, base, token) = (attacker.clone(), base.to_string(), token.clone());
            tokio::spawn(async move {
                let email = format!("burst{i}@example.org");
                let request = if i % 2 == 0 {
                    client.post(format!("{base}/signin")).form(&[
                        ("login", email.as_str()),
                        ("password", "wrong password, long enough"),
                        ("csrf", &token),
                    ])
                } else {
                    client.post(format!("{base}/signup")).form(&[
                        ("email", email.as_str()),
                        ("password", "a good long password"),
                        ("name", ""),
                        ("csrf", &token),
                    ])
                };
                match request.send().await {
                    Ok(reply) => reply.status().as_u16().to_string(),
                    Err(_) => "closed".to_string(),
                }
            })
        })
        .collect();
    let mut statuses = std::collections::BTreeMap::<String, usize>::new();
    for attempt in attempts {
        *statuses.entry(attempt.await.expect("attempt")).or_default() += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    done.store(true, Ordering::SeqCst);
    let mut latencies = probe.await.expect("probe");
    latencies.sort_unstable();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1_000.0)
    };
    Outcome {
        idle_mb,
        peak_mb: peak_mb(pid),
        healthz_p99_ms: at(0.99),
        healthz_max_ms: at(1.0),
        seconds,
        statuses: statuses
            .iter()
            .map(|(status, n)| format!("{status}:{n}"))
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// `/healthz` every 20 ms from another address of this machine until `done`; each latency.
async fn probe_health(base: String, done: Arc<AtomicBool>) -> Vec<Duration> {
    let client = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .timeout(Duration::from_secs(30))
        .build()
        .expect("probe client");
    let mut latencies = Vec::new();
    while !done.load(Ordering::SeqCst) {
        let started = Instant::now();
        let answered = client.get(format!("{base}/healthz")).send().await;
        assert!(
            answered.is_ok_and(|r| r.status().is_success()),
            "/healthz failed during the burst"
        );
        latencies.push(started.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    latencies
}

fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a csrf field") + marker.len();
    html[start..].split('"').next().expect("token").to_string()
}
