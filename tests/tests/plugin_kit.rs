//! `vulyk plugin new`, `import` and `check`: making task types, end to end.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, fixture, vulyk_bin};

/// `vulyk` with `dir/plugins` as its plugins folder and `dir/vulyk.db` as its database.
fn vulyk(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(vulyk_bin())
        .arg("--db")
        .arg(dir.join("vulyk.db"))
        .arg("--plugins")
        .arg(dir.join("plugins"))
        .args(args)
        .current_dir(dir)
        .env_remove("VULYK_DB")
        .env_remove("VULYK_PLUGINS")
        .env_remove("VULYK_CONFIG")
        .output()
        .expect("run vulyk");
    Run::from(output)
}

#[test]
fn an_original_plugin_package_is_imported_and_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let package = fixture("original-package");
    let imported = vulyk(dir.path(), &["plugin", "import", &package, "--json"])
        .ok()
        .json();
    assert_eq!(imported[0]["task_type"], "review_task", "{imported}");
    let notes = imported[0]["not_carried_over"].to_string();
    assert!(
        notes.contains("_is_ready_for_autoclose") && notes.contains("close_on_agreement"),
        "{notes}"
    );
    assert!(notes.contains("ReviewAnswer"), "{notes}");

    let plugin = dir.path().join("plugins/review_task");
    let manifest = std::fs::read_to_string(plugin.join("plugin.toml")).expect("plugin.toml");
    for line in [
        "type = \"review_task\"",
        "redundancy = 2",
        "gamified = true",
        "template = \"templates/task.html\"",
        "protocol = \"original\"",
        "script = [\"'unsafe-eval'\"]",
        "points_per_task = 2.0",
        "task_class = \"AbstractTask.ReviewTask\"",
    ] {
        assert!(manifest.contains(line), "{line} missing:\n{manifest}");
    }
    assert!(plugin.join("static/scripts/review.js").is_file());
    assert!(
        !plugin.join("static/__init__.py").exists(),
        "Python files are left behind"
    );

    let checked = vulyk(
        dir.path(),
        &["plugin", "check", &plugin.to_string_lossy(), "--json"],
    )
    .ok()
    .json();
    assert_eq!(checked["protocol"], "original");
    assert_eq!(checked["templates"].as_array().map(Vec::len), Some(2));

    vulyk(dir.path(), &["plugin", "import", &package]).fails_with(4, "already there");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    vulyk(dir.path(), &["plugin", "import", &empty.to_string_lossy()])
        .fails_with(5, "not an original Vulyk plugin");
}

#[test]
fn a_new_plugin_passes_its_check_and_loads_its_sample_tasks() {
    let dir = tempfile::tempdir().expect("temp dir");
    vulyk(dir.path(), &["plugin", "new", "label_task", "--gamified"]).ok();
    let plugin = dir.path().join("plugins/label_task");
    let checked = vulyk(
        dir.path(),
        &["plugin", "check", &plugin.to_string_lossy(), "--json"],
    )
    .ok()
    .json();
    assert_eq!(checked["sample_tasks"], 3, "{checked}");
    assert_eq!(checked["protocol"], "vulyk");
    vulyk(dir.path(), &["init", "label_task"]).ok();
    let samples = plugin.join("sample-tasks.jsonl");
    let loaded = vulyk(
        dir.path(),
        &[
            "db",
            "load",
            "label_task",
            &samples.to_string_lossy(),
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(loaded["loaded"], 3, "{loaded}");

    vulyk(dir.path(), &["plugin", "new", "label_task"]).fails_with(4, "already there");
    vulyk(dir.path(), &["plugin", "new", "bad name"])
        .fails_with(5, "plugin name: `bad name` must be");
    assert!(!dir.path().join("plugins/bad name").exists());
}

#[test]
fn a_check_names_the_broken_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    vulyk(dir.path(), &["plugin", "new", "broken"]).ok();
    let plugin = dir.path().join("plugins/broken");
    let shown = plugin.to_string_lossy().into_owned();
    std::fs::write(
        plugin.join("templates/task.html"),
        "<p>\n{% if x %}\n<b>never closed</b>\n",
    )
    .expect("write");
    vulyk(dir.path(), &["plugin", "check", &shown]).fails_with(5, "templates/task.html:");
    std::fs::write(plugin.join("templates/task.html"), "<p></p>\n").expect("write");
    std::fs::write(
        plugin.join("sample-tasks.jsonl"),
        "{\"text\": 1}\n{\"text\": }\n",
    )
    .expect("write");
    vulyk(dir.path(), &["plugin", "check", &shown]).fails_with(5, "sample-tasks.jsonl:2:10");
}
