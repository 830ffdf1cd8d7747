//! The Events screen: the latest answers, the rewards and donations they brought, and the
//! operators' changes (the audit log), newest first (filtered with `/`); the finished batches
//! from the dashboard's numbers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use super::Screen;
use super::dashboard::Dashboard;
use crate::tui::command::Command;
use crate::tui::focus::Focus;
use crate::tui::layout;
use crate::tui::line::LineCursor;
use crate::tui::list::List;
use crate::tui::modals::Reply;
use crate::tui::theme::Theme;

/// The latest answers and events, with volunteers' names, for the Events screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Log {
    pub answers: Vec<LogAnswer>,
    pub events: Vec<LogEvent>,
    pub changes: Vec<LogChange>,
    /// When it was read: a date of another year than this shows its year.
    pub read_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogAnswer {
    pub at: chrono::DateTime<chrono::Utc>,
    pub user: String,
    pub task_type: String,
    pub task: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    pub user: String,
    /// In words: "+1 point, +2 coins, level 2, badge First steps" or "gave 5 coins to Fund".
    pub what: String,
}

/// An operator's change, from the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogChange {
    pub at: chrono::DateTime<chrono::Utc>,
    /// `user@host`.
    pub who: String,
    /// The command and its target: `group add editors`.
    pub what: String,
    pub change: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventsScreen {
    log: Option<Log>,
    /// The batches whose tasks are all closed, from the last dashboard read.
    finished: Vec<String>,
    /// Only its filter: the lists are read, not picked from.
    list: List,
}

impl EventsScreen {
    pub fn loaded(&mut self, log: Log) {
        self.log = Some(log);
    }

    pub fn dashboard_loaded(&mut self, dashboard: &Dashboard) {
        self.finished = dashboard
            .overview
            .types
            .iter()
            .flat_map(|t| t.batches.iter())
            .filter(|b| b.total > 0 && b.closed == b.total)
            .map(|b| b.batch.clone())
            .collect();
    }
}

impl Screen for EventsScreen {
    fn command(&mut self, command: Command) -> Reply {
        self.list.command(command, 0);
        Reply::default()
    }

    fn focus(&self) -> Focus {
        self.list.focus()
    }

    fn edit(&mut self, edit: &mut dyn FnMut(&mut String) -> bool) {
        self.list.edit(edit);
    }

    fn leave(&mut self) {
        self.list = List::default();
    }

    fn draw(&self, frame: &mut Frame, body: Rect, cursor: &LineCursor, theme: &Theme) {
        let (filter, area) = layout::filter_line(body, self.list.filter_shown());
        if let Some(line) = filter {
            frame.render_widget(self.list.filter_line(cursor, theme), line);
        }
        match &self.log {
            Some(log) => render(log, &self.finished, &self.list, frame, area, theme),
            None => frame.render_widget(
                Paragraph::new("Reading the database…").style(theme.dim()),
                area,
            ),
        }
    }
}

fn render(log: &Log, closed: &[String], list: &List, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [closed_area, answers_area, events_area, changes_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(35),
        Constraint::Percentage(30),
        Constraint::Min(4),
    ])
    .areas(area);
    let closed_text = if closed.is_empty() {
        "No batch is finished yet.".to_string()
    } else {
        format!("Finished batches: {}", closed.join(", "))
    };
    frame.render_widget(Paragraph::new(closed_text).style(theme.dim()), closed_area);
    let rows: Vec<Row> = log
        .answers
        .iter()
        .filter(|a| list.matches(&[&a.user, &a.task_type, &a.task]))
        .map(|a| {
            Row::new(vec![
                when(a.at, log.read_at),
                a.user.clone(),
                a.task_type.clone(),
                a.task.clone(),
            ])
        })
        .collect();
    let answers = Table::new(
        rows,
        [
            Constraint::Length(16),
            Constraint::Min(16),
            Constraint::Min(14),
            Constraint::Length(20),
        ],
    )
    .header(Row::new(["When (UTC)", "Volunteer", "Type", "Task"]).style(theme.header()))
    .block(
        Block::bordered()
            .title(" Latest answers ")
            .border_style(theme.dim()),
    );
    frame.render_widget(answers, answers_area);
    let rows: Vec<Row> = log
        .events
        .iter()
        .filter(|e| list.matches(&[&e.user, &e.what]))
        .map(|e| {
            Row::new(vec![
                when(e.at, log.read_at),
                e.user.clone(),
                e.what.clone(),
            ])
        })
        .collect();
    let events = Table::new(
        rows,
        [
            Constraint::Length(16),
            Constraint::Min(16),
            Constraint::Min(30),
        ],
    )
    .header(Row::new(["When (UTC)", "Volunteer", "What"]).style(theme.header()))
    .block(
        Block::bordered()
            .title(" Rewards and donations ")
            .border_style(theme.dim()),
    );
    frame.render_widget(events, events_area);
    let rows: Vec<Row> = log
        .changes
        .iter()
        .filter(|c| list.matches(&[&c.who, &c.what, &c.change]))
        .map(|c| {
            Row::new(vec![
                when(c.at, log.read_at),
                c.who.clone(),
                c.what.clone(),
                c.change.clone(),
            ])
        })
        .collect();
    let changes = Table::new(
        rows,
        [
            Constraint::Length(16),
            Constraint::Length(12),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ],
    )
    .header(Row::new(["When (UTC)", "Operator", "Command", "Change"]).style(theme.header()))
    .block(
        Block::bordered()
            .title(" Operators' changes ")
            .border_style(theme.dim()),
    );
    frame.render_widget(changes, changes_area);
}

/// A time as the Events screen shows it: month, day and time of day, and the year too when
/// it is not the year of `now`.
fn when(at: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Datelike;
    if at.year() == now.year() {
        at.format("%m-%d %H:%M:%S").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M").to_string()
    }
}
