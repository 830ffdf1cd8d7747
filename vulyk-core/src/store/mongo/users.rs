//! Users (`user`), in the original's documents: a user id is an ObjectId, and a user's groups
//! are a list in the user document.

use async_trait::async_trait;
use mongodb::bson::{Document, doc};

use super::MongoStore;
use super::gold::{GOLD_ANSWERS, GOLD_LEASES};
use super::support::{
    API_TOKENS, IDENTITIES, PENDING, WEB_SESSIONS, bson_time, count, is_duplicate_key, mongo_err,
    object_id, strings, text,
};
use crate::domain::{NewUser, User, UserId};
use crate::store::UserStore;
use crate::store::found;
use crate::{Error, Result};

#[async_trait]
impl UserStore for MongoStore {
    async fn insert_user(&self, user: &NewUser) -> Result<User> {
        let _write = self.writable().await?;
        insert_user(self, user).await
    }

    async fn users(&self) -> Result<Vec<User>> {
        users(self).await
    }

    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>> {
        match object_id(id) {
            Some(oid) => find_user(self, doc! { "_id": oid }).await,
            None => Ok(None),
        }
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        find_user(self, doc! { "username": username }).await
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        find_user(self, doc! { "email": email }).await
    }

    async fn delete_user(&self, id: &UserId) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let _write = self.writable().await?;
        found(delete_user(self, id).await?, missing)
    }

    async fn set_user_admin(&self, id: &UserId, admin: bool) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let _write = self.writable().await?;
        found(
            update_user(self, id, doc! { "$set": { "admin": admin } }).await?,
            missing,
        )
    }

    async fn set_password_hash(&self, id: &UserId, hash: &str) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let _write = self.writable().await?;
        found(
            update_user(self, id, doc! { "$set": { "password": hash } }).await?,
            missing,
        )
    }

    async fn add_user_to_group(&self, id: &UserId, group: &str) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let _write = self.writable().await?;
        if super::groups::group(self, group).await?.is_none() {
            if find_user_by_id(self, id).await?.is_none() {
                return Err(missing);
            }
            return Err(Error::not_found("group", group));
        }
        found(
            update_user(self, id, doc! { "$addToSet": { "groups": group } }).await?,
            missing,
        )
    }

    async fn remove_user_from_group(&self, id: &UserId, group: &str) -> Result<()> {
        let missing = Error::not_found("user", id.as_str());
        let _write = self.writable().await?;
        found(
            update_user(self, id, doc! { "$pull": { "groups": group } }).await?,
            missing,
        )
    }

    async fn add_all_users_to_group(&self, group: &str) -> Result<u64> {
        let _write = self.writable().await?;
        add_all_users_to_group(self, group).await
    }
}

fn decode_user(document: Document) -> Result<User> {
    let id = document
        .get_object_id("_id")
        .map_err(|e| Error::store("user document without an ObjectId", e))?;
    let password = text(&document, "password");
    Ok(User {
        id: UserId::from_stored(id.to_hex()),
        username: text(&document, "username"),
        email: text(&document, "email"),
        name: text(&document, "name"),
        active: document.get_bool("active").unwrap_or(true),
        admin: document.get_bool("admin").unwrap_or(false),
        groups: strings(&document, "groups"),
        password_hash: (!password.is_empty()).then_some(password),
        processed: count(&document, "processed"),
    })
}

