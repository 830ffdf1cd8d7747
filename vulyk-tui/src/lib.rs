//! The operator's binary `vulyk`: non-interactive subcommands for scripts (this crate's
//! `cli` module). Every command calls the services of `vulyk-core`; none touches the store.

pub mod cli;
pub mod exit;
pub mod generated;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// Parses the process arguments, runs the command and turns its outcome into an exit code.
pub fn main_entry() -> ExitCode {
    let args = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return exit::report(&anyhow::Error::new(e).context("starting the runtime")),
    };
    match runtime.block_on(cli::run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => exit::report(&error),
    }
}
