//! What the benchmarks share: running the release `vulyk` and watching its peak memory.

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
