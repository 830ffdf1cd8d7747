//! Storage behind one trait of domain verbs, with an embedded (SQLite) backend.
//!
//! Operations that must be atomic are one method each, so callers never compose
//! read-then-write; each backend makes them atomic in its own way (one SQLite transaction,
//! one conditional document update in MongoDB). No driver type appears here
//! (ARCHITECTURE.md, invariant 2).

mod game;
mod layout;
#[cfg(feature = "mongodb")]
mod mongo;
mod report;
mod sqlite;
mod url;
mod work;

#[cfg(test)]
mod conformance;

use std::fmt::Debug;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Result;
use crate::domain::{
    Answer, ApiToken, Batch, BatchMeta, Group, NewTask, NewUser, Task, TaskId, TaskTypeCounts,
    User, UserId, WebSession, WorkSession,
};

pub use game::{GameStore, ProgressQuery};
pub use layout::{
    DOWNGRADE_UNFINISHED, DowngradeReport, Layout, ORIGINAL_READ_ONLY, OriginalClasses,
    UpgradeReport,
};
#[cfg(feature = "mongodb")]
pub use mongo::MongoStore;
pub use report::{
    ACTIVITY_HOURS, Author, BatchCounters, EXPORT_CHUNK, ExportQuery, ExportedAnswer,
    ExportedSession, ExportedTask, RankInput, RecentAnswer, SESSION_SAMPLE, TypeActivity,
};
pub use sqlite::SqliteStore;
pub use url::{StoreUrl, parse_url, redact};
pub use work::{AnswerOutcome, AnswerRequest, ClaimRequest, Interrupted, UnpaidAnswer};

/// The schema version this build writes; a database with a higher one is refused.
pub const SCHEMA_VERSION: u32 = 7;

/// How long counted attempts outlive their window: the service's windows are a quarter of an
/// hour, and a one-time token (a sign-in flow's) is checked in the window it was issued in,
/// up to ten minutes later.
pub const ATTEMPTS_KEPT: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// How a load starts with its batch.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchStart {
    /// The batch must not exist yet; it is created, marked as loading, with this meta.
    Create { meta: BatchMeta },
    /// The batch exists with this load's task type; it is marked as loading again.
    Reopen,
}

/// What a load is about to do; the service has already validated it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadPlan {
    pub batch_id: String,
    pub task_type: String,
    pub start: BatchStart,
}

/// A load in progress: pass it back to insert, finish or abort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadTicket {
    /// Identifies the tasks this run inserted, so that an abort removes exactly those.
    pub run: i64,
    pub batch_id: String,
    pub task_type: String,
    pub created_batch: bool,
    /// Whether the batch was already incomplete (a killed load) when this run began.
    pub was_loading: bool,
}

/// What one chunk insert did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InsertOutcome {
    pub inserted: u64,
    /// Tasks whose id was already stored (in any batch) or repeated within the chunk.
    pub duplicates: u64,
}

/// What deleting a batch removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchRemoval {
    pub tasks: u64,
    pub answers: u64,
    pub sessions: u64,
}

/// The domain operations every backend provides, with the same behaviour (the conformance
/// suite in `store/conformance.rs` runs against each).
#[async_trait]
pub trait Store: GameStore + Send + Sync + Debug {
    /// `"sqlite"` or `"mongodb"`.
    fn backend(&self) -> &'static str;

    /// Whether the data is in this version's layout or an original database only read.
    fn layout(&self) -> Layout {
        Layout::Current
    }

    // Groups.
    async fn groups(&self) -> Result<Vec<Group>>;
    async fn group(&self, id: &str) -> Result<Option<Group>>;
    /// `Conflict` if a group with this id exists.
    async fn insert_group(&self, group: &Group) -> Result<()>;
    /// Creates the group or replaces its description and allowed types.
    async fn upsert_group(&self, group: &Group) -> Result<()>;
    /// Deletes the group and removes it from every user. `false` if there was no such group.
    async fn delete_group(&self, id: &str) -> Result<bool>;
    /// Adds a type to a group's allowed types (set semantics). `false` if no such group.
    async fn add_group_type(&self, id: &str, task_type: &str) -> Result<bool>;
    /// Removes a type from a group's allowed types. `false` if no such group.
    async fn remove_group_type(&self, id: &str, task_type: &str) -> Result<bool>;
    /// How many users belong to each group, by group id (groups with none are left out).
    async fn group_member_counts(&self) -> Result<Vec<(String, u64)>>;

