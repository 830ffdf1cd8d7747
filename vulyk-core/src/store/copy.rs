//! Copying a whole store into another (`vulyk db copy`), area by area, whatever the backends.
//!
//! An area travels as rows of the embedded schema's table of the same name: that schema is
//! flat and typed, so it is the one neutral form every backend reads its data into and
//! writes it from (`sqlite/copy.rs` does so with no conversion). The target notes how far
//! each area got ([`CopyMark`]), in the same step as the rows where the backend can, so
//! that a copy that stops is continued exactly, never doubled.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::Result;

/// One area of the store: a table of the embedded schema and its columns, in order.
#[derive(Debug, PartialEq, Eq)]
pub struct Area {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    /// The columns a copy's checksum covers (none: only counted). A row's position in its
    /// backend (`seq`) is left out: it is the backend's own.
    pub checked: &'static [&'static str],
    /// Rows that die on their own: the column of a time (Unix ms) and how long past it a row
    /// lives. A MongoDB store deletes them then (TTL indexes), SQLite at its next use; a copy
    /// compares only the rows alive at one moment.
    pub lives: Option<(&'static str, i64)>,
}

impl Area {
    /// Whether the row is alive at `at_ms`; every row of an area whose rows do not die is.
    pub fn alive(&self, row: &Row, at_ms: i64) -> bool {
        let Some((column, after)) = self.lives else {
            return true;
        };
        let at = self.columns.iter().position(|c| *c == column);
        match at.and_then(|i| row.get(i)) {
            Some(Cell::Int(time)) => time.saturating_add(after) > at_ms,
            _ => true,
        }
    }
}

impl Area {
    /// The area of this name (tests pick areas by name).
    #[cfg(test)]
    pub fn named(name: &str) -> Option<&'static Area> {
        AREAS.iter().find(|area| area.name == name)
    }
}

/// A value of one column of a row, as the embedded schema types it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Cell {
    /// About how many bytes the value takes, to keep pages of large rows small.
    pub fn size(&self) -> usize {
        match self {
            Cell::Null => 1,
            Cell::Int(_) | Cell::Real(_) => 8,
            Cell::Text(text) => text.len(),
            Cell::Blob(bytes) => bytes.len(),
        }
    }
}

/// A row, one cell per column of its area.
pub type Row = Vec<Cell>;

/// Rows of an area read from a store, and where the next page starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub rows: Vec<Row>,
    /// The position after the last row, in the reading store's own terms (for its next
    /// page only); `None` when the page is empty.
    pub last: Option<String>,
}

/// How much one page may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimit {
    pub rows: usize,
    /// A page ends after the row that reaches this many bytes.
    pub bytes: usize,
}

impl PageLimit {
    /// Adds `row` to a page that holds `bytes` so far; whether the page is now full by its
    /// bytes (a page ends after the row that reaches the limit).
    pub fn add(&self, rows: &mut Vec<Row>, bytes: &mut usize, row: Row) -> bool {
        *bytes += row.iter().map(Cell::size).sum::<usize>();
        rows.push(row);
        *bytes >= self.bytes
    }
}

impl Default for PageLimit {
    fn default() -> Self {
        PageLimit {
            rows: 2_000,
            bytes: 4 << 20,
        }
    }
}

/// How far a copy into a store got in one area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyMark {
    pub area: String,
    /// The store copied from (a path, or a URL without its password).
    pub source: String,
    /// Where the source's next page starts ([`Page::last`]); `None` before the first.
    pub after: Option<String>,
    pub rows: u64,
    /// The [`Checksum`] of the rows copied so far, in hex.
    pub checksum: String,
    /// Every row of the area is copied.
    pub finished: bool,
}

/// Which end of a copy a store is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopySide {
    /// Read from, each row once.
    Source,
    /// Written into, then read back once for the check.
    Target,
}

#[async_trait]
pub trait CopyStore {
    /// This store is about to be one `side` of a copy: it may keep less in memory for it
    /// than for its everyday work, where what was read is read again, for as long as it is
    /// open (a copy opens the stores it copies between itself).
    async fn begin_copy(&self, _side: CopySide) -> Result<()> {
        Ok(())
    }

    /// The rows of `area` after `after` (from the start when `None`), in this store's order.
    async fn copy_out(
        &self,
        area: &'static Area,
        after: Option<String>,
        limit: PageLimit,
    ) -> Result<Page>;

