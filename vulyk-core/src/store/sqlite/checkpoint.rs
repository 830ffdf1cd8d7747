//! Checkpoints off the writers' path. SQLite's automatic checkpoint runs inside the commit
//! that crosses its threshold, so every thousand pages a writer waits for the copy of the WAL
//! into the database file. A thread with a connection of its own runs passive checkpoints
//! meanwhile: a load's connection turns the automatic one off (and bounds the WAL itself);
//! the store's connection keeps it, and finds most frames already copied.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rusqlite::Connection;

use crate::{Error, Result};

/// How often the checkpointer copies committed WAL frames into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// A thread that runs passive checkpoints until it is dropped.
pub(super) struct Checkpointer {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    pub(super) fn start(conn: Connection) -> Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("vulyk-checkpoint".into())
            .spawn(move || {
                while !stopped.load(Ordering::Relaxed) {
                    std::thread::park_timeout(CHECKPOINT_EVERY);
                    // A failed passive checkpoint only leaves the WAL longer; the next one, or
                    // the main connection's automatic checkpoint, catches up.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .map_err(|e| Error::store("starting the checkpoint thread", e))?;
        Ok(Checkpointer {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}
