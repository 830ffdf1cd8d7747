//! Hand-out, answers, skips and activity. Each operation runs inside a `BEGIN IMMEDIATE`
//! transaction that the writer's thread opens (and may share with the writes queued beside
//! it: group commit, `worker.rs`): SQLite has one writer at a time, so a read inside the
//! transaction cannot go stale before the write that depends on it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Params, params};

use super::SqliteStore;
use super::batches::{self, TASK_COLUMNS, task_from_row};
use super::sql_err;
use super::{first, from_ms, ms};
#[cfg(any(test, feature = "test-support"))]
use crate::domain::WorkSession;
use crate::domain::{Answer, Task, TaskId, UserId};
use crate::store::WorkStore;
use crate::store::work::{already_answered, check_activity, no_free_slot, no_session};
use crate::store::{AnswerOutcome, AnswerRequest, ClaimRequest, Interrupted, UnpaidAnswer};
use crate::{Error, Result};

#[async_trait]
impl WorkStore for SqliteStore {
    async fn claim_task(&self, request: &ClaimRequest) -> Result<Option<Task>> {
        let request = request.clone();
        self.conn.write(move |c| claim(c, &request)).await
    }

    async fn record_answer(&self, request: &AnswerRequest) -> Result<AnswerOutcome> {
        let request = request.clone();
        self.conn.write(move |c| record_answer(c, &request)).await
    }

    async fn unpaid_answer(&self, user: &UserId, task: &TaskId) -> Result<Option<UnpaidAnswer>> {
        let (user, task) = (user.clone(), task.clone());
        self.read(move |c| unpaid_answer(c, &user, &task)).await
    }

    async fn answer_paid(&self, user: &UserId, task: &TaskId) -> Result<()> {
        let (user, task) = (user.clone(), task.clone());
        self.conn.write(move |c| answer_paid(c, &user, &task)).await
    }

    async fn interrupted_answers(&self, before: DateTime<Utc>) -> Result<Interrupted> {
        self.read(move |c| interrupted_answers(c, before)).await
    }

    async fn skip_task(&self, user: &UserId, task: &TaskId, task_type: &str) -> Result<()> {
        let (user, task, task_type) = (user.clone(), task.clone(), task_type.to_string());
        self.conn
            .write(move |c| skip(c, &user, &task, &task_type))
            .await
    }

    async fn add_activity(
        &self,
        user: &UserId,
        task: &TaskId,
        task_type: &str,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let (user, task, task_type) = (user.clone(), task.clone(), task_type.to_string());
        self.conn
            .write(move |c| add_activity(c, &user, &task, &task_type, seconds, now))
            .await
    }

    #[cfg(any(test, feature = "test-support"))]
    async fn work_sessions(&self, user: &UserId, task: &TaskId) -> Result<Vec<WorkSession>> {
        let (user, task) = (user.clone(), task.clone());
        self.read(move |c| sessions(c, &user, &task)).await
    }

    async fn expire_leases(&self, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
        self.conn
            .write(move |c| super::leases::expire(c, now))
            .await
    }

    async fn answers_for_task(&self, task: &TaskId) -> Result<Vec<Answer>> {
        let task = task.clone();
        self.read(move |c| answers_for_task(c, &task)).await
    }

    #[cfg(any(test, feature = "test-support"))]
    async fn has_skipped(&self, user: &UserId, task: &TaskId) -> Result<bool> {
        let (user, task) = (user.clone(), task.clone());
        self.read(move |c| has_skipped(c, &user, &task)).await
    }
}

/// Runs a statement, prepared once per connection (these run on every hand-out and answer).
fn exec(c: &Connection, sql: &str, params: impl Params) -> Result<usize> {
    c.prepare_cached(sql)
        .and_then(|mut stmt| stmt.execute(params))
        .map_err(sql_err)
}

/// The task of `task_type` with this id, or `NotFound` (also for a task of another type).
fn task_of_type(tx: &Connection, id: &TaskId, task_type: &str) -> Result<Task> {
    batches::task(tx, id)?
        .filter(|task| task.task_type == task_type)
        .ok_or_else(|| Error::not_found("task", format!("{id} of type {task_type}")))
}

