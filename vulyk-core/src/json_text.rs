//! JSON text as the original Vulyk wrote it. The original read and wrote JSON with orjson; a
//! task's id is a hash of that text (spec 6.1), so the same input must give the same bytes here:
//! - floats in orjson's shortest round-trip form (`1e16`, `1e-7`, `0.00001`, `1.0`), which is
//!   the `ryu` crate's, where serde_json writes `1e+16`;
//! - the integer `-0` read as the integer `0` (serde_json reads it as the float `-0.0`).
//!
//! `fixtures/original-ids` holds lines with the ids orjson gave them; the test below is that table.

use std::borrow::Cow;
use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

/// serde_json's compact output with the original's floats.
#[derive(Debug, Clone, Copy, Default)]
pub struct OriginalFormatter;

impl Formatter for OriginalFormatter {
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        // serde_json writes `null` for NaN and infinities before it gets here.
        writer.write_all(ryu::Buffer::new().format(value).as_bytes())
    }

    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        writer.write_all(ryu::Buffer::new().format(value).as_bytes())
    }
}

/// Appends the compact JSON of `value` to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut Serializer::with_formatter(out, OriginalFormatter))
}

/// The compact JSON of `value`.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    write(&mut out, value)?;
    // The serializer writes valid UTF-8 only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// `text` with each integer `-0` outside strings turned into ` 0` (same length, so the columns
/// of any error stay true), because orjson reads `-0` as the integer 0 and serde_json as `-0.0`.
/// `-0.0`, `-0e1` and `1e-0` are left alone: they are floats in both.
pub fn without_negative_integer_zero(text: &[u8]) -> Cow<'_, [u8]> {
    if !text.windows(2).any(|pair| pair == b"-0") {
        return Cow::Borrowed(text);
    }
    // Copied only once a replacement is due: `-0.5` and `"-0"` are common, `-0` is not.
    let mut out = Cow::Borrowed(text);
    let mut in_string = false;
    let mut escaped = false;
    for (i, &byte) in text.iter().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
        } else if byte == b'-'
            && text.get(i + 1) == Some(&b'0')
            && !matches!(text.get(i + 2), Some(b'0'..=b'9' | b'.' | b'e' | b'E'))
            && (i == 0 || !matches!(text[i - 1], b'e' | b'E'))
        {
            out.to_mut()[i] = b' ';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{LineOutcome, parse_line};

    /// Each line of `lines.jsonl` must get the id, and the compact bytes, that orjson gave it
    /// (`expected.tsv`, written by `scripts/original-task-ids`).
    #[test]
    fn ids_are_the_originals_for_every_case_in_the_table() {
        let lines = include_str!("../../fixtures/original-ids/lines.jsonl");
        let expected = include_str!("../../fixtures/original-ids/expected.tsv");
        assert_eq!(lines.lines().count(), expected.lines().count());
        for (number, (line, row)) in lines.lines().zip(expected.lines()).enumerate() {
            let (id, compact) = row.split_once('\t').expect("id TAB compact");
            let LineOutcome::Task(task) = parse_line(line.as_bytes()) else {
                panic!("line {}: {line} is not a task", number + 1);
            };
            assert_eq!(
                (task.id.as_str(), task.data_json.as_str()),
                (id, compact),
                "line {}: {line}",
                number + 1
            );
            // A stored task written out again keeps the same text: SQLite exports the text as
            // stored; MongoDB's export writes the value read back (BSON keeps f64, i64 and
            // -0.0 as they are) through this writer.
            let value: serde_json::Value = serde_json::from_str(&task.data_json).unwrap();
            assert_eq!(to_string(&value).unwrap(), compact, "line {}", number + 1);
        }
    }

    #[test]
    fn only_integer_minus_zero_outside_strings_changes() {
        let cases = [
            (r#"{"a": -0}"#, r#"{"a":  0}"#),
            (r#"[-0,-0 ,-0]"#, r#"[ 0, 0 , 0]"#),
            (
                r#"{"a": -0.0, "b": -0e1, "c": 1e-0, "d": 1E-0, "e": -01}"#,
                r#"{"a": -0.0, "b": -0e1, "c": 1e-0, "d": 1E-0, "e": -01}"#,
            ),
            (
                r#"{"s": "-0", "t": "\"-0", "u": "\\", "v": -0}"#,
                r#"{"s": "-0", "t": "\"-0", "u": "\\", "v":  0}"#,
            ),
        ];
        for (text, want) in cases {
            let got = without_negative_integer_zero(text.as_bytes());
            assert_eq!(String::from_utf8_lossy(&got), want, "{text}");
        }
    }
}
