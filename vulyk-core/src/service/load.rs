//! `db load`: validate everything that can be validated before reading, then stream the
//! inputs into the store. A load that fails (without skipping invalid lines) leaves the store
//! as it was; a load that is killed leaves its batch incomplete, and the same command run
//! again completes it exactly, because stored tasks are skipped by id.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::Vulyk;
use crate::domain::{Batch, DEFAULT_BATCH, apply_meta_overrides, validate_batch_id};
use crate::error::with_sources;
use crate::import::{Pipeline, PipelineOptions, Reject, expand_inputs};
use crate::store::{BatchStart, InsertOutcome, LoadPlan, LoadTicket};
use crate::{Error, Result};

/// A gamified batch pays what its meta says for every answer: amounts that can be kept
/// exactly and are not negative (the original took −1 and failed on every answer).
fn check_rates(meta: &crate::domain::BatchMeta) -> Result<()> {
    for key in ["points_per_task", "coins_per_task"] {
        if let Some(value) = meta.get(key) {
            let rate = crate::gamification::Amount::from_json(value, &format!("meta {key}"))?;
            if rate.is_negative() {
                return Err(Error::invalid(format!("meta {key}: must not be negative")));
            }
        }
    }
    Ok(())
}

/// Lines per store write. Large enough to amortise a transaction, small enough that a killed
/// load loses little and memory stays small.
pub const DEFAULT_CHUNK_LINES: usize = 4096;
/// How many rejected lines a summary lists by location (all of them go to the rejects file).
const LISTED_REJECTS: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct LoadRequest {
    pub task_type: String,
    /// Paths, directories, quoted globs or `-` for standard input.
    pub inputs: Vec<String>,
    /// Defaults to the `default` batch.
    pub batch: Option<String>,
    /// `KEY=VALUE` overrides of the plugin's batch meta, for a new batch.
    pub meta: Vec<(String, String)>,
    /// Allow adding to an existing batch other than `default`.
    pub extend: bool,
    /// Skip invalid lines, writing them here; without it the first one stops the load.
    pub rejects: Option<PathBuf>,
    pub chunk_lines: usize,
    /// Set to stop the load between chunks; it is then undone as a failed one is.
    pub cancel: Option<CancelFlag>,
}

/// Stops a load between chunks when set; clones share one flag (equal when they do).
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl PartialEq for CancelFlag {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl LoadRequest {
    pub fn new(task_type: impl Into<String>, inputs: Vec<String>) -> Self {
        LoadRequest {
            task_type: task_type.into(),
            inputs,
            batch: None,
            meta: Vec::new(),
            extend: false,
            rejects: None,
            chunk_lines: DEFAULT_CHUNK_LINES,
            cancel: None,
        }
    }
}

/// Where a load is; reported after every store write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadProgress {
    pub bytes_read: u64,
    pub bytes_total: Option<u64>,
    pub loaded: u64,
    pub duplicates: u64,
    pub rejected: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadSummary {
    pub task_type: String,
    pub batch: Batch,
    /// The batch existed before this load (extended, or an incomplete load resumed).
    pub batch_existed: bool,
    pub inputs: usize,
    pub loaded: u64,
    pub duplicates: u64,
    /// Blank lines and empty values (`{}`, `null`, …), skipped.
    pub skipped_empty: u64,
    pub rejected: u64,
    /// The first rejected lines, by location.
    pub rejects: Vec<Reject>,
    pub bytes_read: u64,
    pub elapsed: Duration,
}

impl LoadSummary {
    pub fn tasks_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            (self.loaded + self.duplicates) as f64 / seconds
        } else {
            0.0
        }
    }
}

