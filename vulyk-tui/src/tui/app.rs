//! The console's state. `update` takes an action, changes the state and returns the effects
//! to run in the background; nothing here waits for the database or draws.

use vulyk_core::service::{BatchOverview, BatchStats};

use super::action::{Action, Change, Command, Dashboard, Effect, People, Rewards, Simulation};
use super::editor::Editor;
use super::line::{LineCursor, LineEdit};
use super::load::LoadForm;
use super::prompt::{Prompt, PromptKind};

/// The dashboard refreshes on its own every this many ticks (a tick is a second).
pub const REFRESH_TICKS: u64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Dashboard,
    Batches,
    Load,
    People,
    Rewards,
    Events,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Dashboard,
        Tab::Batches,
        Tab::Load,
        Tab::People,
        Tab::Rewards,
        Tab::Events,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dashboard",
            Tab::Batches => "Batches",
            Tab::Load => "Load",
            // Short enough that six titles fit in 80 columns; the screen shows both.
            Tab::People => "Users",
            Tab::Rewards => "Rules & funds",
            Tab::Events => "Events",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchSort {
    Id,
    Progress,
    Type,
}

impl BatchSort {
    pub fn label(self) -> &'static str {
        match self {
            BatchSort::Id => "id",
            BatchSort::Progress => "progress",
            BatchSort::Type => "type",
        }
    }

    fn next(self) -> BatchSort {
        match self {
            BatchSort::Id => BatchSort::Progress,
            BatchSort::Progress => BatchSort::Type,
            BatchSort::Type => BatchSort::Id,
        }
    }
}

/// A batch as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    pub task_type: String,
    pub batch: BatchOverview,
}

impl BatchRow {
    pub fn progress(&self) -> f64 {
        if self.batch.total == 0 {
            0.0
        } else {
            self.batch.closed as f64 / self.batch.total as f64
        }
    }
}

/// What the cursor is on, on the Rules & funds screen.
enum Selected {
    Rule(vulyk_core::gamification::Rule),
    Fund(Box<vulyk_core::gamification::Fund>),
}

/// A question the operator must answer before something destructive happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// A batch, and how many answers deleting it would purge with it.
    DeleteBatch {
        id: String,
        answers: u64,
    },
    DeleteRule(String),
    DeleteFund(String),
    /// Leaving a rule's or fund's form whose fields were changed (and then the console).
    DropChanges {
        then_quit: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct App {
    pub tab: Tab,
    pub dashboard: Option<Dashboard>,
    /// A dashboard read is under way (no second one is started meanwhile).
    pub loading: bool,
    pub rewards: Option<Rewards>,
    pub selected: usize,
    pub filter: String,
    pub editing_filter: bool,
    /// The cursor in whichever text field is being typed into.
    pub cursor: LineCursor,
    pub sort: BatchSort,
    /// The batch whose details are open, and its stats once read.
    pub detail: Option<(String, Option<BatchStats>)>,
    pub confirm: Option<Confirm>,
    pub help: bool,
    pub status: Option<String>,
    pub ticks: u64,
    pub quitting: bool,
    pub load: LoadForm,
    pub people: Option<People>,
    pub prompt: Option<Prompt>,
    pub export: Option<ExportRun>,
    pub log: Option<super::action::Log>,
    pub editor: Option<Editor>,
    pub simulation: Option<Simulation>,
}

/// An export started from the Batches screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRun {
    pub path: String,
    pub progress: vulyk_core::service::ExportProgress,
    /// `None` while it runs; (tasks, answers) written, or why not.
    pub outcome: Option<Result<(u64, u64), String>>,
}

impl Default for App {
    fn default() -> Self {
        App {
            tab: Tab::Dashboard,
            dashboard: None,
            loading: false,
            rewards: None,
            selected: 0,
            filter: String::new(),
            editing_filter: false,
            cursor: LineCursor::default(),
            sort: BatchSort::Id,
            detail: None,
            confirm: None,
            help: false,
            status: None,
            ticks: 0,
            quitting: false,
            load: LoadForm::default(),
            people: None,
            prompt: None,
            export: None,
            log: None,
            editor: None,
            simulation: None,
        }
    }
}

impl App {
    /// The state at start (with the installed task types, for loading), and what to read
    /// first.
    pub fn start(types: Vec<String>) -> (App, Vec<Effect>) {
        let mut app = App {
            load: LoadForm::new(types),
            ..App::default()
        };
        let effects = app.refresh();
        (
            app,
            [effects, vec![Effect::LoadRewards, Effect::LoadPeople]].concat(),
        )
    }

    fn refresh(&mut self) -> Vec<Effect> {
        if self.loading {
            return Vec::new();
        }
        self.loading = true;
        vec![Effect::LoadDashboard, Effect::LoadLog]
    }