pub(super) fn claim(tx: &Connection, r: &ClaimRequest) -> Result<Option<Task>> {
    if let Some(task) = renew_lease(tx, r)? {
        return Ok(Some(task));
    }
    if r.gold.is_some()
        && let Some(task) = super::gold::renew(tx, r)?
    {
        return Ok(Some(task));
    }
    // Expired leases hold no slot; they stay until the sweep counts them (`leases.rs`).
    let Some(task) = find_new(tx, r)? else {
        return Ok(None);
    };
    // A gold task only while there is work for this volunteer: were it handed out when
    // there is none, a gold task would be the only kind a volunteer gets at the end.
    if let Some(draw) = &r.gold
        && let Some(gold) = super::gold::draw(tx, r, draw)?
    {
        return Ok(Some(gold));
    }
    exec(
        tx,
        "INSERT INTO leases (task_id, user_id, task_type, expires_at, counts)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (task_id, user_id) DO UPDATE
             SET expires_at = excluded.expires_at, counts = excluded.counts",
        params![
            task.id.as_str(),
            r.user.as_str(),
            r.task_type,
            ms(r.lease_until),
            r.counted
        ],
    )?;
    start_session(tx, &r.user, &task.id, &r.task_type, r.now)?;
    Ok(Some(task))
}

/// The task the user holds a live lease on, with the lease extended — a lease of the kind
/// the claim asks for: one taken while the user's answers counted holds a slot their
/// answer may no longer fill, or the reverse, and is left to expire.
fn renew_lease(tx: &Connection, r: &ClaimRequest) -> Result<Option<Task>> {
    let held: Option<String> = first(
        tx,
        "SELECT task_id FROM leases
         WHERE user_id = ?1 AND task_type = ?2 AND expires_at > ?3 AND counts = ?4
         ORDER BY expires_at DESC LIMIT 1",
        params![r.user.as_str(), r.task_type, ms(r.now), r.counted],
        |row| row.get(0),
    )?;
    let Some(task_id) = held else {
        return Ok(None);
    };
    exec(
        tx,
        "UPDATE leases SET expires_at = ?3 WHERE task_id = ?1 AND user_id = ?2",
        params![task_id, r.user.as_str(), ms(r.lease_until)],
    )?;
    batches::task(tx, &TaskId::from_stored(task_id))
}

