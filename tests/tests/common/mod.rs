//! Runs the real binaries against a fresh database in a scratch folder. What other test
//! crates need too (the test server, the fixtures, the runtime) is in `vulyk-testkit`.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub mod receiver;
pub mod server;

pub use vulyk_testkit::block_on;

/// A fixture's path, as an argument.
pub fn fixture(relative: &str) -> String {
    vulyk_testkit::fixtures()
        .join(relative)
        .to_string_lossy()
        .into_owned()
}

/// The `vulyk` binary that `cargo test --workspace` builds next to this test.
pub fn vulyk_bin() -> PathBuf {
    workspace_binary("vulyk")
}

/// The `vulyk-server` binary, beside `vulyk`.
pub fn server_bin() -> PathBuf {
    workspace_binary("vulyk-server")
}

fn workspace_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: run the tests with `cargo test --workspace`",
        bin.display()
    );
    bin
}

/// A scratch folder with its own database, plugins from `fixtures/plugins`.
pub struct Env {
    pub dir: tempfile::TempDir,
    /// The `--db` URL: a SQLite file in `dir`, or a fresh MongoDB database.
    pub db: String,
    pub backend: Backend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Mongo,
}

/// Generates, for each named `fn(&Env)`, one test per backend: `sqlite::name`, `mongo::name`.
/// The MongoDB tests are ignored unless asked for (`--include-ignored`; they need the test
/// server, `VULYK_TEST_MONGO_URL`), and so are both when the tests need more (`needs "tmux":`).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name(&$crate::common::Env::new()); } )*
        }
        mod mongo {
            $(
                #[test]
                #[ignore = "needs the MongoDB test server"]
                fn $name() { super::$name(&$crate::common::Env::mongo()); }
            )*
        }
    };
    (needs $what:literal: $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                #[ignore = concat!("needs ", $what)]
                fn $name() { super::$name(&$crate::common::Env::new()); }
            )*
        }
        mod mongo {
            $(
                #[test]
                #[ignore = concat!("needs ", $what, " and the MongoDB test server")]
                fn $name() { super::$name(&$crate::common::Env::mongo()); }
            )*
        }
    };
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn fails_with(self, code: i32, message: &str) -> Run {
        assert_eq!(
            self.code, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(
            self.stderr.contains(message),
            "expected {message:?} in stderr:\n{}",
            self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

impl Env {
    pub fn new() -> Env {
        let (dir, db) = vulyk_testkit::scratch_sqlite();
        Env {
            dir,
            db,
            backend: Backend::Sqlite,
        }
    }

    /// A fresh database on the test MongoDB server. The tests that use it are ignored unless
    /// asked for, so a test that asks without a server fails.
    pub fn mongo() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
            db: vulyk_testkit::mongo_database("vulyk_e2e"),
            backend: Backend::Mongo,
        }
    }

    /// Tasks stored in a batch, asked of the store itself (not through `vulyk`).
    pub fn count_tasks_in_batch(&self, batch: &str) -> u64 {
        block_on(async {
            let store = vulyk_core::store::open(&self.db).await.expect("open store");
            store.count_tasks_in_batch(batch).await.expect("count")
        })
    }

    /// A stored task's batch, asked of the store itself.
    pub fn batch_of_task(&self, id: &str) -> Option<String> {
        block_on(async {
            let store = vulyk_core::store::open(&self.db).await.expect("open store");
            let task = store
                .task(&vulyk_core::domain::TaskId::from_stored(id.to_string()))
                .await
                .expect("task");
            task.and_then(|t| t.batch)
        })
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write scratch file");
        path
    }

    /// The command with this environment's database and the fixture plugins, run in the
    /// scratch folder with no `VULYK_*` variables from outside.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(vulyk_bin());
        command
            .args(["--db", &self.db, "--plugins", &fixture("plugins")])
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("VULYK_DB")
            .env_remove("VULYK_PLUGINS")
            .env_remove("VULYK_CONFIG")
            .stdin(Stdio::null());
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run vulyk"))
    }

    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn vulyk");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
        Run::from(child.wait_with_output().expect("wait for vulyk"))
    }

    /// `vulyk batch list --json`, as a map from batch id to its JSON.
    pub fn batches(&self) -> serde_json::Map<String, serde_json::Value> {
        let list = self.run(&["batch", "list", "--json"]).ok().json();
        list.as_array()
            .expect("array")
            .iter()
            .map(|b| (b["id"].as_str().expect("id").to_string(), b.clone()))
            .collect()
    }

    /// Sets up the default group for both fixture types.
    pub fn init(&self) {
        self.run(&["init", "tagging_task", "declaration_task"]).ok();
    }
}

