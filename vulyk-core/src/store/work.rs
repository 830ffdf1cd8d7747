//! What the store's work operations (hand-out, answer, skip, activity) take and give back.
//! The service decides the policy (which batch to try, the lease's length, the time); the
//! store makes each step atomic.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[cfg(any(test, feature = "test-support"))]
use crate::domain::WorkSession;
use crate::domain::{Answer, Batch, Task, TaskId, UserId};
use crate::{Error, Result};

/// Hand a task to a volunteer: the one they hold a live lease on (renewed), else the first
/// task found by `attempts`, leased to them — a lease holds one of the task's `redundancy`
/// slots until `lease_until` — with a work session opened.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRequest {
    pub user: UserId,
    pub task_type: String,
    /// Where to look, in order: (batch, whether tasks the user skipped may be handed out).
    pub attempts: Vec<(String, bool)>,
    pub redundancy: u32,
    pub now: DateTime<Utc>,
    pub lease_until: DateTime<Utc>,
    /// Where in a batch the search starts; the backend maps it onto its own key space, so
    /// a uniformly random value gives a random pick without scanning the candidates.
    pub start: u64,
    /// For a type with gold tasks: whether this hand-out gives one (see [`GoldDraw`]). A
    /// live hand-out of a gold task is renewed like a lease, after an ordinary one.
    pub gold: Option<super::GoldDraw>,
    /// The lease holds one of the task's slots. Not for a volunteer whose answers are not
    /// counted (`AnswerRequest::counted`): they may be handed any open task they have not
    /// answered, and their lease keeps no one else from it.
    pub counted: bool,
}

/// Record one volunteer's answer to one task.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRequest {
    /// A fresh ObjectId-shaped id for the answer.
    pub answer_id: String,
    pub user: UserId,
    pub task: TaskId,
    pub task_type: String,
    /// The answer, a JSON object, serialised compactly.
    pub result_json: String,
    pub redundancy: u32,
    /// Close the task with this answer even below redundancy (the plugin's auto-close rule).
    pub close: bool,
    /// The answer counts toward the task's redundancy. One that does not (a volunteer whose
    /// accuracy on gold tasks fell below the type's minimum) is stored and ends the hand-out,
    /// but needs no free slot, leaves the task's count, its closing and the batch's counters
    /// as they were.
    pub counted: bool,
    /// The service has more to do once the answer is stored — pay for it, queue its webhook
    /// events: the store keeps it among the unpaid (not yet followed up) answers until
    /// `answer_paid`, so that a call that stops in between leaves that to a retry or to
    /// `interrupted_answers`.
    pub follow_up: bool,
    /// Among the follow-ups, paying for it (a gamified type, an answer that counts); kept
    /// with it for the retry or the sweep.
    pub pays: bool,
    pub now: DateTime<Utc>,
}

/// What a store's sweep of stopped answers found (`Store::interrupted_answers`).
#[derive(Debug, Default)]
pub struct Interrupted {
    /// Answers whose follow-up writes it completed.
    pub settled: usize,
    /// Answers stored but not yet paid.
    pub to_pay: Vec<UnpaidAnswer>,
    /// Answers it could not complete (each is tried again by the next sweep).
    pub failed: Vec<Error>,
}

/// A stored answer that is still to be paid: the call that stored it stopped before it paid.
#[derive(Debug, Clone, PartialEq)]
pub struct UnpaidAnswer {
    pub answer_id: String,
    pub user: UserId,
    pub task: TaskId,
    pub task_type: String,
    pub batch: Option<String>,
    /// It is to be paid for (see `AnswerRequest::pays`); otherwise only its other follow-ups
    /// (`AnswerRequest::follow_up`) wait.
    pub pays: bool,
}

/// What recording an answer changed.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerOutcome {
    pub answer_id: String,
    /// The task's batch, if it has one.
    pub batch: Option<String>,
    /// This answer was the one that closed the task.
    pub closed_task: bool,
    /// This answer closed the task's batch too: the batch as it now stands.
    pub closed_batch: Option<Batch>,
    /// For an answer to a gold task whose type shows the expected answer: how it was judged.
    /// (A gold answer is stored apart, keyed by volunteer and task; `answer_id` is not kept.)
    pub gold: Option<crate::domain::GoldFeedback>,
}

