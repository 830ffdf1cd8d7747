//! The operator's binary `vulyk`: the interactive console (`tui`, with no subcommand) and
//! non-interactive subcommands for scripts (`cli`). Both call the services of `vulyk-core`;
//! neither touches the store.

// A failure is an error the caller can report, never a panic (ARCHITECTURE.md, invariant 11).
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod exit;
pub mod generated;
mod memory;
mod output;
pub mod tui;
pub mod words;

use std::process::ExitCode;

use clap::Parser;

/// Parses the process arguments, runs the command and turns its outcome into an exit code.
/// Called by `main` before anything starts a thread (a copy sets the allocator's arenas).
pub fn main_entry() -> ExitCode {
    let args = cli::Cli::parse_from(cli::db::join_original_meta(std::env::args_os().collect()));
    if args.streams_whole_store() {
        memory::one_arena();
    }
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
