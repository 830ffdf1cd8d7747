//! Volunteers' states and events. Each change is one transaction on the writing connection.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::SqliteStore;
use super::sql_err;
use super::{from_ms, ms};
use crate::Result;
use crate::domain::UserId;
use crate::gamification::{Amount, Award, AwardOutcome, Event, EventTotals, StateOrder, UserState};
use crate::store::check_donation;
use crate::store::{Notice, RewardStore};

const STATE_COLUMNS: &str =
    "user_id, level, points, actual_coins, potential_coins, last_changed, version";
const EVENT_COLUMNS: &str =
    "id, at, user_id, answer_id, points, coins, achievements, fund, level, viewed";

#[async_trait]
impl RewardStore for SqliteStore {
    async fn user_state(&self, user: &UserId) -> Result<Option<UserState>> {
        let user = user.clone();
        self.read(move |c| get(c, &user)).await
    }

    async fn apply_award(&self, award: &Award) -> Result<AwardOutcome> {
        let award = award.clone();
        self.call(move |c| apply_award(c, &award)).await
    }

    async fn make_coins_real(
        &self,
        batch: &str,
        user: Option<&UserId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<(UserId, Amount)>> {
        let (batch, user) = (batch.to_string(), user.cloned());
        self.call(move |c| make_coins_real(c, &batch, user.as_ref(), now))
            .await
    }

    async fn donate(&self, event: &Event, notice: Option<&Notice>) -> Result<bool> {
        let (event, notice) = (event.clone(), notice.cloned());
        self.call(move |c| donate(c, &event, notice.as_ref())).await
    }

    async fn events(&self, user: &UserId, unviewed_only: bool) -> Result<Vec<Event>> {
        let user = user.clone();
        self.read(move |c| events(c, &user, unviewed_only)).await
    }

    async fn donations(&self, user: &UserId) -> Result<Vec<Event>> {
        let user = user.clone();
        self.read(move |c| donations(c, &user)).await
    }

    async fn mark_events_viewed(&self, user: &UserId) -> Result<u64> {
        let user = user.clone();
        self.call(move |c| mark_viewed(c, &user)).await
    }

    async fn top_states(&self, order: StateOrder, limit: usize) -> Result<Vec<UserState>> {
        self.read(move |c| top(c, order, limit)).await
    }

    async fn event_totals(&self, user: Option<&UserId>) -> Result<EventTotals> {
        let user = user.cloned();
        self.read(move |c| totals(c, user.as_ref())).await
    }

    async fn batches_worked_on(&self, user: &UserId) -> Result<u64> {
        let user = user.clone();
        self.read(move |c| batches_worked_on(c, &user)).await
    }

    async fn session_seconds(&self, user: &UserId) -> Result<u64> {
        let user = user.clone();
        self.read(move |c| session_seconds(c, &user)).await
    }

    async fn recent_events(&self, limit: usize) -> Result<Vec<Event>> {
        self.read(move |c| recent_events(c, limit)).await
    }

    async fn active_users(&self) -> Result<u64> {
        self.read(active_users).await
    }
}

fn state_from_row(row: &Row<'_>) -> rusqlite::Result<UserState> {
    Ok(UserState {
        user: UserId::from_stored(row.get(0)?),
        level: row.get(1)?,
        points: Amount::from_units(row.get(2)?),
        actual_coins: Amount::from_units(row.get(3)?),
        potential_coins: Amount::from_units(row.get(4)?),
        achievements: Vec::new(),
        last_changed: row.get::<_, Option<i64>>(5)?.map(from_ms),
        version: row.get::<_, i64>(6)?.max(0) as u64,
    })
}

fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    let achievements: String = row.get(6)?;
    Ok(Event {
        id: row.get(0)?,
        timestamp: from_ms(row.get(1)?),
        user: UserId::from_stored(row.get(2)?),
        answer: row.get(3)?,
        points: Amount::from_units(row.get(4)?),
        coins: Amount::from_units(row.get(5)?),
        achievements: serde_json::from_str(&achievements).unwrap_or_default(),
        fund: row.get(7)?,
        level: row.get(8)?,
        viewed: row.get(9)?,
    })
}

fn achievements(c: &Connection, user: &str) -> Result<Vec<String>> {
    let mut stmt = c
        .prepare_cached("SELECT rule_id FROM user_achievements WHERE user_id = ?1 ORDER BY rowid")
        .map_err(sql_err)?;
    stmt.query_map([user], |row| row.get(0))
        .and_then(Iterator::collect)
        .map_err(sql_err)
}

pub(super) fn get(c: &Connection, user: &UserId) -> Result<Option<UserState>> {
    let state = c
        .prepare_cached(&format!(
            "SELECT {STATE_COLUMNS} FROM user_states WHERE user_id = ?1"
        ))
        .and_then(|mut s| s.query_row([user.as_str()], state_from_row).optional())
        .map_err(sql_err)?;
    state
        .map(|mut s| {
            s.achievements = achievements(c, user.as_str())?;
            Ok(s)
        })
        .transpose()
}

