//! Operators manage rewards with `vulyk rules`, `vulyk funds`, `vulyk events` and
//! `vulyk state`, while volunteers earn them through the core services.

mod common;

use common::{Env, fixture};
use serde_json::{Value, json};

on_both_backends!(
    rules_are_managed_and_named_in_errors,
    funds_are_managed_with_logos,
    volunteers_earn_and_operators_see_it,
);

fn rules_are_managed_and_named_in_errors(env: &Env) {
    env.init();
    let added = env
        .run(&[
            "rules",
            "add",
            "--name",
            "First steps",
            "--badge",
            "/b/1.png",
            "--description",
            "Your first task",
            "--tasks",
            "1",
            "--bonus",
            "5",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(added["ok"], true);
    env.run(&[
        "rules",
        "add",
        "--name",
        "Streak",
        "--badge",
        "/b/2.png",
        "--description",
        "d",
        "--days",
        "3",
        "--adjacent",
        "--task-type",
        "declaration_task",
        "--id",
        "streak",
    ])
    .ok();
    env.run(&[
        "rules",
        "add",
        "--name",
        "Bad",
        "--badge",
        "b",
        "--description",
        "d",
        "--tasks",
        "3",
        "--adjacent",
    ])
    .fails_with(5, "is_adjacent");
    env.run(&[
        "rules",
        "add",
        "--name",
        "X",
        "--badge",
        "b",
        "--description",
        "d",
        "--tasks",
        "1",
        "--task-type",
        "no_such",
    ])
    .fails_with(3, "task_type_name");
    env.run(&[
        "rules",
        "add",
        "--name",
        "Streak",
        "--badge",
        "b",
        "--description",
        "d",
        "--tasks",
        "1",
    ])
    .fails_with(4, "name: a rule named `Streak` exists");
    let listed = env.run(&["rules", "list", "--json"]).ok().json();
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["First steps", "Streak"]);
    env.run(&["rules", "edit", "streak", "--bonus", "7", "--days", "4"])
        .ok();
    let shown = env.run(&["rules", "show", "streak", "--json"]).ok().json();
    assert_eq!(
        (shown["bonus"].as_u64(), shown["days_number"].as_u64()),
        (Some(7), Some(4))
    );
    assert_eq!(shown["task_type_name"], "declaration_task");
    env.run(&["rules", "edit", "nope", "--bonus", "1"])
        .fails_with(3, "rule not found: nope");
    // Export, delete, import back: the same rules.
    let file = env.path("rules.jsonl");
    env.run(&["rules", "export", "-o", &file]).ok();
    env.run(&["rules", "del", "streak"]).fails_with(2, "--yes");
    env.run(&["rules", "del", "streak", "--yes"]).ok();
    let imported = env.run(&["rules", "import", &file, "--json"]).ok().json();
    assert!(
        imported["message"]
            .as_str()
            .unwrap()
            .ends_with("1 added, 1 replaced"),
        "{imported}"
    );
    assert_eq!(
        env.run(&["rules", "show", "streak", "--json"]).ok().json(),
        shown
    );
    let bad = env.write("bad.jsonl", b"{\"name\":\"A\",\"badge\":\"b\",\"description\":\"d\",\"tasks_number\":1}\n{\"name\": 5}\n");
    env.run(&["rules", "import", &bad]).fails_with(
        5,
        "bad.jsonl:2:1: name: invalid type: integer `5`, expected a string",
    );
    let listed = env.run(&["rules", "list", "--json"]).ok().json();
    assert_eq!(
        listed.as_array().unwrap().len(),
        2,
        "a bad file stores none of its rules"
    );
}

fn funds_are_managed_with_logos(env: &Env) {
    env.init();
    let logo = fixture("fund-logo.png");
    let not_image = env.write("logo.gif", b"GIF89a not really");
    env.run(&[
        "funds",
        "add",
        "redcross",
        "--name",
        "Red Cross",
        "--description",
        "<b>Helps</b>",
        "--site",
        "https://redcross.example",
        "--email",
        "help@redcross.example",
        "--donatable",
        "--logo",
        &logo,
    ])
    .ok();
    env.run(&[
        "funds",
        "add",
        "other",
        "--name",
        "Other",
        "--description",
        "x",
        "--logo",
        &not_image,
    ])
    .fails_with(5, "not a PNG, JPEG or WebP image");
    env.run(&[
        "funds",
        "add",
        "other",
        "--name",
        "Other",
        "--description",
        "x",
        "--email",
        "nope",
    ])
    .fails_with(5, "email:");
    env.run(&[
        "funds",
        "add",
        "other",
        "--name",
        "Other",
        "--description",
        "x",
    ])
    .ok();
    env.run(&[
        "funds",
        "add",
        "other",
        "--name",
        "Again",
        "--description",
        "x",
    ])
    .fails_with(4, "id:");
    let donatable = env
        .run(&["funds", "list", "--donatable", "--json"])
        .ok()
        .json();
    assert_eq!(donatable.as_array().unwrap().len(), 1);
    assert_eq!(donatable[0]["has_logo"], true);
    env.run(&[
        "funds",
        "edit",
        "other",
        "--donatable",
        "true",
        "--logo",
        &logo,
    ])
    .ok();
    let other = env.run(&["funds", "show", "other", "--json"]).ok().json();
    assert_eq!(
        (other["donatable"].as_bool(), other["has_logo"].as_bool()),
        (Some(true), Some(true))
    );
    env.run(&["funds", "edit", "other", "--no-logo", "--site", ""])
        .ok();
    let other = env.run(&["funds", "show", "other", "--json"]).ok().json();
    assert_eq!(
        (other["has_logo"].as_bool(), other["site"].clone()),
        (Some(false), Value::Null)
    );
    env.run(&["funds", "del", "other", "--yes"]).ok();
    env.run(&["funds", "show", "other"])
        .fails_with(3, "fund not found: other");
}

/// Loads declaration tasks (gamified, 1 point, 2 coins each) and has `volunteers` answer
/// `answers` each, through the core services.
fn work(env: &Env, volunteers: &[&str], answers: usize) {
    let tasks = env.write("tasks.jsonl", common::numbered_lines(0..6).as_bytes());
    env.run(&[
        "db",
        "load",
        "declaration_task",
        &tasks,
        "--batch",
        "decl",
        "--meta",
        "coins_per_task=2",
    ])
    .ok();
    common::volunteers_answer(env, "declaration_task", volunteers, answers);
}

fn volunteers_earn_and_operators_see_it(env: &Env) {
    env.init();
    env.run(&[
        "rules",
        "add",
        "--name",
        "First steps",
        "--badge",
        "/b/1.png",
        "--description",
        "d",
        "--tasks",
        "1",
        "--bonus",
        "5",
        "--id",
        "first",
    ])
    .ok();
    work(env, &["ann", "bob"], 2);
    let state = env.run(&["state", "show", "ann", "--json"]).ok().json();
    assert_eq!(
        state["points"],
        json!(7),
        "two answers and the first one's bonus"
    );
    assert_eq!(state["potential_coins"], json!(4));
    assert_eq!(state["actual_coins"], json!(0));
    assert_eq!(state["achievements"], json!(["first"]));
    let events = env
        .run(&["events", "list", "--user", "ann", "--json"])
        .ok()
        .json();
    let kinds: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["achievements_level", "task"]);
    let table = env.run(&["events", "list", "--user", "ann"]).ok().stdout;
    assert!(
        table.contains("achievements_level") && table.contains("first"),
        "{table}"
    );
    let top = env
        .run(&["state", "top", "--by", "points", "--json"])
        .ok()
        .json();
    assert_eq!(top.as_array().unwrap().len(), 2);
    env.run(&["state", "top", "--by", "karma"])
        .fails_with(5, "order:");
    env.run(&["state", "show", "nobody"])
        .fails_with(3, "user not found");
    // The simulator: a stored rule, and one from a file before it is enabled.
    let sim = env
        .run(&["rules", "simulate", "first", "--json"])
        .ok()
        .json();
    assert_eq!(sim[0]["holders"].as_array().unwrap().len(), 2);
    let file = env.write(
        "three.json",
        br#"{"name": "Three", "badge": "b", "description": "d", "tasks_number": 3}"#,
    );
    let sim = env.run(&["rules", "simulate", &file, "--json"]).ok().json();
    let holders = sim[0]["holders"].as_array().unwrap();
    assert!(
        holders
            .iter()
            .all(|h| h["count"] == 2 && h["achieved"] == false),
        "{sim}"
    );
    let one = env
        .run(&["rules", "simulate", &file, "--user", "bob"])
        .ok()
        .stdout;
    assert!(one.contains("bob") && !one.contains("ann"), "{one}");
    env.run(&["rules", "simulate", "no-such-rule"])
        .fails_with(2, "no stored rule");
}
