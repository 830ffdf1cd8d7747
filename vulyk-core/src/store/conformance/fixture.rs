use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::plugins::PluginRegistry;
use crate::service::{HashingPool, ManualClock, Vulyk};
#[cfg(feature = "mongodb")]
use crate::store::MongoStore;
use crate::store::{SqliteStore, Store};

/// A fresh, empty store with three plugins (`fake_task`, `gamified_task`, and `agree_task`,
/// which closes a task once two answers agree) and a scratch folder.
pub(crate) struct Fixture {
    pub store: Arc<dyn Store>,
    pub vulyk: Vulyk,
    /// The services' clock: it moves only when a case moves it.
    pub clock: Arc<ManualClock>,
    dir: tempfile::TempDir,
    /// The database URL, for reopening a MongoDB store.
    mongo_url: Option<String>,
}

impl Fixture {
    pub async fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("test.db"))
            .await
            .expect("open SQLite");
        Fixture::with_store(Arc::new(store), dir)
    }

    /// A fresh database on the server at `server_url` (a URL without a database).
    #[cfg(feature = "mongodb")]
    pub async fn mongo(server_url: &str) -> Fixture {
        let (store, url) = fresh_mongo_database(server_url, "vulyk_test").await;
        let mut fixture =
            Fixture::with_store(Arc::new(store), tempfile::tempdir().expect("temp dir"));
        fixture.mongo_url = Some(url);
        fixture
    }

    /// A fresh MongoDB database whose connections name themselves `app`, so that a fail point
    /// scoped to that name (`configureFailPoint` with `appName`) hits this store alone while
    /// other tests share the server.
    #[cfg(feature = "mongodb")]
    pub async fn mongo_as_app(app: &str) -> Fixture {
        let server = vulyk_testkit::mongo_server();
        let separator = if server.contains('?') { '&' } else { '?' };
        Fixture::mongo(&format!("{server}{separator}appName={app}")).await
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
            other => unreachable!("a {other} fixture in a build without MongoDB"),
        };
        let mongo_url = self.mongo_url.take();
        let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir"));
        *self = Fixture::with_store(store, dir);
        self.mongo_url = mongo_url;
    }

    pub(crate) fn with_store(store: Arc<dyn Store>, dir: tempfile::TempDir) -> Fixture {
        let plugins = dir.path().join("plugins");
        write_plugin(&plugins, "fake_task", "");
        write_plugin(
            &plugins,
            "gamified_task",
            "gamified = true\n[meta]\nfoo = \"bar\"\nint = 1\nfloat = 0.1\nbool1 = false\nbool2 = true\n",
        );
        write_plugin(&plugins, "agree_task", "close_on_agreement = 2\n");
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

/// A store on a new database of the server at `server_url`, and that database's URL.
#[cfg(feature = "mongodb")]
async fn fresh_mongo_database(server_url: &str, prefix: &str) -> (MongoStore, String) {
    let url = vulyk_testkit::fresh_database(server_url, prefix);
    let store = MongoStore::open(&url).await.expect("open MongoDB");
    (store, url)
}

/// A store on a new database of the test server, for the MongoDB backend's own tests.
#[cfg(feature = "mongodb")]
pub(crate) async fn fresh_mongo_store(prefix: &str) -> MongoStore {
    fresh_mongo_database(&vulyk_testkit::mongo_server(), prefix)
        .await
        .0
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
pub(crate) fn start_of_time() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default()
}
