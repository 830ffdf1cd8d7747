//! Exit codes, documented in `vulyk --help` and the README:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success (also when the reader of our output went away: a broken pipe) |
//! | 1 | failure: storage, I/O or anything unexpected |
//! | 2 | usage: bad arguments, or a destructive command without `--yes` |
//! | 3 | something named does not exist (user, group, batch, task type) |
//! | 4 | conflict with what is stored (duplicate, batch that may not grow, …), or not allowed |
//! | 5 | invalid input data (a bad line, a malformed plugin or config file) |

use std::process::ExitCode;

use vulyk_core::Error;

use crate::output;

pub const FAILURE: u8 = 1;
pub const USAGE: u8 = 2;
pub const NOT_FOUND: u8 = 3;
pub const CONFLICT: u8 = 4;
pub const INVALID: u8 = 5;

/// An error the console itself raises for a usage mistake (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The exit code for an error: the first error in its chain that we recognise decides.
pub fn code_for(error: &anyhow::Error) -> u8 {
    for cause in error.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return 0;
        }
        if cause.downcast_ref::<UsageError>().is_some() {
            return USAGE;
        }
        if let Some(core) = cause.downcast_ref::<Error>() {
            return match core {
                Error::NotFound { .. } => NOT_FOUND,
                Error::Conflict(_)
                | Error::Forbidden(_)
                | Error::Unauthenticated(_)
                | Error::Throttled { .. }
                | Error::Unavailable { .. } => CONFLICT,
                Error::Invalid(_) | Error::TooLarge(_) => INVALID,
                Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe => 0,
                // A file that is there but cannot be read as what it claims to be: a
                // truncated or corrupt archive, text that is not UTF-8.
                Error::Io { source, .. }
                    if matches!(
                        source.kind(),
                        std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                    ) =>
                {
                    INVALID
                }
                // A file named on the command line or in the configuration that is not there.
                Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                    NOT_FOUND
                }
                Error::Io { .. } | Error::Store { .. } | Error::Cancelled(_) => FAILURE,
            };
        }
    }
    FAILURE
}

/// Prints the whole error chain on stderr and returns the exit code.
pub fn report(error: &anyhow::Error) -> ExitCode {
    let code = code_for(error);
    if code != 0 {
        eprintln!("vulyk: error: {}", output::shown(&said_once(error)));
    }
    ExitCode::from(code)
}

/// The error chain as `outer: cause: …`, each part said once: many errors (ours, and those
/// of the I/O, decompression and JSON libraries) already end with their source's text, which
/// the chain would then repeat.
pub fn said_once(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if text.is_empty() || message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}
