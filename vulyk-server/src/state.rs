//! What every handler shares. Nothing here changes between requests (ARCHITECTURE.md,
//! invariant 10): users, sessions and work all live in the store.

use std::sync::{Arc, OnceLock};

use secrecy::ExposeSecret;
use vulyk_core::service::Vulyk;

use crate::config::ServerConfig;
use crate::templates::Templates;

#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub vulyk: Vulyk,
    pub config: ServerConfig,
    pub templates: Templates,
    /// Signs CSRF tokens: the configured secret key, or random bytes made at start-up.
    pub csrf_key: Vec<u8>,
    pub cookies: CookieNames,
    /// One HTTP client for the OpenID Connect providers, made when first needed.
    pub http: OnceLock<reqwest::Client>,
}

/// The names of the site's cookies. With `secure_cookies` they carry the `__Host-` prefix:
/// browsers take such a cookie only from a secure origin, for the whole host (`Path=/`) and
/// with no `Domain`, so that neither a sibling subdomain nor a plain-HTTP hop can plant one.
#[derive(Debug, Clone)]
pub struct CookieNames {
    pub session: String,
    pub csrf: String,
    pub oidc_flow: String,
    /// Marks a browser that signed in to an account before (see `auth::device_cookie`).
    pub device: String,
}

impl CookieNames {
    pub fn new(secure: bool) -> Self {
        let host = if secure { "__Host-" } else { "" };
        CookieNames {
            session: format!("{host}vulyk_session"),
            csrf: format!("{host}vulyk_csrf"),
            oidc_flow: format!("{host}vulyk_oidc"),
            device: format!("{host}vulyk_device"),
        }
    }
}

impl AppState {
    pub fn new(vulyk: Vulyk, config: ServerConfig) -> Self {
        let csrf_key = match &config.secret_key {
            Some(secret) => secret.expose_secret().as_bytes().to_vec(),
            None => {
                tracing::warn!(
                    "no secret_key set: using a random one, so CSRF tokens of one process do \
                     not work on another (set VULYK_SECRET_KEY when running several)"
                );
                rand::random::<[u8; 32]>().to_vec()
            }
        };
        let templates = Templates::new(vulyk.plugins().clone());
        let cookies = CookieNames::new(config.secure_cookies);
        AppState(Arc::new(Inner {
            vulyk,
            config,
            templates,
            csrf_key,
            cookies,
            http: OnceLock::new(),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
