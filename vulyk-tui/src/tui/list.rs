//! What every list screen shares: the row under the cursor, and the filter typed after `/`
//! (matched by name, case aside) with the line that shows it.

use ratatui::text::{Line, Span};

use super::command::Command;
use super::focus::Focus;
use super::line::{LineCursor, with_cursor};
use super::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct List {
    selected: usize,
    filter: String,
    editing_filter: bool,
}

impl List {
    /// The row under the cursor, among those shown.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn editing_filter(&self) -> bool {
        self.editing_filter
    }

    /// Whether `texts` match the filter (case aside); everything does with no filter.
    pub fn matches(&self, texts: &[&str]) -> bool {
        let needle = self.filter.to_lowercase();
        needle.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(&needle))
    }

    /// Moving in a list of `rows`, starting the filter, and Esc out of it (first the typing,
    /// then the filter itself). `false` for a command that is not the list's.
    pub fn command(&mut self, command: Command, rows: usize) -> bool {
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            Command::Top => self.selected = 0,
            Command::Bottom => self.selected = rows.saturating_sub(1),
            Command::Filter => self.editing_filter = true,
            Command::Back if self.editing_filter => self.editing_filter = false,
            Command::Back => self.filter.clear(),
            _ => return false,
        }
        true
    }

    /// Typing in the filter: a changed filter starts again from the first row.
    pub fn edit(&mut self, edit: &mut dyn FnMut(&mut String) -> bool) {
        if edit(&mut self.filter) {
            self.selected = 0;
        }
    }

    pub fn stop_filtering(&mut self) {
        self.editing_filter = false;
    }

    /// Back to the first row (a new order).
    pub fn first(&mut self) {
        self.selected = 0;
    }

    /// A click on `row` of the `rows` shown; below the list changes nothing.
    pub fn click(&mut self, row: usize, rows: usize) {
        if row < rows {
            self.selected = row;
        }
    }

    /// Keeps the cursor on a row of a list that now has `rows`.
    pub fn keep_within(&mut self, rows: usize) {
        self.selected = self.selected.min(rows.saturating_sub(1));
    }

    /// What takes the keys: the filter while it is typed, else the screen.
    pub fn focus(&self) -> Focus {
        if self.editing_filter {
            Focus::Filter
        } else {
            Focus::Screen
        }
    }

    /// Whether the filter line is shown above the list.
    pub fn filter_shown(&self) -> bool {
        self.editing_filter || !self.filter.is_empty()
    }

    /// The filter as typed, with the cursor while it is being typed.
    pub fn filter_line(&self, cursor: &LineCursor, theme: &Theme) -> Line<'static> {
        let text = if self.editing_filter {
            with_cursor(&self.filter, cursor.cursor_in(&self.filter))
        } else {
            self.filter.clone()
        };
        Line::from(vec![Span::styled("filter: ", theme.dim()), Span::raw(text)])
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::action::Action;
    use crate::tui::app::App;
    use crate::tui::command::Command;
    use crate::tui::effect::{Change, Effect};
    use crate::tui::fixture::{self, cmd};
    use crate::tui::line::LineEdit;
    use crate::tui::modals::confirm::Confirm;

    #[test]
    fn every_list_filters_and_a_filter_stays_with_its_list() {
        let mut app = fixture::app();
        app.update(Action::PeopleLoaded(Box::new(fixture::people())));
        cmd(&mut app, Command::Tab(3));
        cmd(&mut app, Command::Filter);
        for c in "edit".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        let users: Vec<&str> = app
            .screens()
            .people
            .visible_users()
            .iter()
            .map(|u| u.username.as_str())
            .collect();
        assert_eq!(users, ["olena"], "by group");
        cmd(&mut app, Command::Back);
        assert_eq!(
            cmd(&mut app, Command::ToggleAdmin),
            [Effect::Change(Change::SetAdmin {
                user: "olena".into(),
                admin: true
            })]
        );
        cmd(&mut app, Command::Tab(4));
        let screens = app.screens();
        assert!(
            screens.people.list().filter().is_empty() && screens.rewards.list().filter().is_empty(),
            "switching screens clears the filter"
        );
        cmd(&mut app, Command::Filter);
        for c in "LIBR".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        assert!(app.screens().rewards.visible_rules().is_empty());
        assert_eq!(app.screens().rewards.visible_funds().len(), 1);
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::Delete);
        assert_eq!(
            app.modals().confirm(),
            Some(&Confirm::DeleteFund("library".into())),
            "the filtered list's row"
        );
    }

    #[test]
    fn the_filter_edits_like_a_shell_line() {
        let mut app = App::default();
        cmd(&mut app, Command::Tab(1));
        cmd(&mut app, Command::Filter);
        for c in "first batch".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        app.update(Action::Edit(LineEdit::Start));
        app.update(Action::Edit(LineEdit::Type('#')));
        let filter = |app: &App| app.screens().batches.list().filter().to_string();
        assert_eq!(filter(&app), "#first batch");
        assert_eq!(app.cursor().cursor_in(&filter(&app)), 1);
        app.update(Action::Edit(LineEdit::End));
        app.update(Action::Edit(LineEdit::EraseToSpace));
        assert_eq!(filter(&app), "#first ");
        app.update(Action::Edit(LineEdit::EraseToStart));
        assert_eq!(filter(&app), "");
    }
}
