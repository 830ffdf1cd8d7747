//! Backups by `VACUUM INTO`: one read transaction copies the database as it stood when it
//! began. In WAL mode a read never blocks the writer, so volunteers go on answering while it
//! runs; their answers after that moment are in the WAL, not in the snapshot.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use rusqlite::{Connection, OpenFlags};

use super::{SqliteStore, sql_err, wait_for_lock};
use crate::store::{BackupStore, Snapshot, WritersPaused};
use crate::{Error, Result};

#[async_trait]
impl BackupStore for SqliteStore {
    async fn snapshot_into(&self, file: &Path) -> Result<Snapshot> {
        let source = self.path.clone();
        let file = file.to_path_buf();
        tokio::task::spawn_blocking(move || snapshot(&source, &file))
            .await
            .map_err(|e| Error::store("SQLite backup", e))?
    }

    /// None: `VACUUM INTO` reads one moment while the writers go on.
    async fn pause_writers(&self) -> Result<Option<WritersPaused>> {
        Ok(None)
    }

    async fn resume_writers(&self, _paused: WritersPaused) -> Result<()> {
        Ok(())
    }
}

/// On a connection of its own: the store's reader is not held up for the whole copy.
fn snapshot(source: &Path, file: &PathBuf) -> Result<Snapshot> {
    let conn = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::store(format!("SQLite: cannot read {}", source.display()), e))?;
    conn.busy_handler(Some(wait_for_lock)).map_err(sql_err)?;
    let target = file
        .to_str()
        .ok_or_else(|| Error::invalid(format!("{}: not a UTF-8 path", file.display())))?;
    let copied = conn
        .execute("VACUUM INTO ?1", [target])
        .map_err(|e| Error::Store {
            message: format!("SQLite: cannot write the backup {}", file.display()),
            source: Some(Box::new(e)),
        });
    if let Err(e) = copied {
        let _ = std::fs::remove_file(file);
        return Err(e);
    }
    // VACUUM INTO writes without syncing: a backup is only one once it is on the disk.
    std::fs::File::open(file)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(file, e))?;
    check(file)
}

/// Opens the written file on its own, as a restore would, and reads what it holds.
fn check(file: &Path) -> Result<Snapshot> {
    let unreadable = |e| {
        Error::store(
            format!("SQLite: the backup {} cannot be read", file.display()),
            e,
        )
    };
    let conn =
        Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(unreadable)?;
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(unreadable)?;
    if verdict != "ok" {
        return Err(Error::store_msg(format!(
            "the backup {} failed SQLite's integrity check: {verdict}",
            file.display()
        )));
    }
    let count = |table: &str| -> Result<u64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n.max(0) as u64)
        .map_err(unreadable)
    };
    Ok(Snapshot {
        bytes: std::fs::metadata(file)
            .map_err(|e| Error::io(file, e))?
            .len(),
        tasks: count("tasks")?,
        answers: count("answers")?,
    })
}
