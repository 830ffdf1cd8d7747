//! The rule and fund forms, with each problem under its field, and the simulator's answer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table};

use super::{Theme, centered};
use crate::tui::action::Simulation;
use crate::tui::editor::{Editor, Kind};

pub fn render_editor(editor: &Editor, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = Vec::new();
    if let Some(problem) = &editor.problem {
        lines.push(Line::styled(problem.clone(), theme.warn()));
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
            _ if focused && editor.editing => format!("{}▏", field.value),
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
        if let Some(problem) = &field.problem {
            lines.push(Line::styled(format!("{:17}{problem}", ""), theme.warn()));
        }
    }
    let height = lines.len() as u16 + 2;
    let popup = centered(area, 72, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(format!(" {} ", editor.title()))
        .title_bottom(
            Line::from(" Enter edits or flips · Ctrl-S saves · Esc closes ").right_aligned(),
        )
        .border_style(theme.accent());
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

pub fn render_simulation(simulation: &Simulation, frame: &mut Frame, area: Rect, theme: &Theme) {
    let earned = simulation.holders.iter().filter(|h| h.2).count();
    let rows: Vec<Row> = simulation
        .holders
        .iter()
        .map(|(name, count, achieved)| {
            Row::new(vec![
                name.clone(),
                count.to_string(),
                if *achieved { "earned" } else { "" }.to_string(),
            ])
        })
        .collect();
    let height = (rows.len() as u16 + 4).min(area.height);
    let popup = centered(area, 60, height.max(5));
    frame.render_widget(Clear, popup);
    let table = Table::new(
        rows,
        [
            Constraint::Min(20),
            Constraint::Length(8),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["Volunteer", "Count", ""]).style(theme.header()))
    .block(
        Block::bordered()
            .title(format!(
                " {}: {earned} of {} would earn it now (limit {}) ",
                simulation.rule,
                simulation.holders.len(),
                simulation.limit
            ))
            .title_bottom(Line::from(" any key closes ").right_aligned())
            .border_style(theme.accent()),
    );
    frame.render_widget(table, popup);
}
