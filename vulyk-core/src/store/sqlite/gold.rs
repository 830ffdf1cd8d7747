//! Gold tasks in SQLite: their table, their hand-outs (one per volunteer and type) and the
//! answers, judged when given. A hand-out is part of the claim's transaction (`claim`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::SqliteStore;
use super::sql_err;
use super::{first, from_ms, ms};
use crate::domain::{GoldAnswer, GoldScore, GoldTask, Task, TaskId, UserId};
use std::collections::HashMap;

use crate::store::gold::{gold_not_handed_out, plan_put, second_gold_answer};
use crate::store::work::{check_activity, no_session};
use crate::store::{ClaimRequest, GoldDraw, GoldPut, GoldStore, found};
use crate::{Error, Result};

const GOLD_COLUMNS: &str = "id, task_type, batch, data, answer, created_at";

#[async_trait]
impl GoldStore for SqliteStore {
    async fn put_gold(&self, tasks: &[GoldTask]) -> Result<(GoldPut, Vec<TaskId>)> {
        let tasks = tasks.to_vec();
        self.call(move |c| put(c, &tasks)).await
    }

    async fn gold_tasks(&self, task_type: &str, batch: Option<&str>) -> Result<Vec<GoldTask>> {
        let (task_type, batch) = (task_type.to_string(), batch.map(str::to_string));
        self.read(move |c| list(c, &task_type, batch.as_deref()))
            .await
    }

    async fn gold_task(&self, id: &TaskId) -> Result<Option<GoldTask>> {
        let id = id.clone();
        self.read(move |c| {
            let sql = format!("SELECT {GOLD_COLUMNS} FROM gold_tasks WHERE id = ?1");
            first(c, &sql, [id.as_str()], gold_from_row)
        })
        .await
    }

    async fn delete_gold(
        &self,
        task_type: &str,
        ids: &[TaskId],
        batch: Option<&str>,
    ) -> Result<u64> {
        let (task_type, batch) = (task_type.to_string(), batch.map(str::to_string));
        let ids = ids.to_vec();
        self.call(move |c| delete(c, &task_type, &ids, batch.as_deref()))
            .await
    }

    async fn record_gold_answer(&self, answer: &GoldAnswer) -> Result<()> {
        let answer = answer.clone();
        self.call(move |c| record(c, &answer)).await
    }

    async fn release_gold(&self, user: &UserId, task_type: &str, id: &TaskId) -> Result<()> {
        let missing = gold_not_handed_out(id);
        let (user, task_type, id) = (user.clone(), task_type.to_string(), id.clone());
        let released = self
            .call(move |c| {
                let sql = "DELETE FROM gold_leases WHERE user_id = ?1 AND task_type = ?2 AND gold_id = ?3";
                c.execute(sql, params![user.as_str(), task_type, id.as_str()])
                    .map_err(sql_err)
            })
            .await?;
        found(released > 0, missing)
    }

    async fn add_gold_activity(
        &self,
        user: &UserId,
        task_type: &str,
        id: &TaskId,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let (user, task_type, id) = (user.clone(), task_type.to_string(), id.clone());
        self.call(move |c| add_activity(c, &user, &task_type, &id, seconds, now))
            .await
    }

    async fn judge_gold_answer(&self, answer: &GoldAnswer) -> Result<()> {
        let answer = answer.clone();
        self.call(move |c| {
            c.execute(
                "UPDATE gold_answers SET judged = ?3, correct = ?4 WHERE user_id = ?1 AND gold_id = ?2",
                params![
                    answer.user.as_str(),
                    answer.gold.as_str(),
                    answer.judged as i64,
                    answer.correct as i64
                ],
            )
            .map_err(sql_err)?;
            Ok(())
        })
        .await
    }

    async fn gold_answers(&self, task_type: &str) -> Result<Vec<GoldAnswer>> {
        let task_type = task_type.to_string();
        self.read(move |c| answers(c, &task_type)).await
    }

