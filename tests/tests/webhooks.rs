//! Webhooks end to end: `vulyk-server` tells a receiver on loopback of answers, closed tasks
//! and a finished batch, signed, trying again after failures; a delivery cut short by a
//! killed server is made after a restart, with the same event id; `vulyk webhooks` lists
//! the deliveries and sends a test event.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::Env;
use common::receiver::{Behaviour, Receiver, signature};
use common::server::{Server, add_racers, start_server, work_across};

on_both_backends!(
    answers_closed_tasks_and_a_finished_batch_are_delivered_signed,
    a_delivery_cut_short_by_a_killed_server_is_made_after_a_restart,
);

const SECRET: &str = "the receiver's shared secret";
const TASKS: u32 = 2;
const REDUNDANCY: usize = 3;

/// A `vulyk.toml` in the scratch folder (both binaries read it there) with one webhook.
fn configure(env: &Env, receiver: &Receiver, extra: &str) {
    env.write(
        "vulyk.toml",
        format!(
            "[[webhooks]]\nname = \"receiver\"\nurl = \"{}\"\n\
             events = [\"answer.created\", \"task.closed\", \"batch.finished\"]\n\
             secret = \"{SECRET}\"\nretry_after_seconds = 1\n{extra}",
            receiver.url
        )
        .as_bytes(),
    );
}

