//! Loading. Tasks and the batch's count change in the same transactions, so the count equals
//! the batch's stored tasks at every moment, also after a `kill -9`.
//!
//! A load writes through a connection of its own ([`LoadSession`]) and commits every
//! [`COMMIT_ROWS`] rows or [`COMMIT_INTERVAL`], not every chunk: each commit rewrites every
//! page of the random-keyed id index that the transaction touched, so small transactions
//! rewrite that index again and again. Measured on 1M tasks: 4,096-row transactions ran at
//! less than half the rate of 65,536-row ones, and 262,144 rows beat 65,536 by a quarter;
//! larger ones spill the cache and get slower again. Other connections keep reading meanwhile
//! (WAL); their writes wait at most one interval, which is why it is short.

use std::time::{Duration, Instant};

use async_trait::async_trait;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::SqliteStore;
use super::open_connection;
use super::{batches, checkpoint, sql_err};
use crate::domain::{Batch, NewTask};
use crate::store::LoadStore;
use crate::store::{BatchStart, InsertOutcome, LoadPlan, LoadTicket};
use crate::{Error, Result};
use std::sync::{Arc, Mutex};

#[async_trait]
impl LoadStore for SqliteStore {
    async fn begin_load(&self, plan: &LoadPlan) -> Result<LoadTicket> {
        let plan = plan.clone();
        let path = self.path.clone();
        #[cfg(test)]
        let tuning = *self
            .load_tuning
            .lock()
            .map_err(|_| Error::store_msg("load tuning lock poisoned"))?;
        let (ticket, session) = self
            .call(move |c| {
                let ticket = begin(c, &plan)?;
                #[allow(unused_mut)]
                let mut session = LoadSession::new(open_connection(&path)?, &path)?;
                #[cfg(test)]
                session.tune(tuning)?;
                Ok((ticket, session))
            })
            .await?;
        self.loads
            .lock()
            .map_err(|_| Error::store_msg("SQLite load registry lock poisoned"))?
            .insert(ticket.run, Arc::new(Mutex::new(session)));
        Ok(ticket)
    }

    async fn insert_tasks(
        &self,
        ticket: &LoadTicket,
        tasks: Vec<NewTask>,
    ) -> Result<InsertOutcome> {
        let session = self.load_session(ticket.run)?;
        let ticket = ticket.clone();
        self.with_session(session, move |s| s.insert(&ticket, &tasks))
            .await
    }

    async fn finish_load(&self, ticket: &LoadTicket) -> Result<Batch> {
        if let Some(session) = self.take_load_session(ticket.run)? {
            self.with_session(session, LoadSession::commit).await?;
        }
        let ticket = ticket.clone();
        self.call(move |c| finish(c, &ticket)).await
    }

    async fn abort_load(&self, ticket: &LoadTicket) -> Result<()> {
        if let Some(session) = self.take_load_session(ticket.run)? {
            self.with_session(session, LoadSession::rollback).await?;
        }
        let ticket = ticket.clone();
        self.call(move |c| abort(c, &ticket)).await
    }

    async fn stop_load(&self, ticket: &LoadTicket) -> Result<()> {
        // Tasks and the count change in the same transactions: what is committed agrees, and
        // what is not goes with the transaction.
        if let Some(session) = self.take_load_session(ticket.run)? {
            self.with_session(session, LoadSession::rollback).await?;
        }
        Ok(())
    }

    async fn load_idle(&self, ticket: &LoadTicket) -> Result<()> {
        let session = self.load_session(ticket.run)?;
        self.with_session(session, LoadSession::commit_if_due).await
    }
}

