//! Groups with their task types and members; users with their groups and admin rights.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

use super::{Theme, counted};
use crate::tui::app::App;

fn groups_height(app: &App, area_height: u16) -> u16 {
    let groups = app.people.as_ref().map_or(0, |p| p.groups.len()) as u16;
    (groups + 3).clamp(4, area_height / 2)
}

/// The terminal row of the first user: under the tab bar, the groups, the users' border and
/// header.
pub fn first_row_y(app: &App, terminal_height: u16) -> u16 {
    1 + groups_height(app, terminal_height.saturating_sub(2)) + 2
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(people) = &app.people else {
        frame.render_widget(
            Paragraph::new("Reading the database…").style(theme.dim()),
            area,
        );
        return;
    };
    let [groups_area, users_area] = Layout::vertical([
        Constraint::Length(groups_height(app, area.height)),
        Constraint::Min(3),
    ])
    .areas(area);
    let groups: Vec<Row> = people
        .groups
        .iter()
        .map(|g| {
            Row::new(vec![
                g.group.id.clone(),
                g.group.allowed_types.join(", "),
                g.members.to_string(),
                g.group.description.clone(),
            ])
        })
        .collect();
    let table = Table::new(
        groups,
        [
            Constraint::Min(12),
            Constraint::Min(24),
            Constraint::Length(8),
            Constraint::Min(10),
        ],
    )
    .header(Row::new(["Group", "May do", "Members", "Description"]).style(theme.header()))
    .block(
        Block::bordered()
            .title(format!(
                " {} · + new group · t its task types ",
                counted(people.groups.len(), "group", "groups")
            ))
            .border_style(theme.dim()),
    );
    frame.render_widget(table, groups_area);
    let visible = app.visible_users();
    let users: Vec<Row> = visible
        .iter()
        .map(|u| {
            Row::new(vec![
                u.username.clone(),
                u.email.clone(),
                u.groups.join(", "),
                if u.admin { "admin" } else { "" }.to_string(),
            ])
        })
        .collect();
    let selected = (!visible.is_empty()).then_some(app.selected);
    let table = Table::new(
        users,
        [
            Constraint::Min(16),
            Constraint::Min(20),
            Constraint::Min(14),
            Constraint::Length(6),
        ],
    )
    .header(Row::new(["User", "E-mail", "Groups", "Admin"]).style(theme.header()))
    .row_highlight_style(theme.selected_row())
    .block(
        Block::bordered()
            .title(format!(
                " {} · n new · m/M add to/remove from group · A admin · p password ",
                counted(visible.len(), "user", "users")
            ))
            .border_style(theme.dim()),
    );
    frame.render_stateful_widget(
        table,
        users_area,
        &mut TableState::default().with_selected(selected),
    );
}
