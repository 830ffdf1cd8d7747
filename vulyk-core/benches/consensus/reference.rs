//! The reference side: crowd-kit and krippendorff in a virtual environment of the bench's
//! own (`target/bench-venv`), made by `scripts/consensus-bench-deps` from the pinned
//! `requirements.txt` beside this file.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What `reference.py` reports.
#[derive(Debug, Clone)]
pub struct Reference {
    pub fit_s: Vec<f64>,
    pub iterations: u64,
    pub alpha: Option<f64>,
    pub alpha_s: f64,
    pub peak_kb: u64,
}

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/consensus")
}

/// The venv's python. `scripts/consensus-bench-deps` makes the venv (it fetches from PyPI,
/// which a bench must not); the bench only checks that it is there and current.
pub fn ensure_venv(venv: &Path) -> PathBuf {
    let python = venv.join("bin/python");
    let requirements = bench_dir().join("requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).expect("requirements.txt");
    let stamp = venv.join("bench-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        eprintln!(
            "the reference's venv ({}) is missing or stale: run scripts/consensus-bench-deps",
            venv.display()
        );
        std::process::exit(2);
    }
    python
}

/// Runs crowd-kit on `answers`, fitting `rounds` times; writes `prefix`-labels.csv and
/// -workers.csv.
pub fn run_reference(python: &Path, answers: &Path, prefix: &Path, rounds: usize) -> Reference {
    let output = Command::new(python)
        .arg(bench_dir().join("reference.py"))
        .arg(answers)
        .arg(prefix)
        .arg(rounds.to_string())
        .output()
        .expect("start the reference");
    assert!(
        output.status.success(),
        "the reference failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().expect("the reference's figures");
    let figures: serde_json::Value = serde_json::from_str(line).expect("the reference's JSON");
    Reference {
        fit_s: figures["fit_s"]
            .as_array()
            .map(|times| times.iter().filter_map(serde_json::Value::as_f64).collect())
            .unwrap_or_default(),
        iterations: figures["iterations"].as_u64().unwrap_or(0),
        alpha: figures["alpha"].as_f64(),
        alpha_s: figures["alpha_s"].as_f64().unwrap_or(f64::NAN),
        peak_kb: figures["peak_kb"].as_u64().unwrap_or(0),
    }
}