pub(super) fn begin(c: &mut Connection, plan: &LoadPlan) -> Result<LoadTicket> {
    let tx = c
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_err)?;
    let existing = batches::get(&tx, &plan.batch_id)?;
    let (created_batch, was_loading) = match (&plan.start, existing) {
        (BatchStart::Create { .. }, Some(_)) => {
            return Err(Error::conflict(format!(
                "batch `{}` already exists",
                plan.batch_id
            )));
        }
        (BatchStart::Create { meta }, None) => {
            let meta =
                serde_json::to_string(meta).map_err(|e| Error::store("encoding batch meta", e))?;
            tx.execute(
                "INSERT INTO batches (id, task_type, loading, meta) VALUES (?1, ?2, 1, ?3)",
                params![plan.batch_id, plan.task_type, meta],
            )
            .map_err(sql_err)?;
            (true, false)
        }
        (BatchStart::Reopen, Some(batch)) if batch.task_type == plan.task_type => {
            tx.execute(
                "UPDATE batches SET loading = 1 WHERE id = ?1",
                [&plan.batch_id],
            )
            .map_err(sql_err)?;
            (false, batch.loading)
        }
        (BatchStart::Reopen, _) => {
            return Err(Error::not_found(
                "batch",
                format!("{} of type {}", plan.batch_id, plan.task_type),
            ));
        }
    };
    let first_seq: i64 = tx
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM tasks", [], |row| {
            row.get(0)
        })
        .map_err(sql_err)?;
    tx.execute(
        "INSERT INTO load_runs (batch, first_seq) VALUES (?1, ?2)",
        params![plan.batch_id, first_seq],
    )
    .map_err(sql_err)?;
    let run = tx.last_insert_rowid();
    tx.commit().map_err(sql_err)?;
    Ok(LoadTicket {
        run,
        batch_id: plan.batch_id.clone(),
        task_type: plan.task_type.clone(),
        created_batch,
        was_loading,
    })
}

pub(super) const COMMIT_ROWS: u64 = 262_144;
pub(super) const COMMIT_INTERVAL: Duration = Duration::from_secs(2);
/// An input quiet for this long has paused (a slow pipe): what it gave is committed at once,
/// since no rows are coming to share the commit with.
const QUIET_INPUT: Duration = Duration::from_millis(500);

/// How large the WAL may grow during a load before the writer lets it start over: the size
/// a WAL that started over is cut back to, so a file this long holds that many bytes of
/// frames written since.
const WAL_LIMIT_BYTES: u64 = super::WAL_KEEP_BYTES;

/// The load connection's page cache. A million tasks' id index (~40 MB) and the pages being
/// appended fit; the 64 MiB of the store's other connections put a million-task bzip2 load at
/// 104–110 MB of peak memory against its 100 MB target (BENCHMARKS.md).
const LOAD_CACHE_KIB: i64 = 48 * 1024;

/// What tests change about a load: a database that runs out of room (`max_page_count`, for a
/// deterministic SQLITE_FULL without a small disk) and commits after fewer rows.
#[cfg(test)]
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tuning {
    pub max_pages: Option<u64>,
    pub commit_rows: Option<u64>,
}

/// The dedicated connection of one load and its open transaction.
pub(super) struct LoadSession {
    conn: Connection,
    in_transaction: bool,
    /// A write of this load failed and what it held was rolled back: every later call fails
    /// too, so that the load stops instead of finishing without those rows (the idle commit's
    /// error reaches no one but this).
    failed: Option<String>,
    commit_rows: u64,
    pending_rows: u64,
    transaction_started: Instant,
    last_insert: Instant,
    wal_path: std::path::PathBuf,
    wal_limit_bytes: u64,
}

impl LoadSession {
    /// `conn` writes the tasks; the store's checkpoint thread copies the WAL into the database
    /// file meanwhile, so that the writer never waits for that copy and its fsyncs.
    pub(super) fn new(conn: Connection, db_path: &std::path::Path) -> Result<Self> {
        let mut wal_path = db_path.as_os_str().to_owned();
        wal_path.push("-wal");
        conn.pragma_update(None, "wal_autocheckpoint", 0)
            .map_err(sql_err)?;
        conn.pragma_update(None, "cache_size", -LOAD_CACHE_KIB)
            .map_err(sql_err)?;
        Ok(LoadSession {
            conn,
            in_transaction: false,
            failed: None,
            commit_rows: COMMIT_ROWS,
            pending_rows: 0,
            transaction_started: Instant::now(),
            last_insert: Instant::now(),
            wal_path: wal_path.into(),
            wal_limit_bytes: WAL_LIMIT_BYTES,
        })
    }

