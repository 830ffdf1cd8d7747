//! The console's router. `update` takes an action and hands it to the dialog on top, the
//! current screen, or the screen the data was read for; it keeps what belongs to no screen:
//! which one is shown, the dialogs, the status line, the cursor of the field being typed,
//! time and quitting. Nothing here waits for the database or draws.

use std::iter;

use super::action::Action;
use super::command::Command;
use super::effect::Effect;
use super::focus::{Focus, Tab};
use super::line::{LineCursor, LineEdit};
use super::modals::{Modal, Modals, Reply};
use super::screens::{Screen, Screens};

/// The dashboard refreshes on its own every this many ticks (a tick is a second).
pub const REFRESH_TICKS: u64 = 5;

/// The quality of every task type is computed again every this many ticks (five minutes).
/// It reads every answer of each type, seconds on a large project, so it never follows the
/// dashboard's pace: it is computed when the console starts, then at this pace, and when
/// the operator asks for it (`r` on the Quality screen). The dashboard's alpha comes from
/// these reports, so its own refresh reads no answers.
pub const QUALITY_TICKS: u64 = 300;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct App {
    tab: Tab,
    screens: Screens,
    /// The dialogs over the screen, the last on top.
    modals: Modals,
    /// The cursor in whichever text field is being typed into.
    cursor: LineCursor,
    status: Option<String>,
    ticks: u64,
    /// A dashboard read is under way (no second one is started meanwhile).
    reading: bool,
    quitting: bool,
}

impl App {
    /// The state at start (with the installed task types, for loading), and what to read
    /// first.
    pub fn start(types: Vec<String>) -> (App, Vec<Effect>) {
        let mut app = App {
            screens: Screens::new(types),
            ..App::default()
        };
        let effects = app.refresh();
        let quality = app.screens.quality.compute();
        (
            app,
            [
                effects,
                vec![Effect::LoadRewards, Effect::LoadPeople],
                quality,
            ]
            .concat(),
        )
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The screen shown.
    pub fn screen(&self) -> &dyn Screen {
        self.screens.get(self.tab)
    }

    pub fn modals(&self) -> &Modals {
        &self.modals
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn cursor(&self) -> &LineCursor {
        &self.cursor
    }

    pub fn quitting(&self) -> bool {
        self.quitting
    }

    /// Every screen's state, for tests that look beyond the one shown.
    #[cfg(test)]
    pub(crate) fn screens(&self) -> &Screens {
        &self.screens
    }

    #[cfg(test)]
    pub(crate) fn screens_mut(&mut self) -> &mut Screens {
        &mut self.screens
    }

    /// What takes the keys: the dialog on top, else what the screen has (a field or the
    /// filter being typed), else the screen itself.
    pub fn focus(&self) -> Focus {
        self.focus_top_down().next().unwrap_or(Focus::Screen)
    }

    /// The text field typing goes to, seen through the dialogs that take no text (they leave
    /// it as it was, its cursor too).
    fn text_field(&self) -> Option<Focus> {
        self.focus_top_down()
            .find(|focus| !focus.is_overlay())
            .filter(|focus| focus.takes_text())
    }

    fn focus_top_down(&self) -> impl Iterator<Item = Focus> + '_ {
        self.modals
            .focus_top_down()
            .chain(iter::once(self.screen().focus()))
    }

    fn refresh(&mut self) -> Vec<Effect> {
        if self.reading {
            return Vec::new();
        }
        self.reading = true;
        vec![Effect::LoadDashboard, Effect::LoadLog]
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let field = self.text_field();
        let effects = self.dispatch(action);
        // A field taken up anew gets a new cursor (at its end), whatever text it shares with
        // the last one.
        if self.text_field() != field {
            self.cursor = LineCursor::default();
        }
        effects
    }

    fn dispatch(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Command(command) => return self.command(command),
            Action::Edit(edit) => self.edit_text(edit),
            Action::CompletePath => {
                return match self.text_field() {
                    Some(Focus::Form { .. }) => {
                        self.modals.form().map_or_else(Vec::new, |f| f.complete())
                    }
                    Some(Focus::LoadField(_)) => self.screens.load.complete(),
                    _ => Vec::new(),
                };
            }
            Action::Completed(typed, names) => match self.modals.form_mut() {
                Some(form) => form.completed(&typed, names),
                None => self.screens.load.completed(&typed, names),
            },
            Action::LoadProgress(progress, elapsed) => {
                self.screens.load.progress(progress, elapsed);
            }
            Action::LoadFinished(outcome) => {
                self.status = Some(self.screens.load.finished(outcome.map(|done| *done)));
                return self.refresh();
            }
            Action::ClickTab(index) => return self.command(Command::Tab(index)),
            Action::ClickRow(row) => self.screens.get_mut(self.tab).click_row(row),
            Action::Confirm(yes) => {
                let reply = self.modals.answer(yes);
                return self.apply(reply);
            }
            Action::Tick => {
                self.ticks += 1;
                let mut effects = Vec::new();
                if self.ticks.is_multiple_of(REFRESH_TICKS) {
                    effects.extend(self.refresh());
                }
                if self.ticks.is_multiple_of(QUALITY_TICKS) {
                    effects.extend(self.screens.quality.compute());
                }
                return effects;
            }
            Action::DashboardLoaded(dashboard) => {
                self.reading = false;
                self.screens.dashboard_loaded(*dashboard);
                self.screens.get_mut(self.tab).keep_selection();
            }
            Action::BatchDetailLoaded(stats) => self.screens.batches.detail_loaded(*stats),
            Action::RewardsLoaded(rewards) => self.screens.rewards.loaded(*rewards),
            Action::ExportProgress(progress) => self.screens.batches.export_progress(progress),
            Action::ExportFinished(outcome) => {
                if let Some(status) = self.screens.batches.export_finished(outcome) {
                    self.status = Some(status);
                }
            }
            Action::LogLoaded(log) => self.screens.events.loaded(*log),
            Action::QualityLoaded(quality) => self.screens.quality_loaded(*quality),
            Action::PeopleLoaded(people) => self.screens.people.loaded(*people),
            Action::Changed(message) => {
                self.status = Some(message);
                self.modals.close_form();
                return vec![Effect::LoadPeople, Effect::LoadRewards];
            }
            Action::EditorFailed(message) => match self.modals.form_mut() {
                Some(form) => form.show_problem(&message),
                None => self.status = Some(message),
            },
            Action::Simulated(simulation) => {
                // The answer replaces "Asking who would earn …".
                self.status = None;
                self.modals.open(Modal::Simulation(*simulation));
            }
            Action::BatchDeleted(id) => {
                self.status = Some(format!("Deleted batch {id}"));
                self.screens.batches.deleted();
                return self.refresh();
            }
            Action::Failed(message) => {
                self.reading = false;
                self.status = Some(message);
            }
        }
        Vec::new()
    }