/// The first task the attempts find for the user, not yet leased to them.
fn find_new(tx: &Connection, r: &ClaimRequest) -> Result<Option<Task>> {
    for (batch, allow_skipped) in &r.attempts {
        let Some(start) = random_seq(tx, batch, r.start)? else {
            continue;
        };
        let found = match candidate(tx, r, batch, *allow_skipped, start, i64::MAX)? {
            Some(task) => Some(task),
            None => candidate(tx, r, batch, *allow_skipped, i64::MIN, start)?,
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// A seq between the batch's first and last open task, chosen by `start`: two index seeks.
fn random_seq(tx: &Connection, batch: &str, start: u64) -> Result<Option<i64>> {
    let get = |row: &rusqlite::Row<'_>| row.get::<_, i64>(0);
    let first_seq = first(
        tx,
        "SELECT seq FROM tasks WHERE batch = ?1 AND closed = 0 ORDER BY seq ASC LIMIT 1",
        [batch],
        get,
    )?;
    let last_seq = first(
        tx,
        "SELECT seq FROM tasks WHERE batch = ?1 AND closed = 0 ORDER BY seq DESC LIMIT 1",
        [batch],
        get,
    )?;
    let (Some(lo), Some(hi)) = (first_seq, last_seq) else {
        return Ok(None);
    };
    let span = (hi - lo) as u64 + 1;
    Ok(Some(lo + (start % span) as i64))
}

/// The first task in `from..to` (by seq) of the batch that the user may be handed. Full and
/// answered tasks are stepped over; there are at most as many of them as live leases plus the
/// user's own answers in the batch.
fn candidate(
    tx: &Connection,
    r: &ClaimRequest,
    batch: &str,
    allow_skipped: bool,
    from: i64,
    to: i64,
) -> Result<Option<Task>> {
    let sql = format!(
        "SELECT {TASK_COLUMNS} FROM tasks t
         WHERE t.batch = ?1 AND t.closed = 0 AND t.seq >= ?2 AND t.seq < ?3 AND t.task_type = ?4
           AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.user_id = ?5 AND a.task_id = t.id)
           AND (?6 OR NOT EXISTS (SELECT 1 FROM skips s WHERE s.user_id = ?5 AND s.task_id = t.id))
           AND t.users_count
               + (SELECT COUNT(*) FROM leases l
                  WHERE l.task_id = t.id AND l.expires_at > ?7 AND l.counts = 1)
               < ?8
         ORDER BY t.seq LIMIT 1"
    );
    first(
        tx,
        &sql,
        params![
            batch,
            from,
            to,
            r.task_type,
            r.user.as_str(),
            allow_skipped,
            ms(r.now),
            // Without a slot to hold, any open task will do.
            if r.counted {
                i64::from(r.redundancy)
            } else {
                i64::MAX
            }
        ],
        task_from_row,
    )
}

/// Opens the user's work session on the task, or restarts the one still open (spec 4.1 step 4).
fn start_session(
    tx: &Connection,
    user: &UserId,
    task: &TaskId,
    task_type: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let restarted = exec(
        tx,
        "UPDATE work_sessions SET start_time = ?3, activity = 0
             WHERE id = (SELECT id FROM work_sessions
                         WHERE user_id = ?1 AND task_id = ?2 AND end_time IS NULL
                         ORDER BY id DESC LIMIT 1)",
        params![user.as_str(), task.as_str(), ms(now)],
    )?;
    if restarted == 0 {
        exec(
            tx,
            "INSERT INTO work_sessions (user_id, task_id, task_type, start_time)
             VALUES (?1, ?2, ?3, ?4)",
            params![user.as_str(), task.as_str(), task_type, ms(now)],
        )?;
    }
    Ok(())
}

pub(super) fn record_answer(tx: &Connection, r: &AnswerRequest) -> Result<AnswerOutcome> {
    let task = task_of_type(tx, &r.task, &r.task_type)?;
    let user = r.user.as_str();
    let answered = first(
        tx,
        "SELECT 1 FROM answers WHERE user_id = ?1 AND task_id = ?2",
        params![user, task.id.as_str()],
        |_| Ok(()),
    )?
    .is_some();
    if answered {
        return Err(already_answered(&task.id));
    }
    // A lease that holds a slot lets a counted answer in; an answer that is not counted
    // takes no slot, but still wants a lease of either kind or an open task.
    let lease: Option<bool> = first(
        tx,
        "SELECT counts FROM leases WHERE task_id = ?1 AND user_id = ?2 AND expires_at > ?3",
        params![task.id.as_str(), user, ms(r.now)],
        |row| row.get(0),
    )?;
    let leased = lease == Some(true);
    if !r.counted && lease.is_none() && task.closed {
        return Err(no_free_slot(&task.id));
    }
    if !leased && r.counted {
        let others: u64 = first(
            tx,
            "SELECT COUNT(*) FROM leases WHERE task_id = ?1 AND expires_at > ?2 AND counts = 1",
            params![task.id.as_str(), ms(r.now)],
            |row| row.get(0),
        )?
        .unwrap_or(0);
        if task.closed || task.users_count + others >= u64::from(r.redundancy) {
            return Err(no_free_slot(&task.id));
        }
    }
    exec(
        tx,
        "INSERT INTO answers (id, task_id, task_type, user_id, created_at, result)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            r.answer_id,
            task.id.as_str(),
            r.task_type,
            user,
            ms(r.now),
            r.result_json
        ],
    )?;
    exec(
        tx,
        "DELETE FROM leases WHERE task_id = ?1 AND user_id = ?2",
        params![task.id.as_str(), user],
    )?;
    let count = task.users_count + 1;
    let closed_task = r.counted && !task.closed && (count >= u64::from(r.redundancy) || r.close);
    if r.counted {
        exec(
            tx,
            "UPDATE tasks SET users_count = ?2, closed = closed OR ?3,
                 closed_at = CASE WHEN ?3 THEN ?4 ELSE closed_at END
             WHERE id = ?1",
            params![task.id.as_str(), count, closed_task, ms(r.now)],
        )?;
    }
    end_session(tx, r)?;
    if r.follow_up {
        exec(
            tx,
            "INSERT INTO unpaid_answers (user_id, task_id, answer_id, task_type, batch, at, pays)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                user,
                task.id.as_str(),
                r.answer_id,
                r.task_type,
                task.batch,
                ms(r.now),
                r.pays
            ],
        )?;
    }
    exec(
        tx,
        "UPDATE users SET processed = processed + 1 WHERE id = ?1",
        [user],
    )?;
    exec(
        tx,
        "INSERT INTO answer_counts (task_type, user_id, answers) VALUES (?1, ?2, 1)
         ON CONFLICT (task_type, user_id) DO UPDATE SET answers = answers + 1",
        params![r.task_type, user],
    )?;
    let closed_batch = match &task.batch {
        Some(batch) if r.counted => count_in_batch(tx, batch, task.users_count, closed_task)?,
        _ => None,
    };
    Ok(AnswerOutcome {
        answer_id: r.answer_id.clone(),
        batch: task.batch,
        closed_task,
        closed_batch,
        gold: None,
    })
}