fn version(c: &Connection, user: &UserId) -> Result<u64> {
    c.query_row(
        "SELECT version FROM user_states WHERE user_id = ?1",
        [user.as_str()],
        |row| row.get::<_, i64>(0),
    )
    .optional()
    .map(|v| v.unwrap_or(0).max(0) as u64)
    .map_err(sql_err)
}

fn insert_event(c: &Connection, e: &Event) -> Result<()> {
    c.prepare_cached(&format!(
        "INSERT INTO events ({EVENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))
    .and_then(|mut s| {
        s.execute(params![
            e.id,
            ms(e.timestamp),
            e.user.as_str(),
            e.answer,
            e.points.units(),
            e.coins.units(),
            serde_json::to_string(&e.achievements).unwrap_or_else(|_| "[]".into()),
            e.fund,
            e.level,
            e.viewed
        ])
    })
    .map(|_| ())
    .map_err(sql_err)
}

pub(super) fn apply_award(c: &mut Connection, award: &Award) -> Result<AwardOutcome> {
    let e = &award.event;
    let tx = c
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_err)?;
    let paid = tx
        .query_row(
            "SELECT 1 FROM events WHERE answer_id = ?1",
            [&e.answer],
            |_| Ok(()),
        )
        .optional()
        .map_err(sql_err)?;
    if paid.is_some() {
        return Ok(AwardOutcome::AlreadyPaid);
    }
    if version(&tx, &e.user)? != award.expected_version {
        return Ok(AwardOutcome::Stale);
    }
    let made_real = tx
        .query_row(
            "SELECT made_real FROM batch_coins WHERE batch = ?1 AND user_id = ?2",
            [award.batch.as_str(), e.user.as_str()],
            |row| row.get::<_, bool>(0),
        )
        .optional()
        .map_err(sql_err)?
        .unwrap_or(false);
    let (potential, actual) = if made_real {
        (0, e.coins.units())
    } else {
        (e.coins.units(), 0)
    };
    tx.prepare_cached(
        "INSERT INTO user_states
             (user_id, level, points, potential_coins, actual_coins, last_changed, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)
         ON CONFLICT (user_id) DO UPDATE SET level = excluded.level,
             points = points + excluded.points,
             potential_coins = potential_coins + excluded.potential_coins,
             actual_coins = actual_coins + excluded.actual_coins,
             last_changed = excluded.last_changed, version = version + 1",
    )
    .and_then(|mut s| {
        s.execute(params![
            e.user.as_str(),
            award.level,
            e.points.units(),
            potential,
            actual,
            ms(e.timestamp)
        ])
    })
    .map_err(sql_err)?;
    if !made_real {
        tx.prepare_cached(
            "INSERT INTO batch_coins (batch, user_id, coins) VALUES (?1, ?2, ?3)
             ON CONFLICT (batch, user_id) DO UPDATE SET coins = coins + excluded.coins",
        )
        .and_then(|mut s| s.execute(params![award.batch, e.user.as_str(), potential]))
        .map_err(sql_err)?;
    }
    for rule in &e.achievements {
        tx.execute(
            "INSERT OR IGNORE INTO user_achievements (user_id, rule_id) VALUES (?1, ?2)",
            [e.user.as_str(), rule],
        )
        .map_err(sql_err)?;
    }
    insert_event(&tx, e)?;
    tx.commit().map_err(sql_err)?;
    Ok(AwardOutcome::Paid)
}

pub(super) fn make_coins_real(
    c: &mut Connection,
    batch: &str,
    user: Option<&UserId>,
    now: DateTime<Utc>,
) -> Result<Vec<(UserId, Amount)>> {
    let tx = c
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_err)?;
    let buckets: Vec<(String, i64)> = tx
        .prepare_cached(
            "SELECT user_id, coins FROM batch_coins
             WHERE batch = ?1 AND made_real = 0 AND (?2 IS NULL OR user_id = ?2)
             ORDER BY user_id",
        )
        .and_then(|mut s| {
            s.query_map(params![batch, user.map(UserId::as_str)], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect()
        })
        .map_err(sql_err)?;
    for (user_id, coins) in &buckets {
        tx.execute(
            "UPDATE user_states SET potential_coins = potential_coins - ?2,
                 actual_coins = actual_coins + ?2, last_changed = ?3, version = version + 1
             WHERE user_id = ?1",
            params![user_id, coins, ms(now)],
        )
        .map_err(sql_err)?;
        tx.execute(
            "UPDATE batch_coins SET made_real = 1 WHERE batch = ?1 AND user_id = ?2",
            params![batch, user_id],
        )
        .map_err(sql_err)?;
    }
    tx.commit().map_err(sql_err)?;
    Ok(buckets
        .into_iter()
        .map(|(user, coins)| (UserId::from_stored(user), Amount::from_units(coins)))
        .collect())
}

pub(super) fn donate(c: &mut Connection, event: &Event, notice: Option<&Notice>) -> Result<bool> {
    check_donation(event)?;
    let tx = c
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_err)?;
    let amount = -event.coins.units();
    let taken = tx
        .execute(
            "UPDATE user_states SET actual_coins = actual_coins - ?2, last_changed = ?3,
                 version = version + 1
             WHERE user_id = ?1 AND actual_coins >= ?2",
            params![event.user.as_str(), amount, ms(event.timestamp)],
        )
        .map_err(sql_err)?;
    if taken == 0 {
        return Ok(false);
    }
    insert_event(&tx, event)?;
    if let Some(notice) = notice {
        super::webhooks::queue(&tx, &notice.event, &notice.hooks)?;
    }
    tx.commit().map_err(sql_err)?;
    Ok(true)
}

