//! The site's sign-in state in three collections of our own (the original kept its sessions
//! in Flask's signed cookies and had no tokens): `vulyk_web_sessions`, `vulyk_api_tokens` and
//! `vulyk_attempts`. Expiry is a query filter, so no TTL monitor has to run for correctness;
//! TTL indexes only keep the collections small.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mongodb::bson::{Document, doc};
use mongodb::options::ReturnDocument;

use super::MongoStore;
use super::support::{
    API_TOKENS, ATTEMPTS, IDENTITIES, WEB_SESSIONS, bson_time, chrono_time, count,
    is_duplicate_key, mongo_err, object_id, user_oid,
};
use crate::domain::{ApiToken, User, UserId, WebSession};
use crate::store::ATTEMPTS_KEPT;
use crate::store::found;
use crate::store::{SignInStore, UserStore};
use crate::{Error, Result};

#[async_trait]
impl SignInStore for MongoStore {
    async fn insert_web_session(&self, session: &WebSession) -> Result<()> {
        let _write = self.writable().await?;
        insert_session(self, session).await
    }

    async fn delete_web_session(&self, key_hash: &str) -> Result<()> {
        let _write = self.writable().await?;
        delete_session(self, key_hash).await
    }

    async fn delete_user_web_sessions(&self, user: &UserId) -> Result<u64> {
        let _write = self.writable().await?;
        delete_user_sessions(self, user).await
    }

    async fn insert_api_token(&self, token: &ApiToken) -> Result<()> {
        let _write = self.writable().await?;
        insert_token(self, token).await
    }

    async fn api_tokens(&self, user: &UserId) -> Result<Vec<ApiToken>> {
        tokens(self, user).await
    }

    async fn api_token_user(&self, hash: &str) -> Result<Option<User>> {
        match token_by_hash(self, hash).await? {
            Some(token) => self.user_by_id(&token.user).await,
            None => Ok(None),
        }
    }

    async fn web_session_user(&self, key_hash: &str, now: DateTime<Utc>) -> Result<Option<User>> {
        match session(self, key_hash, now).await? {
            Some(session) => self.user_by_id(&session.user).await,
            None => Ok(None),
        }
    }

    async fn delete_api_token(&self, user: &UserId, id: &str) -> Result<()> {
        let missing = Error::not_found("API token", id);
        let _write = self.writable().await?;
        found(delete_token(self, user, id).await?, missing)
    }

    async fn count_attempt(&self, key: &str, window: DateTime<Utc>) -> Result<u64> {
        let _write = self.writable().await?;
        count_attempt(self, key, window).await
    }

    #[cfg(any(test, feature = "test-support"))]
    async fn attempts(&self, key: &str, window: DateTime<Utc>) -> Result<u64> {
        attempts(self, key, window).await
    }

    async fn clear_attempts(&self, key: &str) -> Result<()> {
        let _write = self.writable().await?;
        clear_attempts(self, key).await
    }

    async fn user_by_identity(&self, provider: &str, subject: &str) -> Result<Option<User>> {
        user_by_identity(self, provider, subject).await
    }

    async fn link_identity(&self, user: &UserId, provider: &str, subject: &str) -> Result<()> {
        let _write = self.writable().await?;
        link_identity(self, user, provider, subject).await
    }
}

fn field<'a>(document: &'a Document, key: &str) -> Result<&'a str> {
    document
        .get_str(key)
        .map_err(|e| Error::store(format!("sign-in document without `{key}`"), e))
}

fn time(document: &Document, key: &str) -> DateTime<Utc> {
    document
        .get_datetime(key)
        .map(|t| chrono_time(*t))
        .unwrap_or_default()
}

fn user_of(document: &Document) -> Result<UserId> {
    document
        .get_object_id("user")
        .map(|oid| UserId::from_stored(oid.to_hex()))
        .map_err(|e| Error::store("sign-in document without a user", e))
}

pub(super) async fn insert_session(store: &MongoStore, session: &WebSession) -> Result<()> {
    let document = doc! {
        "_id": &session.key_hash,
        "user": user_oid(&session.user)?,
        "created": bson_time(session.created),
        "expires": bson_time(session.expires),
    };
    store
        .coll(WEB_SESSIONS)
        .insert_one(document)
        .await
        .map(|_| ())
        .map_err(mongo_err)
}

