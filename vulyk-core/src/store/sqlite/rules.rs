//! Achievement rules and the SQL that counts a rule's progress.

use async_trait::async_trait;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::SqliteStore;
use super::ms;
use super::sql_err;
use crate::domain::UserId;
use crate::gamification::{DAY_MS, Rule, Tally};
use crate::store::ProgressQuery;
use crate::store::RuleStore;
use crate::store::found;
use crate::{Error, Result};

const RULE_COLUMNS: &str = "id, task_type, badge, name, description, bonus, tasks_number, \
     days_number, is_weekend, is_adjacent";

#[async_trait]
impl RuleStore for SqliteStore {
    async fn rules(&self) -> Result<Vec<Rule>> {
        self.read(all).await
    }

    async fn rule(&self, id: &str) -> Result<Option<Rule>> {
        let id = id.to_string();
        self.read(move |c| get(c, &id)).await
    }

    async fn insert_rule(&self, rule: &Rule) -> Result<()> {
        let rule = rule.clone();
        self.call(move |c| insert(c, &rule)).await
    }

    async fn replace_rule(&self, rule: &Rule) -> Result<()> {
        let missing = Error::not_found("rule", rule.id.as_str());
        let rule = rule.clone();
        found(self.call(move |c| replace(c, &rule)).await?, missing)
    }

    async fn delete_rule(&self, id: &str) -> Result<()> {
        let missing = Error::not_found("rule", id);
        let id = id.to_string();
        found(self.call(move |c| delete(c, &id)).await?, missing)
    }

    async fn rule_progress(&self, query: &ProgressQuery) -> Result<Vec<(UserId, u64)>> {
        let query = query.clone();
        self.read(move |c| progress(c, &query)).await
    }
}

fn rule_from_row(row: &Row<'_>) -> rusqlite::Result<Rule> {
    Ok(Rule {
        id: row.get(0)?,
        task_type: row.get(1)?,
        badge: row.get(2)?,
        name: row.get(3)?,
        description: row.get(4)?,
        bonus: row.get(5)?,
        tasks_number: row.get(6)?,
        days_number: row.get(7)?,
        is_weekend: row.get(8)?,
        is_adjacent: row.get(9)?,
    })
}

pub(super) fn all(c: &mut Connection) -> Result<Vec<Rule>> {
    let mut stmt = c
        .prepare_cached(&format!("SELECT {RULE_COLUMNS} FROM rules ORDER BY name"))
        .map_err(sql_err)?;
    stmt.query_map([], rule_from_row)
        .and_then(Iterator::collect)
        .map_err(sql_err)
}

pub(super) fn get(c: &Connection, id: &str) -> Result<Option<Rule>> {
    c.query_row(
        &format!("SELECT {RULE_COLUMNS} FROM rules WHERE id = ?1"),
        [id],
        rule_from_row,
    )
    .optional()
    .map_err(sql_err)
}

fn name_taken(c: &Connection, name: &str, other_than: &str) -> Result<bool> {
    c.query_row(
        "SELECT 1 FROM rules WHERE name = ?1 AND id <> ?2",
        [name, other_than],
        |_| Ok(()),
    )
    .optional()
    .map(|found| found.is_some())
    .map_err(sql_err)
}

fn name_conflict(name: &str) -> Error {
    Error::conflict(format!("name: a rule named `{name}` exists"))
}

pub(super) fn insert(c: &mut Connection, rule: &Rule) -> Result<()> {
    let tx = c.transaction().map_err(sql_err)?;
    if get(&tx, &rule.id)?.is_some() {
        return Err(Error::conflict(format!(
            "id: a rule with id `{}` exists",
            rule.id
        )));
    }
    if name_taken(&tx, &rule.name, &rule.id)? {
        return Err(name_conflict(&rule.name));
    }
    write(&tx, rule)?;
    tx.commit().map_err(sql_err)
}

pub(super) fn replace(c: &mut Connection, rule: &Rule) -> Result<bool> {
    let tx = c.transaction().map_err(sql_err)?;
    if get(&tx, &rule.id)?.is_none() {
        return Ok(false);
    }
    if name_taken(&tx, &rule.name, &rule.id)? {
        return Err(name_conflict(&rule.name));
    }
    write(&tx, rule)?;
    tx.commit().map_err(sql_err)?;
    Ok(true)
}

fn write(c: &Connection, r: &Rule) -> Result<()> {
    c.execute(
        &format!("INSERT OR REPLACE INTO rules ({RULE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        params![
            r.id,
            r.task_type,
            r.badge,
            r.name,
            r.description,
            r.bonus,
            r.tasks_number,
            r.days_number,
            r.is_weekend,
            r.is_adjacent
        ],
    )
    .map(|_| ())
    .map_err(sql_err)
}

pub(super) fn delete(c: &Connection, id: &str) -> Result<bool> {
    c.execute("DELETE FROM rules WHERE id = ?1", [id])
        .map(|n| n > 0)
        .map_err(sql_err)
}

/// Counts with one statement: the sessions that qualify, each with its local day (its end
/// time plus the offset in force then, in whole days), then per user the sessions, distinct
/// days or distinct Monday-to-Sunday weeks.
pub(super) fn progress(c: &Connection, q: &ProgressQuery) -> Result<Vec<(UserId, u64)>> {
    let mut filters = vec!["answer_id IS NOT NULL", "end_time IS NOT NULL"];
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(user) = &q.user {
        filters.push("user_id = ?");
        args.push(SqlValue::Text(user.as_str().to_string()));
    }
    if let Some(task_type) = &q.progress.task_type {
        filters.push("task_type = ?");
        args.push(SqlValue::Text(task_type.clone()));
    }
    if let Some(since) = q.progress.since {
        filters.push("end_time >= ?");
        args.push(SqlValue::Integer(ms(since)));
    }
    let counted = match q.progress.tally {
        Tally::Sessions => "COUNT(*)",
        Tally::Days => "COUNT(DISTINCT day)",
        Tally::Weekends => "COUNT(DISTINCT (day + 3) / 7)",
    };
    let weekend = if q.progress.weekend_only {
        "WHERE (day + 3) % 7 >= 5"
    } else {
        ""
    };
    // The offsets are integers we computed, written into the SQL as literals.
    let sql = format!(
        "SELECT user_id, {counted} FROM (
             SELECT user_id, (end_time + {offset}) / {DAY_MS} AS day
             FROM work_sessions WHERE {filters}
         ) {weekend}
         GROUP BY user_id ORDER BY user_id",
        offset = offset_sql(q),
        filters = filters.join(" AND "),
    );
    let mut stmt = c.prepare_cached(&sql).map_err(sql_err)?;
    stmt.query_map(rusqlite::params_from_iter(args), |row| {
        Ok((
            UserId::from_stored(row.get(0)?),
            row.get::<_, i64>(1)?.max(0) as u64,
        ))
    })
    .and_then(Iterator::collect)
    .map_err(sql_err)
}

/// The offset in force at `end_time`: the newest transition not after it.
fn offset_sql(q: &ProgressQuery) -> String {
    match q.offsets.as_slice() {
        [] => "0".to_string(),
        [only] => only.offset_ms.to_string(),
        [newer @ .., oldest] => {
            let mut sql = String::from("CASE");
            for t in newer {
                sql.push_str(&format!(
                    " WHEN end_time >= {} THEN {}",
                    t.since, t.offset_ms
                ));
            }
            sql.push_str(&format!(" ELSE {} END", oldest.offset_ms));
            sql
        }
    }
}
