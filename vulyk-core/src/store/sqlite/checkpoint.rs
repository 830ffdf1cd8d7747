//! Checkpoints off the writers' path, and a WAL that starts over without long waits.
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses its threshold: the
//! writer waits for the copy of the WAL into the database file and for its fsyncs, and every
//! volunteer's request waits behind the writer. So the store's writer has it turned off (as a
//! load's connection has), and a thread with a connection of its own runs passive
//! checkpoints, which copy committed frames while the writer goes on.
//!
//! Copying is not enough to bound the WAL: the file only starts over when a write begins
//! after everything was copied, which back-to-back transactions never allow. So when the WAL
//! has grown past [`RESTART_FRAMES`], the thread catches up with the writer and asks it,
//! through its queue, for a `RESTART` checkpoint between two of its transactions, which then
//! has only the last moments' frames to copy. Readers in the middle of a long read (an
//! export) would make it wait; it waits [`RESTART_PATIENCE`] at most, and the thread asks
//! again only after [`RETRY_AFTER_BUSY`].

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::worker::Worker;
use crate::{Error, Result};

/// How often the checkpointer copies committed WAL frames into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);
/// 4,096 pages of 16 KiB: past 64 MiB the WAL is made to start over.
const RESTART_FRAMES: i64 = 4_096;
/// How long the writer waits, in its restart, for readers to leave older snapshots.
const RESTART_PATIENCE: Duration = Duration::from_millis(10);
/// At most this many passes to catch up with the writer before a restart…
const CATCH_UP_PASSES: usize = 4;
/// …and a pass this short means the WAL is caught up (its two fsyncs take a few ms).
const CAUGHT_UP: Duration = Duration::from_millis(8);
/// After a restart that met a long reader, the pause before the next attempt.
const RETRY_AFTER_BUSY: Duration = Duration::from_secs(5);

/// A thread that runs passive checkpoints until it is dropped.
pub(super) struct Checkpointer {
    stop: Arc<AtomicBool>,
    cache_asked: Arc<AtomicI64>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// What the thread and the writer's restart jobs share.
#[derive(Default)]
struct Restarts {
    /// A restart job is in the writer's queue: ask for no other.
    pending: AtomicBool,
    /// The last restart met a reader it could not wait for.
    met_reader: AtomicBool,
}

impl Checkpointer {
    /// Starts the thread on `conn`; restarts of the WAL are asked of `writer`.
    pub(super) fn start(conn: Connection, writer: Weak<Worker>) -> Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let mut rounds = Rounds::new(conn, writer);
        let cache_asked = Arc::clone(&rounds.cache_asked);
        let thread = std::thread::Builder::new()
            .name("vulyk-checkpoint".into())
            .spawn(move || {
                while !stopped.load(Ordering::Relaxed) {
                    std::thread::park_timeout(CHECKPOINT_EVERY);
                    rounds.run();
                }
            })
            .map_err(|e| Error::store("starting the checkpoint thread", e))?;
        Ok(Checkpointer {
            stop,
            cache_asked,
            thread: Some(thread),
        })
    }

    /// Has the thread's connection keep a page cache of `kib` KiB from its next round on
    /// (woken for it now). A checkpoint copies the WAL's frames into the file without it,
    /// but the cache's size counts in the budget the store's connections share (`copy.rs`).
    pub(super) fn set_cache(&self, kib: i64) {
        self.cache_asked.store(kib, Ordering::Relaxed);
        if let Some(thread) = &self.thread {
            thread.thread().unpark();
        }
    }
}

/// One round of the thread's work at a time (tests run rounds themselves).
struct Rounds {
    conn: Connection,
    writer: Weak<Worker>,
    restarts: Arc<Restarts>,
    quiet_until: Instant,
    /// A cache size asked for by [`Checkpointer::set_cache`], in KiB; 0 when none is.
    cache_asked: Arc<AtomicI64>,
}

impl Rounds {
    fn new(conn: Connection, writer: Weak<Worker>) -> Self {
        Rounds {
            conn,
            writer,
            restarts: Arc::default(),
            quiet_until: Instant::now(),
            cache_asked: Arc::default(),
        }
    }

