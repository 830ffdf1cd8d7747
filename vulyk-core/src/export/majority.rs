//! `--aggregate`: the most frequent answer of a task and how many agree with it. Answers are
//! equal when they are equal as JSON values (key order and spacing do not matter).

use std::collections::HashSet;

use serde_json::Value;

use crate::quality::canonical;
use crate::store::ExportedTask;

#[derive(Debug, Clone, PartialEq)]
pub struct Majority {
    /// The answer, compact JSON, as first given.
    pub answer_json: String,
    pub votes: usize,
    /// votes / answers.
    pub share: f64,
}

/// `None` for a task without answers. On a tie, the answer given first wins. Answers by the
/// volunteers in `left_out` (excluded by their accuracy on gold) are not counted.
pub fn majority(task: &ExportedTask, left_out: &HashSet<String>) -> Option<Majority> {
    let mut tallies: Vec<(String, usize, usize)> = Vec::new(); // (canonical, votes, first index)
    let mut counted = 0;
    for (index, answer) in task.answers.iter().enumerate() {
        if left_out.contains(&answer.author.username) {
            continue;
        }
        counted += 1;
        let canonical = serde_json::from_str::<Value>(&answer.result_json)
            .map(|v| canonical(&v))
            .unwrap_or_else(|_| answer.result_json.clone());
        match tallies.iter_mut().find(|(c, _, _)| *c == canonical) {
            Some(tally) => tally.1 += 1,
            None => tallies.push((canonical, 1, index)),
        }
    }
    let (_, votes, first) = tallies
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))?;
    Some(Majority {
        answer_json: task.answers[first].result_json.clone(),
        votes,
        share: votes as f64 / counted as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TaskId;
    use crate::store::ExportedAnswer;

    fn task(results: &[&str]) -> ExportedTask {
        ExportedTask {
            id: TaskId::from_stored("t".into()),
            batch: None,
            closed: true,
            data_json: "{}".into(),
            answers: results
                .iter()
                .map(|r| ExportedAnswer {
                    author: Default::default(),
                    created_at: chrono::DateTime::default(),
                    result_json: r.to_string(),
                    session: None,
                })
                .collect(),
        }
    }

    #[test]
    fn equal_json_values_vote_together_whatever_their_key_order() {
        let m = majority(
            &task(&[r#"{"a":1,"b":[1,2]}"#, r#"{"x":0}"#, r#"{"b":[1,2],"a":1}"#]),
            &HashSet::new(),
        )
        .unwrap();
        assert_eq!(
            (m.answer_json.as_str(), m.votes),
            (r#"{"a":1,"b":[1,2]}"#, 2)
        );
        assert!((m.share - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_tie_goes_to_the_first_answer_and_no_answers_give_none() {
        let none = HashSet::new();
        let m = majority(&task(&[r#"{"x":2}"#, r#"{"x":1}"#]), &none).unwrap();
        assert_eq!(m.answer_json, r#"{"x":2}"#);
        assert_eq!(majority(&task(&[]), &none), None);
    }

    #[test]
    fn answers_of_volunteers_left_out_are_not_counted() {
        let mut three = task(&[r#"{"x":1}"#, r#"{"x":2}"#, r#"{"x":2}"#]);
        for (answer, name) in three.answers.iter_mut().zip(["ann", "bob", "cid"]) {
            answer.author = std::sync::Arc::new(crate::store::Author {
                username: name.into(),
                email: String::new(),
            });
        }
        let left_out: HashSet<String> = ["bob".to_string(), "cid".to_string()].into();
        let m = majority(&three, &left_out).unwrap();
        assert_eq!(
            (m.answer_json.as_str(), m.votes, m.share),
            (r#"{"x":1}"#, 1, 1.0)
        );
        let everyone = HashSet::from(["ann".to_string(), "bob".into(), "cid".into()]);
        assert_eq!(majority(&three, &everyone), None);
    }
}
