//! The runtime a plain (synchronous) test runs its async parts on.

use std::future::Future;

/// Two workers with every driver on, as the `#[tokio::test(flavor = "multi_thread",
/// worker_threads = 2)]` tests have.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Runs `future` to completion on a [`runtime`] of its own.
pub fn block_on<F: Future>(future: F) -> F::Output {
    runtime().block_on(future)
}
