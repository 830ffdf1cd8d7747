//! The layouts a store can be in: this version's, or an original Vulyk's database that is only
//! read until an operator upgrades it (and may take it back with a downgrade).

/// The shape of the stored data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// This version's layout: read and written.
    Current,
    /// A MongoDB database of the original Python Vulyk that has not been upgraded. It is only
    /// read, so that the original keeps running on it; every write is refused with
    /// [`ORIGINAL_READ_ONLY`] until `vulyk db upgrade`.
    Original,
    /// A downgrade began and did not finish: the documents are half in one shape, half in the
    /// other. Only read, every write refused with [`DOWNGRADE_UNFINISHED`], until the downgrade
    /// is run again.
    Downgrading,
}

impl Layout {
    /// Why a write is refused, `None` when it is not.
    pub fn refusal(self) -> Option<&'static str> {
        match self {
            Layout::Current => None,
            Layout::Original => Some(ORIGINAL_READ_ONLY),
            Layout::Downgrading => Some(DOWNGRADE_UNFINISHED),
        }
    }
}

/// Why a write to an original database is refused.
pub const ORIGINAL_READ_ONLY: &str = "this is a database of the original Vulyk, opened read-only so that the original still runs on it; `vulyk db upgrade` moves it to this version's layout (and `vulyk db downgrade` moves it back)";

/// Why a write to a database whose downgrade stopped half way is refused.
pub const DOWNGRADE_UNFINISHED: &str = "a downgrade of this database began and did not finish; `vulyk db downgrade` finishes it (stop vulyk-server first)";

/// What `vulyk db upgrade` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpgradeReport {
    /// The database was already in this version's layout; nothing was changed.
    pub already_current: bool,
    /// Batches whose counts did not match the tasks stored in them: (batch, tasks counted
    /// before, tasks stored). The original's failed loads leave tasks it never counted.
    pub recounted: Vec<(String, u64, u64)>,
    /// The original's model class of each task type's tasks and answers, as found in the
    /// database: (task type, task class, answer class). A downgrade writes them back.
    pub classes: Vec<(String, String, String)>,
    /// What the operator may want to look at (a task type whose documents carry several
    /// classes).
    pub warnings: Vec<String>,
}

/// What `vulyk db downgrade` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DowngradeReport {
    /// The database was already in the original's shape; nothing was changed.
    pub already_original: bool,
    /// Documents rewritten per collection.
    pub rewritten: Vec<(String, u64)>,
    /// What the original has no place for and was dropped ("3 API tokens").
    pub dropped: Vec<String>,
    /// What the original may stumble on, for the operator to put right.
    pub warnings: Vec<String>,
}

/// The original's model classes (`_cls`) of a task type's tasks and answers:
/// task type → (task class, answer class).
pub type OriginalClasses = std::collections::BTreeMap<String, (String, String)>;
