//! A load started from the Load screen: its progress as it runs, the flag that cancels it,
//! and what it did.

use std::time::Duration;

use vulyk_core::service::{CancelFlag, LoadProgress, LoadSummary};

#[derive(Debug, Clone, PartialEq)]
pub struct LoadRun {
    pub cancel: CancelFlag,
    pub progress: Option<LoadProgress>,
    pub elapsed: Duration,
    /// `None` while it runs.
    pub outcome: Option<Result<LoadDone, String>>,
}

impl LoadRun {
    pub fn running(&self) -> bool {
        self.outcome.is_none()
    }

    pub fn progressed(&mut self, progress: LoadProgress, elapsed: Duration) {
        if self.running() {
            self.progress = Some(progress);
            self.elapsed = elapsed;
        }
    }

    /// The outcome; a load that finished shows its final counts.
    pub fn finished(&mut self, outcome: Result<LoadDone, String>) {
        if let Ok(done) = &outcome {
            self.elapsed = done.elapsed;
            let mut last = self.progress.unwrap_or_default();
            last.loaded = done.loaded;
            last.duplicates = done.duplicates;
            last.rejected = done.rejected;
            self.progress = Some(last);
        }
        self.outcome = Some(outcome);
    }

    /// Tasks stored per second so far.
    pub fn rate(&self) -> f64 {
        let loaded = self.progress.map_or(0, |p| p.loaded);
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            loaded as f64 / seconds
        } else {
            0.0
        }
    }
}

/// What a finished load did, as the screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadDone {
    pub batch: String,
    pub loaded: u64,
    pub duplicates: u64,
    pub skipped_empty: u64,
    pub rejected: u64,
    /// (file:line:column, why), the first ones.
    pub rejects: Vec<(String, String)>,
    pub elapsed: Duration,
}

impl From<&LoadSummary> for LoadDone {
    fn from(s: &LoadSummary) -> Self {
        LoadDone {
            batch: s.batch.id.clone(),
            loaded: s.loaded,
            duplicates: s.duplicates,
            skipped_empty: s.skipped_empty,
            rejected: s.rejected,
            rejects: s
                .rejects
                .iter()
                .map(|r| (r.location.clone(), r.reason.clone()))
                .collect(),
            elapsed: s.elapsed,
        }
    }
}
