//! Where things are on the screen, for drawing and for clicks alike: the frame's three parts,
//! the tab titles and which one a column hits, a list's filter line, each list's place and
//! where its rows start, a box in the middle. Views lay out by these and the keymap maps
//! clicks by them, so a click lands on the row drawn there.

use ratatui::layout::{Constraint, Flex, Layout, Rect};

use super::focus::Tab;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Rows a bordered table takes above its first row: the border and the header.
const TABLE_HEAD: u16 = 2;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The tab bar on the first line, the screen, and the footer (or the status) on the last.
pub fn frame(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The tab titles as drawn: " 1 Dashboard ", " 2 Batches ", …, one space apart.
pub fn tab_titles() -> Vec<String> {
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| format!(" {} {} ", i + 1, t.title()))
        .collect()
}

/// Which tab title a click on the first line's `column` hit.
pub fn tab_at(column: u16) -> Option<usize> {
    let mut start = 0u16;
    for (index, title) in tab_titles().iter().enumerate() {
        let end = start + title.chars().count() as u16;
        if (start..end).contains(&column) {
            return Some(index);
        }
        start = end + 1;
    }
    None
}

/// A list's filter line on top of `area` when it is `shown`, and what is left below it.
pub fn filter_line(area: Rect, shown: bool) -> (Option<Rect>, Rect) {
    if shown {
        let [line, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        (Some(line), rest)
    } else {
        (None, area)
    }
}

/// The Batches screen: its own filter line (a row, or none), the table, and an export's
/// gauge below it once one was started.
pub fn batches(body: Rect, filter_shown: bool, export_shown: bool) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(u16::from(filter_shown)),
        Constraint::Min(0),
        Constraint::Length(if export_shown { 3 } else { 0 }),
    ])
    .areas(body)
}

/// The Users screen below its filter line: the groups above, as tall as they need up to
/// half, and the users.
pub fn people(area: Rect, groups: usize) -> [Rect; 2] {
    // As `clamp(4, half)`, without its panic on a terminal too small to draw on.
    let groups_height = (groups as u16 + 3).max(4).min(area.height / 2);
    Layout::vertical([Constraint::Length(groups_height), Constraint::Min(3)]).areas(area)
}

/// Rewards below its filter line: the rules above, the funds as tall as they need up
/// to half.
pub fn rewards(area: Rect, funds: usize) -> [Rect; 2] {
    let funds_height = (funds as u16 + 3).max(4).min(area.height / 2);
    Layout::vertical([Constraint::Min(4), Constraint::Length(funds_height)]).areas(area)
}

/// The Quality screen below its filter line: the report's first line, its batches as tall
/// as they need up to a third, and the volunteers.
pub fn quality(area: Rect, batches: usize) -> [Rect; 3] {
    let batches_height = (batches as u16 + 3).max(4).min(area.height / 3);
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(batches_height),
        Constraint::Min(3),
    ])
    .areas(area)
}

/// The terminal row of the first row of a bordered table with a header drawn in `table`.
pub fn first_row(table: Rect) -> u16 {
    table.y + TABLE_HEAD
}

/// A box of `width`×`height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}
