//! Drawing: a function of the state only. The tab bar on the first line, the current screen
//! (which draws itself), and a footer with the keys (or the status message) on the last;
//! the dialogs float on top.

#[cfg(test)]
mod snapshots;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub use super::theme::Theme;

use super::app::App;
use super::bindings::footer;
use super::focus::Tab;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};

pub fn render(app: &App, frame: &mut Frame, theme: &Theme) {
    let area = frame.area();
    if layout::too_small(area) {
        let text = format!(
            "The console needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let [tabs, body, bottom] = layout::frame(area);
    frame.render_widget(tab_bar(app.tab(), theme), tabs);
    app.screen().draw(frame, body, app.cursor(), theme);
    render_bottom(app.status(), frame, bottom, theme);
    app.modals().draw(frame, area, app.cursor(), theme);
}

fn tab_bar(current: Tab, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (title, tab) in layout::tab_titles().into_iter().zip(Tab::ALL) {
        let style = if tab == current {
            theme.selected_tab()
        } else {
            theme.tab()
        };
        spans.push(Span::styled(title, style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn render_bottom(status: Option<&str>, frame: &mut Frame, area: Rect, theme: &Theme) {
    if let Some(status) = status {
        frame.render_widget(Line::styled(status.to_string(), theme.status()), area);
        return;
    }
    let mut spans = Vec::new();
    for (keys, what) in footer() {
        spans.push(Span::styled(format!(" {keys} "), theme.key()));
        spans.push(Span::styled(format!(" {what} "), theme.dim()));
    }
    frame.render_widget(Line::from(spans), area);
}
