//! Drawing: a function of the state only. The tab bar on the first line, the screen, and a
//! footer with the keys (or the status message) on the last; help and confirmation float on
//! top.

mod batches;
mod dashboard;
mod editor;
mod events;
mod load;
mod people;
mod rewards;
#[cfg(test)]
mod snapshots;
mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, Wrap};

pub use theme::Theme;

use super::app::{App, Confirm, Tab};
use super::bindings::{BINDINGS, Binding, footer};
use super::line::{LineCursor, with_cursor};
pub use crate::words::counted;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(app: &App, frame: &mut Frame, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "The console needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let [tabs, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(app, frame, tabs, theme);
    // The lists other than the batches' (which keeps its own) get the filter line on top.
    let body = if shared_filter_line(app) {
        let [line, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        frame.render_widget(filter_line(app, theme), line);
        rest
    } else {
        body
    };
    match app.tab {
        Tab::Dashboard => dashboard::render(app, frame, body, theme),
        Tab::Batches => batches::render(app, frame, body, theme),
        Tab::Load => load::render(app, frame, body, theme),
        Tab::People => people::render(app, frame, body, theme),
        Tab::Rewards => rewards::render(app, frame, body, theme),
        Tab::Events => events::render(app, frame, body, theme),
    }
    render_bottom(app, frame, bottom, theme);
    if let Some(form) = &app.editor {
        editor::render_editor(form, &app.cursor, frame, area, theme);
    }
    if let Some(simulation) = &app.simulation {
        editor::render_simulation(simulation, frame, area, theme);
    }
    // Over the form: a question may be about leaving it.
    if let Some(confirm) = &app.confirm {
        let question = match confirm {
            Confirm::DeleteBatch { id, answers: 0 } => format!("Delete batch {id} and its tasks?"),
            Confirm::DeleteBatch { id, answers } => format!(
                "Delete batch {id}, its tasks and its {} (a purge)?",
                counted(*answers as usize, "answer", "answers")
            ),
            Confirm::DeleteRule(id) => format!("Delete rule {id}? (Those who earned it keep it.)"),
            Confirm::DeleteFund(id) => {
                format!("Delete fund {id}? (One that took donations is kept.)")
            }
            Confirm::DropChanges { then_quit: false } => {
                "Leave the form and lose its changes?".to_string()
            }
            Confirm::DropChanges { then_quit: true } => {
                "Quit and lose the form's changes?".to_string()
            }
        };
        render_confirm(frame, area, theme, &question);
    }
    if let Some(prompt) = &app.prompt {
        render_prompt(frame, area, theme, prompt, &app.cursor);
    }
    if app.help {
        render_help(frame, area, theme);
    }
}

/// The tab titles as drawn: " 1 Dashboard ", " 2 Batches ", …, one space apart.
fn tab_titles() -> Vec<String> {
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

/// Whether the screen shows the shared filter line above its list.
fn shared_filter_line(app: &App) -> bool {
    matches!(app.tab, Tab::People | Tab::Rewards | Tab::Events)
        && (app.editing_filter || !app.filter.is_empty())
}

/// Which list row a click on terminal row `row` hit, on the screens with a list (in a
/// terminal `height` rows high).
pub fn list_row_at(app: &App, row: u16, height: u16) -> Option<usize> {
    let below_filter = u16::from(shared_filter_line(app));
    let first = match app.tab {
        Tab::Batches => batches::first_row_y(app),
        Tab::People => people::first_row_y(app, height) + below_filter,
        Tab::Rewards => rewards::FIRST_ROW_Y + below_filter,
        Tab::Dashboard | Tab::Load | Tab::Events => return None,
    };
    row.checked_sub(first).map(usize::from)
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut spans = Vec::new();
    for (title, tab) in tab_titles().into_iter().zip(Tab::ALL) {
        let style = if tab == app.tab {
            theme.selected_tab()
        } else {
            theme.tab()
        };
        spans.push(Span::styled(title, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), area);
}

fn render_bottom(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    if let Some(status) = &app.status {
        frame.render_widget(Line::styled(status.as_str(), theme.status()), area);
        return;
    }
    let mut spans = Vec::new();
    for (keys, what) in footer() {
        spans.push(Span::styled(format!(" {keys} "), theme.key()));
        spans.push(Span::styled(format!(" {what} "), theme.dim()));
    }
    frame.render_widget(Line::from(spans), area);
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

/// Every key, in one column when the terminal is tall enough, else in two.
fn render_help(frame: &mut Frame, area: Rect, theme: &Theme) {
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

fn render_confirm(frame: &mut Frame, area: Rect, theme: &Theme, question: &str) {
    let width = (question.chars().count() as u16 + 6).max(30);
    let popup = centered(area, width, 5);
    frame.render_widget(Clear, popup);
    let text = vec![
        Line::styled(
            question,
            ratatui::style::Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::from(vec![
            Span::styled(" y ", theme.key()),
            Span::raw(" yes   "),
            Span::styled(" n ", theme.key()),
            Span::raw(" no"),
        ]),
    ];
    let dialog = Paragraph::new(text).block(
        Block::bordered()
            .title(" Confirm ")
            .border_style(theme.warn()),
    );
    frame.render_widget(dialog, popup);
}

/// The filter as typed, with the cursor while it is being typed.
fn filter_line(app: &App, theme: &Theme) -> Line<'static> {
    let text = if app.editing_filter {
        with_cursor(&app.filter, app.cursor.cursor_in(&app.filter))
    } else {
        app.filter.clone()
    };
    Line::from(vec![Span::styled("filter: ", theme.dim()), Span::raw(text)])
}

fn render_prompt(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    prompt: &crate::tui::prompt::Prompt,
    cursor: &LineCursor,
) {
    let width = (prompt.question().chars().count() as u16 + 6).max(60);
    let popup = centered(area, width, 4);
    frame.render_widget(Clear, popup);
    let shown: Vec<char> = if prompt.secret() {
        vec!['•'; prompt.text.chars().count()]
    } else {
        prompt.text.chars().collect()
    };
    let (before, after) = shown.split_at(cursor.cursor_in(&prompt.text).min(shown.len()));
    let mut lines = vec![Line::from(vec![
        Span::raw(before.iter().collect::<String>()),
        Span::styled("▏", theme.accent()),
        Span::raw(after.iter().collect::<String>()),
    ])];
    match &prompt.problem {
        Some(problem) => lines.push(Line::styled(problem.clone(), theme.warn())),
        None => lines.push(Line::styled("Enter answers · Esc withdraws", theme.dim())),
    }
    let dialog = Paragraph::new(lines).block(
        Block::bordered()
            .title(format!(" {} ", prompt.question()))
            .border_style(theme.accent()),
    );
    frame.render_widget(dialog, popup);
}
