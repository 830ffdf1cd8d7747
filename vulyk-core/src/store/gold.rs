//! Gold tasks, their hand-outs and the answers volunteers give them.

use async_trait::async_trait;

use crate::Result;
use crate::domain::{GoldAnswer, GoldScore, GoldTask, TaskId, UserId};

/// Whether a hand-out gives a gold task: the service draws the number, the store reads how
/// many answers the volunteer has given, in the same atomic call as the rest of the hand-out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoldDraw {
    /// While the volunteer has given fewer answers of the type than this, `share_new` applies.
    pub warmup: u64,
    pub share_new: f64,
    pub share: f64,
    /// Uniform in [0, 1): a gold task when it is below the share that applies.
    pub draw: f64,
}

impl GoldDraw {
    pub fn wins(&self, answers: u64) -> bool {
        let share = if answers < self.warmup {
            self.share_new
        } else {
            self.share
        };
        self.draw < share
    }
}

/// What loading gold tasks changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GoldPut {
    pub added: u64,
    /// Stored already, with another expected answer or batch: replaced.
    pub replaced: u64,
    pub unchanged: u64,
}

#[async_trait]
pub trait GoldStore {
    /// Adds gold tasks; one stored already (by id) gets the new answer and batch.
    async fn put_gold(&self, tasks: &[GoldTask]) -> Result<GoldPut>;
    /// A type's gold tasks (of one batch, or all), by batch and id.
    async fn gold_tasks(&self, task_type: &str, batch: Option<&str>) -> Result<Vec<GoldTask>>;
    async fn gold_task(&self, id: &TaskId) -> Result<Option<GoldTask>>;
    /// Deletes the type's gold tasks with these ids, or all of the batch, with their answers
    /// and hand-outs; how many tasks went.
    async fn delete_gold(
        &self,
        task_type: &str,
        ids: &[TaskId],
        batch: Option<&str>,
    ) -> Result<u64>;
    /// Whether the gold task was handed to the user (the hand-out is the user's last of
    /// the type, live or expired).
    async fn holds_gold(&self, user: &UserId, task_type: &str, id: &TaskId) -> Result<bool>;
    /// Stores the answer and ends the hand-out. `NotFound` unless the task was handed to the
    /// user; `Conflict`, storing nothing, for a second answer.
    async fn record_gold_answer(&self, answer: &GoldAnswer) -> Result<()>;
    /// Ends the user's hand-out of the gold task (a skip); `NotFound` without one.
    async fn release_gold(&self, user: &UserId, task_type: &str, id: &TaskId) -> Result<()>;
    /// Every answer to the type's gold tasks, with usernames, oldest first.
    async fn gold_answers(&self, task_type: &str) -> Result<Vec<GoldAnswer>>;
    async fn gold_score(&self, user: &UserId, task_type: &str) -> Result<GoldScore>;
}

pub(crate) fn second_gold_answer(id: &TaskId) -> crate::Error {
    crate::Error::conflict(format!("you have already answered task {id}"))
}

pub(crate) fn gold_not_handed_out(id: &TaskId) -> crate::Error {
    crate::Error::not_found("task", id.as_str())
}
