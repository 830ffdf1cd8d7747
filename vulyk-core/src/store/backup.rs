//! Backups: a consistent copy of the whole store in one SQLite file, taken while the site
//! keeps serving. SQLite writes its own snapshot of one moment; MongoDB, which reads no
//! moment of itself across documents, pauses every process's writes while the service
//! copies it.

use std::path::Path;

use async_trait::async_trait;
use tokio::task::AbortHandle;

use crate::Result;

/// What a snapshot holds, read back from the file once it is written: the file is known to
/// open and to pass SQLite's integrity check before anyone relies on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub bytes: u64,
    pub tasks: u64,
    pub answers: u64,
}

/// The writers of a store held back for a backup, until [`BackupStore::resume_writers`].
/// Dropped without it, the pause stops beating, and the writers drop it after a few seconds.
#[derive(Debug)]
pub struct WritersPaused {
    token: String,
    beating: AbortHandle,
}

impl WritersPaused {
    /// The pause named `token`, kept alive by the task `beating` until it is dropped.
    pub fn new(token: String, beating: AbortHandle) -> Self {
        WritersPaused { token, beating }
    }

    pub fn token(&self) -> &str {
        &self.token
    }
}

impl Drop for WritersPaused {
    fn drop(&mut self) {
        self.beating.abort();
    }
}

#[async_trait]
pub trait BackupStore {
    /// Writes everything the store holds, as it stood at one moment, into a new SQLite
    /// database at `file` (which must not exist), synced to disk and checked.
    async fn snapshot_into(&self, file: &Path) -> Result<Snapshot>;

    /// Holds back every process's writes to the store, once those under way are done; `None`
    /// when the store needs no pause because it writes its own snapshot (`snapshot_into`).
    async fn pause_writers(&self) -> Result<Option<WritersPaused>>;

    /// Lets the writers go on.
    async fn resume_writers(&self, paused: WritersPaused) -> Result<()>;
}
