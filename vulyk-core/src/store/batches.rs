//! The store's batches and tasks.

use async_trait::async_trait;

use crate::Result;
use crate::domain::{Batch, TaskTypeCounts};
use crate::domain::{Task, TaskId};

/// What deleting a batch removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchRemoval {
    pub tasks: u64,
    pub answers: u64,
    pub sessions: u64,
}

/// Batches and the tasks stored in them.
#[async_trait]
pub trait BatchStore {
    /// All batches (of one type, if given), ordered by id.
    async fn batches(&self, task_type: Option<&str>) -> Result<Vec<Batch>>;
    async fn batch(&self, id: &str) -> Result<Option<Batch>>;
    /// Deletes a batch and its tasks. Refuses (`Conflict`) when its tasks have answers, unless
    /// `purge`, which deletes those answers and work sessions too. `NotFound` if no such batch.
    async fn delete_batch(&self, id: &str, purge: bool) -> Result<BatchRemoval>;
    /// Stored tasks per type, ordered by type.
    async fn task_counts(&self) -> Result<Vec<TaskTypeCounts>>;
    /// A stored task by id (of any type).
    async fn task(&self, id: &TaskId) -> Result<Option<Task>>;
    /// Number of stored tasks whose batch is `batch_id`.
    #[cfg(any(test, feature = "test-support"))]
    async fn count_tasks_in_batch(&self, batch_id: &str) -> Result<u64>;
}
