//! What the store gives for stats, leaderboards and export: raw counts and rows; the
//! services turn them into ranks, percentages and files.

use async_trait::async_trait;
use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::Result;
use crate::domain::{Batch, TaskId, UserId};

/// A batch with the counters kept for its stats.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchCounters {
    pub batch: Batch,
    /// Answers given to the batch's tasks.
    pub answers: u64,
    /// (answers on a task, number of tasks with that many), ascending, empty buckets left out.
    pub histogram: Vec<(u64, u64)>,
}

/// One of the latest answers, for the console's log.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentAnswer {
    pub at: DateTime<Utc>,
    pub user: UserId,
    pub task_type: String,
    pub task: TaskId,
}

/// Recent work on one task type, for the overview.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeActivity {
    /// Distinct volunteers who answered in the last 24 hours and in the last 7 days.
    pub volunteers_24h: u64,
    pub volunteers_7d: u64,
    /// Answers per hour over the last 48 hours, oldest first; the last is the current hour.
    pub answers_per_hour: Vec<u64>,
    /// Seconds from hand-out to answer of the most recently finished work sessions.
    pub session_seconds: Vec<u64>,
}

/// How many recent work sessions the time-per-task figures are taken from: recent work is
/// what an operator asks about, and the sample keeps the query's cost flat.
pub const SESSION_SAMPLE: usize = 10_000;
/// The span of `TypeActivity::answers_per_hour`.
pub const ACTIVITY_HOURS: usize = 48;

/// A user's answers of one type, and how many distinct higher answer counts others have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RankInput {
    pub total: u64,
    pub higher_counts: u64,
}

/// Stats and leaderboards, from counters kept by `record_answer`.
#[async_trait]
pub trait ReportStore {
    // Stats and leaderboards, from counters kept by `record_answer`.
    /// Users by answers of a type, most first, until `distinct_counts` distinct counts are
    /// collected (ties at the boundary are left out, as in the original).
    async fn leaders(&self, task_type: &str, distinct_counts: usize) -> Result<Vec<(UserId, u64)>>;
    async fn rank_input(&self, task_type: &str, user: &UserId) -> Result<RankInput>;
    /// Batches (of one type, one id, or all) with their answer counters, ordered by id.
    async fn batch_counters(
        &self,
        task_type: Option<&str>,
        batch: Option<&str>,
    ) -> Result<Vec<BatchCounters>>;
    /// Live leases per batch.
    async fn live_leases(&self, now: DateTime<Utc>) -> Result<Vec<(String, u64)>>;
    async fn type_activity(&self, task_type: &str, now: DateTime<Utc>) -> Result<TypeActivity>;
    /// The latest answers of every type, newest first.
    async fn recent_answers(&self, limit: usize) -> Result<Vec<RecentAnswer>>;
}

// Arithmetic every backend shares.

/// Buckets from their changes against "every task has no answer"; empty buckets left out.
pub(crate) fn histogram_from_changes(tasks: u64, changes: &[(u64, i64)]) -> Vec<(u64, u64)> {
    let mut buckets: Vec<(u64, u64)> = Vec::new();
    let zero_change = changes
        .iter()
        .find(|(count, _)| *count == 0)
        .map_or(0, |(_, change)| *change);
    let zero = (tasks as i64 + zero_change).max(0) as u64;
    if zero > 0 {
        buckets.push((0, zero));
    }
    for (count, change) in changes {
        if *count > 0 && *change > 0 {
            buckets.push((*count, *change as u64));
        }
    }
    buckets.sort_unstable();
    buckets
}

/// The start of the oldest hour in `answers_per_hour`: the current hour is the last one.
pub(crate) fn first_activity_hour(now: DateTime<Utc>) -> DateTime<Utc> {
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    hour - Duration::hours(ACTIVITY_HOURS as i64 - 1)
}
