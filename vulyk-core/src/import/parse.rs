//! One line of input → one task, or the reason it is not one.

use serde_json::Value;

use super::canonical::compact_object;
use crate::domain::{NewTask, TaskId};

/// What a line of input is.
#[derive(Debug, Clone, PartialEq)]
pub enum LineOutcome {
    Task(NewTask),
    /// Only white space.
    Blank,
    /// A "falsy" JSON value (`{}`, `[]`, `0`, `""`, `null`, `false`), skipped like the original.
    Empty,
    /// Not JSON, or not a JSON object; `column` is 1-based, in characters.
    Invalid {
        column: usize,
        reason: String,
    },
}

/// Parses a line and computes the task id over its compact re-serialisation, which keeps key
/// order, writes non-ASCII as raw UTF-8 and floats in shortest round-trip form — the same bytes
/// the original hashed, so the same input gets the same ids.
pub fn parse_line(line: &[u8]) -> LineOutcome {
    let line = &*crate::json_text::without_negative_integer_zero(line);
    let Some(first) = line.iter().position(|b| !b.is_ascii_whitespace()) else {
        return LineOutcome::Blank;
    };
    if line[first] == b'{' {
        match compact_object(line) {
            Ok(Some(compact)) if compact == b"{}" => return LineOutcome::Empty,
            Ok(Some(compact)) => return task_from(compact),
            Ok(None) => {} // a repeated key: the slow path below decides which value stays
            Err(e) => return invalid(line, &e),
        }
    }
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(e) => return invalid(line, &e),
    };
    if is_falsy(&value) {
        return LineOutcome::Empty;
    }
    if !value.is_object() {
        return LineOutcome::Invalid {
            column: first + 1,
            reason: format!("each task must be a JSON object, not {}", kind(&value)),
        };
    }
    if let Some(big) = integer_beyond_stored_range(&value) {
        let digits = big.to_string();
        let at = line
            .windows(digits.len())
            .position(|w| w == digits.as_bytes());
        return LineOutcome::Invalid {
            column: char_column(line, at.unwrap_or(first) + 1),
            reason: super::canonical::beyond_stored_range(big),
        };
    }
    match crate::json_text::to_string(&value) {
        Ok(compact) => task_from(compact.into_bytes()),
        Err(e) => invalid(line, &e),
    }
}

/// The first integer in `value` that no store keeps (see `beyond_stored_range`).
fn integer_beyond_stored_range(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64().filter(|v| i64::try_from(*v).is_err()),
        Value::Array(items) => items.iter().find_map(integer_beyond_stored_range),
        Value::Object(map) => map.values().find_map(integer_beyond_stored_range),
        _ => None,
    }
}

fn task_from(compact: Vec<u8>) -> LineOutcome {
    let id = TaskId::for_canonical_json(&compact);
    match String::from_utf8(compact) {
        Ok(data_json) => LineOutcome::Task(NewTask { id, data_json }),
        // Unreachable: the compact form is built from validated UTF-8 strings.
        Err(_) => LineOutcome::Invalid {
            column: 1,
            reason: "not valid UTF-8".to_string(),
        },
    }
}

fn invalid(line: &[u8], error: &serde_json::Error) -> LineOutcome {
    LineOutcome::Invalid {
        column: char_column(line, error.column()),
        reason: error
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

fn is_falsy(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json counts columns in bytes; people count characters.
fn char_column(line: &[u8], byte_column: usize) -> usize {
    let offset = byte_column.saturating_sub(1).min(line.len());
    String::from_utf8_lossy(&line[..offset]).chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_of(line: &str) -> String {
        match parse_line(line.as_bytes()) {
            LineOutcome::Task(task) => task.id.to_string(),
            other => panic!("{other:?}"),
        }
    }

    fn sha1_prefix(text: &str) -> String {
        TaskId::for_canonical_json(text.as_bytes()).to_string()
    }

    #[test]
    fn ids_hash_the_compact_order_preserving_form() {
        // White space goes, key order stays, non-ASCII stays raw, floats stay floats.
        assert_eq!(
            id_of(r#"{ "b": 1, "a": [1.0, 2.5e3, "Кіт"] }"#),
            sha1_prefix(r#"{"b":1,"a":[1.0,2500.0,"Кіт"]}"#)
        );
        assert_eq!(id_of(r#"{"x": "\u041a"}"#), sha1_prefix(r#"{"x":"К"}"#));
        assert_eq!(
            id_of(r#"{"x": "a\"b\n"}"#),
            sha1_prefix(r#"{"x":"a\"b\n"}"#)
        );
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value_in_the_first_place() {
        // As Python's json.loads builds the dict the original hashed.
        assert_eq!(
            id_of(r#"{"a": 1, "b": 2, "a": 3}"#),
            sha1_prefix(r#"{"a":3,"b":2}"#)
        );
    }

    #[test]
    fn an_integer_no_store_keeps_is_an_invalid_line_that_names_it() {
        for line in [
            r#"{"n": 18446744073709551615}"#,
            r#"{"a": 1, "n": [9223372036854775808], "a": 2}"#,
        ] {
            let LineOutcome::Invalid { column, reason } = parse_line(line.as_bytes()) else {
                panic!("{line} was taken");
            };
            assert!(
                reason.contains("above the largest a store keeps"),
                "{reason}"
            );
            assert!(
                (7..=line.len()).contains(&column),
                "{line}: column {column}"
            );
        }
        // The largest that fits, and bigger numbers that are floats in both readers, load.
        for line in [
            r#"{"n": 9223372036854775807}"#,
            r#"{"n": 18446744073709551616}"#,
        ] {
            assert!(
                matches!(parse_line(line.as_bytes()), LineOutcome::Task(_)),
                "{line}"
            );
        }
    }

    #[test]
    fn blank_and_falsy_lines_are_skipped() {
        assert_eq!(parse_line(b"   "), LineOutcome::Blank);
        for empty in [
            "{}", "[]", "0", "-0", "0.0", "\"\"", "null", "false", " {} ",
        ] {
            assert_eq!(parse_line(empty.as_bytes()), LineOutcome::Empty, "{empty}");
        }
    }

    #[test]
    fn invalid_lines_name_the_column() {
        let LineOutcome::Invalid { column, reason } = parse_line(br#"{"a": 1,, "b": 2}"#) else {
            panic!()
        };
        assert_eq!(column, 9, "{reason}");
        let LineOutcome::Invalid { column, .. } = parse_line("{\"ї\": ї}".as_bytes()) else {
            panic!()
        };
        assert_eq!(column, 7);
        let LineOutcome::Invalid { column, reason } = parse_line(b"  [1, 2]") else {
            panic!()
        };
        assert_eq!(column, 3);
        assert!(reason.contains("JSON object"), "{reason}");
    }
}
