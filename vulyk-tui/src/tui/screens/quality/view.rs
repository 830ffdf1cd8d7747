//! The Quality screen drawn: the type's line, its batches' agreement, its volunteers'
//! reliability; or that it is being computed, or why it could not be.

use ratatui::Frame;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};
use vulyk_core::quality::QualityReport;

use super::QualityScreen;
use crate::tui::layout;
use crate::tui::line::LineCursor;
use crate::tui::theme::Theme;
use crate::words::{counted, three_places};

pub fn draw(
    screen: &QualityScreen,
    frame: &mut Frame,
    body: Rect,
    cursor: &LineCursor,
    theme: &Theme,
) {
    let (filter, area) = layout::filter_line(body, screen.list.filter_shown());
    if let Some(line) = filter {
        frame.render_widget(screen.list.filter_line(cursor, theme), line);
    }
    let Some(task_type) = screen.shown_type() else {
        let none = "No task types: the console's --plugins folder has none.";
        frame.render_widget(Paragraph::new(none).style(theme.dim()), area);
        return;
    };
    let title = Span::styled(task_type.to_string(), theme.accent());
    match screen.outcome() {
        Some(Ok(report)) => render_report(screen, report, title, frame, area, theme),
        Some(Err(message)) => {
            let first = Line::from(vec![
                title,
                Span::styled(" · the quality could not be computed", theme.warn()),
            ]);
            let text = vec![
                first,
                Line::raw(""),
                Line::raw(message.clone()),
                Line::raw(""),
                Line::styled(hint(screen), theme.dim()),
            ];
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
        }
        None => {
            let doing = if screen.computing() {
                " · computing: every answer of the type is read, which takes a while on a \
                 large project"
            } else {
                " · not computed yet: r computes it"
            };
            let text = vec![
                Line::from(vec![title, Span::styled(doing, theme.dim())]),
                Line::raw(""),
                Line::styled(hint(screen), theme.dim()),
            ];
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
        }
    }
}

/// Which type of how many, and whether a computation runs.
fn hint(screen: &QualityScreen) -> String {
    let doing = if screen.computing() {
        "computing…"
    } else {
        "r recomputes"
    };
    format!(
        "type {} of {}, h/l or ←/→ for another · {doing}",
        screen.shown + 1,
        screen.types.len()
    )
}

fn render_report(
    screen: &QualityScreen,
    report: &QualityReport,
    title: Span<'static>,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let [first, batches, volunteers] = layout::quality(area, report.batches.len());
    let numbers = format!(
        " · {} · alpha {} overall · {}",
        counted(report.labels, "label", "labels"),
        three_places(report.alpha),
        counted(
            report.iterations,
            "Dawid–Skene iteration",
            "Dawid–Skene iterations"
        ),
    );
    frame.render_widget(Line::from(vec![title, Span::raw(numbers)]), first);
    render_batches(screen, report, frame, batches, theme);
    render_volunteers(screen, frame, volunteers, theme);
}

fn render_batches(
    screen: &QualityScreen,
    report: &QualityReport,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let rows = report.batches.iter().map(|b| {
        Row::new(vec![
            b.batch.clone(),
            b.tasks.to_string(),
            b.answers.to_string(),
            b.tasks_with_two.to_string(),
            three_places(b.alpha),
            b.disagreements.to_string(),
        ])
    });
    let header = Row::new([
        "Batch",
        "Tasks",
        "Answers",
        "2+ answers",
        "Alpha",
        "Majority ≠ Dawid–Skene",
    ])
    .style(theme.header());
    let title = format!(
        " {} · {} ",
        counted(report.batches.len(), "batch", "batches"),
        hint(screen)
    );
    let table = Table::new(
        rows,
        [
            Constraint::Min(12),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Length(7),
            Constraint::Length(22),
        ],
    )
    .header(header)
    .block(Block::bordered().title(title).border_style(theme.dim()));
    frame.render_widget(table, area);
    if report.batches.is_empty() {
        empty_table(frame, area, "No tasks of this type yet.", theme);
    }
}

fn render_volunteers(screen: &QualityScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let visible = screen.visible_volunteers();
    let rows = visible.iter().map(|v| {
        let gold = match v.gold_accuracy {
            Some(accuracy) => format!("{accuracy:.3} ({})", v.gold_answered),
            None => "–".to_string(),
        };
        let row = Row::new(vec![
            v.username.clone(),
            v.answers.to_string(),
            three_places(v.accuracy),
            gold,
            if v.excluded { "excluded" } else { "" }.to_string(),
        ]);
        // An excluded volunteer's answers count for nothing: the row says so at a glance.
        if v.excluded {
            row.style(theme.dim())
        } else {
            row
        }
    });
    let title = format!(
        " {} · {} · s sorts · Enter confusion matrix ",
        counted(visible.len(), "volunteer", "volunteers"),
        screen.sort.label()
    );
    let table = Table::new(
        rows,
        [
            Constraint::Min(14),
            Constraint::Length(8),
            Constraint::Length(12),
            Constraint::Length(14),
            Constraint::Length(9),
        ],
    )
    .header(
        Row::new(["Volunteer", "Answers", "Dawid–Skene", "Gold (tasks)", ""]).style(theme.header()),
    )
    .row_highlight_style(theme.selected_row())
    .block(Block::bordered().title(title).border_style(theme.dim()));
    let selected = (!visible.is_empty()).then_some(screen.list.selected());
    frame.render_stateful_widget(
        table,
        area,
        &mut TableState::default().with_selected(selected),
    );
    if visible.is_empty() {
        let message = if screen.list.filter().is_empty() {
            "No answers of this type yet."
        } else {
            "No volunteer matches the filter (Esc clears it)."
        };
        empty_table(frame, area, message, theme);
    }
}

/// A message in place of a bordered table's first row (inside the table, however small).
fn empty_table(frame: &mut Frame, table: Rect, message: &str, theme: &Theme) {
    let row = Rect {
        y: layout::first_row(table),
        height: 1,
        ..table
    }
    .intersection(table.inner(Margin::new(1, 1)));
    frame.render_widget(Line::styled(message.to_string(), theme.dim()), row);
}
