//! The embedded backend: one SQLite file in WAL mode. The store writes through one connection
//! and reads through a second, each on a thread of its own (`worker.rs`), never on the async
//! workers; loads write on connections of their own.

mod audit;
mod backup;
mod batches;
mod checkpoint;
mod copy;
mod cursors;
mod export;
mod funds;
mod gold;
mod groups;
mod leases;
mod load;
mod report;
mod rewards;
mod rules;
mod schema;
mod sign_in;
mod users;
mod webhooks;
mod work;
mod worker;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::Store;
use crate::{Error, Result};

/// Page cache per connection. A load's random writes go to the unique index on task ids
/// (~40 MB per million tasks); keeping that index in cache is what keeps loading fast.
pub(super) const CACHE_KIB: i64 = 64 * 1024;
const STATEMENT_CACHE: usize = 256;
const BUSY_TIMEOUT_MS: u64 = 10_000;
/// Large pages make a bulk load's random writes to the id index cheaper (a sixth faster, and
/// what keeps bzip2 loads within 1.2× of decompression). Every page a transaction changes is
/// written whole to the WAL, so a hand-out + answer cycle pays for them: 4 KiB pages made it
/// 1.5× faster but loads a fifth slower (BENCHMARKS.md); the cycle stays well under its
/// millisecond target with 16 KiB.
const PAGE_SIZE: i64 = 16 * 1024;
/// A WAL that started over is cut back to this size by its next write. Without a limit the
/// file keeps the largest size it ever had: disk space, and a load (which restarts the WAL
/// past this size, `load.rs`) would find it too long at every commit after one large load.
/// The site's WAL restarts near 64 MiB, well below: cutting it back at every restart made the
/// writer free and allocate blocks all the time (p99 of the HTTP bench 22 → 45 ms).
pub(super) const WAL_KEEP_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Clone)]
pub struct SqliteStore {
    path: PathBuf,
    /// The connection that writes, on a thread of its own (see `worker.rs`).
    conn: Arc<worker::Worker>,
    /// A second connection, for reads: in WAL mode they see every committed write and never
    /// wait for the writer, so sign-in lookups and lists do not queue behind hand-outs.
    reader: Arc<worker::Worker>,
    /// Loads in progress, by run id, each on a connection of its own (see `load.rs`).
    loads: Arc<Mutex<HashMap<i64, Arc<Mutex<load::LoadSession>>>>>,
    /// Copies the WAL into the database file while `conn` goes on writing.
    checkpointer: Arc<checkpoint::Checkpointer>,
    /// Tests make loads run out of room (`max_page_count`) and commit often.
    #[cfg(test)]
    load_tuning: Arc<Mutex<load::Tuning>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

pub(super) fn sql_err(e: rusqlite::Error) -> Error {
    Error::store("SQLite", e)
}

/// Times are stored as milliseconds since the epoch.
pub(super) fn ms(time: chrono::DateTime<chrono::Utc>) -> i64 {
    time.timestamp_millis()
}

pub(super) fn from_ms(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The first row of a query, prepared once per connection.
pub(super) fn first<T>(
    c: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
    row: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    use rusqlite::OptionalExtension;
    c.prepare_cached(sql)
        .and_then(|mut stmt| stmt.query_row(params, row).optional())
        .map_err(sql_err)
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self> {
        let owned = path.to_path_buf();
        let (conn, reader, checkpointer) = tokio::task::spawn_blocking(move || {
            // No automatic checkpoint inside the writer's commits: the checkpoint thread
            // copies the WAL and has the writer start it over (`checkpoint.rs`).
            let conn = open_connection(&owned)?;
            conn.pragma_update(None, "wal_autocheckpoint", 0)
                .map_err(sql_err)?;
            // Inside a group's transaction (`worker.rs`) a statement that may change several
            // rows keeps the pages it changes in a statement journal, to undo itself alone:
            // in memory, not a temporary file made and deleted each time (with savepoints
            // per job that file was a tenth of the writer's time).
            conn.pragma_update(None, "temp_store", "MEMORY")
                .map_err(sql_err)?;
            let conn = Arc::new(worker::Worker::start(conn)?);
            let reader = open_connection(&owned)?;
            let checkpointer =
                checkpoint::Checkpointer::start(open_connection(&owned)?, Arc::downgrade(&conn))?;
            Ok::<_, Error>((conn, reader, checkpointer))
        })
        .await
        .map_err(|e| Error::store("opening SQLite", e))??;
        Ok(SqliteStore {
            path: path.to_path_buf(),
            conn,
            reader: Arc::new(worker::Worker::start(reader)?),
            loads: Arc::default(),
            checkpointer: Arc::new(checkpointer),
            #[cfg(test)]
            load_tuning: Arc::default(),
        })
    }

    /// Runs `f` with the connection, on its thread.
    async fn call<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        self.conn.call(f).await
    }

    /// Runs `f`, which only reads, with the reading connection.
    async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        self.reader.call(f).await
    }