    /// Adds `rows` to `area` (a row already stored is left as it is) and keeps `mark` as how
    /// far the copy got.
    async fn copy_in(&self, area: &'static Area, rows: Vec<Row>, mark: CopyMark) -> Result<()>;

    /// The marks of a copy into this store that has not finished.
    async fn copy_marks(&self) -> Result<Vec<CopyMark>>;

    /// Forgets the marks: the copy is finished and checked.
    async fn forget_copy_marks(&self) -> Result<()>;

    /// How many rows of `area` are alive at `at` ([`Area::lives`]): all of most areas.
    async fn count_rows(&self, area: &'static Area, at: DateTime<Utc>) -> Result<u64>;

    /// Why this store cannot be copied from as it is (work it has half done), if so.
    async fn unsettled(&self) -> Result<Option<String>> {
        Ok(None)
    }

    /// Why this store keeps no rows of `area`, if it keeps none: a copy into it refuses a
    /// source that has some.
    fn keeps_none_of(&self, area: &Area) -> Option<&'static str> {
        let _ = area;
        None
    }
}

/// A checksum of a set of rows that does not depend on their order (each backend reads in
/// its own): the sum, modulo 2²⁵⁶, of each row's SHA-256 over its checked columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checksum([u8; 32]);

impl Checksum {
    pub fn add_row(&mut self, area: &Area, row: &Row) {
        let mut hash = Sha256::new();
        for (column, cell) in area.columns.iter().zip(row) {
            if !area.checked.contains(column) {
                continue;
            }
            match cell {
                Cell::Null => hash.update([0]),
                Cell::Int(n) => {
                    hash.update([1]);
                    hash.update(n.to_le_bytes());
                }
                Cell::Real(x) => {
                    hash.update([2]);
                    hash.update(x.to_bits().to_le_bytes());
                }
                Cell::Text(text) => {
                    hash.update([3]);
                    hash.update((text.len() as u64).to_le_bytes());
                    hash.update(text.as_bytes());
                }
                Cell::Blob(bytes) => {
                    hash.update([4]);
                    hash.update((bytes.len() as u64).to_le_bytes());
                    hash.update(bytes);
                }
            }
        }
        let row_hash: [u8; 32] = hash.finalize().into();
        let mut carry = 0u16;
        for (sum, byte) in self.0.iter_mut().zip(row_hash).rev() {
            let total = u16::from(*sum) + u16::from(byte) + carry;
            *sum = total as u8;
            carry = total >> 8;
        }
    }

