//! The Load screen's form: task type, files (with path completion), batch, meta overrides,
//! whether to skip invalid lines; then a load running in the background with its progress,
//! cancellable, and its outcome with the rejected lines by file:line:column.

mod run;
mod view;

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use vulyk_core::service::{CancelFlag, LoadProgress, LoadRequest};

pub use run::{LoadDone, LoadRun};

use super::Screen;
use crate::tui::command::Command;
use crate::tui::completion::take_completions;
use crate::tui::effect::Effect;
use crate::tui::focus::Focus;
use crate::tui::line::LineCursor;
use crate::tui::modals::Reply;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Type,
    Path,
    Batch,
    Meta,
    SkipInvalid,
    Start,
}

impl Field {
    const ORDER: [Field; 6] = [
        Field::Type,
        Field::Path,
        Field::Batch,
        Field::Meta,
        Field::SkipInvalid,
        Field::Start,
    ];

    fn step(self, by: isize) -> Field {
        let at = Field::ORDER.iter().position(|f| *f == self).unwrap_or(0) as isize;
        let next = (at + by).clamp(0, Field::ORDER.len() as isize - 1);
        Field::ORDER[next as usize]
    }
}

/// The Load screen: the form, and the last load started from it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadScreen {
    pub(crate) types: Vec<String>,
    pub(crate) task_type: usize,
    pub(crate) path: String,
    pub(crate) files: Vec<String>,
    pub(crate) batch: String,
    pub(crate) meta: String,
    pub(crate) skip_invalid: bool,
    pub(crate) field: Option<Field>,
    pub(crate) editing: bool,
    pub(crate) completions: Vec<String>,
    /// A message about the form itself (nothing to load, bad meta).
    pub(crate) problem: Option<String>,
    pub(crate) run: Option<LoadRun>,
}

impl LoadScreen {
    pub fn new(types: Vec<String>) -> LoadScreen {
        LoadScreen {
            types,
            field: Some(Field::Type),
            ..LoadScreen::default()
        }
    }

    pub fn focused(&self) -> Field {
        self.field.unwrap_or(Field::Type)
    }

    pub fn move_focus(&mut self, by: isize) {
        if !self.editing {
            self.field = Some(self.focused().step(by));
        }
    }

    /// Enter on the focused field: edit it, switch the type, toggle, or start the load.
    pub fn activate(&mut self) -> Vec<Effect> {
        self.problem = None;
        match self.focused() {
            Field::Type if !self.types.is_empty() => {
                self.task_type = (self.task_type + 1) % self.types.len();
            }
            Field::Type => {}
            Field::Path | Field::Batch | Field::Meta => self.editing = true,
            Field::SkipInvalid => self.skip_invalid = !self.skip_invalid,
            Field::Start => return self.start(),
        }
        Vec::new()
    }

    /// Changes the focused field's text; the completions of the old text go.
    pub fn edit(&mut self, edit: impl FnOnce(&mut String) -> bool) {
        if let Some(text) = self.text_mut()
            && edit(text)
        {
            self.completions.clear();
        }
    }

    fn text_mut(&mut self) -> Option<&mut String> {
        match self.focused() {
            Field::Path => Some(&mut self.path),
            Field::Batch => Some(&mut self.batch),
            Field::Meta => Some(&mut self.meta),
            _ => None,
        }
    }

    /// Enter while editing: the path goes into the files (and editing goes on, for the next);
    /// the other fields are done.
    pub fn enter(&mut self) {
        if self.focused() == Field::Path {
            let path = std::mem::take(&mut self.path);
            if !path.trim().is_empty() {
                self.files.push(path.trim().to_string());
            }
            self.completions.clear();
        } else {
            self.editing = false;
        }
    }

    pub fn stop_editing(&mut self) {
        self.editing = false;
        self.completions.clear();
    }

    pub fn remove_last_file(&mut self) {
        self.files.pop();
    }

    /// Tab while editing the path: ask for the names it may continue with.
    pub fn complete(&self) -> Vec<Effect> {
        if self.editing && self.focused() == Field::Path {
            vec![Effect::Complete(self.path.clone())]
        } else {
            Vec::new()
        }
    }

    /// The names `typed` may continue with: one is taken whole, several give their common
    /// start and stay listed. A late answer (the path changed meanwhile) is dropped.
    pub fn completed(&mut self, typed: &str, names: Vec<String>) {
        if self.path != typed {
            return;
        }
        self.completions = take_completions(&mut self.path, names);
    }

