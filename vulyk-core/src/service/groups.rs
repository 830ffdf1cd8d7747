use super::Vulyk;
use super::users::UserRef;
use crate::domain::{DEFAULT_GROUP, Group, validate_group_id};
use crate::{Error, Result};

/// A group with the number of its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupView {
    pub group: Group,
    pub members: u64,
}

/// What `init` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitOutcome {
    /// The default group did not exist before.
    pub created: bool,
    /// Its allowed types changed (or it was created).
    pub changed: bool,
    /// Users who were not in the default group and now are.
    pub users_added: u64,
}

const MAX_DESCRIPTION: usize = 200;

impl Vulyk {
    /// Creates the `default` group with exactly these task types (or sets its types) and puts
    /// every user in it (spec 6, `init`).
    pub async fn init(&self, task_types: &[String]) -> Result<InitOutcome> {
        if task_types.is_empty() {
            return Err(Error::invalid(
                "specify at least one task type for the default group",
            ));
        }
        for task_type in task_types {
            self.plugins.get(task_type)?;
        }
        let mut wanted: Vec<String> = Vec::new();
        for task_type in task_types {
            if !wanted.contains(task_type) {
                wanted.push(task_type.clone());
            }
        }
        let existing = self.store.group(DEFAULT_GROUP).await?;
        let unchanged = existing.as_ref().is_some_and(|g| {
            let mut stored = g.allowed_types.clone();
            let mut given = wanted.clone();
            stored.sort();
            given.sort();
            stored == given
        });
        if !unchanged {
            self.store
                .upsert_group(&Group {
                    id: DEFAULT_GROUP.to_string(),
                    description: existing
                        .as_ref()
                        .map_or_else(|| "default group".to_string(), |g| g.description.clone()),
                    allowed_types: wanted.clone(),
                })
                .await?;
        }
        // Unlike the original, users are attached even when the types did not change, so that
        // running init again repairs a user who left the default group.
        let users_added = self.store.add_all_users_to_group(DEFAULT_GROUP).await?;
        let before = existing
            .as_ref()
            .map_or_else(|| "none".to_string(), |g| g.allowed_types.join(", "));
        if !unchanged || users_added > 0 {
            let change = format!(
                "types: {before} → {}; {users_added} users joined",
                wanted.join(", ")
            );
            self.audit("init", DEFAULT_GROUP, change).await?;
        }
        Ok(InitOutcome {
            created: existing.is_none(),
            changed: !unchanged,
            users_added,
        })
    }

    pub async fn groups(&self) -> Result<Vec<GroupView>> {
        let groups = self.store.groups().await?;
        let counts = self.store.group_member_counts().await?;
        Ok(groups
            .into_iter()
            .map(|group| {
                let members = counts
                    .iter()
                    .find(|(id, _)| *id == group.id)
                    .map_or(0, |(_, n)| *n);
                GroupView { group, members }
            })
            .collect())
    }

    pub async fn group(&self, id: &str) -> Result<Group> {
        self.store
            .group(id)
            .await?
            .ok_or_else(|| Error::not_found("group", id))
    }

    pub async fn add_group(&self, id: &str, description: &str) -> Result<Group> {
        let group = self.insert_group(id, description).await?;
        self.audit("group add", id, format!("description: {description}"))
            .await?;
        Ok(group)
    }

    async fn insert_group(&self, id: &str, description: &str) -> Result<Group> {
        validate_group_id(id)?;
        if description.chars().count() > MAX_DESCRIPTION {
            return Err(Error::invalid(format!(
                "description: longer than {MAX_DESCRIPTION} characters"
            )));
        }
        let group = Group {
            id: id.to_string(),
            description: description.to_string(),
            allowed_types: Vec::new(),
        };
        self.store.insert_group(&group).await?;
        Ok(group)
    }

    pub async fn delete_group(&self, id: &str) -> Result<()> {
        self.store.delete_group(id).await?;
        self.audit("group del", id, "deleted".to_string()).await
    }

    /// Allows a group's members to work on a task type (which must be a known plugin).
    pub async fn add_group_type(&self, id: &str, task_type: &str) -> Result<()> {
        self.plugins.get(task_type)?;
        self.store.add_group_type(id, task_type).await?;
        self.audit("group addtype", id, format!("+ {task_type}"))
            .await
    }

    pub async fn remove_group_type(&self, id: &str, task_type: &str) -> Result<()> {
        let group = self.group(id).await?;
        if !group.allowed_types.iter().any(|t| t == task_type) {
            return Err(Error::not_found(
                "task type",
                format!(
                    "{task_type} in group {id} (it allows: {})",
                    group.allowed_types.join(", ")
                ),
            ));
        }
        self.store.remove_group_type(id, task_type).await?;
        self.audit("group deltype", id, format!("- {task_type}"))
            .await
    }

    /// A new group allowing `task_types`; every type is checked before the group is made.
    pub async fn add_group_allowing(&self, id: &str, task_types: &[String]) -> Result<Group> {
        for task_type in task_types {
            self.plugins.get(task_type)?;
        }
        self.insert_group(id, "").await?;
        let group = self.change_group_types(id, task_types).await?;
        self.audit("group add", id, format!("types: {}", task_types.join(", ")))
            .await?;
        Ok(group)
    }

    /// Makes `task_types` the ones a group's members may work on, removing and then adding
    /// what differs (so that the group never allows more than before or after). Every type
    /// is checked before anything changes: a typo changes nothing.
    pub async fn set_group_types(&self, id: &str, task_types: &[String]) -> Result<Group> {
        let before = self.group(id).await?.allowed_types.join(", ");
        let group = self.change_group_types(id, task_types).await?;
        let change = format!("types: {before} → {}", group.allowed_types.join(", "));
        self.audit("group settypes", id, change).await?;
        Ok(group)
    }

    async fn change_group_types(&self, id: &str, task_types: &[String]) -> Result<Group> {
        for task_type in task_types {
            self.plugins.get(task_type)?;
        }
        let group = self.group(id).await?;
        for task_type in &group.allowed_types {
            if !task_types.contains(task_type) {
                self.store.remove_group_type(id, task_type).await?;
            }
        }
        for task_type in task_types {
            if !group.allowed_types.contains(task_type) {
                self.store.add_group_type(id, task_type).await?;
            }
        }
        self.group(id).await
    }

    pub async fn assign(&self, group: &str, user: &UserRef) -> Result<()> {
        let user = self.user(user).await?;
        self.group(group).await?;
        self.store.add_user_to_group(&user.id, group).await?;
        if user.groups.iter().any(|g| g == group) {
            return Ok(()); // a member already: nothing changed
        }
        self.audit("group assign", group, format!("+ {}", user.username))
            .await
    }

    pub async fn resign(&self, group: &str, user: &UserRef) -> Result<()> {
        let user = self.user(user).await?;
        self.group(group).await?;
        if !user.groups.iter().any(|g| g == group) {
            return Err(Error::not_found(
                "membership",
                format!("{} is not in group {group}", user.username),
            ));
        }
        self.store.remove_user_from_group(&user.id, group).await?;
        self.audit("group resign", group, format!("- {}", user.username))
            .await
    }
}
