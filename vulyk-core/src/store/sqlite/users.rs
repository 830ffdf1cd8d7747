//! Users and their group memberships.

use std::collections::HashMap;

use async_trait::async_trait;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::SqliteStore;
use super::sql_err;
use crate::domain::{NewUser, User, UserId};
use crate::store::UserStore;
use crate::store::found;
use crate::{Error, Result};

const COLUMNS: &str = "id, username, email, name, active, admin, password_hash, processed";

#[async_trait]
impl UserStore for SqliteStore {
    async fn insert_user(&self, user: &NewUser) -> Result<User> {
        let user = user.clone();
        self.call(move |c| insert(c, &user)).await
    }

    async fn users(&self) -> Result<Vec<User>> {
        self.read(all).await
    }

    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>> {
        let id = id.to_string();
        self.read(move |c| find(c, "id", &id)).await
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        let username = username.to_string();
        self.read(move |c| find(c, "username", &username)).await
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let email = email.to_string();
        self.read(move |c| find(c, "email", &email)).await
    }

    async fn delete_user(&self, id: &UserId) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let id = id.clone();
        found(self.call(move |c| delete(c, &id)).await?, missing)
    }

    async fn set_user_admin(&self, id: &UserId, admin: bool) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let id = id.clone();
        found(self.call(move |c| set_admin(c, &id, admin)).await?, missing)
    }

    async fn set_password_hash(&self, id: &UserId, hash: &str) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let (id, hash) = (id.clone(), hash.to_string());
        found(
            self.call(move |c| set_password_hash(c, &id, &hash)).await?,
            missing,
        )
    }

    async fn add_user_to_group(&self, id: &UserId, group: &str) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let (id, group) = (id.clone(), group.to_string());
        found(
            self.call(move |c| add_group(c, &id, &group)).await?,
            missing,
        )
    }

    async fn remove_user_from_group(&self, id: &UserId, group: &str) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let (id, group) = (id.clone(), group.to_string());
        found(
            self.call(move |c| remove_group(c, &id, &group)).await?,
            missing,
        )
    }

    async fn add_all_users_to_group(&self, group: &str) -> Result<u64> {
        let group = group.to_string();
        self.call(move |c| add_all_to_group(c, &group)).await
    }
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: UserId::from_stored(row.get(0)?),
        username: row.get(1)?,
        email: row.get(2)?,
        name: row.get(3)?,
        active: row.get(4)?,
        admin: row.get(5)?,
        password_hash: row.get(6)?,
        processed: row.get::<_, i64>(7)? as u64,
        groups: Vec::new(),
    })
}

fn groups_of(c: &Connection, id: &str) -> Result<Vec<String>> {
    let mut stmt = c
        .prepare_cached("SELECT group_id FROM user_groups WHERE user_id = ?1 ORDER BY rowid")
        .map_err(sql_err)?;
    stmt.query_map([id], |row| row.get(0))
        .map_err(sql_err)?
        .collect::<Result<_, _>>()
        .map_err(sql_err)
}

fn exists(c: &Connection, id: &str) -> Result<bool> {
    c.query_row("SELECT 1 FROM users WHERE id = ?1", [id], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
        .map_err(sql_err)
}

/// `column` is one of our own column names, never user input.
pub(super) fn find(c: &Connection, column: &'static str, value: &str) -> Result<Option<User>> {
    // Prepared once per connection: this runs on every signed-in request.
    let sql = format!("SELECT {COLUMNS} FROM users WHERE {column} = ?1");
    let user = c
        .prepare_cached(&sql)
        .and_then(|mut stmt| stmt.query_row([value], from_row).optional())
        .map_err(sql_err)?;
    match user {
        Some(mut user) => {
            user.groups = groups_of(c, user.id.as_str())?;
            Ok(Some(user))
        }
        None => Ok(None),
    }
}

pub(super) fn all(c: &mut Connection) -> Result<Vec<User>> {
    let mut users: Vec<User> = {
        let sql = format!("SELECT {COLUMNS} FROM users ORDER BY username");
        let mut stmt = c.prepare(&sql).map_err(sql_err)?;
        stmt.query_map([], from_row)
            .map_err(sql_err)?
            .collect::<Result<_, _>>()
            .map_err(sql_err)?
    };
    let mut by_user: HashMap<String, Vec<String>> = HashMap::new();
    let mut stmt = c
        .prepare_cached("SELECT user_id, group_id FROM user_groups ORDER BY rowid")
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .map_err(sql_err)?;
    for row in rows {
        let (user, group) = row.map_err(sql_err)?;
        by_user.entry(user).or_default().push(group);
    }
    for user in &mut users {
        user.groups = by_user.remove(user.id.as_str()).unwrap_or_default();
    }
    Ok(users)
}

pub(super) fn insert(c: &mut Connection, user: &NewUser) -> Result<User> {
    let tx = c.transaction().map_err(sql_err)?;
    for (column, value) in [("username", &user.username), ("email", &user.email)] {
        let taken = tx
            .query_row(
                &format!("SELECT 1 FROM users WHERE {column} = ?1"),
                [value],
                |_| Ok(()),
            )
            .optional()
            .map_err(sql_err)?
            .is_some();
        if taken {
            return Err(Error::conflict(format!(
                "{column} `{value}` is already taken"
            )));
        }
    }
    tx.execute(
        "INSERT INTO users (id, username, email, name, admin, created_at, password_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            user.id.as_str(),
            user.username,
            user.email,
            user.name,
            user.admin,
            user.created_at.to_rfc3339(),
            user.password_hash
        ],
    )
    .map_err(sql_err)?;
    for group in &user.groups {
        tx.execute(
            "INSERT OR IGNORE INTO user_groups (user_id, group_id) VALUES (?1, ?2)",
            params![user.id.as_str(), group],
        )
        .map_err(sql_err)?;
    }
    let stored = find(&tx, "username", &user.username)?
        .ok_or_else(|| Error::store_msg("inserted user vanished"))?;
    tx.commit().map_err(sql_err)?;
    Ok(stored)
}