    /// The batches the list shows: filtered (by batch or type name) and sorted.
    pub fn visible_batches(&self) -> Vec<BatchRow> {
        let Some(dashboard) = &self.dashboard else {
            return Vec::new();
        };
        let needle = self.filter.to_lowercase();
        let mut rows: Vec<BatchRow> = dashboard
            .overview
            .types
            .iter()
            .flat_map(|t| {
                t.batches.iter().map(|b| BatchRow {
                    task_type: t.task_type.clone(),
                    batch: b.clone(),
                })
            })
            .filter(|r| {
                needle.is_empty()
                    || r.batch.batch.to_lowercase().contains(&needle)
                    || r.task_type.to_lowercase().contains(&needle)
            })
            .collect();
        match self.sort {
            BatchSort::Id => rows.sort_by(|a, b| a.batch.batch.cmp(&b.batch.batch)),
            BatchSort::Progress => rows.sort_by(|a, b| {
                a.progress()
                    .total_cmp(&b.progress())
                    .then_with(|| a.batch.batch.cmp(&b.batch.batch))
            }),
            BatchSort::Type => rows.sort_by(|a, b| {
                (a.task_type.as_str(), a.batch.batch.as_str())
                    .cmp(&(b.task_type.as_str(), b.batch.batch.as_str()))
            }),
        }
        rows
    }

