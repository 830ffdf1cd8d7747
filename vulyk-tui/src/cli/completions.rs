use clap::Args;
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> anyhow::Result<()> {
    let mut command = super::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "vulyk", &mut out);
    std::io::Write::flush(&mut out)?;
    Ok(())
}
