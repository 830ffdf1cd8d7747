//! The audit log: every change an operator makes through the services is recorded with who
//! made it, from where, and what it changed. The front ends say who the operator is
//! ([`Vulyk::with_operator`]); the site's volunteers are no operators, and their work is in
//! the answers and events, not here.

use super::Vulyk;
use crate::Result;
use crate::domain::{AuditEntry, audit_text};
use crate::store::AuditQuery;

/// Who operates this instance, and through what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// `cli` or `console`.
    pub via: String,
    /// The operating-system user.
    pub user: String,
    pub host: String,
}

/// How many entries `audit list` shows unless told otherwise.
pub const DEFAULT_AUDIT_LIMIT: u32 = 100;

impl Vulyk {
    /// The same platform recording each change it makes as `operator`'s.
    pub fn with_operator(mut self, operator: Operator) -> Self {
        self.operator = Some(std::sync::Arc::new(operator));
        self
    }

    /// Records a change just made, when an operator made it. The change is stored first: a
    /// failure here says the change was made but not recorded.
    pub(super) async fn audit(&self, action: &str, target: &str, change: String) -> Result<()> {
        let Some(operator) = &self.operator else {
            return Ok(());
        };
        let entry = AuditEntry {
            at: self.clock.now(),
            via: operator.via.clone(),
            user: operator.user.clone(),
            host: operator.host.clone(),
            action: action.to_string(),
            target: audit_text(target),
            change: audit_text(&change),
        };
        self.store.record_audit(&entry).await.map_err(|e| {
            crate::Error::store(
                format!("`{action} {target}` was done, but recording it in the audit log failed"),
                e,
            )
        })
    }

    /// The audit log, newest first.
    pub async fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        self.store.audit_entries(query).await
    }
}
