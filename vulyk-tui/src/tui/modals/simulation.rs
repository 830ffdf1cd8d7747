//! The simulator's answer: who would earn a rule now (`v` on Rewards). Any key closes it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Row, Table};

use crate::tui::layout::centered;
use crate::tui::theme::Theme;

/// Who would earn a rule now: (volunteer, count, earned), most first.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub rule: String,
    pub limit: u64,
    pub holders: Vec<(String, u64, bool)>,
}

impl Simulation {
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let earned = self.holders.iter().filter(|h| h.2).count();
        let rows: Vec<Row> = self
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
                    self.rule,
                    self.holders.len(),
                    self.limit
                ))
                .title_bottom(Line::from(" any key closes ").right_aligned())
                .border_style(theme.accent()),
        );
        frame.render_widget(table, popup);
    }
}
