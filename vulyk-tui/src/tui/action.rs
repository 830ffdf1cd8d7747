//! What can happen to the console: the operator's commands and typing, and the background
//! jobs' answers, each carrying what was read for the screen that shows it.
//!
//! Keys become [`Command`]s through the keymap; background jobs answer with `*Loaded`
//! actions. `App::update` is the only place the state changes.

use std::time::Duration;

use vulyk_core::service::{BatchStats, ExportProgress, LoadProgress};

use super::command::Command;
use super::line::LineEdit;
use super::modals::simulation::Simulation;
use super::screens::dashboard::Dashboard;
use super::screens::events::Log;
use super::screens::load::LoadDone;
use super::screens::people::People;
use super::screens::quality::TypeQuality;
use super::screens::rewards::Rewards;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// A key for the field being edited (the filter, a form field, a question's answer).
    Edit(LineEdit),
    /// Tab in the path field: complete the name.
    CompletePath,
    /// The names a typed path may continue with.
    Completed(String, Vec<String>),
    LoadProgress(LoadProgress, Duration),
    LoadFinished(Result<Box<LoadDone>, String>),
    ExportProgress(ExportProgress),
    /// (tasks, answers) written, or why not.
    ExportFinished(Result<(u64, u64), String>),
    /// A click on a tab title, or on a list row (index into what is shown).
    ClickTab(usize),
    ClickRow(usize),
    /// The confirmation dialog's answer.
    Confirm(bool),
    /// Time passes: the dashboard refreshes on its own every few ticks, the quality every
    /// five minutes.
    Tick,
    DashboardLoaded(Box<Dashboard>),
    BatchDetailLoaded(Box<BatchStats>),
    RewardsLoaded(Box<Rewards>),
    PeopleLoaded(Box<People>),
    LogLoaded(Box<Log>),
    /// One task type's quality, or why it could not be computed.
    QualityLoaded(Box<TypeQuality>),
    /// A change (users, groups, rules, funds) was made: what to say.
    Changed(String),
    /// Saving an editor's form failed: the core's message, which names the field.
    EditorFailed(String),
    Simulated(Box<Simulation>),
    BatchDeleted(String),
    /// A background job failed; the message goes to the status line and the log.
    Failed(String),
}