    /// A passive checkpoint; a restart asked of the writer when the WAL is long.
    fn run(&mut self) {
        let kib = self.cache_asked.swap(0, Ordering::Relaxed);
        if kib > 0 {
            // Left as it was if this fails: the copy only takes more memory.
            let _ = self.conn.pragma_update(None, "cache_size", -kib);
        }
        // A failed passive checkpoint only leaves the WAL longer; the next one catches up.
        let frames: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get(1))
            .unwrap_or(0);
        if self.restarts.met_reader.swap(false, Ordering::Relaxed) {
            self.quiet_until = Instant::now() + RETRY_AFTER_BUSY;
        }
        if frames > RESTART_FRAMES
            && Instant::now() >= self.quiet_until
            && !self.restarts.pending.swap(true, Ordering::Relaxed)
        {
            catch_up(&self.conn);
            ask_for_restart(&self.writer, &self.restarts);
        }
    }
}

/// Passive checkpoints back to back until one is quick: each copies what the writer added
/// during the one before, so the restart that follows finds little left to copy (measured:
/// a restart right after one 100 ms pass held the writer ~30 ms; after catching up, 5–9 ms).
fn catch_up(conn: &Connection) {
    for _ in 0..CATCH_UP_PASSES {
        let started = Instant::now();
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        if started.elapsed() < CAUGHT_UP {
            return;
        }
    }
}

fn ask_for_restart(writer: &Weak<Worker>, restarts: &Arc<Restarts>) {
    let Some(writer) = writer.upgrade() else {
        return;
    };
    let restarts = Arc::clone(restarts);
    writer.submit(move |conn| {
        let busy = restart_wal(conn);
        restarts.met_reader.store(busy, Ordering::Relaxed);
        restarts.pending.store(false, Ordering::Relaxed);
    });
}

/// Checkpoints everything and lets the next write start the WAL over; `true` when a reader
/// held on longer than [`RESTART_PATIENCE`] (the WAL then goes on growing for now).
pub(super) fn restart_wal(conn: &mut Connection) -> bool {
    let _ = conn.busy_handler(Some(wait_briefly));
    let restarted = conn
        .query_row("PRAGMA wal_checkpoint(RESTART)", [], |row| {
            row.get::<_, i64>(0)
        })
        .is_ok_and(|busy| busy == 0);
    let _ = conn.busy_handler(Some(super::wait_for_lock));
    !restarted
}

