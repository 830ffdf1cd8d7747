//! Gold tasks: loading them with their expected answers, listing and deleting them, handing
//! them out among the ordinary tasks, and judging the answers volunteers give them.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Read};
use std::sync::Arc;

use serde_json::Value;

use super::Vulyk;
use crate::domain::{
    DEFAULT_GOLD_BATCH, GoldAnswer, GoldFeedback, GoldScore, GoldTask, TaskId, User, UserId,
    validate_batch_id,
};
use crate::import::{Input, LineOutcome, expand_inputs, parse_line};
use crate::plugins::Plugin;
use crate::quality::LabelRule;
use crate::store::{AnswerOutcome, GoldDraw, GoldPut};
use crate::{Error, Result};

/// Gold tasks are a handful to a few thousand: a file with more lines than this is not one.
pub const MAX_GOLD_LINES: usize = 100_000;
/// A gold line holds a task and its answer; an answer is at most 1 MiB.
const MAX_GOLD_LINE_BYTES: u64 = 16 * 1024 * 1024;

/// What `load_gold` read and stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GoldLoadSummary {
    pub lines: u64,
    pub stored: GoldPut,
}

impl Vulyk {
    /// Reads gold tasks — JSON lines `{"task": {…}, "answer": {…}}`, plain, gzip or bzip2 —
    /// and stores them all, or none when a line is wrong (its error names file:line:column).
    /// The task's id is the one the task would get as an ordinary task; loading the same
    /// lines again changes nothing, and a changed expected answer replaces the stored one.
    pub async fn load_gold(
        &self,
        task_type: &str,
        inputs: &[String],
        batch: Option<&str>,
    ) -> Result<GoldLoadSummary> {
        let plugin = self.plugins.get(task_type)?;
        let batch = batch.unwrap_or(DEFAULT_GOLD_BATCH);
        validate_batch_id(batch)?;
        let named = inputs.join(", ");
        let inputs = expand_inputs(inputs)?;
        let now = self.clock.now();
        let mut tasks = Vec::new();
        for input in &inputs {
            read_gold(input, &plugin.consensus, &mut |line, gold: ParsedGold| {
                tasks.push(GoldTask {
                    id: gold.id,
                    task_type: task_type.to_string(),
                    batch: batch.to_string(),
                    data_json: gold.data_json,
                    answer_json: gold.answer_json,
                    created_at: now,
                });
                if tasks.len() > MAX_GOLD_LINES {
                    return Err(Error::invalid(format!(
                        "{line}: more than {MAX_GOLD_LINES} gold tasks; gold tasks are a sample \
                         with known answers, ordinary tasks go in with `db load`"
                    )));
                }
                Ok(())
            })?;
        }
        for task in &tasks {
            if let Some(ordinary) = self.store.task(&task.id).await? {
                return Err(Error::conflict(format!(
                    "task {} is loaded already as an ordinary task of type {}: a gold task must \
                     not be one of the tasks it measures",
                    task.id, ordinary.task_type
                )));
            }
        }
        let (stored, answer_changed) = self.store.put_gold(&tasks).await?;
        if !answer_changed.is_empty() {
            self.judge_again(plugin, &answer_changed).await?;
        }
        let change = format!(
            "batch {batch}: {} added, {} with a new answer, {} unchanged, from {named}",
            stored.added, stored.replaced, stored.unchanged,
        );
        self.audit("gold load", task_type, change).await?;
        Ok(GoldLoadSummary {
            lines: tasks.len() as u64,
            stored,
        })
    }

    /// The answers given to these gold tasks, judged against their new expected answers: a
    /// corrected answer key must not leave volunteers marked wrong (or excluded) by the old.
    async fn judge_again(&self, plugin: &Plugin, ids: &[TaskId]) -> Result<()> {
        let mut expected = HashMap::new();
        for id in ids {
            if let Some(gold) = self.store.gold_task(id).await? {
                let answer: Value = serde_json::from_str(&gold.answer_json)
                    .map_err(|e| Error::store("a gold task's answer", e))?;
                expected.insert(gold.id, answer);
            }
        }
        for mut answer in self.store.gold_answers(&plugin.type_name).await? {
            let Some(truth) = expected.get(&answer.gold) else {
                continue;
            };
            let given: Value = serde_json::from_str(&answer.result_json)
                .map_err(|e| Error::store("a gold answer", e))?;
            (answer.judged, answer.correct) = judge(&plugin.consensus, truth, &given);
            self.store.judge_gold_answer(&answer).await?;
        }
        Ok(())
    }

    pub async fn gold_tasks(&self, task_type: &str, batch: Option<&str>) -> Result<Vec<GoldTask>> {
        self.plugins.get(task_type)?;
        self.store.gold_tasks(task_type, batch).await
    }

