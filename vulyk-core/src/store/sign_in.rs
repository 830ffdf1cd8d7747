//! The store's part of signing in.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Result;
use crate::domain::{ApiToken, User, UserId, WebSession};

/// Signing in: web sessions, API tokens, counted attempts and external identities.
#[async_trait]
pub trait SignInStore {
    // The site's sign-in state. Secrets arrive hashed; expired sessions are never returned.
    async fn insert_web_session(&self, session: &WebSession) -> Result<()>;
    /// Ends a session; nothing to do if it has ended already (signing out twice is fine).
    async fn delete_web_session(&self, key_hash: &str) -> Result<()>;
    /// Ends every session of a user (a new password signs them out everywhere).
    async fn delete_user_web_sessions(&self, user: &UserId) -> Result<u64>;
    /// `Conflict` if the token id is taken.
    async fn insert_api_token(&self, token: &ApiToken) -> Result<()>;
    /// A user's tokens, oldest first.
    async fn api_tokens(&self, user: &UserId) -> Result<Vec<ApiToken>>;
    /// The user the API token with this hash belongs to. Asked on every scripted request:
    /// a backend answers it in as few trips as it can.
    async fn api_token_user(&self, hash: &str) -> Result<Option<User>>;
    /// The user of the browser session with this key hash, if it is still valid at `now`
    /// (as `api_token_user`).
    async fn web_session_user(&self, key_hash: &str, now: DateTime<Utc>) -> Result<Option<User>>;
    async fn delete_api_token(&self, user: &UserId, id: &str) -> Result<()>;
    /// Counts one attempt under `key` in the window that starts at `window` and returns the
    /// window's count so far, atomically (two racing attempts get different counts). Windows
    /// of every key more than [`ATTEMPTS_KEPT`] older than `window` are forgotten.
    async fn count_attempt(&self, key: &str, window: DateTime<Utc>) -> Result<u64>;
    /// The attempts counted under `key` in the window that starts at `window`.
    #[cfg(any(test, feature = "test-support"))]
    async fn attempts(&self, key: &str, window: DateTime<Utc>) -> Result<u64>;
    async fn clear_attempts(&self, key: &str) -> Result<()>;
    /// The user an external identity (an OpenID Connect provider's subject) is linked to.
    async fn user_by_identity(&self, provider: &str, subject: &str) -> Result<Option<User>>;
    /// Links an external identity to a user; `Conflict` if it is linked to someone already.
    async fn link_identity(&self, user: &UserId, provider: &str, subject: &str) -> Result<()>;
}
