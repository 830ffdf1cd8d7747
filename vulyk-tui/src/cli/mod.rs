//! The command-line interface: one module per subcommand. Commands are non-interactive (no
//! prompts; `--yes` for destructive ones), print data on stdout and diagnostics on stderr.

mod admin;
mod audit;
mod backup;
mod batch;
mod completions;
mod copy;
mod cursors;
pub(crate) mod db;
mod export;
mod funds;
mod game;
mod gold;
mod group;
mod init;
mod layout;
mod plugin;
mod quality;
pub(crate) mod rules;
mod stats;
mod task_type;
mod token;
mod user;
mod webhooks;

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{CommandFactory, Parser, Subcommand};
use vulyk_core::config::{Config, ConfigLayer};
use vulyk_core::plugins::PluginRegistry;
use vulyk_core::service::{Operator, Vulyk};

const AFTER_HELP: &str = "\
Configuration: defaults < vulyk.toml (or --config / VULYK_CONFIG) < VULYK_DB, VULYK_PLUGINS,
VULYK_LEASE_MINUTES, VULYK_TIME_ZONE < flags.

Exit codes: 0 success, 1 failure (storage, I/O), 2 usage (bad arguments, missing --yes),
3 not found, 4 conflict with what is stored, 5 invalid input data.";

/// Operate a Vulyk crowdsourcing platform: task types, groups, users, batches, tasks and rewards.
///
/// Without a command, in a terminal, `vulyk` opens the interactive console.
#[derive(Debug, Parser)]
#[command(name = "vulyk", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]
    #[arg(long, global = true, value_name = "URL")]
    pub db: Option<String>,
    /// Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]
    #[arg(long, global = true, value_name = "DIR")]
    pub plugins: Option<PathBuf>,
    /// Configuration file [default: ./vulyk.toml when present]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print results as JSON instead of tables
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Whether the command reads or writes a whole store through SQLite's page caches: a
    /// copy, or a backup (of MongoDB, a copy into a SQLite file).
    pub fn streams_whole_store(&self) -> bool {
        matches!(
            self.command,
            Some(Command::Db(
                db::DbCommand::Copy(_) | db::DbCommand::Backup(_)
            ))
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the default group with the task types every user may do, and put all users in it
    Init(init::InitArgs),
    /// Task types (plugins) and their task counts
    #[command(subcommand)]
    TaskType(task_type::TaskTypeCommand),
    /// Groups of users and the task types they may do
    #[command(subcommand)]
    Group(group::GroupCommand),
    /// Volunteers and operators
    #[command(subcommand)]
    User(user::UserCommand),
    /// Who has admin rights
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Batches of tasks
    #[command(subcommand, alias = "batches")]
    Batch(batch::BatchCommand),
    /// Loading tasks and exporting answers
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Progress of batches, recent work, and answer quality
    #[command(subcommand)]
    Stats(stats::StatsCommand),
    /// Gold tasks: tasks with known answers that measure volunteers' accuracy
    #[command(subcommand)]
    Gold(gold::GoldCommand),
    /// Achievement rules: what volunteers earn badges and bonus points for
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Funds volunteers may give their coins to
    #[command(subcommand)]
    Funds(funds::FundsCommand),
    /// What volunteers earned and gave, event by event
    #[command(subcommand)]
    Events(game::EventsCommand),
    /// Volunteers' levels, points and coins
    #[command(subcommand)]
    State(game::StateCommand),
    /// Who changed what: every change made with `vulyk` commands and the console
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Webhooks: the ones configured, and their deliveries
    #[command(subcommand)]
    Webhooks(webhooks::WebhooksCommand),
    /// Make, import (from the original Vulyk) and check task-type plugins
    #[command(subcommand)]
    Plugin(plugin::PluginCommand),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
}

/// The clap definition, for completions and man pages.
pub fn command() -> clap::Command {
    Cli::command()
}

/// What every command gets: the services, whether to print JSON, and the database URL (for
/// the commands that change the layout, which open it their own way).
pub(crate) struct Context {
    pub vulyk: Vulyk,
    pub json: bool,
    pub db: String,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.command.is_none() && !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        // Not a terminal (a script, a pipe): the console cannot run; say how to use `vulyk`.
        command().print_help()?;
        return Ok(());
    }
    if let Some(Command::Completions(args)) = &cli.command {
        return completions::run(args);
    }
    let config = Config::load(
        cli.config.as_deref(),
        ConfigLayer {
            db: cli.db,
            plugins: cli.plugins,
            ..ConfigLayer::default()
        },
    )
    .context("reading the configuration")?;
    if let Some(Command::Plugin(command)) = cli.command {
        return plugin::run(command, &config.plugins, cli.json);
    }
    // A copy opens its two stores itself: the configured one is only its default source.
    if let Some(Command::Db(db::DbCommand::Copy(args))) = cli.command {
        return copy::run(args, &config.db, cli.json, &operator("cli")).await;
    }
    let plugins = PluginRegistry::load(&config.plugins)
        .with_context(|| format!("reading plugins from {}", config.plugins.display()))?;
    if !creates_database(cli.command.as_ref()) {
        require_database(&config.db)?;
    }

    let vulyk = Vulyk::open(&config, plugins).await.with_context(|| {
        format!(
            "opening the database {}",
            vulyk_core::database::redact(&config.db)
        )
    })?;
    let via = if cli.command.is_some() {
        "cli"
    } else {
        "console"
    };
    let ctx = Context {
        vulyk: vulyk.with_operator(operator(via)),
        json: cli.json,
        db: config.db.clone(),
    };
    let Some(command) = cli.command else {
        return crate::tui::run(ctx.vulyk).await;
    };
    match command {
        Command::Init(args) => init::run(&ctx, args).await,
        Command::TaskType(command) => task_type::run(&ctx, command).await,
        Command::Group(command) => group::run(&ctx, command).await,
        Command::User(command) => user::run(&ctx, command).await,
        Command::Admin(command) => admin::run(&ctx, command).await,
        Command::Batch(command) => batch::run(&ctx, command).await,
        Command::Db(command) => db::run(&ctx, command).await,
        Command::Stats(command) => stats::run(&ctx, command).await,
        Command::Gold(command) => gold::run(&ctx, command).await,
        Command::Rules(command) => rules::run(&ctx, command).await,
        Command::Funds(command) => funds::run(&ctx, command).await,
        Command::Events(command) => game::run_events(&ctx, command).await,
        Command::State(command) => game::run_state(&ctx, command).await,
        Command::Audit(command) => audit::run(&ctx, command).await,
        Command::Webhooks(command) => webhooks::run(&ctx, command).await,
        Command::Completions(args) => completions::run(&args),
        // Handled before the database is opened.
        Command::Plugin(command) => plugin::run(command, &config.plugins, ctx.json),
    }
}