    async fn gold_score(&self, user: &UserId, task_type: &str) -> Result<GoldScore> {
        let (user, task_type) = (user.clone(), task_type.to_string());
        self.read(move |c| {
            // Only answers to gold tasks that exist: a deleted task no longer counts.
            let sql = "SELECT COUNT(*), COALESCE(SUM(a.judged), 0), COALESCE(SUM(a.correct), 0)
                       FROM gold_answers a JOIN gold_tasks g ON g.id = a.gold_id
                       WHERE a.task_type = ?1 AND a.user_id = ?2";
            let score = first(c, sql, params![task_type, user.as_str()], |row| {
                Ok(GoldScore {
                    answers: row.get::<_, i64>(0)? as u64,
                    judged: row.get::<_, i64>(1)? as u64,
                    correct: row.get::<_, i64>(2)? as u64,
                })
            })?;
            Ok(score.unwrap_or_default())
        })
        .await
    }
}

fn gold_from_row(row: &Row<'_>) -> rusqlite::Result<GoldTask> {
    Ok(GoldTask {
        id: TaskId::from_stored(row.get(0)?),
        task_type: row.get(1)?,
        batch: row.get(2)?,
        data_json: row.get(3)?,
        answer_json: row.get(4)?,
        created_at: from_ms(row.get(5)?),
    })
}

fn put(c: &mut Connection, tasks: &[GoldTask]) -> Result<(GoldPut, Vec<TaskId>)> {
    let tx = c.transaction().map_err(sql_err)?;
    let mut stored = HashMap::new();
    for task in tasks {
        let sql = format!("SELECT {GOLD_COLUMNS} FROM gold_tasks WHERE id = ?1");
        if let Some(old) = first(&tx, &sql, [task.id.as_str()], gold_from_row)? {
            stored.insert(old.id.as_str().to_string(), old);
        }
    }
    let plan = plan_put(&stored, tasks)?;
    for task in &plan.insert {
        tx.execute(
            "INSERT INTO gold_tasks (id, task_type, batch, data, answer, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                task.id.as_str(),
                task.task_type,
                task.batch,
                task.data_json,
                task.answer_json,
                ms(task.created_at)
            ],
        )
        .map_err(sql_err)?;
    }
    for task in &plan.update {
        tx.execute(
            "UPDATE gold_tasks SET batch = ?2, answer = ?3 WHERE id = ?1",
            params![task.id.as_str(), task.batch, task.answer_json],
        )
        .map_err(sql_err)?;
    }
    tx.commit().map_err(sql_err)?;
    Ok(plan.outcome())
}

fn list(c: &mut Connection, task_type: &str, batch: Option<&str>) -> Result<Vec<GoldTask>> {
    let sql = format!(
        "SELECT {GOLD_COLUMNS} FROM gold_tasks
         WHERE task_type = ?1 AND (?2 IS NULL OR batch = ?2) ORDER BY batch, id"
    );
    let mut stmt = c.prepare_cached(&sql).map_err(sql_err)?;
    stmt.query_map(params![task_type, batch], gold_from_row)
        .and_then(Iterator::collect)
        .map_err(sql_err)
}

fn delete(c: &mut Connection, task_type: &str, ids: &[TaskId], batch: Option<&str>) -> Result<u64> {
    let tx = c.transaction().map_err(sql_err)?;
    let chosen: Vec<String> = {
        let mut stmt = tx
            .prepare_cached("SELECT id FROM gold_tasks WHERE task_type = ?1 AND batch = ?2")
            .map_err(sql_err)?;
        let mut chosen: Vec<String> = match batch {
            Some(batch) => stmt
                .query_map(params![task_type, batch], |row| row.get(0))
                .and_then(Iterator::collect)
                .map_err(sql_err)?,
            None => Vec::new(),
        };
        chosen.extend(ids.iter().map(|id| id.as_str().to_string()));
        chosen
    };
    let mut deleted = 0;
    for id in &chosen {
        let gone = tx
            .execute(
                "DELETE FROM gold_tasks WHERE id = ?1 AND task_type = ?2",
                params![id, task_type],
            )
            .map_err(sql_err)?;
        if gone > 0 {
            tx.execute("DELETE FROM gold_answers WHERE gold_id = ?1", [id])
                .map_err(sql_err)?;
            tx.execute("DELETE FROM gold_leases WHERE gold_id = ?1", [id])
                .map_err(sql_err)?;
            deleted += 1;
        }
    }
    tx.commit().map_err(sql_err)?;
    Ok(deleted)
}

