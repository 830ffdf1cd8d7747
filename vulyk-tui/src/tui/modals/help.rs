//! The `?` overlay: every key of the key table, so it never disagrees with what keys do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Row, Table};

use crate::tui::bindings::{BINDINGS, Binding};
use crate::tui::layout::centered;
use crate::tui::theme::Theme;

/// Every key, in one column when the terminal is tall enough, else in two.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let row = |b: &Binding| Row::new([Span::styled(b.keys, theme.key()), Span::raw(b.what)]);
    let one_column = BINDINGS.len() as u16 + 4 <= area.height;
    let (columns, width) = if one_column { (1, 46) } else { (2, 80) };
    let per_column = BINDINGS.len().div_ceil(columns);
    let popup = centered(area, width, per_column as u16 + 2);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Keys ")
        .title_bottom(Line::from(" any key closes ").right_aligned())
        .border_style(theme.accent());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    for (bindings, column) in BINDINGS.chunks(per_column).zip(areas.iter()) {
        let table = Table::new(
            bindings.iter().map(row),
            [Constraint::Length(8), Constraint::Min(10)],
        );
        frame.render_widget(table, *column);
    }
}
