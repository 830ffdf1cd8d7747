//! Named export positions: how far a recurring export (a nightly job's) has taken a type's
//! answers, so that the next one takes only what came after, exactly once.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Result;

/// Where a named export stands: it has written every task that closed (or, with open tasks
/// too, whose newest answer came) before `position`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportCursor {
    pub name: String,
    /// The scope the cursor follows: an export of another type or batch, or of other tasks,
    /// may not move it.
    pub task_type: String,
    pub batch: Option<String>,
    pub include_open: bool,
    pub position: DateTime<Utc>,
    /// When an export with it last completed (an empty window leaves the position).
    pub advanced_at: DateTime<Utc>,
}

#[async_trait]
pub trait CursorStore {
    async fn cursors(&self) -> Result<Vec<ExportCursor>>;
    async fn cursor(&self, name: &str) -> Result<Option<ExportCursor>>;
    /// Moves the cursor to `to.position` if it still stands at `from` (`None`: not stored yet,
    /// and then it is created). `false`, changing nothing, when another export moved it first.
    async fn advance_cursor(&self, from: Option<DateTime<Utc>>, to: &ExportCursor) -> Result<bool>;
    /// `NotFound` when there is no such cursor.
    async fn delete_cursor(&self, name: &str) -> Result<()>;
}
