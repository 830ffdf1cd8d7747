//! The one error type of the core. Callers match on its variants; no driver type leaks out.

use std::path::PathBuf;

/// Everything a core operation can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A named thing (user, group, batch, task type, task) does not exist.
    #[error("{kind} not found: {name}")]
    NotFound { kind: &'static str, name: String },
    /// The operation contradicts what is stored (a duplicate id, a batch that may not grow, …).
    #[error("{0}")]
    Conflict(String),
    /// The caller may not do this (a volunteer whose groups do not allow the task type).
    #[error("{0}")]
    Forbidden(String),
    /// The caller is not signed in, or its credentials (password, session, token) are wrong.
    #[error("{0}")]
    Unauthenticated(String),
    /// Too many attempts (sign-in); the caller may try again after `retry_after_secs`.
    #[error("{message}")]
    Throttled {
        message: String,
        retry_after_secs: u64,
    },
    /// The store takes no writes for a while (a MongoDB store paused for a backup); the
    /// caller may try again after `retry_after_secs`.
    #[error("{message}")]
    Unavailable {
        message: String,
        retry_after_secs: u64,
    },
    /// The caller's input is larger than allowed (an answer over 1 MiB).
    #[error("{0}")]
    TooLarge(String),
    /// The caller's input is wrong; the message names the place (field, file:line:column).
    #[error("{0}")]
    Invalid(String),
    /// The caller stopped the operation (a load cancelled from the console); nothing of it
    /// was kept.
    #[error("{0}")]
    Cancelled(String),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The storage backend failed. The source is boxed so that no driver type is part of the API.
    #[error("storage: {message}")]
    Store {
        message: String,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn not_found(kind: &'static str, name: impl Into<String>) -> Self {
        Error::NotFound {
            kind,
            name: name.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Error::Forbidden(message.into())
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Error::Unauthenticated(message.into())
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Error::Conflict(message.into())
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Wraps a backend error, keeping it as the source without exposing its type.
    pub fn store(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::Store {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    pub fn store_msg(message: impl Into<String>) -> Self {
        Error::Store {
            message: message.into(),
            source: None,
        }
    }
}

/// An error and its sources on one line (as `anyhow`'s `{:#}` shows them): a message built
/// from an error must not lose the storage's own reason, which is a source.
pub fn with_sources(error: &dyn std::error::Error) -> String {
    let mut shown = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        shown.push_str(": ");
        shown.push_str(&cause.to_string());
        source = cause.source();
    }
    shown
}
