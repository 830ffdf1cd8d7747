//! The latest answers, and the rewards and donations they brought, newest first; the closed
//! batches from the dashboard's numbers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use super::Theme;
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(log) = &app.log else {
        frame.render_widget(
            Paragraph::new("Reading the database…").style(theme.dim()),
            area,
        );
        return;
    };
    let closed: Vec<String> = app
        .dashboard
        .as_ref()
        .map(|d| {
            d.overview
                .types
                .iter()
                .flat_map(|t| t.batches.iter())
                .filter(|b| b.total > 0 && b.closed == b.total)
                .map(|b| b.batch.clone())
                .collect()
        })
        .unwrap_or_default();
    let [closed_area, answers_area, events_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(50),
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
        .filter(|a| app.matches(&[&a.user, &a.task_type, &a.task]))
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
        .filter(|e| app.matches(&[&e.user, &e.what]))
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
