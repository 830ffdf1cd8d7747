//! How exported tasks are written: the original's JSON lines (spec 7.5) or CSV.

use std::collections::HashSet;

use chrono::{DateTime, SecondsFormat, Utc};

use super::Aggregate;
use super::majority::{Majority, majority};
use crate::quality::Consensus;
use crate::store::{ExportedSession, ExportedTask};

/// What goes into each line or row besides the answers themselves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub sessions: bool,
    pub aggregate: Option<Aggregate>,
    /// The fitted model, with `Aggregate::DawidSkene`.
    pub consensus: Option<&'a Consensus>,
    /// For a type with a minimum accuracy on gold: the volunteers below it, whose answers
    /// are marked and left out of the consensus. `None` for a type without one.
    pub excluded: Option<&'a HashSet<String>>,
}

impl Extras<'_> {
    fn majority(&self) -> bool {
        self.aggregate.is_some()
    }

    fn is_excluded(&self, username: &str) -> bool {
        self.excluded.is_some_and(|set| set.contains(username))
    }

    fn left_out(&self) -> &HashSet<String> {
        static NOBODY: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        self.excluded
            .unwrap_or_else(|| NOBODY.get_or_init(HashSet::new))
    }
}

/// Appends `text` as a JSON string, escaped.
fn push_json_string(out: &mut Vec<u8>, text: &str) {
    // Writing into a Vec cannot fail, and a &str always serialises.
    let _ = serde_json::to_writer(out, text);
}

/// The original's naive-UTC ISO form: `2024-01-01T10:00:00`, microseconds only when present.
pub fn iso_naive(time: DateTime<Utc>) -> String {
    if time.timestamp_subsec_micros() == 0 {
        time.format("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        time.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
    }
}

fn duration(session: &ExportedSession) -> Option<i64> {
    session.end.map(|end| (end - session.start).num_seconds())
}

fn session_json(session: &ExportedSession) -> String {
    let or_null = |v: Option<String>| v.unwrap_or_else(|| "null".into());
    format!(
        r#"{{"start_time":"{}","end_time":{},"duration":{},"activity":{}}}"#,
        iso_naive(session.start),
        or_null(session.end.map(|t| format!("\"{}\"", iso_naive(t)))),
        or_null(duration(session).map(|d| d.to_string())),
        session.activity
    )
}

/// One JSON line: the array of the task's answers, each with the task and its author
/// (spec 7.5); with `aggregate`, an object `{"answers": [...], "majority": {...}}`, and with a
/// consensus also `"dawid_skene": {"label": …, "probability": …}` (an array of them per item
/// when the task type labels items).
pub fn jsonl(task: &ExportedTask, extras: &Extras, out: &mut Vec<u8>) {
    // The task's part is the same in each of its answers: rendered once.
    let mut task_json = Vec::with_capacity(task.data_json.len() + 64);
    task_json.extend_from_slice(b"{\"id\":");
    push_json_string(&mut task_json, task.id.as_str());
    task_json.extend_from_slice(if task.closed {
        b",\"closed\":true,\"data\":"
    } else {
        b",\"closed\":false,\"data\":"
    });
    task_json.extend_from_slice(task.data_json.as_bytes());
    task_json.push(b'}');
    if extras.majority() {
        out.extend_from_slice(b"{\"answers\":");
    }
    out.push(b'[');
    for (i, answer) in task.answers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"task\":");
        out.extend_from_slice(&task_json);
        out.extend_from_slice(b",\"answer\":");
        out.extend_from_slice(answer.result_json.as_bytes());
        out.extend_from_slice(b",\"user\":{\"username\":");
        push_json_string(out, &answer.author.username);
        out.extend_from_slice(b",\"email\":");
        push_json_string(out, &answer.author.email);
        out.push(b'}');
        if extras.is_excluded(&answer.author.username) {
            out.extend_from_slice(b",\"excluded\":true");
        }
        if extras.sessions
            && let Some(session) = &answer.session
        {
            out.extend_from_slice(b",\"session\":");
            out.extend_from_slice(session_json(session).as_bytes());
        }
        out.push(b'}');
    }
    out.push(b']');
    if extras.majority() {
        out.extend_from_slice(b",\"majority\":");
        match majority(task, extras.left_out()) {
            Some(Majority {
                answer_json,
                votes,
                share,
            }) => out.extend_from_slice(
                format!(r#"{{"answer":{answer_json},"votes":{votes},"share":{share:.4}}}"#)
                    .as_bytes(),
            ),
            None => out.extend_from_slice(b"null"),
        }
        if let Some(consensus) = extras.consensus {
            out.extend_from_slice(b",\"dawid_skene\":");
            out.extend_from_slice(consensus.json_of_task(task).as_bytes());
        }
        out.push(b'}');
    }
    out.push(b'\n');
}