/// The unpaid answers, of one user's task or of all stopped before a time; an answer that is
/// gone since (its batch purged) is not one.
const UNPAID: &str = "SELECT u.answer_id, u.user_id, u.task_id, u.task_type, u.batch, u.pays
     FROM unpaid_answers u JOIN answers a ON a.id = u.answer_id";

fn unpaid_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<UnpaidAnswer> {
    Ok(UnpaidAnswer {
        answer_id: row.get(0)?,
        user: UserId::from_stored(row.get(1)?),
        task: TaskId::from_stored(row.get(2)?),
        task_type: row.get(3)?,
        batch: row.get(4)?,
        pays: row.get(5)?,
    })
}

pub(super) fn unpaid_answer(
    c: &Connection,
    user: &UserId,
    task: &TaskId,
) -> Result<Option<UnpaidAnswer>> {
    first(
        c,
        &format!("{UNPAID} WHERE u.user_id = ?1 AND u.task_id = ?2"),
        params![user.as_str(), task.as_str()],
        unpaid_from_row,
    )
}

pub(super) fn answer_paid(tx: &Connection, user: &UserId, task: &TaskId) -> Result<()> {
    exec(
        tx,
        "DELETE FROM unpaid_answers WHERE user_id = ?1 AND task_id = ?2",
        params![user.as_str(), task.as_str()],
    )?;
    Ok(())
}