    /// Deletes gold tasks by id, or all of a batch, with the answers given to them (a wrong
    /// expected answer should stop counting against anyone). `NotFound` when none matched.
    pub async fn delete_gold(
        &self,
        task_type: &str,
        ids: &[TaskId],
        batch: Option<&str>,
    ) -> Result<u64> {
        self.plugins.get(task_type)?;
        if ids.is_empty() && batch.is_none() {
            return Err(Error::invalid(
                "name the gold tasks to delete, or their batch",
            ));
        }
        let deleted = self.store.delete_gold(task_type, ids, batch).await?;
        if deleted == 0 {
            let what = batch.map_or_else(
                || {
                    ids.iter()
                        .map(TaskId::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                |b| format!("in batch {b}"),
            );
            return Err(Error::not_found("gold task", what));
        }
        let which = batch.map_or_else(
            || {
                let ids: Vec<&str> = ids.iter().map(TaskId::as_str).collect();
                format!("ids {}", ids.join(", "))
            },
            |b| format!("batch {b}"),
        );
        let change = format!("{deleted} gold tasks deleted ({which}) with their answers");
        self.audit("gold del", task_type, change).await?;
        Ok(deleted)
    }

    /// A volunteer's record on the type's gold tasks.
    pub async fn gold_score(&self, user: &User, task_type: &str) -> Result<GoldScore> {
        self.store.gold_score(&user.id, task_type).await
    }

    /// What a volunteer is shown of their record: `None` for a type that hands out no gold
    /// (no read) or before they have answered a gold task.
    pub async fn gold_record(&self, user: &User, task_type: &str) -> Result<Option<GoldScore>> {
        if !self.plugins.get(task_type)?.quality.hands_out_gold() {
            return Ok(None);
        }
        let score = self.gold_score(user, task_type).await?;
        Ok((score.judged > 0).then_some(score))
    }

    /// Whether the volunteer's answers of the type count for nothing (see
    /// `Quality::min_accuracy`). Read only for a type that sets a minimum.
    pub async fn is_excluded(&self, user: &UserId, plugin: &Plugin) -> Result<bool> {
        if plugin.quality.min_accuracy.is_none() {
            return Ok(false);
        }
        let score = self.store.gold_score(user, &plugin.type_name).await?;
        Ok(plugin.quality.excludes(&score))
    }

    /// The usernames of the type's excluded volunteers.
    pub async fn excluded_volunteers(&self, plugin: &Plugin) -> Result<HashSet<String>> {
        if plugin.quality.min_accuracy.is_none() {
            return Ok(HashSet::new());
        }
        let answers = self.store.gold_answers(&plugin.type_name).await?;
        Ok(excluded_of(plugin, &scores_of(&answers)))
    }

    /// Whether this hand-out gives a gold task, for a type that has them.
    pub(super) fn gold_draw(&self, plugin: &Plugin) -> Option<GoldDraw> {
        let quality = plugin.quality;
        quality.hands_out_gold().then(|| GoldDraw {
            warmup: quality.gold_warmup,
            share_new: quality.gold_share_new.unwrap_or(quality.gold_share),
            share: quality.gold_share,
            draw: rand::random(),
        })
    }

    /// Stores an answer to a gold task handed to the user, judged against the expected one.
    /// `NotFound` when the task is not a gold task handed to them.
    pub(super) async fn answer_gold(
        &self,
        user: &User,
        plugin: &Plugin,
        task: &TaskId,
        result: &Value,
        result_json: String,
    ) -> Result<AnswerOutcome> {
        let not_found = || Error::not_found("task", format!("{task} of type {}", plugin.type_name));
        let gold = self
            .store
            .gold_task(task)
            .await?
            .filter(|g| g.task_type == plugin.type_name)
            .ok_or_else(not_found)?;
        let expected: Value = serde_json::from_str(&gold.answer_json)
            .map_err(|e| Error::store("a gold task's answer", e))?;
        let (judged, correct) = judge(&plugin.consensus, &expected, result);
        let recorded = self
            .store
            .record_gold_answer(&GoldAnswer {
                user: user.id.clone(),
                username: user.username.clone(),
                gold: gold.id.clone(),
                task_type: plugin.type_name.clone(),
                result_json,
                judged,
                correct,
                created_at: self.clock.now(),
            })
            .await;
        match recorded {
            Err(Error::NotFound { .. }) => return Err(not_found()),
            other => other?,
        }
        // Counted as any answer: the numbers must not tell a gold task apart either.
        super::monitoring::answered(&plugin.type_name, false);
        Ok(AnswerOutcome {
            answer_id: crate::domain::new_object_id(),
            batch: None,
            closed_task: false,
            closed_batch: None,
            gold: plugin.quality.gold_feedback.then_some(GoldFeedback {
                expected,
                judged,
                correct,
            }),
        })
    }
}

/// Each volunteer's record on gold, by username, from the answers given to gold tasks.
pub(super) fn scores_of(answers: &[GoldAnswer]) -> HashMap<String, GoldScore> {
    let mut scores: HashMap<String, GoldScore> = HashMap::new();
    for answer in answers {
        let score = scores.entry(answer.username.clone()).or_default();
        score.answers += 1;
        score.judged += answer.judged;
        score.correct += answer.correct;
    }
    scores
}

/// The usernames whose record puts them below the type's minimum accuracy.
pub(super) fn excluded_of(plugin: &Plugin, scores: &HashMap<String, GoldScore>) -> HashSet<String> {
    scores
        .iter()
        .filter(|(_, score)| plugin.quality.excludes(score))
        .map(|(username, _)| username.clone())
        .collect()
}

/// How many of the expected answer's labels the given answer has, of how many.
pub fn judge(rule: &LabelRule, expected: &Value, given: &Value) -> (u64, u64) {
    let given = rule.labels(given);
    let expected = rule.labels(expected);
    let correct = expected
        .iter()
        .filter(|label| given.contains(label))
        .count();
    (expected.len() as u64, correct as u64)
}

struct ParsedGold {
    id: TaskId,
    data_json: String,
    answer_json: String,
}

/// Reads one input's gold lines, handing each to `take` with its `file:line` place.
fn read_gold(
    input: &Input,
    rule: &LabelRule,
    take: &mut dyn FnMut(&str, ParsedGold) -> Result<()>,
) -> Result<()> {
    let name = input.display_name();
    let (mut reader, _) = input.open(Arc::default())?;
    let mut line = Vec::new();
    for index in 0.. {
        line.clear();
        // Bounded like a load's lines: a line without an end (a compressed bomb) stops here.
        let read = (&mut reader)
            .take(MAX_GOLD_LINE_BYTES + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(&name, e))?;
        if read == 0 {
            break;
        }
        let place = format!("{name}:{}", index + 1);
        if line.len() as u64 > MAX_GOLD_LINE_BYTES {
            return Err(Error::invalid(format!(
                "{place}:1: the line is longer than {} MiB",
                MAX_GOLD_LINE_BYTES >> 20
            )));
        }
        let at =
            |column: usize, message: String| Error::invalid(format!("{place}:{column}: {message}"));
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = crate::json_text::without_negative_integer_zero(&line);
        let value: Value =
            serde_json::from_slice(&line).map_err(|e| at(e.column().max(1), strip_place(&e)))?;
        let Value::Object(mut fields) = value else {
            return Err(at(
                1,
                "a gold line is an object {\"task\": {…}, \"answer\": {…}}".into(),
            ));
        };
        if let Some(key) = fields.keys().find(|k| *k != "task" && *k != "answer") {
            return Err(at(
                1,
                format!("unknown field `{key}`, expected `task` and `answer`"),
            ));
        }
        let (Some(task), Some(answer)) = (fields.remove("task"), fields.remove("answer")) else {
            return Err(at(1, "`task` and `answer` are both needed".into()));
        };
        if !answer.is_object() {
            return Err(at(1, "answer: must be a JSON object".into()));
        }
        if rule.labels(&answer).is_empty() {
            return Err(at(
                1,
                format!(
                    "answer: has no label where [consensus] in plugin.toml points (label `{}`{})",
                    rule.label,
                    rule.items
                        .as_deref()
                        .map(|i| format!(", items `{i}`"))
                        .unwrap_or_default()
                ),
            ));
        }
        let task_text =
            crate::json_text::to_string(&task).map_err(|e| at(1, format!("task: {e}")))?;
        let parsed = match parse_line(task_text.as_bytes()) {
            LineOutcome::Task(task) => task,
            LineOutcome::Invalid { reason, .. } => return Err(at(1, format!("task: {reason}"))),
            LineOutcome::Blank | LineOutcome::Empty => {
                return Err(at(
                    1,
                    "task: must be a JSON object that is not empty".into(),
                ));
            }
        };
        let answer_json =
            crate::json_text::to_string(&answer).map_err(|e| at(1, format!("answer: {e}")))?;
        take(
            &place,
            ParsedGold {
                id: parsed.id,
                data_json: parsed.data_json,
                answer_json,
            },
        )?;
    }
    Ok(())
}

/// serde_json's message without its own " at line L column C", which the place replaces.
fn strip_place(error: &serde_json::Error) -> String {
    let text = error.to_string();
    text.split(" at line ").next().unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_answer_is_judged_label_by_label() {
        let rule = LabelRule {
            label: "/t".into(),
            items: Some("/w".into()),
        };
        let expected = json!({"w": [{"t": "A"}, {"t": "B"}, {"t": "C"}]});
        let given = json!({"w": [{"t": "A"}, {"t": "C"}, {"t": "C"}], "note": 1});
        assert_eq!(judge(&rule, &expected, &given), (3, 2));
        // Each item against its own: the right labels in the wrong places are wrong.
        let shifted = json!({"w": [{"t": "B"}, {"t": "C"}, {"t": "A"}]});
        assert_eq!(judge(&rule, &expected, &shifted), (3, 0));
        let whole = LabelRule::default();
        assert_eq!(judge(&whole, &json!({"a": 1}), &json!({"a": 1})), (1, 1));
        assert_eq!(judge(&whole, &json!({"a": 1}), &json!({"a": 2})), (1, 0));
    }
}
