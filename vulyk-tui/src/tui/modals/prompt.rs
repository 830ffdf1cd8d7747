//! A one-line question in a dialog — a new user's name and e-mail, a group, a password — and
//! the change its answer asks for.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Handled, Reply};
use crate::tui::command::Command;
use crate::tui::effect::{Change, Effect};
use crate::tui::layout::centered;
use crate::tui::line::LineCursor;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    NewUser,
    NewGroup,
    /// The task types a group allows, all of them.
    GroupTypes,
    AddToGroup {
        user: String,
    },
    RemoveFromGroup {
        user: String,
    },
    Password {
        user: String,
    },
    /// The file a batch's answers go to (the closed tasks', as `vulyk db export` does).
    Export {
        task_type: String,
        batch: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// A problem with the last answer, shown in the dialog.
    pub problem: Option<String>,
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            text: String::new(),
            problem: None,
        }
    }

    /// A question with a suggested answer.
    pub fn with_text(kind: PromptKind, text: String) -> Prompt {
        Prompt {
            text,
            ..Prompt::new(kind)
        }
    }

    pub fn question(&self) -> String {
        match &self.kind {
            PromptKind::NewUser => "New user: USERNAME E-MAIL".into(),
            PromptKind::NewGroup => "New group: ID and the task types it allows".into(),
            PromptKind::GroupTypes => {
                "A group's task types: GROUP TYPE … (these replace its own)".into()
            }
            PromptKind::AddToGroup { user } => format!("Add {user} to the group"),
            PromptKind::RemoveFromGroup { user } => format!("Remove {user} from the group"),
            PromptKind::Password { user } => format!("New password for {user}"),
            PromptKind::Export { batch, .. } => {
                format!("Export the answers of batch {batch} to (.gz, .bz2 compress)")
            }
        }
    }

    /// Enter answers the question and Esc withdraws it; other keys wait.
    pub fn command(&mut self, command: Command) -> Handled {
        match command {
            Command::Open => match self.answer() {
                Ok(effect) => return Handled::Close(Reply::effects(vec![effect])),
                Err(problem) => self.problem = Some(problem),
            },
            Command::Back => return Handled::Close(Reply::default()),
            Command::Quit => return Handled::Stay(Reply::effects(vec![Effect::Quit])),
            _ => {}
        }
        Handled::Stay(Reply::default())
    }

    /// Changes the answer as typed; its problem goes with the old text.
    pub fn edit(&mut self, edit: impl FnOnce(&mut String) -> bool) {
        if edit(&mut self.text) {
            self.problem = None;
        }
    }

    /// Passwords are shown as dots.
    pub fn secret(&self) -> bool {
        matches!(self.kind, PromptKind::Password { .. })
    }

    /// What the answer asks to be done, or what is wrong with it (the core checks the rest).
    pub fn answer(&self) -> Result<Effect, String> {
        if let PromptKind::Export { task_type, batch } = &self.kind {
            let path = self.text.trim();
            if path.is_empty() {
                return Err("type a file name, or Esc".into());
            }
            return Ok(Effect::Export {
                task_type: task_type.clone(),
                batch: batch.clone(),
                path: path.into(),
            });
        }
        self.change().map(Effect::Change)
    }

    fn change(&self) -> Result<Change, String> {
        let text = self.text.trim();
        if text.is_empty() {
            return Err("type an answer, or Esc".into());
        }
        Ok(match &self.kind {
            PromptKind::NewUser => match text.split_whitespace().collect::<Vec<_>>().as_slice() {
                [username, email] => Change::AddUser {
                    username: username.to_string(),
                    email: email.to_string(),
                },
                _ => return Err("type the username and the e-mail address, a space apart".into()),
            },
            PromptKind::NewGroup => {
                let (id, types) = first_and_rest(text);
                Change::AddGroup { id, types }
            }
            PromptKind::GroupTypes => {
                let (group, types) = first_and_rest(text);
                if types.is_empty() {
                    // A group that allows nothing lets its members do nothing: never by accident.
                    return Err("name the task types after the group".into());
                }
                Change::SetGroupTypes { group, types }
            }
            PromptKind::AddToGroup { user } => Change::Assign {
                group: text.into(),
                user: user.clone(),
            },
            PromptKind::RemoveFromGroup { user } => Change::Resign {
                group: text.into(),
                user: user.clone(),
            },
            PromptKind::Password { user } => Change::SetPassword {
                user: user.clone(),
                password: self.text.clone(),
            },
            PromptKind::Export { .. } => return Err("not a change".into()),
        })
    }

    /// The question, the answer as typed (a password as dots) with its cursor, and the
    /// answer's problem or how to answer.
    pub fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
        let width = (self.question().chars().count() as u16 + 6).max(60);
        let popup = centered(area, width, 4);
        frame.render_widget(Clear, popup);
        let shown: Vec<char> = if self.secret() {
            vec!['•'; self.text.chars().count()]
        } else {
            self.text.chars().collect()
        };
        let (before, after) = shown.split_at(cursor.cursor_in(&self.text).min(shown.len()));
        let mut lines = vec![Line::from(vec![
            Span::raw(before.iter().collect::<String>()),
            Span::styled("▏", theme.accent()),
            Span::raw(after.iter().collect::<String>()),
        ])];
        match &self.problem {
            Some(problem) => lines.push(Line::styled(problem.clone(), theme.warn())),
            None => lines.push(Line::styled("Enter answers · Esc withdraws", theme.dim())),
        }
        let dialog = Paragraph::new(lines).block(
            Block::bordered()
                .title(format!(" {} ", self.question()))
                .border_style(theme.accent()),
        );
        frame.render_widget(dialog, popup);
    }
}