/// JSON lines `{"n": i, "text": "…"}` for `range`, about 100 bytes each.
pub fn numbered_lines(range: std::ops::Range<u32>) -> String {
    range
        .map(|n| format!("{{\"n\": {n}, \"text\": \"речення номер {n} для розмітки\"}}\n"))
        .collect()
}

/// Each of `volunteers` (created here) takes and answers up to `answers` tasks of the type
/// through the core services, as the site would have them; the answer names the volunteer.
pub fn volunteers_answer(env: &Env, task_type: &str, volunteers: &[&str], answers: usize) {
    for name in volunteers {
        volunteer_answers_with(
            env,
            task_type,
            name,
            answers,
            |_| serde_json::json!({"tag": name, "name": name}),
        );
    }
}

/// A new volunteer answers up to `answers` tasks, each with what `answer` makes of its data.
pub fn volunteer_answers_with(
    env: &Env,
    task_type: &str,
    name: &str,
    answers: usize,
    answer: impl Fn(&serde_json::Value) -> serde_json::Value,
) {
    volunteer_answers_at(env, None, task_type, name, answers, answer);
}

/// As [`volunteer_answers_with`], the answers given at `at` (`None`: now).
pub fn volunteer_answers_at(
    env: &Env,
    at: Option<chrono::DateTime<chrono::Utc>>,
    task_type: &str,
    name: &str,
    answers: usize,
    answer: impl Fn(&serde_json::Value) -> serde_json::Value,
) {
    block_on(async {
        let (vulyk, user) = new_volunteer_at(env, at, name).await;
        for _ in 0..answers {
            let Some(task) = vulyk.next_task(&user, task_type).await.expect("next") else {
                break;
            };
            vulyk
                .answer(&user, task_type, &task.id, &answer(&task.data))
                .await
                .expect("answer");
        }
    });
}

/// A new volunteer is handed a task of `task_type` at `at` and leaves it: their lease runs
/// out a lease's length later.
pub fn volunteer_walks_away_at(
    env: &Env,
    at: chrono::DateTime<chrono::Utc>,
    task_type: &str,
    name: &str,
) {
    block_on(async {
        let (vulyk, user) = new_volunteer_at(env, Some(at), name).await;
        let task = vulyk.next_task(&user, task_type).await.expect("next");
        assert!(task.is_some(), "no task of {task_type} to walk away from");
    });
}

/// The services on the env's store with the clock at `at` (`None`: now), and a new volunteer.
async fn new_volunteer_at(
    env: &Env,
    at: Option<chrono::DateTime<chrono::Utc>>,
    name: &str,
) -> (vulyk_core::service::Vulyk, vulyk_core::domain::User) {
    let store = vulyk_core::store::open(&env.db).await.expect("store");
    let plugins =
        vulyk_core::plugins::PluginRegistry::load(Path::new(&fixture("plugins"))).expect("plugins");
    let mut vulyk = vulyk_core::service::Vulyk::new(store, std::sync::Arc::new(plugins));
    if let Some(at) = at {
        let clock = vulyk_core::service::ManualClock::new(at);
        vulyk = vulyk.with_clock(std::sync::Arc::new(clock));
    }
    let user = vulyk
        .add_user(name, &format!("{name}@example.org"), "", false)
        .await
        .expect("user");
    (vulyk, user)
}