impl Vulyk {
    pub async fn load(
        &self,
        request: LoadRequest,
        progress: &(dyn Fn(&LoadProgress) + Send + Sync),
    ) -> Result<LoadSummary> {
        let started = Instant::now();
        let plan = self.plan_load(&request).await?;
        let inputs = expand_inputs(&request.inputs)?;
        if inputs.is_empty() {
            return Err(Error::invalid(
                "no input given: name files, folders, globs or - for standard input",
            ));
        }
        let input_count = inputs.len();
        let pipeline = Pipeline::start(PipelineOptions {
            inputs,
            rejects: request.rejects.clone(),
            chunk_lines: request.chunk_lines,
        })?;
        let (plan, ticket) = match self.store.begin_load(&plan).await {
            // Another load created the batch since it was planned. A load that may add to an
            // existing batch joins it, as it would have a moment later.
            Err(Error::Conflict(_))
                if matches!(plan.start, BatchStart::Create { .. })
                    && (request.extend || plan.batch_id == DEFAULT_BATCH) =>
            {
                let plan = self.plan_load(&request).await?;
                let mut ticket = self.store.begin_load(&plan).await?;
                // Incomplete because that load is running, not because one died: nothing
                // to recount or clean up after it.
                ticket.was_loading = false;
                (plan, ticket)
            }
            begun => (plan, begun?),
        };
        let batch_existed = plan.start == BatchStart::Reopen;
        let mut summary = LoadSummary {
            task_type: request.task_type.clone(),
            batch: Batch {
                id: plan.batch_id.clone(),
                task_type: plan.task_type.clone(),
                tasks_count: 0,
                tasks_processed: 0,
                closed: false,
                loading: true,
                meta: Default::default(),
            },
            batch_existed,
            inputs: input_count,
            loaded: 0,
            duplicates: 0,
            skipped_empty: 0,
            rejected: 0,
            rejects: Vec::new(),
            bytes_read: 0,
            elapsed: Duration::ZERO,
        };
        let cancel = request.cancel.as_ref();
        let idle = self.tick_while_loading(&ticket);
        let streamed = self
            .stream(pipeline, &ticket, &mut summary, progress, cancel)
            .await;
        // The ticker is gone before the load is finished or undone.
        idle.abort();
        let _ = idle.await;
        match streamed {
            Ok(()) if ticket.created_batch && summary.loaded == 0 => {
                // Nothing new to hand out: leave no empty batch behind (as the original did).
                self.store.abort_load(&ticket).await?;
                summary.batch.loading = false;
            }
            Ok(()) => match self.store.finish_load(&ticket).await {
                Ok(batch) => summary.batch = batch,
                // The last commit is where a small load meets a full disk.
                Err(error @ (Error::Store { .. } | Error::Unavailable { .. })) => {
                    return Err(self.stop(&ticket, error).await);
                }
                Err(error) => return Err(error),
            },
            // Refused while a backup pauses the writes: kept, as for a failing storage.
            Err(error @ (Error::Store { .. } | Error::Unavailable { .. })) => {
                return Err(self.stop(&ticket, error).await);
            }
            Err(error) => {
                if let Err(abort_error) = self.store.abort_load(&ticket).await {
                    return Err(Error::store_msg(format!(
                        "{}; undoing the load failed too: {}",
                        with_sources(&error),
                        with_sources(&abort_error)
                    )));
                }
                return Err(error);
            }
        }
        summary.elapsed = started.elapsed();
        let change = format!(
            "{} tasks loaded ({} already stored, {} rejected) of type {} from {}",
            summary.loaded,
            summary.duplicates,
            summary.rejected,
            summary.task_type,
            request.inputs.join(", ")
        );
        self.audit("db load", &summary.batch.id, change).await?;
        Ok(summary)
    }

    /// Ends a run the storage failed (a full disk, an I/O error, writes refused) without
    /// undoing it, which would need the same storage: what is stored stays, counted, and the
    /// same command run again after the cause is gone completes the batch.
    async fn stop(&self, ticket: &LoadTicket, error: Error) -> Error {
        let stopped = self.store.stop_load(ticket).await;
        let mut message = format!(
            "loading stopped: batch `{}` keeps the tasks stored so far and stays incomplete; \
             run the same command again once the cause below is gone",
            ticket.batch_id
        );
        if let Err(stop_error) = stopped {
            message.push_str(&format!(" (also failed: {})", with_sources(&stop_error)));
        }
        Error::Store {
            message,
            source: Some(Box::new(error)),
        }
    }

