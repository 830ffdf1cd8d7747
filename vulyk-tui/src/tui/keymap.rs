//! Keys and clicks to actions. How a key is read depends on the focus (`App::focus`): a
//! dialog's own keys, a text field's, or the one table in `bindings.rs` that the footer and
//! the `?` overlay are also made from, so they never disagree with what the keys do. Clicks
//! are placed by `layout.rs`, as the screens are drawn.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::bindings::{self, Scope};
use super::command::Command;
use super::focus::Focus;
use super::layout;
use super::line::LineEdit;

/// The action for a terminal event in the current state, if any.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Mouse(mouse) => mouse_action(app, mouse),
        _ => None,
    }
}

/// What every text field does with a key, as a shell line does (readline's keys): characters
/// type at the cursor; Left/Right, Ctrl-B/F, Alt-B/F (Ctrl-Left/Right), Home/End and Ctrl-A/E
/// move it; Backspace, Delete (Ctrl-D), Ctrl-W (back to a space), Alt-Backspace and Alt-D (a
/// word), Ctrl-U and Ctrl-K erase; Enter and Esc end the editing. Other chords with Ctrl or Alt type nothing.
fn text_entry(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let edit = match key.code {
        KeyCode::Char('a') if ctrl => LineEdit::Start,
        KeyCode::Char('e') if ctrl => LineEdit::End,
        KeyCode::Char('b') if ctrl => LineEdit::Left,
        KeyCode::Char('f') if ctrl => LineEdit::Right,
        KeyCode::Char('d') if ctrl => LineEdit::EraseForward,
        KeyCode::Char('w') if ctrl => LineEdit::EraseToSpace,
        KeyCode::Char('u') if ctrl => LineEdit::EraseToStart,
        KeyCode::Char('k') if ctrl => LineEdit::EraseToEnd,
        KeyCode::Char('b') if alt => LineEdit::WordLeft,
        KeyCode::Char('f') if alt => LineEdit::WordRight,
        KeyCode::Char('d') if alt => LineEdit::EraseWordForward,
        KeyCode::Char(_) if ctrl || alt => return None,
        KeyCode::Char(c) => LineEdit::Type(c),
        KeyCode::Backspace if ctrl || alt => LineEdit::EraseWordBack,
        KeyCode::Backspace => LineEdit::EraseBack,
        KeyCode::Delete => LineEdit::EraseForward,
        KeyCode::Left if ctrl || alt => LineEdit::WordLeft,
        KeyCode::Right if ctrl || alt => LineEdit::WordRight,
        KeyCode::Left => LineEdit::Left,
        KeyCode::Right => LineEdit::Right,
        KeyCode::Home => LineEdit::Start,
        KeyCode::End => LineEdit::End,
        KeyCode::Enter => return Some(Action::Command(Command::Open)),
        KeyCode::Esc => return Some(Action::Command(Command::Back)),
        _ => return None,
    };
    Some(Action::Edit(edit))
}

/// A key, read as the focus says: the dialog on top, a field being typed, or the key table.
fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Command(Command::Quit));
    }
    match app.focus() {
        // "Any key closes": the help, the simulator's answer and a confusion matrix take every
        // key, bound or not.
        Focus::Dismiss => {
            let command = if key.code == KeyCode::Char('q') {
                Command::Quit
            } else {
                Command::Back
            };
            Some(Action::Command(command))
        }
        Focus::Confirm => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Confirm(true)),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(Action::Confirm(false)),
            _ => None,
        },
        Focus::Form { editing, .. } => match bindings::command_for(Scope::Form, key) {
            Some(command) => Some(Action::Command(command)),
            None if editing => path_entry(key),
            None => table_key(key),
        },
        Focus::LoadField(_) => path_entry(key),
        Focus::Question => text_entry(key),
        Focus::Filter => match key.code {
            KeyCode::Down => Some(Action::Command(Command::Down)),
            KeyCode::Up => Some(Action::Command(Command::Up)),
            _ => text_entry(key),
        },
        Focus::Screen => table_key(key),
    }
}

/// A field that may name a file: Tab completes the path, other keys edit as in any field.
fn path_entry(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Tab => Some(Action::CompletePath),
        _ => text_entry(key),
    }
}

