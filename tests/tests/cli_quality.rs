//! Answer quality through `vulyk`: agreement and reliability (`stats quality`) and the
//! Dawid–Skene consensus in exports, on answers whose truth the test knows.

mod common;

use common::Env;
use serde_json::{Value, json};

on_both_backends!(
    quality_and_consensus_follow_the_answers,
    quality_refuses_unknown_names_and_methods,
);

const TASKS: u32 = 20;

/// The label a task deserves: A for an even `n`, B for an odd one.
fn truth(data: &Value) -> &'static str {
    if data["n"].as_u64().expect("n").is_multiple_of(2) {
        "A"
    } else {
        "B"
    }
}

fn other(label: &str) -> &'static str {
    if label == "A" { "B" } else { "A" }
}

/// Every task answered by ann and bob, who are right, and cid, who is always wrong.
fn answered(env: &Env) {
    env.init();
    let tasks = env.write("tasks.jsonl", common::numbered_lines(0..TASKS).as_bytes());
    env.run(&["db", "load", "tagging_task", &tasks]).ok();
    for (name, right) in [("ann", true), ("cid", false), ("bob", true)] {
        common::volunteer_answers_with(env, "tagging_task", name, TASKS as usize, |data| {
            let label = if right {
                truth(data)
            } else {
                other(truth(data))
            };
            json!({"tag": label, "note": name})
        });
    }
}

fn quality_and_consensus_follow_the_answers(env: &Env) {
    answered(env);
    let report = env
        .run(&["stats", "quality", "tagging_task", "--json"])
        .ok()
        .json();
    let batch = &report["batches"][0];
    assert_eq!(batch["batch"], "default");
    assert_eq!(
        [&batch["tasks"], &batch["answers"], &batch["tasks_with_two"]],
        [&json!(TASKS), &json!(3 * TASKS), &json!(TASKS)]
    );
    // Each task: two votes one way, one the other; the labels A and B equally often overall.
    // alpha = 1 - (n - 1)·Σ(m² - Σn²)/(m - 1) / (n² - Σn_c²) with n = 60, m = 3, n_A = n_B = 30.
    let n = f64::from(3 * TASKS);
    let expected = 1.0 - (n - 1.0) * (f64::from(TASKS) * 2.0) / (n * n - 2.0 * (n / 2.0).powi(2));
    let alpha = batch["alpha"].as_f64().expect("alpha");
    assert!((alpha - expected).abs() < 1e-12, "{alpha} ≠ {expected}");
    assert_eq!(batch["disagreements"], 0);
    let accuracy = |name: &str| -> f64 {
        let volunteers = report["volunteers"].as_array().expect("volunteers");
        let found = volunteers
            .iter()
            .find(|v| v["username"] == name)
            .expect("listed");
        assert_eq!(found["answers"], TASKS);
        found["accuracy"].as_f64().expect("accuracy")
    };
    assert!(accuracy("ann") > 0.99 && accuracy("bob") > 0.99);
    assert!(accuracy("cid") < 0.01, "{}", accuracy("cid"));

    let table = env.run(&["stats", "quality", "tagging_task"]).ok().stdout;
    assert!(
        table.contains("2 distinct labels") && table.contains("cid"),
        "{table}"
    );

    let lines: Vec<Value> = env
        .run(&["db", "export", "tagging_task", "--aggregate", "dawid-skene"])
        .ok()
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), TASKS as usize);
    for line in &lines {
        let right = truth(&line["answers"][0]["task"]["data"]);
        assert_eq!(line["dawid_skene"]["label"], right, "{line}");
        assert!(line["dawid_skene"]["probability"].as_f64().expect("p") > 0.99);
        assert_eq!(
            line["majority"]["votes"], 1,
            "answers differ in their notes"
        );
    }
    // A bare --aggregate stays majority vote alone.
    let bare = env
        .run(&["db", "export", "tagging_task", "--aggregate"])
        .ok()
        .stdout;
    let first: Value = serde_json::from_str(bare.lines().next().expect("a line")).expect("JSON");
    assert!(first.get("majority").is_some() && first.get("dawid_skene").is_none());

    let csv = env
        .run(&[
            "db",
            "export",
            "tagging_task",
            "--format",
            "csv",
            "--aggregate",
            "dawid-skene",
        ])
        .ok()
        .stdout;
    let mut rows = csv.lines();
    assert!(
        rows.next()
            .expect("header")
            .ends_with(",majority,agreement,dawid_skene")
    );
    assert!(rows.all(|row| row.contains(r#"{""label"":""#)), "{csv}");
}

fn quality_refuses_unknown_names_and_methods(env: &Env) {
    answered(env);
    env.run(&["stats", "quality", "no_such_type"])
        .fails_with(3, "no_such_type");
    env.run(&["stats", "quality", "tagging_task", "--batch", "nope"])
        .fails_with(3, "batch not found: nope");
    env.run(&["db", "export", "tagging_task", "--aggregate", "median"])
        .fails_with(2, "dawid-skene");
}
