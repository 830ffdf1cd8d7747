//! The original Vulyk's command lines (spec 6) still work: an operator's scripts keep running.

mod common;

use common::{Env, fixture};

#[test]
fn the_originals_command_lines_work() {
    let env = Env::new();
    env.init();
    env.run(&[
        "group",
        "add",
        "--gid",
        "reviewers",
        "--description",
        "Reviewers",
    ])
    .ok();
    env.run(&["user", "add", "ivan", "--email", "ivan@example.org"])
        .ok();
    env.run(&[
        "group",
        "assign",
        "--username",
        "ivan",
        "--gid",
        "reviewers",
    ])
    .ok();
    env.run(&[
        "group",
        "addtype",
        "--gid",
        "reviewers",
        "--task_type",
        "tagging_task",
    ])
    .ok();
    let groups = env.run(&["group", "list", "--json"]).ok().json();
    let reviewers = groups
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["id"] == "reviewers")
        .expect("reviewers")
        .clone();
    assert_eq!(
        (&reviewers["allowed_types"], &reviewers["members"]),
        (&serde_json::json!(["tagging_task"]), &serde_json::json!(1))
    );
    env.run(&[
        "group",
        "deltype",
        "--gid",
        "reviewers",
        "--task_type",
        "tagging_task",
    ])
    .ok();
    env.run(&[
        "group",
        "resign",
        "--username",
        "ivan",
        "--gid",
        "reviewers",
    ])
    .ok();

    let part = fixture("tasks/tagging_task/part-1.jsonl");
    let declarations = fixture("tasks/declaration_task/part-1.jsonl");
    let more_declarations = fixture("tasks/declaration_task/part-2.jsonl.gz");
    env.run(&["db", "load", "tagging_task", &part, "--batch", "b1"])
        .ok();
    // `--meta KEY VALUE` as the original spells it, and ours before a file.
    env.run(&[
        "db",
        "load",
        "declaration_task",
        &declarations,
        "--batch",
        "d1",
        "--meta",
        "points_per_task",
        "2.5",
    ])
    .ok();
    env.run(&[
        "db",
        "load",
        "declaration_task",
        "--batch",
        "d2",
        "--meta",
        "points_per_task=3",
        &more_declarations,
    ])
    .ok();
    let batches = env.batches();
    assert_eq!(batches["d1"]["meta"]["points_per_task"], 2.5, "{batches:?}");
    assert_eq!(batches["d2"]["meta"]["points_per_task"], 3.0, "{batches:?}");
    assert_eq!(batches["b1"]["tasks"].as_u64(), Some(120), "{batches:?}");

    let listed = env.run(&["batches", "list"]).ok().stdout;
    assert!(listed.contains("b1"), "{listed}");
    let stats = env
        .run(&[
            "stats",
            "batch",
            "--batch_name",
            "b1",
            "--task_type",
            "tagging_task",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(stats.as_array().map(Vec::len), Some(1), "{stats}");

    // `db export TYPE PATH`, every batch (`__all__`), open tasks too (`--export-all`).
    let path = env.path("answers.jsonl");
    env.run(&[
        "db",
        "export",
        "tagging_task",
        &path,
        "--batch",
        "__all__",
        "--export-all",
    ])
    .ok();
    assert!(std::path::Path::new(&path).exists(), "no {path}");
    env.run(&["db", "export", "tagging_task", &path, "-o", &path])
        .fails_with(2, "cannot be used with");

    env.run(&["batches", "del", "--bid", "b1", "--yes"]).ok();
    env.run(&["group", "del", "--gid", "reviewers", "--yes"])
        .ok();
    assert!(!env.batches().contains_key("b1"));
}
