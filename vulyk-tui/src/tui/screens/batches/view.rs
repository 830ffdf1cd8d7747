//! The batch list drawn: the filter line, the table, an export's gauge, a batch's details.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Gauge, Paragraph, Row, Table, TableState};
use vulyk_core::domain::BatchStatus;
use vulyk_core::service::BatchStats;

use super::{BatchesScreen, ExportRun};
use crate::tui::layout::centered;
use crate::tui::line::LineCursor;
use crate::tui::theme::Theme;
use crate::words::counted;

pub fn draw(
    screen: &BatchesScreen,
    frame: &mut Frame,
    area: Rect,
    cursor: &LineCursor,
    theme: &Theme,
) {
    let [filter, list, export] = screen.areas(area);
    if let Some(run) = &screen.export {
        render_export(run, frame, export, theme);
    }
    if screen.list.filter_shown() {
        frame.render_widget(screen.list.filter_line(cursor, theme), filter);
    }
    let rows = screen.visible_batches();
    let table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            let b = &r.batch;
            let status = match b.status {
                BatchStatus::Open => Span::styled("open", theme.good()),
                BatchStatus::Closed => Span::styled("closed", theme.dim()),
                BatchStatus::Incomplete => Span::styled("incomplete", theme.warn()),
            };
            Row::new(vec![
                Cell::from(b.batch.clone()),
                Cell::from(r.task_type.clone()),
                Cell::from(status),
                Cell::from(b.total.to_string()),
                Cell::from(b.closed.to_string()),
                Cell::from(b.answers.to_string()),
                Cell::from(b.live_leases.to_string()),
                Cell::from(format!("{:.0}%", r.progress() * 100.0)),
            ])
        })
        .collect();
    let header = Row::new([
        "Batch", "Type", "Status", "Tasks", "Closed", "Answers", "Out", "Done",
    ])
    .style(theme.header());
    let title = format!(
        " {} · sorted by {} ",
        counted(rows.len(), "batch", "batches"),
        screen.sort.label()
    );
    let table = Table::new(
        table_rows,
        [
            Constraint::Min(12),
            Constraint::Min(12),
            Constraint::Length(10),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(5),
            Constraint::Length(5),
        ],
    )
    .header(header)
    .row_highlight_style(theme.selected_row())
    .block(Block::bordered().title(title).border_style(theme.dim()));
    let mut state =
        TableState::default().with_selected((!rows.is_empty()).then_some(screen.list.selected()));
    frame.render_stateful_widget(table, list, &mut state);
    if rows.is_empty() {
        let message = if screen.rows.is_none() {
            "Reading the database…"
        } else if screen.list.filter().is_empty() {
            "No batches yet: `vulyk db load TYPE FILE` makes one."
        } else {
            "No batch matches the filter (Esc clears it)."
        };
        let inner = Rect {
            y: list.y + 2,
            height: 1,
            ..list.inner(ratatui::layout::Margin::new(1, 0))
        };
        frame.render_widget(Line::styled(message, theme.dim()), inner);
    }
    if let Some((id, stats)) = &screen.detail {
        render_detail(frame, area, id, stats.as_ref(), theme);
    }
}

fn render_export(run: &ExportRun, frame: &mut Frame, area: Rect, theme: &Theme) {
    let p = run.progress;
    let ratio = if p.expected_tasks == 0 {
        0.0
    } else {
        (p.tasks as f64 / p.expected_tasks as f64).min(1.0)
    };
    let (title, style, ratio) = match &run.outcome {
        None => (
            format!(" Exporting to {} ", run.path),
            theme.accent(),
            ratio,
        ),
        Some(Ok(_)) => (format!(" Exported to {} ", run.path), theme.good(), 1.0),
        Some(Err(_)) => (
            format!(" Export to {} failed ", run.path),
            theme.warn(),
            ratio,
        ),
    };
    let label = match &run.outcome {
        Some(Err(message)) => message.clone(),
        Some(Ok((tasks, answers))) => format!(
            "{}, {}",
            counted(*tasks as usize, "task", "tasks"),
            counted(*answers as usize, "answer", "answers")
        ),
        None => format!(
            "{} of {}, {}",
            p.tasks,
            counted(p.expected_tasks as usize, "task", "tasks"),
            counted(p.answers as usize, "answer", "answers")
        ),
    };
    let gauge = Gauge::default()
        .ratio(ratio)
        .label(label)
        .gauge_style(style)
        .block(Block::bordered().title(title).border_style(style));
    frame.render_widget(gauge, area);
}

fn render_detail(
    frame: &mut Frame,
    area: Rect,
    id: &str,
    stats: Option<&BatchStats>,
    theme: &Theme,
) {
    let popup = centered(area, 60, 16);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(format!(" Batch {id} "))
        .title_bottom(Line::from(" Esc closes ").right_aligned())
        .border_style(theme.accent());
    let Some(stats) = stats else {
        frame.render_widget(Paragraph::new("Reading…").block(block), popup);
        return;
    };
    let answers = stats
        .percent_answers
        .map_or("—".to_string(), |p| format!("{p:.1}%"));
    let mut lines = vec![
        Line::from(format!(
            "type {} · {}",
            stats.task_type,
            stats.status.as_str()
        )),
        Line::from(format!(
            "{}, {} closed ({:.1}%)",
            counted(stats.total as usize, "task", "tasks"),
            stats.completed,
            stats.percent_completed
        )),
        Line::from(format!(
            "{}, {answers} of those needed",
            counted(stats.answers as usize, "answer", "answers")
        )),
        Line::styled("tasks by number of answers", theme.header()),
    ];
    for (answers, tasks) in &stats.breakdown {
        let noun = if *answers == 1 {
            "answer: "
        } else {
            "answers:"
        };
        lines.push(Line::from(format!(
            "  {answers:>3} {noun} {}",
            counted(*tasks as usize, "task", "tasks")
        )));
    }
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