    #[cfg(test)]
    pub(super) fn tune(&mut self, tuning: Tuning) -> Result<()> {
        if let Some(pages) = tuning.max_pages {
            self.conn
                .pragma_update(None, "max_page_count", pages as i64)
                .map_err(sql_err)?;
        }
        if let Some(rows) = tuning.commit_rows {
            self.commit_rows = rows;
        }
        Ok(())
    }

    pub(super) fn insert(
        &mut self,
        ticket: &LoadTicket,
        tasks: &[NewTask],
    ) -> Result<InsertOutcome> {
        self.check_not_failed()?;
        let inserted = self.insert_in_transaction(ticket, tasks);
        self.settle(inserted)
    }

    fn check_not_failed(&self) -> Result<()> {
        match &self.failed {
            Some(why) => Err(Error::store_msg(format!(
                "an earlier write of this load failed, and what it held was not kept: {why}"
            ))),
            None => Ok(()),
        }
    }

    /// After a failed statement the transaction may be gone: SQLite rolls it back by itself on
    /// SQLITE_FULL, SQLITE_IOERR and others. Believing it still open would let the next
    /// inserts run outside any transaction, each committing alone — tasks without their
    /// count. So whatever failed is rolled back, here, and the next insert begins anew.
    fn settle<T>(&mut self, result: Result<T>) -> Result<T> {
        if let Err(error) = &result
            && self.in_transaction
        {
            if !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            self.in_transaction = false;
            self.failed = Some(crate::error::with_sources(error));
        }
        result
    }

    fn insert_in_transaction(
        &mut self,
        ticket: &LoadTicket,
        tasks: &[NewTask],
    ) -> Result<InsertOutcome> {
        if !self.in_transaction {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(sql_err)?;
            self.in_transaction = true;
            self.pending_rows = 0;
            self.transaction_started = Instant::now();
        }
        let mut inserted = 0u64;
        {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO tasks (id, task_type, batch, load_run, task_data)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(sql_err)?;
            for task in tasks {
                inserted += stmt
                    .execute(params![
                        task.id.as_str(),
                        ticket.task_type,
                        ticket.batch_id,
                        ticket.run,
                        task.data_json
                    ])
                    .map_err(sql_err)? as u64;
            }
        }
        // New tasks are open, so a closed batch that grows is open again.
        self.conn
            .prepare_cached(
                "UPDATE batches SET tasks_count = tasks_count + ?2,
                     closed = CASE WHEN ?2 > 0 THEN 0 ELSE closed END
                 WHERE id = ?1",
            )
            .and_then(|mut stmt| stmt.execute(params![ticket.batch_id, inserted as i64]))
            .map_err(sql_err)?;
        self.pending_rows += tasks.len() as u64;
        self.last_insert = Instant::now();
        if self.pending_rows >= self.commit_rows
            || self.transaction_started.elapsed() >= COMMIT_INTERVAL
        {
            self.commit()?;
        }
        Ok(InsertOutcome {
            inserted,
            duplicates: tasks.len() as u64 - inserted,
        })
    }

    /// Commits the open transaction if it is older than [`COMMIT_INTERVAL`] (an insert does
    /// the same, but a load whose input pauses makes no insert), or if the input has paused
    /// for [`QUIET_INPUT`].
    pub(super) fn commit_if_due(&mut self) -> Result<()> {
        if self.in_transaction
            && (self.transaction_started.elapsed() >= COMMIT_INTERVAL
                || self.last_insert.elapsed() >= QUIET_INPUT)
        {
            self.commit()?;
        }
        Ok(())
    }

    pub(super) fn commit(&mut self) -> Result<()> {
        self.check_not_failed()?;
        if self.in_transaction {
            let committed = self.conn.execute_batch("COMMIT").map_err(sql_err);
            self.settle(committed)?;
            self.in_transaction = false;
            self.bound_wal();
        }
        Ok(())
    }

