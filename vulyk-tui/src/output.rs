//! Writing results on stdout: tables for people, JSON for scripts. Errors (a closed pipe
//! included) are returned, never panicked on, so `vulyk batch list | head -1` ends cleanly.

use std::borrow::Cow;
use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

/// Prints a value as pretty JSON.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Prints lines of text, control characters shown escaped (see [`shown`]).
pub fn lines<I, S>(lines: I) -> anyhow::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{}", shown(line.as_ref()))?;
    }
    Ok(())
}

/// Text for a terminal: control characters other than line breaks and tabs written as
/// `\u{1b}` escapes. Names and answers come from strangers (or the original's database), and
/// an escape sequence printed raw would act on the operator's terminal: retitle it, hide
/// lines, or worse.
pub fn shown(text: &str) -> Cow<'_, str> {
    let acts = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A table with a header row, in the style all listings share.
pub fn table<H: Into<comfy_table::Row>>(header: H) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    table
}

pub fn print_table(table: &Table) -> anyhow::Result<()> {
    lines([table.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(shown("Олена\tІ\n"), "Олена\tІ\n");
        assert_eq!(
            shown("\u{1b}]0;owned\u{7}Eve\u{9b}"),
            "\\u{1b}]0;owned\\u{7}Eve\\u{9b}"
        );
    }
}
