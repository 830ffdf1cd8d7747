//! The `vulyk-server` binary end to end: the README's demo command starts a complete site,
//! a volunteer signs in and works, the operator's console reads the same store meanwhile,
//! SIGTERM stops the server cleanly, and starting the demo again changes nothing.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::Env;
use vulyk_testkit::csrf_of;

on_both_backends!(the_demo_serves_a_volunteer_while_the_console_reads_the_store);

/// Starts `vulyk-server --demo` on a free port, its log (at the default level) going to
/// `server.log` in the scratch folder; returns the child and its base URL.
fn start_demo(env: &Env) -> (Child, String) {
    let log = std::fs::File::create(env.dir.path().join("server.log")).expect("log file");
    let mut child = Command::new(common::server_bin())
        .args(["--demo", "--listen", "127.0.0.1:0", "--db", &env.db])
        .current_dir(env.dir.path())
        .env_remove("VULYK_DB")
        .env_remove("VULYK_CONFIG")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("start vulyk-server");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("read");
    let base = first
        .strip_prefix("Vulyk is up at ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .trim_end_matches('/')
        .to_string();
    let rest: Vec<String> = lines.by_ref().take(3).map(|l| l.expect("read")).collect();
    assert!(
        rest[0].contains("volunteer@example.org") && rest[0].contains("volunteer-demo"),
        "{rest:?}"
    );
    assert!(rest[1].contains("admin@example.org"), "{rest:?}");
    (child, base)
}

fn terminate(child: &mut Child) {
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

async fn volunteer_works(base: &str) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let form = client
        .get(format!("{base}/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let signed_in = client
        .post(format!("{base}/signin"))
        .form(&[
            ("login", "volunteer@example.org"),
            ("password", "volunteer-demo"),
            ("csrf", &csrf_of(&form)),
        ])
        .send()
        .await
        .unwrap();
    let index = signed_in.text().await.unwrap();
    assert!(index.contains("/type/tagging_task/"), "{index}");
    let token = csrf_of(&index);
    let next: serde_json::Value = client
        .get(format!("{base}/type/tagging_task/next"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = next["result"]["task"]["id"]
        .as_str()
        .expect("a task")
        .to_string();
    let done = client
        .post(format!("{base}/type/tagging_task/done/{id}"))
        .header("x-csrf-token", token)
        .form(&[("result", "{\"sentence\": []}")])
        .send()
        .await
        .unwrap();
    assert!(done.status().is_success(), "{}", done.text().await.unwrap());
}

fn batches(env: &Env) -> Vec<(String, u64)> {
    let list = env.run(&["batch", "list", "--json"]).ok().json();
    list.as_array()
        .expect("array")
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_string(),
                b["tasks"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn the_demo_serves_a_volunteer_while_the_console_reads_the_store(env: &Env) {
    let (mut server, base) = start_demo(env);
    common::block_on(volunteer_works(&base));
    // The console on the same store, while the server holds it open.
    let stats = env
        .run(&["stats", "leaders", "tagging_task", "--json"])
        .ok()
        .json();
    assert_eq!(stats[0]["answers"], 1, "{stats}");
    let before = batches(env);
    assert_eq!(before.len(), 2, "{before:?}");
    terminate(&mut server);
    // A line per request at the default level, and plain text in a file.
    let log = std::fs::read_to_string(env.dir.path().join("server.log")).expect("log");
    assert!(
        log.lines()
            .any(|l| l.contains(r#"route="/type/{task_type}/next""#) && l.contains("status=200")),
        "{log}"
    );
    assert!(!log.contains('\x1b'), "colour codes in a log file:\n{log}");

    let (mut again, _) = start_demo(env);
    terminate(&mut again);
    assert_eq!(
        batches(env),
        before,
        "a second demo start changed the store"
    );
    assert!(Path::new(&env.dir.path()).is_dir());
}