    /// A command goes to the dialogs (top first), then to the router's own (quitting, help,
    /// screens, refreshing), then to the current screen.
    fn command(&mut self, command: Command) -> Vec<Effect> {
        // A message stays until the operator does something else.
        self.status = None;
        if let Some(reply) = self.modals.command(command) {
            return self.apply(reply);
        }
        let count = Tab::ALL.len();
        match command {
            Command::Quit => return self.apply(Reply::effects(vec![Effect::Quit])),
            Command::Help => self.modals.open(Modal::Help),
            Command::NextTab => self.switch((self.tab.index() + 1) % count),
            Command::PrevTab => self.switch((self.tab.index() + count - 1) % count),
            Command::Tab(index) if index < count => self.switch(index),
            Command::Tab(_) => {}
            Command::Refresh => {
                let mut effects = self.refresh();
                effects.extend([Effect::LoadRewards, Effect::LoadPeople]);
                // Only where it is shown: the quality reads every answer.
                if self.tab == Tab::Quality {
                    effects.extend(self.screens.quality.compute());
                }
                return effects;
            }
            command => {
                let reply = self.screens.get_mut(self.tab).command(command);
                return self.apply(reply);
            }
        }
        Vec::new()
    }

    /// What a screen or a dialog asked for.
    fn apply(&mut self, reply: Reply) -> Vec<Effect> {
        if reply.status.is_some() {
            self.status = reply.status;
        }
        if let Some(modal) = reply.open {
            self.modals.open(modal);
        }
        for effect in &reply.effects {
            match effect {
                // The batch list shows an export from its start.
                Effect::Export { path, .. } => self.screens.batches.export_started(path),
                Effect::Quit => self.quitting = true,
                _ => {}
            }
        }
        reply.effects
    }

    /// Applies `edit` to the text being typed (a form's field, a question's answer, the
    /// filter, the load form's field), and forgets what the old text had led to.
    /// A move of the cursor alone changes nothing else.
    fn edit_text(&mut self, line_edit: LineEdit) {
        let field = self.text_field();
        let cursor = &mut self.cursor;
        let mut edit = |text: &mut String| cursor.apply(text, line_edit);
        match field {
            Some(Focus::Form { .. }) => {
                if let Some(form) = self.modals.form_mut() {
                    form.edit(edit);
                }
            }
            Some(Focus::Question) => {
                if let Some(question) = self.modals.question_mut() {
                    question.edit(edit);
                }
            }
            Some(Focus::Filter | Focus::LoadField(_)) => {
                self.screens.get_mut(self.tab).edit(&mut edit);
            }
            _ => {}
        }
    }

