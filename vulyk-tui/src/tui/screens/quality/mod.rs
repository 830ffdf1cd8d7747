//! The Quality screen: for one task type at a time (`h`/`l` or the arrows pick it), how much
//! its volunteers agree (Krippendorff's alpha, per batch and over all) and how reliable each
//! one is (Dawid–Skene's accuracy), the least reliable first (`s` sorts by name instead);
//! Enter shows a volunteer's confusion matrix.
//!
//! The numbers are the core's (`Vulyk::quality`). Computing them reads every answer of a
//! type, so it is a background job the router asks for now and then (`App`), one at a time;
//! this screen only keeps what came back.

mod view;

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use vulyk_core::quality::{QualityReport, VolunteerQuality};

use super::Screen;
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::focus::Focus;
use crate::tui::layout;
use crate::tui::line::LineCursor;
use crate::tui::list::List;
use crate::tui::modals::confusion::Confusion;
use crate::tui::modals::{Modal, Reply};
use crate::tui::theme::Theme;

/// One task type's quality as the background job computed it, or why it could not.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeQuality {
    pub task_type: String,
    pub outcome: Result<QualityReport, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VolunteerSort {
    /// The least reliable first: those to look at. Volunteers without an estimate come last.
    #[default]
    Accuracy,
    Username,
}

impl VolunteerSort {
    pub fn label(self) -> &'static str {
        match self {
            VolunteerSort::Accuracy => "least reliable first",
            VolunteerSort::Username => "by name",
        }
    }

    fn toggled(self) -> VolunteerSort {
        match self {
            VolunteerSort::Accuracy => VolunteerSort::Username,
            VolunteerSort::Username => VolunteerSort::Accuracy,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QualityScreen {
    /// The installed task types, in the registry's order.
    types: Vec<String>,
    /// Which of them is shown.
    shown: usize,
    /// The latest outcome for each type computed.
    outcomes: BTreeMap<String, Result<QualityReport, String>>,
    /// The types the computation under way has still to answer for; empty when none runs.
    pending: Vec<String>,
    /// The volunteers' list.
    list: List,
    sort: VolunteerSort,
}

impl QualityScreen {
    pub fn new(types: Vec<String>) -> QualityScreen {
        QualityScreen {
            types,
            ..QualityScreen::default()
        }
    }

    /// The list's cursor and filter.
    pub fn list(&self) -> &List {
        &self.list
    }

    /// Asks for every type's quality, the one shown first; nothing while a computation runs
    /// (each reads all of its type's answers: a second one would only slow the first).
    pub fn compute(&mut self) -> Vec<Effect> {
        if !self.pending.is_empty() || self.types.is_empty() {
            return Vec::new();
        }
        let mut order = self.types.clone();
        order.rotate_left(self.shown % self.types.len());
        self.pending = order.clone();
        vec![Effect::ComputeQuality(order)]
    }

    pub fn computing(&self) -> bool {
        !self.pending.is_empty()
    }

    pub fn loaded(&mut self, quality: TypeQuality) {
        self.pending.retain(|t| *t != quality.task_type);
        self.outcomes.insert(quality.task_type, quality.outcome);
        self.keep_selection();
    }

    pub fn shown_type(&self) -> Option<&str> {
        self.types.get(self.shown).map(String::as_str)
    }

    /// The shown type's latest outcome; `None` before its first.
    fn outcome(&self) -> Option<&Result<QualityReport, String>> {
        self.outcomes.get(self.shown_type()?)
    }

    /// The shown type's report, if the latest computation made one.
    pub fn report(&self) -> Option<&QualityReport> {
        self.outcome()?.as_ref().ok()
    }

    /// The volunteers the list shows: filtered by name, sorted.
    pub fn visible_volunteers(&self) -> Vec<&VolunteerQuality> {
        let mut shown: Vec<&VolunteerQuality> = self
            .report()
            .map(|r| &r.volunteers[..])
            .unwrap_or_default()
            .iter()
            .filter(|v| self.list.matches(&[&v.username]))
            .collect();
        match self.sort {
            VolunteerSort::Accuracy => shown.sort_by(|a, b| {
                let accuracy = match (a.accuracy, b.accuracy) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (x, y) => y.is_some().cmp(&x.is_some()),
                };
                accuracy.then_with(|| a.username.cmp(&b.username))
            }),
            VolunteerSort::Username => shown.sort_by(|a, b| a.username.cmp(&b.username)),
        }
        shown
    }

    /// The confusion matrix of the volunteer under the cursor.
    fn confusion(&self) -> Option<Confusion> {
        let report = self.report()?;
        let volunteer = *self.visible_volunteers().get(self.list.selected())?;
        Some(Confusion {
            username: volunteer.username.clone(),
            accuracy: volunteer.accuracy,
            labels: report.label_names.clone(),
            matrix: volunteer.confusion.clone(),
        })
    }

    /// Another type, `by` places on (round the end); its list starts from the top.
    fn switch_type(&mut self, by: isize) {
        let count = self.types.len() as isize;
        if count > 0 {
            self.shown = (self.shown as isize + by).rem_euclid(count) as usize;
            self.list.first();
        }
    }
}

impl Screen for QualityScreen {
    fn command(&mut self, command: Command) -> Reply {
        match command {
            Command::NextType => self.switch_type(1),
            Command::PrevType => self.switch_type(-1),
            Command::Sort => {
                self.sort = self.sort.toggled();
                self.list.first();
            }
            Command::Open => {
                self.list.stop_filtering();
                if let Some(confusion) = self.confusion() {
                    return Reply::open(Modal::Confusion(confusion));
                }
            }
            command => {
                self.list.command(command, self.visible_volunteers().len());
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
        self.list.click(row, self.visible_volunteers().len());
    }

    fn keep_selection(&mut self) {
        self.list.keep_within(self.visible_volunteers().len());
    }

    fn list_top(&self, body: Rect) -> Option<u16> {
        let report = self.report()?;
        let (_, area) = layout::filter_line(body, self.list.filter_shown());
        let [_, _, volunteers] = layout::quality(area, report.batches.len());
        Some(layout::first_row(volunteers))
    }

    fn leave(&mut self) {
        self.list = List::default();
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
        view::draw(self, frame, area, cursor, theme);
    }
}

#[cfg(test)]
mod tests;
