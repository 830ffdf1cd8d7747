//! The `vulyk-server` binary end to end: the README's demo command starts a complete site,
//! a volunteer signs in and works, the operator's console reads the same store meanwhile,
//! SIGTERM stops the server cleanly, and starting the demo again changes nothing.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::Env;
use common::receiver::{Behaviour, Receiver};
use common::server::{Server, add_racers, spawn, start_server, terminate, work_across};
use vulyk_testkit::csrf_of;

on_both_backends!(
    the_demo_serves_a_volunteer_while_the_console_reads_the_store,
    metrics_count_what_was_done,
    two_servers_on_one_store_share_the_work_exactly,
);

/// Starts `vulyk-server --demo` on a free port, its log (at the default level) going to
/// `server.log` in the scratch folder; returns the child and its base URL.
fn start_demo(env: &Env) -> (Server, String) {
    let (child, base, _) = start_demo_with(env, &[]);
    (child, base)
}

/// [`start_demo`] with more arguments; also returns the lines printed after the accounts'.
fn start_demo_with(env: &Env, more: &[&str]) -> (Server, String, Vec<String>) {
    let mut command = Command::new(common::server_bin());
    command
        .args(["--demo", "--listen", "127.0.0.1:0", "--db", &env.db])
        .args(more)
        .env_remove("RUST_LOG");
    let (server, base, mut lines) = spawn(env, command, "server.log");
    let rest: Vec<String> = lines.by_ref().take(3).map(|l| l.expect("read")).collect();
    assert!(
        rest[0].contains("volunteer@example.org") && rest[0].contains("volunteer-demo"),
        "{rest:?}"
    );
    assert!(rest[1].contains("admin@example.org"), "{rest:?}");
    let extra = if more.is_empty() { 0 } else { 1 };
    let after: Vec<String> = lines.take(extra).map(|l| l.expect("read")).collect();
    (server, base, after)
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

/// The value of one series in Prometheus' text format: `name` with exactly `labels`.
fn series(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let mut wanted: Vec<(String, String)> = labels
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    wanted.sort();
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let (key, value) = line.rsplit_once(' ')?;
            let (found_name, found_labels) = match key.split_once('{') {
                Some((n, rest)) => (n, parse_labels(rest.strip_suffix('}')?)),
                None => (key, Vec::new()),
            };
            (found_name == name && found_labels == wanted).then(|| value.parse().ok())?
        })
}

/// `a="x",b="y{z}"` as sorted pairs (values here hold no quotes).
fn parse_labels(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = text;
    while let Some((key, after)) = rest.split_once("=\"") {
        let Some((value, tail)) = after.split_once('"') else {
            break;
        };
        pairs.push((key.trim_start_matches(',').to_string(), value.to_string()));
        rest = tail;
    }
    pairs.sort();
    pairs
}

