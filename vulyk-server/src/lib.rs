//! The volunteers' site: pages, accounts and the JSON API over `vulyk-core`'s services.
//!
//! [`router`] builds the application for a [`AppState`]; [`serve`] runs it on a listener
//! until a shutdown signal. The binary only reads configuration; tests start the same
//! application on port 0.

// A failure is an error the caller can report, never a panic (ARCHITECTURE.md, invariant 11).
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod assets;
pub mod auth;
pub mod config;
pub mod cookies;
pub mod csrf;
pub mod demo;
pub mod envelope;
pub mod error;
pub(crate) mod error_shape;
pub mod extract;
pub mod form;
pub mod game_json;
pub mod i18n;
mod media;
pub mod metrics;
pub mod oidc;
pub mod pages;
pub mod routes;
mod serve;
pub mod session;
pub mod state;
pub mod templates;
pub mod webhooks;

use std::future::Future;

pub use config::ServerConfig;
pub use routes::router;
pub use state::AppState;

/// Serves the site on `listener` until `shutdown` resolves, then finishes the requests in
/// flight. Connections are bounded by the configuration's [`config::ConnectionLimits`].
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = state.config.connections.clone();
    let exempt = state.config.trusted_proxies.clone();
    serve::serve_with_limits(listener, router(state), limits, exempt, shutdown).await
}
