//! Each screen drawn into a `TestBackend` at 80×24 and 120×40 from fixed data, compared with
//! the snapshots beside this file (`cargo insta review` after a deliberate change).

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::command::Command;
use crate::tui::fixture;
use crate::tui::line::LineEdit;

fn loaded() -> App {
    let (mut app, _) = App::start(vec!["declaration_task".into(), "tagging_task".into()]);
    app.update(Action::DashboardLoaded(Box::new(fixture::dashboard())));
    app.update(Action::RewardsLoaded(Box::new(fixture::rewards())));
    app.update(Action::PeopleLoaded(Box::new(fixture::people())));
    app.update(Action::LogLoaded(Box::new(fixture::log())));
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

/// The console once the quality job has answered for both types, with the core's numbers.
fn with_quality() -> App {
    let mut app = loaded();
    for action in fixture::quality::computed() {
        app.update(action);
    }
    app
}

#[test]
fn dashboard() {
    both_sizes("dashboard", &loaded());
}

#[test]
fn dashboard_with_the_batches_agreement() {
    both_sizes("dashboard_alpha", &with_quality());
}

#[test]
fn dashboard_before_the_first_read() {
    insta::assert_snapshot!(
        "dashboard_reading_80x24",
        drawn(&App::start(Vec::new()).0, 80, 24)
    );
}

#[test]
fn batches_with_a_filter_and_details() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(1)));
    both_sizes("batches", &app);
    app.update(Action::Command(Command::Filter));
    for c in "decl".chars() {
        app.update(Action::Edit(LineEdit::Type(c)));
    }
    app.update(Action::Command(Command::Down));
    both_sizes("batches_filtered", &app);
    app.update(Action::Command(Command::Delete));
    both_sizes("batches_confirm", &app);
}

#[test]
fn rules_and_funds() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(4)));
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

#[test]
fn the_load_screen() {
    use std::time::Duration;

    use crate::tui::screens::load::{Field, LoadDone};

    let mut app = loaded();
    app.update(Action::Command(Command::Tab(2)));
    let load = &mut app.screens_mut().load;
    load.files = vec!["tasks/part-1.jsonl".into(), "tasks/part-2.jsonl.gz".into()];
    load.batch = "spring".into();
    load.field = Some(Field::Path);
    load.editing = true;
    load.path = "tasks/pa".into();
    load.completions = vec!["tasks/part-3.jsonl.bz2".into(), "tasks/parked/".into()];
    both_sizes("load_form", &app);
    let load = &mut app.screens_mut().load;
    load.editing = false;
    load.completions.clear();
    load.field = Some(Field::Start);
    app.update(Action::Command(Command::Open));
    app.update(Action::LoadProgress(
        vulyk_core::service::LoadProgress {
            bytes_read: 600,
            bytes_total: Some(1000),
            loaded: 300,
            duplicates: 2,
            rejected: 0,
        },
        Duration::from_secs(2),
    ));
    both_sizes("load_running", &app);
    app.update(Action::LoadFinished(Ok(Box::new(LoadDone {
        batch: "spring".into(),
        loaded: 518,
        duplicates: 2,
        skipped_empty: 1,
        rejected: 1,
        rejects: vec![(
            "tasks/part-1.jsonl:7:12".into(),
            "expected `,` or `}`".into(),
        )],
        elapsed: Duration::from_millis(2500),
    }))));
    both_sizes("load_done", &app);
}

#[test]
fn groups_and_users_with_a_question() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(3)));
    app.update(Action::Command(Command::Down));
    both_sizes("people", &app);
    app.update(Action::Command(Command::SetPassword));
    for c in "secret".chars() {
        app.update(Action::Edit(LineEdit::Type(c)));
    }
    both_sizes("people_password", &app);
}

#[test]
fn an_export_from_the_batch_list() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(1)));
    app.update(Action::Command(Command::Down));
    app.update(Action::Command(Command::Export));
    insta::assert_snapshot!("export_question_80x24", drawn(&app, 80, 24));
    app.update(Action::Command(Command::Open));
    app.update(Action::ExportProgress(
        vulyk_core::service::ExportProgress {
            tasks: 30,
            answers: 90,
            expected_tasks: 65,
        },
    ));
    both_sizes("export_running", &app);
}

#[test]
fn the_latest_events() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(5)));
    both_sizes("events", &app);
}

#[test]
fn a_rule_form_with_a_problem_and_the_simulator() {
    use crate::tui::modals::simulation::Simulation;

    let mut app = loaded();
    app.update(Action::Command(Command::Tab(4)));
    app.update(Action::Command(Command::New));
    app.update(Action::Command(Command::Save));
    both_sizes("rule_form_problem", &app);
    app.update(Action::Command(Command::Back));
    app.update(Action::Simulated(Box::new(Simulation {
        rule: "First steps".into(),
        limit: 1,
        holders: vec![("olena".into(), 140, true), ("petro".into(), 0, false)],
    })));
    insta::assert_snapshot!("simulation_80x24", drawn(&app, 80, 24));
}

#[test]
fn a_filtered_user_list() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(3)));
    app.update(Action::Command(Command::Filter));
    for c in "ol".chars() {
        app.update(Action::Edit(LineEdit::Type(c)));
    }
    insta::assert_snapshot!("people_filtered_80x24", drawn(&app, 80, 24));
}

#[test]
fn the_quality_of_a_type_and_a_volunteer_s_confusion_matrix() {
    let mut app = with_quality();
    app.update(Action::Command(Command::Tab(6)));
    insta::assert_snapshot!("quality_no_answers_80x24", drawn(&app, 80, 24));
    app.update(Action::Command(Command::NextType));
    both_sizes("quality", &app);
    app.update(Action::Command(Command::Open));
    both_sizes("quality_confusion", &app);
}

#[test]
fn an_excluded_volunteer_is_marked_with_their_gold_accuracy() {
    let mut app = loaded();
    app.update(Action::Command(Command::Tab(6)));
    app.update(Action::QualityLoaded(Box::new(
        fixture::quality::with_an_excluded_volunteer(),
    )));
    let screen = drawn(&app, 80, 24).to_string();
    let cid = screen.lines().find(|l| l.contains("cid")).expect(&screen);
    assert!(
        cid.contains("excluded") && cid.contains("0.000 (2)"),
        "{screen}"
    );
    let ann = screen
        .lines()
        .find(|l| l.contains("ann"))
        .expect("ann listed");
    assert!(
        !ann.contains("excluded") && ann.contains("1.000 (2)"),
        "{screen}"
    );
    both_sizes("quality_excluded", &app);
}

#[test]
fn the_quality_while_computed_and_when_it_fails() {
    use crate::tui::screens::quality::TypeQuality;

    let mut app = loaded();
    app.update(Action::Command(Command::Tab(6)));
    insta::assert_snapshot!("quality_computing_80x24", drawn(&app, 80, 24));
    app.update(Action::QualityLoaded(Box::new(TypeQuality {
        task_type: "declaration_task".into(),
        outcome: Err(fixture::quality::too_many_labels()),
    })));
    both_sizes("quality_error", &app);
}
