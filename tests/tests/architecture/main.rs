//! The architecture's invariants (ARCHITECTURE.md), checked on the sources and on the
//! dependency graph rather than left to review.

mod module_graph;

use std::path::{Path, PathBuf};
use std::process::Command;

use vulyk_testkit::workspace_root;

/// The crates a package pulls in through normal (not dev or build) dependencies, with the
/// given features of the package and, with `None`, its default ones.
fn normal_dependencies(package: &str, features: Option<&[&str]>) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(workspace_root())
        .args([
            "tree",
            "--offline",
            "-p",
            package,
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(["--format", "{p}"]);
    if let Some(features) = features {
        command.arg("--no-default-features");
        if !features.is_empty() {
            command.args(["--features", &features.join(",")]);
        }
    }
    let output = command.output().expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Invariant 1: the core knows nothing of terminals or HTTP.
#[test]
fn the_core_pulls_in_no_ui_or_http_crate() {
    let crates = normal_dependencies("vulyk-core", Some(&["sqlite", "mongodb"]));
    for ui_or_http in [
        "ratatui",
        "crossterm",
        "clap",
        "axum",
        "hyper",
        "tower-http",
        "reqwest",
        "indicatif",
    ] {
        assert!(
            !crates.iter().any(|c| c == ui_or_http),
            "vulyk-core depends on {ui_or_http}"
        );
    }
}

/// Each backend is a feature: a build with one pulls in no other's driver.
fn assert_backend_alone(package: &str, feature: &str, has: &str, lacks: &[&str]) {
    let crates = normal_dependencies(package, Some(&[feature]));
    assert!(crates.iter().any(|c| c == has), "{package}: {crates:?}");
    for driver in lacks {
        assert!(
            !crates.iter().any(|c| c == driver),
            "{package} with `{feature}` alone depends on {driver}"
        );
    }
}

/// A SQLite-only core (the default) builds without the MongoDB driver, and so do the
/// binaries.
#[test]
fn a_sqlite_only_build_has_no_mongodb_driver() {
    for package in ["vulyk-core", "vulyk-server", "vulyk-tui"] {
        assert_backend_alone(package, "sqlite", "rusqlite", &["mongodb", "bson"]);
    }
}

/// What `cargo install` builds has the embedded store, and no MongoDB driver.
#[test]
fn a_default_build_is_sqlite_only() {
    for package in ["vulyk-core", "vulyk-server", "vulyk-tui"] {
        let crates = normal_dependencies(package, None);
        assert!(
            crates.iter().any(|c| c == "rusqlite"),
            "{package}: {crates:?}"
        );
        assert!(
            !crates.iter().any(|c| c == "mongodb"),
            "{package}: {crates:?}"
        );
    }
}

/// A MongoDB-only build compiles no SQLite.
#[test]
fn a_mongodb_only_build_has_no_sqlite() {
    for package in ["vulyk-core", "vulyk-server", "vulyk-tui"] {
        assert_backend_alone(
            package,
            "mongodb",
            "mongodb",
            &["rusqlite", "libsqlite3-sys"],
        );
    }
}

/// Non-test Rust sources under `dir`, with their text up to their test module.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                out.push((path, module_graph::without_tests(&text).to_string()));
            }
        }
    }
    out
}

fn is_test_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name == "tests.rs" || name.ends_with("_tests.rs")
}

/// Invariant 2: only a backend's own modules name its driver.
#[test]
fn only_backend_modules_name_a_driver() {
    let store = workspace_root().join("vulyk-core/src");
    for (path, text) in sources(&store) {
        let relative = path.strip_prefix(&store).expect("inside");
        let in_sqlite = relative.starts_with("store/sqlite");
        let in_mongo = relative.starts_with("store/mongo");
        if !in_sqlite {
            assert!(
                !text.contains("rusqlite::"),
                "{} names the SQLite driver",
                relative.display()
            );
        }
        if !in_mongo {
            assert!(
                !text.contains("mongodb::") && !text.contains("bson::"),
                "{} names the MongoDB driver",
                relative.display()
            );
        }
    }
}

/// Unsafe code is denied in the whole workspace (Cargo.toml) but for one call, allowed where
/// it stands: glibc's allocator setting for copies. A second `allow` is a decision to make
/// here, not in passing.
#[test]
fn unsafe_code_is_allowed_in_one_place() {
    let root = workspace_root();
    let mut allowed = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("folder") {
            let path = entry.expect("entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if !name.starts_with('.') && name != "target" && name != "node_modules" {
                    stack.push(path);
                }
            } else if name.ends_with(".rs")
                && std::fs::read_to_string(&path)
                    .is_ok_and(|text| text.contains(&format!("allow({})", "unsafe_code")))
            {
                let relative = path.strip_prefix(&root).expect("inside");
                allowed.push(relative.display().to_string());
            }
        }
    }
    assert_eq!(allowed, ["vulyk-tui/src/memory.rs"]);
}

/// Invariant 9: stores never read the clock; the services pass the time in.
#[test]
fn stores_never_read_the_clock() {
    let store = workspace_root().join("vulyk-core/src/store");
    for (path, text) in sources(&store) {
        if is_test_file(&path) {
            continue;
        }
        for clock in ["Utc::now", "Local::now", "DateTime::now", "SystemTime::now"] {
            assert!(
                !text.contains(clock),
                "{} reads the clock ({clock})",
                path.display()
            );
        }
    }
}

/// No module reaches, through others, back into itself: within each parent, the modules
/// beside each other form no circle of imports (a module and its own submodules may use
/// each other).
#[test]
fn no_import_circles() {
    let mut circles = Vec::new();
    for krate in ["vulyk-core", "vulyk-server", "vulyk-tui"] {
        let root = workspace_root().join(krate).join("src");
        let graph = module_graph::ModuleGraph::read(&root);
        for circle in graph.circles() {
            circles.push(format!("{krate}: {}", circle.join(" → ")));
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

/// The check above finds a circle when there is one.
#[test]
fn a_circle_is_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path();
    std::fs::write(src.join("lib.rs"), "mod a;\nmod b;\nmod c;\n").unwrap();
    std::fs::write(src.join("a.rs"), "use crate::b::B;\npub struct A;\n").unwrap();
    std::fs::write(src.join("b.rs"), "use super::c::{C};\npub struct B;\n").unwrap();
    std::fs::write(
        src.join("c.rs"),
        "pub struct C;\nfn f() { let _ = crate::a::A; }\n#[cfg(test)]\nmod tests { use crate::b::B; }\n",
    )
    .unwrap();
    let circles = module_graph::ModuleGraph::read(src).circles();
    assert_eq!(circles, [vec!["a", "b", "c"]]);
    // Without the arrow back, no circle; the test module's arrow does not count.
    std::fs::write(
        src.join("c.rs"),
        "pub struct C;\n#[cfg(test)]\nmod tests { use crate::a::A; }\n",
    )
    .unwrap();
    assert!(module_graph::ModuleGraph::read(src).circles().is_empty());
    // Through a re-export, the arrow goes to where the item is defined.
    std::fs::write(src.join("c.rs"), "pub struct C;\nuse crate::A2;\n").unwrap();
    std::fs::write(
        src.join("a.rs"),
        "use crate::b::B;\npub struct A;\npub struct A2;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("lib.rs"),
        "mod a;\nmod b;\nmod c;\npub use a::A2;\n",
    )
    .unwrap();
    let circles = module_graph::ModuleGraph::read(src).circles();
    assert_eq!(circles, [vec!["a", "b", "c"]]);
}
