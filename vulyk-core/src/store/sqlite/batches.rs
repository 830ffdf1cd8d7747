//! Batches and the tasks stored in them (`batches`, `tasks`).

use async_trait::async_trait;
use rusqlite::{Connection, OptionalExtension, Row};

use super::SqliteStore;
use super::sql_err;
use crate::domain::{Batch, BatchMeta, Task, TaskId, TaskTypeCounts};
use crate::store::BatchRemoval;
use crate::store::BatchStore;
use crate::{Error, Result};

const COLUMNS: &str = "id, task_type, tasks_count, tasks_processed, closed, loading, meta";

#[async_trait]
impl BatchStore for SqliteStore {
    async fn batches(&self, task_type: Option<&str>) -> Result<Vec<Batch>> {
        let task_type = task_type.map(str::to_string);
        self.read(move |c| all(c, task_type.as_deref())).await
    }

    async fn batch(&self, id: &str) -> Result<Option<Batch>> {
        let id = id.to_string();
        self.read(move |c| get(c, &id)).await
    }

    async fn delete_batch(&self, id: &str, purge: bool) -> Result<BatchRemoval> {
        let id = id.to_string();
        self.call(move |c| delete(c, &id, purge)).await
    }

    async fn task_counts(&self) -> Result<Vec<TaskTypeCounts>> {
        self.read(task_counts).await
    }

    async fn task(&self, id: &TaskId) -> Result<Option<Task>> {
        let id = id.clone();
        self.read(move |c| task(c, &id)).await
    }

    #[cfg(any(test, feature = "test-support"))]
    async fn count_tasks_in_batch(&self, batch_id: &str) -> Result<u64> {
        let batch_id = batch_id.to_string();
        self.read(move |c| count_tasks(c, &batch_id)).await
    }
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Batch> {
    let meta: String = row.get(6)?;
    let meta: BatchMeta = serde_json::from_str(&meta).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Batch {
        id: row.get(0)?,
        task_type: row.get(1)?,
        tasks_count: row.get::<_, i64>(2)? as u64,
        tasks_processed: row.get::<_, i64>(3)? as u64,
        closed: row.get(4)?,
        loading: row.get(5)?,
        meta,
    })
}

pub(super) fn all(c: &mut Connection, task_type: Option<&str>) -> Result<Vec<Batch>> {
    let sql =
        format!("SELECT {COLUMNS} FROM batches WHERE ?1 IS NULL OR task_type = ?1 ORDER BY id");
    let mut stmt = c.prepare_cached(&sql).map_err(sql_err)?;
    stmt.query_map([task_type], from_row)
        .map_err(sql_err)?
        .collect::<Result<_, _>>()
        .map_err(sql_err)
}

pub(super) fn get(c: &Connection, id: &str) -> Result<Option<Batch>> {
    let sql = format!("SELECT {COLUMNS} FROM batches WHERE id = ?1");
    c.prepare_cached(&sql)
        .and_then(|mut stmt| stmt.query_row([id], from_row).optional())
        .map_err(sql_err)
}

