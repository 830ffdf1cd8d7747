//! A question the operator must answer before something destructive happens: `y` does it,
//! `n` or Esc does not.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Reply;
use crate::tui::effect::Effect;
use crate::tui::layout::centered;
use crate::tui::theme::Theme;
use crate::words::counted;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// A batch, and how many answers deleting it would purge with it.
    DeleteBatch {
        id: String,
        answers: u64,
    },
    DeleteRule(String),
    DeleteFund(String),
    /// Leaving a rule's or fund's form whose fields were changed (and then the console).
    DropChanges {
        then_quit: bool,
    },
}

impl Confirm {
    pub fn question(&self) -> String {
        match self {
            Confirm::DeleteBatch { id, answers: 0 } => format!("Delete batch {id} and its tasks?"),
            Confirm::DeleteBatch { id, answers } => format!(
                "Delete batch {id}, its tasks and its {} (a purge)?",
                counted(*answers as usize, "answer", "answers")
            ),
            Confirm::DeleteRule(id) => format!("Delete rule {id}? (Those who earned it keep it.)"),
            Confirm::DeleteFund(id) => {
                format!("Delete fund {id}? (One that took donations is kept.)")
            }
            Confirm::DropChanges { then_quit: false } => {
                "Leave the form and lose its changes?".to_string()
            }
            Confirm::DropChanges { then_quit: true } => {
                "Quit and lose the form's changes?".to_string()
            }
        }
    }

    /// What a yes to a deletion does (leaving a form is the dialogs' own business).
    pub fn carried_out(self) -> Reply {
        match self {
            Confirm::DeleteBatch { id, answers } => Reply {
                status: Some(format!("Deleting batch {id}…")),
                // The question named the answers, so saying yes is the purge.
                ..Reply::effects(vec![Effect::DeleteBatch {
                    id,
                    purge: answers > 0,
                }])
            },
            Confirm::DeleteRule(id) => Reply::effects(vec![Effect::DeleteRule(id)]),
            Confirm::DeleteFund(id) => Reply::effects(vec![Effect::DeleteFund(id)]),
            Confirm::DropChanges { .. } => Reply::default(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let question = self.question();
        let width = (question.chars().count() as u16 + 6).max(30);
        let popup = centered(area, width, 5);
        frame.render_widget(Clear, popup);
        let text = vec![
            Line::styled(question, Style::new().add_modifier(Modifier::BOLD)),
            Line::from(vec![
                Span::styled(" y ", theme.key()),
                Span::raw(" yes   "),
                Span::styled(" n ", theme.key()),
                Span::raw(" no"),
            ]),
        ];
        let dialog = Paragraph::new(text).block(
            Block::bordered()
                .title(" Confirm ")
                .border_style(theme.warn()),
        );
        frame.render_widget(dialog, popup);
    }
}
