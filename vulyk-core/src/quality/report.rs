//! `vulyk stats quality`: agreement per batch and reliability per volunteer.

use serde::Serialize;

use super::alpha::alpha;
use super::crowd::Crowd;
use super::dawid_skene::Model;
use crate::domain::GoldScore;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QualityReport {
    pub task_type: String,
    /// Distinct labels seen.
    pub labels: usize,
    /// The labels as JSON, in the order of the confusion matrices' rows and columns.
    #[serde(skip)]
    pub label_names: Vec<String>,
    /// Dawid–Skene's EM iterations.
    pub iterations: usize,
    /// Votes left out because their label was beyond the most distinct labels kept.
    pub skipped_votes: u64,
    /// Krippendorff's alpha over every batch reported.
    pub alpha: Option<f64>,
    pub batches: Vec<BatchQuality>,
    pub volunteers: Vec<VolunteerQuality>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchQuality {
    pub batch: String,
    pub tasks: u64,
    pub answers: u64,
    /// Tasks with two answers or more.
    pub tasks_with_two: u64,
    /// Items with a label (one per task without `items` in [consensus]).
    pub items: u64,
    pub alpha: Option<f64>,
    /// Items where majority vote and Dawid–Skene choose different labels.
    pub disagreements: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolunteerQuality {
    pub username: String,
    pub answers: u64,
    /// Dawid–Skene's estimate of the share of the volunteer's labels that are right.
    pub accuracy: Option<f64>,
    /// Gold tasks answered, their labels judged and how many were right.
    pub gold_answered: u64,
    pub gold_judged: u64,
    pub gold_correct: u64,
    /// gold_correct / gold_judged.
    pub gold_accuracy: Option<f64>,
    /// Below the type's minimum accuracy on gold: their answers count for nothing.
    pub excluded: bool,
    /// `P(given | true)`: one row per label given, one column per true label.
    #[serde(skip)]
    pub confusion: Vec<Vec<f64>>,
}

/// `gold` holds each volunteer's record on gold tasks, by username.
pub fn report(
    task_type: &str,
    crowd: &Crowd,
    model: &Model,
    gold: &std::collections::HashMap<String, GoldScore>,
    excluded: &std::collections::HashSet<String>,
) -> QualityReport {
    let mut batches: Vec<BatchQuality> = (0..crowd.batches.len())
        .map(|b| {
            let tally = crowd.batch_tallies[b];
            BatchQuality {
                batch: crowd.batches.name(b as u32).to_string(),
                tasks: tally.tasks,
                answers: tally.answers,
                tasks_with_two: tally.tasks_with_two,
                items: 0,
                alpha: alpha(crowd, |item| crowd.item_batch(item) == b as u32),
                disagreements: 0,
            }
        })
        .collect();
    for item in (0..crowd.items()).filter(|&i| !crowd.is_gold(i)) {
        let batch = &mut batches[crowd.item_batch(item) as usize];
        batch.items += 1;
        let by_model = model.label(item).map(|(label, _)| label);
        batch.disagreements += u64::from(crowd.majority(item) != by_model);
    }
    batches.sort_by(|a, b| a.batch.cmp(&b.batch));
    let mut volunteers: Vec<VolunteerQuality> = (0..crowd.volunteers.len() as u32)
        .map(|v| {
            let username = crowd.volunteers.name(v).to_string();
            let score = gold.get(&username).copied().unwrap_or_default();
            VolunteerQuality {
                answers: crowd
                    .volunteer_answers
                    .get(v as usize)
                    .copied()
                    .unwrap_or(0),
                accuracy: model.accuracy(v),
                gold_answered: score.answers,
                gold_judged: score.judged,
                gold_correct: score.correct,
                gold_accuracy: score.accuracy(),
                excluded: excluded.contains(&username),
                confusion: model.confusion(v),
                username,
            }
        })
        .collect();
    volunteers.sort_by(|a, b| a.username.cmp(&b.username));
    QualityReport {
        task_type: task_type.to_string(),
        labels: crowd.labels.len(),
        label_names: (0..crowd.labels.len() as u32)
            .map(|l| crowd.labels.name(l).to_string())
            .collect(),
        iterations: model.iterations,
        skipped_votes: crowd.skipped_votes,
        alpha: alpha(crowd, |item| !crowd.is_gold(item)),
        batches,
        volunteers,
    }
}
