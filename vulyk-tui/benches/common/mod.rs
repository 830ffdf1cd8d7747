//! What the benchmarks share: running the release `vulyk` and watching its peak memory,
//! and the task lines they load.
#![allow(dead_code)] // Each benchmark uses a part.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Child, Output};
use std::time::{Duration, Instant};

/// Waits for `child`, polling its `VmHWM` (peak resident memory, KiB) from /proc, and returns
/// its output, how long it ran since `started`, and that peak.
pub fn wait_watching_memory(mut child: Child, started: Instant) -> (Output, Duration, u64) {
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    while child.try_wait().expect("wait").is_none() {
        if let Ok(status) = std::fs::read_to_string(&status_path)
            && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kib: u64 = line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kib = peak_kib.max(kib);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let elapsed = started.elapsed();
    (child.wait_with_output().expect("output"), elapsed, peak_kib)
}

/// Lines of the benchmarks' tasks (`target/bench-data`), written once.
pub fn ensure_lines(path: &Path, count: usize) {
    if path.exists() {
        return;
    }
    std::fs::create_dir_all(path.parent().expect("dir")).expect("bench data dir");
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
    for n in 0..count {
        writeln!(
            out,
            r#"{{"n":{n},"text":"речення номер {n} для розмітки"}}"#
        )
        .expect("write");
    }
    out.flush().expect("flush");
}
