//! The Users screen drawn: the groups with their task types and members; the users with their
//! groups and admin rights.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

use super::PeopleScreen;
use crate::tui::layout;
use crate::tui::line::LineCursor;
use crate::tui::theme::Theme;
use crate::words::counted;

pub fn draw(
    screen: &PeopleScreen,
    frame: &mut Frame,
    body: Rect,
    cursor: &LineCursor,
    theme: &Theme,
) {
    let (filter, area) = layout::filter_line(body, screen.list.filter_shown());
    if let Some(line) = filter {
        frame.render_widget(screen.list.filter_line(cursor, theme), line);
    }
    let Some(people) = &screen.people else {
        frame.render_widget(
            Paragraph::new("Reading the database…").style(theme.dim()),
            area,
        );
        return;
    };
    let [groups_area, users_area] = layout::people(area, people.groups.len());
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
    let visible = screen.visible_users();
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
    let selected = (!visible.is_empty()).then_some(screen.list.selected());
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