pub(super) fn delete(c: &mut Connection, id: &UserId) -> Result<bool> {
    let tx = c.transaction().map_err(sql_err)?;
    if !exists(&tx, id.as_str())? {
        return Ok(false);
    }
    let answers: i64 = tx
        .query_row(
            "SELECT COUNT(*) FROM answers WHERE user_id = ?1",
            [id.as_str()],
            |row| row.get(0),
        )
        .map_err(sql_err)?;
    if answers > 0 {
        return Err(Error::conflict(format!(
            "the user has {answers} answers; deleting them would lose collected work"
        )));
    }
    // Without answers the user has only open sessions (a session ends with an answer).
    tx.execute(
        "DELETE FROM work_sessions WHERE user_id = ?1 AND end_time IS NULL",
        [id.as_str()],
    )
    .map_err(sql_err)?;
    for table in [
        "leases",
        "skips",
        "web_sessions",
        "api_tokens",
        "identities",
        // Their record on gold tasks judges no one else.
        "gold_answers",
        "gold_leases",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE user_id = ?1"),
            [id.as_str()],
        )
        .map_err(sql_err)?;
    }
    tx.execute("DELETE FROM users WHERE id = ?1", [id.as_str()])
        .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(true)
}

pub(super) fn set_admin(c: &mut Connection, id: &UserId, admin: bool) -> Result<bool> {
    let changed = c
        .execute(
            "UPDATE users SET admin = ?2 WHERE id = ?1",
            params![id.as_str(), admin],
        )
        .map_err(sql_err)?;
    Ok(changed > 0)
}

pub(super) fn set_password_hash(c: &mut Connection, id: &UserId, hash: &str) -> Result<bool> {
    let changed = c
        .execute(
            "UPDATE users SET password_hash = ?2 WHERE id = ?1",
            params![id.as_str(), hash],
        )
        .map_err(sql_err)?;
    Ok(changed > 0)
}

pub(super) fn add_group(c: &mut Connection, id: &UserId, group: &str) -> Result<bool> {
    let tx = c.transaction().map_err(sql_err)?;
    if !exists(&tx, id.as_str())? {
        return Ok(false);
    }
    tx.execute(
        "INSERT OR IGNORE INTO user_groups (user_id, group_id) VALUES (?1, ?2)",
        params![id.as_str(), group],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::not_found("group", group),
        _ => sql_err(e),
    })?;
    tx.commit().map_err(sql_err)?;
    Ok(true)
}

pub(super) fn remove_group(c: &mut Connection, id: &UserId, group: &str) -> Result<bool> {
    let tx = c.transaction().map_err(sql_err)?;
    if !exists(&tx, id.as_str())? {
        return Ok(false);
    }
    tx.execute(
        "DELETE FROM user_groups WHERE user_id = ?1 AND group_id = ?2",
        params![id.as_str(), group],
    )
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(true)
}

pub(super) fn add_all_to_group(c: &mut Connection, group: &str) -> Result<u64> {
    let added = c
        .execute(
            "INSERT OR IGNORE INTO user_groups (user_id, group_id) SELECT id, ?1 FROM users ORDER BY username",
            [group],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::not_found("group", group),
            _ => sql_err(e),
        })?;
    Ok(added as u64)
}