    /// Asks the store twice a second to commit what the load holds when that is due: inserts
    /// do it too, but a load whose input pauses makes none.
    fn tick_while_loading(&self, ticket: &LoadTicket) -> tokio::task::JoinHandle<()> {
        let (store, ticket) = (Arc::clone(&self.store), ticket.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(500));
            tick.tick().await;
            loop {
                tick.tick().await;
                if store.load_idle(&ticket).await.is_err() {
                    return;
                }
            }
        })
    }

    /// Checks type, batch and meta before any input is read.
    async fn plan_load(&self, request: &LoadRequest) -> Result<LoadPlan> {
        let plugin = self.plugins.get(&request.task_type)?;
        let batch_id = request
            .batch
            .clone()
            .unwrap_or_else(|| DEFAULT_BATCH.to_string());
        validate_batch_id(&batch_id)?;
        let meta = apply_meta_overrides(&plugin.type_name, &plugin.meta, &request.meta)?;
        if plugin.gamified {
            check_rates(&meta)?;
        }
        let start = match self.store.batch(&batch_id).await? {
            None => BatchStart::Create { meta },
            Some(batch) if batch.task_type != request.task_type => {
                return Err(Error::conflict(format!(
                    "batch `{batch_id}` holds tasks of type {}, not {}",
                    batch.task_type, request.task_type
                )));
            }
            Some(batch) => {
                let may_grow = batch.loading || batch_id == DEFAULT_BATCH || request.extend;
                if !may_grow {
                    return Err(Error::conflict(format!(
                        "batch `{batch_id}` already exists; pass --extend to add tasks to it"
                    )));
                }
                if !request.meta.is_empty() && meta != batch.meta {
                    return Err(Error::conflict(format!(
                        "batch `{batch_id}` already exists with other meta; --meta applies only to a new batch"
                    )));
                }
                BatchStart::Reopen
            }
        };
        Ok(LoadPlan {
            batch_id,
            task_type: request.task_type.clone(),
            start,
        })
    }

    /// Feeds the pipeline's chunks to the store with up to two inserts in flight, so that
    /// preparing one chunk (a MongoDB client encodes it) overlaps the store's work on the last.
    /// Whatever happens, no insert is left running on return: an abort must come after it.
    async fn stream(
        &self,
        mut pipeline: Pipeline,
        ticket: &LoadTicket,
        summary: &mut LoadSummary,
        progress: &(dyn Fn(&LoadProgress) + Send + Sync),
        cancel: Option<&CancelFlag>,
    ) -> Result<()> {
        let mut in_flight = None;
        let streamed = self
            .stream_chunks(
                &mut pipeline,
                ticket,
                summary,
                progress,
                cancel,
                &mut in_flight,
            )
            .await;
        let settled = match in_flight.take() {
            Some(insert) => settle(insert, summary).await,
            None => Ok(()),
        };
        streamed.and(settled)?;
        pipeline.finish()
    }

    async fn stream_chunks(
        &self,
        pipeline: &mut Pipeline,
        ticket: &LoadTicket,
        summary: &mut LoadSummary,
        progress: &(dyn Fn(&LoadProgress) + Send + Sync),
        cancel: Option<&CancelFlag>,
        in_flight: &mut Option<InsertHandle>,
    ) -> Result<()> {
        while let Some(chunk) = pipeline.next().await {
            if cancel.is_some_and(CancelFlag::is_cancelled) {
                return Err(Error::Cancelled(
                    "load cancelled; nothing of it was kept".into(),
                ));
            }
            let chunk = chunk?;
            summary.skipped_empty += chunk.blank + chunk.empty;
            summary.rejected += chunk.rejected.len() as u64;
            let room = LISTED_REJECTS.saturating_sub(summary.rejects.len());
            summary
                .rejects
                .extend(chunk.rejected.into_iter().take(room));
            if !chunk.tasks.is_empty() {
                let store = Arc::clone(&self.store);
                let ticket = ticket.clone();
                let insert =
                    tokio::spawn(async move { store.insert_tasks(&ticket, chunk.tasks).await });
                if let Some(previous) = in_flight.replace(insert) {
                    settle(previous, summary).await?;
                }
            }
            summary.bytes_read = pipeline.bytes_read();
            progress(&LoadProgress {
                bytes_read: summary.bytes_read,
                bytes_total: pipeline.bytes_total(),
                loaded: summary.loaded,
                duplicates: summary.duplicates,
                rejected: summary.rejected,
            });
        }
        Ok(())
    }
}

type InsertHandle = tokio::task::JoinHandle<Result<InsertOutcome>>;

/// Waits for an insert and adds what it did to the summary.
async fn settle(insert: InsertHandle, summary: &mut LoadSummary) -> Result<()> {
    let outcome = insert
        .await
        .map_err(|e| Error::store("a task insert did not finish", e))??;
    summary.loaded += outcome.inserted;
    summary.duplicates += outcome.duplicates;
    Ok(())
}
