//! The interactive console: `vulyk` with no subcommand, in a terminal.
//!
//! Elm-style: [`app::App`] routes [`action::Action`]s through `update` to the dialogs
//! (`modals/`) and the screens (`screens/`), each owning its state and drawing; they return
//! [`effect::Effect`]s that run as background jobs (`jobs.rs`) and answer with actions.
//! Drawing is a function of the state (`views/`). Logs go to a file while the console owns the
//! terminal, and the terminal is restored on every way out, a panic included; a panic in a
//! background job ends the console too (`panics.rs`).

pub mod action;
pub mod app;
pub mod bindings;
pub mod command;
pub mod completion;
pub mod effect;
#[cfg(test)]
mod fixture;
pub mod focus;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod line;
pub mod list;
pub mod modals;
mod panics;
pub mod screens;
pub mod theme;
pub mod views;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use tokio::sync::mpsc;
use vulyk_core::service::Vulyk;

use action::Action;
use app::App;
use effect::Effect;
use panics::PanicWatch;
use theme::Theme;

/// How often time passes for the console (the dashboard refreshes every few ticks).
const TICK: Duration = Duration::from_secs(1);

enum Message {
    Terminal(Event),
    Action(Action),
}

/// Where the console writes its log: `$XDG_STATE_HOME/vulyk/console.log` (or under
/// `~/.local/state`), else the temporary folder.
pub fn log_path() -> PathBuf {
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")));
    match state {
        Some(dir) => dir.join("vulyk/console.log"),
        None => std::env::temp_dir().join("vulyk-console.log"),
    }
}

fn start_logging() -> anyhow::Result<PathBuf> {
    let path = log_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| format!("opening the log {}", path.display()))?;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Another subscriber (a test's) may be set already; the console then logs there.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
    Ok(path)
}

/// Opens the console and runs it until the operator quits.
pub async fn run(vulyk: Vulyk) -> anyhow::Result<()> {
    let log = start_logging()?;
    tracing::info!(backend = vulyk.backend(), "console started");
    // `init` also installs a panic hook that restores the terminal first.
    let mut terminal = ratatui::try_init().context("opening the terminal")?;
    let mouse = execute!(std::io::stdout(), EnableMouseCapture).is_ok();
    // After a panic the shell must not keep receiving mouse reports: switch them off before
    // ratatui's hook restores the rest.
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        restore(info);
    }));
    let panics = PanicWatch::install();
    let outcome = event_loop(&mut terminal, vulyk, Theme::from_env(), &panics).await;
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    if let Err(error) = &outcome {
        tracing::error!(error = %error, "console stopped");
        eprintln!("(the console's log: {})", log.display());
    }
    outcome
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    vulyk: Vulyk,
    theme: Theme,
    panics: &PanicWatch,
) -> anyhow::Result<()> {
    let (sender, mut messages) = mpsc::unbounded_channel::<Message>();
    spawn_terminal_reader(sender.clone());
    let types = vulyk
        .plugins()
        .type_names()
        .into_iter()
        .map(str::to_string)
        .collect();
    let (mut app, effects) = App::start(types);
    // The first frame goes out before anything is read from the database.
    terminal.draw(|frame| views::render(&app, frame, &theme))?;
    spawn_effects(&vulyk, &sender, effects);
    let mut ticks = tokio::time::interval(TICK);
    ticks.tick().await;
    loop {
        let action = tokio::select! {
            message = messages.recv() => match message {
                Some(Message::Terminal(Event::Resize(..))) => None,
                Some(Message::Terminal(event)) => keymap::action_for(&app, &event),
                Some(Message::Action(action)) => Some(action),
                None => break,
            },
            _ = ticks.tick() => Some(Action::Tick),
            () = panics.panicked() => None,
        };
        panics.check()?;
        if let Some(action) = action {
            let effects = app.update(action);
            if effects.contains(&Effect::Quit) {
                break;
            }
            spawn_effects(&vulyk, &sender, effects);
        }
        // Again right before drawing: after a panic the terminal is no longer ours.
        panics.check()?;
        terminal.draw(|frame| views::render(&app, frame, &theme))?;
    }
    Ok(())
}

fn spawn_effects(vulyk: &Vulyk, sender: &mpsc::UnboundedSender<Message>, effects: Vec<Effect>) {
    for effect in effects {
        let (vulyk, sender) = (vulyk.clone(), sender.clone());
        tokio::spawn(async move {
            let send: jobs::Sender = Arc::new(move |action| {
                let _ = sender.send(Message::Action(action));
            });
            if let Some(action) = jobs::run(&vulyk, effect, Arc::clone(&send)).await {
                send(action);
            }
        });
    }
}

/// Terminal events come from a blocking read on a thread of their own.
fn spawn_terminal_reader(sender: mpsc::UnboundedSender<Message>) {
    std::thread::spawn(move || {
        loop {
            match event::poll(Duration::from_millis(200)) {
                Ok(true) => match event::read() {
                    Ok(event) => {
                        if sender.send(Message::Terminal(event)).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                },
                Ok(false) if sender.is_closed() => return,
                Ok(false) => {}
                Err(_) => return,
            }
        }
    });
}
