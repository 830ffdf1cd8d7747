use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::plugins::PluginRegistry;
use crate::service::Vulyk;
use crate::store::{SqliteStore, Store};

/// A fresh, empty store with two plugins (`fake_task`, `gamified_task`) and a scratch folder.
pub(crate) struct Fixture {
    pub store: Arc<dyn Store>,
    pub vulyk: Vulyk,
    dir: tempfile::TempDir,
}

impl Fixture {
    pub async fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("test.db"))
            .await
            .expect("open SQLite");
        Fixture::with_store(Arc::new(store), dir)
    }

    /// Drops the store and opens it again, as a new process would (a killed load's
    /// connections and uncommitted work are gone).
    pub async fn reopen(&mut self) {
        let store: Arc<dyn Store> = match self.store.backend() {
            "sqlite" => Arc::new(
                SqliteStore::open(&self.dir.path().join("test.db"))
                    .await
                    .expect("reopen SQLite"),
            ),
            other => panic!("no reopen for {other}"),
        };
        *self = Fixture::with_store(
            store,
            std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir")),
        );
    }

    fn with_store(store: Arc<dyn Store>, dir: tempfile::TempDir) -> Fixture {
        let plugins = dir.path().join("plugins");
        write_plugin(&plugins, "fake_task", "");
        write_plugin(
            &plugins,
            "gamified_task",
            "gamified = true\n[meta]\nfoo = \"bar\"\nint = 1\nfloat = 0.1\nbool1 = false\nbool2 = true\n",
        );
        let registry = PluginRegistry::load(&plugins).expect("fixture plugins");
        let vulyk = Vulyk::new(Arc::clone(&store), Arc::new(registry));
        Fixture { store, vulyk, dir }
    }

    /// Writes a scratch file and returns its path as a load argument.
    pub fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write scratch file");
        path.to_string_lossy().into_owned()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn write_plugin(root: &Path, type_name: &str, extra: &str) {
    let dir = root.join(type_name);
    std::fs::create_dir_all(dir.join("templates")).expect("plugin dir");
    std::fs::write(dir.join("templates/task.html"), "<div></div>").expect("template");
    std::fs::write(
        dir.join("plugin.toml"),
        format!("type = \"{type_name}\"\nname = \"Fake name\"\ntemplate = \"templates/task.html\"\n{extra}"),
    )
    .expect("manifest");
}