fn holds(c: &Connection, user: &UserId, task_type: &str, id: &TaskId) -> Result<bool> {
    let held = first(
        c,
        "SELECT 1 FROM gold_leases WHERE user_id = ?1 AND task_type = ?2 AND gold_id = ?3",
        params![user.as_str(), task_type, id.as_str()],
        |_| Ok(()),
    )?;
    Ok(held.is_some())
}

fn record(c: &mut Connection, answer: &GoldAnswer) -> Result<()> {
    let tx = c.transaction().map_err(sql_err)?;
    let answered = first(
        &tx,
        "SELECT 1 FROM gold_answers WHERE user_id = ?1 AND gold_id = ?2",
        params![answer.user.as_str(), answer.gold.as_str()],
        |_| Ok(()),
    )?;
    if answered.is_some() {
        return Err(second_gold_answer(&answer.gold));
    }
    if !holds(&tx, &answer.user, &answer.task_type, &answer.gold)? {
        return Err(gold_not_handed_out(&answer.gold));
    }
    let inserted = tx
        .execute(
            "INSERT OR IGNORE INTO gold_answers
                 (user_id, gold_id, task_type, result, judged, correct, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                answer.user.as_str(),
                answer.gold.as_str(),
                answer.task_type,
                answer.result_json,
                answer.judged as i64,
                answer.correct as i64,
                ms(answer.created_at)
            ],
        )
        .map_err(sql_err)?;
    if inserted == 0 {
        return Err(second_gold_answer(&answer.gold));
    }
    tx.execute(
        "DELETE FROM gold_leases WHERE user_id = ?1 AND task_type = ?2",
        params![answer.user.as_str(), answer.task_type],
    )
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)
}