fn answers_closed_tasks_and_a_finished_batch_are_delivered_signed(env: &Env) {
    let receiver = Receiver::start(Behaviour::FailFirst(2));
    configure(env, &receiver, "max_attempts = 5\n");
    env.init();
    let tasks = env.write("tasks.jsonl", common::numbered_lines(0..TASKS).as_bytes());
    env.run(&["db", "load", "tagging_task", &tasks]).ok();
    let names: Vec<String> = (0..REDUNDANCY).map(|n| format!("racer{n}")).collect();
    add_racers(env, &names);
    let (_server, base): (Server, String) =
        start_server(env, "the site's key, long enough", "server.log");
    common::block_on(async {
        for name in &names {
            work_across(std::slice::from_ref(&base), name).await;
        }
    });
    // Every answer, both tasks and the batch: each event at least once.
    let events = TASKS as usize * REDUNDANCY + TASKS as usize + 1;
    // The two refused requests are tried again: as many requests as events, plus two.
    let seen = receiver.wait_for(Duration::from_secs(60), |seen| seen.len() >= events + 2);
    assert_eq!(seen.len(), events + 2, "no delivery made twice: {seen:#?}");
    assert_eq!(distinct_events(&seen).len(), events);
    for received in &seen {
        assert_eq!(received.signature, signature(SECRET, &received.body));
        let body = received.json();
        assert_eq!(body["type"], received.event.as_str());
        assert!(
            body["time"].as_str().is_some_and(|t| t.ends_with('Z')),
            "{body}"
        );
        assert!(!received.delivery.is_empty());
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for (_, kind) in distinct_events(&seen) {
        *kinds.entry(kind).or_default() += 1;
    }
    assert_eq!(
        kinds,
        BTreeMap::from([
            ("answer.created".to_string(), TASKS as usize * REDUNDANCY),
            ("batch.finished".to_string(), 1),
            ("task.closed".to_string(), TASKS as usize),
        ])
    );
    let finished = seen
        .iter()
        .find(|r| r.event == "batch.finished")
        .expect("batch.finished")
        .json();
    assert_eq!(
        finished["payload"],
        serde_json::json!({"batch": "default", "task_type": "tagging_task", "tasks": TASKS})
    );
    let deliveries = wait_until_delivered(env, events);
    assert_eq!(deliveries.len(), events);
    let tries: u64 = deliveries
        .iter()
        .map(|d| d["attempts"].as_u64().unwrap())
        .sum();
    assert_eq!(tries, events as u64 + 2);
    let failed = env
        .run(&["webhooks", "deliveries", "--failed", "--json"])
        .ok();
    assert_eq!(failed.json(), serde_json::json!([]));
    // A test event goes the same way.
    let test = env.run(&["webhooks", "test", "receiver"]).ok();
    assert!(test.stdout.contains(": delivered"), "{}", test.stdout);
    assert!(receiver.seen().iter().any(|r| r.event == "webhook.test"));
    let listed = env.run(&["webhooks", "list", "--json"]).ok().json();
    assert_eq!(listed[0]["name"], "receiver");
    assert!(
        !listed.to_string().contains(SECRET),
        "the secret is never shown"
    );
}

/// (event id, type) of each event received, once.
fn distinct_events(
    seen: &[common::receiver::Received],
) -> std::collections::BTreeSet<(String, String)> {
    seen.iter()
        .map(|r| (r.event_id(), r.event.clone()))
        .collect()
}

fn a_delivery_cut_short_by_a_killed_server_is_made_after_a_restart(env: &Env) {
    let receiver = Receiver::start(Behaviour::HoldFirst);
    configure(env, &receiver, "timeout_seconds = 2\n");
    env.init();
    let (mut server, _) = start_server(env, "the site's key, long enough", "first.log");
    env.run(&["webhooks", "test", "receiver", "--wait", "0"])
        .ok();
    let first = receiver.wait_for(Duration::from_secs(30), |seen| !seen.is_empty());
    // Killed while the receiver holds the request: no word of the try reaches the store.
    server.0.kill().expect("kill -9");
    server.0.wait().expect("wait");
    let (_again, _) = start_server(env, "the site's key, long enough", "second.log");
    let seen = receiver.wait_for(Duration::from_secs(60), |seen| seen.len() >= 2);
    assert_eq!(seen[1].event_id(), first[0].event_id(), "the same event id");
    assert_eq!(seen[1].delivery, first[0].delivery, "the same delivery");
    assert_eq!(seen[1].body, first[0].body);
    let delivered = wait_until_delivered(env, 1);
    assert_eq!(delivered[0]["attempts"], 2);
    assert_eq!(receiver.seen().len(), 2, "delivered once it was answered");
}

/// The deliveries, once all `n` are recorded as delivered (the server records each try
/// after the receiver's answer).
fn wait_until_delivered(env: &Env, n: usize) -> Vec<serde_json::Value> {
    for _ in 0..100 {
        let listed = env.run(&["webhooks", "deliveries", "--json"]).ok().json();
        let listed = listed.as_array().expect("a list").clone();
        if listed.len() == n && listed.iter().all(|d| d["status"] == "delivered") {
            return listed;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("not all {n} recorded as delivered within 10 s");
}

/// Only servers sign: a webhook whose secret variable is not set stops the server from
/// starting, saying which, while the operator's commands work without it.
#[test]
fn only_the_server_needs_the_webhook_secret() {
    let env = Env::new();
    env.write(
        "vulyk.toml",
        b"[[webhooks]]\nname = \"warehouse\"\nurl = \"http://127.0.0.1:9/in\"\n\
          events = [\"task.closed\"]\nsecret_env = \"VULYK_TEST_UNSET_HOOK_SECRET\"\n",
    );
    env.init();
    let listed = env.run(&["webhooks", "list", "--json"]).ok().json();
    assert_eq!(listed[0]["name"], "warehouse");
    let server = std::process::Command::new(common::server_bin())
        .args(["--listen", "127.0.0.1:0", "--db", &env.db])
        .args(["--plugins", &common::fixture("plugins")])
        .current_dir(env.dir.path())
        .env("VULYK_SECRET_KEY", "the site's key, long enough")
        .env_remove("VULYK_TEST_UNSET_HOOK_SECRET")
        .env_remove("VULYK_CONFIG")
        .output()
        .expect("run vulyk-server");
    assert!(!server.status.success());
    assert!(server.stdout.is_empty(), "it never said it was up");
    let said = String::from_utf8_lossy(&server.stderr);
    assert!(
        said.contains("\"warehouse\"") && said.contains("VULYK_TEST_UNSET_HOOK_SECRET"),
        "{said}"
    );
    // A delivery queued, then the webhook renamed: the old name's delivery is shown waiting
    // for a webhook this configuration does not name.
    env.run(&["webhooks", "test", "warehouse", "--wait", "0"])
        .ok();
    let renamed = std::fs::read_to_string(env.path("vulyk.toml"))
        .expect("config")
        .replace("\"warehouse\"", "\"archive\"");
    env.write("vulyk.toml", renamed.as_bytes());
    let listed = env.run(&["webhooks", "list", "--json"]).ok().json();
    assert_eq!(
        (
            &listed[0]["name"],
            &listed[0]["waiting"],
            &listed[0]["configured"]
        ),
        (
            &serde_json::json!("archive"),
            &serde_json::json!(0),
            &serde_json::json!(true)
        )
    );
    assert_eq!(
        (
            &listed[1]["name"],
            &listed[1]["waiting"],
            &listed[1]["configured"]
        ),
        (
            &serde_json::json!("warehouse"),
            &serde_json::json!(1),
            &serde_json::json!(false)
        )
    );
    let text = env.run(&["webhooks", "list"]).ok().stdout;
    assert!(
        text.contains(
            "1 deliveries wait for webhook \"warehouse\", which this configuration does not name"
        ),
        "{text}"
    );
}
