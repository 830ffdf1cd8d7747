//! Vulyk's labels and accuracies beside crowd-kit's and the known truth, read back from the
//! files both sides wrote. Tasks and workers are matched by name (`t12`, `w7`).

use std::collections::HashMap;
use std::path::Path;

/// Crowd-kit's two largest probabilities closer than this make a task a near tie, on which
/// floating-point noise or the extra E-step may pick the other label.
pub const NEAR_TIE: f64 = 0.01;

#[derive(Debug, Clone)]
pub struct Difference {
    pub task: usize,
    pub truth: u32,
    pub vulyk: (Option<u32>, f64),
    pub reference: (Option<u32>, f64, f64),
}

impl Difference {
    pub fn is_near_tie(&self) -> bool {
        self.reference.1 - self.reference.2 < NEAR_TIE
    }
}

#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub tasks: usize,
    pub differences: Vec<Difference>,
    pub workers: usize,
    pub max_accuracy_gap: f64,
    pub mean_accuracy_gap: f64,
    /// Against crowd-kit one E-step further, the posteriors vulyk reports: tasks labelled
    /// differently, and the largest gaps in the top probability and in accuracy.
    pub next_step_differences: usize,
    pub next_step_max_p_gap: f64,
    pub next_step_max_accuracy_gap: f64,
    /// Tasks labelled right by majority vote, vulyk's and crowd-kit's Dawid–Skene.
    pub right_by_majority: usize,
    pub right_by_vulyk: usize,
    pub right_by_reference: usize,
}

/// Vulyk's files are `vulyk`-labels.csv and -workers.csv, crowd-kit's `reference`-….
pub fn compare(truth: &[u32], vulyk: &Path, reference: &Path) -> Comparison {
    let ours = read_rows(&super::vulyk_fit::with_suffix(vulyk, "labels.csv"));
    let theirs = read_rows(&super::vulyk_fit::with_suffix(reference, "labels.csv"));
    let mut by_task: Vec<Option<&Vec<String>>> = vec![None; truth.len()];
    for row in &theirs {
        by_task[task_number(&row[0])] = Some(row);
    }
    let mut comparison = Comparison {
        tasks: ours.len(),
        ..Comparison::default()
    };
    for row in &ours {
        let task = task_number(&row[0]);
        let (ours, p, majority) = (label(&row[1]), number(&row[2]), label(&row[3]));
        let theirs = by_task[task].expect("crowd-kit labelled every task");
        let (their_label, p1, p2) = (label(&theirs[1]), number(&theirs[2]), number(&theirs[3]));
        let (next_label, p_next) = (label(&theirs[4]), number(&theirs[5]));
        comparison.next_step_differences += usize::from(ours != next_label);
        comparison.next_step_max_p_gap = comparison.next_step_max_p_gap.max((p - p_next).abs());
        let right = |l: Option<u32>| usize::from(l == Some(truth[task]));
        comparison.right_by_majority += right(majority);
        comparison.right_by_vulyk += right(ours);
        comparison.right_by_reference += right(their_label);
        if ours != their_label {
            comparison.differences.push(Difference {
                task,
                truth: truth[task],
                vulyk: (ours, p),
                reference: (their_label, p1, p2),
            });
        }
    }

    // By worker: crowd-kit's accuracy and one E-step further.
    let their_accuracy: HashMap<String, (f64, f64)> =
        read_rows(&super::vulyk_fit::with_suffix(reference, "workers.csv"))
            .into_iter()
            .map(|row| (row[0].clone(), (number(&row[1]), number(&row[2]))))
            .collect();
    let mut total_gap = 0.0;
    for row in read_rows(&super::vulyk_fit::with_suffix(vulyk, "workers.csv")) {
        let (theirs, next) = their_accuracy[&row[0]];
        let ours = number(&row[1]);
        let gap = (ours - theirs).abs();
        comparison.max_accuracy_gap = comparison.max_accuracy_gap.max(gap);
        comparison.next_step_max_accuracy_gap = comparison
            .next_step_max_accuracy_gap
            .max((ours - next).abs());
        total_gap += gap;
        comparison.workers += 1;
    }
    comparison.mean_accuracy_gap = total_gap / comparison.workers.max(1) as f64;
    comparison
}

fn read_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    reader
        .records()
        .map(|record| {
            let record = record.expect("a row");
            record.iter().map(str::to_string).collect()
        })
        .collect()
}

fn task_number(name: &str) -> usize {
    name.trim_start_matches('t')
        .parse()
        .expect("a task named t<number>")
}

fn number(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// A label: an integer, which pandas may write as a float (`3.0`); empty for none.
fn label(text: &str) -> Option<u32> {
    text.parse::<f64>().ok().map(|l| l as u32)
}
