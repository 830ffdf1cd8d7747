//! The rule and fund forms drawn, with each problem under its field.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Editor, Kind};
use crate::tui::layout::centered;
use crate::tui::line::{LineCursor, with_cursor};
use crate::tui::theme::Theme;

/// The form's width, and where its values start.
const WIDTH: usize = 72;
const INDENT: usize = 17;
const COMPLETIONS_SHOWN: usize = 5;

/// `text` in lines of at most `width` characters, broken between words where it can be.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        while !word.is_empty() {
            let used = line.chars().count();
            let room = width.saturating_sub(used + usize::from(used > 0));
            if word.chars().count() <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(&word);
                word.clear();
            } else if used > 0 {
                lines.push(std::mem::take(&mut line));
            } else {
                // A word longer than a line (a path) is cut where the line ends.
                let cut = word
                    .char_indices()
                    .nth(width)
                    .map_or(word.len(), |(i, _)| i);
                lines.push(word[..cut].to_string());
                word = word[cut..].to_string();
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn draw(editor: &Editor, cursor: &LineCursor, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = Vec::new();
    if let Some(problem) = &editor.problem {
        for part in wrapped(problem, WIDTH - 2) {
            lines.push(Line::styled(part, theme.warn()));
        }
    }
    for (index, field) in editor.fields.iter().enumerate() {
        let focused = index == editor.focus;
        let label_style = if focused {
            theme.selected_row()
        } else {
            theme.header()
        };
        let value = match field.kind {
            Kind::Flag => format!("[{}]", if field.value == "yes" { "x" } else { " " }),
            _ if focused && editor.editing => {
                with_cursor(&field.value, cursor.cursor_in(&field.value))
            }
            _ => field.value.clone(),
        };
        let value_style = if focused && editor.editing {
            theme.accent()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<16}", field.label), label_style),
            Span::raw(" "),
            Span::styled(value, value_style),
        ]));
        // Under the value, as wide as it: a problem, whole however long, or the names a Tab
        // found.
        if let Some(problem) = &field.problem {
            for part in wrapped(problem, WIDTH - 2 - INDENT) {
                lines.push(Line::styled(format!("{:INDENT$}{part}", ""), theme.warn()));
            }
        }
        if focused {
            for name in editor.completions.iter().take(COMPLETIONS_SHOWN) {
                lines.push(Line::styled(format!("{:INDENT$}{name}", ""), theme.dim()));
            }
            if editor.completions.len() > COMPLETIONS_SHOWN {
                let more = editor.completions.len() - COMPLETIONS_SHOWN;
                lines.push(Line::styled(
                    format!("{:INDENT$}… {more} more", ""),
                    theme.dim(),
                ));
            }
        }
    }
    let height = lines.len() as u16 + 2;
    let popup = centered(area, WIDTH as u16, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(format!(" {} ", editor.title()))
        .title_bottom(
            Line::from(" Enter edits or flips · Ctrl-S saves · Esc closes ").right_aligned(),
        )
        .border_style(theme.accent());
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

#[cfg(test)]
mod tests {
    use super::wrapped;

    #[test]
    fn long_problems_are_wrapped_not_cut() {
        assert_eq!(
            wrapped("logo: no such file or folder", 12),
            ["logo: no", "such file or", "folder"]
        );
        assert_eq!(
            wrapped("/a/very/long/path.png is missing", 10),
            ["/a/very/lo", "ng/path.pn", "g is", "missing"]
        );
        assert_eq!(wrapped("", 10), [""]);
    }
}
