//! Export: one query over tasks joined with their answers, read on a connection and a thread
//! of its own (a WAL snapshot, so hand-outs go on meanwhile) and sent on in chunks. Memory
//! stays at one chunk however large the export.

use std::path::Path;

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, params};
use tokio::sync::mpsc;

use super::SqliteStore;
use super::sql_err;
use super::{from_ms, ms};
use crate::domain::TaskId;
use crate::store::ExportStore;
use crate::store::{
    Author, EXPORT_CHUNK, ExportQuery, ExportedAnswer, ExportedSession, ExportedTask,
};
use crate::{Error, Result};

#[async_trait]
impl ExportStore for SqliteStore {
    fn export(&self, query: ExportQuery) -> tokio::sync::mpsc::Receiver<Result<Vec<ExportedTask>>> {
        start(&self.path, query)
    }

    /// An answer is written in one transaction: none is ever half-written.
    async fn unsettled_since(
        &self,
        _task_type: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        Ok(None)
    }
}

type Chunks = mpsc::Sender<Result<Vec<ExportedTask>>>;

/// Every statement reads these columns of a task and its answers, with ?2 the batch (or
/// NULL) and ?4 whether work sessions are wanted. All are given the same six parameters
/// (type, batch, open too, sessions, since, until); SQLite lets a statement leave some unused.
const COLUMNS: &str = "SELECT t.id, t.batch, t.closed, t.task_data,
        a.user_id, a.created_at, a.result,
        s.start_time, s.end_time, s.activity
    FROM tasks t
    LEFT JOIN answers a ON a.task_id = t.id
    LEFT JOIN work_sessions s ON ?4 AND s.answer_id = a.id";

/// What to read; the answers of a task always follow it, in the order they were given.
enum Reading {
    /// Every task of the type (?3: open ones too), in load order.
    All,
    /// The tasks that closed in [?5, ?6), through the index on closing times: a nightly run
    /// reads the day's tasks, not every task. In closing order.
    ClosedIn(i64, i64),
    /// A first window: every task closed before ?6, those closed before closing times were
    /// kept included. In load order.
    ClosedBefore(i64),
    /// The tasks whose newest answer came in [since, until), open ones too: their ids through
    /// the answers' index by type and time, then each task read by its id (so no sort of
    /// the whole window's rows).
    Answered(i64, i64),
}

impl Reading {
    fn of(query: &ExportQuery) -> Reading {
        match query.window {
            None => Reading::All,
            Some(w) if query.include_open => Reading::Answered(ms(w.since), ms(w.until)),
            Some(w) if w.since == chrono::DateTime::UNIX_EPOCH => {
                Reading::ClosedBefore(ms(w.until))
            }
            Some(w) => Reading::ClosedIn(ms(w.since), ms(w.until)),
        }
    }
}

pub(super) fn start(path: &Path, query: ExportQuery) -> mpsc::Receiver<Result<Vec<ExportedTask>>> {
    let (tx, rx) = mpsc::channel(4);
    let path = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("vulyk-export".into())
        .spawn({
            let tx = tx.clone();
            move || {
                if let Err(e) = run(&path, &query, &tx) {
                    let _ = tx.blocking_send(Err(e));
                }
            }
        });
    if let Err(e) = spawned {
        let _ = tx.try_send(Err(Error::store("starting the export thread", e)));
    }
    rx
}

fn run(path: &Path, query: &ExportQuery, out: &Chunks) -> Result<()> {
    // Read-only and used by this thread alone, so SQLite's own mutex is not needed.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql_err)?;
    conn.busy_handler(Some(super::wait_for_lock))
        .map_err(sql_err)?;
    // Answers are found through the index on their task's id, a random walk over it: the
    // index must stay in cache (~50 MB per million answers) or each task costs a page read.
    conn.pragma_update(None, "cache_size", -super::CACHE_KIB)
        .map_err(sql_err)?;
    let mut sink = Sink::new(&conn, out)?;
    let (task_type, batch) = (&query.task_type, &query.batch);
    let (open, sessions) = (query.include_open, query.with_sessions);
    let read = |sql: &str, since: Option<i64>, until: Option<i64>, sink: &mut Sink<'_>| {
        let mut stmt = conn.prepare(sql).map_err(sql_err)?;
        let rows = match until {
            Some(until) => stmt.query(params![task_type, batch, open, sessions, since, until]),
            None => stmt.query(params![task_type, batch, open, sessions]),
        }
        .map_err(sql_err)?;
        sink.take(rows)
    };
    match Reading::of(query) {
        Reading::All => {
            let sql = format!(
                "{COLUMNS} WHERE t.task_type = ?1 AND (?2 IS NULL OR t.batch = ?2)
                 AND (?3 OR t.closed = 1) ORDER BY t.seq, a.seq"
            );
            read(&sql, None, None, &mut sink)?;
        }
        Reading::ClosedIn(since, until) => {
            let sql = format!(
                "{COLUMNS} WHERE t.task_type = ?1 AND t.closed_at >= ?5 AND t.closed_at < ?6
                 AND (?2 IS NULL OR t.batch = ?2)
                 ORDER BY t.closed_at, t.seq, a.seq"
            );
            read(&sql, Some(since), Some(until), &mut sink)?;
        }
        Reading::ClosedBefore(until) => {
            let sql = format!(
                "{COLUMNS} WHERE t.task_type = ?1 AND (?2 IS NULL OR t.batch = ?2)
                 AND t.closed = 1 AND (t.closed_at IS NULL OR t.closed_at < ?6)
                 ORDER BY t.seq, a.seq"
            );
            read(&sql, None, Some(until), &mut sink)?;
        }
        Reading::Answered(since, until) => {
            let mut changed = conn
                .prepare(
                    "SELECT task_id FROM answers WHERE task_type = ?1 AND created_at >= ?2
                     GROUP BY task_id HAVING max(created_at) < ?3",
                )
                .map_err(sql_err)?;
            let mut ids = changed
                .query(params![task_type, since, until])
                .map_err(sql_err)?;
            let one = format!(
                "{COLUMNS} WHERE t.id = ?1 AND (?2 IS NULL OR t.batch = ?2) ORDER BY a.seq"
            );
            let mut one = conn.prepare(&one).map_err(sql_err)?;
            while let Some(row) = ids.next().map_err(sql_err)? {
                let id: String = row.get(0).map_err(sql_err)?;
                let rows = one
                    .query(params![id, batch, open, sessions])
                    .map_err(sql_err)?;
                if !sink.take(rows)? {
                    return Ok(());
                }
            }
        }
    }
    sink.finish();
    Ok(())
}