    // Users.
    /// `Conflict` naming the field if the username or e-mail is taken.
    async fn insert_user(&self, user: &NewUser) -> Result<User>;
    async fn users(&self) -> Result<Vec<User>>;
    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>>;
    async fn user_by_username(&self, username: &str) -> Result<Option<User>>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    /// Deletes a user who has no answers; `Conflict` if they have some. `false` if no such user.
    async fn delete_user(&self, id: &UserId) -> Result<bool>;
    async fn set_user_admin(&self, id: &UserId, admin: bool) -> Result<bool>;
    async fn set_password_hash(&self, id: &UserId, hash: &str) -> Result<bool>;
    /// Adds the user to a group (set semantics). `false` if no such user.
    async fn add_user_to_group(&self, id: &UserId, group: &str) -> Result<bool>;
    /// Removes the user from a group. `false` if no such user.
    async fn remove_user_from_group(&self, id: &UserId, group: &str) -> Result<bool>;
    /// Adds every user to a group; returns how many were not in it yet.
    async fn add_all_users_to_group(&self, group: &str) -> Result<u64>;

    // The site's sign-in state. Secrets arrive hashed; expired sessions are never returned.
    async fn insert_web_session(&self, session: &WebSession) -> Result<()>;
    async fn delete_web_session(&self, key_hash: &str) -> Result<bool>;
    /// Ends every session of a user (a new password signs them out everywhere).
    async fn delete_user_web_sessions(&self, user: &UserId) -> Result<u64>;
    /// `Conflict` if the token id is taken.
    async fn insert_api_token(&self, token: &ApiToken) -> Result<()>;
    /// A user's tokens, oldest first.
    async fn api_tokens(&self, user: &UserId) -> Result<Vec<ApiToken>>;
    /// The user the API token with this hash belongs to. Asked on every scripted request:
    /// a backend answers it in as few trips as it can.
    async fn api_token_user(&self, hash: &str) -> Result<Option<User>>;
    /// The user of the browser session with this key hash, if it is still valid at `now`
    /// (as `api_token_user`).
    async fn web_session_user(&self, key_hash: &str, now: DateTime<Utc>) -> Result<Option<User>>;
    async fn delete_api_token(&self, user: &UserId, id: &str) -> Result<bool>;
    /// Counts one attempt under `key` in the window that starts at `window` and returns the
    /// window's count so far, atomically (two racing attempts get different counts). Windows
    /// of every key more than [`ATTEMPTS_KEPT`] older than `window` are forgotten.
    async fn count_attempt(&self, key: &str, window: DateTime<Utc>) -> Result<u64>;
    /// The attempts counted under `key` in the window that starts at `window`.
    async fn attempts(&self, key: &str, window: DateTime<Utc>) -> Result<u64>;
    async fn clear_attempts(&self, key: &str) -> Result<()>;
    /// The user an external identity (an OpenID Connect provider's subject) is linked to.
    async fn user_by_identity(&self, provider: &str, subject: &str) -> Result<Option<User>>;
    /// Links an external identity to a user; `Conflict` if it is linked to someone already.
    async fn link_identity(&self, user: &UserId, provider: &str, subject: &str) -> Result<()>;

    // Batches and tasks.
    /// All batches (of one type, if given), ordered by id.
    async fn batches(&self, task_type: Option<&str>) -> Result<Vec<Batch>>;
    async fn batch(&self, id: &str) -> Result<Option<Batch>>;
    /// Deletes a batch and its tasks. Refuses (`Conflict`) when its tasks have answers, unless
    /// `purge`, which deletes those answers and work sessions too. `NotFound` if no such batch.
    async fn delete_batch(&self, id: &str, purge: bool) -> Result<BatchRemoval>;
    /// Stored tasks per type, ordered by type.
    async fn task_counts(&self) -> Result<Vec<TaskTypeCounts>>;
    async fn task(&self, id: &TaskId) -> Result<Option<Task>>;
    /// Number of stored tasks whose batch is `batch_id`.
    async fn count_tasks_in_batch(&self, batch_id: &str) -> Result<u64>;