/// Who runs `vulyk`, for the audit log: the operating-system user and host.
pub(crate) fn operator(via: &str) -> Operator {
    Operator {
        via: via.to_string(),
        user: whoami::username(),
        host: whoami::fallible::hostname().unwrap_or_else(|_| "unknown".to_string()),
    }
}

/// Whether the command may start a new embedded database: the console and the commands that
/// create something. Reading a database that is not there, or changing what is not stored,
/// says so instead of leaving an empty `vulyk.db` behind.
fn creates_database(command: Option<&Command>) -> bool {
    match command {
        None | Some(Command::Init(_) | Command::Db(db::DbCommand::Load(_))) => true,
        Some(Command::Rules(rules::RulesCommand::Add(_) | rules::RulesCommand::Import { .. })) => {
            true
        }
        Some(Command::Funds(funds::FundsCommand::Add { .. })) => true,
        // Users and groups need the default group, which `init` makes.
        Some(_) => false,
    }
}

/// Refuses to go on when the URL names an embedded database file that does not exist.
fn require_database(url: &str) -> anyhow::Result<()> {
    if let vulyk_core::database::StoreUrl::Sqlite(path) = vulyk_core::database::parse_url(url)?
        && !path.exists()
    {
        return Err(vulyk_core::Error::not_found(
            "database",
            format!(
                "{} (nothing is stored here yet: `vulyk init TYPE` creates it; --db or VULYK_DB \
                 names another)",
                path.display()
            ),
        )
        .into());
    }
    Ok(())
}

/// A name given as an argument or by the original Vulyk's option for it (`--gid`, `--bid`,
/// `--username`, …); clap has made sure that exactly one of them is.
pub(crate) fn either<'a>(argument: &'a Option<String>, original: &'a Option<String>) -> &'a str {
    argument
        .as_deref()
        .or(original.as_deref())
        .unwrap_or_default()
}

/// Refuses a destructive command that was not confirmed with `--yes`.
pub(crate) fn require_yes(yes: bool, what: &str) -> anyhow::Result<()> {
    if yes {
        Ok(())
    } else {
        Err(crate::exit::UsageError(format!("{what}: pass --yes to confirm")).into())
    }
}

/// A time on the command line: RFC 3339 (`2026-12-01T18:00:00Z`, `…+02:00`) or a date
/// (`2026-12-01`, its midnight UTC).
pub(crate) fn parse_time(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(time.to_utc());
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|date| date.and_time(chrono::NaiveTime::MIN).and_utc())
        .map_err(|_| {
            format!("`{text}` is not a time: give RFC 3339 (2026-12-01T18:00:00Z) or a date (2026-12-01)")
        })
}
