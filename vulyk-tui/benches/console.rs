//! Console benchmark on a store of 1,000,000 tasks (the embedded backend):
//! - the first frame: opening the store and the plugins, then drawing the console's first
//!   screen (it draws before reading anything, so this is what an operator waits for);
//! - a dashboard refresh: everything the dashboard reads every few seconds (overview,
//!   leaderboards, the site's numbers), and each part alone.
//!
//! Beside them, a floor measured in the same run: one bare store round trip.
//!
//! Targets (issue #7): first frame within 200 ms, a refresh under 50 ms.
//! Run with nothing else busy: `cargo bench -p vulyk-tui --bench console`.
//! `VULYK_BENCH_ROUNDS` (default 15) sets the repetitions; medians are reported.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;
use vulyk_core::plugins::PluginRegistry;
use vulyk_core::service::{LoadRequest, Vulyk};
use vulyk_tui::tui::action::Action;
use vulyk_tui::tui::app::App;
use vulyk_tui::tui::views::{Theme, render};

const TASKS: usize = 1_000_000;
/// Work done in the store, so that leaderboards and activity have something to count.
const VOLUNTEERS: usize = 20;
const ANSWERS_EACH: usize = 25;

fn rounds() -> usize {
    std::env::var("VULYK_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15)
        .max(3)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn open(root: &Path, db: &Path) -> Vulyk {
    let store = vulyk_core::store::open(&db.to_string_lossy())
        .await
        .expect("store");
    let plugins = PluginRegistry::load(&root.join("fixtures/plugins")).expect("plugins");
    Vulyk::new(store, Arc::new(plugins))
}

async fn prepare(root: &Path, db: &Path, lines: &Path) {
    let vulyk = open(root, db).await;
    vulyk
        .init(&["tagging_task".to_string(), "declaration_task".to_string()])
        .await
        .expect("init");
    eprintln!("loading {TASKS} tasks");
    let mut request = LoadRequest::new("tagging_task", vec![lines.to_string_lossy().into()]);
    request.batch = Some("million".into());
    vulyk.load(request, &|_| {}).await.expect("load");
    eprintln!("{VOLUNTEERS} volunteers give {ANSWERS_EACH} answers each");
    for v in 0..VOLUNTEERS {
        let user = vulyk
            .add_user(&format!("v{v}"), &format!("v{v}@example.org"), "", false)
            .await
            .expect("user");
        for _ in 0..ANSWERS_EACH {
            let task = vulyk
                .next_task(&user, "tagging_task")
                .await
                .expect("next")
                .expect("a task");
            vulyk
                .answer(&user, "tagging_task", &task.id, &json!({"v": v}))
                .await
                .expect("answer");
        }
    }
}

/// From nothing to the first frame on a 120×40 screen.
async fn first_frame(root: &Path, db: &Path) -> Duration {
    let started = Instant::now();
    let vulyk = open(root, db).await;
    let types = vulyk
        .plugins()
        .type_names()
        .into_iter()
        .map(str::to_string)
        .collect();
    let (app, _effects) = App::start(types);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal
        .draw(|frame| render(&app, frame, &Theme { color: true }))
        .expect("draw");
    started.elapsed()
}

async fn timed<F, T>(f: F) -> Duration
where
    F: std::future::Future<Output = T>,
{
    let started = Instant::now();
    f.await;
    started.elapsed()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf();
    let lines = root.join("target/bench-data/tasks-1000000.jsonl");
    common::ensure_lines(&lines, TASKS);
    let rounds = rounds();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("console.db");
    runtime.block_on(prepare(&root, &db, &lines));
    let stored = runtime.block_on(async {
        let vulyk = open(&root, &db).await;
        vulyk.batch("million").await.expect("batch").tasks_count
    });
    assert_eq!(stored, TASKS as u64, "the store holds every task");

    let mut frames = Vec::new();
    for _ in 0..rounds {
        frames.push(runtime.block_on(first_frame(&root, &db)));
    }

    let vulyk = runtime.block_on(open(&root, &db));
    let mut refresh = Vec::new();
    let (mut overview, mut leaders, mut numbers, mut floor) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut drawn = Vec::new();
    for _ in 0..rounds {
        runtime.block_on(async {
            refresh.push(timed(vulyk_tui::tui::jobs::dashboard(&vulyk)).await);
            overview.push(timed(vulyk.overview()).await);
            leaders.push(timed(vulyk.leaderboard("tagging_task", 5)).await);
            numbers.push(timed(vulyk.game_numbers(None)).await);
            floor.push(timed(vulyk.groups()).await);
        });
        // Drawing the loaded dashboard, for completeness: what each refresh costs on screen.
        let dashboard = runtime
            .block_on(vulyk_tui::tui::jobs::dashboard(&vulyk))
            .expect("dashboard");
        let (mut app, _) = App::start(Vec::new());
        app.update(Action::DashboardLoaded(Box::new(dashboard)));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let started = Instant::now();
        terminal
            .draw(|frame| render(&app, frame, &Theme { color: true }))
            .expect("draw");
        drawn.push(started.elapsed());
    }
    let floor = median(floor);
    let show = |name: &str, times: Vec<Duration>, target: Option<Duration>| {
        let m = median(times);
        let verdict = match target {
            Some(t) if m <= t => format!("  (target {} met)", ms(t)),
            Some(t) => format!("  (target {} MISSED)", ms(t)),
            None => String::new(),
        };
        println!(
            "{name:<34} median {:>9}  = {:>6.1}× a store round trip{verdict}",
            ms(m),
            m.as_secs_f64() / floor.as_secs_f64().max(1e-9)
        );
    };
    println!(
        "{TASKS} tasks, {} answers, {rounds} rounds",
        VOLUNTEERS * ANSWERS_EACH
    );
    println!(
        "{:<34} median {:>9}",
        "floor: one store round trip",
        ms(floor)
    );
    show(
        "first frame (open store, draw)",
        frames,
        Some(Duration::from_millis(200)),
    );
    show(
        "dashboard refresh (all reads)",
        refresh,
        Some(Duration::from_millis(50)),
    );
    show("  overview", overview, None);
    show("  leaderboard of a type", leaders, None);
    show("  site numbers", numbers, None);
    show("drawing the dashboard (120×40)", drawn, None);
}
