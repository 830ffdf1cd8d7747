//! A volunteer's confusion matrix as Dawid–Skene estimates it (Enter on the Quality screen):
//! for each true label, how likely they are to give each label. Any key closes it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table};

use crate::tui::layout::centered;
use crate::tui::theme::Theme;
use crate::words::three_places;

/// The table's corner: what its rows and its columns are.
const CORNER: &str = "given ╲ true";
/// A true label's column: a probability ("0.97") under the label, cut to fit.
const COLUMN_WIDTH: u16 = 8;
/// The given labels' column is as wide as the longest label, within these.
const MIN_LABEL_WIDTH: u16 = 12;
const MAX_LABEL_WIDTH: u16 = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Confusion {
    pub username: String,
    pub accuracy: Option<f64>,
    /// The labels as JSON text, in the matrix's order.
    pub labels: Vec<String>,
    /// `P(given | true)`: a row per label given, a column per true label.
    pub matrix: Vec<Vec<f64>>,
}

impl Confusion {
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let count = self.labels.len();
        let longest = self.labels.iter().map(|l| l.chars().count()).max();
        let label_width = (longest.unwrap_or(0) as u16).clamp(MIN_LABEL_WIDTH, MAX_LABEL_WIDTH);
        // As many labels as fit each way (a type may have up to a thousand); the bottom line
        // says when some are left out.
        let across = usize::from(area.width.saturating_sub(2 + label_width) / (COLUMN_WIDTH + 1));
        let down = usize::from(area.height.saturating_sub(4));
        let (columns, rows) = (count.min(across), count.min(down));
        let title = format!(
            " {}: P(given | true) · accuracy {} ",
            self.username,
            three_places(self.accuracy)
        );
        let shown = if columns < count || rows < count {
            format!(" {rows} × {columns} of {count} labels shown · any key closes ")
        } else {
            " any key closes ".to_string()
        };
        let titles = title.chars().count().max(shown.chars().count()) as u16 + 2;
        // The borders, the labels, each column after a space, and a space before the border.
        let table_width = 2 + label_width + columns as u16 * (COLUMN_WIDTH + 1) + 1;
        let popup = centered(area, table_width.max(titles), rows as u16 + 3);
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .title(title)
            .title_bottom(Line::from(shown).right_aligned())
            .border_style(theme.accent());
        if count == 0 {
            let none = Paragraph::new("Their answers gave no label.").style(theme.dim());
            frame.render_widget(none.block(block), popup);
            return;
        }
        let column = usize::from(COLUMN_WIDTH);
        let header = std::iter::once(Cell::from(CORNER).style(theme.dim())).chain(
            self.labels[..columns]
                .iter()
                .map(|l| Cell::from(format!("{:>column$}", cut(l, column)))),
        );
        let body = self.matrix.iter().zip(&self.labels).take(rows).enumerate();
        let table_rows = body.map(|(given, (row, label))| {
            let label = Cell::from(cut(label, usize::from(label_width)));
            let chances = row.iter().take(columns).enumerate().map(|(truth, p)| {
                let cell = Cell::from(format!("{:>column$}", two_places(*p)));
                // The diagonal: how often they give the right label.
                if truth == given {
                    cell.style(theme.header())
                } else {
                    cell
                }
            });
            Row::new(std::iter::once(label).chain(chances))
        });
        let widths = std::iter::once(Constraint::Length(label_width)).chain(std::iter::repeat_n(
            Constraint::Length(COLUMN_WIDTH),
            columns,
        ));
        let table = Table::new(table_rows, widths)
            .header(Row::new(header).style(theme.header()))
            .block(block);
        frame.render_widget(table, popup);
    }
}

fn two_places(p: f64) -> String {
    if p.is_finite() {
        format!("{p:.2}")
    } else {
        "–".to_string()
    }
}

/// `text` in `width` characters: a longer one loses its end to "…".
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn long_labels_lose_their_end() {
        assert_eq!(cut("\"NOUN\"", 8), "\"NOUN\"");
        assert_eq!(cut("\"PROPER_NOUN\"", 8), "\"PROPER…");
        assert_eq!(cut("\"прикметник\"", 8).chars().count(), 8, "by characters");
    }
}
