//! Volunteers work through the core services (as the server will have them do); operators see
//! the result with `vulyk stats` and take it out with `vulyk db export`.

mod common;

use common::Env;
use serde_json::Value;

on_both_backends!(
    exports_hold_every_answer_in_every_format,
    stats_follow_the_work,
    export_refuses_unknown_names_and_leaves_no_file,
    a_cursor_exports_what_is_new_once,
);

/// Tasks loaded by `work`: few, because the test MongoDB server is slow (a Python server).
const TASKS: u32 = 40;

/// Loads `TASKS` tagging tasks (redundancy 3 in the fixture plugin) and lets `volunteers`
/// each answer up to `answers` tasks, the answer naming the volunteer.
fn work(env: &Env, volunteers: &[&str], answers: usize) {
    env.init();
    let tasks = env.write("tasks.jsonl", common::numbered_lines(0..TASKS).as_bytes());
    env.run(&["db", "load", "tagging_task", &tasks]).ok();
    common::volunteers_answer(env, "tagging_task", volunteers, answers);
}

fn exports_hold_every_answer_in_every_format(env: &Env) {
    // Three volunteers each answering everything: every task closes with three answers.
    work(env, &["ann", "bob", "cid"], TASKS as usize);
    let lines = env
        .run(&["db", "export", "tagging_task"])
        .ok()
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
        .collect::<Vec<_>>();
    assert_eq!(lines.len(), TASKS as usize);
    for line in &lines {
        let answers = line.as_array().expect("array");
        assert_eq!(answers.len(), 3);
        for a in answers {
            assert_eq!(a["answer"]["tag"], a["user"]["username"]);
        }
    }
    // The same, compressed, then read back.
    let summary = env
        .run(&[
            "db",
            "export",
            "tagging_task",
            "-o",
            "out.jsonl.gz",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (summary["tasks"].as_u64(), summary["answers"].as_u64()),
        (Some(u64::from(TASKS)), Some(3 * u64::from(TASKS)))
    );
    let mut text = String::new();
    use std::io::Read;
    flate2::read::MultiGzDecoder::new(std::fs::File::open(env.path("out.jsonl.gz")).expect("file"))
        .read_to_string(&mut text)
        .expect("gzip");
    assert_eq!(text.lines().count(), TASKS as usize);
    env.run(&[
        "db",
        "export",
        "tagging_task",
        "-o",
        "out.csv.bz2",
        "--format",
        "csv",
        "--aggregate",
    ])
    .ok();
    let mut csv = String::new();
    bzip2::read::MultiBzDecoder::new(std::fs::File::open(env.path("out.csv.bz2")).expect("file"))
        .read_to_string(&mut csv)
        .expect("bzip2");
    assert_eq!(csv.lines().count(), 3 * TASKS as usize + 1);
    assert!(
        csv.lines().skip(1).all(|row| row.ends_with(",0.3333")),
        "three different answers"
    );
}

fn stats_follow_the_work(env: &Env) {
    work(env, &["ann", "bob"], 10);
    let stats = env.run(&["stats", "batch", "--json"]).ok().json();
    assert_eq!(stats[0]["batch"], "default");
    assert_eq!(stats[0]["total"], TASKS);
    assert_eq!(stats[0]["completed"], 0);
    assert_eq!(stats[0]["answers"], 20);
    let breakdown = stats[0]["breakdown"].as_array().expect("breakdown");
    let tasks: u64 = breakdown.iter().map(|b| b["tasks"].as_u64().unwrap()).sum();
    let answers: u64 = breakdown
        .iter()
        .map(|b| b["tasks"].as_u64().unwrap() * b["answers"].as_u64().unwrap())
        .sum();
    assert_eq!((tasks, answers), (u64::from(TASKS), 20));
    let table = env.run(&["stats", "batch"]).ok().stdout;
    assert!(
        table.contains("Breakdown (answers: tasks)") && table.contains("default"),
        "{table}"
    );

    let overview = env.run(&["stats", "overview", "--json"]).ok().json();
    let tagging = overview["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["task_type"] == "tagging_task")
        .expect("tagging_task")
        .clone();
    assert_eq!(tagging["volunteers_24h"], 2);
    assert_eq!(
        tagging["answers_per_hour"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .sum::<u64>(),
        20
    );
    assert_eq!(tagging["batches"][0]["answers"], 20);

    let leaders = env
        .run(&["stats", "leaders", "tagging_task", "--json"])
        .ok()
        .json();
    assert_eq!(leaders.as_array().unwrap().len(), 2);
    assert_eq!(
        (leaders[0]["rank"].as_u64(), leaders[1]["rank"].as_u64()),
        (Some(1), Some(1))
    );
}

fn export_refuses_unknown_names_and_leaves_no_file(env: &Env) {
    work(env, &[], 0);
    env.run(&["db", "export", "nope_task", "-o", "x.jsonl"])
        .fails_with(3, "nope_task");
    env.run(&[
        "db",
        "export",
        "tagging_task",
        "--batch",
        "nope",
        "-o",
        "x.jsonl",
    ])
    .fails_with(3, "nope");
    env.run(&[
        "db",
        "export",
        "tagging_task",
        "--batch",
        "default",
        "--all-batches",
    ])
    .fails_with(2, "cannot be used with");
    assert!(std::fs::read_dir(env.dir.path()).unwrap().all(|e| {
        let name = e.unwrap().file_name();
        !name.to_string_lossy().starts_with("x.jsonl")
    }));
    // Nothing closed yet: an empty export, not an error.
    let run = env.run(&["db", "export", "tagging_task"]).ok();
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("Exported 0 answers of 0 tasks"),
        "{}",
        run.stderr
    );
}

/// The task ids of a JSON-lines export.
fn exported_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|line| {
            let answers: Value = serde_json::from_str(line).expect("JSON line");
            answers[0]["task"]["id"]
                .as_str()
                .expect("an id")
                .to_string()
        })
        .collect()
}