/// Hand-out, answers, skips and activity.
#[async_trait]
pub trait WorkStore {
    /// Hands a task to a user (see [`ClaimRequest`]): their live lease of this type, renewed,
    /// else — trying each attempt in order — an open task of the batch that they have not
    /// answered (nor skipped, unless allowed) and that has a free slot (answers + live leases
    /// < redundancy), leased to them atomically with a work session opened. `None` if no
    /// attempt finds one.
    async fn claim_task(&self, request: &ClaimRequest) -> Result<Option<Task>>;
    /// Stores an answer, counts it on its task, ends the work session, closes the task when
    /// it reaches its redundancy and the batch when that was its last task — each exactly
    /// once. `NotFound` for an unknown task (or one of another type); `Conflict`, with nothing
    /// stored, for a second answer by the same user or when no slot is free.
    async fn record_answer(&self, request: &AnswerRequest) -> Result<AnswerOutcome>;
    /// The user's answer to the task that is stored but not yet paid (`AnswerRequest::pays`).
    async fn unpaid_answer(&self, user: &UserId, task: &TaskId) -> Result<Option<UnpaidAnswer>>;
    /// The user's answer to the task has been paid (or needs no pay after all).
    async fn answer_paid(&self, user: &UserId, task: &TaskId) -> Result<()>;
    /// Completes the answers whose call stopped before `before` and before its end — on a
    /// backend without transactions, the writes that follow an answer's count — and lists
    /// those still to be paid. An answer that cannot be completed is reported, not fatal.
    async fn interrupted_answers(&self, before: DateTime<Utc>) -> Result<Interrupted>;
    /// Releases the user's lease on the task, remembers the skip and deletes the open work
    /// session. `NotFound` for an unknown task.
    async fn skip_task(&self, user: &UserId, task: &TaskId, task_type: &str) -> Result<()>;
    /// Adds seconds of activity to the user's work session on the task, only while the total
    /// stays within the time since the session started; returns the new total. `NotFound` for
    /// an unknown task or session, `Invalid` when the bound is broken.
    async fn add_activity(
        &self,
        user: &UserId,
        task: &TaskId,
        task_type: &str,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<u64>;
    /// The user's work sessions on a task, oldest first.
    #[cfg(any(test, feature = "test-support"))]
    async fn work_sessions(&self, user: &UserId, task: &TaskId) -> Result<Vec<WorkSession>>;
    /// Removes the task leases that ran out at or before `now` — those no answer, skip or new
    /// hand-out of the same task to the same volunteer replaced — and counts them by task
    /// type. Each lease is removed and counted by one call, however many servers sweep at
    /// once. Until a sweep, an expired lease stays stored but holds no slot.
    async fn expire_leases(&self, now: DateTime<Utc>) -> Result<Vec<(String, u64)>>;
    /// The answers stored for a task, oldest first.
    async fn answers_for_task(&self, task: &TaskId) -> Result<Vec<Answer>>;
    /// Whether the user skipped the task.
    #[cfg(any(test, feature = "test-support"))]
    async fn has_skipped(&self, user: &UserId, task: &TaskId) -> Result<bool>;
}

// The errors and rules every backend shares.

pub(crate) fn already_answered(task: &TaskId) -> Error {
    Error::conflict(format!("you have already answered task {task}"))
}

pub(crate) fn no_free_slot(task: &TaskId) -> Error {
    Error::conflict(format!(
        "task {task} needs no more answers: its slots are taken by other volunteers"
    ))
}

pub(crate) fn no_session(user: &UserId, task: &TaskId) -> Error {
    Error::not_found("work session", format!("of user {user} on task {task}"))
}

/// The original's bound (spec 4.4): the activity never exceeds the time since the session began.
pub(crate) fn check_activity(
    start: DateTime<Utc>,
    activity: u64,
    seconds: u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    let elapsed = (now - start).num_seconds().max(0) as u64;
    let total = activity.saturating_add(seconds);
    if total > elapsed {
        return Err(Error::invalid(format!(
            "activity of {total} s would exceed the {elapsed} s since the task was handed out"
        )));
    }
    Ok(total)
}
