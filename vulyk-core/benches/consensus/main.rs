//! Consensus benchmark (issue 19, item 7): vulyk's Dawid–Skene and Krippendorff's alpha beside
//! the reference implementations (crowd-kit 1.4.2, krippendorff 0.9.0) on a synthetic crowd
//! whose truth is known — the same labels, the same volunteer accuracies and the same alpha,
//! much faster and in little memory.
//!
//! `cargo bench -p vulyk-core --features test-support --bench consensus`; at the default size
//! (200,000 tasks × 5 answers by 2,000 volunteers, 10 labels) crowd-kit's one fit takes minutes.
//! `VULYK_BENCH_TASKS=20000` is a quick look. Other knobs: `VULYK_BENCH_ANSWERS` (per task),
//! `VULYK_BENCH_VOLUNTEERS`, `VULYK_BENCH_CLASSES`, `VULYK_BENCH_SEED`, `VULYK_BENCH_ROUNDS`
//! (vulyk's rounds, default 5, median quoted), `VULYK_BENCH_REFERENCE_ROUNDS` (crowd-kit's,
//! default 1).
//!
//! The answers go to target/bench-data as CSV; each vulyk round runs in a child process (this
//! binary again), so its time and peak memory are the estimator's alone. The reference runs in
//! target/bench-venv, which `scripts/consensus-bench-deps` makes from requirements.txt beside
//! this file (it fetches 780 MB from PyPI, once; the bench itself talks to no network).

mod compare;
mod reference;
mod report;
mod synthetic;
mod vulyk_fit;

use std::path::Path;

use synthetic::Shape;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == vulyk_fit::CHILD_FLAG) {
        vulyk_fit::child_main(&args[at + 1..]);
        return;
    }
    let shape = Shape {
        tasks: env_number("VULYK_BENCH_TASKS", 200_000),
        answers_per_task: env_number("VULYK_BENCH_ANSWERS", 5),
        volunteers: env_number("VULYK_BENCH_VOLUNTEERS", 2_000),
        classes: env_number("VULYK_BENCH_CLASSES", 10),
        seed: env_number("VULYK_BENCH_SEED", 19) as u64,
    };
    let rounds = env_number("VULYK_BENCH_ROUNDS", 5).max(1);
    let reference_rounds = env_number("VULYK_BENCH_REFERENCE_ROUNDS", 1).max(1);
    let target = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .join("target");
    let data = target.join("bench-data");
    std::fs::create_dir_all(&data).expect("bench data dir");
    let stem = data.join(shape.file_stem());
    let answers = vulyk_fit::with_suffix(&stem, "answers.csv");

    let (truth, mix) = synthetic::generate(
        &shape,
        &answers,
        &vulyk_fit::with_suffix(&stem, "truth.csv"),
    )
    .expect("write the synthetic crowd");
    println!(
        "{} tasks × {} answers by {} volunteers ({} reliable, {} uniform spammers, {} constant \
         spammers, {} adversaries), {} labels, seed {}",
        shape.tasks,
        shape.answers_per_task,
        shape.volunteers,
        mix.reliable,
        mix.uniform_spammers,
        mix.constant_spammers,
        mix.adversaries,
        shape.classes,
        shape.seed
    );

    let vulyk_prefix = vulyk_fit::with_suffix(&stem, "vulyk");
    let vulyk_rounds: Vec<vulyk_fit::Round> = (1..=rounds)
        .map(|round| {
            eprintln!("vulyk round {round}/{rounds}");
            // Only the first round writes its results: every round fits the same model.
            vulyk_fit::run_round(&answers, (round == 1).then_some(vulyk_prefix.as_path()))
        })
        .collect();

    let python = reference::ensure_venv(&target.join("bench-venv"));
    eprintln!("crowd-kit, {reference_rounds} fit(s)");
    let reference_prefix = vulyk_fit::with_suffix(&stem, "crowdkit");
    let reference =
        reference::run_reference(&python, &answers, &reference_prefix, reference_rounds);

    let comparison = compare::compare(&truth, &vulyk_prefix, &reference_prefix);
    report::print(&report::Figures {
        shape: &shape,
        rounds: &vulyk_rounds,
        reference: &reference,
        comparison: &comparison,
    });
    println!(
        "\nreproduce: VULYK_BENCH_TASKS={} VULYK_BENCH_ANSWERS={} VULYK_BENCH_VOLUNTEERS={} \
         VULYK_BENCH_CLASSES={} VULYK_BENCH_SEED={} VULYK_BENCH_ROUNDS={rounds} \
         VULYK_BENCH_REFERENCE_ROUNDS={reference_rounds} \
         cargo bench -p vulyk-core --features test-support --bench consensus",
        shape.tasks, shape.answers_per_task, shape.volunteers, shape.classes, shape.seed
    );
}