fn a_cursor_exports_what_is_new_once(env: &Env) {
    env.init();
    // Batches are served in order: the first three volunteers close batch a's two tasks two
    // hours ago, the next three batch b's an hour ago.
    for (batch, range) in [("a", 0..2), ("b", 2..4)] {
        let tasks = env.write("tasks.jsonl", common::numbered_lines(range).as_bytes());
        env.run(&["db", "load", "tagging_task", &tasks, "--batch", batch])
            .ok();
    }
    let now = chrono::Utc::now();
    for (hours, name) in [
        (2, "ann"),
        (2, "bob"),
        (2, "cid"),
        (1, "dan"),
        (1, "eve"),
        (1, "fay"),
    ] {
        let at = now - chrono::TimeDelta::hours(hours);
        let tag = |_: &Value| serde_json::json!({"tag": name});
        common::volunteer_answers_at(env, Some(at), "tagging_task", name, 2, tag);
    }
    // The nightly job: each run into a file of its own.
    let nightly = |file: &str| {
        let run = env
            .run(&[
                "db",
                "export",
                "tagging_task",
                "--cursor",
                "nightly",
                "-o",
                file,
            ])
            .ok();
        let text = std::fs::read_to_string(env.path(file)).expect("the export's file");
        (run.stderr, exported_ids(&text))
    };
    let (said, first) = nightly("night1.jsonl");
    assert!(said.contains("closed from 1970-01-01"), "{said}");
    assert_eq!(first.len(), 4, "every closed task, the first time");
    let (_, second) = nightly("night2.jsonl");
    assert_eq!(second, Vec::<String>::new());
    // To standard output it could not take back what it wrote: refused.
    env.run(&["db", "export", "tagging_task", "--cursor", "nightly"])
        .fails_with(5, "writes a file (-o FILE)");
    let cursors = env.run(&["db", "cursors", "list", "--json"]).ok().json();
    assert_eq!(cursors[0]["name"], "nightly");
    assert_eq!(cursors[0]["task_type"], "tagging_task");
    assert_eq!(cursors[0]["batch"], Value::Null);
    // --since: the tasks last answered within the last 90 minutes: batch b's.
    let since = (now - chrono::TimeDelta::minutes(90)).to_rfc3339();
    let recent = env
        .run(&[
            "db",
            "export",
            "tagging_task",
            "--since",
            &since,
            "-o",
            "recent.jsonl",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(recent["tasks"].as_u64(), Some(2));
    let written = std::fs::read_to_string(env.path("recent.jsonl")).unwrap();
    for line in written.lines() {
        let answers: Value = serde_json::from_str(line).unwrap();
        let n = answers[0]["task"]["data"]["n"].as_u64();
        assert!(matches!(n, Some(2 | 3)), "batch b's tasks only: {line}");
    }
    assert_eq!(recent["since"].as_str().map(|s| s.len() > 10), Some(true));
    env.run(&["db", "cursors", "del", "nightly"]).ok();
    env.run(&["db", "cursors", "del", "nightly"])
        .fails_with(3, "nightly");
    let (_, again) = nightly("night3.jsonl");
    assert_eq!(again.len(), 4, "a forgotten cursor starts over");
    assert_eq!(
        again.iter().collect::<std::collections::HashSet<_>>(),
        first.iter().collect()
    );
    // Mistakes name what is wrong and move nothing.
    env.run(&["db", "export", "tagging_task", "--since", "yesterday"])
        .fails_with(2, "`yesterday` is not a time");
    env.run(&[
        "db",
        "export",
        "tagging_task",
        "--since",
        "2026-01-01",
        "--cursor",
        "x",
    ])
    .fails_with(2, "cannot be used with");
    env.run(&[
        "db",
        "export",
        "tagging_task",
        "--cursor",
        "a b",
        "-o",
        "x.jsonl",
    ])
    .fails_with(5, "cursor name `a b`");
    env.run(&[
        "db",
        "export",
        "tagging_task",
        "--batch",
        "default",
        "--cursor",
        "nightly",
        "-o",
        "x.jsonl",
    ])
    .fails_with(4, "follows type tagging_task, all batches");
    assert!(
        !env.dir.path().join("x.jsonl").exists(),
        "a refused export writes nothing"
    );
}
