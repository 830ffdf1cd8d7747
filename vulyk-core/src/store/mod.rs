//! Storage behind traits of domain verbs, one per area, composed into [`Store`], with an
//! embedded (SQLite) backend and, as a feature, a MongoDB one. Each backend implements each
//! area in the file of the same name (`sqlite/work.rs`, `mongo/work.rs`).
//!
//! Operations that must be atomic are one method each, so callers never compose
//! read-then-write; each backend makes them atomic in its own way (one SQLite transaction,
//! one conditional document update in MongoDB). No driver type appears here
//! (ARCHITECTURE.md, invariant 2).

mod audit;
mod backup;
mod batches;
mod copy;
mod cursors;
mod export;
mod funds;
mod gold;
mod groups;
mod layout;
mod load;
#[cfg(feature = "mongodb")]
mod mongo;
mod open;
mod report;
mod rewards;
mod rules;
mod sign_in;
#[cfg(feature = "sqlite")]
mod sqlite;
mod url;
mod users;
mod webhooks;
mod work;

use std::fmt::Debug;

pub use audit::{AuditQuery, AuditStore};
pub use backup::{BackupStore, Snapshot, WritersPaused};
pub use batches::{BatchRemoval, BatchStore};
pub use copy::{AREAS, Area, Cell, Checksum, CopyMark, CopySide, CopyStore, Page, PageLimit, Row};
pub use cursors::{CursorStore, ExportCursor};
pub use export::{
    Author, EXPORT_CHUNK, ExportQuery, ExportStore, ExportWindow, ExportedAnswer, ExportedSession,
    ExportedTask,
};
pub use funds::FundStore;
pub use gold::{GoldDraw, GoldPut, GoldStore};
pub use groups::GroupStore;
pub use layout::{
    DOWNGRADE_UNFINISHED, DowngradeReport, Layout, ORIGINAL_READ_ONLY, OriginalClasses,
    UpgradeReport,
};
pub use load::{BatchStart, InsertOutcome, LoadPlan, LoadStore, LoadTicket};
#[cfg(feature = "mongodb")]
pub use mongo::MongoStore;
pub use open::{downgrade, open, upgrade};
pub use report::{
    ACTIVITY_HOURS, BatchCounters, RankInput, RecentAnswer, ReportStore, SESSION_SAMPLE,
    TypeActivity,
};
pub use rewards::RewardStore;
pub(crate) use rewards::check_donation;
pub use rules::{ProgressQuery, RuleStore};
pub use sign_in::SignInStore;
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteStore;
pub use url::{StoreUrl, parse_url, redact};
pub use users::UserStore;
pub use webhooks::{Claim, DeliveryQuery, Notice, TryOutcome, WebhookStore};
pub use work::{AnswerOutcome, AnswerRequest, ClaimRequest, Interrupted, UnpaidAnswer, WorkStore};

/// How long counted attempts outlive their window: the service's windows are a quarter of an
/// hour, and a one-time token (a sign-in flow's) is checked in the window it was issued in,
/// up to ten minutes later.
pub const ATTEMPTS_KEPT: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// The store's one convention for "not found": a read that finds nothing is `None`; a change
/// to something that is not there is `Error::NotFound` naming it (`missing`), whatever the
/// backend; a `bool` only answers a question (`has_skipped`, whether a donation was covered).
pub(crate) fn found(changed: bool, missing: crate::Error) -> crate::Result<()> {
    if changed { Ok(()) } else { Err(missing) }
}

/// Everything a backend stores, area by area, with the same behaviour in every backend (the
/// conformance suite in `vulyk-testkit/src/conformance/` runs against each).
pub trait Store:
    GroupStore
    + UserStore
    + SignInStore
    + BatchStore
    + LoadStore
    + WorkStore
    + ReportStore
    + ExportStore
    + RuleStore
    + FundStore
    + RewardStore
    + GoldStore
    + CursorStore
    + AuditStore
    + BackupStore
    + WebhookStore
    + CopyStore
    + Send
    + Sync
    + Debug
{
    /// `"sqlite"` or `"mongodb"`.
    fn backend(&self) -> &'static str;

    /// Whether the data is in this version's layout or an original database only read.
    fn layout(&self) -> Layout {
        Layout::Current
    }
}
