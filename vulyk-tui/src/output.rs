//! Writing results on stdout: tables for people, JSON for scripts. Errors (a closed pipe
//! included) are returned, never panicked on, so `vulyk batch list | head -1` ends cleanly.

use std::borrow::Cow;
use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use vulyk_core::domain::acts_on_text;

/// Prints a value as pretty JSON. serde_json escapes the C0 control characters; DEL and the
/// C1 ones (U+0080–U+009F, among them a one-character CSI) are escaped here too, which JSON
/// allows anywhere they can be: inside strings.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", json_escaped(&text))?;
    Ok(())
}

fn json_escaped(text: &str) -> Cow<'_, str> {
    let acts = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !text.contains(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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

/// Text for a terminal: control characters other than line breaks and tabs, and the
/// characters that reorder or break text ([`acts_on_text`]), written as
/// `\u{1b}` escapes. Names and answers come from strangers (or the original's database), and
/// an escape sequence printed raw would act on the operator's terminal: retitle it, hide
/// lines, or worse.
pub fn shown(text: &str) -> Cow<'_, str> {
    let acts = |c: char| acts_on_text(c) && c != '\n' && c != '\t';
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
    fn json_escapes_the_c1_controls_and_stays_the_same_json() {
        let value = serde_json::json!({"name": "Eve\u{9b}31m\u{7f}\u{1b}"});
        let text = serde_json::to_string(&value).unwrap();
        let escaped = json_escaped(&text);
        assert!(
            !escaped.contains(['\u{9b}', '\u{7f}', '\u{1b}']),
            "{escaped}"
        );
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(shown("Олена\tІ\n"), "Олена\tІ\n");
        assert_eq!(
            shown("\u{1b}]0;owned\u{7}Eve\u{9b}"),
            "\\u{1b}]0;owned\\u{7}Eve\\u{9b}"
        );
        assert_eq!(shown("Al\u{202e}ice"), "Al\\u{202e}ice");
    }
}
