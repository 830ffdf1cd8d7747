//! The site's sign-in state: sessions, API tokens and counted attempts.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::SqliteStore;
use super::sql_err;
use super::users;
use super::{from_ms, ms};
use crate::domain::{ApiToken, User, UserId, WebSession};
use crate::store::ATTEMPTS_KEPT;
use crate::store::SignInStore;
use crate::store::found;
use crate::{Error, Result};

#[async_trait]
impl SignInStore for SqliteStore {
    async fn insert_web_session(&self, session: &WebSession) -> Result<()> {
        let session = session.clone();
        self.call(move |c| insert_session(c, &session)).await
    }

    async fn delete_web_session(&self, key_hash: &str) -> Result<()> {
        let key_hash = key_hash.to_string();
        self.call(move |c| delete_session(c, &key_hash)).await
    }

    async fn delete_user_web_sessions(&self, user: &UserId) -> Result<u64> {
        let user = user.clone();
        self.call(move |c| delete_user_sessions(c, &user)).await
    }

    async fn insert_api_token(&self, token: &ApiToken) -> Result<()> {
        let token = token.clone();
        self.call(move |c| insert_token(c, &token)).await
    }

    async fn api_tokens(&self, user: &UserId) -> Result<Vec<ApiToken>> {
        let user = user.clone();
        self.read(move |c| tokens(c, &user)).await
    }

    async fn api_token_user(&self, hash: &str) -> Result<Option<User>> {
        let hash = hash.to_string();
        // Both lookups in one trip to the reading thread: this runs on every API request.
        self.read(move |c| match token_by_hash(c, &hash)? {
            Some(token) => users::find(c, "id", token.user.as_str()),
            None => Ok(None),
        })
        .await
    }

    async fn web_session_user(&self, key_hash: &str, now: DateTime<Utc>) -> Result<Option<User>> {
        let key_hash = key_hash.to_string();
        self.read(move |c| match session(c, &key_hash, now)? {
            Some(session) => users::find(c, "id", session.user.as_str()),
            None => Ok(None),
        })
        .await
    }

    async fn delete_api_token(&self, user: &UserId, id: &str) -> Result<()> {
        let missing = Error::not_found("API token", id);
        let (user, id) = (user.clone(), id.to_string());
        found(
            self.call(move |c| delete_token(c, &user, &id)).await?,
            missing,
        )
    }

    async fn count_attempt(&self, key: &str, window: DateTime<Utc>) -> Result<u64> {
        let key = key.to_string();
        self.call(move |c| count_attempt(c, &key, window)).await
    }

    #[cfg(any(test, feature = "test-support"))]
    async fn attempts(&self, key: &str, window: DateTime<Utc>) -> Result<u64> {
        let key = key.to_string();
        self.read(move |c| attempts(c, &key, window)).await
    }

    async fn clear_attempts(&self, key: &str) -> Result<()> {
        let key = key.to_string();
        self.call(move |c| clear_attempts(c, &key)).await
    }

    async fn user_by_identity(&self, provider: &str, subject: &str) -> Result<Option<User>> {
        let (provider, subject) = (provider.to_string(), subject.to_string());
        self.read(move |c| user_by_identity(c, &provider, &subject))
            .await
    }

    async fn link_identity(&self, user: &UserId, provider: &str, subject: &str) -> Result<()> {
        let (user, provider, subject) = (user.clone(), provider.to_string(), subject.to_string());
        self.call(move |c| link_identity(c, &user, &provider, &subject))
            .await
    }
}

pub(super) fn insert_session(c: &mut Connection, session: &WebSession) -> Result<()> {
    let tx = c.transaction().map_err(sql_err)?;
    // Expired sessions go whenever a new one comes, so the table never grows without end.
    tx.prepare_cached("DELETE FROM web_sessions WHERE expires_ms <= ?1")
        .and_then(|mut s| s.execute([ms(session.created)]))
        .map_err(sql_err)?;
    tx.prepare_cached(
        "INSERT INTO web_sessions (key_hash, user_id, created_ms, expires_ms)
         VALUES (?1, ?2, ?3, ?4)",
    )
    .and_then(|mut s| {
        s.execute(params![
            session.key_hash,
            session.user.as_str(),
            ms(session.created),
            ms(session.expires)
        ])
    })
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)
}

