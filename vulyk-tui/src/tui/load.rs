//! The Load screen's form: task type, files (with path completion), batch, meta overrides,
//! whether to skip invalid lines; then a load running in the background with its progress,
//! cancellable, and its outcome with the rejected lines by file:line:column.

use std::time::Duration;

use vulyk_core::service::{CancelFlag, LoadProgress, LoadRequest};

use super::action::{Effect, LoadDone};

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

#[derive(Debug, Clone, PartialEq)]
pub struct LoadRun {
    pub cancel: CancelFlag,
    pub progress: Option<LoadProgress>,
    pub elapsed: Duration,
    /// `None` while it runs.
    pub outcome: Option<Result<LoadDone, String>>,
}

impl LoadRun {
    pub fn running(&self) -> bool {
        self.outcome.is_none()
    }

    /// Tasks stored per second so far.
    pub fn rate(&self) -> f64 {
        let loaded = self.progress.map_or(0, |p| p.loaded);
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            loaded as f64 / seconds
        } else {
            0.0
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadForm {
    pub types: Vec<String>,
    pub task_type: usize,
    pub path: String,
    pub files: Vec<String>,
    pub batch: String,
    pub meta: String,
    pub skip_invalid: bool,
    pub field: Option<Field>,
    pub editing: bool,
    pub completions: Vec<String>,
    /// A message about the form itself (nothing to load, bad meta).
    pub problem: Option<String>,
    pub run: Option<LoadRun>,
}

impl LoadForm {
    pub fn new(types: Vec<String>) -> LoadForm {
        LoadForm {
            types,
            field: Some(Field::Type),
            ..LoadForm::default()
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
        if let Some(run) = &mut self.run
            && run.running()
        {
            run.progress = Some(progress);
            run.elapsed = elapsed;
        }
    }

    pub fn finished(&mut self, outcome: Result<LoadDone, String>) {
        if let Some(run) = &mut self.run {
            if let Ok(done) = &outcome {
                run.elapsed = done.elapsed;
                let mut last = run.progress.unwrap_or_default();
                last.loaded = done.loaded;
                last.duplicates = done.duplicates;
                last.rejected = done.rejected;
                run.progress = Some(last);
            }
            run.outcome = Some(outcome);
        }
    }
}

/// Completes `text` with the names it may continue with: one is taken whole; several give
/// their common start, and are returned to be listed.
pub fn take_completions(text: &mut String, names: Vec<String>) -> Vec<String> {
    match names.as_slice() {
        [] => Vec::new(),
        [only] => {
            text.clone_from(only);
            Vec::new()
        }
        many => {
            let common = common_prefix(many);
            if common.len() > text.len() {
                *text = common;
            }
            names
        }
    }
}

fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut end = first.len();
    for name in &names[1..] {
        end = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, c), _)| i + c.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

/// The entries of the folder `typed` names whose names continue it (hidden ones only when
/// asked for with a dot); folders end with `/`.
pub fn completions_of(typed: &str) -> Vec<String> {
    let (dir, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { dir }) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let shown =
                name.starts_with(prefix) && (prefix.starts_with('.') || !name.starts_with('.'));
            let slash = if e.path().is_dir() { "/" } else { "" };
            shown.then(|| format!("{dir}{name}{slash}"))
        })
        .collect();
    names.sort();
    names.truncate(200);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> LoadForm {
        LoadForm::new(vec!["declaration_task".into(), "tagging_task".into()])
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

    #[test]
    fn completions_list_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["alpha.jsonl", "alpine.jsonl", "beta.jsonl", ".hidden"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("albums")).unwrap();
        let typed = format!("{}/al", dir.path().display());
        let names: Vec<String> = completions_of(&typed)
            .into_iter()
            .map(|n| {
                n.rsplit('/')
                    .find(|s| !s.is_empty())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["albums", "alpha.jsonl", "alpine.jsonl"]);
        assert!(
            completions_of(&format!("{}/", dir.path().display()))
                .iter()
                .all(|n| !n.contains(".hidden"))
        );
    }
}
