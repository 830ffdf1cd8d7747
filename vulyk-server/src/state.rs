//! What every handler shares. Nothing here changes between requests (ARCHITECTURE.md,
//! invariant 10): users, sessions and work all live in the store.

use std::sync::{Arc, OnceLock};

use secrecy::ExposeSecret;
use vulyk_core::service::Vulyk;

use crate::config::ServerConfig;
use crate::cookies::Cookies;
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
    /// The site's cookies: names, attributes, and the key of the signed ones.
    pub cookies: Cookies,
    /// One HTTP client for the OpenID Connect providers, made when first needed.
    pub http: OnceLock<reqwest::Client>,
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
        let cookies = Cookies::new(&csrf_key, config.secure_cookies);
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
