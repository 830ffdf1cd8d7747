//! The bench's table: each figure beside its target (issue 19, item 7), and the tasks on
//! which vulyk and crowd-kit chose different labels.

use super::compare::{Comparison, NEAR_TIE};
use super::reference::Reference;
use super::synthetic::Shape;
use super::vulyk_fit::Round;

/// Differences listed one by one, at most.
const LISTED: usize = 10;

#[derive(Debug)]
pub struct Figures<'a> {
    pub shape: &'a Shape,
    pub rounds: &'a [Round],
    pub reference: &'a Reference,
    pub comparison: &'a Comparison,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn verdict(met: bool) -> &'static str {
    if met { "yes" } else { "**no**" }
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

pub fn print(figures: &Figures) {
    let Figures {
        shape,
        rounds,
        reference,
        comparison: c,
    } = figures;
    let answers = shape.tasks * shape.answers_per_task;
    let build = median(rounds.iter().map(|r| r.build_s).collect());
    let fit = median(rounds.iter().map(|r| r.fit_s).collect());
    let total = median(rounds.iter().map(|r| r.build_s + r.fit_s).collect());
    let alpha_s = median(rounds.iter().map(|r| r.alpha_s).collect());
    let peak_mb = rounds.iter().map(|r| r.peak_kb).max().unwrap_or(0) as f64 / 1024.0;
    let their_fit = median(reference.fit_s.clone());
    let ratio = their_fit / total;
    let same = c.tasks - c.differences.len();
    let near_ties = c.differences.iter().filter(|d| d.is_near_tie()).count();
    let alpha_gap = match (rounds[0].alpha, reference.alpha) {
        (Some(ours), Some(theirs)) => (ours - theirs).abs(),
        _ => f64::NAN,
    };
    // Within 3 s for a million answers, in proportion for other sizes.
    let time_target = 3.0 * answers as f64 / 1e6;

    println!("\n| measurement | result | target | met |\n|---|---|---|---|");
    println!(
        "| same label as crowd-kit | {:.3} % ({} of {} differ, {near_ties} of them near ties: \
         crowd-kit's top two within {NEAR_TIE}) | ≥ 99.5 % | {} |",
        percent(same, c.tasks),
        c.differences.len(),
        c.tasks,
        verdict(percent(same, c.tasks) >= 99.5)
    );
    println!(
        "| volunteer accuracy, \\|vulyk − crowd-kit\\| over {} workers | max {:.2e}, mean {:.2e} \
         | ≤ 0.01 | {} |",
        c.workers,
        c.max_accuracy_gap,
        c.mean_accuracy_gap,
        verdict(c.max_accuracy_gap <= 0.01)
    );
    println!(
        "| the same, against crowd-kit one E-step further (what vulyk reports) | {} tasks \
         differ; top probability \\|Δ\\| ≤ {:.1e}, accuracy \\|Δ\\| ≤ {:.1e} | - | - |",
        c.next_step_differences, c.next_step_max_p_gap, c.next_step_max_accuracy_gap
    );
    println!(
        "| Krippendorff's alpha (nominal) | vulyk {}, krippendorff {}, \\|Δ\\| {alpha_gap:.1e} | \
         ≤ 1e-9 | {} |",
        show(rounds[0].alpha),
        show(reference.alpha),
        verdict(alpha_gap <= 1e-9)
    );
    println!(
        "| vulyk: time to fit, median of {} | {total:.2} s (build the crowd {build:.2} s + fit \
         {fit:.2} s, {} iterations) | ≤ {time_target:.1} s | {} |",
        rounds.len(),
        rounds[0].iterations,
        verdict(total <= time_target)
    );
    println!(
        "| crowd-kit: fit, median of {} | {their_fit:.1} s ({} iterations) | - | - |",
        reference.fit_s.len(),
        reference.iterations
    );
    println!(
        "| crowd-kit ÷ vulyk (fit; vulyk's build included) | {ratio:.0}× | ≥ 10× | {} |",
        verdict(ratio >= 10.0)
    );
    println!(
        "| vulyk: peak memory (VmHWM, largest round) | {peak_mb:.0} MB (crowd-kit's process: \
         {:.0} MB) | ≤ 200 MB | {} |",
        reference.peak_kb as f64 / 1024.0,
        verdict(peak_mb <= 200.0)
    );
    println!(
        "| alpha over every task | vulyk {:.3} s, krippendorff {:.2} s | - | - |",
        alpha_s, reference.alpha_s
    );
    println!(
        "| right against the truth | majority vote {:.2} %, Dawid–Skene: vulyk {:.2} %, \
         crowd-kit {:.2} % | - | - |",
        percent(c.right_by_majority, c.tasks),
        percent(c.right_by_vulyk, c.tasks),
        percent(c.right_by_reference, c.tasks)
    );
    println!(
        "\nvulyk rounds (build + fit, s): {}",
        rounds
            .iter()
            .map(|r| format!("{:.2}+{:.2}", r.build_s, r.fit_s))
            .collect::<Vec<_>>()
            .join(", ")
    );
    print_differences(c);
}

fn print_differences(c: &Comparison) {
    if c.differences.is_empty() {
        return;
    }
    println!("\nfirst differing tasks (truth; vulyk's label, p; crowd-kit's label, top two p):");
    for d in c.differences.iter().take(LISTED) {
        println!(
            "  t{}: truth {}; vulyk {} ({:.4}); crowd-kit {} ({:.4} vs {:.4}){}",
            d.task,
            d.truth,
            show_label(d.vulyk.0),
            d.vulyk.1,
            show_label(d.reference.0),
            d.reference.1,
            d.reference.2,
            if d.is_near_tie() { ", near tie" } else { "" }
        );
    }
}

fn show(value: Option<f64>) -> String {
    value.map_or_else(|| "undefined".to_string(), |v| format!("{v:.12}"))
}

fn show_label(label: Option<u32>) -> String {
    label.map_or_else(|| "none".to_string(), |l| l.to_string())
}
