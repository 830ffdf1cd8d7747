//! Answer quality through `vulyk`: agreement and reliability (`stats quality`) and the
//! Dawid–Skene consensus in exports, on answers whose truth the test knows.

mod common;

use common::Env;
use serde_json::{Value, json};

on_both_backends!(
    quality_and_consensus_follow_the_answers,
    quality_refuses_unknown_names_and_methods,
    gold_tasks_load_list_and_go,
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
            json!({"sentence": [{"word": "w", "tags": label}], "note": name})
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
        // One item per word: a one-word sentence has one.
        assert_eq!(line["dawid_skene"][0]["label"], right, "{line}");
        assert!(line["dawid_skene"][0]["probability"].as_f64().expect("p") > 0.99);
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
    assert!(rows.all(|row| row.contains(r#"[{""label"":""#)), "{csv}");
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

fn gold_tasks_load_list_and_go(env: &Env) {
    env.init();
    let lines = "{\"task\": {\"n\": 100}, \"answer\": {\"sentence\": [{\"tags\": \"A\"}]}}\n\
                 {\"task\": {\"n\": 101}, \"answer\": {\"sentence\": [{\"tags\": \"B\"}]}}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, lines.as_bytes()).expect("gzip");
    let file = env.write("gold.jsonl.gz", &gz.finish().expect("gzip"));
    let loaded = env
        .run(&[
            "gold",
            "load",
            "tagging_task",
            &file,
            "--batch",
            "g1",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (loaded["lines"].clone(), loaded["added"].clone()),
        (json!(2), json!(2))
    );
    let again = env
        .run(&[
            "gold",
            "load",
            "tagging_task",
            &file,
            "--batch",
            "g1",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(again["unchanged"], 2);
    let listed = env
        .run(&["gold", "list", "tagging_task", "--json"])
        .ok()
        .json();
    let listed = listed.as_array().expect("array");
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|g| g["batch"] == "g1"));
    assert!(
        listed.iter().any(|g| g["task"] == json!({"n": 100})
            && g["answer"] == json!({"sentence": [{"tags": "A"}]}))
    );
    // A task loaded as an ordinary one cannot be gold: it would measure itself.
    let ordinary = env.write("ordinary.jsonl", b"{\"n\": 7}\n");
    env.run(&["db", "load", "tagging_task", &ordinary]).ok();
    let twin = env.write(
        "twin.jsonl",
        b"{\"task\": {\"n\": 7}, \"answer\": {\"sentence\": [{\"tags\": \"A\"}]}}\n",
    );
    env.run(&["gold", "load", "tagging_task", &twin])
        .fails_with(4, "already as an ordinary task");

    let bad = env.write(
        "bad.jsonl",
        b"{\"task\": {\"n\": 1}, \"answer\": {\"sentence\": [{\"tags\": \"A\"}]}}\n{\"task\": 1,}\n",
    );
    env.run(&["gold", "load", "tagging_task", &bad])
        .fails_with(5, "bad.jsonl:2:");
    let deleted = env
        .run(&["gold", "del", "tagging_task", "--batch", "g1"])
        .ok();
    assert!(deleted.stdout.contains("Deleted 2"), "{}", deleted.stdout);
    env.run(&["gold", "del", "tagging_task", "--batch", "g1"])
        .fails_with(3, "gold task not found");
    let listed = env
        .run(&["gold", "list", "tagging_task", "--json"])
        .ok()
        .json();
    assert_eq!(listed, json!([]));
}