pub(super) async fn insert_user(store: &MongoStore, user: &NewUser) -> Result<User> {
    let users = store.coll("user");
    for (field, value) in [("username", &user.username), ("email", &user.email)] {
        let taken = users
            .find_one(doc! { field: value })
            .await
            .map_err(mongo_err)?
            .is_some();
        if taken {
            return Err(Error::conflict(format!(
                "{field} `{value}` is already taken"
            )));
        }
    }
    let oid = object_id(&user.id)
        .ok_or_else(|| Error::invalid(format!("user id `{}` is not an ObjectId", user.id)))?;
    let document = doc! {
        "_id": oid,
        "username": &user.username,
        "password": user.password_hash.as_deref().unwrap_or_default(),
        "name": &user.name,
        "email": &user.email,
        "active": true,
        "admin": user.admin,
        "groups": &user.groups,
        // The original's model sets its last sign-in to the time the user is made.
        "last_login": bson_time(user.created_at),
        "processed": 0_i64,
    };
    match users.insert_one(document).await {
        Ok(_) => {}
        // Lost a race with another insert between the checks above and here.
        Err(e) if is_duplicate_key(&e) => {
            return Err(Error::conflict(format!(
                "username `{}` or email `{}` is already taken",
                user.username, user.email
            )));
        }
        Err(e) => return Err(mongo_err(e)),
    }
    find_user(store, doc! { "_id": oid })
        .await?
        .ok_or_else(|| Error::store_msg("inserted user vanished"))
}

pub(super) async fn users(store: &MongoStore) -> Result<Vec<User>> {
    let cursor = store
        .coll("user")
        .find(doc! {})
        .sort(doc! { "username": 1 })
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, decode_user).await
}

pub(super) async fn find_user(store: &MongoStore, filter: Document) -> Result<Option<User>> {
    let found = store
        .coll("user")
        .find_one(filter)
        .await
        .map_err(mongo_err)?;
    found.map(decode_user).transpose()
}

pub(super) async fn find_user_by_id(store: &MongoStore, id: &UserId) -> Result<Option<User>> {
    match object_id(id) {
        Some(oid) => find_user(store, doc! { "_id": oid }).await,
        None => Ok(None),
    }
}

pub(super) async fn delete_user(store: &MongoStore, id: &UserId) -> Result<bool> {
    let Some(oid) = object_id(id) else {
        return Ok(false);
    };
    if find_user(store, doc! { "_id": oid }).await?.is_none() {
        return Ok(false);
    }
    let answers = store
        .coll("reports")
        .count_documents(doc! { "createdBy": oid })
        .await
        .map_err(mongo_err)?;
    // An answer counted but not stored yet (its call stopped; the sweep will store it) is an
    // answer too. The range on the notes' time walks their index, which holds only notes.
    let noted = store
        .coll("tasks")
        .count_documents(doc! {
            format!("{}.at", PENDING): { "$gte": mongodb::bson::DateTime::from_millis(0) },
            format!("{}.user", PENDING): oid,
        })
        .await
        .map_err(mongo_err)?;
    let answers = answers + noted;
    if answers > 0 {
        return Err(Error::conflict(format!(
            "the user has {answers} answers; deleting them would lose collected work"
        )));
    }
    // Their record on gold tasks judges no one else.
    for collection in [
        "work_sessions",
        WEB_SESSIONS,
        API_TOKENS,
        IDENTITIES,
        GOLD_ANSWERS,
    ] {
        store
            .coll(collection)
            .delete_many(doc! { "user": oid })
            .await
            .map_err(mongo_err)?;
    }
    store
        .coll(GOLD_LEASES)
        .delete_many(doc! { "_id.user": oid })
        .await
        .map_err(mongo_err)?;
    let deleted = store
        .coll("user")
        .delete_one(doc! { "_id": oid })
        .await
        .map_err(mongo_err)?;
    Ok(deleted.deleted_count > 0)
}

pub(super) async fn update_user(store: &MongoStore, id: &UserId, update: Document) -> Result<bool> {
    let Some(oid) = object_id(id) else {
        return Ok(false);
    };
    let result = store
        .coll("user")
        .update_one(doc! { "_id": oid }, update)
        .await
        .map_err(mongo_err)?;
    Ok(result.matched_count > 0)
}

pub(super) async fn add_all_users_to_group(store: &MongoStore, group: &str) -> Result<u64> {
    if super::groups::group(store, group).await?.is_none() {
        return Err(Error::not_found("group", group));
    }
    let result = store
        .coll("user")
        .update_many(
            doc! { "groups": { "$ne": group } },
            doc! { "$push": { "groups": group } },
        )
        .await
        .map_err(mongo_err)?;
    Ok(result.modified_count)
}
