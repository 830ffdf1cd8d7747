//! What an export takes from the store.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Result;
use crate::domain::TaskId;

/// Which tasks an export takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportQuery {
    pub task_type: String,
    /// One batch, or all of the type.
    pub batch: Option<String>,
    /// Open tasks too (the original's `--export-all`); by default only closed ones.
    pub include_open: bool,
    pub with_sessions: bool,
    /// Only what changed in this window (an incremental export).
    pub window: Option<ExportWindow>,
}

/// What an incremental export takes, at or after `since` and before `until`: the tasks that
/// closed in it — each closed task is in exactly one of consecutive windows; a task closed
/// before closing times were kept counts as closed at the Unix epoch — or, with open tasks
/// too, the tasks whose newest answer came in it (a task comes again with each new answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportWindow {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// One exported task with all its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedTask {
    pub id: TaskId,
    pub batch: Option<String>,
    pub closed: bool,
    /// The task's JSON object, compact, as stored.
    pub data_json: String,
    pub answers: Vec<ExportedAnswer>,
}

/// Who gave an answer, as exports show it. Shared by all of a volunteer's answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub username: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportedAnswer {
    pub author: std::sync::Arc<Author>,
    pub created_at: DateTime<Utc>,
    /// The answer's JSON object, compact, as stored.
    pub result_json: String,
    /// The work session that ended with this answer (only when asked for).
    pub session: Option<ExportedSession>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExportedSession {
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub activity: u64,
}

/// Exported tasks arrive in chunks of about this many, so that a channel hop is paid per chunk.
pub const EXPORT_CHUNK: usize = 512;

/// Streaming the tasks an export takes, with their answers.
#[async_trait]
pub trait ExportStore {
    /// Streams the tasks an export takes, with their answers, in chunks; the receiver ends
    /// after the last chunk or after an error.
    fn export(&self, query: ExportQuery) -> tokio::sync::mpsc::Receiver<Result<Vec<ExportedTask>>>;

    /// When the oldest answer of the type that is still being written was given: a task it
    /// closes must not be taken by a window until it is written, so a window ends before it.
    /// `None` when no answer is half-written (always, on a backend that writes an answer in
    /// one transaction).
    async fn unsettled_since(&self, task_type: &str) -> Result<Option<DateTime<Utc>>>;
}
