//! Running `vulyk-server` processes for the tests that need the real binary on loopback.

use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use vulyk_testkit::csrf_of;

use super::Env;

/// A running `vulyk-server`, killed if the test ends (or fails) before stopping it.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

pub fn terminate(server: &mut Server) {
    let child = &mut server.0;
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    for _ in 0..100 {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "vulyk-server exited with {status}");
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().ok();
    panic!("vulyk-server did not stop within 10 s of SIGTERM");
}

/// Starts `vulyk-server` on the env's store and the fixtures' plugins, with `secret` as its
/// key (servers behind one balancer share it); returns the child and its base URL.
pub fn start_server(env: &Env, secret: &str, log: &str) -> (Server, String) {
    let mut command = Command::new(super::server_bin());
    command
        .args(["--listen", "127.0.0.1:0", "--db", &env.db])
        .args(["--plugins", &super::fixture("plugins")])
        .env("VULYK_SECRET_KEY", secret);
    let (server, base, _) = spawn(env, command, log);
    (server, base)
}

/// Runs a `vulyk-server` command line in the scratch folder, with no `VULYK_DB` or
/// `VULYK_CONFIG` from outside and its log in `log` there, until it says it is up: the
/// server (killed if the test fails), its base URL, and the rest of what it prints.
pub fn spawn(
    env: &Env,
    mut command: Command,
    log: &str,
) -> (Server, String, Lines<BufReader<ChildStdout>>) {
    let log_path = env.dir.path().join(log);
    let log = std::fs::File::create(&log_path).expect("log file");
    let child = command
        .current_dir(env.dir.path())
        .env_remove("VULYK_DB")
        .env_remove("VULYK_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("start vulyk-server");
    let mut server = Server(child);
    let stdout = server.0.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let Some(Ok(first)) = lines.next() else {
        let said = std::fs::read_to_string(&log_path).unwrap_or_default();
        panic!("vulyk-server did not start:\n{said}");
    };
    let base = first
        .strip_prefix("Vulyk is up at ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .trim_end_matches('/')
        .to_string();
    (server, base, lines)
}

/// A volunteer signed in on `bases[0]` works until no task is left, each request going to
/// the next server in turn; returns the ids of the tasks they answered.
pub async fn work_across(bases: &[String], name: &str) -> Vec<String> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let form = client
        .get(format!("{}/signin", bases[0]))
        .send()
        .await
        .unwrap();
    let form = form.text().await.unwrap();
    let signed_in = loop {
        let signed_in = client
            .post(format!("{}/signin", bases[0]))
            .form(&[
                ("login", name),
                ("password", "racing volunteer"),
                ("csrf", &csrf_of(&form)),
            ])
            .send()
            .await
            .unwrap();
        if signed_in.status() != reqwest::StatusCode::SERVICE_UNAVAILABLE {
            break signed_in;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let index = signed_in.text().await.unwrap();
    let token = csrf_of(&index);
    let mut answered = Vec::new();
    for turn in 0.. {
        let base = &bases[turn % bases.len()];
        let next = client
            .get(format!("{base}/type/tagging_task/next"))
            .send()
            .await
            .unwrap();
        // A MongoDB store paused for a backup longer than the site waits: try again.
        if next.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE {
            tokio::time::sleep(Duration::from_millis(250)).await;
            continue;
        }
        let next: serde_json::Value = next.json().await.unwrap();
        let Some(id) = next["result"]["task"]["id"].as_str() else {
            break;
        };
        let done = client
            .post(format!("{base}/type/tagging_task/done/{id}"))
            .header("x-csrf-token", &token)
            .form(&[("result", format!("{{\"tag\": \"{name}\"}}"))])
            .send()
            .await
            .unwrap();
        // Another volunteer may have filled the last slot since the hand-out: a refusal.
        if done.status().is_success() {
            answered.push(id.to_string());
        }
    }
    answered
}

/// Volunteers `names`, each with the password [`work_across`] signs in with.
pub fn add_racers(env: &Env, names: &[String]) {
    for name in names {
        env.run(&[
            "user",
            "add",
            name,
            "--email",
            &format!("{name}@example.org"),
        ])
        .ok();
        env.run_with_stdin(
            &["user", "passwd", name, "--password-stdin"],
            b"racing volunteer",
        )
        .ok();
    }
}
