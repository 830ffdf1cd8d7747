//! Groups (`groups`), in the original's documents: a user's groups are a list in the user
//! document.

use async_trait::async_trait;
use mongodb::bson::{Document, doc};

use super::MongoStore;
use super::support::{count, is_duplicate_key, mongo_err, strings, text};
use crate::domain::Group;
use crate::store::GroupStore;
use crate::store::found;
use crate::{Error, Result};

#[async_trait]
impl GroupStore for MongoStore {
    async fn groups(&self) -> Result<Vec<Group>> {
        groups(self).await
    }

    async fn group(&self, id: &str) -> Result<Option<Group>> {
        group(self, id).await
    }

    async fn insert_group(&self, group: &Group) -> Result<()> {
        let _write = self.writable().await?;
        insert_group(self, group).await
    }

    async fn upsert_group(&self, group: &Group) -> Result<()> {
        let _write = self.writable().await?;
        upsert_group(self, group).await
    }

    async fn delete_group(&self, id: &str) -> Result<()> {
        let missing = Error::not_found("group", id);
        let _write = self.writable().await?;
        found(delete_group(self, id).await?, missing)
    }

    async fn add_group_type(&self, id: &str, task_type: &str) -> Result<()> {
        let missing = Error::not_found("group", id);
        let _write = self.writable().await?;
        found(
            change_group_type(
                self,
                id,
                doc! { "$addToSet": { "allowed_types": task_type } },
            )
            .await?,
            missing,
        )
    }

    async fn remove_group_type(&self, id: &str, task_type: &str) -> Result<()> {
        let missing = Error::not_found("group", id);
        let _write = self.writable().await?;
        found(
            change_group_type(self, id, doc! { "$pull": { "allowed_types": task_type } }).await?,
            missing,
        )
    }

    async fn group_member_counts(&self) -> Result<Vec<(String, u64)>> {
        member_counts(self).await
    }
}

fn decode_group(document: Document) -> Result<Group> {
    Ok(Group {
        id: text(&document, "_id"),
        description: text(&document, "description"),
        allowed_types: strings(&document, "allowed_types"),
    })
}

pub(super) async fn groups(store: &MongoStore) -> Result<Vec<Group>> {
    let cursor = store
        .coll("groups")
        .find(doc! {})
        .sort(doc! { "_id": 1 })
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, decode_group).await
}

pub(super) async fn group(store: &MongoStore, id: &str) -> Result<Option<Group>> {
    let found = store
        .coll("groups")
        .find_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?;
    found.map(decode_group).transpose()
}

fn group_document(group: &Group) -> Document {
    doc! {
        "_id": &group.id,
        "description": &group.description,
        "allowed_types": &group.allowed_types,
    }
}

pub(super) async fn insert_group(store: &MongoStore, group: &Group) -> Result<()> {
    match store.coll("groups").insert_one(group_document(group)).await {
        Ok(_) => Ok(()),
        Err(e) if is_duplicate_key(&e) => Err(Error::conflict(format!(
            "group `{}` already exists",
            group.id
        ))),
        Err(e) => Err(mongo_err(e)),
    }
}

pub(super) async fn upsert_group(store: &MongoStore, group: &Group) -> Result<()> {
    store
        .coll("groups")
        .replace_one(doc! { "_id": &group.id }, group_document(group))
        .upsert(true)
        .await
        .map(|_| ())
        .map_err(mongo_err)
}

pub(super) async fn delete_group(store: &MongoStore, id: &str) -> Result<bool> {
    let deleted = store
        .coll("groups")
        .delete_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?;
    if deleted.deleted_count == 0 {
        return Ok(false);
    }
    store
        .coll("user")
        .update_many(doc! { "groups": id }, doc! { "$pull": { "groups": id } })
        .await
        .map_err(mongo_err)?;
    Ok(true)
}

pub(super) async fn change_group_type(
    store: &MongoStore,
    id: &str,
    update: Document,
) -> Result<bool> {
    let result = store
        .coll("groups")
        .update_one(doc! { "_id": id }, update)
        .await
        .map_err(mongo_err)?;
    Ok(result.matched_count > 0)
}

pub(super) async fn member_counts(store: &MongoStore) -> Result<Vec<(String, u64)>> {
    let cursor = store
        .coll("user")
        .aggregate([
            doc! { "$unwind": "$groups" },
            doc! { "$group": { "_id": "$groups", "members": { "$sum": 1 } } },
            doc! { "$sort": { "_id": 1 } },
        ])
        .await
        .map_err(mongo_err)?;
    store
        .collect(cursor, |d| Ok((text(&d, "_id"), count(&d, "members"))))
        .await
}
