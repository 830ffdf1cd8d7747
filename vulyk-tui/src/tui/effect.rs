//! What the console asks to be done in the background (`jobs.rs` runs it), and the changes
//! the operator makes to users and groups.

use vulyk_core::gamification::{Fund, Rule};
use vulyk_core::service::{CancelFlag, LoadRequest};

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
    /// The quality of these task types, one after another in this order (each reads every
    /// answer of its type).
    ComputeQuality(Vec<String>),
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
