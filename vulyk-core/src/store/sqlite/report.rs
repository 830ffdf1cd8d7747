//! Leaderboards and stats, read from the counters `work.rs` keeps and from indexes.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, params};

use super::SqliteStore;
use super::batches;
use super::sql_err;
use super::{first, ms};
use crate::Result;
use crate::domain::{TaskId, UserId};
use crate::store::ReportStore;
use crate::store::report::{first_activity_hour, histogram_from_changes};
use crate::store::{
    ACTIVITY_HOURS, BatchCounters, RankInput, RecentAnswer, SESSION_SAMPLE, TypeActivity,
};

#[async_trait]
impl ReportStore for SqliteStore {
    async fn leaders(&self, task_type: &str, distinct_counts: usize) -> Result<Vec<(UserId, u64)>> {
        let task_type = task_type.to_string();
        self.read(move |c| leaders(c, &task_type, distinct_counts))
            .await
    }

    async fn rank_input(&self, task_type: &str, user: &UserId) -> Result<RankInput> {
        let (task_type, user) = (task_type.to_string(), user.clone());
        self.read(move |c| rank_input(c, &task_type, &user)).await
    }

    async fn batch_counters(
        &self,
        task_type: Option<&str>,
        batch: Option<&str>,
    ) -> Result<Vec<BatchCounters>> {
        let task_type = task_type.map(str::to_string);
        let batch = batch.map(str::to_string);
        self.read(move |c| batch_counters(c, task_type.as_deref(), batch.as_deref()))
            .await
    }

    async fn live_leases(&self, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
        self.read(move |c| live_leases(c, now)).await
    }

    async fn type_activity(&self, task_type: &str, now: DateTime<Utc>) -> Result<TypeActivity> {
        let task_type = task_type.to_string();
        self.read(move |c| type_activity(c, &task_type, now)).await
    }

    async fn recent_answers(&self, limit: usize) -> Result<Vec<RecentAnswer>> {
        self.read(move |c| recent_answers(c, limit)).await
    }
}

pub(super) fn leaders(
    c: &mut Connection,
    task_type: &str,
    distinct_counts: usize,
) -> Result<Vec<(UserId, u64)>> {
    let mut stmt = c
        .prepare_cached(
            "SELECT user_id, answers FROM answer_counts
             WHERE task_type = ?1 AND answers > 0 ORDER BY answers DESC, user_id",
        )
        .map_err(sql_err)?;
    let mut rows = stmt.query([task_type]).map_err(sql_err)?;
    let mut out: Vec<(UserId, u64)> = Vec::new();
    let mut seen = 0;
    while let Some(row) = rows.next().map_err(sql_err)? {
        let answers: u64 = row.get(1).map_err(sql_err)?;
        if out.last().is_none_or(|(_, last)| *last != answers) {
            if seen == distinct_counts {
                break;
            }
            seen += 1;
        }
        out.push((UserId::from_stored(row.get(0).map_err(sql_err)?), answers));
    }
    Ok(out)
}

pub(super) fn rank_input(c: &mut Connection, task_type: &str, user: &UserId) -> Result<RankInput> {
    // Prepared once per connection (`first`): every hand-out on the site asks for the rank.
    let total: u64 = first(
        c,
        "SELECT answers FROM answer_counts WHERE task_type = ?1 AND user_id = ?2",
        params![task_type, user.as_str()],
        |row| row.get(0),
    )?
    .unwrap_or(0);
    let higher_counts: u64 = first(
        c,
        "SELECT COUNT(DISTINCT answers) FROM answer_counts
         WHERE task_type = ?1 AND answers > ?2",
        params![task_type, total],
        |row| row.get(0),
    )?
    .unwrap_or(0);
    Ok(RankInput {
        total,
        higher_counts,
    })
}

