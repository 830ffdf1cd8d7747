//! Faults: the MongoDB server is killed and restarted in the middle of a load. Whatever the
//! interrupted `vulyk db load` managed, running it again ends with every task stored once and
//! the batch counting exactly them — nothing duplicated, lost or half-counted.
//!
//! The test starts a server of its own (SecantusDB on a folder, so that its data outlives the
//! restart): `VULYK_TEST_SECANTUSD` names the server program (`scripts/mongo-test-server start`
//! exports it). It is ignored unless asked for, like every test that needs the test server,
//! and fails without the program when asked for.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{block_on, fixture, numbered_lines, vulyk_bin};
use mongodb::bson::doc;

const TASKS: u32 = 20_000;

struct Server {
    program: PathBuf,
    port: u16,
    data: PathBuf,
    log: PathBuf,
    child: Option<Child>,
}

impl Server {
    fn start(program: PathBuf, dir: &Path) -> Server {
        let port = vulyk_testkit::free_port();
        let data = dir.join("data");
        std::fs::create_dir_all(&data).expect("data dir");
        let mut server = Server {
            program,
            port,
            data,
            log: dir.join("server.log"),
            child: None,
        };
        server.launch();
        server
    }

    fn url(&self, database: &str) -> String {
        format!("mongodb://127.0.0.1:{}/{database}", self.port)
    }

    fn launch(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("server log");
        let child = Command::new(&self.program)
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &self.port.to_string(),
                "--standalone",
            ])
            .arg("--storage-path")
            .arg(&self.data)
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("start the test server");
        self.child = Some(child);
        let url = format!("{}?serverSelectionTimeoutMS=500", self.url("admin"));
        let deadline = Instant::now() + Duration::from_secs(60);
        block_on(async {
            loop {
                let client = mongodb::Client::with_uri_str(&url).await.expect("client");
                if client
                    .database("admin")
                    .run_command(doc! { "ping": 1 })
                    .await
                    .is_ok()
                {
                    return;
                }
                assert!(
                    Instant::now() < deadline,
                    "the test server never answered: {}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
    }

    /// `kill -9`: no chance to flush anything.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn load(db: &str, input: &Path) -> Command {
    let mut command = Command::new(vulyk_bin());
    command
        .args(["--db", db, "--plugins", &fixture("plugins")])
        .args(["db", "load", "tagging_task", "--json"])
        .arg(input)
        .env_remove("VULYK_DB")
        .env_remove("VULYK_PLUGINS")
        .env_remove("VULYK_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

async fn stored(url: &str) -> (u64, Option<mongodb::bson::Document>) {
    let client = mongodb::Client::with_uri_str(url).await.expect("client");
    let db = client.default_database().expect("database");
    let tasks = db
        .collection::<mongodb::bson::Document>("tasks")
        .count_documents(doc! { "batch": "default" })
        .await
        .unwrap_or(0);
    let batch = db
        .collection::<mongodb::bson::Document>("batches")
        .find_one(doc! { "_id": "default" })
        .await
        .ok()
        .flatten();
    (tasks, batch)
}

#[test]
#[ignore = "needs the MongoDB test server"]
fn a_server_restarted_during_a_load_loses_and_doubles_nothing() {
    // Ignored unless asked for, so a run that asks for it without the program fails.
    let program = vulyk_testkit::mongo_server_program();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::start(program, dir.path());
    let db = server.url("restart");
    let input = dir.path().join("tasks.jsonl");
    std::fs::write(&input, numbered_lines(0..TASKS)).expect("input");

    let mut first = load(&db, &input).spawn().expect("spawn vulyk");
    // Kill the server once part of the load is in.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (tasks, _) = block_on(stored(&db));
        if tasks >= 2_000 || first.try_wait().expect("wait").is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "the load never got going");
        std::thread::sleep(Duration::from_millis(50));
    }
    server.kill();
    std::thread::sleep(Duration::from_millis(500));
    server.launch();
    // The interrupted load ends one way or another (the driver may even carry on).
    let interrupted = first.wait_with_output().expect("first load");
    eprintln!(
        "interrupted load: {} {}",
        interrupted.status,
        String::from_utf8_lossy(&interrupted.stderr)
    );

    let again = load(&db, &input).output().expect("second load");
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&again.stdout).expect("summary");
    assert_eq!(summary["batch_tasks"], TASKS, "{summary}");
    assert_eq!(summary["batch_status"], "open", "{summary}");
    let (tasks, batch) = block_on(stored(&db));
    assert_eq!(tasks, u64::from(TASKS));
    let batch = batch.expect("batch");
    assert!(
        !batch.get_bool("loading").unwrap_or(false),
        "the batch is complete"
    );
    let counted = batch
        .get_i64("tasksCount")
        .map(|n| n as u64)
        .or_else(|_| batch.get_i32("tasksCount").map(|n| n as u64))
        .expect("tasksCount");
    assert_eq!(
        counted,
        u64::from(TASKS),
        "the batch counts exactly its tasks"
    );
}