/// A CSV writer as exports use it: RFC 4180 quoting, only where a field needs it, and `\n`
/// between records.
pub fn csv_writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

pub fn csv_header<W: std::io::Write>(extras: &Extras, out: &mut csv::Writer<W>) -> csv::Result<()> {
    let mut columns = vec![
        "task_id",
        "batch",
        "task_closed",
        "username",
        "email",
        "created_at",
        "answer",
    ];
    if extras.sessions {
        columns.extend(["start_time", "end_time", "duration", "activity"]);
    }
    if extras.majority() {
        columns.extend(["majority", "agreement"]);
    }
    if extras.consensus.is_some() {
        columns.push("dawid_skene");
    }
    if extras.excluded.is_some() {
        columns.push("excluded");
    }
    out.write_record(columns)
}

/// One row per answer (a task without answers has none).
pub fn csv_rows<W: std::io::Write>(
    task: &ExportedTask,
    extras: &Extras,
    out: &mut csv::Writer<W>,
) -> csv::Result<()> {
    let majority = if extras.majority() {
        majority(task, extras.left_out())
    } else {
        None
    };
    let dawid_skene = extras.consensus.map(|c| c.json_of_task(task));
    for answer in &task.answers {
        let mut fields = vec![
            as_text(task.id.to_string()),
            as_text(task.batch.clone().unwrap_or_default()),
            task.closed.to_string(),
            as_text(answer.author.username.clone()),
            as_text(answer.author.email.clone()),
            answer
                .created_at
                .to_rfc3339_opts(SecondsFormat::AutoSi, true),
            answer.result_json.clone(),
        ];
        if extras.sessions {
            match &answer.session {
                Some(s) => fields.extend([
                    iso_naive(s.start),
                    s.end.map(iso_naive).unwrap_or_default(),
                    duration(s).map(|d| d.to_string()).unwrap_or_default(),
                    s.activity.to_string(),
                ]),
                None => fields.extend([String::new(), String::new(), String::new(), String::new()]),
            }
        }
        if extras.majority() {
            match &majority {
                Some(m) => fields.extend([m.answer_json.clone(), format!("{:.4}", m.share)]),
                None => fields.extend([String::new(), String::new()]),
            }
        }
        if let Some(dawid_skene) = &dawid_skene {
            fields.push(dawid_skene.clone());
        }
        if extras.excluded.is_some() {
            fields.push(extras.is_excluded(&answer.author.username).to_string());
        }
        out.write_record(&fields)?;
    }
    Ok(())
}

/// A cell of text from outside (a volunteer's username or e-mail address, a task id or batch
/// name from an input file) that a spreadsheet would run as a formula, made to read as text
/// by a leading `'` (OWASP's advice against CSV injection). The answer columns are JSON,
/// which never starts so, except a negative number, which is left as it is.
fn as_text(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let mut out = csv_writer(Vec::new());
        out.write_record(["plain", r#"{"a":1,"b":"x"}"#, "two\nlines", "a,b"])
            .unwrap();
        let written = String::from_utf8(out.into_inner().unwrap()).unwrap();
        assert_eq!(
            written,
            "plain,\"{\"\"a\"\":1,\"\"b\"\":\"\"x\"\"}\",\"two\nlines\",\"a,b\"\n"
        );
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_marked_as_text() {
        for (cell, shown) in [
            ("=1+1", "'=1+1"),
            ("+380", "'+380"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("ann@example.org", "ann@example.org"),
            ("", ""),
        ] {
            assert_eq!(as_text(cell.to_string()), shown);
        }
    }

    #[test]
    fn times_are_naive_iso_like_the_original() {
        let t = DateTime::from_timestamp(1_704_103_200, 0).unwrap();
        assert_eq!(iso_naive(t), "2024-01-01T10:00:00");
        let t = DateTime::from_timestamp(1_704_103_200, 5_000_000).unwrap();
        assert_eq!(iso_naive(t), "2024-01-01T10:00:00.005000");
    }
}
