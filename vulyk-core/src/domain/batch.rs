use super::BatchMeta;

/// The batch that `db load` fills when no `--batch` is given; it may always grow.
pub const DEFAULT_BATCH: &str = "default";

/// A named set of tasks of one type, handed out in batch-id order.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub id: String,
    pub task_type: String,
    /// Number of tasks stored in the batch; always equal to the count of its tasks.
    pub tasks_count: u64,
    /// Number of the batch's tasks that are closed.
    pub tasks_processed: u64,
    pub closed: bool,
    /// True while a load into the batch has not finished; such a batch is not handed out.
    pub loading: bool,
    pub meta: BatchMeta,
}

/// What an operator needs to know about a batch at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchStatus {
    /// A load into it started and has not finished (or was killed): re-run it to complete.
    Incomplete,
    Open,
    Closed,
}

impl BatchStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchStatus::Incomplete => "incomplete",
            BatchStatus::Open => "open",
            BatchStatus::Closed => "closed",
        }
    }
}

impl Batch {
    pub fn status(&self) -> BatchStatus {
        if self.loading {
            BatchStatus::Incomplete
        } else if self.closed {
            BatchStatus::Closed
        } else {
            BatchStatus::Open
        }
    }
}

const MAX_BATCH_ID: usize = 50;

/// Batch ids are 1–50 letters, digits, `_`, `-` or `.`, not starting with `-` or `.`, so that
/// they are safe in file names, URLs and command lines.
pub fn validate_batch_id(id: &str) -> crate::Result<()> {
    let valid_chars = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if id.is_empty() || id.len() > MAX_BATCH_ID || !valid_chars || id.starts_with(['-', '.']) {
        return Err(crate::Error::invalid(format!(
            "batch id `{id}`: use 1 to {MAX_BATCH_ID} letters, digits, `_`, `-` or `.`, not starting with `-` or `.`"
        )));
    }
    Ok(())
}