/// Every answer is stored whole in its transaction here: only payments can be left over.
pub(super) fn interrupted_answers(c: &Connection, before: DateTime<Utc>) -> Result<Interrupted> {
    let to_pay = c
        .prepare_cached(&format!("{UNPAID} WHERE u.at < ?1 ORDER BY u.at"))
        .and_then(|mut stmt| {
            stmt.query_map([ms(before)], unpaid_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(sql_err)?;
    Ok(Interrupted {
        to_pay,
        ..Interrupted::default()
    })
}

/// Ends the most recent open session of (user, task) with the answer; an answer given without
/// a hand-out gets a session that starts and ends now.
fn end_session(tx: &Connection, r: &AnswerRequest) -> Result<()> {
    let ended = exec(
        tx,
        "UPDATE work_sessions SET end_time = ?3, answer_id = ?4
             WHERE id = (SELECT id FROM work_sessions
                         WHERE user_id = ?1 AND task_id = ?2 AND end_time IS NULL
                         ORDER BY id DESC LIMIT 1)",
        params![r.user.as_str(), r.task.as_str(), ms(r.now), r.answer_id],
    )?;
    if ended == 0 {
        exec(
            tx,
            "INSERT INTO work_sessions
                 (user_id, task_id, task_type, answer_id, start_time, end_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                r.user.as_str(),
                r.task.as_str(),
                r.task_type,
                r.answer_id,
                ms(r.now)
            ],
        )?;
    }
    Ok(())
}

/// Moves the task from its old answer-count bucket to the next, counts the answer and, when
/// the task closed, the batch's progress; closes the batch when that was its last open task.
/// Returns the batch if this call closed it.
fn count_in_batch(
    tx: &Connection,
    batch: &str,
    old_count: u64,
    closed_task: bool,
) -> Result<Option<crate::domain::Batch>> {
    let mut bump = tx
        .prepare_cached(
            "INSERT INTO batch_histogram (batch, users_count, tasks) VALUES (?1, ?2, ?3)
             ON CONFLICT (batch, users_count) DO UPDATE SET tasks = tasks + excluded.tasks",
        )
        .map_err(sql_err)?;
    bump.execute(params![batch, old_count, -1])
        .map_err(sql_err)?;
    bump.execute(params![batch, old_count + 1, 1])
        .map_err(sql_err)?;
    exec(
        tx,
        "UPDATE batches SET answers = answers + 1, tasks_processed = tasks_processed + ?2
         WHERE id = ?1",
        params![batch, closed_task],
    )?;
    if !closed_task {
        return Ok(None);
    }
    let closed = exec(
        tx,
        "UPDATE batches SET closed = 1
             WHERE id = ?1 AND closed = 0 AND loading = 0 AND tasks_processed >= tasks_count",
        [batch],
    )?;
    if closed == 1 {
        batches::get(tx, batch)
    } else {
        Ok(None)
    }
}

pub(super) fn skip(tx: &Connection, user: &UserId, task: &TaskId, task_type: &str) -> Result<()> {
    task_of_type(tx, task, task_type)?;
    let (user, task) = (user.as_str(), task.as_str());
    exec(
        tx,
        "DELETE FROM leases WHERE task_id = ?1 AND user_id = ?2",
        params![task, user],
    )?;
    exec(
        tx,
        "INSERT OR IGNORE INTO skips (user_id, task_id) VALUES (?1, ?2)",
        params![user, task],
    )?;
    exec(
        tx,
        "DELETE FROM work_sessions
         WHERE id = (SELECT id FROM work_sessions
                     WHERE user_id = ?1 AND task_id = ?2 AND end_time IS NULL
                     ORDER BY id DESC LIMIT 1)",
        params![user, task],
    )?;
    Ok(())
}

pub(super) fn add_activity(
    tx: &Connection,
    user: &UserId,
    task: &TaskId,
    task_type: &str,
    seconds: u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    task_of_type(tx, task, task_type)?;
    let session: Option<(i64, i64, u64)> = first(
        tx,
        &format!(
            "SELECT id, start_time, activity FROM ({SESSIONS_OF_USER_TASK}) ORDER BY id DESC LIMIT 1"
        ),
        params![user.as_str(), task.as_str()],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let Some((id, start, activity)) = session else {
        return Err(no_session(user, task));
    };
    let total = check_activity(from_ms(start), activity, seconds, now)?;
    exec(
        tx,
        "UPDATE work_sessions SET activity = ?2 WHERE id = ?1",
        params![id, total],
    )?;
    Ok(total)
}

/// The work sessions of one (user, task): the open one through `work_sessions_open`, the
/// finished one through its answer. A session ends only with an answer (`end_session`), so
/// these are all of them, with no index by (user, task) over finished sessions to keep up.
const SESSIONS_OF_USER_TASK: &str = "
    SELECT id, task_type, answer_id, start_time, end_time, activity FROM work_sessions
     WHERE user_id = ?1 AND task_id = ?2 AND end_time IS NULL
    UNION ALL
    SELECT s.id, s.task_type, s.answer_id, s.start_time, s.end_time, s.activity
      FROM answers a JOIN work_sessions s ON s.answer_id = a.id
     WHERE a.user_id = ?1 AND a.task_id = ?2 AND s.answer_id IS NOT NULL";

#[cfg(any(test, feature = "test-support"))]
pub(super) fn sessions(c: &Connection, user: &UserId, task: &TaskId) -> Result<Vec<WorkSession>> {
    let mut stmt = c
        .prepare_cached(&format!(
            "SELECT task_type, answer_id, start_time, end_time, activity
             FROM ({SESSIONS_OF_USER_TASK}) ORDER BY id"
        ))
        .map_err(sql_err)?;
    stmt.query_map(params![user.as_str(), task.as_str()], |row| {
        Ok(WorkSession {
            user: user.clone(),
            task: task.clone(),
            task_type: row.get(0)?,
            answer: row.get(1)?,
            start_time: from_ms(row.get(2)?),
            end_time: row.get::<_, Option<i64>>(3)?.map(from_ms),
            activity: row.get(4)?,
        })
    })
    .map_err(sql_err)?
    .collect::<Result<_, _>>()
    .map_err(sql_err)
}

pub(super) fn answers_for_task(c: &mut Connection, task: &TaskId) -> Result<Vec<Answer>> {
    let mut stmt = c
        .prepare_cached(
            "SELECT id, task_type, user_id, created_at, result FROM answers
             WHERE task_id = ?1 ORDER BY seq",
        )
        .map_err(sql_err)?;
    stmt.query_map([task.as_str()], |row| {
        let result: String = row.get(4)?;
        let result = serde_json::from_str(&result).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
        })?;
        Ok(Answer {
            id: row.get(0)?,
            task: task.clone(),
            task_type: row.get(1)?,
            created_by: UserId::from_stored(row.get(2)?),
            created_at: from_ms(row.get(3)?),
            result,
        })
    })
    .map_err(sql_err)?
    .collect::<Result<_, _>>()
    .map_err(sql_err)
}

#[cfg(any(test, feature = "test-support"))]
pub(super) fn has_skipped(c: &mut Connection, user: &UserId, task: &TaskId) -> Result<bool> {
    c.query_row(
        "SELECT EXISTS (SELECT 1 FROM skips WHERE user_id = ?1 AND task_id = ?2)",
        params![user.as_str(), task.as_str()],
        |row| row.get(0),
    )
    .map_err(sql_err)
}

#[cfg(test)]
mod tests;
