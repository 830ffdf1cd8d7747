//! The Rewards screen: achievement rules, then funds, in one list. Enter edits the one
//! under the cursor in a form, `n` makes a rule and `+` a fund, `d` deletes (after a
//! question), `v` shows who would earn the rule.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;
use vulyk_core::gamification::{Fund, Rule};

use super::Screen;
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::focus::Focus;
use crate::tui::layout;
use crate::tui::line::LineCursor;
use crate::tui::list::List;
use crate::tui::modals::confirm::Confirm;
use crate::tui::modals::editor::Editor;
use crate::tui::modals::{Modal, Reply};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq)]
pub struct Rewards {
    pub rules: Vec<Rule>,
    pub funds: Vec<Fund>,
}

/// What the cursor is on: rules come first in the list, then funds.
enum Selected<'a> {
    Rule(&'a Rule),
    Fund(&'a Fund),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct RewardsScreen {
    rewards: Option<Rewards>,
    list: List,
}

impl RewardsScreen {
    /// The list's cursor and filter.
    pub fn list(&self) -> &List {
        &self.list
    }

    pub fn loaded(&mut self, rewards: Rewards) {
        self.rewards = Some(rewards);
    }

    /// The rules the list shows (by name or id).
    pub fn visible_rules(&self) -> Vec<&Rule> {
        self.rewards.as_ref().map_or_else(Vec::new, |r| {
            r.rules
                .iter()
                .filter(|rule| self.list.matches(&[&rule.name, &rule.id]))
                .collect()
        })
    }

    /// The funds the list shows (by name or id).
    pub fn visible_funds(&self) -> Vec<&Fund> {
        self.rewards.as_ref().map_or_else(Vec::new, |r| {
            r.funds
                .iter()
                .filter(|fund| self.list.matches(&[&fund.name, &fund.id]))
                .collect()
        })
    }

    fn rows(&self) -> usize {
        self.visible_rules().len() + self.visible_funds().len()
    }

    fn selected(&self) -> Option<Selected<'_>> {
        let rules = self.visible_rules();
        match rules.get(self.list.selected()) {
            Some(rule) => Some(Selected::Rule(rule)),
            None => self
                .visible_funds()
                .get(self.list.selected() - rules.len())
                .copied()
                .map(Selected::Fund),
        }
    }

    /// The screen's own commands: forms, deletion, the simulator.
    fn reward_command(&self, command: Command) -> Option<Reply> {
        let open = |modal| Some(Reply::open(modal));
        match (command, self.selected()) {
            (Command::New, _) => open(Modal::Form(Editor::rule(None))),
            (Command::NewSecondary, _) => open(Modal::Form(Editor::fund(None))),
            (Command::Open, Some(Selected::Rule(rule))) => {
                open(Modal::Form(Editor::rule(Some(rule))))
            }
            (Command::Open, Some(Selected::Fund(fund))) => {
                open(Modal::Form(Editor::fund(Some(fund))))
            }
            (Command::Delete, Some(Selected::Rule(rule))) => {
                open(Modal::Confirm(Confirm::DeleteRule(rule.id.clone())))
            }
            (Command::Delete, Some(Selected::Fund(fund))) => {
                open(Modal::Confirm(Confirm::DeleteFund(fund.id.clone())))
            }
            (Command::Simulate, Some(Selected::Rule(rule))) => Some(Reply {
                status: Some(format!("Asking who would earn {}…", rule.name)),
                ..Reply::effects(vec![Effect::Simulate(Box::new(rule.clone()))])
            }),
            _ => None,
        }
    }
}

impl Screen for RewardsScreen {
    fn command(&mut self, command: Command) -> Reply {
        if let Some(reply) = self.reward_command(command) {
            return reply;
        }
        self.list.command(command, self.rows());
        Reply::default()
    }

    fn focus(&self) -> Focus {
        self.list.focus()
    }

    fn edit(&mut self, edit: &mut dyn FnMut(&mut String) -> bool) {
        self.list.edit(edit);
    }

    fn click_row(&mut self, row: usize) {
        self.list.click(row, self.rows());
    }

    fn keep_selection(&mut self) {
        self.list.keep_within(self.rows());
    }

