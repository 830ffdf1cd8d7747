//! Leases that ran out: removed and counted by the server's sweep (`expire_leases`), so that
//! monitoring sees how many hand-outs were abandoned. A hand-out leaves them be: an expired
//! lease holds no slot, and the few there are cost the search nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{ms, sql_err};
use crate::Result;

/// Deletes the leases expired at `now`, counted by task type. It runs on the writer's
/// thread, so no other write sees a lease between its count and its deletion.
pub(super) fn expire(tx: &Connection, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
    let mut stmt = tx
        .prepare_cached("DELETE FROM leases WHERE expires_at <= ?1 RETURNING task_type")
        .map_err(sql_err)?;
    let mut counts = BTreeMap::<String, u64>::new();
    let types = stmt
        .query_map([ms(now)], |row| row.get::<_, String>(0))
        .map_err(sql_err)?;
    for task_type in types {
        *counts.entry(task_type.map_err(sql_err)?).or_default() += 1;
    }
    Ok(counts.into_iter().collect())
}