    fn load_session(&self, run: i64) -> Result<Arc<Mutex<load::LoadSession>>> {
        self.loads
            .lock()
            .map_err(|_| Error::store_msg("SQLite load registry lock poisoned"))?
            .get(&run)
            .cloned()
            .ok_or_else(|| Error::store_msg(format!("load run {run} was not begun on this store")))
    }

    fn take_load_session(&self, run: i64) -> Result<Option<Arc<Mutex<load::LoadSession>>>> {
        Ok(self
            .loads
            .lock()
            .map_err(|_| Error::store_msg("SQLite load registry lock poisoned"))?
            .remove(&run))
    }

    /// Runs `f` on a load's own connection, on the blocking pool.
    async fn with_session<T, F>(&self, session: Arc<Mutex<load::LoadSession>>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut load::LoadSession) -> Result<T> + Send + 'static,
    {
        tokio::task::spawn_blocking(move || {
            let mut guard = session
                .lock()
                .map_err(|_| Error::store_msg("SQLite load session lock poisoned"))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| Error::store("SQLite background call", e))?
    }
}

/// Waits while another connection holds a lock: short naps first, then longer ones, and
/// gives up after about [`BUSY_TIMEOUT_MS`]. SQLite's own timeout sleeps 1, 2, 5, 10, 15,
/// 20 ms…: a writer that met a checkpoint's restart of the WAL (a few milliseconds) slept
/// 53 ms, and every volunteer's request waited behind it.
pub(super) fn wait_for_lock(attempt: i32) -> bool {
    const SHORT_NAPS: u64 = 50;
    const SHORT: std::time::Duration = std::time::Duration::from_micros(200);
    const LONG: std::time::Duration = std::time::Duration::from_millis(5);
    let attempt = u64::try_from(attempt).unwrap_or(0);
    let waited = if attempt < SHORT_NAPS {
        SHORT * attempt as u32
    } else {
        SHORT * SHORT_NAPS as u32 + LONG * (attempt - SHORT_NAPS) as u32
    };
    if waited >= std::time::Duration::from_millis(BUSY_TIMEOUT_MS) {
        return false;
    }
    std::thread::sleep(if attempt < SHORT_NAPS { SHORT } else { LONG });
    true
}

pub(super) fn open_connection(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path).map_err(|e| Error::Store {
        message: format!("cannot open SQLite database {}", path.display()),
        source: Some(Box::new(e)),
    })?;
    conn.busy_handler(Some(wait_for_lock)).map_err(sql_err)?;
    // Takes effect only when the file is new (before the first table exists).
    conn.pragma_update(None, "page_size", PAGE_SIZE)
        .map_err(sql_err)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(sql_err)?;
    // NORMAL in WAL mode survives a process crash; only a power loss may drop the last commit.
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sql_err)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(sql_err)?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)
        .map_err(sql_err)?;
    conn.pragma_update(None, "journal_size_limit", WAL_KEEP_BYTES as i64)
        .map_err(sql_err)?;
    // rusqlite keeps 16 prepared statements by default; a hand-out and an answer alone use
    // more, and a statement pushed out is parsed again on its next use.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    schema::migrate(&mut conn)?;
    Ok(conn)
}

impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }
}

#[cfg(test)]
mod copy_tests;
#[cfg(test)]
mod full_disk_tests;

#[cfg(test)]
impl SqliteStore {
    /// Loads begun from now on run with `tuning`.
    pub(crate) fn tune_loads(&self, tuning: load::Tuning) {
        if let Ok(mut current) = self.load_tuning.lock() {
            *current = tuning;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_waits_for_another_ones_lock_and_gives_up_after_the_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locks.db");
        let holder = open_connection(&path).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let released = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(30));
            holder.execute_batch("COMMIT").unwrap();
        });
        let waiter = open_connection(&path).unwrap();
        waiter
            .execute_batch("BEGIN IMMEDIATE; COMMIT;")
            .expect("waited for the lock instead of failing at once");
        released.join().unwrap();
        // 50 naps of 0.2 ms, then 5 ms each: the 2,048th attempt is past the 10 s.
        assert!(wait_for_lock(2_047));
        assert!(!wait_for_lock(2_048));
    }

    #[tokio::test]
    async fn a_database_from_a_newer_vulyk_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db");
        SqliteStore::open(&path).await.unwrap();
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = SqliteStore::open(&path).await.unwrap_err();
        assert!(
            matches!(&err, Error::Conflict(m) if m.contains("schema version 99")),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn an_unwritable_path_is_a_clear_error() {
        let err = SqliteStore::open(Path::new("/nonexistent/dir/v.db"))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("/nonexistent/dir/v.db"), "{err}");
    }
}
