//! Agreement and consensus over a task type's answers: the votes are read in one streaming pass
//! (open tasks included: every answer says something of its volunteer) and kept compact.

use std::collections::HashMap;

use super::Vulyk;
use super::gold::{excluded_of, scores_of};
use crate::domain::GoldScore;
use crate::quality::{Consensus, Crowd, DawidSkene, Model, QualityReport, report};
use crate::store::ExportQuery;
use crate::{Error, Result};

impl Vulyk {
    /// The votes of a task type's answers, of one batch or all, by its `[consensus]` rule, and
    /// each volunteer's record on gold (by username) — the gold answers read once for both.
    async fn crowd(
        &self,
        task_type: &str,
        batch: Option<&str>,
    ) -> Result<(Crowd, HashMap<String, GoldScore>)> {
        self.check_scope(task_type, batch).await?;
        let plugin = self.plugins.get(task_type)?;
        let answers = self.store.gold_answers(task_type).await?;
        let scores = scores_of(&answers);
        let mut crowd = Crowd::new(plugin.consensus.clone());
        // Their answers count toward no consensus: left out of the votes, gold included.
        crowd.leave_out(excluded_of(plugin, &scores));
        let mut chunks = self.store.export(ExportQuery {
            task_type: task_type.to_string(),
            batch: batch.map(str::to_string),
            include_open: true,
            with_sessions: false,
            window: None,
        });
        while let Some(chunk) = chunks.recv().await {
            for task in chunk? {
                crowd.add_task(&task);
            }
        }
        // Gold tasks belong to no batch: they measure volunteers whichever batch is asked for.
        let mut by_gold: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
        for a in &answers {
            let given = (a.username.as_str(), a.result_json.as_str());
            by_gold.entry(a.gold.as_str()).or_default().push(given);
        }
        for gold in self.store.gold_tasks(task_type, None).await? {
            let expected: serde_json::Value = serde_json::from_str(&gold.answer_json)
                .map_err(|e| Error::store("a gold task's answer", e))?;
            let given = by_gold.get(gold.id.as_str()).map_or(&[][..], Vec::as_slice);
            crowd.add_gold(&expected, given);
        }
        Ok((crowd, scores))
    }

    /// Agreement per batch and reliability per volunteer (`vulyk stats quality`).
    pub async fn quality(&self, task_type: &str, batch: Option<&str>) -> Result<QualityReport> {
        let (crowd, gold) = self.crowd(task_type, batch).await?;
        let (crowd, model) = fit(crowd).await?;
        let excluded = crowd.left_out().clone();
        Ok(report(task_type, &crowd, &model, &gold, &excluded))
    }

    /// A Dawid–Skene model fitted on the answers, for labelling exported tasks.
    pub async fn consensus(&self, task_type: &str, batch: Option<&str>) -> Result<Consensus> {
        let (crowd, _) = self.crowd(task_type, batch).await?;
        let (crowd, model) = fit(crowd).await?;
        Ok(Consensus::new(crowd, model))
    }
}

/// Fitting takes seconds on millions of votes: on a blocking thread, off the async workers.
async fn fit(crowd: Crowd) -> Result<(Crowd, Model)> {
    tokio::task::spawn_blocking(move || {
        let model = DawidSkene::default().fit(&crowd)?;
        Ok((crowd, model))
    })
    .await
    .map_err(|e| Error::store("fitting Dawid–Skene", e))?
}