pub(super) fn batch_counters(
    c: &mut Connection,
    task_type: Option<&str>,
    batch: Option<&str>,
) -> Result<Vec<BatchCounters>> {
    let all = batches::all(c, task_type)?;
    let mut out = Vec::new();
    for batch in all
        .into_iter()
        .filter(|b| batch.is_none_or(|id| b.id == id))
    {
        let answers: u64 = c
            .query_row(
                "SELECT answers FROM batches WHERE id = ?1",
                [&batch.id],
                |row| row.get(0),
            )
            .map_err(sql_err)?;
        let mut stmt = c
            .prepare_cached(
                "SELECT users_count, tasks FROM batch_histogram WHERE batch = ?1 ORDER BY users_count",
            )
            .map_err(sql_err)?;
        let changes = stmt
            .query_map([&batch.id], |row| {
                Ok((row.get::<_, u64>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(sql_err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        let histogram = histogram_from_changes(batch.tasks_count, &changes);
        out.push(BatchCounters {
            batch,
            answers,
            histogram,
        });
    }
    Ok(out)
}

pub(super) fn live_leases(c: &mut Connection, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
    let mut stmt = c
        .prepare_cached(
            // CROSS JOIN keeps the (few) leases as the outer loop: without table statistics
            // the planner may otherwise scan every task.
            "SELECT t.batch, COUNT(*) FROM leases l CROSS JOIN tasks t ON t.id = l.task_id
             WHERE l.expires_at > ?1 AND t.batch IS NOT NULL
             GROUP BY t.batch ORDER BY t.batch",
        )
        .map_err(sql_err)?;
    stmt.query_map([ms(now)], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(sql_err)?
        .collect::<Result<_, _>>()
        .map_err(sql_err)
}

pub(super) fn type_activity(
    c: &mut Connection,
    task_type: &str,
    now: DateTime<Utc>,
) -> Result<TypeActivity> {
    let volunteers_since = |since: DateTime<Utc>| -> Result<u64> {
        c.query_row(
            "SELECT COUNT(DISTINCT user_id) FROM answers WHERE task_type = ?1 AND created_at >= ?2",
            params![task_type, ms(since)],
            |row| row.get(0),
        )
        .map_err(sql_err)
    };
    let volunteers_24h = volunteers_since(now - Duration::hours(24))?;
    let volunteers_7d = volunteers_since(now - Duration::days(7))?;

    let first_hour = first_activity_hour(now);
    let mut answers_per_hour = vec![0; ACTIVITY_HOURS];
    let mut stmt = c
        .prepare_cached(
            "SELECT (created_at - ?2) / 3600000, COUNT(*) FROM answers
             WHERE task_type = ?1 AND created_at >= ?2 GROUP BY 1",
        )
        .map_err(sql_err)?;
    let hours = stmt
        .query_map(params![task_type, ms(first_hour)], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, u64>(1)?))
        })
        .map_err(sql_err)?;
    for hour in hours {
        let (index, answers) = hour.map_err(sql_err)?;
        if let Some(slot) = answers_per_hour.get_mut(index as usize) {
            *slot = answers;
        }
    }

    let mut stmt = c
        .prepare_cached(
            "SELECT end_time - start_time FROM work_sessions
             WHERE task_type = ?1 AND end_time IS NOT NULL ORDER BY end_time DESC LIMIT ?2",
        )
        .map_err(sql_err)?;
    let session_seconds = stmt
        .query_map(params![task_type, SESSION_SAMPLE as i64], |row| {
            Ok((row.get::<_, i64>(0)?.max(0) / 1000) as u64)
        })
        .map_err(sql_err)?
        .collect::<Result<_, _>>()
        .map_err(sql_err)?;
    Ok(TypeActivity {
        volunteers_24h,
        volunteers_7d,
        answers_per_hour,
        session_seconds,
    })
}

pub(super) fn recent_answers(c: &Connection, limit: usize) -> Result<Vec<RecentAnswer>> {
    let mut stmt = c
        .prepare_cached(
            "SELECT created_at, user_id, task_type, task_id FROM answers ORDER BY seq DESC LIMIT ?1",
        )
        .map_err(sql_err)?;
    stmt.query_map([limit as i64], |row| {
        Ok(RecentAnswer {
            at: super::from_ms(row.get(0)?),
            user: UserId::from_stored(row.get(1)?),
            task_type: row.get(2)?,
            task: TaskId::from_stored(row.get(3)?),
        })
    })
    .and_then(Iterator::collect)
    .map_err(sql_err)
}