    pub fn to_hex(self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The checksum written by [`Checksum::to_hex`]; `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Checksum> {
        if text.len() != 64 || !text.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Checksum(bytes))
    }
}

macro_rules! area {
    ($name:literal, [$($column:literal),+ $(,)?]) => {
        Area { name: $name, columns: &[$($column),+], checked: &[], lives: None }
    };
    ($name:literal, [$($column:literal),+ $(,)?], checked [$($checked:literal),+]) => {
        Area { name: $name, columns: &[$($column),+], checked: &[$($checked),+], lives: None }
    };
    ($name:literal, [$($column:literal),+ $(,)?], lives ($time:literal, $after:expr)) => {
        Area { name: $name, columns: &[$($column),+], checked: &[], lives: Some(($time, $after)) }
    };
}

/// How long a sign-in counter's window is kept: a MongoDB store's TTL index drops it a day
/// after it began.
const ATTEMPTS_LIVE_MS: i64 = 86_400_000;

/// Every area, in the order a copy takes them: what a row refers to comes before it, and
/// the answers come before the tasks (a MongoDB task lists who answered it).
pub const AREAS: &[Area] = &[
    area!("groups", ["id", "description"]),
    area!("group_types", ["group_id", "task_type"]),
    area!(
        "users",
        [
            "id",
            "username",
            "email",
            "name",
            "active",
            "admin",
            "password_hash",
            "processed",
            "created_at"
        ]
    ),
    area!("user_groups", ["user_id", "group_id"]),
    area!(
        "batches",
        [
            "id",
            "task_type",
            "tasks_count",
            "tasks_processed",
            "closed",
            "loading",
            "meta",
            "answers"
        ]
    ),
    area!("batch_histogram", ["batch", "users_count", "tasks"]),
    area!("load_runs", ["id", "batch", "first_seq"]),
    area!(
        "answers",
        [
            "seq",
            "id",
            "task_id",
            "task_type",
            "user_id",
            "created_at",
            "result"
        ],
        checked["id", "task_id", "task_type", "user_id", "created_at", "result"]
    ),
    area!(
        "tasks",
        [
            "seq",
            "id",
            "task_type",
            "batch",
            "users_count",
            "closed",
            "load_run",
            "task_data",
            "closed_at"
        ],
        checked["id", "task_type", "batch", "users_count", "closed", "task_data", "closed_at"]
    ),
    area!(
        "leases",
        ["task_id", "user_id", "task_type", "expires_at", "counts"]
    ),
    area!("skips", ["user_id", "task_id"]),
    area!(
        "unpaid_answers",
        [
            "user_id",
            "task_id",
            "answer_id",
            "task_type",
            "batch",
            "at",
            "pays"
        ]
    ),
    area!(
        "work_sessions",
        [
            "id",
            "user_id",
            "task_id",
            "task_type",
            "answer_id",
            "start_time",
            "end_time",
            "activity"
        ]
    ),
    area!("answer_counts", ["task_type", "user_id", "answers"]),
    area!(
        "web_sessions",
        ["key_hash", "user_id", "created_ms", "expires_ms"],
        lives("expires_ms", 0)
    ),
    area!(
        "api_tokens",
        ["id", "user_id", "name", "hash", "created_ms"]
    ),
    area!(
        "attempts",
        ["key", "window_ms", "count"],
        lives("window_ms", ATTEMPTS_LIVE_MS)
    ),
    area!("identities", ["provider", "subject", "user_id"]),
    area!(
        "rules",
        [
            "id",
            "task_type",
            "badge",
            "name",
            "description",
            "bonus",
            "tasks_number",
            "days_number",
            "is_weekend",
            "is_adjacent"
        ]
    ),
    area!(
        "funds",
        [
            "id",
            "name",
            "description",
            "site",
            "email",
            "donatable",
            "logo",
            "logo_type"
        ]
    ),
    area!(
        "user_states",
        [
            "user_id",
            "level",
            "points",
            "actual_coins",
            "potential_coins",
            "last_changed",
            "version"
        ]
    ),
    area!("user_achievements", ["user_id", "rule_id"]),
    area!("batch_coins", ["user_id", "batch", "coins", "made_real"]),
    area!(
        "events",
        [
            "seq",
            "id",
            "user_id",
            "at",
            "answer_id",
            "points",
            "coins",
            "achievements",
            "fund",
            "level",
            "viewed"
        ]
    ),
    area!(
        "gold_tasks",
        [
            "seq",
            "id",
            "task_type",
            "batch",
            "data",
            "answer",
            "created_at"
        ]
    ),
    area!(
        "gold_answers",
        [
            "user_id",
            "gold_id",
            "task_type",
            "result",
            "judged",
            "correct",
            "created_at"
        ]
    ),
    area!(
        "gold_leases",
        [
            "user_id",
            "task_type",
            "gold_id",
            "expires_at",
            "handed_at",
            "activity"
        ]
    ),
    area!(
        "export_cursors",
        [
            "name",
            "task_type",
            "batch",
            "position",
            "advanced_at",
            "include_open"
        ]
    ),
    area!(
        "audit_log",
        [
            "seq", "at", "via", "user", "host", "action", "target", "change"
        ]
    ),
    area!(
        "webhook_deliveries",
        [
            "id",
            "hook",
            "event_id",
            "kind",
            "event_at",
            "payload",
            "status",
            "attempts",
            "next_attempt_at",
            "last_error",
            "claim",
            "delivered_at"
        ]
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str) -> Row {
        let area = Area::named("tasks").unwrap();
        area.columns
            .iter()
            .map(|column| match *column {
                "id" => Cell::Text(id.into()),
                "seq" => Cell::Int(id.len() as i64),
                _ => Cell::Null,
            })
            .collect()
    }

    #[test]
    fn a_checksum_is_the_same_in_any_order_and_ignores_the_backends_own_columns() {
        let area = Area::named("tasks").unwrap();
        let (mut forward, mut backward) = (Checksum::default(), Checksum::default());
        for id in ["a", "bb", "ccc"] {
            forward.add_row(area, &task(id));
        }
        for id in ["ccc", "bb", "a"] {
            backward.add_row(area, &task(id));
        }
        assert_eq!(forward, backward);
        let mut other_seq = Checksum::default();
        for id in ["ccc", "bb", "a"] {
            let mut row = task(id);
            row[0] = Cell::Int(99);
            other_seq.add_row(area, &row);
        }
        assert_eq!(forward, other_seq);
        let mut fewer = Checksum::default();
        for id in ["a", "bb"] {
            fewer.add_row(area, &task(id));
        }
        assert_ne!(forward, fewer);
        assert_eq!(Checksum::from_hex(&forward.to_hex()), Some(forward));
        assert_eq!(Checksum::from_hex("zz"), None);
    }

    #[test]
    fn every_areas_checked_columns_are_its_columns_and_names_are_unique() {
        for (i, area) in AREAS.iter().enumerate() {
            assert!(
                area.checked.iter().all(|c| area.columns.contains(c)),
                "{}",
                area.name
            );
            assert!(
                AREAS[..i].iter().all(|other| other.name != area.name),
                "{}",
                area.name
            );
        }
    }
}
