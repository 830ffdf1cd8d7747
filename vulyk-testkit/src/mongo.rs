//! The MongoDB test server that `scripts/mongo-test-server start` runs: where it is, and a
//! database of its own on it for each test. The tests that need it are ignored unless asked
//! for (`--include-ignored`), so one that asks without a server fails here, saying how to
//! start it; CI asks for every test.

use std::sync::atomic::{AtomicU64, Ordering};

/// The variable `scripts/mongo-test-server start` sets (and `.ci/run` with it).
pub const MONGO_URL_VARIABLE: &str = "VULYK_TEST_MONGO_URL";

/// The variable naming the server's program, for the tests that start servers of their own
/// (to kill and restart one); the same script sets it.
pub const MONGO_PROGRAM_VARIABLE: &str = "VULYK_TEST_SECANTUSD";

/// The test server's URL, if one is named.
pub fn mongo_server_if_any() -> Option<String> {
    std::env::var(MONGO_URL_VARIABLE)
        .ok()
        .filter(|url| !url.is_empty())
}

/// The test server's URL, or a failure that says how to start it (reported at the test that
/// asked).
#[track_caller]
pub fn mongo_server() -> String {
    match mongo_server_if_any() {
        Some(url) => url,
        None => not_started(MONGO_URL_VARIABLE),
    }
}

/// The test server's program, or a failure that says how to install it.
#[track_caller]
pub fn mongo_server_program() -> std::path::PathBuf {
    match std::env::var_os(MONGO_PROGRAM_VARIABLE).filter(|path| !path.is_empty()) {
        Some(path) => path.into(),
        None => not_started(MONGO_PROGRAM_VARIABLE),
    }
}

#[track_caller]
fn not_started(variable: &str) -> ! {
    panic!(
        "{variable} is not set: start the test server first, \
         eval \"$(scripts/mongo-test-server start)\""
    )
}

/// A database on the test server that no other test uses (see [`fresh_database`]).
#[track_caller]
pub fn mongo_database(prefix: &str) -> String {
    fresh_database(&mongo_server(), prefix)
}

/// The URL of a database on `server` that no other test (of this or another process) uses,
/// named `PREFIX_PID_N`; the server's query string, if any, is kept.
pub fn fresh_database(server: &str, prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!(
        "{prefix}_{}_{nanos:x}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    database_url(server, &name)
}

/// `server` with the database `name` in its path (replacing one it names), its query kept.
pub fn database_url(server: &str, name: &str) -> String {
    let (base, query) = server.split_once('?').unwrap_or((server, ""));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("{}/{name}{query}", &base[..host_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_goes_into_the_path_and_the_query_stays() {
        assert_eq!(
            database_url("mongodb://127.0.0.1:27017", "a"),
            "mongodb://127.0.0.1:27017/a"
        );
        assert_eq!(
            database_url("mongodb://u:p@h:1/old?retryWrites=false", "b"),
            "mongodb://u:p@h:1/b?retryWrites=false"
        );
        assert_eq!(database_url("mongodb://h/", "c"), "mongodb://h/c");
    }

    #[test]
    fn fresh_databases_differ() {
        let a = fresh_database("mongodb://h", "t");
        let b = fresh_database("mongodb://h", "t");
        assert_ne!(a, b);
        assert!(a.starts_with("mongodb://h/t_"), "{a}");
    }
}
