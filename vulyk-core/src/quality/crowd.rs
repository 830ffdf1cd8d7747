//! A crowd's answers as compact votes: per item (a task, or one element of a task's items), which
//! volunteer gave which label, each a number. The answers' JSON is read once and dropped, so
//! memory grows by 8 bytes a vote and 8 an item, whatever the answers hold.

use super::labels::{Interner, LabelRule};
use crate::store::ExportedTask;

/// More distinct labels than this are not categories: the label is most likely the whole of a
/// free-form answer, and `[consensus] label` should point at the part that is. Votes with a
/// label beyond them are left out and counted (`skipped_votes`): one answer full of made-up
/// labels must not stop a type's quality report or consensus for everyone.
pub const MAX_LABELS: usize = 1_000;

/// The batch number of a gold task's items: they belong to no batch.
pub const GOLD: u32 = u32::MAX;

/// One volunteer's label for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vote {
    pub volunteer: u32,
    pub label: u32,
}

/// Counts of a batch that need no labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchTally {
    pub tasks: u64,
    pub answers: u64,
    /// Tasks with two answers or more: those agreement is measured on.
    pub tasks_with_two: u64,
}

#[derive(Debug, Clone)]
pub struct Crowd {
    rule: LabelRule,
    pub volunteers: Interner,
    pub labels: Interner,
    pub batches: Interner,
    pub batch_tallies: Vec<BatchTally>,
    /// Answers (not votes) per volunteer.
    pub volunteer_answers: Vec<u64>,
    /// The batch of each item; [`GOLD`] for an item of a gold task.
    item_batch: Vec<u32>,
    /// The true label of each gold item, by item.
    known: std::collections::HashMap<u32, u32>,
    /// Item `i`'s votes are `votes[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    votes: Vec<Vote>,
    /// A task's votes as (item, vote), reused between tasks.
    scratch: Vec<(u32, Vote)>,
    /// Volunteers whose votes are left out (their answers still count in the tallies).
    left_out: std::collections::HashSet<String>,
    /// Votes left out for a label beyond [`MAX_LABELS`].
    pub skipped_votes: u64,
}

impl Crowd {
    pub fn new(rule: LabelRule) -> Self {
        Crowd {
            rule,
            volunteers: Interner::default(),
            labels: Interner::default(),
            batches: Interner::default(),
            batch_tallies: Vec::new(),
            volunteer_answers: Vec::new(),
            item_batch: Vec::new(),
            known: std::collections::HashMap::new(),
            starts: vec![0],
            votes: Vec::new(),
            scratch: Vec::new(),
            left_out: std::collections::HashSet::new(),
            skipped_votes: 0,
        }
    }

    /// Leaves these volunteers' votes out of everything added from now on.
    pub fn leave_out(&mut self, usernames: std::collections::HashSet<String>) {
        self.left_out = usernames;
    }

    pub fn left_out(&self) -> &std::collections::HashSet<String> {
        &self.left_out
    }

    pub fn rule(&self) -> &LabelRule {
        &self.rule
    }

    /// Adds a task's answers; a vote whose label would be one more than [`MAX_LABELS`] is
    /// left out and counted in `skipped_votes`.
    pub fn add_task(&mut self, task: &ExportedTask) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        // Each answer's volunteer, interned once (a hash of the name each time).
        let mut answered = Vec::with_capacity(task.answers.len());
        for answer in &task.answers {
            let volunteer = self.volunteers.intern(&answer.author.username);
            // Their answers are counted and listed; their votes are left out.
            answered.push(volunteer);
            if self.left_out.contains(&answer.author.username) {
                continue;
            }
            for (item, label) in self.rule.labels_of_text(&answer.result_json) {
                // Looked up only at the limit: below it any label is taken.
                if self.labels.len() >= MAX_LABELS && self.labels.get(&label).is_none() {
                    self.skipped_votes += 1;
                    continue;
                }
                let label = self.labels.intern(&label);
                scratch.push((item, Vote { volunteer, label }));
            }
        }
        // Counted only once the task is taken whole.
        for volunteer in answered {
            let volunteer = volunteer as usize;
            if self.volunteer_answers.len() <= volunteer {
                self.volunteer_answers.resize(volunteer + 1, 0);
            }
            self.volunteer_answers[volunteer] += 1;
        }
        let batch = self.batches.intern(task.batch.as_deref().unwrap_or(""));
        if self.batch_tallies.len() <= batch as usize {
            self.batch_tallies.push(BatchTally::default());
        }
        let tally = &mut self.batch_tallies[batch as usize];
        tally.tasks += 1;
        tally.answers += task.answers.len() as u64;
        tally.tasks_with_two += u64::from(task.answers.len() >= 2);