/// A group's name and the task types after it, separated by spaces or commas.
fn first_and_rest(text: &str) -> (String, Vec<String>) {
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string);
    let first = words.next().unwrap_or_default();
    (first, words.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(kind: PromptKind, text: &str) -> Result<Change, String> {
        match Prompt::with_text(kind, text.into()).answer() {
            Ok(Effect::Change(change)) => Ok(change),
            Ok(other) => Err(format!("{other:?}")),
            Err(problem) => Err(problem),
        }
    }

    #[test]
    fn an_export_goes_to_the_named_file() {
        let kind = PromptKind::Export {
            task_type: "tagging_task".into(),
            batch: "b1".into(),
        };
        assert_eq!(
            Prompt::with_text(kind.clone(), " b1.jsonl.gz ".into()).answer(),
            Ok(Effect::Export {
                task_type: "tagging_task".into(),
                batch: "b1".into(),
                path: "b1.jsonl.gz".into()
            })
        );
        assert!(Prompt::with_text(kind, String::new()).answer().is_err());
    }

    #[test]
    fn answers_become_changes() {
        assert_eq!(
            answered(PromptKind::NewUser, " ivan  ivan@example.org "),
            Ok(Change::AddUser {
                username: "ivan".into(),
                email: "ivan@example.org".into()
            })
        );
        assert!(answered(PromptKind::NewUser, "ivan").is_err());
        assert!(answered(PromptKind::NewGroup, "  ").is_err());
        assert_eq!(
            answered(
                PromptKind::NewGroup,
                "reviewers tagging_task, declaration_task"
            ),
            Ok(Change::AddGroup {
                id: "reviewers".into(),
                types: vec!["tagging_task".into(), "declaration_task".into()]
            })
        );
        assert!(answered(PromptKind::GroupTypes, "reviewers").is_err());
        assert_eq!(
            answered(PromptKind::GroupTypes, "reviewers tagging_task"),
            Ok(Change::SetGroupTypes {
                group: "reviewers".into(),
                types: vec!["tagging_task".into()]
            })
        );
        let password = PromptKind::Password {
            user: "ivan".into(),
        };
        assert!(Prompt::new(password.clone()).secret());
        assert_eq!(
            answered(password, " spaces count "),
            Ok(Change::SetPassword {
                user: "ivan".into(),
                password: " spaces count ".into()
            })
        );
        assert_eq!(
            answered(
                PromptKind::AddToGroup {
                    user: "ivan".into()
                },
                "editors"
            ),
            Ok(Change::Assign {
                group: "editors".into(),
                user: "ivan".into()
            })
        );
    }
}