    /// The checkpointer copies frames while the writer goes on, but the WAL file only starts
    /// over when a write begins after everything was copied — which back-to-back transactions
    /// never allow. So once the WAL is past [`WAL_LIMIT_BYTES`], the writer waits for the rest
    /// of the copy (mostly done already) and the next transaction starts the file over. A
    /// reader on an older snapshot (an export) is waited for only briefly: the restart holds
    /// the write lock meanwhile, so the site's writes would wait too. The next commit tries
    /// again.
    fn bound_wal(&mut self) {
        let wal_bytes = std::fs::metadata(&self.wal_path).map_or(0, |m| m.len());
        if wal_bytes > self.wal_limit_bytes {
            checkpoint::restart_wal(&mut self.conn);
        }
    }

    pub(super) fn rollback(&mut self) -> Result<()> {
        if self.in_transaction {
            self.in_transaction = false;
            if !self.conn.is_autocommit() {
                self.conn.execute_batch("ROLLBACK").map_err(sql_err)?;
            }
        }
        Ok(())
    }
}

pub(super) fn finish(c: &mut Connection, ticket: &LoadTicket) -> Result<Batch> {
    let tx = c.transaction().map_err(sql_err)?;
    // New tasks in a batch that was finished make it open again.
    tx.execute(
        "UPDATE batches SET loading = 0,
            closed = CASE WHEN tasks_processed < tasks_count THEN 0 ELSE closed END
         WHERE id = ?1",
        [&ticket.batch_id],
    )
    .map_err(sql_err)?;
    // A batch that was still loading when this run began had runs that died (killed, or
    // stopped by a storage failure); this run completed what they began.
    if ticket.was_loading {
        tx.execute(
            "DELETE FROM load_runs WHERE batch = ?1 AND id <= ?2",
            params![ticket.batch_id, ticket.run],
        )
        .map_err(sql_err)?;
    } else {
        tx.execute("DELETE FROM load_runs WHERE id = ?1", [ticket.run])
            .map_err(sql_err)?;
    }
    let batch = batches::get(&tx, &ticket.batch_id)?
        .ok_or_else(|| Error::not_found("batch", &ticket.batch_id))?;
    tx.commit().map_err(sql_err)?;
    Ok(batch)
}

