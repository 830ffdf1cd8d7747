use super::Vulyk;
use crate::Result;
use crate::plugins::Plugin;

/// A task type with its stored task counts. `plugin` is `None` for a type that has tasks in
/// the store but no plugin folder (it was removed, or `--plugins` points elsewhere).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskTypeView {
    pub type_name: String,
    pub plugin: Option<Plugin>,
    pub total: u64,
    pub closed: u64,
}

impl TaskTypeView {
    pub fn open(&self) -> u64 {
        self.total.saturating_sub(self.closed)
    }
}

impl Vulyk {
    pub async fn task_types(&self) -> Result<Vec<TaskTypeView>> {
        let counts = self.store.task_counts().await?;
        let mut views: Vec<TaskTypeView> = self
            .plugins
            .iter()
            .map(|plugin| {
                let stored = counts.iter().find(|c| c.task_type == plugin.type_name);
                TaskTypeView {
                    type_name: plugin.type_name.clone(),
                    plugin: Some(plugin.clone()),
                    total: stored.map_or(0, |c| c.total),
                    closed: stored.map_or(0, |c| c.closed),
                }
            })
            .collect();
        for stored in counts {
            if !views.iter().any(|v| v.type_name == stored.task_type) {
                views.push(TaskTypeView {
                    type_name: stored.task_type.clone(),
                    plugin: None,
                    total: stored.total,
                    closed: stored.closed,
                });
            }
        }
        views.sort_by(|a, b| a.type_name.cmp(&b.type_name));
        Ok(views)
    }
}

/// A task type a volunteer may work on, with the platform's counts and their own standing.
#[derive(Debug, Clone, PartialEq)]
pub struct VolunteerTaskType {
    pub view: TaskTypeView,
    pub stats: super::UserStats,
    /// What a task pays now, for a gamified type with an open batch.
    pub rewards: Option<super::BatchRewards>,
}

impl Vulyk {
    /// The task types (with plugins) this user may work on, in type-name order.
    pub async fn task_types_for(
        &self,
        user: &crate::domain::User,
    ) -> Result<Vec<VolunteerTaskType>> {
        let groups = self.store.groups().await?;
        let mut out = Vec::new();
        for view in self.task_types().await? {
            if view.plugin.is_none() || !user.is_eligible_for(&view.type_name, &groups)? {
                continue;
            }
            let stats = self.user_stats(&user.id, &view.type_name).await?;
            let rewards = self.batch_rewards(&view.type_name).await?;
            out.push(VolunteerTaskType {
                view,
                stats,
                rewards,
            });
        }
        Ok(out)
    }
}
