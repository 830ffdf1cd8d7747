//! Loading: every chunk of tasks and the batch's count change in one transaction, so the
//! count equals the batch's stored tasks at every moment, also after a `kill -9`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{batches, sql_err};
use crate::domain::{Batch, NewTask};
use crate::store::{BatchStart, InsertOutcome, LoadPlan, LoadTicket};
use crate::{Error, Result};

pub(super) fn begin(c: &mut Connection, plan: &LoadPlan) -> Result<LoadTicket> {
    let tx = c
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_err)?;
    let existing = batches::get(&tx, &plan.batch_id)?;
    let (created_batch, was_loading) = match (&plan.start, existing) {
        (BatchStart::Create { .. }, Some(_)) => {
            return Err(Error::conflict(format!(
                "batch `{}` already exists",
                plan.batch_id
            )));
        }
        (BatchStart::Create { meta }, None) => {
            let meta =
                serde_json::to_string(meta).map_err(|e| Error::store("encoding batch meta", e))?;
            tx.execute(
                "INSERT INTO batches (id, task_type, loading, meta) VALUES (?1, ?2, 1, ?3)",
                params![plan.batch_id, plan.task_type, meta],
            )
            .map_err(sql_err)?;
            (true, false)
        }
        (BatchStart::Reopen, Some(batch)) if batch.task_type == plan.task_type => {
            tx.execute(
                "UPDATE batches SET loading = 1 WHERE id = ?1",
                [&plan.batch_id],
            )
            .map_err(sql_err)?;
            (false, batch.loading)
        }
        (BatchStart::Reopen, _) => {
            return Err(Error::not_found(
                "batch",
                format!("{} of type {}", plan.batch_id, plan.task_type),
            ));
        }
    };
    let first_seq: i64 = tx
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM tasks", [], |row| {
            row.get(0)
        })
        .map_err(sql_err)?;
    tx.execute(
        "INSERT INTO load_runs (batch, first_seq) VALUES (?1, ?2)",
        params![plan.batch_id, first_seq],
    )
    .map_err(sql_err)?;
    let run = tx.last_insert_rowid();
    tx.commit().map_err(sql_err)?;
    Ok(LoadTicket {
        run,
        batch_id: plan.batch_id.clone(),
        task_type: plan.task_type.clone(),
        created_batch,
        was_loading,
    })
}

pub(super) fn insert(
    c: &mut Connection,
    ticket: &LoadTicket,
    tasks: &[NewTask],
) -> Result<InsertOutcome> {
    let tx = c.transaction().map_err(sql_err)?;
    let mut inserted = 0u64;
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO tasks (id, task_type, batch, load_run, task_data)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(sql_err)?;
        for task in tasks {
            inserted += stmt
                .execute(params![
                    task.id.as_str(),
                    ticket.task_type,
                    ticket.batch_id,
                    ticket.run,
                    task.data_json
                ])
                .map_err(sql_err)? as u64;
        }
    }
    tx.execute(
        "UPDATE batches SET tasks_count = tasks_count + ?2 WHERE id = ?1",
        params![ticket.batch_id, inserted as i64],
    )
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(InsertOutcome {
        inserted,
        duplicates: tasks.len() as u64 - inserted,
    })
}

pub(super) fn finish(c: &mut Connection, ticket: &LoadTicket) -> Result<Batch> {
    let tx = c.transaction().map_err(sql_err)?;
    tx.execute(
        "UPDATE batches SET loading = 0 WHERE id = ?1",
        [&ticket.batch_id],
    )
    .map_err(sql_err)?;
    tx.execute("DELETE FROM load_runs WHERE id = ?1", [ticket.run])
        .map_err(sql_err)?;
    let batch = batches::get(&tx, &ticket.batch_id)?
        .ok_or_else(|| Error::not_found("batch", &ticket.batch_id))?;
    tx.commit().map_err(sql_err)?;
    Ok(batch)
}

pub(super) fn abort(c: &mut Connection, ticket: &LoadTicket) -> Result<()> {
    let tx = c
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql_err)?;
    let first_seq: i64 = tx
        .query_row(
            "SELECT first_seq FROM load_runs WHERE id = ?1",
            [ticket.run],
            |row| row.get(0),
        )
        .optional()
        .map_err(sql_err)?
        .unwrap_or(0);
    // The rowid range keeps this delete from scanning tasks loaded before the run.
    let removed = tx
        .execute(
            "DELETE FROM tasks WHERE seq > ?1 AND load_run = ?2",
            params![first_seq, ticket.run],
        )
        .map_err(sql_err)? as i64;
    let remaining: i64 = tx
        .query_row(
            "SELECT tasks_count - ?2 FROM batches WHERE id = ?1",
            params![ticket.batch_id, removed],
            |row| row.get(0),
        )
        .optional()
        .map_err(sql_err)?
        .unwrap_or(0);
    if ticket.created_batch && remaining == 0 {
        tx.execute("DELETE FROM batches WHERE id = ?1", [&ticket.batch_id])
            .map_err(sql_err)?;
    } else {
        tx.execute(
            "UPDATE batches SET tasks_count = ?2, loading = ?3 WHERE id = ?1",
            params![ticket.batch_id, remaining, ticket.was_loading],
        )
        .map_err(sql_err)?;
    }
    tx.execute("DELETE FROM load_runs WHERE id = ?1", [ticket.run])
        .map_err(sql_err)?;
    tx.commit().map_err(sql_err)
}
