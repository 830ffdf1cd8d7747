//! `vulyk-server`: reads its configuration, opens the store and serves the site.

// A failure is an error the caller can report, never a panic (ARCHITECTURE.md, invariant 11).
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;
use tracing_subscriber::EnvFilter;
use vulyk_core::config::{Config, ConfigLayer, process_environment};
use vulyk_core::database::redact;
use vulyk_core::plugins::PluginRegistry;
use vulyk_core::service::Vulyk;
use vulyk_server::config::{ServerConfig, ServerLayer};
use vulyk_server::{AppState, demo};

/// The volunteers' site of Vulyk.
///
/// Settings come from defaults < vulyk.toml (its [server] table) < VULYK_* environment <
/// these flags. Log verbosity: RUST_LOG (default info).
#[derive(Debug, Parser)]
#[command(name = "vulyk-server", version)]
struct Flags {
    /// Configuration file [default: ./vulyk.toml if present; env: VULYK_CONFIG]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Database: a SQLite path or a mongodb:// URL [env: VULYK_DB]
    #[arg(long, value_name = "URL")]
    db: Option<String>,
    /// Folder of task-type plugins [env: VULYK_PLUGINS]
    #[arg(long, value_name = "DIR")]
    plugins: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:5000; env: VULYK_LISTEN]
    #[arg(long, value_name = "ADDR")]
    listen: Option<std::net::SocketAddr>,
    /// Serve Prometheus metrics at http://ADDR/metrics, apart from the site [default: off;
    /// env: VULYK_METRICS_LISTEN]
    #[arg(long, value_name = "ADDR")]
    metrics_listen: Option<std::net::SocketAddr>,
    /// Serve a demo: the example plugins and tasks, a volunteer and an admin, in
    /// ./vulyk-demo.db unless --db names another store (created or completed on start)
    #[arg(long)]
    demo: bool,
}

