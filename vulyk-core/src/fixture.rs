//! A fresh, empty store with the services over it, three plugins and a scratch folder: what
//! every test of the stores starts from. This crate's own tests use it, and so, through the
//! `test-support` feature, does the conformance suite in `vulyk-testkit` (which cannot hold
//! it: this crate's unit tests would then see a second copy of every type). Failures panic:
//! it exists for tests.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::plugins::PluginRegistry;
use crate::service::{HashingPool, ManualClock, Vulyk};
#[cfg(feature = "mongodb")]
use crate::store::MongoStore;
#[cfg(feature = "sqlite")]
use crate::store::SqliteStore;
use crate::store::Store;

/// A fresh, empty store with four plugins (`fake_task`, `gamified_task`, `agree_task`, which
/// closes a task once two answers agree, and `gold_task`, whose label is `/tag` and whose
/// volunteers get only gold tasks, while there are any, until they have given two answers,
/// then none, and are excluded below half right after two) and a scratch folder.
#[derive(Debug)]
pub struct Fixture {
    pub store: Arc<dyn Store>,
    pub vulyk: Vulyk,
    /// The services' clock: it moves only when a case moves it.
    pub clock: Arc<ManualClock>,
    dir: tempfile::TempDir,
    /// The database URL, for reopening a MongoDB store.
    mongo_url: Option<String>,
}

impl Fixture {
    #[cfg(feature = "sqlite")]
    pub async fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("test.db"))
            .await
            .expect("open SQLite");
        Fixture::with_store(Arc::new(store), dir)
    }

    /// A store on the MongoDB database at `database_url`, which no other test may use
    /// (`vulyk_testkit::fresh_database` names one).
    #[cfg(feature = "mongodb")]
    pub async fn mongo(database_url: &str) -> Fixture {
        let store = MongoStore::open(database_url).await.expect("open MongoDB");
        let mut fixture =
            Fixture::with_store(Arc::new(store), tempfile::tempdir().expect("temp dir"));
        fixture.mongo_url = Some(database_url.to_string());
        fixture
    }

    /// The store's address, as `vulyk --db` takes it.
    pub fn url(&self) -> String {
        self.mongo_url
            .clone()
            .unwrap_or_else(|| self.path("test.db").display().to_string())
    }

    /// The database URL of a MongoDB fixture.
    #[cfg(feature = "mongodb")]
    pub fn mongo_url(&self) -> Option<&str> {
        self.mongo_url.as_deref()
    }

    /// Drops the store and opens it again, as a new process would (a killed load's
    /// connections and uncommitted work are gone).
    pub async fn reopen(&mut self) {
        let store: Arc<dyn Store> = match self.store.backend() {
            #[cfg(feature = "sqlite")]
            "sqlite" => Arc::new(
                SqliteStore::open(&self.dir.path().join("test.db"))
                    .await
                    .expect("reopen SQLite"),
            ),
            #[cfg(feature = "mongodb")]
            _ => {
                let url = self.mongo_url.clone().expect("MongoDB fixture URL");
                Arc::new(MongoStore::open(&url).await.expect("reopen MongoDB"))
            }
            #[cfg(not(feature = "mongodb"))]
            other => unreachable!("a {other} fixture in a build without its backend"),
        };
        let mongo_url = self.mongo_url.take();
        let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir"));
        *self = Fixture::with_store(store, dir);
        self.mongo_url = mongo_url;
    }

    /// The fixture around a store made elsewhere (tuned, say), its scratch folder `dir`.
    pub fn with_store(store: Arc<dyn Store>, dir: tempfile::TempDir) -> Fixture {
        let plugins = dir.path().join("plugins");
        write_plugin(&plugins, "fake_task", "");
        write_plugin(
            &plugins,
            "gamified_task",
            "gamified = true\n[meta]\nfoo = \"bar\"\nint = 1\nfloat = 0.1\nbool1 = false\nbool2 = true\n",
        );
        write_plugin(&plugins, "agree_task", "close_on_agreement = 2\n");
        write_plugin(
            &plugins,
            "gold_task",
            "redundancy = 2\n[consensus]\nlabel = \"/tag\"\n[quality]\ngold_share_new = 1.0\ngold_warmup = 2\ngold_share = 0.0\ngold_feedback = true\nmin_accuracy = 0.5\nmin_gold = 2\n",
        );
        let registry = PluginRegistry::load(&plugins).expect("fixture plugins");
        let clock = Arc::new(ManualClock::new(start_of_time()));
        // Tests race many password checks on a debug build: a turn may be long in coming.
        let hashing = HashingPool::new(2, std::time::Duration::from_secs(300));
        let vulyk = Vulyk::new(Arc::clone(&store), Arc::new(registry))
            .with_clock(clock.clone())
            .with_hashing(hashing);
        Fixture {
            store,
            vulyk,
            clock,
            dir,
            mongo_url: None,
        }
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

/// Where fixture clocks start: a fixed, recent moment (whole seconds, as stores keep millis).
fn start_of_time() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default()
}
