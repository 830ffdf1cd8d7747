//! Where the workspace's things are: its root, the fixtures, a scratch database.

use std::path::{Path, PathBuf};

/// The workspace's root folder (this crate sits in it).
pub fn workspace_root() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .parent()
        .map_or_else(|| crate_dir.to_path_buf(), Path::to_path_buf)
}

/// The workspace's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    workspace_root().join("fixtures")
}

/// A new scratch folder and the URL (`--db`) of a SQLite database in it, which whoever opens
/// it first creates; the folder and the database go when the folder is dropped.
pub fn scratch_sqlite() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("vulyk.db").to_string_lossy().into_owned();
    (dir, db)
}
