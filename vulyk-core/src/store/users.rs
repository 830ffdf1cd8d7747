//! The store's users.

use async_trait::async_trait;

use crate::Result;
use crate::domain::{NewUser, User, UserId};

/// Users and their groups.
#[async_trait]
pub trait UserStore {
    /// `Conflict` naming the field if the username or e-mail is taken.
    async fn insert_user(&self, user: &NewUser) -> Result<User>;
    async fn users(&self) -> Result<Vec<User>>;
    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>>;
    async fn user_by_username(&self, username: &str) -> Result<Option<User>>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    /// Deletes a user who has no answers; `Conflict` if they have some.
    async fn delete_user(&self, id: &UserId) -> Result<()>;
    async fn set_user_admin(&self, id: &UserId, admin: bool) -> Result<()>;
    async fn set_password_hash(&self, id: &UserId, hash: &str) -> Result<()>;
    /// Adds the user to a group (set semantics); `NotFound` for the group too.
    async fn add_user_to_group(&self, id: &UserId, group: &str) -> Result<()>;
    /// Removes the user from a group (nothing to do if they are not in it).
    async fn remove_user_from_group(&self, id: &UserId, group: &str) -> Result<()>;
    /// Adds every user to a group; returns how many were not in it yet.
    async fn add_all_users_to_group(&self, group: &str) -> Result<u64>;
}