    fn switch(&mut self, index: usize) {
        self.screens.get_mut(self.tab).leave();
        self.tab = Tab::ALL[index];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture::{self, cmd};

    #[test]
    fn it_reads_everything_at_start_and_refreshes_on_its_own() {
        let (mut app, effects) = App::start(Vec::new());
        assert_eq!(
            effects,
            [
                Effect::LoadDashboard,
                Effect::LoadLog,
                Effect::LoadRewards,
                Effect::LoadPeople
            ]
        );
        assert!(app.reading);
        // A read still under way: ticks start no second one.
        for _ in 0..REFRESH_TICKS {
            assert!(app.update(Action::Tick).is_empty());
        }
        app.update(Action::DashboardLoaded(Box::new(fixture::dashboard())));
        assert!(!app.reading);
        let mut effects = Vec::new();
        for _ in 0..REFRESH_TICKS {
            effects.extend(app.update(Action::Tick));
        }
        assert_eq!(effects, [Effect::LoadDashboard, Effect::LoadLog]);
        // A failed read is shown and does not block the next one.
        app.update(Action::Failed("storage: gone".into()));
        assert_eq!(
            (app.reading, app.status.as_deref()),
            (false, Some("storage: gone"))
        );
        assert_eq!(
            cmd(&mut app, Command::Refresh),
            [
                Effect::LoadDashboard,
                Effect::LoadLog,
                Effect::LoadRewards,
                Effect::LoadPeople
            ]
        );
    }

    #[test]
    fn the_quality_is_computed_at_start_every_five_minutes_and_on_r_on_its_screen() {
        use crate::tui::screens::quality::TypeQuality;

        let types = vec!["a_task".to_string(), "b_task".to_string()];
        let computations = |effects: &[Effect]| -> Vec<Effect> {
            let asked = effects
                .iter()
                .filter(|e| matches!(e, Effect::ComputeQuality(_)));
            asked.cloned().collect()
        };
        let finish = |app: &mut App| {
            for task_type in ["a_task", "b_task"] {
                app.update(Action::QualityLoaded(Box::new(TypeQuality {
                    task_type: task_type.into(),
                    outcome: Err("none".into()),
                })));
            }
        };
        let five_minutes = |app: &mut App| -> Vec<Effect> {
            let ticked = (0..QUALITY_TICKS).flat_map(|_| app.update(Action::Tick));
            computations(&ticked.collect::<Vec<_>>())
        };
        let (mut app, effects) = App::start(types.clone());
        assert_eq!(
            computations(&effects),
            [Effect::ComputeQuality(types.clone())]
        );
        assert!(five_minutes(&mut app).is_empty(), "one at a time");
        cmd(&mut app, Command::Tab(6));
        assert!(computations(&cmd(&mut app, Command::Refresh)).is_empty());
        finish(&mut app);
        assert_eq!(
            five_minutes(&mut app),
            [Effect::ComputeQuality(types.clone())]
        );
        finish(&mut app);
        // `r` on the Quality screen: the type shown first.
        cmd(&mut app, Command::NextType);
        assert_eq!(
            computations(&cmd(&mut app, Command::Refresh)),
            [Effect::ComputeQuality(vec![
                "b_task".into(),
                "a_task".into()
            ])]
        );
        finish(&mut app);
        // Elsewhere `r` refreshes what reads no answers.
        cmd(&mut app, Command::Tab(0));
        assert!(computations(&cmd(&mut app, Command::Refresh)).is_empty());
    }

    #[test]
    fn tabs_switch_by_number_and_in_turn() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Tab(1));
        assert_eq!(app.tab, Tab::Batches);
        cmd(&mut app, Command::NextTab);
        assert_eq!(app.tab, Tab::Load);
        cmd(&mut app, Command::NextTab);
        assert_eq!(app.tab, Tab::People);
        cmd(&mut app, Command::NextTab);
        assert_eq!(app.tab, Tab::Rewards);
        cmd(&mut app, Command::NextTab);
        assert_eq!(app.tab, Tab::Events);
        cmd(&mut app, Command::NextTab);
        assert_eq!(app.tab, Tab::Quality);
        cmd(&mut app, Command::NextTab);
        assert_eq!(app.tab, Tab::Dashboard);
        cmd(&mut app, Command::PrevTab);
        assert_eq!(app.tab, Tab::Quality);
        cmd(&mut app, Command::Tab(7));
        assert_eq!(app.tab, Tab::Quality, "no such screen: nothing changes");
        app.update(Action::ClickTab(0));
        assert_eq!(app.tab, Tab::Dashboard);
    }

    #[test]
    fn a_field_taken_up_gets_its_own_cursor_even_with_the_same_text() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Tab(4));
        cmd(&mut app, Command::New);
        let type_in = |app: &mut App, text: &str| {
            cmd(app, Command::Open);
            for c in text.chars() {
                app.update(Action::Edit(LineEdit::Type(c)));
            }
        };
        type_in(&mut app, "ab");
        cmd(&mut app, Command::Open);
        cmd(&mut app, Command::Down);
        // The second field gets the same text, and its cursor goes to its start.
        type_in(&mut app, "ab");
        app.update(Action::Edit(LineEdit::Start));
        cmd(&mut app, Command::Open);
        cmd(&mut app, Command::Up);
        // Back in the first field, typing goes to its end, not where the other's cursor was.
        type_in(&mut app, "c");
        assert_eq!(app.modals.form().unwrap().fields[0].value, "abc");
    }
}