pub(super) fn events(c: &Connection, user: &UserId, unviewed_only: bool) -> Result<Vec<Event>> {
    let mut stmt = c
        .prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE user_id = ?1 AND (viewed = 0 OR NOT ?2)
             ORDER BY seq"
        ))
        .map_err(sql_err)?;
    stmt.query_map(params![user.as_str(), unviewed_only], event_from_row)
        .and_then(Iterator::collect)
        .map_err(sql_err)
}

pub(super) fn donations(c: &Connection, user: &UserId) -> Result<Vec<Event>> {
    let mut stmt = c
        .prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE user_id = ?1 AND fund IS NOT NULL
             ORDER BY seq DESC"
        ))
        .map_err(sql_err)?;
    stmt.query_map([user.as_str()], event_from_row)
        .and_then(Iterator::collect)
        .map_err(sql_err)
}

pub(super) fn mark_viewed(c: &Connection, user: &UserId) -> Result<u64> {
    c.execute(
        "UPDATE events SET viewed = 1 WHERE user_id = ?1 AND viewed = 0",
        [user.as_str()],
    )
    .map(|n| n as u64)
    .map_err(sql_err)
}

pub(super) fn top(c: &Connection, order: StateOrder, limit: usize) -> Result<Vec<UserState>> {
    let column = match order {
        StateOrder::Points => "points",
        StateOrder::ActualCoins => "actual_coins",
        StateOrder::PotentialCoins => "potential_coins",
        StateOrder::Level => "level",
    };
    let mut stmt = c
        .prepare_cached(&format!(
            "SELECT {STATE_COLUMNS} FROM user_states ORDER BY {column} DESC, user_id LIMIT ?1"
        ))
        .map_err(sql_err)?;
    let states: Vec<UserState> = stmt
        .query_map([limit as i64], state_from_row)
        .and_then(Iterator::collect)
        .map_err(sql_err)?;
    states
        .into_iter()
        .map(|mut s| {
            s.achievements = achievements(c, s.user.as_str())?;
            Ok(s)
        })
        .collect()
}

pub(super) fn totals(c: &Connection, user: Option<&UserId>) -> Result<EventTotals> {
    c.query_row(
        "SELECT COUNT(answer_id),
                COALESCE(SUM(CASE WHEN coins > 0 THEN coins END), 0),
                -COALESCE(SUM(CASE WHEN fund IS NOT NULL THEN coins END), 0)
         FROM events WHERE ?1 IS NULL OR user_id = ?1",
        [user.map(UserId::as_str)],
        |row| {
            Ok(EventTotals {
                task_events: row.get::<_, i64>(0)?.max(0) as u64,
                earned: Amount::from_units(row.get(1)?),
                donated: Amount::from_units(row.get(2)?),
            })
        },
    )
    .map_err(sql_err)
}

pub(super) fn batches_worked_on(c: &Connection, user: &UserId) -> Result<u64> {
    c.query_row(
        "SELECT COUNT(DISTINCT t.batch) FROM answers a JOIN tasks t ON t.id = a.task_id
         WHERE a.user_id = ?1 AND t.batch IS NOT NULL",
        [user.as_str()],
        |row| row.get::<_, i64>(0),
    )
    .map(|n| n.max(0) as u64)
    .map_err(sql_err)
}

pub(super) fn session_seconds(c: &Connection, user: &UserId) -> Result<u64> {
    c.query_row(
        "SELECT COALESCE(SUM(end_time - start_time), 0) FROM work_sessions
         WHERE user_id = ?1 AND answer_id IS NOT NULL AND end_time IS NOT NULL",
        [user.as_str()],
        |row| row.get::<_, i64>(0),
    )
    .map(|n| n.max(0) as u64 / 1000)
    .map_err(sql_err)
}

pub(super) fn active_users(c: &mut Connection) -> Result<u64> {
    c.query_row("SELECT COUNT(*) FROM users WHERE active", [], |row| {
        row.get::<_, i64>(0)
    })
    .map(|n| n.max(0) as u64)
    .map_err(sql_err)
}

pub(super) fn recent_events(c: &mut Connection, limit: usize) -> Result<Vec<Event>> {
    let mut stmt = c
        .prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events ORDER BY seq DESC LIMIT ?1"
        ))
        .map_err(sql_err)?;
    stmt.query_map([limit as i64], event_from_row)
        .and_then(Iterator::collect)
        .map_err(sql_err)
}
