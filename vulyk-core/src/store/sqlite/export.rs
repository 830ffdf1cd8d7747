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
}

type Chunks = mpsc::Sender<Result<Vec<ExportedTask>>>;

/// The answers of a task follow it, in the order they were given; tasks in load order.
const ALL: &str = "SELECT t.id, t.batch, t.closed, t.task_data,
        a.user_id, a.created_at, a.result,
        s.start_time, s.end_time, s.activity
    FROM tasks t
    LEFT JOIN answers a ON a.task_id = t.id
    LEFT JOIN work_sessions s ON ?4 AND s.answer_id = a.id
    WHERE t.task_type = ?1 AND (?2 IS NULL OR t.batch = ?2) AND (?3 OR t.closed = 1)
    ORDER BY t.seq, a.seq";

/// An incremental export: the tasks whose newest answer is in [?5, ?6), found through the
/// answers' index by type and time, so a nightly run reads the day's answers, not every task.
const CHANGED: &str = "WITH changed(task_id) AS (
        SELECT task_id FROM answers WHERE task_type = ?1 AND created_at >= ?5
        GROUP BY task_id HAVING max(created_at) < ?6)
    SELECT t.id, t.batch, t.closed, t.task_data,
        a.user_id, a.created_at, a.result,
        s.start_time, s.end_time, s.activity
    FROM changed c
    JOIN tasks t ON t.id = c.task_id
    LEFT JOIN answers a ON a.task_id = t.id
    LEFT JOIN work_sessions s ON ?4 AND s.answer_id = a.id
    WHERE (?2 IS NULL OR t.batch = ?2) AND (?3 OR t.closed = 1)
    ORDER BY t.seq, a.seq";

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
    let window = query.answered.map(|w| (ms(w.since), ms(w.until)));
    let mut stmt = conn
        .prepare(if window.is_some() { CHANGED } else { ALL })
        .map_err(sql_err)?;
    let (task_type, batch) = (&query.task_type, &query.batch);
    let (open, sessions) = (query.include_open, query.with_sessions);
    let mut rows = match window {
        Some((since, until)) => stmt.query(params![task_type, batch, open, sessions, since, until]),
        None => stmt.query(params![task_type, batch, open, sessions]),
    }
    .map_err(sql_err)?;
    // Volunteers are few and answer many tasks: their names are looked up once each.
    let mut users = Users::new(&conn)?;
    let mut chunk: Vec<ExportedTask> = Vec::with_capacity(EXPORT_CHUNK);
    while let Some(row) = rows.next().map_err(sql_err)? {
        let id: String = row.get(0).map_err(sql_err)?;
        let same_task = chunk.last().is_some_and(|t| t.id.as_str() == id);
        if !same_task {
            if chunk.len() == EXPORT_CHUNK {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(EXPORT_CHUNK));
                if out.blocking_send(Ok(full)).is_err() {
                    return Ok(()); // the reader stopped listening
                }
            }
            chunk.push(ExportedTask {
                id: TaskId::from_stored(id),
                batch: row.get(1).map_err(sql_err)?,
                closed: row.get(2).map_err(sql_err)?,
                data_json: row.get(3).map_err(sql_err)?,
                answers: Vec::with_capacity(4),
            });
        }
        if let Some(answer) = answer_from_row(row, &mut users)?
            && let Some(task) = chunk.last_mut()
        {
            task.answers.push(answer);
        }
    }
    if !chunk.is_empty() {
        let _ = out.blocking_send(Ok(chunk));
    }
    Ok(())
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
