//! Rules as JSON (spec 8.12): one object, an array of objects, or JSON lines — any sequence
//! of objects and arrays, each beginning on a line of its own or not. The shape is
//! [`RuleJson`]'s, read by serde with unknown fields refused; errors name the source, the
//! place (`line:column` of the object, or of its array and `item N`) and the field.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Rule;
use crate::{Error, Result};

/// A rule as files, the console's form and the site's dictionary write it. A `null` counts
/// as absent; `id` defaults to [`Rule::derive_id`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a rule (a JSON object)")]
struct RuleJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    name: String,
    badge: String,
    description: String,
    #[serde(default)]
    bonus: Option<u32>,
    #[serde(default)]
    tasks_number: Option<u32>,
    #[serde(default)]
    days_number: Option<u32>,
    #[serde(default)]
    is_weekend: Option<bool>,
    #[serde(default)]
    is_adjacent: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    task_type_name: Option<String>,
}

impl RuleJson {
    fn into_rule(self) -> Result<Rule> {
        let task_type = self.task_type_name.filter(|t| !t.is_empty());
        let id = match self.id {
            Some(id) => id,
            None => Rule::derive_id(&self.name, task_type.as_deref()),
        };
        let rule = Rule {
            id,
            task_type,
            badge: self.badge,
            name: self.name,
            description: self.description,
            bonus: self.bonus.unwrap_or_default(),
            tasks_number: self.tasks_number.unwrap_or_default(),
            days_number: self.days_number.unwrap_or_default(),
            is_weekend: self.is_weekend.unwrap_or_default(),
            is_adjacent: self.is_adjacent.unwrap_or_default(),
        };
        rule.validate()?;
        Ok(rule)
    }
}

impl From<&Rule> for RuleJson {
    fn from(rule: &Rule) -> Self {
        RuleJson {
            id: Some(rule.id.clone()),
            name: rule.name.clone(),
            badge: rule.badge.clone(),
            description: rule.description.clone(),
            bonus: Some(rule.bonus),
            tasks_number: Some(rule.tasks_number),
            days_number: Some(rule.days_number),
            is_weekend: Some(rule.is_weekend),
            is_adjacent: Some(rule.is_adjacent),
            task_type_name: rule.task_type.clone(),
        }
    }
}

/// Parses every rule in `text`; `source` names it in errors (a file name, `-`).
pub fn parse_rules(source: &str, text: &str) -> Result<Vec<Rule>> {
    let mut rules = Vec::new();
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let mut end = 0;
    let mut seen = false;
    while let Some(value) = values.next() {
        seen = true;
        let value = value.map_err(|e| {
            Error::invalid(format!(
                "{source}:{}:{}: {}",
                e.line(),
                e.column(),
                strip_position(&e)
            ))
        })?;
        let start = end + text[end..].len() - text[end..].trim_start().len();
        end = values.byte_offset();
        // Where the value starts, worked out only for an error.
        let place = || {
            let (line, column) = line_and_column(text, start);
            format!("{line}:{column}")
        };
        match value {
            Value::Array(items) => {
                for (index, item) in items.into_iter().enumerate() {
                    rules.push(
                        rule_from_value(item).map_err(|e| {
                            at(source, &format!("{}: item {}", place(), index + 1), e)
                        })?,
                    );
                }
            }
            value => rules.push(rule_from_value(value).map_err(|e| at(source, &place(), e))?),
        }
    }
    if !seen {
        return Err(Error::invalid(format!(
            "{source}:1:1: no rule in it (a JSON object, an array of them, or JSON lines)"
        )));
    }
    Ok(rules)
}

/// The 1-based line and column of byte `offset` of `text`, the column in bytes as serde_json
/// counts it in its own errors.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    (line, before.len() - line_start + 1)
}

fn at(source: &str, place: &str, e: Error) -> Error {
    Error::invalid(format!("{source}:{place}: {e}"))
}

/// serde_json's message without its " at line L column C" (the caller says where).
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    text.rsplit_once(" at line ")
        .map_or(text.clone(), |(m, _)| m.to_string())
}

/// One rule from a JSON object; `id` defaults to [`Rule::derive_id`].
pub fn rule_from_value(value: Value) -> Result<Rule> {
    let read: RuleJson = serde_path_to_error::deserialize(value).map_err(|e| {
        let field = e.path().to_string();
        let message = strip_position(e.inner());
        Error::invalid(if field == "." {
            message
        } else {
            format!("{field}: {message}")
        })
    })?;
    read.into_rule()
}