fn add_activity(
    c: &mut Connection,
    user: &UserId,
    task_type: &str,
    id: &TaskId,
    seconds: u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    let tx = c.transaction().map_err(sql_err)?;
    let lease: Option<(i64, i64)> = first(
        &tx,
        "SELECT handed_at, activity FROM gold_leases
         WHERE user_id = ?1 AND task_type = ?2 AND gold_id = ?3",
        params![user.as_str(), task_type, id.as_str()],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let Some((handed_at, activity)) = lease else {
        return Err(no_session(user, id));
    };
    let total = check_activity(from_ms(handed_at), activity as u64, seconds, now)?;
    tx.execute(
        "UPDATE gold_leases SET activity = ?4 WHERE user_id = ?1 AND task_type = ?2 AND gold_id = ?3",
        params![user.as_str(), task_type, id.as_str(), total as i64],
    )
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(total)
}

fn answers(c: &mut Connection, task_type: &str) -> Result<Vec<GoldAnswer>> {
    let mut stmt = c
        .prepare_cached(
            "SELECT a.user_id, COALESCE(u.username, ''), a.gold_id, a.task_type, a.result,
                    a.judged, a.correct, a.created_at
             FROM gold_answers a JOIN gold_tasks g ON g.id = a.gold_id
             LEFT JOIN users u ON u.id = a.user_id
             WHERE a.task_type = ?1 ORDER BY a.created_at, a.user_id",
        )
        .map_err(sql_err)?;
    stmt.query_map([task_type], |row| {
        Ok(GoldAnswer {
            user: UserId::from_stored(row.get(0)?),
            username: row.get(1)?,
            gold: TaskId::from_stored(row.get(2)?),
            task_type: row.get(3)?,
            result_json: row.get(4)?,
            judged: row.get::<_, i64>(5)? as u64,
            correct: row.get::<_, i64>(6)? as u64,
            created_at: from_ms(row.get(7)?),
        })
    })
    .and_then(Iterator::collect)
    .map_err(sql_err)
}

/// The user's live hand-out of a gold task of the type, renewed (part of the claim's
/// transaction).
pub(super) fn renew(tx: &Connection, r: &ClaimRequest) -> Result<Option<Task>> {
    let held: Option<String> = first(
        tx,
        "UPDATE gold_leases SET expires_at = ?4
         WHERE user_id = ?1 AND task_type = ?2 AND expires_at > ?3 RETURNING gold_id",
        params![r.user.as_str(), r.task_type, ms(r.now), ms(r.lease_until)],
        |row| row.get(0),
    )?;
    match held {
        Some(id) => as_task(tx, &id),
        None => Ok(None),
    }
}

/// If the draw wins for a volunteer with this many answers of the type, a gold task they
/// have not answered, from a random seq on, handed out to them.
pub(super) fn draw(tx: &Connection, r: &ClaimRequest, draw: &GoldDraw) -> Result<Option<Task>> {
    let answers: i64 = first(
        tx,
        "SELECT answers FROM answer_counts WHERE task_type = ?1 AND user_id = ?2",
        params![r.task_type, r.user.as_str()],
        |row| row.get(0),
    )?
    .unwrap_or(0);
    if !draw.wins(answers as u64) {
        return Ok(None);
    }
    let bounds = first(
        tx,
        "SELECT MIN(seq), MAX(seq) FROM gold_tasks WHERE task_type = ?1",
        [&r.task_type],
        |row| Ok((row.get::<_, Option<i64>>(0)?, row.get::<_, Option<i64>>(1)?)),
    )?;
    let Some((Some(lo), Some(hi))) = bounds else {
        return Ok(None);
    };
    let start = lo + (r.start % ((hi - lo) as u64 + 1)) as i64;
    let unanswered = |from: i64, to: i64| {
        first(
            tx,
            "SELECT g.id FROM gold_tasks g
             WHERE g.task_type = ?1 AND g.seq >= ?2 AND g.seq < ?3
               AND NOT EXISTS (SELECT 1 FROM gold_answers a WHERE a.user_id = ?4 AND a.gold_id = g.id)
             ORDER BY g.seq LIMIT 1",
            params![r.task_type, from, to, r.user.as_str()],
            |row| row.get::<_, String>(0),
        )
    };
    let Some(id) = (match unanswered(start, i64::MAX)? {
        Some(id) => Some(id),
        None => unanswered(i64::MIN, start)?,
    }) else {
        return Ok(None);
    };
    tx.execute(
        "INSERT INTO gold_leases (user_id, task_type, gold_id, expires_at, handed_at, activity)
         VALUES (?1, ?2, ?3, ?4, ?5, 0)
         ON CONFLICT (user_id, task_type) DO UPDATE
             SET gold_id = excluded.gold_id, expires_at = excluded.expires_at,
                 handed_at = excluded.handed_at, activity = 0",
        params![
            r.user.as_str(),
            r.task_type,
            id,
            ms(r.lease_until),
            ms(r.now)
        ],
    )
    .map_err(sql_err)?;
    as_task(tx, &id)
}

/// A gold task as the volunteer sees it: like any open task.
fn as_task(c: &Connection, id: &str) -> Result<Option<Task>> {
    let sql = format!("SELECT {GOLD_COLUMNS} FROM gold_tasks WHERE id = ?1");
    let Some(gold) = first(c, &sql, [id], gold_from_row)? else {
        return Ok(None);
    };
    let data = serde_json::from_str(&gold.data_json)
        .map_err(|e| Error::store("SQLite: a gold task's data", e))?;
    Ok(Some(Task {
        id: gold.id,
        task_type: gold.task_type,
        batch: None,
        users_count: 0,
        closed: false,
        data,
    }))
}