fn metrics_count_what_was_done(env: &Env) {
    // A volunteer was handed a task two hours ago and left it: the lease ran out, and the
    // server's sweep at start counts it.
    let (mut demo, _) = start_demo(env);
    terminate(&mut demo);
    let two_hours_ago = chrono::Utc::now() - chrono::Duration::hours(2);
    common::volunteer_walks_away_at(env, two_hours_ago, "tagging_task", "walked-away");
    // A low limit, so that a third wrong password is refused by it.
    // The answer's webhook delivery fails once, then goes through.
    let receiver = Receiver::start(Behaviour::FailFirst(1));
    env.write(
        "vulyk.toml",
        format!(
            "[server.limits]\nsign_in_attempts_per_account_and_address = 2\n\
             [[webhooks]]\nurl = \"{}\"\nsecret = \"a secret for the receiver\"\n\
             events = [\"answer.created\"]\nretry_after_seconds = 1\n",
            receiver.url
        )
        .as_bytes(),
    );
    let (mut server, base, after) = start_demo_with(env, &["--metrics-listen", "127.0.0.1:0"]);
    let scrape_url = after[0]
        .trim()
        .strip_prefix("Metrics for Prometheus: ")
        .unwrap_or_else(|| panic!("no metrics line: {after:?}"))
        .to_string();
    common::block_on(async {
        // Cookies kept: the sign-in form's CSRF token goes with its cookie.
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let get = |url: String| {
            let client = client.clone();
            async move { client.get(url).send().await.unwrap() }
        };
        // The site does not serve the numbers.
        assert_eq!(get(format!("{base}/metrics")).await.status(), 404);
        volunteer_works(&base).await;
        skip_one(&base).await;
        for _ in 0..3 {
            let form = get(format!("{base}/signin")).await.text().await.unwrap();
            client
                .post(format!("{base}/signin"))
                .form(&[
                    ("login", "volunteer@example.org"),
                    ("password", "not the password"),
                    ("csrf", &csrf_of(&form)),
                ])
                .send()
                .await
                .unwrap();
        }
        // Made-up paths and methods: all one series each, however many there are.
        for n in 0..20 {
            get(format!("{base}/made/up/{n}")).await;
            let brew = reqwest::Method::from_bytes(format!("BREW{n}").as_bytes()).unwrap();
            client
                .request(brew, format!("{base}/x{n}"))
                .send()
                .await
                .unwrap();
        }
        let text = get(scrape_url.clone()).await.text().await.unwrap();
        let tagging = [("task_type", "tagging_task")];
        assert_eq!(
            series(&text, "vulyk_handouts_total", &tagging),
            Some(2.0),
            "{text}"
        );
        assert_eq!(
            series(&text, "vulyk_answers_total", &tagging),
            Some(1.0),
            "{text}"
        );
        assert_eq!(
            series(&text, "vulyk_skips_total", &tagging),
            Some(1.0),
            "{text}"
        );
        let wrong = [("reason", "wrong_credentials")];
        assert_eq!(
            series(&text, "vulyk_sign_in_failures_total", &wrong),
            Some(2.0),
            "{text}"
        );
        let limit = [("limit", "sign_in_attempts_per_account_and_address")];
        assert_eq!(
            series(&text, "vulyk_limit_refusals_total", &limit),
            Some(1.0),
            "{text}"
        );
        let next = [("route", "/type/{task_type}/next"), ("method", "GET")];
        let next_ok = [next[0], next[1], ("status", "200")];
        assert_eq!(
            series(&text, "vulyk_http_requests_total", &next_ok),
            Some(2.0),
            "{text}"
        );
        let count = "vulyk_http_request_duration_seconds_count";
        assert_eq!(series(&text, count, &next), Some(2.0), "{text}");
        let unmatched = [("route", "unmatched"), ("method", "GET"), ("status", "404")];
        assert_eq!(
            series(&text, "vulyk_http_requests_total", &unmatched),
            Some(21.0)
        );
        // Refused by the CSRF check or not found: either way under `other`, never `BREW7`.
        let other: f64 = text
            .lines()
            .filter(|l| l.starts_with("vulyk_http_requests_total{") && l.contains("\"other\""))
            .filter_map(|l| l.rsplit_once(' ')?.1.parse::<f64>().ok())
            .sum();
        assert_eq!(other, 20.0, "{text}");
        assert!(!text.contains("BREW"), "{text}");
        let routes = text
            .lines()
            .filter(|l| l.starts_with("vulyk_http_requests_total{"))
            .count();
        assert!(routes < 15, "series stay few:\n{text}");
        let claims = [("operation", "claim_task")];
        assert_eq!(
            series(&text, "vulyk_store_call_seconds_count", &claims),
            Some(2.0)
        );
        assert_eq!(
            series(&text, "vulyk_password_hashing_waiting", &[]),
            Some(0.0)
        );
        // The delivery is counted once its second try is recorded, the lease once the sweep
        // at start has run: both in the background.
        let mut text = text;
        for _ in 0..100 {
            let delivered = [("outcome", "delivered")];
            if series(&text, "vulyk_webhook_deliveries_total", &delivered).is_some()
                && series(&text, "vulyk_lease_expiries_total", &tagging).is_some()
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            text = get(scrape_url.clone()).await.text().await.unwrap();
        }
        for (outcome, tries) in [("retry", 1.0), ("delivered", 1.0)] {
            let outcome = [("outcome", outcome)];
            assert_eq!(
                series(&text, "vulyk_webhook_deliveries_total", &outcome),
                Some(tries),
                "{text}"
            );
        }
        assert_eq!(receiver.seen().len(), 2);
        assert_eq!(
            series(&text, "vulyk_lease_expiries_total", &tagging),
            Some(1.0),
            "{text}"
        );
    });
    terminate(&mut server);
}

