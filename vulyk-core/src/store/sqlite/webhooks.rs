//! The webhooks' outbox.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{SqliteStore, from_ms, ms, sql_err};
use crate::domain::{Delivery, DeliveryStatus, EventKind, WebhookEvent};
use crate::store::{Claim, DeliveryQuery, TryOutcome, WebhookStore};
use crate::{Error, Result};

const COLUMNS: &str = "id, hook, event_id, kind, event_at, payload, status, attempts, \
                       next_attempt_at, last_error, delivered_at, claim";
/// The due delivery of a webhook, first by when it is due, through the partial index.
const DUE: &str = "SELECT id FROM webhook_deliveries
                   WHERE hook = ?1 AND status = 'pending' AND next_attempt_at <= ?2
                   ORDER BY next_attempt_at, id LIMIT 1";

#[async_trait]
impl WebhookStore for SqliteStore {
    async fn queue_deliveries(&self, event: &WebhookEvent, hooks: &[String]) -> Result<usize> {
        // Grouped with the volunteers' writes (see `worker.rs`): an answer's events are
        // queued right after it, as often as answers come.
        let (event, hooks) = (event.clone(), hooks.to_vec());
        self.conn.write(move |c| queue(c, &event, &hooks)).await
    }

    async fn claim_delivery(&self, hook: &str, claim: &Claim) -> Result<Option<Delivery>> {
        let (hook, claim) = (hook.to_string(), claim.clone());
        // Idle servers look every second: they ask the reader, and take the writer's lock
        // only when something is due.
        let probe = (hook.clone(), ms(claim.now));
        let due: Option<i64> = self
            .read(move |c| {
                c.prepare_cached(DUE)
                    .and_then(|mut stmt| {
                        stmt.query_row(params![probe.0, probe.1], |r| r.get(0))
                            .optional()
                    })
                    .map_err(sql_err)
            })
            .await?;
        if due.is_none() {
            return Ok(None);
        }
        self.conn
            .write(move |c| {
                c.prepare_cached(&format!(
                    "UPDATE webhook_deliveries
                 SET attempts = attempts + 1, next_attempt_at = ?3, claim = ?4
                 WHERE id = ({DUE})
                 RETURNING {COLUMNS}"
                ))
                .and_then(|mut stmt| {
                    stmt.query_row(
                        params![hook, ms(claim.now), ms(claim.until), claim.token],
                        decode,
                    )
                    .optional()
                })
                .map_err(sql_err)?
                .transpose()
            })
            .await
    }

    async fn finish_try(&self, id: &str, claim: &str, outcome: &TryOutcome) -> Result<bool> {
        let Ok(id) = parse_id(id) else {
            return Ok(false);
        };
        let (claim, outcome) = (claim.to_string(), outcome.clone());
        self.conn
            .write(move |c| {
                let (status, next, error, delivered) = match &outcome {
                    TryOutcome::Delivered { at } => ("delivered", None, None, Some(ms(*at))),
                    TryOutcome::Retry { at, error } => {
                        ("pending", Some(ms(*at)), Some(error), None)
                    }
                    TryOutcome::Dead { error } => ("dead", None, Some(error), None),
                };
                let changed = c
                    .execute(
                        "UPDATE webhook_deliveries
                     SET status = ?3, next_attempt_at = coalesce(?4, next_attempt_at),
                         last_error = coalesce(?5, last_error),
                         delivered_at = coalesce(?6, delivered_at)
                     WHERE id = ?1 AND claim = ?2 AND status = 'pending'",
                        params![id, claim, status, next, error, delivered],
                    )
                    .map_err(sql_err)?;
                Ok(changed == 1)
            })
            .await
    }

    async fn rename_deliveries(&self, from: &str, to: &str) -> Result<u64> {
        let (from, to) = (from.to_string(), to.to_string());
        self.call(move |c| {
            let tx = c.transaction().map_err(sql_err)?;
            tx.execute(
                "DELETE FROM webhook_deliveries WHERE hook = ?1 AND event_id IN
                     (SELECT event_id FROM webhook_deliveries WHERE hook = ?2)",
                [&from, &to],
            )
            .map_err(sql_err)?;
            let moved = tx
                .execute(
                    "UPDATE webhook_deliveries SET hook = ?2 WHERE hook = ?1",
                    [&from, &to],
                )
                .map_err(sql_err)?;
            tx.commit().map_err(sql_err)?;
            Ok(moved as u64)
        })
        .await
    }

    async fn forget_delivered(&self, before: DateTime<Utc>) -> Result<u64> {
        self.call(move |c| {
            c.execute(
                "DELETE FROM webhook_deliveries WHERE status = 'delivered' AND delivered_at < ?1",
                [ms(before)],
            )
            .map(|n| n as u64)
            .map_err(sql_err)
        })
        .await
    }

