//! The Batches screen: every batch, filtered (`/`) and sorted (`s`); a batch's details
//! (Enter), its deletion after a question (d), and an export of its answers (e) with the
//! export's progress below the list.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;
use vulyk_core::service::{BatchOverview, BatchStats, ExportProgress};

use super::Screen;
use super::dashboard::Dashboard;
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::focus::Focus;
use crate::tui::layout;
use crate::tui::line::LineCursor;
use crate::tui::list::List;
use crate::tui::modals::confirm::Confirm;
use crate::tui::modals::prompt::{Prompt, PromptKind};
use crate::tui::modals::{Modal, Reply};
use crate::tui::theme::Theme;
use crate::words::counted;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BatchSort {
    #[default]
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

/// An export started from the Batches screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRun {
    pub path: String,
    pub progress: ExportProgress,
    /// `None` while it runs; (tasks, answers) written, or why not.
    pub outcome: Option<Result<(u64, u64), String>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BatchesScreen {
    /// Every batch of every type, as the last dashboard read found them; `None` before it.
    rows: Option<Vec<BatchRow>>,
    list: List,
    sort: BatchSort,
    /// The batch whose details are open, and its stats once read.
    detail: Option<(String, Option<BatchStats>)>,
    export: Option<ExportRun>,
}

impl BatchesScreen {
    /// The list's cursor and filter.
    pub fn list(&self) -> &List {
        &self.list
    }

    pub fn dashboard_loaded(&mut self, dashboard: &Dashboard) {
        let rows = dashboard.overview.types.iter().flat_map(|t| {
            t.batches.iter().map(|b| BatchRow {
                task_type: t.task_type.clone(),
                batch: b.clone(),
            })
        });
        self.rows = Some(rows.collect());
    }

    /// The batches the list shows: filtered (by batch or type name) and sorted.
    pub fn visible_batches(&self) -> Vec<BatchRow> {
        let mut rows: Vec<BatchRow> = self
            .rows
            .iter()
            .flatten()
            .filter(|r| self.list.matches(&[&r.batch.batch, &r.task_type]))
            .cloned()
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

    fn selected_batch(&self) -> Option<BatchRow> {
        self.visible_batches().get(self.list.selected()).cloned()
    }

    pub fn detail_loaded(&mut self, stats: BatchStats) {
        if let Some((id, detail)) = &mut self.detail
            && *id == stats.batch
        {
            *detail = Some(stats);
        }
    }

    /// The batch is gone: its details close.
    pub fn deleted(&mut self) {
        self.detail = None;
    }

    /// An export asked for (in the question `e` opened) runs from now on.
    pub fn export_started(&mut self, path: &str) {
        self.export = Some(ExportRun {
            path: path.to_string(),
            progress: ExportProgress::default(),
            outcome: None,
        });
    }

    pub fn export_progress(&mut self, progress: ExportProgress) {
        if let Some(run) = &mut self.export {
            run.progress = progress;
        }
    }

    /// The export's end; what the status line says of it.
    pub fn export_finished(&mut self, outcome: Result<(u64, u64), String>) -> Option<String> {
        let run = self.export.as_mut()?;
        let status = match &outcome {
            Ok((tasks, answers)) => format!(
                "Exported {} of {} to {}",
                counted(*answers as usize, "answer", "answers"),
                counted(*tasks as usize, "task", "tasks"),
                run.path
            ),
            Err(message) => format!("The export failed: {message}"),
        };
        run.outcome = Some(outcome);
        Some(status)
    }

    /// The filter line, the table and the export's gauge, in the screen's `body`.
    fn areas(&self, body: Rect) -> [Rect; 3] {
        layout::batches(body, self.list.filter_shown(), self.export.is_some())
    }

    /// `e`: where to export the selected batch's answers (a question, with a file name to
    /// edit), unless an export is still running.
    fn export(&self) -> Reply {
        if self.export.as_ref().is_some_and(|e| e.outcome.is_none()) {
            return Reply::status("An export is running");
        }
        let Some(row) = self.selected_batch() else {
            return Reply::default();
        };
        let batch = row.batch.batch;
        let kind = PromptKind::Export {
            task_type: row.task_type,
            batch: batch.clone(),
        };
        Reply::open(Modal::Question(Prompt::with_text(
            kind,
            format!("{batch}.jsonl"),
        )))
    }
}

impl Screen for BatchesScreen {
    fn command(&mut self, command: Command) -> Reply {
        match command {
            Command::Sort => {
                self.sort = self.sort.next();
                self.list.first();
            }
            Command::Open => {
                self.list.stop_filtering();
                if let Some(row) = self.selected_batch() {
                    let id = row.batch.batch;
                    self.detail = Some((id.clone(), None));
                    return Reply::effects(vec![Effect::LoadBatchDetail(id)]);
                }
            }
            Command::Export => return self.export(),
            Command::Delete => {
                if let Some(row) = self.selected_batch() {
                    return Reply::open(Modal::Confirm(Confirm::DeleteBatch {
                        id: row.batch.batch,
                        answers: row.batch.answers,
                    }));
                }
            }
            // Esc ends the filter's typing first, then closes the details, then clears it.
            Command::Back if !self.list.editing_filter() && self.detail.is_some() => {
                self.detail = None;
            }
            command => {
                self.list.command(command, self.visible_batches().len());
            }
        }
        Reply::default()
    }

    fn focus(&self) -> Focus {
        self.list.focus()
    }

    fn edit(&mut self, edit: &mut dyn FnMut(&mut String) -> bool) {
        self.list.edit(edit);
    }

    fn click_row(&mut self, row: usize) {
        self.list.click(row, self.visible_batches().len());
    }

    fn keep_selection(&mut self) {
        self.list.keep_within(self.visible_batches().len());
    }

    fn list_top(&self, body: Rect) -> Option<u16> {
        Some(layout::first_row(self.areas(body)[1]))
    }

    fn leave(&mut self) {
        self.list = List::default();
        self.detail = None;
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
        view::draw(self, frame, area, cursor, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::app::App;
    use crate::tui::fixture::{self, cmd};
    use crate::tui::line::LineEdit;

    fn batches(app: &App) -> &BatchesScreen {
        &app.screens().batches
    }

    #[test]
    fn the_batch_list_filters_sorts_and_moves() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Tab(1));
        let ids = |app: &App| -> Vec<String> {
            batches(app)
                .visible_batches()
                .into_iter()
                .map(|r| r.batch.batch)
                .collect()
        };
        assert_eq!(
            ids(&app),
            ["decl_2013", "decl_2014", "default", "zzz_loading"]
        );
        cmd(&mut app, Command::Sort);
        assert_eq!(batches(&app).sort, BatchSort::Progress);
        assert_eq!(
            ids(&app),
            ["zzz_loading", "default", "decl_2014", "decl_2013"]
        );
        cmd(&mut app, Command::Sort);
        assert_eq!(ids(&app)[3], "default", "by type, then id");
        for _ in 0..10 {
            cmd(&mut app, Command::Down);
        }
        assert_eq!(batches(&app).list.selected(), 3, "stops at the last row");
        cmd(&mut app, Command::Filter);
        assert!(batches(&app).list.editing_filter());
        for c in "TAG".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        assert_eq!(
            (ids(&app), batches(&app).list.selected()),
            (vec!["default".to_string()], 0)
        );
        app.update(Action::Edit(LineEdit::EraseBack));
        cmd(&mut app, Command::Back);
        assert!(!batches(&app).list.editing_filter() && batches(&app).list.filter() == "TA");
        cmd(&mut app, Command::Back);
        assert!(batches(&app).list.filter().is_empty());
        app.update(Action::ClickRow(2));
        assert_eq!(batches(&app).list.selected(), 2);
        app.update(Action::ClickRow(40));
        assert_eq!(
            batches(&app).list.selected(),
            2,
            "a click below the list changes nothing"
        );
    }
    #[test]
    fn details_open_for_the_selected_batch() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Tab(1));
        cmd(&mut app, Command::Down);
        assert_eq!(
            cmd(&mut app, Command::Open),
            [Effect::LoadBatchDetail("decl_2014".into())]
        );
        assert_eq!(batches(&app).detail, Some(("decl_2014".into(), None)));
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
            batches(&app).detail,
            Some(("decl_2014".into(), None)),
            "late answer for another batch"
        );
        stats.batch = "decl_2014".into();
        app.update(Action::BatchDetailLoaded(Box::new(stats.clone())));
        assert_eq!(
            batches(&app).detail,
            Some(("decl_2014".into(), Some(stats)))
        );
        cmd(&mut app, Command::Back);
        assert_eq!(batches(&app).detail, None);
    }
    #[test]
    fn deleting_asks_first() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Tab(1));
        assert!(cmd(&mut app, Command::Delete).is_empty());
        assert_eq!(
            app.modals().confirm(),
            Some(&Confirm::DeleteBatch {
                id: "decl_2013".into(),
                answers: 360
            })
        );
        assert!(app.update(Action::Confirm(false)).is_empty());
        assert_eq!(
            (app.modals().confirm().cloned(), app.status()),
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
        assert_eq!(app.status(), Some("Deleted batch decl_2013"));
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
        assert_eq!(app.modals().confirm(), None);
    }
    #[test]
    fn a_batch_is_exported_to_the_file_named() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Tab(1));
        cmd(&mut app, Command::Export);
        assert_eq!(
            app.modals().question().map(|p| p.text.as_str()),
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
        assert_eq!(app.status(), Some("An export is running"));
        assert!(app.modals().question().is_none());
        app.update(Action::ExportFinished(Ok((120, 360))));
        assert_eq!(
            app.status(),
            Some("Exported 360 answers of 120 tasks to decl_2013.jsonl.gz")
        );
    }
}