pub(super) fn abort(c: &mut Connection, ticket: &LoadTicket) -> Result<()> {
    let tx = c
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_err)?;
    let first_seq: i64 = tx
        .query_row(
            "SELECT first_seq FROM load_runs WHERE id = ?1",
            [ticket.run],
            |row| row.get(0),
        )
        .optional()
        .map_err(sql_err)?
        .unwrap_or(0);
    // The rowid range keeps this delete from scanning tasks loaded before the run.
    let removed = tx
        .execute(
            "DELETE FROM tasks WHERE seq > ?1 AND load_run = ?2",
            params![first_seq, ticket.run],
        )
        .map_err(sql_err)? as i64;
    let remaining: i64 = tx
        .query_row(
            "SELECT tasks_count - ?2 FROM batches WHERE id = ?1",
            params![ticket.batch_id, removed],
            |row| row.get(0),
        )
        .optional()
        .map_err(sql_err)?
        .unwrap_or(0);
    if ticket.created_batch && remaining == 0 {
        tx.execute("DELETE FROM batches WHERE id = ?1", [&ticket.batch_id])
            .map_err(sql_err)?;
    } else {
        tx.execute(
            "UPDATE batches SET tasks_count = ?2, loading = ?3 WHERE id = ?1",
            params![ticket.batch_id, remaining, ticket.was_loading],
        )
        .map_err(sql_err)?;
    }
    tx.execute("DELETE FROM load_runs WHERE id = ?1", [ticket.run])
        .map_err(sql_err)?;
    tx.commit().map_err(sql_err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::open_connection;

    /// Adds `rows` tasks of ~4 KB each in the session's own transaction and commits it.
    fn load_rows(session: &mut LoadSession, first: i64, rows: i64) {
        session.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        session.in_transaction = true;
        session
            .conn
            .execute(
                "WITH RECURSIVE s(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM s WHERE i < ?2)
                 INSERT INTO tasks (id, task_type, task_data)
                 SELECT 'task' || i, 't', hex(randomblob(2000)) FROM s",
                [first, first + rows - 1],
            )
            .unwrap();
        session.commit().unwrap();
    }

    /// A load session on a new database, and the ticket of its load into batch `b`.
    fn loading_batch_b(path: &std::path::Path) -> (LoadSession, LoadTicket) {
        let session = LoadSession::new(open_connection(path).unwrap(), path).unwrap();
        session
            .conn
            .execute(
                "INSERT INTO batches (id, task_type, loading) VALUES ('b', 't', 1)",
                [],
            )
            .unwrap();
        let ticket = LoadTicket {
            run: 1,
            batch_id: "b".into(),
            task_type: "t".into(),
            created_batch: true,
            was_loading: false,
        };
        (session, ticket)
    }

    #[test]
    fn after_a_failed_write_the_load_goes_no_further() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("load.db");
        let (mut session, ticket) = loading_batch_b(&path);
        let task = |n: u32| NewTask {
            id: crate::domain::TaskId::from_stored(format!("{n:020}")),
            data_json: format!("{{\"n\": {n}}}"),
        };
        session.insert(&ticket, &[task(1), task(2)]).unwrap();
        // The idle commit fails (a full disk): its error reaches only the session.
        let failed: Result<()> = Err(Error::store_msg("database or disk is full"));
        assert!(session.settle(failed).is_err());
        // Were the next insert to start a new transaction, the load would end "complete"
        // without tasks 1 and 2.
        let err = session.insert(&ticket, &[task(3)]).unwrap_err();
        assert!(
            err.to_string().contains("database or disk is full"),
            "{err}"
        );
        assert!(session.commit().is_err());
        let stored: i64 = session
            .conn
            .query_row("SELECT COUNT(*) FROM tasks", [], |row| row.get(0))
            .unwrap();
        assert_eq!(stored, 0);
    }

    #[test]
    fn an_input_that_pauses_is_committed_without_waiting_for_the_interval() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("load.db");
        let (mut session, ticket) = loading_batch_b(&path);
        let task = NewTask {
            id: crate::domain::TaskId::from_stored("0".repeat(20)),
            data_json: "{}".into(),
        };
        session.insert(&ticket, &[task]).unwrap();
        let other = open_connection(&path).unwrap();
        let stored = || -> i64 {
            other
                .query_row("SELECT COUNT(*) FROM tasks", [], |row| row.get(0))
                .unwrap()
        };
        // Rows just inserted may have company coming: they wait… (the clock is set by hand,
        // so that a slow machine cannot make the first look come too late)
        session.last_insert = Instant::now();
        session.commit_if_due().unwrap();
        assert_eq!(stored(), 0);
        // …but not for the whole interval once the input has gone quiet.
        session.last_insert = Instant::now() - QUIET_INPUT;
        session.commit_if_due().unwrap();
        assert_eq!(stored(), 1);
    }

    const _: () = assert!(QUIET_INPUT.as_millis() < COMMIT_INTERVAL.as_millis());

    fn wal_frames(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get(1))
            .unwrap()
    }

    #[test]
    fn a_commit_past_the_wal_limit_waits_for_a_long_reader_only_briefly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("load.db");
        let mut session = LoadSession::new(open_connection(&path).unwrap(), &path).unwrap();
        load_rows(&mut session, 0, 100);
        // An export in the middle of its read, on a snapshot that needs the WAL's frames.
        let reader = open_connection(&path).unwrap();
        reader
            .execute_batch("BEGIN; SELECT COUNT(*) FROM tasks;")
            .unwrap();
        let frames_before = wal_frames(&session.conn);
        // Past the limit: waiting for the reader (10 s, as for a lock) would hold every
        // other writer all along.
        session.wal_limit_bytes = 0;
        let started = Instant::now();
        load_rows(&mut session, 100, 100);
        let waited = started.elapsed();
        assert!(waited < Duration::from_secs(5), "waited {waited:?}");
        let frames = wal_frames(&session.conn);
        assert!(frames > frames_before, "the WAL went on: {frames} frames");

        // Once the reader is gone, the next commit restarts the WAL and the one after it
        // writes from the start.
        reader.execute_batch("COMMIT").unwrap();
        load_rows(&mut session, 200, 100);
        load_rows(&mut session, 300, 10);
        let frames = wal_frames(&session.conn);
        assert!(frames < 10, "the WAL started over: {frames} frames");
    }
}
