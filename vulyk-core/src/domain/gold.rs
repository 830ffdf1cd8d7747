//! Gold tasks: tasks with a known answer, handed out among the ordinary ones to measure how
//! often each volunteer is right. They live apart from the ordinary tasks: they never close,
//! count toward no batch and are never exported as ordinary tasks.

use chrono::{DateTime, Utc};

use super::{TaskId, UserId};

/// The batch gold tasks are loaded into unless one is named.
pub const DEFAULT_GOLD_BATCH: &str = "gold";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTask {
    /// The task's id by the usual rule (the hash of its JSON), as an ordinary task would get.
    pub id: TaskId,
    pub task_type: String,
    /// A name to list and delete gold tasks by.
    pub batch: String,
    /// The task's JSON object, compact, keys in their loaded order.
    pub data_json: String,
    /// The expected answer's JSON object, compact.
    pub answer_json: String,
    pub created_at: DateTime<Utc>,
}

/// A volunteer's answer to a gold task, judged when it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldAnswer {
    pub user: UserId,
    /// Filled in by reads; not stored with the answer.
    pub username: String,
    pub gold: TaskId,
    pub task_type: String,
    pub result_json: String,
    /// Labels of the expected answer the volunteer was judged on (items, or 1).
    pub judged: u64,
    /// Of them, those the volunteer gave right.
    pub correct: u64,
    pub created_at: DateTime<Utc>,
}

/// A volunteer's record on a type's gold tasks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GoldScore {
    /// Gold tasks answered.
    pub answers: u64,
    /// Labels judged, and how many were right.
    pub judged: u64,
    pub correct: u64,
}

impl GoldScore {
    /// The share of judged labels that were right; `None` before any.
    pub fn accuracy(&self) -> Option<f64> {
        (self.judged > 0).then(|| self.correct as f64 / self.judged as f64)
    }
}

/// What a volunteer is shown after answering a gold task, when its type says so.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldFeedback {
    /// The expected answer, as loaded.
    pub expected: serde_json::Value,
    pub judged: u64,
    pub correct: u64,
}
