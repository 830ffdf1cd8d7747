//! Export: one query over tasks joined with their answers, read on a connection and a thread
//! of its own (a WAL snapshot, so hand-outs go on meanwhile) and sent on in chunks. Memory
//! stays at one chunk however large the export.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, Row, params};
use tokio::sync::mpsc;

use super::work::from_ms;
use super::{BUSY_TIMEOUT_MS, sql_err};
use crate::domain::{TaskId, UserId};
use crate::store::{EXPORT_CHUNK, ExportQuery, ExportedAnswer, ExportedSession, ExportedTask};
use crate::{Error, Result};

type Chunks = mpsc::Sender<Result<Vec<ExportedTask>>>;

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
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(sql_err)?;
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))
        .map_err(sql_err)?;
    // The answers of a task follow it, in the order they were given; tasks in load order.
    let mut stmt = conn
        .prepare(
            "SELECT t.id, t.batch, t.closed, t.task_data,
                    a.user_id, u.username, u.email, a.created_at, a.result,
                    s.start_time, s.end_time, s.activity
             FROM tasks t
             LEFT JOIN answers a ON a.task_id = t.id
             LEFT JOIN users u ON u.id = a.user_id
             LEFT JOIN work_sessions s ON ?4 AND s.answer_id = a.id
             WHERE t.task_type = ?1 AND (?2 IS NULL OR t.batch = ?2) AND (?3 OR t.closed = 1)
             ORDER BY t.seq, a.seq",
        )
        .map_err(sql_err)?;
    let mut rows = stmt
        .query(params![
            query.task_type,
            query.batch,
            query.include_open,
            query.with_sessions
        ])
        .map_err(sql_err)?;
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
                answers: Vec::new(),
            });
        }
        if let Some(answer) = answer_from_row(row).map_err(sql_err)?
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

fn answer_from_row(row: &Row<'_>) -> rusqlite::Result<Option<ExportedAnswer>> {
    let Some(user) = row.get::<_, Option<String>>(4)? else {
        return Ok(None);
    };
    let session = match row.get::<_, Option<i64>>(9)? {
        Some(start) => Some(ExportedSession {
            start: from_ms(start),
            end: row.get::<_, Option<i64>>(10)?.map(from_ms),
            activity: row.get(11)?,
        }),
        None => None,
    };
    Ok(Some(ExportedAnswer {
        user: UserId::from_stored(user),
        username: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
        email: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
        created_at: from_ms(row.get(7)?),
        result_json: row.get(8)?,
        session,
    }))
}