pub(super) async fn session(
    store: &MongoStore,
    key_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<WebSession>> {
    let found = store
        .coll(WEB_SESSIONS)
        .find_one(doc! { "_id": key_hash, "expires": { "$gt": bson_time(now) } })
        .await
        .map_err(mongo_err)?;
    found
        .map(|d| {
            Ok(WebSession {
                key_hash: field(&d, "_id")?.to_string(),
                user: user_of(&d)?,
                created: time(&d, "created"),
                expires: time(&d, "expires"),
            })
        })
        .transpose()
}

/// Signing out of a session that is gone already is no error: the browser is signed out.
pub(super) async fn delete_session(store: &MongoStore, key_hash: &str) -> Result<()> {
    store
        .coll(WEB_SESSIONS)
        .delete_one(doc! { "_id": key_hash })
        .await
        .map(drop)
        .map_err(mongo_err)
}

pub(super) async fn delete_user_sessions(store: &MongoStore, user: &UserId) -> Result<u64> {
    let Some(oid) = object_id(user) else {
        return Ok(0);
    };
    store
        .coll(WEB_SESSIONS)
        .delete_many(doc! { "user": oid })
        .await
        .map(|r| r.deleted_count)
        .map_err(mongo_err)
}

fn decode_token(d: Document) -> Result<ApiToken> {
    Ok(ApiToken {
        id: field(&d, "_id")?.to_string(),
        user: user_of(&d)?,
        name: field(&d, "name")?.to_string(),
        hash: field(&d, "hash")?.to_string(),
        created: time(&d, "created"),
    })
}

pub(super) async fn insert_token(store: &MongoStore, token: &ApiToken) -> Result<()> {
    let document = doc! {
        "_id": &token.id,
        "user": user_oid(&token.user)?,
        "name": &token.name,
        "hash": &token.hash,
        "created": bson_time(token.created),
    };
    match store.coll(API_TOKENS).insert_one(document).await {
        Ok(_) => Ok(()),
        Err(e) if is_duplicate_key(&e) => Err(Error::conflict(format!(
            "API token id `{}` is already taken",
            token.id
        ))),
        Err(e) => Err(mongo_err(e)),
    }
}

pub(super) async fn tokens(store: &MongoStore, user: &UserId) -> Result<Vec<ApiToken>> {
    let Some(oid) = object_id(user) else {
        return Ok(Vec::new());
    };
    let cursor = store
        .coll(API_TOKENS)
        .find(doc! { "user": oid })
        .sort(doc! { "created": 1, "_id": 1 })
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, decode_token).await
}

pub(super) async fn token_by_hash(store: &MongoStore, hash: &str) -> Result<Option<ApiToken>> {
    store
        .coll(API_TOKENS)
        .find_one(doc! { "hash": hash })
        .await
        .map_err(mongo_err)?
        .map(decode_token)
        .transpose()
}

pub(super) async fn delete_token(store: &MongoStore, user: &UserId, id: &str) -> Result<bool> {
    let Some(oid) = object_id(user) else {
        return Ok(false);
    };
    store
        .coll(API_TOKENS)
        .delete_one(doc! { "_id": id, "user": oid })
        .await
        .map(|r| r.deleted_count > 0)
        .map_err(mongo_err)
}

fn window_id(key: &str, window: DateTime<Utc>) -> String {
    format!("{key}@{}", window.timestamp_millis())
}

pub(super) async fn count_attempt(
    store: &MongoStore,
    key: &str,
    window: DateTime<Utc>,
) -> Result<u64> {
    let attempts = store.coll(ATTEMPTS);
    let filter = doc! { "_id": window_id(key, window) };
    // The window's document first, then the count on a document that exists: an upserting
    // findOneAndUpdate that races another may find no document to return (the SecantusDB
    // test server does), and retrying it would count the attempt twice.
    let created = attempts
        .update_one(
            filter.clone(),
            doc! { "$setOnInsert": { "key": key, "window": bson_time(window), "count": 0_i64 } },
        )
        .upsert(true)
        .await;
    match created {
        Err(e) if !is_duplicate_key(&e) => return Err(mongo_err(e)),
        _ => {}
    }
    let counted = attempts
        .find_one_and_update(filter, doc! { "$inc": { "count": 1_i64 } })
        .return_document(ReturnDocument::After)
        .await
        .map_err(mongo_err)?;
    let counted = counted.ok_or_else(|| Error::store_msg("attempt counter missing"))?;
    attempts
        // Every key's older windows, through the `window` index: counters of clients that
        // never come back must not pile up until the TTL monitor runs.
        .delete_many(doc! { "window": { "$lt": bson_time(window - ATTEMPTS_KEPT) } })
        .await
        .map_err(mongo_err)?;
    Ok(count(&counted, "count"))
}

#[cfg(any(test, feature = "test-support"))]
pub(super) async fn attempts(store: &MongoStore, key: &str, window: DateTime<Utc>) -> Result<u64> {
    let found = store
        .coll(ATTEMPTS)
        .find_one(doc! { "_id": window_id(key, window) })
        .await
        .map_err(mongo_err)?;
    Ok(found.map_or(0, |d| count(&d, "count")))
}

pub(super) async fn clear_attempts(store: &MongoStore, key: &str) -> Result<()> {
    store
        .coll(ATTEMPTS)
        .delete_many(doc! { "key": key })
        .await
        .map(|_| ())
        .map_err(mongo_err)
}

fn identity_id(provider: &str, subject: &str) -> Document {
    // A sub-document id: no separator that a subject could contain is needed.
    doc! { "provider": provider, "subject": subject }
}

pub(super) async fn user_by_identity(
    store: &MongoStore,
    provider: &str,
    subject: &str,
) -> Result<Option<User>> {
    let found = store
        .coll(IDENTITIES)
        .find_one(doc! { "_id": identity_id(provider, subject) })
        .await
        .map_err(mongo_err)?;
    match found {
        Some(d) => super::users::find_user_by_id(store, &user_of(&d)?).await,
        None => Ok(None),
    }
}

pub(super) async fn link_identity(
    store: &MongoStore,
    user: &UserId,
    provider: &str,
    subject: &str,
) -> Result<()> {
    let document = doc! { "_id": identity_id(provider, subject), "user": user_oid(user)? };
    match store.coll(IDENTITIES).insert_one(document).await {
        Ok(_) => Ok(()),
        Err(e) if is_duplicate_key(&e) => Err(Error::conflict(format!(
            "the {provider} account is already linked to a user"
        ))),
        Err(e) => Err(mongo_err(e)),
    }
}
