//! The console end to end, as an operator meets it: the real `vulyk` in tmux on a store of
//! each backend. The dashboard picks up tasks that another process loads while it runs; a
//! file loaded from the Load screen shows in its counts; the batch list filters and opens
//! details; a user made on the Users screen and a rule made in its form are stored; the
//! Quality screen computes a type's quality again on `r`; `q` quits with status 0 and gives
//! the terminal back. Needs tmux (`scripts/console-test-deps`): ignored unless asked for
//! (`--include-ignored`).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Env, vulyk_bin};

on_both_backends!(needs "tmux": the_console_follows_a_load_and_quits_cleanly);

/// A tmux server of the test's own (its own socket), killed when the test ends either way.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(env: &Env, command: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "tmux is missing: scripts/console-test-deps installs it"
        );
        let socket = format!("vulyk-test-{}-{}", std::process::id(), rand_suffix(env));
        let script = env.write("console.sh", command.as_bytes());
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
                "sh",
                &script,
            ])
            .current_dir(env.dir.path())
            .status()
            .expect("tmux");
        assert!(status.success(), "tmux new-session failed");
        Tmux { socket }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys one by one, a little apart, as a person types: an Escape followed at once
    /// by another key would read as Alt plus that key.
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", key])
                .status()
                .expect("send-keys");
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(80));
        }
    }

    /// Waits until the screen shows every one of `texts`.
    fn wait_for(&self, texts: &[&str], within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never showed {texts:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// Tests of both backends run at once: their sockets differ by the database's name.
fn rand_suffix(env: &Env) -> String {
    env.db
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("db")
        .replace('.', "-")
}

fn the_console_follows_a_load_and_quits_cleanly(env: &Env) {
    env.init();
    let first = env.write("first.jsonl", common::numbered_lines(0..30).as_bytes());
    env.run(&["db", "load", "tagging_task", &first, "--batch", "first"])
        .ok();
    let plugins = common::fixture("plugins");
    // The shell reports how `vulyk` ended, then keeps the pane open to be read.
    // Its log goes to the scratch folder, not the home of whoever runs the tests.
    let command = format!(
        "XDG_STATE_HOME='{}' '{}' --db '{}' --plugins '{plugins}'\necho \"EXITED $?\"\nsleep 60\n",
        env.dir.path().display(),
        vulyk_bin().display(),
        env.db
    );
    let tmux = Tmux::start(env, &command);
    tmux.wait_for(
        &["Dashboard", "30 open tasks", "first"],
        Duration::from_secs(20),
    );

    // Another process loads a batch; the dashboard refreshes on its own.
    let second = env.write("second.jsonl", common::numbered_lines(100..120).as_bytes());
    env.run(&["db", "load", "tagging_task", &second, "--batch", "second"])
        .ok();
    tmux.wait_for(&["50 open tasks", "second"], Duration::from_secs(20));

    // A file loaded from the Load screen: the second type (tagging_task), the file, a batch.
    let third = env.write("third.jsonl", common::numbered_lines(200..240).as_bytes());
    tmux.keys(&["3", "Enter", "j", "Enter", &third, "Enter", "Escape"]);
    tmux.keys(&["j", "Enter", "third", "Enter", "j", "j", "j", "Enter"]);
    tmux.wait_for(
        &["Loaded 40 tasks into batch third"],
        Duration::from_secs(20),
    );
    tmux.keys(&["1"]);
    tmux.wait_for(&["90 open tasks", "third"], Duration::from_secs(20));

    // The batch list, filtered, and a batch's details.
    tmux.keys(&["2"]);
    tmux.wait_for(
        &["3 batches", "first", "second", "third"],
        Duration::from_secs(5),
    );
    // The first batch exported to a file beside the console (no task is closed yet).
    tmux.keys(&["e", "Enter"]);
    tmux.wait_for(
        &["Exported 0 answers of 0 tasks to first.jsonl"],
        Duration::from_secs(10),
    );
    assert!(
        env.dir.path().join("first.jsonl").is_file(),
        "the file is written"
    );
    tmux.keys(&["/", "s", "e", "c", "Enter"]);
    let details = tmux.wait_for(
        &["Batch second", "20 tasks, 0 closed"],
        Duration::from_secs(10),
    );
    assert!(details.contains("1 batch ·"), "{details}");
    // A volunteer made on the Groups & users screen, then given admin rights.
    tmux.keys(&["Escape", "4", "n", "ivan ivan@example.org", "Enter"]);
    tmux.wait_for(
        &["Created user ivan", "ivan@example.org"],
        Duration::from_secs(10),
    );
    tmux.keys(&["A"]);
    tmux.wait_for(&["ivan is an admin now"], Duration::from_secs(10));
    let ivan = env.run(&["user", "show", "ivan", "--json"]).ok().json();
    assert_eq!(
        (ivan["admin"].as_bool(), ivan["groups"][0].as_str()),
        (Some(true), Some("default"))
    );

    // A rule made in its form on the Rewards screen.
    tmux.keys(&[
        "5",
        "n",
        "Enter",
        "Ten tasks",
        "Enter",
        "j",
        "Enter",
        "/b.png",
        "Enter",
    ]);
    tmux.keys(&[
        "j",
        "Enter",
        "Ten answers",
        "Enter",
        "j",
        "Enter",
        "10",
        "Enter",
        "C-s",
    ]);
    tmux.wait_for(&["Saved rule Ten tasks"], Duration::from_secs(10));
    let rules = env.run(&["rules", "list", "--json"]).ok().json();
    assert_eq!(rules[0]["tasks_number"], 10, "{rules}");

    // The console's own changes, in the audit log on the Events screen.
    tmux.keys(&["6"]);
    tmux.wait_for(
        &[
            "Latest answers",
            "Rewards and donations",
            "Operators' changes",
            "admin add ivan",
            "rules add",
        ],
        Duration::from_secs(10),
    );
    // The second type's quality (computed when the console started, before the second and
    // third batches), computed again on `r`: the batches' counts, with no answers yet.
    tmux.keys(&["7", "l", "r"]);
    tmux.wait_for(
        &["tagging_task", "iterations", "third"],
        Duration::from_secs(20),
    );
    tmux.keys(&["?"]);
    tmux.wait_for(&["Keys", "any key closes"], Duration::from_secs(5));
    tmux.keys(&["Escape", "q"]);
    let end = tmux.wait_for(&["EXITED 0"], Duration::from_secs(10));
    assert!(
        !end.contains("Dashboard"),
        "the console's screen is gone:\n{end}"
    );
    let audit = env.run(&["audit", "list", "--json"]).ok().json();
    let by_console: Vec<String> = audit
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["via"] == "console")
        .map(|e| {
            format!(
                "{} {}",
                e["action"].as_str().unwrap_or(""),
                e["target"].as_str().unwrap_or("")
            )
        })
        .collect();
    for change in ["user add ivan", "admin add ivan"] {
        assert!(
            by_console.iter().any(|c| c == change),
            "{change}: {by_console:?}"
        );
    }
}
