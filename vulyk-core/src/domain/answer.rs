use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{TaskId, UserId};

/// The largest answer accepted, as compact JSON; the service checks it, and a backend that
/// stores answers in another form checks what it stores.
pub const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// One volunteer's result for one task (spec 2.5); at most one per (user, task).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// ObjectId-shaped, like user ids.
    pub id: String,
    pub task: TaskId,
    pub task_type: String,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    /// The volunteer's answer: always a JSON object.
    pub result: Value,
}

/// The time a volunteer spent on a task (spec 2.6): opened when the task is handed out,
/// closed with the answer's id when it is answered.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkSession {
    pub user: UserId,
    pub task: TaskId,
    pub task_type: String,
    pub answer: Option<String>,
    pub start_time: DateTime<Utc>,
    pub end_time: Option<DateTime<Utc>>,
    /// Seconds of reported activity.
    pub activity: u64,
}
