//! Krippendorff's alpha for nominal labels: how much more volunteers agree than chance would
//! have them (1: perfectly, 0: as by chance, below 0: less). Each item is a unit; items with
//! one vote cannot be paired and are left out, as in Krippendorff (2011), "Computing
//! Krippendorff's Alpha-Reliability".
//!
//! With `m` votes in a unit, of which `n_c` gave label `c`, and `n_c` summed over units:
//! `alpha = 1 - (n - 1) · Σ_units (m² - Σ_c n_uc²) / (m - 1) / (n² - Σ_c n_c²)`.

use super::crowd::Crowd;

/// Alpha over the items `items` selects; `None` when it is undefined: no pairable votes, or
/// every vote the same label (no disagreement is expected by chance).
pub fn alpha(crowd: &Crowd, items: impl Fn(usize) -> bool) -> Option<f64> {
    let mut label_totals = vec![0u64; crowd.labels.len()];
    let mut in_unit = vec![0u64; crowd.labels.len()];
    let mut observed = 0.0;
    for item in (0..crowd.items()).filter(|&i| items(i)) {
        let votes = crowd.votes(item);
        if votes.len() < 2 {
            continue;
        }
        for vote in votes {
            in_unit[vote.label as usize] += 1;
        }
        let m = votes.len() as f64;
        let mut same = 0.0;
        for vote in votes {
            let count = &mut in_unit[vote.label as usize];
            if *count > 0 {
                same += (*count * *count) as f64;
                label_totals[vote.label as usize] += *count;
                *count = 0;
            }
        }
        observed += (m * m - same) / (m - 1.0);
    }
    let n: u64 = label_totals.iter().sum();
    let n = n as f64;
    let expected = n * n - label_totals.iter().map(|&c| (c * c) as f64).sum::<f64>();
    (expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quality::crowd::tests::task;
    use crate::quality::labels::LabelRule;

    /// Values by observer (rows) and unit (columns); `None` is a missing value.
    fn crowd_of(observers: &[&[Option<u32>]]) -> Crowd {
        let mut crowd = Crowd::new(LabelRule::default());
        let names: Vec<String> = (0..observers.len()).map(|o| format!("o{o}")).collect();
        for unit in 0..observers[0].len() {
            let values: Vec<(usize, String)> = observers
                .iter()
                .enumerate()
                .filter_map(|(o, values)| Some((o, values[unit]?.to_string())))
                .collect();
            let answers: Vec<(&str, &str)> = values
                .iter()
                .map(|(o, value)| (names[*o].as_str(), value.as_str()))
                .collect();
            crowd.add_task(&task("b", &answers));
        }
        crowd
    }

    #[test]
    fn the_papers_nominal_example_with_missing_values_gives_0_743() {
        // Krippendorff (2011), section C: 4 observers, 12 units, 7 values missing.
        let (a, b, c, d) = (
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        );
        let alpha = alpha(&crowd_of(&[&a, &b, &c, &d]), |_| true).unwrap();
        // The paper rounds to 0.743; exactly it is 113/152, as the krippendorff package gives.
        assert!((alpha - 113.0 / 152.0).abs() < 1e-12, "{alpha}");
    }

    #[test]
    fn the_papers_binary_example_with_two_observers_gives_0_095() {
        // Krippendorff (2011), section A: 2 observers, 10 units.
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0].map(Some);
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0].map(Some);
        let alpha = alpha(&crowd_of(&[&a, &b]), |_| true).unwrap();
        assert!((alpha - 2.0 / 21.0).abs() < 1e-12, "{alpha}");
    }

    #[test]
    fn no_pairable_votes_or_no_variation_leaves_alpha_undefined() {
        let one_each = crowd_of(&[&[Some(1), Some(2)]]);
        assert_eq!(alpha(&one_each, |_| true), None);
        let all_same = crowd_of(&[&[Some(1), Some(1)], &[Some(1), Some(1)]]);
        assert_eq!(alpha(&all_same, |_| true), None);
        let crowd = crowd_of(&[&[Some(1), Some(1)], &[Some(1), Some(2)]]);
        assert_eq!(alpha(&crowd, |item| item == 0), None);
    }
}
