//! The store's achievement rules.

use async_trait::async_trait;

use crate::Result;
use crate::domain::UserId;
use crate::gamification::{Progress, Rule, Transition};

/// A rule's question with the zone's offsets for the span it covers (see `gamification::zone`).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressQuery {
    pub progress: Progress,
    /// One volunteer, or everyone (the rule simulator).
    pub user: Option<UserId>,
    /// Offsets in force, newest first; the last one covers everything before.
    pub offsets: Vec<Transition>,
}

/// Achievement rules and the progress they count.
#[async_trait]
pub trait RuleStore {
    /// All rules, by name.
    async fn rules(&self) -> Result<Vec<Rule>>;
    async fn rule(&self, id: &str) -> Result<Option<Rule>>;
    /// `Conflict` naming the field if the id or the name is taken.
    async fn insert_rule(&self, rule: &Rule) -> Result<()>;
    /// Replaces the rule with this id; `Conflict` on a taken name.
    async fn replace_rule(&self, rule: &Rule) -> Result<()>;
    async fn delete_rule(&self, id: &str) -> Result<()>;
    /// The counted quantity per user (users with none are left out), over finished work
    /// sessions (those with an answer).
    async fn rule_progress(&self, query: &ProgressQuery) -> Result<Vec<(UserId, u64)>>;
}