    /// A click is counted down from the first rule, as the cursor counts rules and then
    /// funds; the funds' table, below with its own border and header, is not mapped (its
    /// rows are reached with the keys).
    fn list_top(&self, body: Rect) -> Option<u16> {
        let (_, area) = layout::filter_line(body, self.list.filter_shown());
        let funds = self.rewards.as_ref().map_or(0, |r| r.funds.len());
        let [rules, _] = layout::rewards(area, funds);
        Some(layout::first_row(rules))
    }

    fn leave(&mut self) {
        self.list = List::default();
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
        view::draw(self, frame, area, cursor, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::fixture::{self, cmd};
    use crate::tui::line::LineEdit;
    use crate::tui::modals::editor::Subject;
    use crate::tui::modals::simulation::Simulation;

    #[test]
    fn rules_and_funds_are_edited_in_forms() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Tab(4));
        // Enter on the first rule opens it; a change is typed and saved.
        cmd(&mut app, Command::Open);
        let editor = app.modals().form().expect("the rule's form");
        assert_eq!(editor.subject, Subject::Rule(Some("first-steps".into())));
        for _ in 0..7 {
            cmd(&mut app, Command::Down);
        }
        cmd(&mut app, Command::Open);
        app.update(Action::Edit(LineEdit::EraseBack));
        app.update(Action::Edit(LineEdit::Type('9')));
        cmd(&mut app, Command::Open);
        let effects = cmd(&mut app, Command::Save);
        let [Effect::SaveRule { rule, new: false }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!((rule.id.as_str(), rule.bonus), ("first-steps", 9));
        // The core refuses: its message goes beside the field it names.
        app.update(Action::EditorFailed("name: a rule named `X` exists".into()));
        let name = &app.modals().form().unwrap().fields[0];
        assert!(name.problem.is_some());
        // Esc with the change unsaved asks first; "no" keeps the form and the change.
        cmd(&mut app, Command::Back);
        assert_eq!(
            app.modals().confirm(),
            Some(&Confirm::DropChanges { then_quit: false })
        );
        assert!(app.update(Action::Confirm(false)).is_empty());
        assert_eq!(app.modals().form().unwrap().fields[7].value, "9");
        // Ctrl-C while that is asked asks again, with the quit: one question, not two.
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::Quit);
        assert_eq!(
            app.modals().confirm(),
            Some(&Confirm::DropChanges { then_quit: true })
        );
        app.update(Action::Confirm(false));
        assert_eq!(app.modals().confirm(), None, "no question is left behind");
        // So does q; "no" keeps the console open.
        assert!(cmd(&mut app, Command::Quit).is_empty());
        assert_eq!(
            app.modals().confirm(),
            Some(&Confirm::DropChanges { then_quit: true })
        );
        app.update(Action::Confirm(false));
        assert!(!app.quitting() && app.modals().form().is_some());
        cmd(&mut app, Command::Back);
        app.update(Action::Confirm(true));
        assert!(app.modals().form().is_none());
        cmd(&mut app, Command::Open);
        // Saved: the form closes and the lists are read again.
        let effects = app.update(Action::Changed("Saved rule".into()));
        assert_eq!(effects, [Effect::LoadPeople, Effect::LoadRewards]);
        assert!(app.modals().form().is_none());
        // New ones; Esc closes a form.
        cmd(&mut app, Command::New);
        assert_eq!(
            app.modals().form().map(|e| e.subject.clone()),
            Some(Subject::Rule(None))
        );
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::NewSecondary);
        assert_eq!(
            app.modals().form().map(|e| e.subject.clone()),
            Some(Subject::Fund(None))
        );
        cmd(&mut app, Command::Back);
        // The simulator for the selected rule; deleting a fund asks first.
        let effects = cmd(&mut app, Command::Simulate);
        assert!(matches!(effects.as_slice(), [Effect::Simulate(rule)] if rule.id == "first-steps"));
        assert!(app.status().is_some_and(|s| s.starts_with("Asking")));
        app.update(Action::Simulated(Box::new(Simulation {
            rule: "first-steps".into(),
            limit: 10,
            holders: Vec::new(),
        })));
        assert_eq!(
            app.status(),
            None,
            "the answer ends the question's status line"
        );
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::Bottom);
        cmd(&mut app, Command::Delete);
        assert_eq!(
            app.modals().confirm(),
            Some(&Confirm::DeleteFund("library".into()))
        );
        assert_eq!(
            app.update(Action::Confirm(true)),
            [Effect::DeleteFund("library".into())]
        );
        assert!(
            cmd(&mut app, Command::Simulate).is_empty(),
            "a fund has no simulator"
        );
    }
}
