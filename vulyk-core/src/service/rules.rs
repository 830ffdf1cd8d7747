//! Achievement rules for operators: add, edit, delete, import and export, and the simulator
//! that shows who would earn a rule on the work recorded so far.

use super::{UserRef, Vulyk};
use crate::domain::User;
use crate::gamification::{Rule, parse_rules, rule_to_value};
use crate::{Error, Result};

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: u64,
    /// Rules whose id was stored already, replaced by the file's.
    pub replaced: u64,
}

/// A volunteer's progress on a rule, from the simulator.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleHolder {
    pub user: User,
    pub count: u64,
    pub achieved: bool,
}

impl Vulyk {
    pub async fn rules(&self) -> Result<Vec<Rule>> {
        self.store.rules().await
    }

    /// Rules for a task type: only its own (`strict`), or its own and those of every type.
    pub async fn rules_for(&self, task_type: &str, strict: bool) -> Result<Vec<Rule>> {
        let rules = self.store.rules().await?;
        Ok(rules
            .into_iter()
            .filter(|r| match r.task_type.as_deref() {
                Some(t) => t == task_type,
                None => !strict,
            })
            .collect())
    }

    pub async fn rule(&self, id: &str) -> Result<Rule> {
        self.store
            .rule(id)
            .await?
            .ok_or_else(|| Error::not_found("rule", id))
    }

    pub async fn add_rule(&self, rule: &Rule) -> Result<()> {
        self.check_rule(rule)?;
        self.store.insert_rule(rule).await?;
        let change = rule_to_value(rule).to_string();
        self.audit("rules add", &rule.id, change).await
    }

    /// Replaces the stored rule with the same id. Volunteers who earned it keep it.
    pub async fn edit_rule(&self, rule: &Rule) -> Result<()> {
        self.check_rule(rule)?;
        let before = self.store.rule(&rule.id).await?;
        self.store.replace_rule(rule).await?;
        let before = before.map_or_else(String::new, |r| rule_to_value(&r).to_string());
        let change = format!("{before} → {}", rule_to_value(rule));
        self.audit("rules edit", &rule.id, change).await
    }

    /// Deletes a rule; volunteers who earned it keep the achievement in their history.
    pub async fn delete_rule(&self, id: &str) -> Result<()> {
        let before = self.store.rule(id).await?;
        self.store.delete_rule(id).await?;
        let before = before.map_or_else(String::new, |r| rule_to_value(&r).to_string());
        self.audit("rules del", id, before).await
    }

    /// Reads every rule of `text` first, so that a bad one stores none; then adds each, or
    /// replaces the stored rule with its id (importing the same file twice changes nothing).
    pub async fn import_rules(&self, source: &str, text: &str) -> Result<ImportSummary> {
        let rules = parse_rules(source, text)?;
        for rule in &rules {
            self.check_rule(rule)
                .map_err(|e| Error::invalid(format!("{source}: rule `{}`: {e}", rule.name)))?;
        }
        let mut summary = ImportSummary::default();
        for rule in &rules {
            match self.store.replace_rule(rule).await {
                Ok(()) => summary.replaced += 1,
                Err(Error::NotFound { .. }) => {
                    self.store.insert_rule(rule).await?;
                    summary.added += 1;
                }
                Err(other) => return Err(other),
            }
        }
        let change = format!("{} added, {} replaced", summary.added, summary.replaced);
        self.audit("rules import", source, change).await?;
        Ok(summary)
    }

    /// Every rule as a line of JSON, in the form `import_rules` reads.
    pub async fn export_rules(&self) -> Result<String> {
        let mut out = String::new();
        for rule in self.store.rules().await? {
            out.push_str(&rule_to_value(&rule).to_string());
            out.push('\n');
        }
        Ok(out)
    }

    /// Who would hold the rule now, on the work recorded so far (everyone, or one volunteer):
    /// volunteers with any progress, those who reach the limit first, then by count.
    pub async fn simulate_rule(
        &self,
        rule: &Rule,
        user: Option<&UserRef>,
    ) -> Result<Vec<RuleHolder>> {
        rule.validate()?;
        let only = match user {
            Some(reference) => Some(self.user(reference).await?),
            None => None,
        };
        let counts = self
            .rule_count(rule, only.as_ref().map(|u| &u.id), self.clock.now())
            .await?;
        let mut holders = Vec::with_capacity(counts.len());
        for (id, count) in counts {
            let Some(user) = self.store.user_by_id(&id).await? else {
                continue;
            };
            holders.push(RuleHolder {
                user,
                count,
                achieved: count >= rule.limit(),
            });
        }
        holders.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.user.username.cmp(&b.user.username))
        });
        Ok(holders)
    }

    /// The rule's own invariants, and a task type this platform knows.
    fn check_rule(&self, rule: &Rule) -> Result<()> {
        rule.validate()?;
        if let Some(task_type) = &rule.task_type {
            self.plugins.get(task_type).map_err(|_| {
                Error::not_found(
                    "task type",
                    format!("{task_type} (task_type_name: no such plugin is installed)"),
                )
            })?;
        }
        Ok(())
    }
}
