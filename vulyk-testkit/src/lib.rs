//! What the workspace's tests and benchmarks share, written once: the store conformance suite
//! ([`conformance`], run by `vulyk-core/tests/conformance.rs`), where the MongoDB test server
//! is (tests that need it are ignored unless asked for, so one that asks without a server
//! fails with the command that starts it), a fresh database on it for each test, and the
//! fixtures folder. A dev-only crate: nothing the binaries are built from depends on it.

pub mod conformance;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// The variable `scripts/mongo-test-server start` sets (and `.ci/run` with it).
pub const MONGO_URL_VARIABLE: &str = "VULYK_TEST_MONGO_URL";

/// The test server's URL, if one is named.
pub fn mongo_server_if_any() -> Option<String> {
    std::env::var(MONGO_URL_VARIABLE)
        .ok()
        .filter(|url| !url.is_empty())
}

/// The test server's URL. The tests that use it are ignored unless asked for
/// (`--include-ignored`), so a test that asks without one fails here, saying how to start it.
pub fn mongo_server() -> String {
    mongo_server_if_any().unwrap_or_else(|| {
        panic!(
            "{MONGO_URL_VARIABLE} is not set: start the test server first, \
             eval \"$(scripts/mongo-test-server start)\""
        )
    })
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

/// The workspace's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("fixtures"), |root| root.join("fixtures"))
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
