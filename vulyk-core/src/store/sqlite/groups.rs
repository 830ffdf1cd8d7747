//! Groups and the task types their members may work on (`groups`, `group_types`).

use async_trait::async_trait;
use rusqlite::{Connection, OptionalExtension, params};

use super::SqliteStore;
use super::sql_err;
use crate::domain::Group;
use crate::store::GroupStore;
use crate::store::found;
use crate::{Error, Result};

#[async_trait]
impl GroupStore for SqliteStore {
    async fn groups(&self) -> Result<Vec<Group>> {
        self.read(all).await
    }

    async fn group(&self, id: &str) -> Result<Option<Group>> {
        let id = id.to_string();
        self.read(move |c| get(c, &id)).await
    }

    async fn insert_group(&self, group: &Group) -> Result<()> {
        let group = group.clone();
        self.call(move |c| insert(c, &group)).await
    }

    async fn upsert_group(&self, group: &Group) -> Result<()> {
        let group = group.clone();
        self.call(move |c| upsert(c, &group)).await
    }

    async fn delete_group(&self, id: &str) -> Result<()> {
        let missing = Error::not_found("group", id);
        let id = id.to_string();
        found(self.call(move |c| delete(c, &id)).await?, missing)
    }

    async fn add_group_type(&self, id: &str, task_type: &str) -> Result<()> {
        let missing = Error::not_found("group", id);
        let (id, task_type) = (id.to_string(), task_type.to_string());
        found(
            self.call(move |c| add_type(c, &id, &task_type)).await?,
            missing,
        )
    }

    async fn remove_group_type(&self, id: &str, task_type: &str) -> Result<()> {
        let missing = Error::not_found("group", id);
        let (id, task_type) = (id.to_string(), task_type.to_string());
        found(
            self.call(move |c| remove_type(c, &id, &task_type)).await?,
            missing,
        )
    }

    async fn group_member_counts(&self) -> Result<Vec<(String, u64)>> {
        self.read(member_counts).await
    }
}

pub(super) fn all(c: &mut Connection) -> Result<Vec<Group>> {
    let mut groups: Vec<Group> = {
        let mut stmt = c
            .prepare_cached("SELECT id, description FROM groups ORDER BY id")
            .map_err(sql_err)?;
        stmt.query_map([], |row| {
            Ok(Group {
                id: row.get(0)?,
                description: row.get(1)?,
                allowed_types: Vec::new(),
            })
        })
        .map_err(sql_err)?
        .collect::<Result<_, _>>()
        .map_err(sql_err)?
    };
    let mut stmt = c
        .prepare_cached("SELECT group_id, task_type FROM group_types ORDER BY rowid")
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .map_err(sql_err)?;
    for row in rows {
        let (group_id, task_type) = row.map_err(sql_err)?;
        if let Some(group) = groups.iter_mut().find(|g| g.id == group_id) {
            group.allowed_types.push(task_type);
        }
    }
    Ok(groups)
}

pub(super) fn get(c: &Connection, id: &str) -> Result<Option<Group>> {
    let description: Option<String> = c
        .query_row(
            "SELECT description FROM groups WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()
        .map_err(sql_err)?;
    let Some(description) = description else {
        return Ok(None);
    };
    Ok(Some(Group {
        id: id.to_string(),
        description,
        allowed_types: types_of(c, id)?,
    }))
}

fn types_of(c: &Connection, id: &str) -> Result<Vec<String>> {
    let mut stmt = c
        .prepare_cached("SELECT task_type FROM group_types WHERE group_id = ?1 ORDER BY rowid")
        .map_err(sql_err)?;
    stmt.query_map([id], |row| row.get(0))
        .map_err(sql_err)?
        .collect::<Result<_, _>>()
        .map_err(sql_err)
}

fn exists(c: &Connection, id: &str) -> Result<bool> {
    c.query_row("SELECT 1 FROM groups WHERE id = ?1", [id], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
        .map_err(sql_err)
}

fn insert_types(c: &Connection, group: &Group) -> Result<()> {
    let mut stmt = c
        .prepare_cached("INSERT OR IGNORE INTO group_types (group_id, task_type) VALUES (?1, ?2)")
        .map_err(sql_err)?;
    for task_type in &group.allowed_types {
        stmt.execute(params![group.id, task_type])
            .map_err(sql_err)?;
    }
    Ok(())
}

pub(super) fn insert(c: &mut Connection, group: &Group) -> Result<()> {
    let tx = c.transaction().map_err(sql_err)?;
    if exists(&tx, &group.id)? {
        return Err(Error::conflict(format!(
            "group `{}` already exists",
            group.id
        )));
    }
    tx.execute(
        "INSERT INTO groups (id, description) VALUES (?1, ?2)",
        params![group.id, group.description],
    )
    .map_err(sql_err)?;
    insert_types(&tx, group)?;
    tx.commit().map_err(sql_err)
}

pub(super) fn upsert(c: &mut Connection, group: &Group) -> Result<()> {
    let tx = c.transaction().map_err(sql_err)?;
    tx.execute(
        "INSERT INTO groups (id, description) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET description = excluded.description",
        params![group.id, group.description],
    )
    .map_err(sql_err)?;
    tx.execute("DELETE FROM group_types WHERE group_id = ?1", [&group.id])
        .map_err(sql_err)?;
    insert_types(&tx, group)?;
    tx.commit().map_err(sql_err)
}

pub(super) fn delete(c: &mut Connection, id: &str) -> Result<bool> {
    // Foreign keys cascade to group_types and user_groups.
    let deleted = c
        .execute("DELETE FROM groups WHERE id = ?1", [id])
        .map_err(sql_err)?;
    Ok(deleted > 0)
}

pub(super) fn add_type(c: &mut Connection, id: &str, task_type: &str) -> Result<bool> {
    let tx = c.transaction().map_err(sql_err)?;
    if !exists(&tx, id)? {
        return Ok(false);
    }
    tx.execute(
        "INSERT OR IGNORE INTO group_types (group_id, task_type) VALUES (?1, ?2)",
        params![id, task_type],
    )
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(true)
}

pub(super) fn remove_type(c: &mut Connection, id: &str, task_type: &str) -> Result<bool> {
    let tx = c.transaction().map_err(sql_err)?;
    if !exists(&tx, id)? {
        return Ok(false);
    }
    tx.execute(
        "DELETE FROM group_types WHERE group_id = ?1 AND task_type = ?2",
        params![id, task_type],
    )
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(true)
}

pub(super) fn member_counts(c: &mut Connection) -> Result<Vec<(String, u64)>> {
    let mut stmt = c
        .prepare_cached(
            "SELECT group_id, COUNT(*) FROM user_groups GROUP BY group_id ORDER BY group_id",
        )
        .map_err(sql_err)?;
    stmt.query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))
        .map_err(sql_err)?
        .collect::<Result<_, _>>()
        .map_err(sql_err)
}