        // A stable sort keeps each item's votes in the order given.
        scratch.sort_by_key(|(item, _)| *item);
        for (index, (item, vote)) in scratch.iter().enumerate() {
            if index > 0 && scratch[index - 1].0 != *item {
                self.close_item(batch);
            }
            self.votes.push(*vote);
        }
        if !scratch.is_empty() {
            self.close_item(batch);
        }
        self.scratch = scratch;
    }

    /// Adds a gold task: the labels of its expected answer, known to be true, and the
    /// answers given to it as (username, result JSON). Only its labelled items are added.
    pub fn add_gold(&mut self, expected: &serde_json::Value, answers: &[(&str, &str)]) {
        let truth = self.rule.labels(expected);
        let mut skipped = 0;
        let mut intern = |labels: &mut Interner, label: &str| -> Option<u32> {
            if labels.get(label).is_none() && labels.len() >= MAX_LABELS {
                skipped += 1;
                return None;
            }
            Some(labels.intern(label))
        };
        let mut items: Vec<(u32, u32, Vec<Vote>)> = Vec::with_capacity(truth.len());
        for (item, label) in &truth {
            if let Some(label) = intern(&mut self.labels, label) {
                items.push((*item, label, Vec::new()));
            }
        }
        for (who, result) in answers {
            // Listed, whether or not their votes are left out.
            let volunteer = self.volunteers.intern(who);
            if self.left_out.contains(*who) {
                continue;
            }
            for (item, label) in self.rule.labels_of_text(result) {
                if let Some(slot) = items.iter_mut().find(|(i, _, _)| *i == item)
                    && let Some(label) = intern(&mut self.labels, &label)
                {
                    slot.2.push(Vote { volunteer, label });
                }
            }
        }
        self.skipped_votes += skipped;
        // An item nobody answered says nothing of anyone.
        for (_, truth, votes) in items.into_iter().filter(|(_, _, v)| !v.is_empty()) {
            self.votes.extend(votes);
            self.known.insert(self.item_batch.len() as u32, truth);
            self.close_item(GOLD);
        }
    }

    /// The true label of a gold item.
    pub fn known(&self, item: usize) -> Option<u32> {
        self.known.get(&(item as u32)).copied()
    }

    pub fn is_gold(&self, item: usize) -> bool {
        self.item_batch[item] == GOLD
    }

    fn close_item(&mut self, batch: u32) {
        self.starts.push(self.votes.len() as u32);
        self.item_batch.push(batch);
    }

    /// Items with at least one vote.
    pub fn items(&self) -> usize {
        self.item_batch.len()
    }

    pub fn votes(&self, item: usize) -> &[Vote] {
        &self.votes[self.starts[item] as usize..self.starts[item + 1] as usize]
    }

    pub fn all_votes(&self) -> usize {
        self.votes.len()
    }

    pub fn item_batch(&self, item: usize) -> u32 {
        self.item_batch[item]
    }

    /// The label most votes gave an item; of labels with as many, the one given first.
    pub fn majority(&self, item: usize) -> Option<u32> {
        majority_of(self.votes(item))
    }
}

pub fn majority_of(votes: &[Vote]) -> Option<u32> {
    let mut tallies: Vec<(u32, usize)> = Vec::new();
    for vote in votes {
        match tallies.iter_mut().find(|(label, _)| *label == vote.label) {
            Some(tally) => tally.1 += 1,
            None => tallies.push((vote.label, 1)),
        }
    }
    // max_by_key keeps the last of equals, so the reversed list gives the first given.
    tallies
        .into_iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map(|(label, _)| label)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::domain::TaskId;
    use crate::store::{Author, ExportedAnswer};

    pub(crate) fn task(batch: &str, answers: &[(&str, &str)]) -> ExportedTask {
        ExportedTask {
            id: TaskId::from_stored(format!("t{}", answers.len())),
            batch: Some(batch.into()),
            closed: true,
            data_json: "{}".into(),
            answers: answers
                .iter()
                .map(|(who, result)| ExportedAnswer {
                    author: Arc::new(Author {
                        username: who.to_string(),
                        email: String::new(),
                    }),
                    created_at: chrono::DateTime::default(),
                    result_json: result.to_string(),
                    session: None,
                })
                .collect(),
        }
    }

    #[test]
    fn items_hold_their_votes_and_batches_their_counts() {
        let mut crowd = Crowd::new(LabelRule {
            label: "/t".into(),
            items: Some("/w".into()),
        });
        let both = r#"{"w":[{"t":"A"},{"t":"B"}]}"#;
        let second = r#"{"w":[{},{"t":"A"}]}"#;
        crowd.add_task(&task("b1", &[("ann", both), ("bob", second)]));
        crowd.add_task(&task("b2", &[("bob", both)]));
        assert_eq!(crowd.items(), 4);
        let labels = |item| -> Vec<(&str, &str)> {
            crowd
                .votes(item)
                .iter()
                .map(|v| {
                    (
                        crowd.volunteers.name(v.volunteer),
                        crowd.labels.name(v.label),
                    )
                })
                .collect()
        };
        assert_eq!(labels(0), [("ann", "\"A\"")]);
        assert_eq!(labels(1), [("ann", "\"B\""), ("bob", "\"A\"")]);
        assert_eq!(crowd.item_batch(3), 1);
        assert_eq!(crowd.volunteer_answers, [1, 2]);
        assert_eq!(
            crowd.batch_tallies[0],
            BatchTally {
                tasks: 1,
                answers: 2,
                tasks_with_two: 1
            }
        );
    }

    #[test]
    fn majority_takes_the_most_votes_and_on_a_tie_the_first_given() {
        let vote = |label| Vote {
            volunteer: 0,
            label,
        };
        assert_eq!(majority_of(&[vote(2), vote(1), vote(1)]), Some(1));
        assert_eq!(majority_of(&[vote(2), vote(1)]), Some(2));
        assert_eq!(majority_of(&[]), None);
    }

    #[test]
    fn votes_beyond_the_label_limit_are_left_out_and_counted() {
        let mut crowd = Crowd::new(LabelRule::default());
        for n in 0..MAX_LABELS {
            crowd.add_task(&task("b", &[("ann", &format!("{{\"n\":{n}}}"))]));
        }
        // One answer of made-up labels beside a known one: only the known one is a vote.
        crowd.add_task(&task("b", &[("eve", "{\"n\":-1}"), ("bob", "{\"n\":0}")]));
        assert_eq!((crowd.labels.len(), crowd.skipped_votes), (MAX_LABELS, 1));
        assert_eq!(crowd.votes(MAX_LABELS).len(), 1);
        assert_eq!(crowd.volunteer_answers, [MAX_LABELS as u64, 1, 1]);
    }
}
