use super::Vulyk;
use super::passwords::hash_password;
use crate::domain::{
    DEFAULT_GROUP, NewUser, User, UserId, normalize_email, validate_display_name, validate_username,
};
use crate::{Error, Result};

/// How an operator names a user: a username or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRef(pub String);

impl From<&str> for UserRef {
    fn from(value: &str) -> Self {
        UserRef(value.to_string())
    }
}

impl Vulyk {
    /// The user a reference names: tried as a username, then as an e-mail address.
    pub async fn user(&self, reference: &UserRef) -> Result<User> {
        if let Some(user) = self.store.user_by_username(&reference.0).await? {
            return Ok(user);
        }
        if let Ok(email) = normalize_email(&reference.0)
            && let Some(user) = self.store.user_by_email(&email).await?
        {
            return Ok(user);
        }
        Err(Error::not_found("user", &reference.0))
    }

    /// The user with this id; `None` also for a string that is not an id at all (spec 2.1).
    pub async fn user_by_id(&self, id: &str) -> Result<Option<User>> {
        if id.len() != 24 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        self.store
            .user_by_id(&UserId::from_stored(id.to_ascii_lowercase()))
            .await
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        self.store.users().await
    }

    /// Creates a user in the `default` group (which `init` creates).
    pub async fn add_user(
        &self,
        username: &str,
        email: &str,
        name: &str,
        admin: bool,
    ) -> Result<User> {
        let user = self.create_user(username, email, name, admin, None).await?;
        let change = format!("e-mail {}, admin {admin}", user.email);
        self.audit("user add", &user.username, change).await?;
        Ok(user)
    }

    /// Creates a user in the `default` group, with a password hash when given one.
    pub(super) async fn create_user(
        &self,
        username: &str,
        email: &str,
        name: &str,
        admin: bool,
        password_hash: Option<String>,
    ) -> Result<User> {
        validate_username(username)?;
        let email = normalize_email(email)?;
        validate_display_name(name)?;
        if self.store.group(DEFAULT_GROUP).await?.is_none() {
            return Err(Error::conflict(
                "the default group does not exist yet: run init with the task types volunteers may do",
            ));
        }
        self.store
            .insert_user(&NewUser {
                id: UserId::generate(),
                username: username.to_string(),
                email,
                name: name.to_string(),
                admin,
                groups: vec![DEFAULT_GROUP.to_string()],
                password_hash,
                created_at: self.clock.now(),
            })
            .await
    }

    /// Deletes a user who has given no answers (answers are collected work and stay).
    pub async fn delete_user(&self, reference: &UserRef) -> Result<User> {
        let user = self.user(reference).await?;
        self.store
            .delete_user(&user.id)
            .await
            .map_err(|e| match e {
                Error::Conflict(why) => Error::conflict(format!("user {}: {why}", user.username)),
                other => other,
            })?;
        self.audit("user del", &user.username, format!("e-mail {}", user.email))
            .await?;
        Ok(user)
    }

    pub async fn set_password(&self, reference: &UserRef, password: &str) -> Result<()> {
        let user = self.user(reference).await?;
        let password = password.to_string();
        let hash = self
            .hashing
            .run(move |memory| hash_password(memory, &password))
            .await??;
        self.store.set_password_hash(&user.id, &hash).await?;
        // A new password signs the user out of every browser. API tokens are credentials of
        // their own and keep working until revoked (README, "Running it on the internet").
        self.store.delete_user_web_sessions(&user.id).await?;
        let change = "password set; signed out of every browser".to_string();
        self.audit("user passwd", &user.username, change).await
    }

    /// Sets the admin flag; returns the user as it was before.
    pub async fn set_admin(&self, reference: &UserRef, admin: bool) -> Result<User> {
        let user = self.user(reference).await?;
        self.store.set_user_admin(&user.id, admin).await?;
        if user.admin != admin {
            let action = if admin { "admin add" } else { "admin remove" };
            let change = format!("admin: {} → {admin}", user.admin);
            self.audit(action, &user.username, change).await?;
        }
        Ok(user)
    }
}