    async fn deliveries(&self, query: &DeliveryQuery) -> Result<Vec<Delivery>> {
        let query = query.clone();
        self.read(move |c| {
            let filter = if query.failed {
                "WHERE status = 'dead' OR (status = 'pending' AND last_error IS NOT NULL)"
            } else {
                ""
            };
            let limit = i64::try_from(query.limit).unwrap_or(i64::MAX);
            let mut stmt = c
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM webhook_deliveries {filter} ORDER BY id DESC LIMIT ?1"
                ))
                .map_err(sql_err)?;
            let rows: Vec<Result<Delivery>> = stmt
                .query_map([limit], decode)
                .and_then(Iterator::collect)
                .map_err(sql_err)?;
            rows.into_iter().collect()
        })
        .await
    }

    async fn pending_deliveries(&self) -> Result<BTreeMap<String, u64>> {
        self.read(|c| {
            // Through the partial index of the pending ones, by webhook.
            let mut stmt = c
                .prepare_cached(
                    "SELECT hook, count(*) FROM webhook_deliveries
                     WHERE status = 'pending' GROUP BY hook",
                )
                .map_err(sql_err)?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))
                .and_then(Iterator::collect)
                .map_err(sql_err)
        })
        .await
    }

    async fn delivery(&self, id: &str) -> Result<Option<Delivery>> {
        let Ok(id) = parse_id(id) else {
            return Ok(None);
        };
        self.read(move |c| {
            c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM webhook_deliveries WHERE id = ?1"
            ))
            .and_then(|mut stmt| stmt.query_row([id], decode).optional())
            .map_err(sql_err)?
            .transpose()
        })
        .await
    }

    async fn event_delivery(&self, hook: &str, event_id: &str) -> Result<Option<Delivery>> {
        let (hook, event_id) = (hook.to_string(), event_id.to_string());
        self.read(move |c| {
            c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM webhook_deliveries WHERE hook = ?1 AND event_id = ?2"
            ))
            .and_then(|mut stmt| stmt.query_row([hook, event_id], decode).optional())
            .map_err(sql_err)?
            .transpose()
        })
        .await
    }

    async fn retry_delivery(&self, id: &str, now: DateTime<Utc>) -> Result<bool> {
        let missing = Error::not_found("webhook delivery", id);
        let Ok(id) = parse_id(id) else {
            return Err(missing);
        };
        let changed = self
            .call(move |c| {
                let exists: Option<String> = c
                    .query_row(
                        "SELECT status FROM webhook_deliveries WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(sql_err)?;
                if exists.is_none() {
                    return Ok(None);
                }
                c.execute(
                    "UPDATE webhook_deliveries
                     SET status = 'pending', attempts = 0, next_attempt_at = ?2,
                         delivered_at = NULL, claim = NULL
                     WHERE id = ?1 AND status != 'pending'",
                    params![id, ms(now)],
                )
                .map(|n| Some(n == 1))
                .map_err(sql_err)
            })
            .await?;
        changed.ok_or(missing)
    }
}

/// Queues `event` for `hooks` inside the caller's transaction (the change it tells of may be
/// in it too); how many were new.
pub(super) fn queue(c: &Connection, event: &WebhookEvent, hooks: &[String]) -> Result<usize> {
    let mut insert = c
        .prepare_cached(
            "INSERT INTO webhook_deliveries
                 (hook, event_id, kind, event_at, payload, status, next_attempt_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?4)
             ON CONFLICT (hook, event_id) DO NOTHING",
        )
        .map_err(sql_err)?;
    let mut queued = 0;
    for hook in hooks {
        queued += insert
            .execute(params![
                hook,
                event.id,
                event.kind.as_str(),
                ms(event.at),
                event.payload.to_string()
            ])
            .map_err(sql_err)?;
    }
    Ok(queued)
}

/// SQLite numbers deliveries; the API names them by text, as MongoDB's ObjectIds are.
fn parse_id(id: &str) -> Result<i64> {
    id.parse()
        .map_err(|_| Error::not_found("webhook delivery", id))
}

fn decode(row: &Row<'_>) -> rusqlite::Result<Result<Delivery>> {
    let kind: String = row.get(3)?;
    let status: String = row.get(6)?;
    let payload: String = row.get(5)?;
    let id: i64 = row.get(0)?;
    let (Some(kind), Some(status)) = (EventKind::parse(&kind), DeliveryStatus::parse(&status))
    else {
        return Ok(Err(Error::store_msg(format!(
            "webhook delivery {id}: unknown kind {kind:?} or status {status:?}"
        ))));
    };
    let payload = match serde_json::from_str(&payload) {
        Ok(payload) => payload,
        Err(e) => return Ok(Err(Error::store(format!("webhook delivery {id}"), e))),
    };
    Ok(Ok(Delivery {
        id: id.to_string(),
        hook: row.get(1)?,
        event: WebhookEvent {
            id: row.get(2)?,
            kind,
            at: from_ms(row.get(4)?),
            payload,
        },
        status,
        attempts: row.get(7)?,
        next_attempt_at: from_ms(row.get(8)?),
        last_error: row.get(9)?,
        delivered_at: row.get::<_, Option<i64>>(10)?.map(from_ms),
        claim: row.get(11)?,
    }))
}
