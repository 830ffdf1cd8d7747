//! Each screen drawn into a `TestBackend` at 80×24 and 120×40 from fixed data, compared with
//! the snapshots beside this file (`cargo insta review` after a deliberate change).

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::tui::action::{Action, Command};
use crate::tui::app::App;
use crate::tui::fixture;

fn loaded() -> App {
    let (mut app, _) = App::start();
    app.update(Action::DashboardLoaded(Box::new(fixture::dashboard())));
    app.update(Action::RewardsLoaded(Box::new(fixture::rewards())));
    app
}

fn drawn(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| render(app, frame, &Theme { color: false }))
        .expect("draw");
    terminal.backend().clone()
}

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), drawn(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), drawn(app, 120, 40));
}

#[test]
fn dashboard() {
    both_sizes("dashboard", &loaded());
}

#[test]
fn dashboard_before_the_first_read() {
    insta::assert_snapshot!("dashboard_reading_80x24", drawn(&App::start().0, 80, 24));
}

#[test]
fn batches_with_a_filter_and_details() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(1)));
    both_sizes("batches", &app);
    app.update(Action::Command(Command::Filter));
    for c in "decl".chars() {
        app.update(Action::FilterChar(c));
    }
    app.update(Action::Command(Command::Down));
    both_sizes("batches_filtered", &app);
    app.update(Action::Command(Command::Delete));
    both_sizes("batches_confirm", &app);
}

#[test]
fn rules_and_funds() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(2)));
    both_sizes("rewards", &app);
}

#[test]
fn help_overlay() {
    let mut app = loaded();
    app.update(Action::Command(Command::Help));
    both_sizes("help", &app);
}

#[test]
fn too_small_a_terminal_says_so() {
    insta::assert_snapshot!("too_small", drawn(&loaded(), 60, 10));
}
