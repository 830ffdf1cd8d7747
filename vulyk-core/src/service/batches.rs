use super::Vulyk;
use crate::domain::Batch;
use crate::store::BatchRemoval;
use crate::{Error, Result};

impl Vulyk {
    pub async fn batches(&self, task_type: Option<&str>) -> Result<Vec<Batch>> {
        self.store.batches(task_type).await
    }

    pub async fn batch(&self, id: &str) -> Result<Batch> {
        self.store
            .batch(id)
            .await?
            .ok_or_else(|| Error::not_found("batch", id))
    }

    /// Deletes a batch and its tasks; with `purge` also their answers and work sessions,
    /// without it a batch that has answers is refused.
    pub async fn delete_batch(&self, id: &str, purge: bool) -> Result<BatchRemoval> {
        self.store.delete_batch(id, purge).await
    }
}
