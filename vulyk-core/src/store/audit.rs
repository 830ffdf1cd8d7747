//! The audit log: operators' changes, kept in the store beside what they changed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Result;
use crate::domain::AuditEntry;

/// Which entries to read: newest first, at most `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    /// At or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Made by this user.
    pub user: Option<String>,
    pub limit: usize,
}

#[async_trait]
pub trait AuditStore {
    async fn record_audit(&self, entry: &AuditEntry) -> Result<()>;
    /// Entries newest first (the later of two at the same time first).
    async fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>>;
}