    // Loading.
    /// Creates or reopens the batch and marks it as loading. `Conflict` if `Create` finds the
    /// batch, `NotFound` if `Reopen` finds no batch of this type.
    async fn begin_load(&self, plan: &LoadPlan) -> Result<LoadTicket>;
    /// Stores new tasks in the ticket's batch, skipping ids already stored, and advances the
    /// batch's task count by the number inserted — both at once. A backend may commit several
    /// calls together (all are committed by `finish_load`); in every committed state the
    /// batch's count equals its stored tasks.
    async fn insert_tasks(&self, ticket: &LoadTicket, tasks: Vec<NewTask>)
    -> Result<InsertOutcome>;
    /// Marks the batch complete and returns it.
    async fn finish_load(&self, ticket: &LoadTicket) -> Result<Batch>;
    /// Removes what this run inserted and puts the batch back as it was before the run.
    async fn abort_load(&self, ticket: &LoadTicket) -> Result<()>;
    /// Ends a run that the storage itself failed (a full disk, an I/O error, writes refused)
    /// without undoing it, which would need the same storage: what was committed stays, the
    /// batch stays incomplete with its count equal to its stored tasks as far as the storage
    /// lets that be written, and a later run of the same load resumes it.
    async fn stop_load(&self, ticket: &LoadTicket) -> Result<()>;
    /// Called about twice a second while a load runs: a backend that holds inserted tasks in
    /// an open transaction commits it if it is older than its commit interval or the input
    /// has paused, so that a load whose input pauses (a slow pipe) shows and keeps what it
    /// has within a second. Others do nothing.
    async fn load_idle(&self, _ticket: &LoadTicket) -> Result<()> {
        Ok(())
    }

    // Work: hand-out, answers, skips, activity.
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
    async fn work_sessions(&self, user: &UserId, task: &TaskId) -> Result<Vec<WorkSession>>;
    /// The answers stored for a task, oldest first.
    async fn answers_for_task(&self, task: &TaskId) -> Result<Vec<Answer>>;
    /// Whether the user skipped the task.
    async fn has_skipped(&self, user: &UserId, task: &TaskId) -> Result<bool>;

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

    // Export.
    /// Streams the tasks an export takes, with their answers, in chunks; the receiver ends
    /// after the last chunk or after an error.
    fn export(&self, query: ExportQuery) -> tokio::sync::mpsc::Receiver<Result<Vec<ExportedTask>>>;
}

/// Opens the store a URL names, creating or migrating its schema.
///
/// A plain path or a `sqlite:` URL opens the embedded backend; `mongodb://` and
/// `mongodb+srv://` name a MongoDB server.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    match parse_url(url)? {
        StoreUrl::Sqlite(path) => Ok(Arc::new(SqliteStore::open(&path).await?)),
        #[cfg(feature = "mongodb")]
        StoreUrl::Mongo(url) => Ok(Arc::new(MongoStore::open(&url).await?)),
        #[cfg(not(feature = "mongodb"))]
        StoreUrl::Mongo(url) => Err(no_mongo_backend(&url)),
    }
}

#[cfg(not(feature = "mongodb"))]
fn no_mongo_backend(url: &str) -> crate::Error {
    crate::Error::invalid(format!(
        "{}: this build has no MongoDB backend; build it with `--features mongodb`",
        redact(url)
    ))
}

/// Moves the database a URL names to this version's layout (`vulyk db upgrade`): an original
/// Vulyk database is changed, one already ours (any SQLite file) is left as it is.
pub async fn upgrade(url: &str) -> Result<UpgradeReport> {
    match parse_url(url)? {
        StoreUrl::Sqlite(path) => {
            SqliteStore::open(&path).await?;
            Ok(UpgradeReport {
                already_current: true,
                ..UpgradeReport::default()
            })
        }
        #[cfg(feature = "mongodb")]
        StoreUrl::Mongo(url) => MongoStore::upgrade(&url).await,
        #[cfg(not(feature = "mongodb"))]
        StoreUrl::Mongo(url) => Err(no_mongo_backend(&url)),
    }
}

/// Returns a MongoDB database in our layout to the original Vulyk's shape (`vulyk db
/// downgrade`), with the model classes `declared` in plugin.toml for the task types the
/// original never had. SQLite stores have no original shape.
pub async fn downgrade(url: &str, declared: &OriginalClasses) -> Result<DowngradeReport> {
    match parse_url(url)? {
        StoreUrl::Sqlite(path) => Err(crate::Error::invalid(format!(
            "{}: only a MongoDB database goes back to the original Vulyk; this is a SQLite file",
            path.display()
        ))),
        #[cfg(feature = "mongodb")]
        StoreUrl::Mongo(url) => MongoStore::downgrade(&url, declared).await,
        #[cfg(not(feature = "mongodb"))]
        StoreUrl::Mongo(url) => {
            let _ = declared;
            Err(no_mongo_backend(&url))
        }
    }
}
