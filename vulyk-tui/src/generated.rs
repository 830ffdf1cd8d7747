//! Completion scripts and man pages, generated from the clap definition. They are committed
//! under `completions/` and `man/`; the `generated` test fails when they are stale and
//! rewrites them when `VULYK_REGENERATE=1` is set.

use clap_complete::{Generator, Shell};

/// Every generated file: its path relative to the repository root, and its contents.
pub fn files() -> Vec<(String, Vec<u8>)> {
    let mut command = crate::cli::command();
    command.build();
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command.clone(), "vulyk", &mut script);
        files.push((format!("completions/{}", shell.file_name("vulyk")), script));
    }
    man_pages(&command, None, &mut files);
    files
}

fn man_pages(command: &clap::Command, parent: Option<&str>, files: &mut Vec<(String, Vec<u8>)>) {
    let name = match parent {
        Some(parent) => format!("{parent}-{}", command.get_name()),
        None => command.get_name().to_string(),
    };
    let mut page = Vec::new();
    // Rendering into a Vec cannot fail for I/O reasons.
    if clap_mangen::Man::new(command.clone().name(name.clone()))
        .render(&mut page)
        .is_ok()
    {
        files.push((format!("man/{name}.1"), page));
    }
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        man_pages(sub, Some(&name), files);
    }
}