pub(super) fn session(
    c: &Connection,
    key_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<WebSession>> {
    c.prepare_cached(
        "SELECT key_hash, user_id, created_ms, expires_ms FROM web_sessions
         WHERE key_hash = ?1 AND expires_ms > ?2",
    )
    .and_then(|mut s| {
        s.query_row(params![key_hash, ms(now)], |row| {
            Ok(WebSession {
                key_hash: row.get(0)?,
                user: UserId::from_stored(row.get(1)?),
                created: from_ms(row.get(2)?),
                expires: from_ms(row.get(3)?),
            })
        })
        .optional()
    })
    .map_err(sql_err)
}

/// Signing out of a session that is gone already is no error: the browser is signed out.
pub(super) fn delete_session(c: &Connection, key_hash: &str) -> Result<()> {
    c.prepare_cached("DELETE FROM web_sessions WHERE key_hash = ?1")
        .and_then(|mut s| s.execute([key_hash]))
        .map(drop)
        .map_err(sql_err)
}

pub(super) fn delete_user_sessions(c: &Connection, user: &UserId) -> Result<u64> {
    c.prepare_cached("DELETE FROM web_sessions WHERE user_id = ?1")
        .and_then(|mut s| s.execute([user.as_str()]))
        .map(|n| n as u64)
        .map_err(sql_err)
}

fn token_from_row(row: &Row<'_>) -> rusqlite::Result<ApiToken> {
    Ok(ApiToken {
        id: row.get(0)?,
        user: UserId::from_stored(row.get(1)?),
        name: row.get(2)?,
        hash: row.get(3)?,
        created: from_ms(row.get(4)?),
    })
}

const TOKEN_COLUMNS: &str = "id, user_id, name, hash, created_ms";

pub(super) fn insert_token(c: &Connection, token: &ApiToken) -> Result<()> {
    let inserted = c
        .prepare_cached(
            "INSERT OR IGNORE INTO api_tokens (id, user_id, name, hash, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut s| {
            s.execute(params![
                token.id,
                token.user.as_str(),
                token.name,
                token.hash,
                ms(token.created)
            ])
        })
        .map_err(sql_err)?;
    if inserted == 0 {
        return Err(Error::conflict(format!(
            "API token id `{}` is already taken",
            token.id
        )));
    }
    Ok(())
}

pub(super) fn tokens(c: &Connection, user: &UserId) -> Result<Vec<ApiToken>> {
    let sql = format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = ?1 ORDER BY created_ms, id"
    );
    let mut stmt = c.prepare_cached(&sql).map_err(sql_err)?;
    stmt.query_map([user.as_str()], token_from_row)
        .map_err(sql_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(sql_err)
}

pub(super) fn token_by_hash(c: &Connection, hash: &str) -> Result<Option<ApiToken>> {
    let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE hash = ?1");
    c.prepare_cached(&sql)
        .and_then(|mut s| s.query_row([hash], token_from_row).optional())
        .map_err(sql_err)
}

pub(super) fn delete_token(c: &Connection, user: &UserId, id: &str) -> Result<bool> {
    c.prepare_cached("DELETE FROM api_tokens WHERE user_id = ?1 AND id = ?2")
        .and_then(|mut s| s.execute([user.as_str(), id]))
        .map(|n| n > 0)
        .map_err(sql_err)
}

pub(super) fn count_attempt(c: &mut Connection, key: &str, window: DateTime<Utc>) -> Result<u64> {
    let tx = c.transaction().map_err(sql_err)?;
    // Every key's windows older than the margin go, not only this key's: counters of clients
    // that never come back must not pile up (through `attempts_window`, so no scan).
    tx.prepare_cached("DELETE FROM attempts WHERE window_ms < ?1")
        .and_then(|mut s| s.execute(params![ms(window - ATTEMPTS_KEPT)]))
        .map_err(sql_err)?;
    let count: i64 = tx
        .prepare_cached(
            "INSERT INTO attempts (key, window_ms, count) VALUES (?1, ?2, 1)
             ON CONFLICT (key, window_ms) DO UPDATE SET count = count + 1
             RETURNING count",
        )
        .and_then(|mut s| s.query_row(params![key, ms(window)], |row| row.get(0)))
        .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(count as u64)
}

#[cfg(any(test, feature = "test-support"))]
pub(super) fn attempts(c: &Connection, key: &str, window: DateTime<Utc>) -> Result<u64> {
    c.prepare_cached("SELECT count FROM attempts WHERE key = ?1 AND window_ms = ?2")
        .and_then(|mut s| {
            s.query_row(params![key, ms(window)], |row| row.get::<_, i64>(0))
                .optional()
        })
        .map(|count| count.unwrap_or(0) as u64)
        .map_err(sql_err)
}

pub(super) fn clear_attempts(c: &Connection, key: &str) -> Result<()> {
    c.prepare_cached("DELETE FROM attempts WHERE key = ?1")
        .and_then(|mut s| s.execute([key]))
        .map(|_| ())
        .map_err(sql_err)
}

pub(super) fn user_by_identity(
    c: &Connection,
    provider: &str,
    subject: &str,
) -> Result<Option<User>> {
    let user: Option<String> = c
        .prepare_cached("SELECT user_id FROM identities WHERE provider = ?1 AND subject = ?2")
        .and_then(|mut s| {
            s.query_row([provider, subject], |row| row.get(0))
                .optional()
        })
        .map_err(sql_err)?;
    match user {
        Some(id) => super::users::find(c, "id", &id),
        None => Ok(None),
    }
}

pub(super) fn link_identity(
    c: &Connection,
    user: &UserId,
    provider: &str,
    subject: &str,
) -> Result<()> {
    let inserted = c
        .prepare_cached(
            "INSERT OR IGNORE INTO identities (provider, subject, user_id) VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut s| s.execute([provider, subject, user.as_str()]))
        .map_err(sql_err)?;
    if inserted == 0 {
        return Err(Error::conflict(format!(
            "the {provider} account is already linked to a user"
        )));
    }
    Ok(())
}
