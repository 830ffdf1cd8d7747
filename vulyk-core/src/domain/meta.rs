//! Batch meta: a JSON object copied from the task type's defaults into each new batch and
//! overridden with `--meta KEY=VALUE` (spec 5.1).

use serde_json::{Map, Number, Value};

use crate::{Error, Result};

pub type BatchMeta = Map<String, Value>;

/// Returns `defaults` with each override converted to the type of the value it replaces.
///
/// Unknown keys and values that do not convert are errors that name the key; nothing is
/// silently dropped. Booleans accept `true/false/1/0/yes/no` (any case) — the original took
/// anything but `true`/`1` as false, which hid typos.
pub fn apply_meta_overrides(
    task_type: &str,
    defaults: &BatchMeta,
    overrides: &[(String, String)],
) -> Result<BatchMeta> {
    let mut meta = defaults.clone();
    for (key, raw) in overrides {
        let Some(default) = defaults.get(key) else {
            let known: Vec<&str> = defaults.keys().map(String::as_str).collect();
            return Err(Error::invalid(format!(
                "meta key `{key}` doesn't exist in task type {task_type} (its keys: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )));
        };
        let converted = convert_like(default, raw).ok_or_else(|| {
            Error::invalid(format!(
                "value `{raw}` for meta key `{key}` cannot be converted to {}",
                kind_name(default)
            ))
        })?;
        meta.insert(key.clone(), converted);
    }
    Ok(meta)
}

fn convert_like(default: &Value, raw: &str) -> Option<Value> {
    let trimmed = raw.trim();
    match default {
        Value::Bool(_) => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(Value::Bool(true)),
            "false" | "0" | "no" => Some(Value::Bool(false)),
            _ => None,
        },
        Value::Number(n) if n.is_f64() => trimmed
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number),
        Value::Number(_) => trimmed.parse::<i64>().ok().map(Value::from),
        Value::String(_) | Value::Null => Some(Value::String(raw.to_string())),
        Value::Array(_) => serde_json::from_str::<Value>(raw)
            .ok()
            .filter(Value::is_array),
        Value::Object(_) => serde_json::from_str::<Value>(raw)
            .ok()
            .filter(Value::is_object),
    }
}

fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) | Value::Null => "a string",
        Value::Array(_) => "a JSON array",
        Value::Object(_) => "a JSON object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn defaults() -> BatchMeta {
        let Value::Object(map) =
            json!({"foo": "bar", "int": 1, "float": 0.1, "bool1": false, "bool2": true})
        else {
            unreachable!()
        };
        map
    }

    fn over(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn overrides_are_converted_to_the_default_type() {
        let meta = apply_meta_overrides(
            "declaration_task",
            &defaults(),
            &over(&[("foo", "barbaz"), ("bool1", "true"), ("bool2", "false")]),
        )
        .unwrap();
        assert_eq!(
            Value::Object(meta),
            json!({"foo": "barbaz", "int": 1, "float": 0.1, "bool1": true, "bool2": false})
        );
        let meta = apply_meta_overrides("t", &defaults(), &over(&[("int", " 7"), ("float", "2")]))
            .unwrap();
        assert_eq!(meta["int"], json!(7));
        assert_eq!(meta["float"], json!(2.0));
    }

    #[test]
    fn unknown_key_is_refused_by_name() {
        let err = apply_meta_overrides("declaration_task", &defaults(), &over(&[("newshit", "1")]))
            .unwrap_err();
        assert!(err.to_string().contains("`newshit`"), "{err}");
        assert!(err.to_string().contains("declaration_task"), "{err}");
    }

    #[test]
    fn unconvertible_values_are_refused() {
        for (key, value) in [("int", "simplywrong"), ("float", "NaN"), ("bool1", "maybe")] {
            let err = apply_meta_overrides("t", &defaults(), &over(&[(key, value)])).unwrap_err();
            assert!(err.to_string().contains(&format!("`{key}`")), "{err}");
        }
    }
}