    /// Whether `texts` match the filter (case aside); everything does with no filter.
    pub fn matches(&self, texts: &[&str]) -> bool {
        let needle = self.filter.to_lowercase();
        needle.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(&needle))
    }

    /// The users the Users screen lists (by name, e-mail or group).
    pub fn visible_users(&self) -> Vec<&vulyk_core::domain::User> {
        self.people.as_ref().map_or_else(Vec::new, |p| {
            p.users
                .iter()
                .filter(|u| {
                    let groups = u.groups.join(" ");
                    self.matches(&[&u.username, &u.email, &groups])
                })
                .collect()
        })
    }

    /// The rules the Rules & funds screen lists (by name or id).
    pub fn visible_rules(&self) -> Vec<&vulyk_core::gamification::Rule> {
        self.rewards.as_ref().map_or_else(Vec::new, |r| {
            r.rules
                .iter()
                .filter(|rule| self.matches(&[&rule.name, &rule.id]))
                .collect()
        })
    }

    /// The funds the Rules & funds screen lists (by name or id).
    pub fn visible_funds(&self) -> Vec<&vulyk_core::gamification::Fund> {
        self.rewards.as_ref().map_or_else(Vec::new, |r| {
            r.funds
                .iter()
                .filter(|fund| self.matches(&[&fund.name, &fund.id]))
                .collect()
        })
    }

    /// How many rows the current tab's list has.
    fn rows(&self) -> usize {
        match self.tab {
            Tab::Dashboard | Tab::Load | Tab::Events => 0,
            Tab::Batches => self.visible_batches().len(),
            Tab::Rewards => self.visible_rules().len() + self.visible_funds().len(),
            Tab::People => self.visible_users().len(),
        }
    }

    fn selected_user(&self) -> Option<String> {
        self.visible_users()
            .get(self.selected)
            .map(|u| u.username.clone())
    }

    fn selected_batch(&self) -> Option<BatchRow> {
        self.visible_batches().get(self.selected).cloned()
    }

    /// Applies `edit` to the text being typed (a form's field, a question's answer, the
    /// filter, the load form's field), and forgets what the old text had led to.
    /// A move of the cursor alone changes nothing else.
    fn edit_text(&mut self, line_edit: LineEdit) -> Vec<Effect> {
        let cursor = &mut self.cursor;
        let mut edit = |text: &mut String| cursor.apply(text, line_edit);
        if let Some(editor) = &mut self.editor {
            editor.edit(edit);
        } else if let Some(prompt) = &mut self.prompt {
            if edit(&mut prompt.text) {
                prompt.problem = None;
            }
        } else if self.editing_filter {
            if edit(&mut self.filter) {
                self.selected = 0;
            }
        } else if self.load.editing {
            self.load.edit(edit);
        }
        Vec::new()
    }

    /// Which text field keys go to, if any: a field taken up anew gets a new cursor (at its
    /// end), whatever text it shares with the last one.
    fn text_field(&self) -> Option<(u8, usize)> {
        if let Some(editor) = &self.editor {
            editor.editing.then_some((0, editor.focus))
        } else if self.prompt.is_some() {
            Some((1, 0))
        } else if self.editing_filter {
            Some((2, 0))
        } else if self.load.editing {
            Some((3, self.load.focused() as usize))
        } else {
            None
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let field = self.text_field();
        let effects = self.apply(action);
        if self.text_field() != field {
            self.cursor = LineCursor::default();
        }
        effects
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Command(command) => self.command(command),
            Action::Edit(edit) => self.edit_text(edit),
            Action::CompletePath => match &self.editor {
                Some(editor) => editor.complete(),
                None => self.load.complete(),
            },
            Action::Completed(typed, names) => {
                match &mut self.editor {
                    Some(editor) => editor.completed(&typed, names),
                    None => self.load.completed(&typed, names),
                }
                Vec::new()
            }
            Action::LoadProgress(progress, elapsed) => {
                self.load.progress(progress, elapsed);
                Vec::new()
            }
            Action::LoadFinished(outcome) => {
                self.status = Some(match &outcome {
                    Ok(done) => format!("Loaded {} tasks into batch {}", done.loaded, done.batch),
                    Err(message) => format!("The load stopped: {message}"),
                });
                self.load.finished(outcome.map(|done| *done));
                self.refresh()
            }
            Action::ClickTab(index) => self.command(Command::Tab(index)),
            Action::ClickRow(row) => {
                if row < self.rows() {
                    self.selected = row;
                }
                Vec::new()
            }
            Action::Confirm(yes) => match (self.confirm.take(), yes) {
                (Some(Confirm::DeleteBatch { id, answers }), true) => {
                    self.status = Some(format!("Deleting batch {id}…"));
                    // The question named the answers, so saying yes is the purge.
                    vec![Effect::DeleteBatch {
                        id,
                        purge: answers > 0,
                    }]
                }
                (Some(Confirm::DeleteRule(id)), true) => vec![Effect::DeleteRule(id)],
                (Some(Confirm::DeleteFund(id)), true) => vec![Effect::DeleteFund(id)],
                (Some(Confirm::DropChanges { then_quit }), true) => {
                    self.editor = None;
                    if then_quit {
                        self.quitting = true;
                        return vec![Effect::Quit];
                    }
                    Vec::new()
                }
                (Some(Confirm::DropChanges { .. }), false) => Vec::new(),
                _ => {
                    self.status = Some("Nothing deleted".into());
                    Vec::new()
                }
            },
            Action::Tick => {
                self.ticks += 1;
                if self.ticks.is_multiple_of(REFRESH_TICKS) {
                    self.refresh()
                } else {
                    Vec::new()
                }
            }
            Action::DashboardLoaded(dashboard) => {
                self.dashboard = Some(*dashboard);
                self.loading = false;
                self.selected = self.selected.min(self.rows().saturating_sub(1));
                Vec::new()
            }
            Action::BatchDetailLoaded(stats) => {
                if let Some((id, detail)) = &mut self.detail
                    && *id == stats.batch
                {
                    *detail = Some(*stats);
                }
                Vec::new()
            }
            Action::RewardsLoaded(rewards) => {
                self.rewards = Some(*rewards);
                Vec::new()
            }
            Action::ExportProgress(progress) => {
                if let Some(run) = &mut self.export {
                    run.progress = progress;
                }
                Vec::new()
            }
            Action::ExportFinished(outcome) => {
                if let Some(run) = &mut self.export {
                    self.status = Some(match &outcome {
                        Ok((tasks, answers)) => {
                            format!(
                                "Exported {} of {} to {}",
                                crate::words::counted(*answers as usize, "answer", "answers"),
                                crate::words::counted(*tasks as usize, "task", "tasks"),
                                run.path
                            )
                        }
                        Err(message) => format!("The export failed: {message}"),
                    });
                    run.outcome = Some(outcome);
                }
                Vec::new()
            }
            Action::LogLoaded(log) => {
                self.log = Some(*log);
                Vec::new()
            }
            Action::PeopleLoaded(people) => {
                self.people = Some(*people);
                if self.tab == Tab::People {
                    self.selected = self.selected.min(self.rows().saturating_sub(1));
                }
                Vec::new()
            }
            Action::Changed(message) => {
                self.status = Some(message);
                self.editor = None;
                vec![Effect::LoadPeople, Effect::LoadRewards]
            }
            Action::EditorFailed(message) => {
                match &mut self.editor {
                    Some(editor) => editor.show_problem(&message),
                    None => self.status = Some(message),
                }
                Vec::new()
            }
            Action::Simulated(simulation) => {
                // The answer replaces "Asking who would earn …".
                self.status = None;
                self.simulation = Some(*simulation);
                Vec::new()
            }
            Action::BatchDeleted(id) => {
                self.status = Some(format!("Deleted batch {id}"));
                self.detail = None;
                self.refresh()
            }
            Action::Failed(message) => {
                self.loading = false;
                self.status = Some(message);
                Vec::new()
            }
        }
    }

    fn command(&mut self, command: Command) -> Vec<Effect> {
        // A message stays until the operator does something else.
        self.status = None;
        if self.help && command != Command::Quit {
            // Any key closes the help overlay.
            self.help = false;
            return Vec::new();
        }
        if self.prompt.is_some() {
            return self.prompt_command(command);
        }
        if self.editor.is_some() {
            return self.editor_command(command);
        }
        if self.simulation.is_some() && command != Command::Quit {
            // The simulator's answer closes on any key.
            self.simulation = None;
            return Vec::new();
        }
        if self.tab == Tab::Rewards
            && let Some(effects) = self.rewards_command(command)
        {
            return effects;
        }
        if self.tab == Tab::Load
            && let Some(effects) = self.load_command(command)
        {
            return effects;
        }
        if self.tab == Tab::People
            && let Some(effects) = self.people_command(command)
        {
            return effects;
        }
        match command {
            Command::Quit => {
                self.quitting = true;
                return vec![Effect::Quit];
            }
            Command::Help => self.help = true,
            Command::NextTab => self.switch((self.tab.index() + 1) % Tab::ALL.len()),
            Command::PrevTab => {
                self.switch((self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len())
            }
            Command::Tab(index) if index < Tab::ALL.len() => self.switch(index),
            Command::Tab(_) => {}
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => {
                self.selected = (self.selected + 1).min(self.rows().saturating_sub(1));
            }
            Command::Top => self.selected = 0,
            Command::Bottom => self.selected = self.rows().saturating_sub(1),
            Command::Back => {
                if self.editing_filter {
                    self.editing_filter = false;
                } else if self.detail.is_some() {
                    self.detail = None;
                } else if !self.filter.is_empty() {
                    self.filter.clear();
                }
            }
            Command::Filter
                if matches!(
                    self.tab,
                    Tab::Batches | Tab::People | Tab::Rewards | Tab::Events
                ) =>
            {
                self.editing_filter = true;
            }
            Command::Sort if self.tab == Tab::Batches => {
                self.sort = self.sort.next();
                self.selected = 0;
            }
            Command::Open if self.tab == Tab::Batches => {
                self.editing_filter = false;
                if let Some(row) = self.selected_batch() {
                    let id = row.batch.batch.clone();
                    self.detail = Some((id.clone(), None));
                    return vec![Effect::LoadBatchDetail(id)];
                }
            }
            Command::Export if self.tab == Tab::Batches => {
                if self.export.as_ref().is_some_and(|e| e.outcome.is_none()) {
                    self.status = Some("An export is running".into());
                } else if let Some(row) = self.selected_batch() {
                    let batch = row.batch.batch;
                    let kind = PromptKind::Export {
                        task_type: row.task_type,
                        batch: batch.clone(),
                    };
                    self.prompt = Some(Prompt::with_text(kind, format!("{batch}.jsonl")));
                }
            }
            Command::Delete if self.tab == Tab::Batches => {
                if let Some(row) = self.selected_batch() {
                    self.confirm = Some(Confirm::DeleteBatch {
                        id: row.batch.batch,
                        answers: row.batch.answers,
                    });
                }
            }
            Command::Refresh => {
                let mut effects = self.refresh();
                effects.extend([Effect::LoadRewards, Effect::LoadPeople]);
                return effects;
            }
            Command::Filter
            | Command::Sort
            | Command::Open
            | Command::Delete
            | Command::Export
            | Command::Save
            | Command::Simulate
            | Command::Cancel
            | Command::New
            | Command::NewSecondary
            | Command::AddToGroup
            | Command::RemoveFromGroup
            | Command::GroupTypes
            | Command::ToggleAdmin
            | Command::SetPassword => {}
        }
        Vec::new()
    }

    /// With a form open: move, edit, flip, save (Ctrl-S); Esc ends editing, then closes it.
    fn editor_command(&mut self, command: Command) -> Vec<Effect> {
        let Some(editor) = &mut self.editor else {
            return Vec::new();
        };
        match command {
            Command::Up => editor.move_focus(-1),
            Command::Down => editor.move_focus(1),
            Command::Open => editor.activate(),
            Command::Save => return editor.save(),
            Command::Back if editor.editing => editor.editing = false,
            // Leaving a form with changes asks first: Esc is also how a field's editing
            // ends, and one Esc too many would lose them.
            Command::Back if editor.changed() => {
                self.confirm = Some(Confirm::DropChanges { then_quit: false });
            }
            Command::Quit if editor.changed() => {
                self.confirm = Some(Confirm::DropChanges { then_quit: true });
            }
            Command::Back => self.editor = None,
            Command::Quit => {
                self.quitting = true;
                return vec![Effect::Quit];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The rule or fund under the cursor: rules come first in the list, then funds.
    fn selected_reward(&self) -> Option<Selected> {
        let rules = self.visible_rules();
        match rules.get(self.selected) {
            Some(rule) => Some(Selected::Rule((*rule).clone())),
            None => self
                .visible_funds()
                .get(self.selected - rules.len())
                .map(|fund| Selected::Fund(Box::new((*fund).clone()))),
        }
    }

    /// The Rules & funds screen: Enter edits, n a new rule, + a new fund, d deletes (after a
    /// question), v shows who would earn the rule.
    fn rewards_command(&mut self, command: Command) -> Option<Vec<Effect>> {
        match (command, self.selected_reward()) {
            (Command::New, _) => self.editor = Some(Editor::rule(None)),
            (Command::NewSecondary, _) => self.editor = Some(Editor::fund(None)),
            (Command::Open, Some(Selected::Rule(rule))) => {
                self.editor = Some(Editor::rule(Some(&rule)));
            }
            (Command::Open, Some(Selected::Fund(fund))) => {
                self.editor = Some(Editor::fund(Some(&fund)));
            }
            (Command::Delete, Some(Selected::Rule(rule))) => {
                self.confirm = Some(Confirm::DeleteRule(rule.id));
            }
            (Command::Delete, Some(Selected::Fund(fund))) => {
                self.confirm = Some(Confirm::DeleteFund(fund.id));
            }
            (Command::Simulate, Some(Selected::Rule(rule))) => {
                self.status = Some(format!("Asking who would earn {}…", rule.name));
                return Some(vec![Effect::Simulate(Box::new(rule))]);
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// With a question open, Enter answers it and Esc withdraws it; other keys wait.
    fn prompt_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Open => {
                let Some(prompt) = &mut self.prompt else {
                    return Vec::new();
                };
                match prompt.answer() {
                    Ok(effect) => {
                        self.prompt = None;
                        if let Effect::Export { path, .. } = &effect {
                            self.export = Some(ExportRun {
                                path: path.clone(),
                                progress: Default::default(),
                                outcome: None,
                            });
                        }
                        return vec![effect];
                    }
                    Err(problem) => prompt.problem = Some(problem),
                }
            }
            Command::Back => self.prompt = None,
            Command::Quit => {
                self.quitting = true;
                return vec![Effect::Quit];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The first group `username` is in, as the screen last read it.
    fn group_of(&self, username: &str) -> Option<vulyk_core::domain::Group> {
        let people = self.people.as_ref()?;
        let user = people.users.iter().find(|u| u.username == username)?;
        let first = user.groups.first()?;
        people
            .groups
            .iter()
            .find(|g| &g.group.id == first)
            .map(|g| g.group.clone())
    }

    /// The Groups & users screen's own commands, on the selected user.
    fn people_command(&mut self, command: Command) -> Option<Vec<Effect>> {
        let user = self.selected_user();
        let kind = match (command, user) {
            (Command::New, _) => PromptKind::NewUser,
            (Command::NewSecondary, _) => PromptKind::NewGroup,
            (Command::AddToGroup, Some(user)) => PromptKind::AddToGroup { user },
            (Command::RemoveFromGroup, Some(user)) => PromptKind::RemoveFromGroup { user },
            (Command::SetPassword, Some(user)) => PromptKind::Password { user },
            (Command::GroupTypes, user) => {
                // Filled in with the selected user's first group and what it allows, to edit.
                let text = user
                    .and_then(|user| self.group_of(&user))
                    .map(|g| format!("{} {}", g.id, g.allowed_types.join(" ")))
                    .unwrap_or_default();
                self.prompt = Some(Prompt::with_text(PromptKind::GroupTypes, text));
                return Some(Vec::new());
            }
            (Command::ToggleAdmin, Some(user)) => {
                let admin = self
                    .visible_users()
                    .get(self.selected)
                    .is_some_and(|u| u.admin);
                return Some(vec![Effect::Change(Change::SetAdmin {
                    user,
                    admin: !admin,
                })]);
            }
            _ => return None,
        };
        self.prompt = Some(Prompt::new(kind));
        Some(Vec::new())
    }

    /// The Load screen's own meaning of a command; `None` for the global ones.
    fn load_command(&mut self, command: Command) -> Option<Vec<Effect>> {
        let form = &mut self.load;
        match command {
            Command::Up => form.move_focus(-1),
            Command::Down => form.move_focus(1),
            Command::Open if form.editing => form.enter(),
            Command::Open => return Some(form.activate()),
            Command::Back if form.editing => form.stop_editing(),
            Command::Delete => form.remove_last_file(),
            Command::Cancel => return Some(form.cancel()),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn switch(&mut self, index: usize) {
        self.tab = Tab::ALL[index];
        self.selected = 0;
        self.detail = None;
        self.editing_filter = false;
        // A filter belongs to the list it was typed on.
        self.filter.clear();
        self.load.stop_editing();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;

    fn loaded() -> App {
        let (mut app, _) = App::start(vec!["tagging_task".into()]);
        app.update(Action::DashboardLoaded(Box::new(fixture::dashboard())));
        app.update(Action::RewardsLoaded(Box::new(fixture::rewards())));
        app
    }

    fn cmd(app: &mut App, command: Command) -> Vec<Effect> {
        app.update(Action::Command(command))
    }

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
        assert!(app.loading);
        // A read still under way: ticks start no second one.
        for _ in 0..REFRESH_TICKS {
            assert!(app.update(Action::Tick).is_empty());
        }
        app.update(Action::DashboardLoaded(Box::new(fixture::dashboard())));
        assert!(!app.loading);
        let mut effects = Vec::new();
        for _ in 0..REFRESH_TICKS {
            effects.extend(app.update(Action::Tick));
        }
        assert_eq!(effects, [Effect::LoadDashboard, Effect::LoadLog]);
        // A failed read is shown and does not block the next one.
        app.update(Action::Failed("storage: gone".into()));
        assert_eq!(
            (app.loading, app.status.as_deref()),
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
    fn tabs_switch_by_number_and_in_turn() {
        let mut app = loaded();
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
        assert_eq!(app.tab, Tab::Dashboard);
        cmd(&mut app, Command::PrevTab);
        assert_eq!(app.tab, Tab::Events);
        cmd(&mut app, Command::Tab(7));
        assert_eq!(app.tab, Tab::Events, "no such screen: nothing changes");
        app.update(Action::ClickTab(0));
        assert_eq!(app.tab, Tab::Dashboard);
    }

    #[test]
    fn the_batch_list_filters_sorts_and_moves() {
        let mut app = loaded();
        cmd(&mut app, Command::Tab(1));
        let ids = |app: &App| -> Vec<String> {
            app.visible_batches()
                .into_iter()
                .map(|r| r.batch.batch)
                .collect()
        };
        assert_eq!(
            ids(&app),
            ["decl_2013", "decl_2014", "default", "zzz_loading"]
        );
        cmd(&mut app, Command::Sort);
        assert_eq!(app.sort, BatchSort::Progress);
        assert_eq!(
            ids(&app),
            ["zzz_loading", "default", "decl_2014", "decl_2013"]
        );
        cmd(&mut app, Command::Sort);
        assert_eq!(ids(&app)[3], "default", "by type, then id");
        for _ in 0..10 {
            cmd(&mut app, Command::Down);
        }
        assert_eq!(app.selected, 3, "stops at the last row");
        cmd(&mut app, Command::Filter);
        assert!(app.editing_filter);
        for c in "TAG".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        assert_eq!((ids(&app), app.selected), (vec!["default".to_string()], 0));
        app.update(Action::Edit(LineEdit::EraseBack));
        cmd(&mut app, Command::Back);
        assert!(!app.editing_filter && app.filter == "TA");
        cmd(&mut app, Command::Back);
        assert!(app.filter.is_empty());
        app.update(Action::ClickRow(2));
        assert_eq!(app.selected, 2);
        app.update(Action::ClickRow(40));
        assert_eq!(app.selected, 2, "a click below the list changes nothing");
    }

    #[test]
    fn details_open_for_the_selected_batch() {
        let mut app = loaded();
        cmd(&mut app, Command::Tab(1));
        cmd(&mut app, Command::Down);
        assert_eq!(
            cmd(&mut app, Command::Open),
            [Effect::LoadBatchDetail("decl_2014".into())]
        );
        assert_eq!(app.detail, Some(("decl_2014".into(), None)));
        let mut stats = vulyk_core::service::BatchStats {
            batch: "other".into(),
            task_type: "t".into(),
            status: vulyk_core::domain::BatchStatus::Open,
            total: 1,
            completed: 0,
            percent_completed: 0.0,
            answers: 0,
            percent_answers: None,
            breakdown: vec![],
        };
        app.update(Action::BatchDetailLoaded(Box::new(stats.clone())));
        assert_eq!(
            app.detail,
            Some(("decl_2014".into(), None)),
            "late answer for another batch"
        );
        stats.batch = "decl_2014".into();
        app.update(Action::BatchDetailLoaded(Box::new(stats.clone())));
        assert_eq!(app.detail, Some(("decl_2014".into(), Some(stats))));
        cmd(&mut app, Command::Back);
        assert_eq!(app.detail, None);
    }

    #[test]
    fn deleting_asks_first() {
        let mut app = loaded();
        cmd(&mut app, Command::Tab(1));
        assert!(cmd(&mut app, Command::Delete).is_empty());
        assert_eq!(
            app.confirm,
            Some(Confirm::DeleteBatch {
                id: "decl_2013".into(),
                answers: 360
            })
        );
        assert!(app.update(Action::Confirm(false)).is_empty());
        assert_eq!(
            (app.confirm.clone(), app.status.as_deref()),
            (None, Some("Nothing deleted"))
        );
        cmd(&mut app, Command::Delete);
        assert_eq!(
            app.update(Action::Confirm(true)),
            [Effect::DeleteBatch {
                id: "decl_2013".into(),
                purge: true
            }]
        );
        assert_eq!(
            app.update(Action::BatchDeleted("decl_2013".into())),
            [Effect::LoadDashboard, Effect::LoadLog]
        );
        assert_eq!(app.status.as_deref(), Some("Deleted batch decl_2013"));
        // A batch without answers is deleted without a purge.
        cmd(&mut app, Command::Bottom);
        cmd(&mut app, Command::Delete);
        assert_eq!(
            app.update(Action::Confirm(true)),
            [Effect::DeleteBatch {
                id: "zzz_loading".into(),
                purge: false
            }]
        );
        // Not on the dashboard: there is no list to delete from.
        cmd(&mut app, Command::Tab(0));
        cmd(&mut app, Command::Delete);
        assert_eq!(app.confirm, None);
    }

    #[test]
    fn users_and_groups_change_through_questions() {
        use crate::tui::action::Change;
        use crate::tui::prompt::PromptKind;
        let mut app = loaded();
        app.update(Action::PeopleLoaded(Box::new(fixture::people())));
        cmd(&mut app, Command::Tab(3));
        assert_eq!(app.tab, Tab::People);
        cmd(&mut app, Command::Down);
        // Admin rights flip at once, for the selected user.
        assert_eq!(
            cmd(&mut app, Command::ToggleAdmin),
            [Effect::Change(Change::SetAdmin {
                user: "olena".into(),
                admin: true
            })]
        );
        // A membership: the question, typed, answered.
        cmd(&mut app, Command::AddToGroup);
        assert_eq!(
            app.prompt.as_ref().map(|p| p.kind.clone()),
            Some(PromptKind::AddToGroup {
                user: "olena".into()
            })
        );
        for c in "editors".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        assert_eq!(
            cmd(&mut app, Command::Open),
            [Effect::Change(Change::Assign {
                group: "editors".into(),
                user: "olena".into()
            })]
        );
        assert!(app.prompt.is_none());
        // A group's task types: the question starts from the user's first group, to edit.
        cmd(&mut app, Command::GroupTypes);
        let prompt = app.prompt.as_ref().expect("the group's types");
        assert_eq!(prompt.kind, PromptKind::GroupTypes);
        assert_eq!(prompt.text, "default declaration_task tagging_task");
        app.update(Action::Edit(LineEdit::EraseWordBack));
        assert_eq!(
            cmd(&mut app, Command::Open),
            [Effect::Change(Change::SetGroupTypes {
                group: "default".into(),
                types: vec!["declaration_task".into()]
            })]
        );
        // An empty answer stays open with its problem; Esc withdraws it.
        cmd(&mut app, Command::New);
        assert!(cmd(&mut app, Command::Open).is_empty());
        assert!(app.prompt.as_ref().is_some_and(|p| p.problem.is_some()));
        cmd(&mut app, Command::Back);
        assert!(app.prompt.is_none());
        // Done: say so, and read the users again.
        assert_eq!(
            app.update(Action::Changed("Added olena".into())),
            [Effect::LoadPeople, Effect::LoadRewards]
        );
        assert_eq!(app.status.as_deref(), Some("Added olena"));
        // Elsewhere these keys mean nothing.
        cmd(&mut app, Command::Tab(0));
        assert!(cmd(&mut app, Command::ToggleAdmin).is_empty());
        assert!(app.prompt.is_none());
    }

    #[test]
    fn a_batch_is_exported_to_the_file_named() {
        let mut app = loaded();
        cmd(&mut app, Command::Tab(1));
        cmd(&mut app, Command::Export);
        assert_eq!(
            app.prompt.as_ref().map(|p| p.text.as_str()),
            Some("decl_2013.jsonl")
        );
        for c in ".gz".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        let effects = cmd(&mut app, Command::Open);
        assert_eq!(
            effects,
            [Effect::Export {
                task_type: "declaration_task".into(),
                batch: "decl_2013".into(),
                path: "decl_2013.jsonl.gz".into()
            }]
        );
        cmd(&mut app, Command::Export);
        assert_eq!(app.status.as_deref(), Some("An export is running"));
        assert!(app.prompt.is_none());
        app.update(Action::ExportFinished(Ok((120, 360))));
        assert_eq!(
            app.status.as_deref(),
            Some("Exported 360 answers of 120 tasks to decl_2013.jsonl.gz")
        );
    }

    #[test]
    fn rules_and_funds_are_edited_in_forms() {
        use crate::tui::editor::Subject;
        let mut app = loaded();
        cmd(&mut app, Command::Tab(4));
        // Enter on the first rule opens it; a change is typed and saved.
        cmd(&mut app, Command::Open);
        let editor = app.editor.as_ref().expect("the rule's form");
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
        let name = &app.editor.as_ref().unwrap().fields[0];
        assert!(name.problem.is_some());
        // Esc with the change unsaved asks first; "no" keeps the form and the change.
        cmd(&mut app, Command::Back);
        assert_eq!(app.confirm, Some(Confirm::DropChanges { then_quit: false }));
        assert!(app.update(Action::Confirm(false)).is_empty());
        assert_eq!(app.editor.as_ref().unwrap().fields[7].value, "9");
        // So does q; "no" keeps the console open.
        assert!(cmd(&mut app, Command::Quit).is_empty());
        assert_eq!(app.confirm, Some(Confirm::DropChanges { then_quit: true }));
        app.update(Action::Confirm(false));
        assert!(!app.quitting && app.editor.is_some());
        cmd(&mut app, Command::Back);
        app.update(Action::Confirm(true));
        assert!(app.editor.is_none());
        cmd(&mut app, Command::Open);
        // Saved: the form closes and the lists are read again.
        let effects = app.update(Action::Changed("Saved rule".into()));
        assert_eq!(effects, [Effect::LoadPeople, Effect::LoadRewards]);
        assert!(app.editor.is_none());
        // New ones; Esc closes a form.
        cmd(&mut app, Command::New);
        assert_eq!(
            app.editor.as_ref().map(|e| e.subject.clone()),
            Some(Subject::Rule(None))
        );
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::NewSecondary);
        assert_eq!(
            app.editor.as_ref().map(|e| e.subject.clone()),
            Some(Subject::Fund(None))
        );
        cmd(&mut app, Command::Back);
        // The simulator for the selected rule; deleting a fund asks first.
        let effects = cmd(&mut app, Command::Simulate);
        assert!(matches!(effects.as_slice(), [Effect::Simulate(rule)] if rule.id == "first-steps"));
        assert!(
            app.status
                .as_deref()
                .is_some_and(|s| s.starts_with("Asking"))
        );
        app.update(Action::Simulated(Box::new(Simulation {
            rule: "first-steps".into(),
            limit: 10,
            holders: Vec::new(),
        })));
        assert_eq!(
            app.status, None,
            "the answer ends the question's status line"
        );
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::Bottom);
        cmd(&mut app, Command::Delete);
        assert_eq!(app.confirm, Some(Confirm::DeleteFund("library".into())));
        assert_eq!(
            app.update(Action::Confirm(true)),
            [Effect::DeleteFund("library".into())]
        );
        assert!(
            cmd(&mut app, Command::Simulate).is_empty(),
            "a fund has no simulator"
        );
    }

    #[test]
    fn a_funds_logo_path_completes_with_tab() {
        let mut app = loaded();
        cmd(&mut app, Command::Tab(4));
        cmd(&mut app, Command::NewSecondary);
        let logo = app.editor.as_ref().unwrap().fields.len() - 1;
        for _ in 0..logo {
            cmd(&mut app, Command::Down);
        }
        // Tab means nothing until the field is being edited.
        assert!(app.update(Action::CompletePath).is_empty());
        cmd(&mut app, Command::Open);
        for c in "fix".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        assert_eq!(
            app.update(Action::CompletePath),
            [Effect::Complete("fix".into())]
        );
        app.update(Action::Completed("fix".into(), vec!["fixtures/".into()]));
        assert_eq!(app.editor.as_ref().unwrap().fields[logo].value, "fixtures/");
        let names = vec![
            "fixtures/fund-logo.png".into(),
            "fixtures/fund-logo.svg".into(),
        ];
        app.update(Action::Completed("fixtures/".into(), names.clone()));
        let editor = app.editor.as_ref().unwrap();
        assert_eq!(editor.fields[logo].value, "fixtures/fund-logo.");
        assert_eq!(editor.completions, names);
        // A late answer, for text since changed, is dropped.
        app.update(Action::Completed("fix".into(), vec!["other/".into()]));
        assert_eq!(
            app.editor.as_ref().unwrap().fields[logo].value,
            "fixtures/fund-logo."
        );
        cmd(&mut app, Command::Back);
        assert!(app.update(Action::CompletePath).is_empty());
    }

    #[test]
    fn every_list_filters_and_a_filter_stays_with_its_list() {
        let mut app = loaded();
        app.update(Action::PeopleLoaded(Box::new(fixture::people())));
        cmd(&mut app, Command::Tab(3));
        cmd(&mut app, Command::Filter);
        for c in "edit".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        let users: Vec<&str> = app
            .visible_users()
            .iter()
            .map(|u| u.username.as_str())
            .collect();
        assert_eq!(users, ["olena"], "by group");
        cmd(&mut app, Command::Back);
        assert_eq!(
            cmd(&mut app, Command::ToggleAdmin),
            [Effect::Change(crate::tui::action::Change::SetAdmin {
                user: "olena".into(),
                admin: true
            })]
        );
        cmd(&mut app, Command::Tab(4));
        assert!(app.filter.is_empty(), "switching screens clears the filter");
        cmd(&mut app, Command::Filter);
        for c in "LIBR".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        assert!(app.visible_rules().is_empty());
        assert_eq!(app.visible_funds().len(), 1);
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::Delete);
        assert_eq!(
            app.confirm,
            Some(Confirm::DeleteFund("library".into())),
            "the filtered list's row"
        );
    }

    #[test]
    fn help_closes_on_any_key_and_q_quits() {
        let mut app = loaded();
        cmd(&mut app, Command::Help);
        assert!(app.help);
        cmd(&mut app, Command::Tab(1));
        assert!(!app.help);
        assert_eq!(app.tab, Tab::Dashboard, "the key only closed the help");
        assert_eq!(cmd(&mut app, Command::Quit), [Effect::Quit]);
        assert!(app.quitting);
    }

    #[test]
    fn a_field_taken_up_gets_its_own_cursor_even_with_the_same_text() {
        let mut app = loaded();
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
        assert_eq!(app.editor.as_ref().unwrap().fields[0].value, "abc");
    }

    #[test]
    fn the_filter_edits_like_a_shell_line() {
        let mut app = App {
            tab: Tab::Batches,
            ..App::default()
        };
        cmd(&mut app, Command::Filter);
        for c in "first batch".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        app.update(Action::Edit(LineEdit::Start));
        app.update(Action::Edit(LineEdit::Type('#')));
        assert_eq!(app.filter, "#first batch");
        assert_eq!(app.cursor.cursor_in(&app.filter), 1);
        app.update(Action::Edit(LineEdit::End));
        app.update(Action::Edit(LineEdit::EraseToSpace));
        assert_eq!(app.filter, "#first ");
        app.update(Action::Edit(LineEdit::EraseToStart));
        assert_eq!(app.filter, "");
    }
}