/// A busy handler that gives up after [`RESTART_PATIENCE`], in naps of 0.2 ms.
fn wait_briefly(attempt: i32) -> bool {
    const NAP: Duration = Duration::from_micros(200);
    let naps = RESTART_PATIENCE.as_micros() / NAP.as_micros();
    if u128::try_from(attempt).unwrap_or(0) >= naps {
        return false;
    }
    std::thread::sleep(NAP);
    true
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::sql_err;

    fn open(path: &std::path::Path) -> Connection {
        let conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.busy_handler(Some(super::super::wait_for_lock))
            .unwrap();
        conn
    }

    /// Frames in the WAL now (a passive checkpoint reports them and waits for nobody).
    fn wal_frames(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get(1))
            .unwrap()
    }

    /// Adds `pages` pages of 4 KiB (the tests' page size) to the table.
    fn write_pages(conn: &Connection, pages: i64) -> Result<()> {
        conn.execute(
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?1)
             INSERT INTO t (pad) SELECT zeroblob(4000) FROM s",
            [pages],
        )
        .map(drop)
        .map_err(sql_err)
    }

    async fn writer_on(path: &std::path::Path) -> Arc<Worker> {
        let writer = Arc::new(Worker::start(open(path)).unwrap());
        writer
            .call(|c| {
                c.execute_batch("CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB)")
                    .map_err(sql_err)
            })
            .await
            .unwrap();
        writer
    }

    #[tokio::test]
    async fn a_cache_size_asked_for_is_taken_at_the_next_round() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        let writer = writer_on(&path).await;
        let mut rounds = Rounds::new(open(&path), Arc::downgrade(&writer));
        let cache = |rounds: &Rounds| -> i64 {
            rounds
                .conn
                .pragma_query_value(None, "cache_size", |row| row.get(0))
                .unwrap()
        };
        let usual = cache(&rounds);
        rounds.run();
        assert_eq!(cache(&rounds), usual, "nothing asked, nothing changed");
        rounds.cache_asked.store(512, Ordering::Relaxed);
        rounds.run();
        assert_eq!(cache(&rounds), -512);
    }

    #[test]
    fn a_restart_lets_the_next_write_start_the_wal_over_unless_a_reader_holds_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("restart.db");
        let mut writer = open(&path);
        writer
            .execute_batch("CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB)")
            .unwrap();
        write_pages(&writer, 200).unwrap();
        // A reader in the middle of a long read, on a snapshot that needs the WAL's frames.
        let reader = open(&path);
        reader
            .execute_batch("BEGIN; SELECT COUNT(*) FROM t;")
            .unwrap();
        write_pages(&writer, 10).unwrap();
        assert!(restart_wal(&mut writer), "a reader held on");
        write_pages(&writer, 10).unwrap();
        let frames = wal_frames(&writer);
        assert!(frames > 200, "the WAL went on: {frames} frames");

        reader.execute_batch("COMMIT").unwrap();
        assert!(!restart_wal(&mut writer));
        write_pages(&writer, 10).unwrap();
        let frames = wal_frames(&writer);
        assert!(frames < 50, "the WAL started over: {frames} frames");
    }

    #[tokio::test]
    async fn a_long_wal_is_restarted_by_the_writer_between_its_transactions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.db");
        let writer = writer_on(&path).await;
        let mut rounds = Rounds::new(open(&path), Arc::downgrade(&writer));
        // Short of the threshold: a round copies, and asks for nothing.
        writer
            .write(|c| write_pages(c, RESTART_FRAMES / 2))
            .await
            .unwrap();
        rounds.run();
        assert!(!rounds.restarts.pending.load(Ordering::Relaxed));
        // Past it, with a reader reading all along: the round has the writer restart, the
        // next write starts the WAL over.
        writer
            .write(|c| write_pages(c, RESTART_FRAMES))
            .await
            .unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let reading = {
            let (stop, reader) = (Arc::clone(&stop), open(&path));
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let _: i64 = reader
                        .query_row("SELECT COUNT(*) FROM t", [], |row| row.get(0))
                        .unwrap();
                }
            })
        };
        // The reader's reads are short, but a busy machine may pause it mid-read for longer
        // than the restart waits: tries, as the thread would make over time — each after the
        // quiet period that a restart which met the reader starts (else `run` would not ask
        // again). Tries until a deadline, not a count: with the test threads of a whole
        // `cargo test` on two cores, twenty tries in a row met the reader (seen once).
        let mut frames = i64::MAX;
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            rounds.restarts.met_reader.store(false, Ordering::Relaxed);
            rounds.quiet_until = Instant::now();
            rounds.run();
            writer.write(|c| write_pages(c, 10)).await.unwrap();
            frames = writer.call(|c| Ok(wal_frames(c))).await.unwrap();
            if frames < 100 {
                break;
            }
        }
        stop.store(true, Ordering::Relaxed);
        reading.join().unwrap();
        assert!(frames < 100, "{frames} frames after the restart");
        assert!(!rounds.restarts.pending.load(Ordering::Relaxed));
    }

    #[tokio::test]
    async fn a_restart_that_met_a_long_reader_is_not_asked_again_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("patient.db");
        let writer = writer_on(&path).await;
        let mut rounds = Rounds::new(open(&path), Arc::downgrade(&writer));
        writer
            .write(|c| write_pages(c, RESTART_FRAMES + 10))
            .await
            .unwrap();
        let reader = open(&path);
        reader
            .execute_batch("BEGIN; SELECT COUNT(*) FROM t;")
            .unwrap();
        writer.write(|c| write_pages(c, 10)).await.unwrap();
        rounds.run();
        // The restart job ran before this call (queue order) and met the reader.
        writer.call(|_| Ok(())).await.unwrap();
        assert!(rounds.restarts.met_reader.load(Ordering::Relaxed));
        rounds.run();
        assert!(
            rounds.quiet_until > Instant::now(),
            "a pause before the next try"
        );
        assert!(
            !rounds.restarts.pending.load(Ordering::Relaxed),
            "nothing asked"
        );
        reader.execute_batch("COMMIT").unwrap();
    }
}
