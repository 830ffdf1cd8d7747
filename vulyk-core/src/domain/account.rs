//! What signing in leaves in the store: site sessions, API tokens and counted attempts.
//!
//! Secrets are never stored: a session cookie or a token is kept as the SHA-256 of its text,
//! so a copy of the database lets nobody sign in.

use chrono::{DateTime, Utc};

use super::UserId;

/// A signed-in browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSession {
    /// SHA-256 (hex) of the cookie's value.
    pub key_hash: String,
    pub user: UserId,
    pub created: DateTime<Utc>,
    pub expires: DateTime<Utc>,
}

/// A token a script sends as `Authorization: Bearer …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Short public id, shown in lists and used to revoke.
    pub id: String,
    pub user: UserId,
    /// What the operator called it ("export script").
    pub name: String,
    /// SHA-256 (hex) of the token's text.
    pub hash: String,
    pub created: DateTime<Utc>,
}
