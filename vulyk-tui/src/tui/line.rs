//! Editing a one-line text field as a shell line is edited: a cursor that moves by character
//! and by word, and erasing before or after it. `tui-input` does the editing; the console's
//! fields stay plain strings, and this cursor follows whichever of them is being typed into.

use tui_input::{Input, InputRequest};

/// One edit of the field being typed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    Type(char),
    /// Backspace and Delete: the character before or under the cursor.
    EraseBack,
    EraseForward,
    /// Ctrl-W: back to the space before the cursor, as a shell does (a whole path).
    EraseToSpace,
    /// Alt-Backspace and Alt-D: the word before or after the cursor.
    EraseWordBack,
    EraseWordForward,
    /// Ctrl-U and Ctrl-K: everything before or after the cursor.
    EraseToStart,
    EraseToEnd,
    Left,
    Right,
    WordLeft,
    WordRight,
    Start,
    End,
}

/// Where the cursor is in the field being edited. Text changed by something else (a path
/// completion) puts the cursor at its end; the console starts a new cursor whenever another
/// field is taken up, since two fields may hold the same text.
#[derive(Debug, Clone, Default)]
pub struct LineCursor(Input);

impl PartialEq for LineCursor {
    fn eq(&self, other: &Self) -> bool {
        self.0.value() == other.0.value() && self.0.cursor() == other.0.cursor()
    }
}

impl LineCursor {
    /// Applies `edit` to `text`, the field being typed into; `true` when the text changed
    /// (not only the cursor).
    pub fn apply(&mut self, text: &mut String, edit: LineEdit) -> bool {
        self.follow(text);
        let request = match edit {
            LineEdit::Type(c) => InputRequest::InsertChar(c),
            LineEdit::EraseBack => InputRequest::DeletePrevChar,
            LineEdit::EraseForward => InputRequest::DeleteNextChar,
            LineEdit::EraseToSpace => {
                let chars: Vec<char> = self.0.value().chars().collect();
                let cursor = self.0.cursor();
                let mut start = cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                if start == cursor {
                    return false;
                }
                let kept: String = chars[..start].iter().chain(&chars[cursor..]).collect();
                text.clone_from(&kept);
                self.0 = Input::new(kept).with_cursor(start);
                return true;
            }
            LineEdit::EraseWordBack => InputRequest::DeletePrevWord,
            LineEdit::EraseWordForward => InputRequest::DeleteNextWord,
            LineEdit::EraseToStart => InputRequest::DeleteFromStart,
            LineEdit::EraseToEnd => InputRequest::DeleteTillEnd,
            LineEdit::Left => InputRequest::GoToPrevChar,
            LineEdit::Right => InputRequest::GoToNextChar,
            LineEdit::WordLeft => InputRequest::GoToPrevWord,
            LineEdit::WordRight => InputRequest::GoToNextWord,
            LineEdit::Start => InputRequest::GoToStart,
            LineEdit::End => InputRequest::GoToEnd,
        };
        let changed = self.0.handle(request).is_some_and(|changed| changed.value);
        if changed {
            text.clear();
            text.push_str(self.0.value());
        }
        changed
    }

    /// The cursor's place in `text`, in characters.
    pub fn cursor_in(&self, text: &str) -> usize {
        if self.0.value() == text {
            self.0.cursor()
        } else {
            text.chars().count()
        }
    }

    fn follow(&mut self, text: &str) {
        if self.0.value() != text {
            self.0 = Input::new(text.to_string());
        }
    }
}

/// `text` with the cursor drawn before its `cursor`th character.
pub fn with_cursor(text: &str, cursor: usize) -> String {
    let split = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i);
    format!("{}▏{}", &text[..split], &text[split..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(start: &str, edits: &[LineEdit]) -> (String, usize) {
        let mut cursor = LineCursor::default();
        let mut text = start.to_string();
        for edit in edits {
            cursor.apply(&mut text, *edit);
        }
        let at = cursor.cursor_in(&text);
        (text, at)
    }

    #[test]
    fn the_cursor_moves_and_typing_goes_where_it_is() {
        use LineEdit::*;
        assert_eq!(
            edited("tasks/part-1", &[Start, Type('.'), Type('/')]),
            ("./tasks/part-1".into(), 2)
        );
        assert_eq!(
            edited("first batch", &[WordLeft, Left, Type('_'), EraseForward]),
            ("first_batch".into(), 6)
        );
        assert_eq!(
            edited("a b c", &[Start, WordRight, End, Left]),
            ("a b c".into(), 4)
        );
    }

    #[test]
    fn erasing_goes_before_or_after_the_cursor_as_in_a_shell() {
        use LineEdit::*;
        assert_eq!(
            edited("first batch", &[EraseWordBack]),
            ("first ".into(), 6)
        );
        // Ctrl-W takes a whole path, as a shell does; Alt-Backspace one word of it.
        assert_eq!(
            edited("add tasks/part-1.jsonl  ", &[EraseToSpace]),
            ("add ".into(), 4)
        );
        assert_eq!(
            edited("a tasks/part-1.jsonl", &[WordLeft, Left, EraseToSpace]),
            ("a .jsonl".into(), 2)
        );
        assert_eq!(
            edited("tasks/part-1.jsonl", &[EraseWordBack]),
            ("tasks/part-1.".into(), 13)
        );
        assert_eq!(edited("  ", &[Start, EraseToSpace]), ("  ".into(), 0));
        assert_eq!(
            edited("first batch", &[WordLeft, EraseToStart]),
            ("batch".into(), 0)
        );
        assert_eq!(
            edited("first batch", &[WordLeft, EraseToEnd]),
            ("first ".into(), 6)
        );
        assert_eq!(
            edited("first batch", &[Start, EraseWordForward]),
            ("batch".into(), 0)
        );
        assert_eq!(edited("", &[EraseBack, EraseToStart]), ("".into(), 0));
    }

    #[test]
    fn a_field_changed_elsewhere_puts_the_cursor_at_its_end() {
        let mut cursor = LineCursor::default();
        let mut text = "tasks".to_string();
        cursor.apply(&mut text, LineEdit::Start);
        assert_eq!(cursor.cursor_in(&text), 0);
        text.push_str("/part-1.jsonl");
        assert_eq!(cursor.cursor_in(&text), text.chars().count());
        cursor.apply(&mut text, LineEdit::Type('!'));
        assert_eq!(text, "tasks/part-1.jsonl!");
    }

    #[test]
    fn the_cursor_is_drawn_between_characters() {
        assert_eq!(with_cursor("Київ", 2), "Ки▏їв");
        assert_eq!(with_cursor("Київ", 4), "Київ▏");
        assert_eq!(with_cursor("", 0), "▏");
    }
}
