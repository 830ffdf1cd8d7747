//! What a load asks of the store, and what the store hands back.

use async_trait::async_trait;

use crate::Result;
use crate::domain::{Batch, BatchMeta, NewTask};

/// How a load starts with its batch.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchStart {
    /// The batch must not exist yet; it is created, marked as loading, with this meta.
    Create { meta: BatchMeta },
    /// The batch exists with this load's task type; it is marked as loading again.
    Reopen,
}

/// What a load is about to do; the service has already validated it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadPlan {
    pub batch_id: String,
    pub task_type: String,
    pub start: BatchStart,
}

/// A load in progress: pass it back to insert, finish or abort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadTicket {
    /// Identifies the tasks this run inserted, so that an abort removes exactly those.
    pub run: i64,
    pub batch_id: String,
    pub task_type: String,
    pub created_batch: bool,
    /// Whether the batch was already incomplete (a killed load) when this run began.
    pub was_loading: bool,
}

/// What one chunk insert did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InsertOutcome {
    pub inserted: u64,
    /// Tasks whose id was already stored (in any batch) or repeated within the chunk.
    pub duplicates: u64,
}

/// Loading tasks into a batch, in chunks, resumable after a crash.
#[async_trait]
pub trait LoadStore {
    /// Creates or reopens the batch and marks it as loading. `Conflict` if `Create` finds the
    /// batch, `NotFound` if `Reopen` finds no batch of this type.
    async fn begin_load(&self, plan: &LoadPlan) -> Result<LoadTicket>;
    /// Stores new tasks in the ticket's batch, skipping ids already stored, and advances the
    /// batch's task count by the number inserted — both at once. A backend may commit several
    /// calls together (all are committed by `finish_load`); in every committed state the
    /// batch's count equals its stored tasks.
    async fn insert_tasks(&self, ticket: &LoadTicket, tasks: Vec<NewTask>)
    -> Result<InsertOutcome>;
    /// Marks the batch complete and returns it.
    async fn finish_load(&self, ticket: &LoadTicket) -> Result<Batch>;
    /// Removes what this run inserted and puts the batch back as it was before the run.
    async fn abort_load(&self, ticket: &LoadTicket) -> Result<()>;
    /// Ends a run that the storage itself failed (a full disk, an I/O error, writes refused)
    /// without undoing it, which would need the same storage: what was committed stays, the
    /// batch stays incomplete with its count equal to its stored tasks as far as the storage
    /// lets that be written, and a later run of the same load resumes it.
    async fn stop_load(&self, ticket: &LoadTicket) -> Result<()>;
    /// Called about twice a second while a load runs: a backend that holds inserted tasks in
    /// an open transaction commits it if it is older than its commit interval or the input
    /// has paused, so that a load whose input pauses (a slow pipe) shows and keeps what it
    /// has within a second. Others do nothing.
    async fn load_idle(&self, _ticket: &LoadTicket) -> Result<()> {
        Ok(())
    }
}
