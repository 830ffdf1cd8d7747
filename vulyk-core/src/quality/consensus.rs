//! Labelling exported tasks with a fitted Dawid–Skene model. The model was fitted on compact
//! votes; a task is labelled again from its answers as written, so the export needs no map
//! from task to item (answers given after the fit are labelled by the same model).

use serde::Serialize;

use super::crowd::{Crowd, Vote};
use super::dawid_skene::{Model, most_probable};
use super::labels::{Interner, LabelRule};
use crate::store::ExportedTask;

/// An item's consensus: the label (as JSON) and its probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemConsensus {
    pub label: serde_json::Value,
    pub probability: f64,
}

#[derive(Debug)]
pub struct Consensus {
    rule: LabelRule,
    /// Volunteers whose answers count toward no consensus.
    left_out: std::collections::HashSet<String>,
    volunteers: Interner,
    labels: Interner,
    model: Model,
}

impl Consensus {
    /// Keeps what labelling needs of the crowd (its names); its votes are dropped.
    pub fn new(crowd: Crowd, model: Model) -> Self {
        Consensus {
            rule: crowd.rule().clone(),
            left_out: crowd.left_out().clone(),
            volunteers: crowd.volunteers,
            labels: crowd.labels,
            model,
        }
    }

    /// Per item of the task (one without `items` in [consensus]), its consensus; `None` for
    /// an item no known volunteer gave a known label.
    pub fn of_task(&self, task: &ExportedTask) -> Vec<Option<ItemConsensus>> {
        let mut votes: Vec<(u32, Vote)> = Vec::new();
        for answer in &task.answers {
            if self.left_out.contains(&answer.author.username) {
                continue;
            }
            let Some(volunteer) = self.volunteers.get(&answer.author.username) else {
                continue;
            };
            for (item, label) in self.rule.labels_of_text(&answer.result_json) {
                if let Some(label) = self.labels.get(&label) {
                    votes.push((item, Vote { volunteer, label }));
                }
            }
        }
        let items = match self.rule.items {
            None => 1,
            Some(_) => votes
                .iter()
                .map(|(item, _)| *item as usize + 1)
                .max()
                .unwrap_or(0),
        };
        let mut labelled: Vec<Option<ItemConsensus>> = vec![None; items];
        votes.sort_by_key(|(item, _)| *item);
        let mut item_votes = Vec::new();
        for group in votes.chunk_by(|a, b| a.0 == b.0) {
            item_votes.clear();
            item_votes.extend(group.iter().map(|(_, vote)| *vote));
            let Some((label, probability)) = most_probable(&self.model.posterior(&item_votes))
            else {
                continue;
            };
            // Every label was interned as canonical JSON, so it parses.
            let Ok(label) = serde_json::from_str(self.labels.name(label)) else {
                continue;
            };
            labelled[group[0].0 as usize] = Some(ItemConsensus { label, probability });
        }
        labelled
    }

    /// The consensus as the export writes it: an object, or an array of them per item.
    pub fn json_of_task(&self, task: &ExportedTask) -> String {
        let items = self.of_task(task);
        let written = if self.rule.items.is_some() {
            serde_json::to_string(&items)
        } else {
            serde_json::to_string(&items.first().and_then(Option::as_ref))
        };
        written.unwrap_or_else(|_| "null".to_string())
    }
}