/// A key by the screens' key table; the digits pick a screen.
fn table_key(key: &KeyEvent) -> Option<Action> {
    if let KeyCode::Char(c @ '1'..='9') = key.code {
        return Some(Action::Command(Command::Tab(c as usize - '1' as usize)));
    }
    bindings::command_for(Scope::Screens, key).map(Action::Command)
}

fn mouse_action(app: &App, mouse: &MouseEvent) -> Option<Action> {
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Command(Command::Down)),
        MouseEventKind::ScrollUp => Some(Action::Command(Command::Up)),
        MouseEventKind::Down(MouseButton::Left) if mouse.row == 0 => {
            layout::tab_at(mouse.column).map(Action::ClickTab)
        }
        MouseEventKind::Down(MouseButton::Left) => {
            let (width, height) = ratatui::crossterm::terminal::size()
                .unwrap_or((layout::MIN_WIDTH, layout::MIN_HEIGHT));
            let [_, body, _] = layout::frame(Rect::new(0, 0, width, height));
            let first = app.screen().list_top(body)?;
            let row = mouse.row.checked_sub(first)?;
            Some(Action::ClickRow(usize::from(row)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyEventState, MouseEvent};

    use super::*;
    use crate::tui::bindings::{BINDINGS, footer};
    use crate::tui::fixture;
    use crate::tui::focus::Tab;

    /// An app after `commands`.
    fn after(mut app: App, commands: &[Command]) -> App {
        for command in commands {
            app.update(Action::Command(*command));
        }
        app
    }

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn keys_follow_the_table() {
        let app = App::default();
        let form = after(fixture::app(), &[Command::Tab(4), Command::New]);
        // A form's chords work while a field is typed into, too.
        let typing = after(
            fixture::app(),
            &[Command::Tab(4), Command::New, Command::Open],
        );
        for binding in BINDINGS.iter().filter(|b| b.scope == Scope::Form) {
            for code in binding.codes {
                let chord = Event::Key(KeyEvent::new(*code, KeyModifiers::CONTROL));
                for app in [&form, &typing] {
                    assert_eq!(
                        action_for(app, &chord),
                        Some(Action::Command(binding.command)),
                        "{}",
                        binding.keys
                    );
                }
            }
        }
        for binding in BINDINGS.iter().filter(|b| b.scope == Scope::Screens) {
            for code in binding.codes {
                assert_eq!(
                    action_for(&app, &key(*code)),
                    Some(Action::Command(binding.command)),
                    "{}",
                    binding.keys
                );
            }
        }
        assert_eq!(
            action_for(&app, &key(KeyCode::Char('2'))),
            Some(Action::Command(Command::Tab(1)))
        );
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(
            action_for(&app, &ctrl_c),
            Some(Action::Command(Command::Quit))
        );
        assert_eq!(action_for(&app, &key(KeyCode::Char('x'))), None);
        assert_eq!(BINDINGS[0].keys, format!("1-{}", Tab::ALL.len()));
        let footer: Vec<_> = footer().into_iter().map(|(keys, _)| keys).collect();
        assert!(footer.contains(&"q") && footer.contains(&"?"), "{footer:?}");
    }

    #[test]
    fn any_key_closes_the_help_and_the_simulator() {
        let helping = after(App::default(), &[Command::Help]);
        assert_eq!(
            action_for(&helping, &key(KeyCode::Char('x'))),
            Some(Action::Command(Command::Back))
        );
        assert_eq!(
            action_for(&helping, &key(KeyCode::Char('q'))),
            Some(Action::Command(Command::Quit))
        );
        let mut simulating = App::default();
        simulating.update(Action::Simulated(Box::new(
            crate::tui::modals::simulation::Simulation {
                rule: "r".into(),
                limit: 1,
                holders: Vec::new(),
            },
        )));
        assert_eq!(
            action_for(&simulating, &key(KeyCode::F(5))),
            Some(Action::Command(Command::Back))
        );
    }

    #[test]
    fn typing_a_filter_or_answering_a_question_takes_the_keys() {
        let filtering = after(App::default(), &[Command::Tab(1), Command::Filter]);
        assert_eq!(
            action_for(&filtering, &key(KeyCode::Char('q'))),
            Some(Action::Edit(LineEdit::Type('q')))
        );
        assert_eq!(
            action_for(&filtering, &key(KeyCode::Backspace)),
            Some(Action::Edit(LineEdit::EraseBack))
        );
        // Shell-line chords edit; other chords type nothing.
        let chord = |c: char, modifiers: KeyModifiers| {
            Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers))
        };
        assert_eq!(
            action_for(&filtering, &chord('w', KeyModifiers::CONTROL)),
            Some(Action::Edit(LineEdit::EraseToSpace))
        );
        assert_eq!(
            action_for(&filtering, &chord('u', KeyModifiers::CONTROL)),
            Some(Action::Edit(LineEdit::EraseToStart))
        );
        for (c, modifiers, edit) in [
            ('a', KeyModifiers::CONTROL, LineEdit::Start),
            ('e', KeyModifiers::CONTROL, LineEdit::End),
            ('k', KeyModifiers::CONTROL, LineEdit::EraseToEnd),
            ('b', KeyModifiers::ALT, LineEdit::WordLeft),
            ('f', KeyModifiers::ALT, LineEdit::WordRight),
        ] {
            assert_eq!(
                action_for(&filtering, &chord(c, modifiers)),
                Some(Action::Edit(edit))
            );
        }
        for (code, edit) in [
            (KeyCode::Home, LineEdit::Start),
            (KeyCode::End, LineEdit::End),
            (KeyCode::Left, LineEdit::Left),
            (KeyCode::Delete, LineEdit::EraseForward),
        ] {
            assert_eq!(action_for(&filtering, &key(code)), Some(Action::Edit(edit)));
        }
        for c in ['x', 'q', 'l'] {
            assert_eq!(
                action_for(&filtering, &chord(c, KeyModifiers::CONTROL)),
                None
            );
        }
        assert_eq!(action_for(&filtering, &chord('z', KeyModifiers::ALT)), None);
        // Deleting the first batch asks first.
        let asking = after(fixture::app(), &[Command::Tab(1), Command::Delete]);
        assert_eq!(asking.focus(), Focus::Confirm);
        assert_eq!(
            action_for(&asking, &key(KeyCode::Char('y'))),
            Some(Action::Confirm(true))
        );
        assert_eq!(
            action_for(&asking, &key(KeyCode::Esc)),
            Some(Action::Confirm(false))
        );
        assert_eq!(
            action_for(&asking, &key(KeyCode::Char('q'))),
            None,
            "q does not quit mid-question"
        );
    }

    #[test]
    fn clicks_pick_tabs_and_rows() {
        let click = |column, row| {
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        };
        let app = App::default();
        assert_eq!(action_for(&app, &click(2, 0)), Some(Action::ClickTab(0)));
        // " 1 Dashboard " is 13 wide, then a space, then " 2 Batches ".
        assert_eq!(action_for(&app, &click(15, 0)), Some(Action::ClickTab(1)));
        assert_eq!(
            action_for(&app, &click(13, 0)),
            None,
            "the gap between titles"
        );
        let batches = after(App::default(), &[Command::Tab(1)]);
        assert_eq!(
            action_for(&batches, &click(5, 3)),
            Some(Action::ClickRow(0))
        );
        assert_eq!(
            action_for(&batches, &click(5, 5)),
            Some(Action::ClickRow(2))
        );
        assert_eq!(action_for(&batches, &click(5, 2)), None, "the header");
    }

    #[test]
    fn every_command_has_a_key() {
        // Tab(n) has the digits, listed as "1-N".
        assert_eq!(BINDINGS[0].keys, format!("1-{}", Tab::ALL.len()));
        let every = [
            Command::Quit,
            Command::Help,
            Command::NextTab,
            Command::PrevTab,
            Command::Up,
            Command::Down,
            Command::Top,
            Command::Bottom,
            Command::Open,
            Command::Back,
            Command::Filter,
            Command::Sort,
            Command::NextType,
            Command::PrevType,
            Command::Delete,
            Command::Refresh,
            Command::Cancel,
            Command::Export,
            Command::Simulate,
            Command::Save,
            Command::New,
            Command::NewSecondary,
            Command::AddToGroup,
            Command::RemoveFromGroup,
            Command::GroupTypes,
            Command::ToggleAdmin,
            Command::SetPassword,
        ];
        for command in every {
            assert!(
                BINDINGS
                    .iter()
                    .any(|b| b.command == command && !b.codes.is_empty()),
                "no key for {command:?}"
            );
        }
    }
}
