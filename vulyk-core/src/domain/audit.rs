//! The audit log's entries: who changed what, when, from where.

use chrono::{DateTime, Utc};

/// One change an operator made. Never holds a secret: a password change says that it
/// happened, a new API token is named, not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// Where the change came from: `cli` or `console`.
    pub via: String,
    /// Who made it: the operating-system user running `vulyk`.
    pub user: String,
    /// The machine it ran on.
    pub host: String,
    /// The command: `user add`, `group addtype`, `batch del`, …
    pub action: String,
    /// What it changed: a username, a group, a batch, …
    pub target: String,
    /// Before and after, in words.
    pub change: String,
}

/// Longest target and change kept, in characters: a rule's JSON before and after can be long,
/// and an entry is read in a table.
pub const AUDIT_TEXT_CHARS: usize = 2_000;

/// `text` cut to [`AUDIT_TEXT_CHARS`], marked with `…` when cut.
pub fn audit_text(text: &str) -> String {
    match text.char_indices().nth(AUDIT_TEXT_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}
