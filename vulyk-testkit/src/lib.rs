//! What the workspace's tests and benchmarks share, written once: the store conformance suite
//! ([`conformance`], run by `vulyk-core/tests/conformance.rs`); the MongoDB test server (tests
//! that need it are ignored unless asked for, so one that asks without a server fails with the
//! command that starts it) and a fresh database on it for each test; the workspace's root, its
//! fixtures and a scratch SQLite database; a free port; the runtime of a synchronous test; the
//! CSRF token of a page. A dev-only crate: nothing the binaries are built from depends on it.
//!
//! What needs the server's types (a site in-process, on a socket) stays in
//! `vulyk-server/tests/common`: this crate is built for the core's tests too, which should not
//! compile the server.

pub mod conformance;
mod environment;
mod mongo;
mod net;
mod pages;
mod paths;
mod runtime;

pub use environment::environment_of;
pub use mongo::{
    MONGO_PROGRAM_VARIABLE, MONGO_URL_VARIABLE, database_url, fresh_database, mongo_database,
    mongo_server, mongo_server_if_any, mongo_server_program,
};
pub use net::free_port;
pub use pages::csrf_of;
pub use paths::{fixtures, scratch_sqlite, workspace_root};
pub use runtime::{block_on, runtime};
