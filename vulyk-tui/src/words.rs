//! What the commands and the console both say, and read, in words: counts with their nouns,
//! measures to three places, a rule in a sentence, and `KEY=VALUE` pairs. A leaf both front
//! ends use, so that neither reaches into the other.

use vulyk_core::gamification::Rule;

/// "1 batch", "2 batches".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A measure to three places (agreement, accuracy), or `–` where it is undefined.
pub fn three_places(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.3}"),
        _ => "–".to_string(),
    }
}

/// What a rule counts, in words.
pub fn describes(rule: &Rule) -> String {
    let scope = match &rule.task_type {
        Some(t) => format!(" of {t}"),
        None => String::new(),
    };
    let weekend = if rule.is_weekend { " on weekends" } else { "" };
    let (tasks, days) = (rule.tasks_number, rule.days_number);
    match (tasks, days, rule.is_weekend, rule.is_adjacent) {
        (n, 0, _, _) => format!("{}{scope}{weekend}", counted(n as usize, "task", "tasks")),
        (n, d, _, _) if n > 0 => {
            format!(
                "{}{scope}{weekend} within {}",
                counted(n as usize, "task", "tasks"),
                counted(d as usize, "day", "days")
            )
        }
        (_, d, true, true) => format!(
            "{} in a row{scope}",
            counted(d as usize, "weekend", "weekends")
        ),
        (_, d, true, false) => format!("{}{scope}", counted(d as usize, "weekend", "weekends")),
        (_, d, false, true) => format!("{} in a row{scope}", counted(d as usize, "day", "days")),
        (_, d, false, false) => format!("{}{scope}", counted(d as usize, "day", "days")),
    }
}

/// `KEY=VALUE` as `--meta` takes it (the console's Load screen reads its meta the same way).
pub fn parse_key_value(raw: &str) -> Result<(String, String), String> {
    match raw.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_string(), value.to_string()))
        }
        _ => Err(format!("`{raw}` is not KEY=VALUE")),
    }
}
