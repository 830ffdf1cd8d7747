//! What in an answer is the label (`[consensus]` in plugin.toml), and labels as comparable
//! text: canonical JSON, so that `{"a":1,"b":2}` and `{"b":2,"a":1}` are one label.

use std::collections::HashMap;

use serde_json::Value;

/// `[consensus]`: where an answer's label is. Both are JSON pointers (RFC 6901); the empty
/// pointer is the whole value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelRule {
    /// The label, inside the answer's result (or inside each item when `items` is set).
    pub label: String,
    /// An array in the result whose elements are labelled separately (a tagging task: one
    /// label per word); `None`: one label per answer.
    pub items: Option<String>,
}

/// One label of an answer: which item of the task it labels (0 without `items`) and the
/// label as canonical JSON.
pub type ItemLabel = (u32, String);

impl LabelRule {
    /// Whether `pointer` is a JSON pointer: empty, or `/`-separated tokens.
    pub fn is_pointer(pointer: &str) -> bool {
        pointer.is_empty() || pointer.starts_with('/')
    }

    /// The labels an answer gives. A label that is missing or `null` is no label: the answer
    /// does not vote on that item.
    pub fn labels(&self, result: &Value) -> Vec<ItemLabel> {
        let present = |v: &Value| !v.is_null();
        match &self.items {
            None => result
                .pointer(&self.label)
                .filter(|v| present(v))
                .map(|v| vec![(0, canonical(v))])
                .unwrap_or_default(),
            Some(items) => match result.pointer(items) {
                Some(Value::Array(elements)) => elements
                    .iter()
                    .zip(0u32..)
                    .filter_map(|(element, index)| {
                        let label = element.pointer(&self.label).filter(|v| present(v))?;
                        Some((index, canonical(label)))
                    })
                    .collect(),
                _ => Vec::new(),
            },
        }
    }

    /// The labels of an answer stored as JSON text; text that is not JSON gives none.
    pub fn labels_of_text(&self, result_json: &str) -> Vec<ItemLabel> {
        serde_json::from_str::<Value>(result_json)
            .map(|result| self.labels(&result))
            .unwrap_or_default()
    }
}

/// Compact JSON with object keys sorted at every level.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Numbers distinct strings 0, 1, 2, … in the order first seen.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    numbers: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&number) = self.numbers.get(name) {
            return number;
        }
        let number = self.names.len() as u32;
        self.names.push(name.into());
        self.numbers.insert(name.into(), number);
        number
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        self.numbers.get(name).copied()
    }

    pub fn name(&self, number: u32) -> &str {
        &self.names[number as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_whole_result_is_the_label_by_default_in_canonical_form() {
        let rule = LabelRule::default();
        assert_eq!(
            rule.labels(&json!({"b": [1, {"y": 2, "x": 1}], "a": "é"})),
            vec![(0, r#"{"a":"é","b":[1,{"x":1,"y":2}]}"#.to_string())]
        );
    }

    #[test]
    fn a_pointer_picks_the_label_and_a_missing_or_null_one_is_no_vote() {
        let rule = LabelRule {
            label: "/answer/kind".into(),
            items: None,
        };
        assert_eq!(
            rule.labels(&json!({"answer": {"kind": "cat"}})),
            vec![(0, "\"cat\"".to_string())]
        );
        assert!(rule.labels(&json!({"answer": {}})).is_empty());
        assert!(rule.labels(&json!({"answer": {"kind": null}})).is_empty());
    }

    #[test]
    fn items_are_labelled_separately_with_the_label_relative_to_each() {
        let rule = LabelRule {
            label: "/tag".into(),
            items: Some("/words".into()),
        };
        let result = json!({"words": [{"tag": "PER"}, {"other": 1}, {"tag": "LOC"}]});
        assert_eq!(
            rule.labels(&result),
            vec![(0, "\"PER\"".to_string()), (2, "\"LOC\"".to_string())]
        );
        assert!(rule.labels(&json!({"words": "not an array"})).is_empty());
        assert!(rule.labels_of_text("not json").is_empty());
    }

    #[test]
    fn the_interner_numbers_in_first_seen_order() {
        let mut names = Interner::default();
        assert_eq!(
            [names.intern("b"), names.intern("a"), names.intern("b")],
            [0, 1, 0]
        );
        assert_eq!((names.name(1), names.get("c"), names.len()), ("a", None, 2));
    }
}
