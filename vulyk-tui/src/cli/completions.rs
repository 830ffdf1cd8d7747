use std::io::Write;

use clap::Args;
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> anyhow::Result<()> {
    let mut command = super::command();
    // Generated into memory first: clap_complete panics when its writer fails, and a reader
    // that goes away (`| head -1`) is a broken pipe, which exits 0 like every other writer's.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "vulyk", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
