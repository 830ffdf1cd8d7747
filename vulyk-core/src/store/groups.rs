//! The store's groups.

use async_trait::async_trait;

use crate::Result;
use crate::domain::Group;

/// Groups: which task types their members may work on.
#[async_trait]
pub trait GroupStore {
    async fn groups(&self) -> Result<Vec<Group>>;
    async fn group(&self, id: &str) -> Result<Option<Group>>;
    /// `Conflict` if a group with this id exists.
    async fn insert_group(&self, group: &Group) -> Result<()>;
    /// Creates the group or replaces its description and allowed types.
    async fn upsert_group(&self, group: &Group) -> Result<()>;
    /// Deletes the group and removes it from every user.
    async fn delete_group(&self, id: &str) -> Result<()>;
    /// Adds a type to a group's allowed types (set semantics).
    async fn add_group_type(&self, id: &str, task_type: &str) -> Result<()>;
    /// Removes a type from a group's allowed types.
    async fn remove_group_type(&self, id: &str, task_type: &str) -> Result<()>;
    /// How many users belong to each group, by group id (groups with none are left out).
    async fn group_member_counts(&self) -> Result<Vec<(String, u64)>>;
}
