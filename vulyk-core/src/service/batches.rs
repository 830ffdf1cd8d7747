use super::Vulyk;
use crate::domain::Batch;
use crate::store::BatchRemoval;
use crate::{Error, Result};

impl Vulyk {
    /// All batches, or those of one type. A type that is neither a plugin nor has batches is
    /// an error naming it, not an empty list: it is most likely a typo.
    pub async fn batches(&self, task_type: Option<&str>) -> Result<Vec<Batch>> {
        let batches = self.store.batches(task_type).await?;
        if let Some(task_type) = task_type
            && batches.is_empty()
        {
            self.plugins.get(task_type)?;
        }
        Ok(batches)
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
        let removed = self.store.delete_batch(id, purge).await?;
        let change = format!(
            "{} tasks, {} answers, {} work sessions deleted",
            removed.tasks, removed.answers, removed.sessions
        );
        self.audit("batch del", id, change).await?;
        Ok(removed)
    }
}
