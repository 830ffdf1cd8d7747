//! What can happen to the console (actions) and what it asks to be done (effects).
//!
//! Keys become [`Command`]s through the keymap; background jobs answer with `*Loaded`
//! actions. `App::update` is the only place the state changes.

use std::time::Duration;

use vulyk_core::domain::User;
use vulyk_core::gamification::{Fund, Rule};
use vulyk_core::service::{
    BatchStats, CancelFlag, ExportProgress, GameNumbers, LeaderRow, LoadProgress, LoadRequest,
    LoadSummary, Overview,
};

use super::line::LineEdit;

/// What the operator asks for, whatever key or click said it. The names say what a key does
/// on every screen; what it makes or deletes there is the screen's (and its help line's) to
/// say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    NextTab,
    PrevTab,
    Tab(usize),
    Up,
    Down,
    Top,
    Bottom,
    /// Enter: a batch's details, a rule's or fund's form, a form's field; answers a question.
    Open,
    /// Esc: out of the field, the details, the filter, the form or the question.
    Back,
    Filter,
    Sort,
    /// What is under the cursor: a batch, a rule, a fund; the Load form's last file.
    Delete,
    Refresh,
    Cancel,
    Export,
    Save,
    Simulate,
    /// A new one of what the screen lists: a user, a rule.
    New,
    /// A new one of the screen's second kind: a group (beside the users), a fund (beside the
    /// rules).
    NewSecondary,
    AddToGroup,
    RemoveFromGroup,
    GroupTypes,
    ToggleAdmin,
    SetPassword,
}

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
    /// Time passes: the dashboard refreshes on its own every few ticks.
    Tick,
    DashboardLoaded(Box<Dashboard>),
    BatchDetailLoaded(Box<BatchStats>),
    RewardsLoaded(Box<Rewards>),
    PeopleLoaded(Box<People>),
    LogLoaded(Box<Log>),
    /// A change (users, groups, rules, funds) was made: what to say.
    Changed(String),
    /// Saving an editor's form failed: the core's message, which names the field.
    EditorFailed(String),
    Simulated(Box<Simulation>),
    BatchDeleted(String),
    /// A background job failed; the message goes to the status line and the log.
    Failed(String),
}

/// What the console asks the background jobs to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadDashboard,
    Complete(String),
    StartLoad(Box<LoadRequest>),
    CancelLoad(CancelFlag),
    LoadBatchDetail(String),
    LoadRewards,
    LoadPeople,
    LoadLog,
    Change(Change),
    Export {
        task_type: String,
        batch: String,
        path: String,
    },
    /// With `purge`, the batch's answers and work sessions go too.
    DeleteBatch {
        id: String,
        purge: bool,
    },
    SaveRule {
        rule: Box<Rule>,
        new: bool,
    },
    SaveFund {
        fund: Box<Fund>,
        /// A logo file to read and store; `None` keeps the logo.
        logo: Option<String>,
        new: bool,
    },
    DeleteRule(String),
    DeleteFund(String),
    Simulate(Box<Rule>),
    Quit,
}

/// Everything the dashboard and the batch list show, read in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub overview: Overview,
    /// Top volunteers per task type.
    pub leaders: Vec<(String, Vec<LeaderRow>)>,
    pub numbers: GameNumbers,
}

/// The latest answers and events, with volunteers' names, for the Events screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Log {
    pub answers: Vec<LogAnswer>,
    pub events: Vec<LogEvent>,
    /// When it was read: a date of another year than this shows its year.
    pub read_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogAnswer {
    pub at: chrono::DateTime<chrono::Utc>,
    pub user: String,
    pub task_type: String,
    pub task: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    pub user: String,
    /// In words: "+1 point, +2 coins, level 2, badge First steps" or "gave 5 coins to Fund".
    pub what: String,
}

/// Who would earn a rule now: (volunteer, count, earned), most first.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub rule: String,
    pub limit: u64,
    pub holders: Vec<(String, u64, bool)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rewards {
    pub rules: Vec<Rule>,
    pub funds: Vec<Fund>,
}

/// What a finished load did, as the screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadDone {
    pub batch: String,
    pub loaded: u64,
    pub duplicates: u64,
    pub skipped_empty: u64,
    pub rejected: u64,
    /// (file:line:column, why), the first ones.
    pub rejects: Vec<(String, String)>,
    pub elapsed: Duration,
}

impl From<&LoadSummary> for LoadDone {
    fn from(s: &LoadSummary) -> Self {
        LoadDone {
            batch: s.batch.id.clone(),
            loaded: s.loaded,
            duplicates: s.duplicates,
            skipped_empty: s.skipped_empty,
            rejected: s.rejected,
            rejects: s
                .rejects
                .iter()
                .map(|r| (r.location.clone(), r.reason.clone()))
                .collect(),
            elapsed: s.elapsed,
        }
    }
}

/// What the operator changes on the Groups & users screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    AddUser { username: String, email: String },
    AddGroup { id: String, types: Vec<String> },
    SetGroupTypes { group: String, types: Vec<String> },
    Assign { group: String, user: String },
    Resign { group: String, user: String },
    SetAdmin { user: String, admin: bool },
    SetPassword { user: String, password: String },
}

/// The users and groups the screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct People {
    pub groups: Vec<vulyk_core::service::GroupView>,
    pub users: Vec<User>,
}