/// The demo volunteer, signed in, takes a task and skips it.
async fn skip_one(base: &str) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let form = client.get(format!("{base}/signin")).send().await.unwrap();
    let form = form.text().await.unwrap();
    let index = client
        .post(format!("{base}/signin"))
        .form(&[
            ("login", "volunteer@example.org"),
            ("password", "volunteer-demo"),
            ("csrf", &csrf_of(&form)),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let next: serde_json::Value = client
        .get(format!("{base}/type/tagging_task/next"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = next["result"]["task"]["id"].as_str().expect("a task");
    let skipped = client
        .post(format!("{base}/type/tagging_task/skip/{id}"))
        .header("x-csrf-token", csrf_of(&index))
        .send()
        .await
        .unwrap();
    assert!(skipped.status().is_success());
}

const SHARED_TASKS: u32 = 24;
const RACERS: usize = 8;

fn two_servers_on_one_store_share_the_work_exactly(env: &Env) {
    env.init();
    let tasks = env.write(
        "tasks.jsonl",
        common::numbered_lines(0..SHARED_TASKS).as_bytes(),
    );
    env.run(&["db", "load", "tagging_task", &tasks]).ok();
    let names: Vec<String> = (0..RACERS).map(|n| format!("racer{n}")).collect();
    add_racers(env, &names);
    // Both servers deliver the webhooks' events; each is delivered by one of them, once.
    let receiver = Receiver::start(Behaviour::FailFirst(0));
    env.write(
        "vulyk.toml",
        format!(
            "[[webhooks]]\nurl = \"{}\"\nsecret = \"a secret for the receiver\"\n\
             events = [\"answer.created\", \"task.closed\", \"batch.finished\"]\n",
            receiver.url
        )
        .as_bytes(),
    );
    let secret = "one key for both servers of the site";
    let (mut a, base_a) = start_server(env, secret, "a.log");
    let (mut b, base_b) = start_server(env, secret, "b.log");
    let answered: Vec<Vec<String>> = common::block_on(async {
        let mut racers = tokio::task::JoinSet::new();
        for (n, name) in names.iter().enumerate() {
            // Half start on each server; every one alternates between them.
            let bases = if n % 2 == 0 {
                vec![base_a.clone(), base_b.clone()]
            } else {
                vec![base_b.clone(), base_a.clone()]
            };
            let name = name.clone();
            racers.spawn(async move { work_across(&bases, &name).await });
        }
        racers.join_all().await
    });
    let events = 3 * SHARED_TASKS as usize + SHARED_TASKS as usize + 1;
    let received = receiver.wait_for(Duration::from_secs(60), |seen| seen.len() >= events);
    // A moment more, for a delivery made twice to show.
    std::thread::sleep(Duration::from_millis(1500));
    let received = receiver.seen().len().max(received.len());
    terminate(&mut a);
    terminate(&mut b);
    let ids: std::collections::HashSet<String> =
        receiver.seen().iter().map(|r| r.event_id()).collect();
    assert_eq!(
        (received, ids.len()),
        (events, events),
        "each event delivered once"
    );
    // Nothing over redundancy, nothing lost, nothing doubled: every task closed by exactly
    // three answers, each volunteer answering a task at most once.
    let mut per_task: std::collections::HashMap<&str, usize> = Default::default();
    for ids in &answered {
        let unique: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "a volunteer answered a task twice");
        for id in ids {
            *per_task.entry(id.as_str()).or_default() += 1;
        }
    }
    assert_eq!(per_task.len(), SHARED_TASKS as usize);
    assert!(per_task.values().all(|n| *n == 3), "{per_task:?}");
    let exported = env.run(&["db", "export", "tagging_task"]).ok().stdout;
    let lines: Vec<serde_json::Value> = exported
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), SHARED_TASKS as usize, "every task closed");
    assert!(lines.iter().all(|l| l.as_array().map(Vec::len) == Some(3)));
    let stats = env.run(&["stats", "batch", "--json"]).ok().json();
    // The counters kept with every answer agree with the answers stored.
    let batch = &stats[0];
    assert_eq!(
        (&batch["completed"], &batch["answers"], &batch["status"]),
        (
            &serde_json::json!(SHARED_TASKS),
            &serde_json::json!(3 * SHARED_TASKS),
            &serde_json::json!("closed")
        ),
        "{stats}"
    );
    assert_eq!(
        batch["breakdown"],
        serde_json::json!([{"answers": 3, "tasks": SHARED_TASKS}])
    );
    // The work was shared: both servers handed out tasks.
    for log in ["a.log", "b.log"] {
        let text = std::fs::read_to_string(env.dir.path().join(log)).expect("log");
        assert!(text.contains("/done/"), "{log} served no answer:\n{text}");
    }
}
