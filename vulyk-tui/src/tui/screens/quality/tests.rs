use vulyk_core::quality::{QualityReport, VolunteerQuality};

use super::*;
use crate::tui::action::Action;
use crate::tui::fixture::{self, cmd};
use crate::tui::focus::Tab;
use crate::tui::line::LineEdit;

fn volunteer(username: &str, accuracy: Option<f64>) -> VolunteerQuality {
    VolunteerQuality {
        username: username.into(),
        answers: 3,
        accuracy,
        gold_answered: 0,
        gold_judged: 0,
        gold_correct: 0,
        gold_accuracy: None,
        excluded: false,
        confusion: Vec::new(),
    }
}

fn with_volunteers(volunteers: Vec<VolunteerQuality>) -> QualityScreen {
    let mut screen = QualityScreen::new(vec!["tagging_task".into()]);
    screen.loaded(TypeQuality {
        task_type: "tagging_task".into(),
        outcome: Ok(QualityReport {
            task_type: "tagging_task".into(),
            labels: 0,
            label_names: Vec::new(),
            iterations: 0,
            skipped_votes: 0,
            alpha: None,
            batches: Vec::new(),
            volunteers,
        }),
    });
    screen
}

fn names(screen: &QualityScreen) -> Vec<&str> {
    screen
        .visible_volunteers()
        .iter()
        .map(|v| v.username.as_str())
        .collect()
}

#[test]
fn the_sort_toggles_between_least_reliable_first_and_by_name() {
    let mut screen = with_volunteers(vec![
        volunteer("dan", Some(0.9)),
        volunteer("ann", None),
        volunteer("cid", Some(0.2)),
        volunteer("bob", Some(0.9)),
    ]);
    assert_eq!(screen.sort, VolunteerSort::Accuracy);
    assert_eq!(
        names(&screen),
        ["cid", "bob", "dan", "ann"],
        "equals by name, no estimate last"
    );
    screen.command(Command::Bottom);
    screen.command(Command::Sort);
    assert_eq!(names(&screen), ["ann", "bob", "cid", "dan"]);
    assert_eq!(screen.list.selected(), 0, "a new order starts at the top");
    screen.command(Command::Sort);
    assert_eq!(names(&screen), ["cid", "bob", "dan", "ann"]);
}

#[test]
fn types_go_round_both_ways_each_list_from_its_top() {
    let mut screen = QualityScreen::new(fixture::quality::TYPES.map(String::from).to_vec());
    assert_eq!(screen.shown_type(), Some("declaration_task"));
    screen.command(Command::NextType);
    assert_eq!(screen.shown_type(), Some("tagging_task"));
    screen.command(Command::Down);
    screen.command(Command::NextType);
    assert_eq!(
        screen.shown_type(),
        Some("declaration_task"),
        "round the end"
    );
    assert_eq!(screen.list.selected(), 0);
    screen.command(Command::PrevType);
    assert_eq!(screen.shown_type(), Some("tagging_task"));
    let mut none = QualityScreen::default();
    none.command(Command::NextType);
    assert_eq!(none.shown_type(), None, "no types, nothing to switch");
}

#[test]
fn enter_shows_the_volunteer_s_confusion_matrix_and_any_key_closes_it() {
    let mut app = fixture::app();
    for action in fixture::quality::computed() {
        app.update(action);
    }
    cmd(&mut app, Command::Tab(6));
    assert_eq!(app.tab(), Tab::Quality);
    cmd(&mut app, Command::Filter);
    for c in "BO".chars() {
        app.update(Action::Edit(LineEdit::Type(c)));
    }
    cmd(&mut app, Command::Open);
    let screen = &app.screens().quality;
    let report = screen.report().expect("computed");
    let bob = report
        .volunteers
        .iter()
        .find(|v| v.username == "bob")
        .expect("bob answered");
    let shown = app.modals().confusion().expect("the matrix");
    assert_eq!(
        (
            &shown.username,
            shown.accuracy,
            &shown.labels,
            &shown.matrix
        ),
        (
            &bob.username,
            bob.accuracy,
            &report.label_names,
            &bob.confusion
        )
    );
    assert_eq!(shown.labels.len(), 3, "NOUN, VERB, PROPER_NOUN");
    cmd(&mut app, Command::Back);
    assert!(app.modals().confusion().is_none());
    cmd(&mut app, Command::Back);
    // What the answers were made to say: cid errs most, bob once, ann never.
    assert_eq!(names(&app.screens().quality), ["cid", "bob", "ann"]);
    cmd(&mut app, Command::Open);
    let opened = app.modals().confusion().map(|c| c.username.as_str());
    assert_eq!(opened, Some("cid"));
    cmd(&mut app, Command::Down);
    assert!(app.modals().confusion().is_none(), "any key closes it");
    assert_eq!(app.screens().quality.list().selected(), 0, "and only that");
}

#[test]
fn a_failed_type_shows_why_and_the_dashboard_keeps_its_last_alpha() {
    let mut app = fixture::app();
    for action in fixture::quality::computed() {
        app.update(action);
    }
    let message = fixture::quality::too_many_labels();
    app.update(Action::QualityLoaded(Box::new(TypeQuality {
        task_type: "tagging_task".into(),
        outcome: Err(message.clone()),
    })));
    let screen = &app.screens().quality;
    assert_eq!(screen.outcome(), Some(&Err(message)));
    assert!(screen.report().is_none() && screen.list_top(Rect::new(0, 1, 80, 22)).is_none());
    assert!(
        app.screens()
            .dashboard
            .alpha("tagging_task", "default")
            .is_some(),
        "the last report's"
    );
}
