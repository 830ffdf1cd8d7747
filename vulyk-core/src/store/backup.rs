//! Backups: a consistent copy of the whole store in one SQLite file, taken while the site
//! keeps serving.

use std::path::Path;

use async_trait::async_trait;

use crate::Result;

/// What a snapshot holds, read back from the file once it is written: the file is known to
/// open and to pass SQLite's integrity check before anyone relies on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub bytes: u64,
    pub tasks: u64,
    pub answers: u64,
}

#[async_trait]
pub trait BackupStore {
    /// Writes everything the store holds, as it stood at one moment, into a new SQLite
    /// database at `file` (which must not exist), synced to disk and checked.
    async fn snapshot_into(&self, file: &Path) -> Result<Snapshot>;
}
