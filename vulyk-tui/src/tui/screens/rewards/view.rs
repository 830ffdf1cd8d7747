//! Rewards drawn: achievement rules and funds, as `vulyk rules list` and `vulyk funds
//! list` show them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

use super::RewardsScreen;
use crate::tui::layout;
use crate::tui::line::LineCursor;
use crate::tui::theme::Theme;
use crate::words::counted;

pub fn draw(
    screen: &RewardsScreen,
    frame: &mut Frame,
    body: Rect,
    cursor: &LineCursor,
    theme: &Theme,
) {
    let (filter, area) = layout::filter_line(body, screen.list.filter_shown());
    if let Some(line) = filter {
        frame.render_widget(screen.list.filter_line(cursor, theme), line);
    }
    let Some(rewards) = &screen.rewards else {
        frame.render_widget(
            Paragraph::new("Reading the database…").style(theme.dim()),
            area,
        );
        return;
    };
    let [rules_area, funds_area] = layout::rewards(area, rewards.funds.len());
    let (visible_rules, visible_funds) = (screen.visible_rules(), screen.visible_funds());
    let cursor_at = screen.list.selected();
    let rules: Vec<Row> = visible_rules
        .iter()
        .map(|r| {
            Row::new(vec![
                r.name.clone(),
                crate::words::describes(r),
                r.bonus.to_string(),
                r.id.clone(),
            ])
        })
        .collect();
    let selected = (cursor_at < visible_rules.len()).then_some(cursor_at);
    let table = Table::new(
        rules,
        [
            Constraint::Min(16),
            Constraint::Min(24),
            Constraint::Length(6),
            Constraint::Length(17),
        ],
    )
    .header(Row::new(["Rule", "Earned for", "Bonus", "Id"]).style(theme.header()))
    .row_highlight_style(theme.selected_row())
    .block(
        Block::bordered()
            .title(format!(
                " {} · n new · Enter edits · v who would earn it · d deletes ",
                counted(visible_rules.len(), "achievement rule", "achievement rules")
            ))
            .border_style(theme.dim()),
    );
    frame.render_stateful_widget(
        table,
        rules_area,
        &mut TableState::default().with_selected(selected),
    );
    let funds: Vec<Row> = visible_funds
        .iter()
        .map(|f| {
            Row::new(vec![
                f.id.clone(),
                f.name.clone(),
                if f.donatable { "yes" } else { "no" }.to_string(),
                if f.has_logo { "yes" } else { "no" }.to_string(),
            ])
        })
        .collect();
    let table = Table::new(
        funds,
        [
            Constraint::Min(12),
            Constraint::Min(20),
            Constraint::Length(10),
            Constraint::Length(5),
        ],
    )
    .header(Row::new(["Fund", "Name", "Donatable", "Logo"]).style(theme.header()))
    .block(
        Block::bordered()
            .title(format!(
                " {} · + new fund ",
                counted(visible_funds.len(), "fund", "funds")
            ))
            .border_style(theme.dim()),
    );
    let fund_selected = cursor_at
        .checked_sub(visible_rules.len())
        .filter(|i| *i < visible_funds.len());
    frame.render_stateful_widget(
        table.row_highlight_style(theme.selected_row()),
        funds_area,
        &mut TableState::default().with_selected(fund_selected),
    );
}
