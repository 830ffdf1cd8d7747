//! What every handler shares. Nothing here changes between requests (invariant 5): users,
//! sessions and work all live in the store.

use std::sync::Arc;

use vulyk_core::service::Vulyk;

use crate::config::ServerConfig;
use crate::pages::Templates;

#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub vulyk: Vulyk,
    pub config: ServerConfig,
    pub templates: Templates,
    /// Signs CSRF tokens: the configured secret key, or random bytes made at start-up.
    pub csrf_key: Vec<u8>,
}

impl AppState {
    pub fn new(vulyk: Vulyk, config: ServerConfig) -> Self {
        let csrf_key = match &config.secret_key {
            Some(secret) => secret.expose().as_bytes().to_vec(),
            None => {
                tracing::warn!(
                    "no secret_key set: using a random one, so CSRF tokens of one process do \
                     not work on another (set VULYK_SECRET_KEY when running several)"
                );
                rand::random::<[u8; 32]>().to_vec()
            }
        };
        let templates = Templates::new(vulyk.plugins().clone());
        AppState(Arc::new(Inner {
            vulyk,
            config,
            templates,
            csrf_key,
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
