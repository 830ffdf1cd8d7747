//! Signing up and in on the site: passwords, browser sessions, API tokens, and the limit on
//! sign-in attempts. The server holds none of this in memory (ARCHITECTURE.md, invariant 10):
//! everything lives in the store, so several server processes can share one database.

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, DurationRound, Utc};
use sha2::{Digest, Sha256};

use super::passwords::{
    MAX_PASSWORD_BYTES, Memory, check_password, check_password_size, hash_password, is_checkable,
};
use super::users::UserRef;
use super::{Vulyk, monitoring};
use crate::domain::{
    ApiToken, User, UserId, WebSession, display_name_from_provider, normalize_email,
};
use crate::{Error, Result};

/// How long a browser stays signed in.
pub const SESSION_DAYS: i64 = 30;
/// Attempts are counted in fixed windows of this length.
pub const SIGN_IN_WINDOW_MINUTES: i64 = 15;
/// Sign-in attempts one account may get from one address per window, right or wrong (a
/// right one starts the count again). Guesses from elsewhere do not use them up, so nobody
/// can lock the owner out from another address.
pub const MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS: u64 = 5;
/// Sign-in attempts one account may get per window from all addresses together: the bound
/// on a guesser who spreads over many addresses (ten of them at the least to reach it). It
/// does not apply to a browser the account signed in with before (a device the site
/// recognises), so such a spread cannot lock the owner out there.
pub const MAX_ATTEMPTS_PER_ACCOUNT: u64 = 50;
/// Sign-in attempts one address may make per window, whatever accounts it tries.
pub const MAX_ATTEMPTS_PER_ADDRESS: u64 = 100;
/// Accounts one address may create per window on the site.
pub const MAX_SIGN_UPS_PER_ADDRESS: u64 = 10;
/// Accounts the site may create per window from all addresses together.
pub const MAX_SIGN_UPS: u64 = 500;
/// How many sign-ins and sign-ups the site allows per window (the constants above unless
/// the operator sets others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountLimits {
    pub attempts_per_account_and_address: u64,
    pub attempts_per_account: u64,
    pub attempts_per_address: u64,
    pub sign_ups_per_address: u64,
    pub sign_ups: u64,
}

impl Default for AccountLimits {
    fn default() -> Self {
        AccountLimits {
            attempts_per_account_and_address: MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS,
            attempts_per_account: MAX_ATTEMPTS_PER_ACCOUNT,
            attempts_per_address: MAX_ATTEMPTS_PER_ADDRESS,
            sign_ups_per_address: MAX_SIGN_UPS_PER_ADDRESS,
            sign_ups: MAX_SIGN_UPS,
        }
    }
}

/// The longest login looked up: the longest e-mail address. Longer ones are refused before
/// anything is stored or hashed.
pub const MAX_LOGIN_CHARS: usize = 254;
/// The prefix of every API token, so that one pasted by mistake is easy to recognise.
pub const TOKEN_PREFIX: &str = "vlk_";
const MAX_TOKEN_NAME: usize = 100;
const WRONG_CREDENTIALS: &str = "wrong e-mail or password";

/// A random secret as URL-safe text (32 bytes: 256 bits).
fn random_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A token's public id: unrelated to its secret, and hex, so that it never starts with `-`
/// (base64's did, one in 64, and `vulyk user token revoke USER -x…` read it as a flag). 48
/// random bits, as the base64 ids had: ids are unique across all tokens.
fn token_id() -> String {
    let bytes: [u8; 6] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the store keeps of a secret.
fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(Duration::minutes(SIGN_IN_WINDOW_MINUTES))
        .unwrap_or(now)
}

fn throttled(now: DateTime<Utc>, message: &str) -> Error {
    let next_window = window_start(now) + Duration::minutes(SIGN_IN_WINDOW_MINUTES);
    Error::Throttled {
        message: message.to_string(),
        retry_after_secs: (next_window - now).num_seconds().max(1) as u64,
    }
}

/// The stored key of a counter: a digest of fixed size, whatever the client sent, so that
/// counting attempts cannot grow the store by more than a row per counter.
fn attempt_key(kind: &str, what: &str) -> String {
    let digest = secret_hash(&format!("{kind}\n{what}"));
    format!("{kind}:{}", &digest[..32])
}

/// What an OpenID Connect provider vouched for about the person signing in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalIdentity {
    /// The provider's id in our configuration.
    pub provider: String,
    /// The provider's stable id of the person (`sub`).
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: String,
}