/// The rule as the JSON `parse_rules` reads (and the site's rule dictionary).
pub fn rule_to_value(rule: &Rule) -> Value {
    serde_json::to_value(RuleJson::from(rule)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"name": "Night owl", "badge": "owl.png", "description": "10 tasks",
        "bonus": 5, "tasks_number": 10, "days_number": 0, "is_weekend": false, "is_adjacent": false}"#;

    #[test]
    fn parses_an_object_with_a_stable_id() {
        let rules = parse_rules("rules.json", GOOD).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].id, Rule::derive_id("Night owl", None));
        assert_eq!((rules[0].bonus, rules[0].tasks_number), (5, 10));
        assert_eq!(rules, parse_rules("again", GOOD).unwrap());
        // Round trip through the JSON it writes.
        let back = rule_from_value(rule_to_value(&rules[0])).unwrap();
        assert_eq!(back, rules[0]);
    }

    #[test]
    fn parses_project_rules_arrays_and_lines() {
        let line = r#"{"name":"A","badge":"b","description":"d","days_number":3,"is_adjacent":true,"task_type_name":"tagging_task"}"#;
        let two = format!("{line}\n\n{}\n", line.replace("\"A\"", "\"B\""));
        let rules = parse_rules("r.jsonl", &two).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].task_type.as_deref(), Some("tagging_task"));
        assert_ne!(rules[0].id, rules[1].id);
        let array = format!("[{line}]");
        assert_eq!(parse_rules("r.json", &array).unwrap().len(), 1);
    }

    #[test]
    fn errors_name_the_place_and_the_field() {
        let err = |text: &str| parse_rules("r.jsonl", text).unwrap_err().to_string();
        assert!(
            err("{\"name\": ").starts_with("r.jsonl:1:"),
            "{}",
            err("{\"name\": ")
        );
        assert!(err(" \n").starts_with("r.jsonl:1:1: no rule"));
        let wrong = GOOD.replace("\"bonus\": 5", "\"bonus\": \"five\"");
        assert_eq!(
            err(&wrong),
            "r.jsonl:1:1: bonus: invalid type: string \"five\", expected u32"
        );
        let negative = GOOD.replace("\"bonus\": 5", "\"bonus\": -1");
        assert!(
            err(&negative).contains("bonus: invalid value"),
            "{}",
            err(&negative)
        );
        let flag = GOOD.replace("\"is_weekend\": false", "\"is_weekend\": 1");
        assert!(err(&flag).contains("is_weekend: invalid type"));
        let unknown = GOOD.replace("\"bonus\"", "\"bonsu\"");
        assert!(
            err(&unknown).contains("unknown field `bonsu`"),
            "{}",
            err(&unknown)
        );
        let no_name = GOOD.replace("\"name\": \"Night owl\",", "");
        assert!(
            err(&no_name).contains("missing field `name`"),
            "{}",
            err(&no_name)
        );
        let second_bad = format!("{}\n\n  {{\"name\": 1}}\n", GOOD.replace('\n', " "));
        assert!(
            err(&second_bad).starts_with("r.jsonl:3:3: name: invalid type"),
            "{}",
            err(&second_bad)
        );
        let invariant = GOOD.replace("\"is_adjacent\": false", "\"is_adjacent\": true");
        assert!(err(&invariant).contains("not supported"));
        assert!(err("[{}, 1]").starts_with("r.jsonl:1:1: item 1: missing field `name`"));
        let second_array = format!("[{}]\n [1]", GOOD.replace('\n', " "));
        assert!(
            err(&second_array)
                .starts_with("r.jsonl:2:2: item 1: invalid type: integer `1`, expected a rule"),
            "{}",
            err(&second_array)
        );
        // Columns are bytes, as serde_json's own are.
        let owl = GOOD.replace('\n', " ").replace("Night owl", "Нічна сова");
        let after = format!("{owl} {{\"name\": 1}}");
        let column = owl.len() + 2;
        assert!(
            err(&after).starts_with(&format!("r.jsonl:1:{column}: name")),
            "{}",
            err(&after)
        );
        // A null is as good as an absent field.
        let nulls = GOOD.replace("\"bonus\": 5", "\"bonus\": null, \"id\": null");
        assert_eq!(parse_rules("r.json", &nulls).unwrap()[0].bonus, 0);
    }
}
