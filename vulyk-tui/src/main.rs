// A failure is an error the caller can report, never a panic (ARCHITECTURE.md, invariant 11).
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

fn main() -> std::process::ExitCode {
    vulyk_tui::main_entry()
}