/// Rows of tasks and their answers gathered into chunks and sent on; the users they name
/// looked up once each.
struct Sink<'c> {
    out: &'c Chunks,
    users: Users<'c>,
    chunk: Vec<ExportedTask>,
}

impl<'c> Sink<'c> {
    fn new(conn: &'c Connection, out: &'c Chunks) -> Result<Sink<'c>> {
        Ok(Sink {
            out,
            users: Users::new(conn)?,
            chunk: Vec::with_capacity(EXPORT_CHUNK),
        })
    }

    /// Takes rows in which each task's rows are together. `false` when the reader stopped
    /// listening (nothing more to send).
    fn take(&mut self, mut rows: rusqlite::Rows<'_>) -> Result<bool> {
        while let Some(row) = rows.next().map_err(sql_err)? {
            let id: String = row.get(0).map_err(sql_err)?;
            let same_task = self.chunk.last().is_some_and(|t| t.id.as_str() == id);
            if !same_task {
                if self.chunk.len() == EXPORT_CHUNK {
                    let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(EXPORT_CHUNK));
                    if self.out.blocking_send(Ok(full)).is_err() {
                        return Ok(false);
                    }
                }
                self.chunk.push(ExportedTask {
                    id: TaskId::from_stored(id),
                    batch: row.get(1).map_err(sql_err)?,
                    closed: row.get(2).map_err(sql_err)?,
                    data_json: row.get(3).map_err(sql_err)?,
                    answers: Vec::with_capacity(4),
                });
            }
            if let Some(answer) = answer_from_row(row, &mut self.users)?
                && let Some(task) = self.chunk.last_mut()
            {
                task.answers.push(answer);
            }
        }
        Ok(true)
    }

    fn finish(self) {
        if !self.chunk.is_empty() {
            let _ = self.out.blocking_send(Ok(self.chunk));
        }
    }
}

fn answer_from_row(row: &Row<'_>, users: &mut Users<'_>) -> Result<Option<ExportedAnswer>> {
    let Some(user) = row
        .get_ref(4)
        .map_err(sql_err)?
        .as_str_or_null()
        .map_err(|e| sql_err(e.into()))?
    else {
        return Ok(None);
    };
    let author = users.author(user)?;
    let session = match row.get::<_, Option<i64>>(7).map_err(sql_err)? {
        Some(start) => Some(ExportedSession {
            start: from_ms(start),
            end: row.get::<_, Option<i64>>(8).map_err(sql_err)?.map(from_ms),
            activity: row.get(9).map_err(sql_err)?,
        }),
        None => None,
    };
    Ok(Some(ExportedAnswer {
        author,
        created_at: from_ms(row.get(5).map_err(sql_err)?),
        result_json: row.get(6).map_err(sql_err)?,
        session,
    }))
}

/// Usernames and e-mails by user id, read on first use.
struct Users<'c> {
    lookup: rusqlite::Statement<'c>,
    known: HashMap<String, Arc<Author>>,
}

impl<'c> Users<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Users {
            lookup: conn
                .prepare("SELECT username, email FROM users WHERE id = ?1")
                .map_err(sql_err)?,
            known: HashMap::new(),
        })
    }

    fn author(&mut self, id: &str) -> Result<Arc<Author>> {
        if let Some(author) = self.known.get(id) {
            return Ok(Arc::clone(author));
        }
        let author = self
            .lookup
            .query_row([id], |row| {
                Ok(Author {
                    username: row.get(0)?,
                    email: row.get(1)?,
                })
            })
            .optional()
            .map_err(sql_err)?
            .unwrap_or_default();
        let author = Arc::new(author);
        self.known.insert(id.to_string(), Arc::clone(&author));
        Ok(author)
    }
}
