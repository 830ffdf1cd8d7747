//! Progress for operators: per batch (the original's `stats batch`, spec 6) and an overview
//! of recent work per task type — all from counters and indexes, never a scan of all tasks.

use chrono::{DateTime, Utc};

use super::Vulyk;
use crate::domain::BatchStatus;
use crate::store::BatchCounters;
use crate::{Error, Result};

/// One row of `vulyk stats batch`.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchStats {
    pub batch: String,
    pub task_type: String,
    pub status: BatchStatus,
    pub total: u64,
    /// Closed tasks.
    pub completed: u64,
    pub percent_completed: f64,
    pub answers: u64,
    /// Answers given out of all the batch needs (tasks × redundancy); an answer beyond a task's
    /// redundancy does not count, so this never passes 100. `None` when the type's plugin is
    /// not installed (its redundancy is unknown).
    pub percent_answers: Option<f64>,
    /// (answers on a task, tasks with that many), ascending.
    pub breakdown: Vec<(u64, u64)>,
}

/// The original's percentage: done / (total or done or 1) × 100.
pub fn percent(done: u64, total: u64) -> f64 {
    let base = if total > 0 {
        total
    } else if done > 0 {
        done
    } else {
        1
    };
    done as f64 / base as f64 * 100.0
}

#[derive(Debug, Clone, PartialEq)]
pub struct BatchOverview {
    pub batch: String,
    pub status: BatchStatus,
    pub total: u64,
    pub open: u64,
    pub closed: u64,
    pub answers: u64,
    /// As [`BatchStats::percent_answers`].
    pub percent_answers: Option<f64>,
    pub live_leases: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeOverview {
    pub task_type: String,
    pub batches: Vec<BatchOverview>,
    pub volunteers_24h: u64,
    pub volunteers_7d: u64,
    /// Oldest first over the last 48 hours; the last entry is the current hour.
    pub answers_per_hour: Vec<u64>,
    /// Hand-out to answer, over the most recent finished work sessions.
    pub median_seconds: Option<u64>,
    pub p90_seconds: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub at: DateTime<Utc>,
    pub types: Vec<TypeOverview>,
}

/// The nearest-rank percentile of a sample.
pub fn percentile(sample: &mut [u64], p: f64) -> Option<u64> {
    if sample.is_empty() {
        return None;
    }
    sample.sort_unstable();
    let rank = (p / 100.0 * sample.len() as f64).ceil() as usize;
    Some(sample[rank.clamp(1, sample.len()) - 1])
}

impl Vulyk {
    /// Stats of the batches matching the filters, ordered by id.
    pub async fn batch_stats(
        &self,
        batch: Option<&str>,
        task_type: Option<&str>,
    ) -> Result<Vec<BatchStats>> {
        if let Some(id) = batch
            && self.store.batch(id).await?.is_none()
        {
            return Err(Error::not_found("batch", id));
        }
        let counters = self.store.batch_counters(task_type, batch).await?;
        Ok(counters.into_iter().map(|c| self.stats_of(c)).collect())
    }

    fn stats_of(&self, counters: BatchCounters) -> BatchStats {
        let BatchCounters {
            batch,
            answers,
            histogram,
        } = counters;
        let percent_answers = self.percent_answers(&batch, &histogram);
        BatchStats {
            status: batch.status(),
            total: batch.tasks_count,
            completed: batch.tasks_processed,
            percent_completed: percent(batch.tasks_processed, batch.tasks_count),
            answers,
            percent_answers,
            breakdown: histogram,
            batch: batch.id,
            task_type: batch.task_type,
        }
    }

    /// Answers given out of all the batch needs, counting at most `redundancy` per task;
    /// `None` when the type's plugin is not installed.
    fn percent_answers(
        &self,
        batch: &crate::domain::Batch,
        histogram: &[(u64, u64)],
    ) -> Option<f64> {
        let redundancy = u64::from(self.plugins.get(&batch.task_type).ok()?.redundancy);
        let counted: u64 = histogram
            .iter()
            .map(|(k, n)| (*k).min(redundancy) * n)
            .sum();
        Some(percent(counted, batch.tasks_count * redundancy))
    }

    /// Recent work per task type: every installed type and every type with batches.
    pub async fn overview(&self) -> Result<Overview> {
        let at = self.clock.now();
        let counters = self.store.batch_counters(None, None).await?;
        let leases = self.store.live_leases(at).await?;
        let mut types: Vec<String> = self
            .plugins
            .type_names()
            .iter()
            .map(|t| t.to_string())
            .collect();
        for c in &counters {
            if !types.contains(&c.batch.task_type) {
                types.push(c.batch.task_type.clone());
            }
        }
        types.sort();
        let mut out = Vec::with_capacity(types.len());
        for task_type in types {
            let batches = counters
                .iter()
                .filter(|c| c.batch.task_type == task_type)
                .map(|c| BatchOverview {
                    batch: c.batch.id.clone(),
                    status: c.batch.status(),
                    total: c.batch.tasks_count,
                    open: c.batch.tasks_count.saturating_sub(c.batch.tasks_processed),
                    closed: c.batch.tasks_processed,
                    answers: c.answers,
                    percent_answers: self.percent_answers(&c.batch, &c.histogram),
                    live_leases: leases
                        .iter()
                        .find(|(id, _)| *id == c.batch.id)
                        .map_or(0, |(_, n)| *n),
                })
                .collect();
            let mut activity = self.store.type_activity(&task_type, at).await?;
            out.push(TypeOverview {
                median_seconds: percentile(&mut activity.session_seconds, 50.0),
                p90_seconds: percentile(&mut activity.session_seconds, 90.0),
                task_type,
                batches,
                volunteers_24h: activity.volunteers_24h,
                volunteers_7d: activity.volunteers_7d,
                answers_per_hour: activity.answers_per_hour,
            });
        }
        Ok(Overview { at, types: out })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_follows_the_original() {
        assert_eq!(percent(0, 0), 0.0);
        assert_eq!(percent(3, 0), 100.0);
        assert_eq!(percent(1, 4), 25.0);
    }

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let mut sample = vec![50, 10, 40, 20, 30];
        assert_eq!(percentile(&mut sample, 50.0), Some(30));
        assert_eq!(percentile(&mut sample, 90.0), Some(50));
        assert_eq!(percentile(&mut [], 50.0), None);
    }
}