fn main() -> ExitCode {
    let flags = Flags::parse();
    // Colours only for a person at a terminal: a log file or a journal gets plain text.
    let colours = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .with_ansi(colours)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return fail(&anyhow::Error::new(e).context("starting the runtime")),
    };
    match runtime.block_on(run(flags)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

fn fail(error: &anyhow::Error) -> ExitCode {
    eprintln!("vulyk-server: error: {error:#}");
    let invalid = error
        .chain()
        .any(|c| matches!(c.downcast_ref(), Some(vulyk_core::Error::Invalid(_))));
    ExitCode::from(if invalid { 5 } else { 1 })
}

async fn run(flags: Flags) -> anyhow::Result<()> {
    let mut core_flags = ConfigLayer {
        db: flags.db.clone(),
        plugins: flags.plugins.clone(),
        ..ConfigLayer::default()
    };
    if flags.demo {
        let fixtures = demo::fixtures_dir();
        core_flags.db.get_or_insert_with(|| "vulyk-demo.db".into());
        core_flags
            .plugins
            .get_or_insert_with(|| fixtures.join("plugins"));
    }
    let core = Config::load(flags.config.as_deref(), core_flags)?;
    let config = ServerConfig::resolve(
        core,
        &process_environment,
        ServerLayer {
            listen: flags.listen,
            metrics_listen: flags.metrics_listen,
            ..ServerLayer::default()
        },
    )?;
    let plugins = PluginRegistry::load(&config.core.plugins)?;
    let vulyk = Vulyk::open(&config.core, plugins)
        .await
        .with_context(|| format!("opening {}", redact(&config.core.db)))?
        .with_account_limits(config.account_limits);
    if let Some(why) = vulyk.layout().refusal() {
        // Serving is writing (sessions, hand-outs, answers), which the store refuses.
        anyhow::bail!(
            "{}: {why}; vulyk-server does not start on it",
            redact(&config.core.db)
        );
    }
    // Before listening: a webhook that cannot be signed here stops the start, not the site.
    vulyk_server::webhooks::start(&vulyk).context("starting webhook delivery")?;
    if flags.demo {
        demo::prepare(&vulyk, &demo::fixtures_dir().join("tasks")).await?;
    }
    // Listen for signals before saying we are up, so that a stop right after start is graceful.
    let shutdown = shutdown_signal()?;
    let metrics = match config.metrics_listen {
        Some(address) => Some(start_metrics(address).await?),
        None => None,
    };
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let address = listener.local_addr()?;
    tracing::info!(%address, backend = vulyk.backend(), "serving");
    println!("Vulyk is up at http://{address}/");
    if flags.demo {
        for (role, email, password) in demo::ACCOUNTS {
            println!("  {role:<9} {email}  password: {password}");
        }
        println!(
            "  The console: vulyk --db {} --plugins {}",
            config.core.db,
            config.core.plugins.display()
        );
    }
    if let Some(address) = metrics {
        println!(
            "  Metrics for Prometheus: {}",
            vulyk_server::metrics::scrape_url(address)
        );
    }
    tokio::spawn(minute_upkeep(vulyk.clone()));
    let state = AppState::new(vulyk, config);
    vulyk_server::serve(listener, state, shutdown)
        .await
        .context("serving")?;
    tracing::info!("stopped");
    Ok(())
}

/// Binds the metrics address, starts keeping metrics and serves them in the background, for
/// as long as the process runs. Returns the address bound (a port 0 made concrete).
async fn start_metrics(address: std::net::SocketAddr) -> anyhow::Result<std::net::SocketAddr> {
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("listening for metrics on {address}"))?;
    let bound = listener.local_addr()?;
    let handle = vulyk_server::metrics::install().context("starting the metrics recorder")?;
    tokio::spawn(async move {
        let serving = vulyk_server::metrics::serve(
            listener,
            handle,
            vulyk_server::metrics::LIMITS,
            std::future::pending(),
        );
        if let Err(error) = serving.await {
            tracing::error!(%error, "serving metrics");
        }
    });
    tracing::info!(address = %bound, "serving metrics");
    Ok(bound)
}

/// The store's upkeep, at start and then every minute: answers whose call stopped half-way
/// (a fault, a full disk, a killed process) and that no retry completed are completed, paid
/// and have their webhook events queued; expired leases are removed and counted; webhook
/// deliveries delivered long ago are forgotten. A round that fails is logged and tried again
/// at the next.
async fn minute_upkeep(vulyk: Vulyk) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match vulyk.settle_interrupted_answers().await {
            Ok(report) => {
                if report.settled + report.paid > 0 {
                    let (settled, paid) = (report.settled, report.paid);
                    tracing::warn!(settled, paid, "completed answers whose call had stopped");
                }
                for error in report.failed {
                    tracing::warn!(%error, "an answer whose call had stopped is not complete yet");
                }
            }
            Err(error) => tracing::warn!(%error, "completing answers whose call had stopped"),
        }
        if let Err(error) = vulyk.expire_leases().await {
            tracing::warn!(%error, "removing expired leases");
        }
        if !vulyk.webhooks().is_empty() {
            match vulyk.adopt_former_webhook_names().await {
                Ok(0) => {}
                Ok(moved) => tracing::info!(moved, "webhook deliveries moved to new names"),
                Err(error) => tracing::warn!(%error, "moving webhook deliveries to new names"),
            }
            if let Err(error) = vulyk.forget_old_deliveries().await {
                tracing::warn!(%error, "forgetting old webhook deliveries");
            }
        }
    }
}

/// A future that resolves on SIGINT (Ctrl-C) or SIGTERM; the handlers are installed now.
#[cfg(unix)]
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt()).context("installing a SIGINT handler")?;
    let mut terminate = signal(SignalKind::terminate()).context("installing a SIGTERM handler")?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        tracing::info!("shutting down: finishing the requests in flight");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: finishing the requests in flight");
    })
}
