//! Rules as JSON (spec 8.12): one object, an array of objects, or JSON lines. Errors name the
//! source, line and column, and the field.

use serde_json::{Map, Value, json};

use super::Rule;
use crate::{Error, Result};

const FIELDS: &[&str] = &[
    "id",
    "name",
    "badge",
    "description",
    "bonus",
    "tasks_number",
    "days_number",
    "is_weekend",
    "is_adjacent",
    "task_type_name",
];

/// Parses every rule in `text`; `source` names it in errors (a file name, `-`).
pub fn parse_rules(source: &str, text: &str) -> Result<Vec<Rule>> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                rule_from_value(item).map_err(|e| at(source, &format!("item {}", i + 1), e))
            })
            .collect(),
        Ok(value) => Ok(vec![
            rule_from_value(&value).map_err(|e| at(source, "1:1", e))?,
        ]),
        // More than one value: JSON lines.
        Err(e) if e.is_syntax() && e.to_string().starts_with("trailing characters") => {
            parse_lines(source, text)
        }
        Err(e) => Err(Error::invalid(format!(
            "{source}:{}:{}: {}",
            e.line(),
            e.column(),
            strip_position(&e)
        ))),
    }
}

fn parse_lines(source: &str, text: &str) -> Result<Vec<Rule>> {
    let mut rules = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line).map_err(|e| {
            Error::invalid(format!(
                "{source}:{number}:{}: {}",
                e.column(),
                strip_position(&e)
            ))
        })?;
        rules.push(rule_from_value(&value).map_err(|e| at(source, &format!("{number}:1"), e))?);
    }
    Ok(rules)
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
pub fn rule_from_value(value: &Value) -> Result<Rule> {
    let Value::Object(object) = value else {
        return Err(Error::invalid("a rule must be a JSON object"));
    };
    if let Some(unknown) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(Error::invalid(format!(
            "{unknown}: unknown field (known: {})",
            FIELDS.join(", ")
        )));
    }
    let name = text(object, "name")?.ok_or_else(|| missing("name"))?;
    let task_type = text(object, "task_type_name")?.filter(|t| !t.is_empty());
    let id = match text(object, "id")? {
        Some(id) => id,
        None => Rule::derive_id(&name, task_type.as_deref()),
    };
    let rule = Rule {
        id,
        task_type,
        badge: text(object, "badge")?.ok_or_else(|| missing("badge"))?,
        description: text(object, "description")?.ok_or_else(|| missing("description"))?,
        name,
        bonus: number(object, "bonus")?,
        tasks_number: number(object, "tasks_number")?,
        days_number: number(object, "days_number")?,
        is_weekend: flag(object, "is_weekend")?,
        is_adjacent: flag(object, "is_adjacent")?,
    };
    rule.validate()?;
    Ok(rule)
}

/// The rule as the JSON `parse_rules` reads (and the site's rule dictionary).
pub fn rule_to_value(rule: &Rule) -> Value {
    let mut value = json!({
        "id": rule.id,
        "name": rule.name,
        "badge": rule.badge,
        "description": rule.description,
        "bonus": rule.bonus,
        "tasks_number": rule.tasks_number,
        "days_number": rule.days_number,
        "is_weekend": rule.is_weekend,
        "is_adjacent": rule.is_adjacent,
    });
    if let (Some(task_type), Some(object)) = (&rule.task_type, value.as_object_mut()) {
        object.insert("task_type_name".into(), json!(task_type));
    }
    value
}

fn missing(field: &str) -> Error {
    Error::invalid(format!("{field}: missing"))
}

fn text(object: &Map<String, Value>, field: &str) -> Result<Option<String>> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(Error::invalid(format!(
            "{field}: expected a string, found {other}"
        ))),
    }
}

fn number(object: &Map<String, Value>, field: &str) -> Result<u32> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| Error::invalid(format!("{field}: {n} is not a whole number from 0"))),
        Some(other) => Err(Error::invalid(format!(
            "{field}: expected a whole number, found {other}"
        ))),
    }
}

fn flag(object: &Map<String, Value>, field: &str) -> Result<bool> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(Error::invalid(format!(
            "{field}: expected true or false, found {other}"
        ))),
    }
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
        let back = rule_from_value(&rule_to_value(&rules[0])).unwrap();
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
        let wrong = GOOD.replace("\"bonus\": 5", "\"bonus\": \"five\"");
        assert!(
            err(&wrong).contains("bonus: expected a whole number"),
            "{}",
            err(&wrong)
        );
        let negative = GOOD.replace("\"bonus\": 5", "\"bonus\": -1");
        assert!(err(&negative).contains("bonus"), "{}", err(&negative));
        let flag = GOOD.replace("\"is_weekend\": false", "\"is_weekend\": 1");
        assert!(err(&flag).contains("is_weekend"));
        let unknown = GOOD.replace("\"bonus\"", "\"bonsu\"");
        assert!(err(&unknown).contains("bonsu: unknown field"));
        let no_name = GOOD.replace("\"name\": \"Night owl\",", "");
        assert!(err(&no_name).contains("name: missing"));
        let second_bad = format!("{}\n{{\"name\": 1}}\n", GOOD.replace('\n', " "));
        assert!(
            err(&second_bad).starts_with("r.jsonl:2:1: name"),
            "{}",
            err(&second_bad)
        );
        let invariant = GOOD.replace("\"is_adjacent\": false", "\"is_adjacent\": true");
        assert!(err(&invariant).contains("not supported"));
        assert!(err("[1]").contains("item 1"));
    }
}