    fn meta_pairs(&self) -> Result<Vec<(String, String)>, String> {
        self.meta
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|pair| crate::words::parse_key_value(pair).map_err(|e| format!("meta: {e}")))
            .collect()
    }

    fn start(&mut self) -> Vec<Effect> {
        if self.run.as_ref().is_some_and(LoadRun::running) {
            self.problem = Some("A load is running: c cancels it".into());
            return Vec::new();
        }
        let Some(task_type) = self.types.get(self.task_type).cloned() else {
            self.problem = Some("No task types: add plugins first".into());
            return Vec::new();
        };
        let mut files = self.files.clone();
        if !self.path.trim().is_empty() {
            files.push(self.path.trim().to_string());
            self.files = files.clone();
            self.path.clear();
        }
        if files.is_empty() {
            self.problem = Some("Add a file first (the Add file field; Tab completes)".into());
            return Vec::new();
        }
        let meta = match self.meta_pairs() {
            Ok(meta) => meta,
            Err(problem) => {
                self.problem = Some(problem);
                return Vec::new();
            }
        };
        let batch = Some(self.batch.trim().to_string()).filter(|b| !b.is_empty());
        let rejects = self.skip_invalid.then(|| {
            let name = batch
                .as_deref()
                .unwrap_or(vulyk_core::domain::DEFAULT_BATCH);
            std::path::PathBuf::from(format!("{name}.rejects.jsonl"))
        });
        let cancel = CancelFlag::default();
        let request = LoadRequest {
            batch,
            meta,
            rejects,
            cancel: Some(cancel.clone()),
            ..LoadRequest::new(task_type, files)
        };
        self.run = Some(LoadRun {
            cancel,
            progress: None,
            elapsed: Duration::ZERO,
            outcome: None,
        });
        vec![Effect::StartLoad(Box::new(request))]
    }

    pub fn cancel(&mut self) -> Vec<Effect> {
        match &self.run {
            Some(run) if run.running() => vec![Effect::CancelLoad(run.cancel.clone())],
            _ => Vec::new(),
        }
    }

    pub fn progress(&mut self, progress: LoadProgress, elapsed: Duration) {
        if let Some(run) = &mut self.run {
            run.progressed(progress, elapsed);
        }
    }

    /// The load's end; what the status line says of it.
    pub fn finished(&mut self, outcome: Result<LoadDone, String>) -> String {
        let status = match &outcome {
            Ok(done) => format!("Loaded {} tasks into batch {}", done.loaded, done.batch),
            Err(message) => format!("The load stopped: {message}"),
        };
        if let Some(run) = &mut self.run {
            run.finished(outcome);
        }
        status
    }
}

impl Screen for LoadScreen {
    /// Up and down the fields; Enter edits, picks or starts; Esc stops editing; d drops the
    /// last file, c cancels the load.
    fn command(&mut self, command: Command) -> Reply {
        match command {
            Command::Up => self.move_focus(-1),
            Command::Down => self.move_focus(1),
            Command::Open if self.editing => self.enter(),
            Command::Open => return Reply::effects(self.activate()),
            Command::Back if self.editing => self.stop_editing(),
            Command::Delete => self.remove_last_file(),
            Command::Cancel => return Reply::effects(self.cancel()),
            _ => {}
        }
        Reply::default()
    }

    fn focus(&self) -> Focus {
        if self.editing {
            Focus::LoadField(self.focused() as usize)
        } else {
            Focus::Screen
        }
    }

    fn edit(&mut self, edit: &mut dyn FnMut(&mut String) -> bool) {
        LoadScreen::edit(self, edit);
    }

    fn leave(&mut self) {
        self.stop_editing();
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
        view::draw(self, frame, area, cursor, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> LoadScreen {
        LoadScreen::new(vec!["declaration_task".into(), "tagging_task".into()])
    }

    #[test]
    fn fields_are_edited_and_a_load_is_asked_for() {
        let mut f = form();
        f.activate();
        assert_eq!(f.task_type, 1, "Enter on the type picks the next one");
        f.move_focus(1);
        f.activate();
        assert!(f.editing);
        for c in "a.jsonl".chars() {
            f.edit(|t| {
                t.push(c);
                true
            });
        }
        f.enter();
        assert_eq!(
            (f.files.clone(), f.path.as_str()),
            (vec!["a.jsonl".to_string()], "")
        );
        f.stop_editing();
        f.move_focus(1);
        f.activate();
        "b1".chars().for_each(|c| {
            f.edit(|t| {
                t.push(c);
                true
            })
        });
        f.enter();
        f.move_focus(1);
        f.activate();
        "points_per_task=2, coins_per_task=0.5"
            .chars()
            .for_each(|c| {
                f.edit(|t| {
                    t.push(c);
                    true
                })
            });
        f.enter();
        f.move_focus(1);
        f.activate();
        assert!(f.skip_invalid);
        f.move_focus(1);
        let effects = f.activate();
        let [Effect::StartLoad(request)] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(request.task_type, "tagging_task");
        assert_eq!(request.inputs, ["a.jsonl"]);
        assert_eq!(request.batch.as_deref(), Some("b1"));
        assert_eq!(request.meta.len(), 2);
        assert_eq!(
            request.rejects.as_deref(),
            Some(std::path::Path::new("b1.rejects.jsonl"))
        );
        assert!(f.run.as_ref().is_some_and(LoadRun::running));
        // While it runs, Start says so; c cancels through the request's flag.
        assert!(f.activate().is_empty());
        assert!(f.problem.is_some());
        assert_eq!(
            f.cancel(),
            [Effect::CancelLoad(request.cancel.clone().unwrap())]
        );
    }

    #[test]
    fn problems_are_named_before_anything_runs() {
        let mut f = form();
        f.field = Some(Field::Start);
        assert!(f.activate().is_empty());
        assert!(f.problem.as_deref().unwrap_or("").starts_with("Add a file"));
        f.files.push("a.jsonl".into());
        f.meta = "points_per_task".into();
        assert!(f.activate().is_empty());
        assert_eq!(
            f.problem.as_deref(),
            Some("meta: `points_per_task` is not KEY=VALUE")
        );
    }

    #[test]
    fn completion_takes_one_name_whole_and_lists_several() {
        let mut f = form();
        f.field = Some(Field::Path);
        f.editing = true;
        f.path = "fix".into();
        assert_eq!(f.complete(), [Effect::Complete("fix".into())]);
        f.completed("fix", vec!["fixtures/".into()]);
        assert_eq!(f.path, "fixtures/");
        f.completed(
            "fixtures/",
            vec!["fixtures/tasks/".into(), "fixtures/tagging.jsonl".into()],
        );
        assert_eq!(f.path, "fixtures/ta");
        assert_eq!(f.completions.len(), 2);
        f.completed("elsewhere", vec!["x".into()]);
        assert_eq!(f.path, "fixtures/ta", "a late answer is dropped");
    }
}
