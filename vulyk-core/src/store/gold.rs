//! Gold tasks, their hand-outs and the answers volunteers give them.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

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
    /// Adds gold tasks; one stored already (by id) gets the new answer and batch. All or
    /// nothing: `Conflict` for an id stored for another type, before anything is written.
    /// Returns what changed and the ids whose expected answer changed (to judge again).
    async fn put_gold(&self, tasks: &[GoldTask]) -> Result<(GoldPut, Vec<TaskId>)>;
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
    /// Stores the answer and ends the hand-out. `NotFound` unless the task was handed to the
    /// user; `Conflict`, storing nothing, for a second answer.
    async fn record_gold_answer(&self, answer: &GoldAnswer) -> Result<()>;
    /// Ends the user's hand-out of the gold task (a skip); `NotFound` without one.
    async fn release_gold(&self, user: &UserId, task_type: &str, id: &TaskId) -> Result<()>;
    /// Adds seconds of activity to the user's hand-out of the gold task, within the time
    /// since it was handed out, as `WorkStore::add_activity` does for a work session; the
    /// same errors, so that a page cannot tell the two apart.
    async fn add_gold_activity(
        &self,
        user: &UserId,
        task_type: &str,
        id: &TaskId,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<u64>;
    /// Every answer to the type's gold tasks that still exist, with usernames, oldest first.
    async fn gold_answers(&self, task_type: &str) -> Result<Vec<GoldAnswer>>;
    /// Judges a stored answer again (its gold task's expected answer changed).
    async fn judge_gold_answer(&self, answer: &GoldAnswer) -> Result<()>;
    /// The user's record on the type's gold tasks that still exist.
    async fn gold_score(&self, user: &UserId, task_type: &str) -> Result<GoldScore>;
}

/// What `put_gold` does with each task, from the stored tasks of the same ids: new ones to
/// insert, changed ones to update (their ids), unchanged ones counted. Decided before any
/// write, so that a conflict writes nothing. One rule for every backend.
pub(crate) struct GoldPlan<'a> {
    pub insert: Vec<&'a GoldTask>,
    pub update: Vec<&'a GoldTask>,
    pub unchanged: u64,
    /// Updated tasks whose expected answer changed (not only their batch).
    pub answer_changed: Vec<TaskId>,
}

pub(crate) fn plan_put<'a>(
    stored: &std::collections::HashMap<String, GoldTask>,
    tasks: &'a [GoldTask],
) -> Result<GoldPlan<'a>> {
    let mut plan = GoldPlan {
        insert: Vec::new(),
        update: Vec::new(),
        unchanged: 0,
        answer_changed: Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for task in tasks {
        // The same line twice in the input: the first one stands.
        if !seen.insert(task.id.as_str()) {
            plan.unchanged += 1;
            continue;
        }
        match stored.get(task.id.as_str()) {
            None => plan.insert.push(task),
            Some(old) if old.task_type != task.task_type => {
                return Err(crate::Error::conflict(format!(
                    "gold task {} is stored for type {}, not {}",
                    task.id, old.task_type, task.task_type
                )));
            }
            Some(old) if old.batch == task.batch && old.answer_json == task.answer_json => {
                plan.unchanged += 1;
            }
            Some(old) => {
                if old.answer_json != task.answer_json {
                    plan.answer_changed.push(task.id.clone());
                }
                plan.update.push(task);
            }
        }
    }
    Ok(plan)
}

impl GoldPlan<'_> {
    pub(crate) fn outcome(self) -> (GoldPut, Vec<TaskId>) {
        let put = GoldPut {
            added: self.insert.len() as u64,
            replaced: self.update.len() as u64,
            unchanged: self.unchanged,
        };
        (put, self.answer_changed)
    }
}

pub(crate) fn second_gold_answer(id: &TaskId) -> crate::Error {
    crate::Error::conflict(format!("you have already answered task {id}"))
}

pub(crate) fn gold_not_handed_out(id: &TaskId) -> crate::Error {
    crate::Error::not_found("task", id.as_str())
}
