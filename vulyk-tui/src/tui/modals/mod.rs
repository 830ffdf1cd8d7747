//! The dialogs over the screens: the help, a yes-or-no question, a one-line question, a rule's
//! or fund's form, the simulator's answer, a volunteer's confusion matrix. Each is a module
//! with its state, what it does with a command and its drawing; [`Modals`] keeps the open
//! ones, the last on top: it takes the keys and is drawn last.

pub mod confirm;
pub mod confusion;
pub mod editor;
pub mod help;
pub mod prompt;
pub mod simulation;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::command::Command;
use super::effect::Effect;
use super::focus::Focus;
use super::line::LineCursor;
use super::theme::Theme;
use confirm::Confirm;
use confusion::Confusion;
use editor::Editor;
use prompt::Prompt;
use simulation::Simulation;

/// What a screen or a dialog asks of the console for a command, besides its own change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reply {
    pub effects: Vec<Effect>,
    /// A dialog to open on top.
    pub open: Option<Modal>,
    /// What the status line says.
    pub status: Option<String>,
}

impl Reply {
    pub fn effects(effects: Vec<Effect>) -> Reply {
        Reply {
            effects,
            ..Reply::default()
        }
    }

    pub fn open(modal: Modal) -> Reply {
        Reply {
            open: Some(modal),
            ..Reply::default()
        }
    }

    pub fn status(status: impl Into<String>) -> Reply {
        Reply {
            status: Some(status.into()),
            ..Reply::default()
        }
    }
}

/// What a dialog did with a command.
#[derive(Debug)]
pub enum Handled {
    /// Not its command: the one beneath (or the screen) has it.
    Pass,
    /// Done with it; the dialog stays open.
    Stay(Reply),
    /// Done with it, and with the dialog.
    Close(Reply),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Help,
    Confirm(Confirm),
    Question(Prompt),
    Form(Editor),
    Simulation(Simulation),
    Confusion(Confusion),
}

impl Modal {
    pub fn focus(&self) -> Focus {
        match self {
            Modal::Help | Modal::Simulation(_) | Modal::Confusion(_) => Focus::Dismiss,
            Modal::Confirm(_) => Focus::Confirm,
            Modal::Question(_) => Focus::Question,
            Modal::Form(editor) => Focus::Form {
                field: editor.focus,
                editing: editor.editing,
            },
        }
    }

    fn command(&mut self, command: Command) -> Handled {
        match self {
            // Any key closes them; `q` still quits (by whatever is beneath).
            Modal::Help | Modal::Simulation(_) | Modal::Confusion(_)
                if command == Command::Quit =>
            {
                Handled::Pass
            }
            Modal::Help | Modal::Simulation(_) | Modal::Confusion(_) => {
                Handled::Close(Reply::default())
            }
            // Answered by y or n (`Action::Confirm`); a click goes on to what is beneath.
            Modal::Confirm(_) => Handled::Pass,
            Modal::Question(prompt) => prompt.command(command),
            Modal::Form(editor) => editor.command(command),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
        match self {
            Modal::Help => help::draw(frame, area, theme),
            Modal::Confirm(confirm) => confirm.draw(frame, area, theme),
            Modal::Question(prompt) => prompt.draw(frame, area, cursor, theme),
            Modal::Form(editor) => editor::view::draw(editor, cursor, frame, area, theme),
            Modal::Simulation(simulation) => simulation.draw(frame, area, theme),
            Modal::Confusion(confusion) => confusion.draw(frame, area, theme),
        }
    }
}

/// The open dialogs, the last on top.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Modals(Vec<Modal>);

impl Modals {
    pub fn open(&mut self, modal: Modal) {
        // One yes-or-no question at a time: a new one replaces the one asked (Ctrl-C while
        // "drop the changes?" is asked asks it again, with the quit).
        if matches!(modal, Modal::Confirm(_)) {
            self.0.retain(|open| !matches!(open, Modal::Confirm(_)));
        }
        self.0.push(modal);
    }

    /// What takes the keys in each dialog, the top one first.
    pub fn focus_top_down(&self) -> impl Iterator<Item = Focus> + '_ {
        self.0.iter().rev().map(Modal::focus)
    }

    /// A command for the dialogs, the top one first; `None` when all of them pass it on.
    pub fn command(&mut self, command: Command) -> Option<Reply> {
        for at in (0..self.0.len()).rev() {
            match self.0[at].command(command) {
                Handled::Pass => {}
                Handled::Stay(reply) => return Some(reply),
                Handled::Close(reply) => {
                    self.0.remove(at);
                    return Some(reply);
                }
            }
        }
        None
    }

    /// The operator's answer to the yes-or-no question.
    pub fn answer(&mut self, yes: bool) -> Reply {
        let asked = self
            .0
            .iter()
            .rposition(|m| matches!(m, Modal::Confirm(_)))
            .map(|at| self.0.remove(at));
        match (asked, yes) {
            (Some(Modal::Confirm(Confirm::DropChanges { then_quit })), true) => {
                self.close_form();
                if then_quit {
                    return Reply::effects(vec![Effect::Quit]);
                }
                Reply::default()
            }
            (Some(Modal::Confirm(Confirm::DropChanges { .. })), false) => Reply::default(),
            (Some(Modal::Confirm(confirm)), true) => confirm.carried_out(),
            _ => Reply::status("Nothing deleted"),
        }
    }

    pub fn form(&self) -> Option<&Editor> {
        self.0.iter().rev().find_map(|m| match m {
            Modal::Form(editor) => Some(editor),
            _ => None,
        })
    }

    pub fn form_mut(&mut self) -> Option<&mut Editor> {
        self.0.iter_mut().rev().find_map(|m| match m {
            Modal::Form(editor) => Some(editor),
            _ => None,
        })
    }

    /// The form is saved or its changes dropped.
    pub fn close_form(&mut self) {
        self.0.retain(|m| !matches!(m, Modal::Form(_)));
    }

    pub fn question(&self) -> Option<&Prompt> {
        self.0.iter().rev().find_map(|m| match m {
            Modal::Question(prompt) => Some(prompt),
            _ => None,
        })
    }

    pub fn question_mut(&mut self) -> Option<&mut Prompt> {
        self.0.iter_mut().rev().find_map(|m| match m {
            Modal::Question(prompt) => Some(prompt),
            _ => None,
        })
    }

    pub fn confirm(&self) -> Option<&Confirm> {
        self.0.iter().rev().find_map(|m| match m {
            Modal::Confirm(confirm) => Some(confirm),
            _ => None,
        })
    }

    pub fn confusion(&self) -> Option<&Confusion> {
        self.0.iter().rev().find_map(|m| match m {
            Modal::Confusion(confusion) => Some(confusion),
            _ => None,
        })
    }

    pub fn help(&self) -> bool {
        self.0.contains(&Modal::Help)
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
        for modal in &self.0 {
            modal.draw(frame, area, cursor, theme);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::command::Command;
    use crate::tui::effect::Effect;
    use crate::tui::fixture::{self, cmd};
    use crate::tui::focus::Tab;

    #[test]
    fn help_closes_on_any_key_and_q_quits() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Help);
        assert!(app.modals().help());
        cmd(&mut app, Command::Tab(1));
        assert!(!app.modals().help());
        assert_eq!(app.tab(), Tab::Dashboard, "the key only closed the help");
        assert_eq!(cmd(&mut app, Command::Quit), [Effect::Quit]);
        assert!(app.quitting());
    }
}
