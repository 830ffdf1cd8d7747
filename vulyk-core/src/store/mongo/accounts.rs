//! Groups (`groups`) and users (`user`), in the original's documents: a user's groups are a
//! list in the user document, and a user id is an ObjectId.

use mongodb::bson::oid::ObjectId;
use mongodb::bson::{Bson, DateTime, Document, doc};

use super::sign_in::{API_TOKENS, IDENTITIES, WEB_SESSIONS};
use super::{MongoStore, is_duplicate_key, mongo_err};
use crate::domain::{Group, NewUser, User, UserId};
use crate::{Error, Result};

pub(super) fn object_id(id: &UserId) -> Option<ObjectId> {
    ObjectId::parse_str(id.as_str()).ok()
}

fn strings(document: &Document, key: &str) -> Vec<String> {
    document
        .get_array(key)
        .map(|values| {
            values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn text(document: &Document, key: &str) -> String {
    document.get_str(key).unwrap_or_default().to_string()
}

/// An integer however the writer stored it (Python writes int32 or int64).
pub(super) fn count(document: &Document, key: &str) -> u64 {
    match document.get(key) {
        Some(Bson::Int32(n)) => (*n).max(0) as u64,
        Some(Bson::Int64(n)) => (*n).max(0) as u64,
        Some(Bson::Double(n)) if *n >= 0.0 => *n as u64,
        _ => 0,
    }
}

fn decode_group(document: Document) -> Result<Group> {
    Ok(Group {
        id: text(&document, "_id"),
        description: text(&document, "description"),
        allowed_types: strings(&document, "allowed_types"),
    })
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
        "last_login": DateTime::now(),
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
            format!("{}.at", super::answers::PENDING): { "$gte": mongodb::bson::DateTime::from_millis(0) },
            format!("{}.user", super::answers::PENDING): oid,
        })
        .await
        .map_err(mongo_err)?;
    let answers = answers + noted;
    if answers > 0 {
        return Err(Error::conflict(format!(
            "the user has {answers} answers; deleting them would lose collected work"
        )));
    }
    for collection in ["work_sessions", WEB_SESSIONS, API_TOKENS, IDENTITIES] {
        store
            .coll(collection)
            .delete_many(doc! { "user": oid })
            .await
            .map_err(mongo_err)?;
    }
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
    if self::group(store, group).await?.is_none() {
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