impl Vulyk {
    /// The user an external identity signs in: the one it is linked to; else, when the
    /// provider is trusted to vouch for e-mail addresses (`link_by_email`), the user with its
    /// verified address — never an admin —, now linked; else a new volunteer (username =
    /// address, in the `default` group), linked. An address that belongs to an account the
    /// identity may not take over is a `Conflict`: its owner links the provider while signed
    /// in ([`Vulyk::link_external`]). A sign-up racing another for the same address ends in
    /// the same user.
    pub async fn sign_in_external(
        &self,
        identity: &ExternalIdentity,
        link_by_email: bool,
    ) -> Result<User> {
        // A few rounds settle any race: a lost create finds the user next round, a lost link
        // finds the identity the round after, and an account found by its address that this
        // identity may not take may be one a racing sign-in of the same person has just made
        // and is about to link — so it is looked at again, a little later, before refusing.
        const ROUNDS: u32 = 5;
        for round in 1..=ROUNDS {
            if let Some(user) = self
                .store
                .user_by_identity(&identity.provider, &identity.subject)
                .await?
            {
                return if user.active {
                    Ok(user)
                } else {
                    Err(Error::forbidden("this account is disabled"))
                };
            }
            let email = match (&identity.email, identity.email_verified) {
                (Some(email), true) => normalize_email(email)?,
                _ => {
                    return Err(Error::invalid(format!(
                        "{} gave no verified e-mail address; an account needs one",
                        identity.provider
                    )));
                }
            };
            let user = match self.store.user_by_email(&email).await? {
                Some(user) if link_by_email && !user.admin => user,
                Some(_) if round < ROUNDS => {
                    tokio::time::sleep(std::time::Duration::from_millis(25 << round)).await;
                    continue;
                }
                Some(_) => {
                    return Err(Error::conflict(format!(
                        "an account with the address {email} exists already: sign in to it \
                         as before, then link {} on your personal page",
                        identity.provider
                    )));
                }
                None => match self
                    .create_user(
                        &email,
                        &email,
                        &display_name_from_provider(&identity.name),
                        false,
                        None,
                    )
                    .await
                {
                    Ok(user) => user,
                    // Another sign-in created it a moment ago: look again.
                    Err(Error::Conflict(_)) => continue,
                    Err(e) => return Err(e),
                },
            };
            match self
                .store
                .link_identity(&user.id, &identity.provider, &identity.subject)
                .await
            {
                Ok(()) if user.active => return Ok(user),
                Ok(()) => return Err(Error::forbidden("this account is disabled")),
                Err(Error::Conflict(_)) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(Error::conflict(
            "signing in raced another sign-in of the same person; try again",
        ))
    }

    /// Links an external identity to a signed-in user, who from then on may sign in through
    /// the provider. An identity linked to someone else is a `Conflict`.
    pub async fn link_external(&self, user: &User, identity: &ExternalIdentity) -> Result<()> {
        match self
            .store
            .user_by_identity(&identity.provider, &identity.subject)
            .await?
        {
            Some(linked) if linked.id == user.id => Ok(()),
            Some(_) => Err(Error::conflict(format!(
                "this {} account is linked to another Vulyk account",
                identity.provider
            ))),
            None => {
                self.store
                    .link_identity(&user.id, &identity.provider, &identity.subject)
                    .await
            }
        }
    }

    /// Whether this is the first use of a one-time `token` issued at `issued` (a sign-in
    /// flow's state): later uses within the hour are refused. Counted in the store, so it
    /// holds across server processes.
    pub async fn first_use(&self, token: &str, issued: DateTime<Utc>) -> Result<bool> {
        let key = attempt_key("one-time", token);
        Ok(self.store.count_attempt(&key, window_start(issued)).await? == 1)
    }

    /// Creates a volunteer who signs in with an e-mail address and a password; the username
    /// is the address, as in the original. The volunteer joins the `default` group. For
    /// operators' code (the demo, tests); the site calls [`Vulyk::sign_up_visitor`].
    pub async fn sign_up(&self, email: &str, password: &str, name: &str) -> Result<User> {
        let email = normalize_email(email)?;
        check_password_size(password)?;
        let password = password.to_string();
        let hash = self
            .hashing
            .run(move |memory| hash_password(memory, &password))
            .await??;
        self.create_user(&email, &email, name, false, Some(hash))
            .await
    }

    /// [`Vulyk::sign_up`] for a visitor of the site at network `address`: sign-ups are
    /// limited per address and overall (`Throttled`), counted before the password is hashed.
    pub async fn sign_up_visitor(
        &self,
        email: &str,
        password: &str,
        name: &str,
        address: &str,
    ) -> Result<User> {
        normalize_email(email)?;
        check_password_size(password)?;
        let now = self.clock.now();
        let window = window_start(now);
        let limits = [
            (
                "sign_ups_per_address",
                attempt_key("sign-up-address", address),
                self.limits.sign_ups_per_address,
                "too many sign-ups from this address; try again later",
            ),
            (
                "sign_ups",
                attempt_key("sign-up", "all"),
                self.limits.sign_ups,
                "too many sign-ups on this site just now; try again later",
            ),
        ];
        self.within_limits(&limits, now, window).await?;
        self.sign_up(email, password, name).await
    }

    /// Checks a username or e-mail address and password. `address` is the client's network
    /// address; attempts are limited per account and address, per account, and per address
    /// (`Throttled`), each counted atomically before the password is checked, so racing
    /// guesses cannot pass a limit.
    pub async fn sign_in(&self, login: &str, password: &str, address: &str) -> Result<User> {
        self.sign_in_on_device(login, password, address, None).await
    }

    /// [`Vulyk::sign_in`] from a browser that proved it signed in as `known_user` before (the
    /// site's device cookie): the per-account limit, which guesses from many addresses can
    /// use up, does not apply to the owner there; the others do.
    pub async fn sign_in_on_device(
        &self,
        login: &str,
        password: &str,
        address: &str,
        known_user: Option<&UserId>,
    ) -> Result<User> {
        let login = login.trim();
        if login.is_empty()
            || login.chars().count() > MAX_LOGIN_CHARS
            || password.len() > MAX_PASSWORD_BYTES
        {
            // No account has such a login or password: nothing to count, nothing to hash.
            monitoring::sign_in_failed("wrong_credentials");
            return Err(Error::unauthenticated(WRONG_CREDENTIALS));
        }
        let now = self.clock.now();
        let window = window_start(now);
        let user = match self.user(&UserRef(login.to_string())).await {
            Ok(user) => Some(user),
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        // An account is counted by its id, so its username and e-mail share one count.
        let account = match &user {
            Some(user) => format!("user {}", user.id),
            None => format!("login {}", login.to_lowercase()),
        };
        let account_and_address = attempt_key("sign-in", &format!("{account}\n{address}"));
        let known_device = user
            .as_ref()
            .is_some_and(|u| known_user.is_some_and(|known| *known == u.id));
        let mut limits = vec![
            (
                "sign_in_attempts_per_address",
                attempt_key("sign-in-address", address),
                self.limits.attempts_per_address,
                "too many sign-in attempts from this address; try again later",
            ),
            (
                "sign_in_attempts_per_account_and_address",
                account_and_address.clone(),
                self.limits.attempts_per_account_and_address,
                "too many sign-in attempts for this account; try again later",
            ),
        ];
        if !known_device {
            limits.push((
                "sign_in_attempts_per_account",
                attempt_key("sign-in-account", &account),
                self.limits.attempts_per_account,
                "too many sign-in attempts for this account; try again later",
            ));
        }
        // In this order, so that tries past the address's limit use up no account's.
        self.within_limits(&limits, now, window).await?;
        let hash = user.as_ref().and_then(|u| u.password_hash.clone());
        let password = password.to_string();
        // An unknown account costs the same time as a wrong password, so timing tells nothing.
        let matches = self
            .hashing
            .run(move |memory| match hash {
                Some(hash) if is_checkable(&hash) => check_password(memory, &password, &hash),
                // No hash, or one that cannot be checked: the dummy check, so that such an
                // account answers in the same time as an unknown one.
                _ => {
                    let dummy = dummy_hash(memory);
                    let _ = check_password(memory, &password, dummy);
                    false
                }
            })
            .await?;
        match user {
            Some(user) if matches && user.active => {
                self.store.clear_attempts(&account_and_address).await?;
                Ok(user)
            }
            Some(_) if matches => {
                monitoring::sign_in_failed("disabled_account");
                Err(Error::forbidden("this account is disabled"))
            }
            _ => {
                monitoring::sign_in_failed("wrong_credentials");
                Err(Error::unauthenticated(WRONG_CREDENTIALS))
            }
        }
    }

    /// Counts an attempt under each (key, limit, message) in order, atomically; the first
    /// limit passed is `Throttled` with its message, and counts nothing after it.
    async fn within_limits(
        &self,
        limits: &[(&'static str, String, u64, &str)],
        now: DateTime<Utc>,
        window: DateTime<Utc>,
    ) -> Result<()> {
        for (name, key, limit, message) in limits {
            if self.store.count_attempt(key, window).await? > *limit {
                monitoring::refused_by_limit(name);
                return Err(throttled(now, message));
            }
        }
        Ok(())
    }

    /// Starts a browser session; returns the secret for the cookie.
    pub async fn start_session(&self, user: &User) -> Result<String> {
        let secret = random_secret();
        let now = self.clock.now();
        self.store
            .insert_web_session(&WebSession {
                key_hash: secret_hash(&secret),
                user: user.id.clone(),
                created: now,
                expires: now + Duration::days(SESSION_DAYS),
            })
            .await?;
        Ok(secret)
    }

    /// The active user a session cookie belongs to, if the session is valid.
    pub async fn session_user(&self, secret: &str) -> Result<Option<User>> {
        let hash = secret_hash(secret);
        let lookup = self.store.web_session_user(&hash, self.clock.now());
        let user = monitoring::store_call("web_session_user", lookup).await?;
        Ok(user.filter(|u| u.active))
    }

    pub async fn end_session(&self, secret: &str) -> Result<()> {
        self.store.delete_web_session(&secret_hash(secret)).await?;
        Ok(())
    }

    /// Creates an API token for a user; returns it with its secret text, shown only now.
    pub async fn create_api_token(&self, user: &UserRef, name: &str) -> Result<(ApiToken, String)> {
        let user = self.user(user).await?;
        let name = name.trim();
        if name.chars().count() > MAX_TOKEN_NAME || name.chars().any(char::is_control) {
            return Err(Error::invalid(format!(
                "token name: at most {MAX_TOKEN_NAME} characters, no control characters"
            )));
        }
        let secret = format!("{TOKEN_PREFIX}{}", random_secret());
        let hash = secret_hash(&secret);
        let token = ApiToken {
            id: token_id(),
            user: user.id,
            name: name.to_string(),
            hash,
            created: self.clock.now(),
        };
        self.store.insert_api_token(&token).await?;
        let change = format!("token {} named {:?} created", token.id, token.name);
        self.audit("user token create", &user.username, change)
            .await?;
        Ok((token, secret))
    }

    pub async fn api_tokens(&self, user: &UserRef) -> Result<Vec<ApiToken>> {
        let user = self.user(user).await?;
        self.store.api_tokens(&user.id).await
    }

    /// Revokes one of a user's tokens by its public id.
    pub async fn revoke_api_token(&self, user: &UserRef, id: &str) -> Result<()> {
        let user = self.user(user).await?;
        match self.store.delete_api_token(&user.id, id).await {
            Err(Error::NotFound { .. }) => Err(Error::not_found(
                "API token",
                format!("{id} of {}", user.username),
            )),
            Err(other) => Err(other),
            Ok(()) => {
                let change = format!("token {id} revoked");
                self.audit("user token revoke", &user.username, change)
                    .await
            }
        }
    }

    /// The active user an API token belongs to.
    pub async fn token_user(&self, secret: &str) -> Result<Option<User>> {
        if !secret.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let hash = secret_hash(secret);
        let lookup = self.store.api_token_user(&hash);
        let user = monitoring::store_call("api_token_user", lookup).await?;
        Ok(user.filter(|u| u.active))
    }
}

/// A hash of a random password, checked against when the account is unknown; made once.
fn dummy_hash(memory: &mut Memory) -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password(memory, &random_secret()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_stored_hashed() {
        let (a, b) = (random_secret(), random_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), a);
    }

    #[test]
    fn token_ids_can_be_typed_as_arguments() {
        for _ in 0..2_000 {
            let id = token_id();
            assert_eq!(id.len(), 12);
            assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        }
    }

    #[test]
    fn windows_are_fixed_quarters_of_an_hour() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(
            window_start(at("2026-11-25T10:29:59Z")),
            at("2026-11-25T10:15:00Z")
        );
        let Error::Throttled {
            retry_after_secs, ..
        } = throttled(at("2026-11-25T10:29:00Z"), "x")
        else {
            panic!("not throttled");
        };
        assert_eq!(retry_after_secs, 60);
    }

    #[test]
    fn the_dummy_hash_is_a_real_hash() {
        let memory = &mut Memory::new();
        assert!(dummy_hash(memory).starts_with("$argon2id$"));
        assert!(!super::super::verify_password(
            "anything",
            dummy_hash(memory)
        ));
    }
}
