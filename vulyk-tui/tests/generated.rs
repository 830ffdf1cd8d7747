//! The committed completions and man pages must match the clap definition.
//! Regenerate with: VULYK_REGENERATE=1 cargo test -p vulyk-tui --test generated

use std::collections::BTreeSet;

use vulyk_testkit::workspace_root;

fn committed(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(workspace_root().join(dir))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn completions_and_man_pages_are_fresh() {
    let files = vulyk_tui::generated::files();
    let root = workspace_root();
    if std::env::var_os("VULYK_REGENERATE").is_some() {
        for dir in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root.join(dir));
            std::fs::create_dir_all(root.join(dir)).expect("create dir");
        }
        for (path, contents) in &files {
            std::fs::write(root.join(path), contents).expect("write generated file");
        }
        return;
    }
    let mut stale = Vec::new();
    for (path, contents) in &files {
        if std::fs::read(root.join(path)).ok().as_deref() != Some(contents.as_slice()) {
            stale.push(path.clone());
        }
    }
    let expected: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let mut present = committed("completions");
    present.extend(committed("man"));
    stale.extend(
        present
            .difference(&expected)
            .map(|p| format!("{p} (no longer generated)")),
    );
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nregenerate with: VULYK_REGENERATE=1 cargo test -p vulyk-tui --test generated"
    );
    assert!(expected.contains("man/vulyk-db-load.1"), "{expected:?}");
    assert!(expected.contains("completions/vulyk.bash"), "{expected:?}");
}
