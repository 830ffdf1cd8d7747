//! A synthetic crowd whose truth is known, the same for a given shape and seed on any machine
//! (`StdRng` is ChaCha12, whose stream `rand` keeps stable).
//!
//! Every volunteer is a confusion matrix, `P(given | true)`, and answers by drawing from its
//! row for the task's true label. The mix is what a real crowd shows: most volunteers are
//! reliable with their own accuracy and their own favourite mistakes, some are spammers
//! (uniformly random, or always the same label) and some adversaries give a wrong label
//! systematically (true `c` becomes `c + shift`), which Dawid–Skene can learn to read back.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Shares of each kind of volunteer; the rest are reliable.
const UNIFORM_SPAMMERS: f64 = 0.07;
const CONSTANT_SPAMMERS: f64 = 0.05;
const ADVERSARIES: f64 = 0.08;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub tasks: usize,
    pub answers_per_task: usize,
    pub volunteers: usize,
    pub classes: usize,
    pub seed: u64,
}

impl Shape {
    /// Names the files generated from this shape, so that runs of other sizes don't clash.
    pub fn file_stem(&self) -> String {
        format!(
            "consensus-{}t-{}a-{}v-{}c-s{}",
            self.tasks, self.answers_per_task, self.volunteers, self.classes, self.seed
        )
    }
}

/// How many volunteers of each kind the crowd got.
#[derive(Debug, Default, Clone, Copy)]
pub struct Mix {
    pub reliable: usize,
    pub uniform_spammers: usize,
    pub constant_spammers: usize,
    pub adversaries: usize,
}

/// `P(given | true)` as cumulative rows, one per true label, so a draw is one uniform number.
#[derive(Debug)]
struct Volunteer {
    cumulative: Vec<f64>,
}

/// Writes the answers to `answers` (`task,worker,label`, a task's answers together) and the
/// truth to `truth` (`task,label`); returns the true labels by task number and the mix.
pub fn generate(shape: &Shape, answers: &Path, truth: &Path) -> std::io::Result<(Vec<u32>, Mix)> {
    assert!(
        shape.answers_per_task <= shape.volunteers,
        "each task needs {} distinct volunteers",
        shape.answers_per_task
    );
    let mut rng = StdRng::seed_from_u64(shape.seed);
    let k = shape.classes;
    // Zipf-like priors: the commonest label is k times as frequent as the rarest.
    let priors = cumulative(&(1..=k).map(|c| 1.0 / c as f64).collect::<Vec<_>>());
    let mut mix = Mix::default();
    let volunteers: Vec<Volunteer> = (0..shape.volunteers)
        .map(|_| volunteer(&mut rng, k, &mut mix))
        .collect();

    let mut answers = BufWriter::new(File::create(answers)?);
    let mut truth_out = BufWriter::new(File::create(truth)?);
    writeln!(answers, "task,worker,label")?;
    writeln!(truth_out, "task,label")?;
    let mut truths = Vec::with_capacity(shape.tasks);
    for task in 0..shape.tasks {
        let truth = draw(&priors, rng.random());
        truths.push(truth as u32);
        writeln!(truth_out, "t{task},{truth}")?;
        let who = rand::seq::index::sample(&mut rng, shape.volunteers, shape.answers_per_task);
        for worker in who {
            let row = &volunteers[worker].cumulative[truth * k..(truth + 1) * k];
            writeln!(answers, "t{task},w{worker},{}", draw(row, rng.random()))?;
        }
    }
    answers.flush()?;
    truth_out.flush()?;
    Ok((truths, mix))
}

fn volunteer(rng: &mut StdRng, k: usize, mix: &mut Mix) -> Volunteer {
    let kind: f64 = rng.random();
    let mut rows = vec![0.0; k * k];
    if kind < UNIFORM_SPAMMERS {
        mix.uniform_spammers += 1;
        rows.fill(1.0 / k as f64);
    } else if kind < UNIFORM_SPAMMERS + CONSTANT_SPAMMERS {
        mix.constant_spammers += 1;
        let always = rng.random_range(0..k);
        rows.chunks_exact_mut(k).for_each(|row| row[always] = 1.0);
    } else if kind < UNIFORM_SPAMMERS + CONSTANT_SPAMMERS + ADVERSARIES {
        mix.adversaries += 1;
        // Mostly the shifted label, otherwise any label at random.
        let shift = rng.random_range(1..k);
        let faithful = rng.random_range(0.6..0.9);
        for (truth, row) in rows.chunks_exact_mut(k).enumerate() {
            row.fill((1.0 - faithful) / k as f64);
            row[(truth + shift) % k] += faithful;
        }
    } else {
        mix.reliable += 1;
        // Right with this accuracy; wrong in ways of its own, unevenly over the other labels.
        let accuracy = rng.random_range(0.6..0.95);
        for (truth, row) in rows.chunks_exact_mut(k).enumerate() {
            let weights: Vec<f64> = (0..k).map(|_| rng.random::<f64>().powi(2)).collect();
            let wrong: f64 = weights
                .iter()
                .enumerate()
                .filter(|(c, _)| *c != truth)
                .map(|(_, w)| w)
                .sum();
            for (given, cell) in row.iter_mut().enumerate() {
                *cell = if given == truth {
                    accuracy
                } else {
                    (1.0 - accuracy) * weights[given] / wrong
                };
            }
        }
    }
    Volunteer {
        cumulative: rows.chunks_exact(k).flat_map(cumulative).collect(),
    }
}

/// Running sums of `weights`, scaled to end at 1.
fn cumulative(weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    let mut sum = 0.0;
    weights
        .iter()
        .map(|w| {
            sum += w / total;
            sum
        })
        .collect()
}

/// The index `uniform` (in [0, 1)) falls at; the last one should rounding leave it past the end.
fn draw(cumulative: &[f64], uniform: f64) -> usize {
    cumulative
        .iter()
        .position(|&c| uniform < c)
        .unwrap_or(cumulative.len() - 1)
}
