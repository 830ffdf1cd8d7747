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
