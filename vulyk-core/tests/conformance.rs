//! The conformance suite (`vulyk-testkit/src/conformance/`) on each backend: `sqlite::CASE`
//! on the embedded store, `mongo::CASE` on the MongoDB test server, each case in a database
//! of its own. The MongoDB half is ignored unless asked for (`--include-ignored`), and then
//! fails without a server; CI asks for it.
//!
//! An integration test, not a unit test: the suite lives in `vulyk-testkit`, which depends on
//! this crate, and only here is that the same build of it as the one the test links.

use vulyk_core::fixture::Fixture;

#[cfg(feature = "sqlite")]
async fn open_sqlite() -> Fixture {
    Fixture::sqlite().await
}

#[cfg(feature = "mongodb")]
async fn open_mongo() -> Fixture {
    Fixture::mongo(&vulyk_testkit::mongo_database("vulyk_test")).await
}

// Each case says what it needs: nothing but the embedded store, or the test server.
#[cfg(feature = "sqlite")]
vulyk_testkit::conformance_suite!(sqlite, super::open_sqlite, #[doc = "On the embedded store."]);
#[cfg(feature = "mongodb")]
vulyk_testkit::conformance_suite!(mongo, super::open_mongo, #[ignore = "needs the MongoDB test server"]);
