use serde_json::Value;

use super::TaskId;

/// One unit of work: an arbitrary JSON object of a task type, in a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: TaskId,
    pub task_type: String,
    pub batch: Option<String>,
    /// Answers counted on the task.
    pub users_count: u64,
    pub closed: bool,
    /// The task's JSON object as loaded, keys in their original order.
    pub data: Value,
}

/// A task ready to be stored: its id and its compact JSON (the bytes the id was hashed from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    pub id: TaskId,
    pub data_json: String,
}

/// How many tasks of a type are stored, and how many of them are closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTypeCounts {
    pub task_type: String,
    pub total: u64,
    pub closed: u64,
}