pub(super) fn delete(c: &mut Connection, id: &str, purge: bool) -> Result<BatchRemoval> {
    let tx = c.transaction().map_err(sql_err)?;
    if get(&tx, id)?.is_none() {
        return Err(Error::not_found("batch", id));
    }
    let in_batch = "SELECT id FROM tasks WHERE batch = ?1";
    let answers: i64 = tx
        .query_row(
            &format!("SELECT COUNT(*) FROM answers WHERE task_id IN ({in_batch})"),
            [id],
            |row| row.get(0),
        )
        .map_err(sql_err)?;
    if answers > 0 && !purge {
        return Err(Error::conflict(format!(
            "batch `{id}` has {answers} answers; delete with purge to remove them as well"
        )));
    }
    // Finished sessions through their answers, open ones through their own small index: a
    // session ends only with an answer, and work_sessions has no index by task.
    let mut sessions = 0;
    for sql in [
        format!(
            "DELETE FROM work_sessions WHERE answer_id IS NOT NULL AND answer_id IN
                 (SELECT id FROM answers WHERE task_id IN ({in_batch}))"
        ),
        format!("DELETE FROM work_sessions WHERE end_time IS NULL AND task_id IN ({in_batch})"),
    ] {
        sessions += tx.execute(&sql, [id]).map_err(sql_err)?;
    }
    // The purged answers leave the volunteers' counters, as if never given.
    let gone = format!(
        "SELECT user_id, task_type, COUNT(*) AS n FROM answers
         WHERE task_id IN ({in_batch}) GROUP BY user_id, task_type"
    );
    tx.execute(
        &format!(
            "UPDATE answer_counts SET answers = answers - gone.n FROM ({gone}) AS gone
             WHERE gone.user_id = answer_counts.user_id
               AND gone.task_type = answer_counts.task_type"
        ),
        [id],
    )
    .map_err(sql_err)?;
    tx.execute("DELETE FROM answer_counts WHERE answers <= 0", [])
        .map_err(sql_err)?;
    tx.execute(
        &format!(
            "UPDATE users SET processed = MAX(0, processed - gone.n)
             FROM (SELECT user_id, SUM(n) AS n FROM ({gone}) GROUP BY user_id) AS gone
             WHERE gone.user_id = users.id"
        ),
        [id],
    )
    .map_err(sql_err)?;
    for table in ["leases", "skips", "unpaid_answers"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE task_id IN ({in_batch})"),
            [id],
        )
        .map_err(sql_err)?;
    }
    tx.execute("DELETE FROM batch_histogram WHERE batch = ?1", [id])
        .map_err(sql_err)?;
    let answers = tx
        .execute(
            &format!("DELETE FROM answers WHERE task_id IN ({in_batch})"),
            [id],
        )
        .map_err(sql_err)?;
    let tasks = tx
        .execute("DELETE FROM tasks WHERE batch = ?1", [id])
        .map_err(sql_err)?;
    tx.execute("DELETE FROM batches WHERE id = ?1", [id])
        .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(BatchRemoval {
        tasks: tasks as u64,
        answers: answers as u64,
        sessions: sessions as u64,
    })
}

/// Every stored task belongs to a batch whose counters are kept exact, so the counts come
/// from the batches table instead of a scan of all tasks.
pub(super) fn task_counts(c: &mut Connection) -> Result<Vec<TaskTypeCounts>> {
    let mut stmt = c
        .prepare_cached(
            "SELECT task_type, SUM(tasks_count), SUM(tasks_processed) FROM batches
             GROUP BY task_type HAVING SUM(tasks_count) > 0 ORDER BY task_type",
        )
        .map_err(sql_err)?;
    stmt.query_map([], |row| {
        Ok(TaskTypeCounts {
            task_type: row.get(0)?,
            total: row.get::<_, i64>(1)? as u64,
            closed: row.get::<_, i64>(2)? as u64,
        })
    })
    .map_err(sql_err)?
    .collect::<Result<_, _>>()
    .map_err(sql_err)
}

/// The columns `task_from_row` reads, in its order.
pub(super) const TASK_COLUMNS: &str = "id, task_type, batch, users_count, closed, task_data";

pub(super) fn task_from_row(row: &Row<'_>) -> rusqlite::Result<Task> {
    let data: String = row.get(5)?;
    let data = serde_json::from_str(&data).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Task {
        id: TaskId::from_stored(row.get(0)?),
        task_type: row.get(1)?,
        batch: row.get(2)?,
        users_count: row.get::<_, i64>(3)? as u64,
        closed: row.get(4)?,
        data,
    })
}

pub(super) fn task(c: &Connection, id: &TaskId) -> Result<Option<Task>> {
    let sql = format!("SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?1");
    c.prepare_cached(&sql)
        .and_then(|mut stmt| stmt.query_row([id.as_str()], task_from_row).optional())
        .map_err(sql_err)
}

#[cfg(any(test, feature = "test-support"))]
pub(super) fn count_tasks(c: &mut Connection, batch_id: &str) -> Result<u64> {
    c.query_row(
        "SELECT COUNT(*) FROM tasks WHERE batch = ?1",
        [batch_id],
        |row| row.get::<_, i64>(0),
    )
    .map(|n| n as u64)
    .map_err(sql_err)
}
