//! `vulyk db copy` end to end, into SQLite and into MongoDB: the copy reads back as the store
//! did (exports, stats, lists, a volunteer's password, an API token); a copy killed half way
//! goes on with `--resume` and ends the same; what it may not write into is refused before
//! anything is written.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Backend, Env, block_on, fixture, numbered_lines};

const PASSWORD: &str = "correct horse battery staple";

/// An environment on the store at `db` (a copy's target).
fn on(db: &str) -> Env {
    Env {
        dir: tempfile::tempdir().expect("temp dir"),
        db: db.to_string(),
        backend: if db.starts_with("mongodb://") {
            Backend::Mongo
        } else {
            Backend::Sqlite
        },
    }
}

/// Where a test copies to: a new file beside the source, or a new MongoDB database.
fn target(env: &Env, backend: Backend) -> String {
    match backend {
        Backend::Sqlite => env.path("copy.db"),
        Backend::Mongo => vulyk_testkit::mongo_database("vulyk_copy"),
    }
}

macro_rules! into_both_backends {
    ($($name:ident),* $(,)?) => {
        mod into_sqlite {
            $( #[test] fn $name() { super::$name(super::Backend::Sqlite); } )*
        }
        mod into_mongodb {
            $(
                #[test]
                #[ignore = "needs the MongoDB test server"]
                fn $name() { super::$name(super::Backend::Mongo); }
            )*
        }
    };
}

into_both_backends!(
    a_copy_reads_back_as_the_store_did,
    a_copy_killed_half_way_goes_on_with_resume_and_ends_the_same,
);

/// A store with something in most areas: tasks and answers, a volunteer with a password and
/// an API token, a fund with its logo, rules, an export position, the audit log.
fn busy_store(env: &Env) -> String {
    env.init();
    let tasks = env.write("tasks.jsonl", numbered_lines(0..300).as_bytes());
    env.run(&["db", "load", "tagging_task", &tasks]).ok();
    common::volunteers_answer(env, "tagging_task", &["ann", "bob", "cy"], 120);
    env.run(&["user", "add", "dora", "--email", "dora@example.org"])
        .ok();
    env.run_with_stdin(
        &["user", "passwd", "dora", "--password-stdin"],
        format!("{PASSWORD}\n").as_bytes(),
    )
    .ok();
    let token = env
        .run(&["user", "token", "create", "dora", "--name", "nightly"])
        .ok()
        .stdout
        .trim_end()
        .to_string();
    env.run(&[
        "funds",
        "add",
        "zoo",
        "--name",
        "Zoo",
        "--description",
        "<b>animals</b>",
        "--logo",
        &fixture("fund-logo.png"),
    ])
    .ok();
    env.run(&["rules", "import", &fixture("rules.jsonl")]).ok();
    let export = env.path("night.jsonl");
    env.run(&[
        "db",
        "export",
        "tagging_task",
        "--cursor",
        "nightly",
        "-o",
        &export,
    ])
    .ok();
    token
}

/// What the operator reads of a store, command by command.
fn readings(env: &Env) -> Vec<String> {
    [
        &["db", "export", "tagging_task", "--include-open"][..],
        &["stats", "batch", "--json"],
        &["user", "list", "--json"],
        &["funds", "list", "--json"],
        &["rules", "list", "--json"],
        &["db", "cursors", "list", "--json"],
        &["state", "show", "ann", "--json"],
    ]
    .iter()
    .map(|args| env.run(args).ok().stdout)
    .collect()
}

fn a_copy_reads_back_as_the_store_did(backend: Backend) {
    let env = Env::new();
    let token = busy_store(&env);
    let to = target(&env, backend);
    let summary = env.run(&["db", "copy", "--to", &to, "--json"]).ok();
    let summary = summary.json();
    assert_eq!(summary["resumed"], false);
    assert_eq!(summary["areas"]["tasks"]["rows"], 300);
    assert_eq!(summary["areas"]["answers"]["rows"], 360);
    assert_eq!(summary["areas"]["api_tokens"]["rows"], 1);
    assert_eq!(summary["areas"]["funds"]["rows"], 1);
    let copy = on(&to);
    assert_eq!(readings(&copy), readings(&env));
    // The copy is in its own audit log, after everything the source's held.
    let audit = copy.run(&["audit", "list", "--json"]).ok().json();
    assert_eq!(audit[0]["action"], "db copy");
    let source_audit = env.run(&["audit", "list", "--json"]).ok().json();
    assert_eq!(
        audit.as_array().map(Vec::len),
        source_audit.as_array().map(|a| a.len() + 1)
    );
    // A volunteer signs in with the same password; a script's token still works.
    block_on(async {
        let vulyk = services(&copy.db).await;
        let dora = vulyk
            .sign_in("dora", PASSWORD, "127.0.0.1")
            .await
            .expect("dora signs in on the copy");
        let by_token = vulyk.token_user(&token).await.expect("token lookup");
        assert_eq!(by_token.map(|u| u.id), Some(dora.id));
        // The fund's logo, byte for byte.
        let logo = vulyk.fund_logo("zoo").await.expect("logo");
        let source_logo = services(&env.db)
            .await
            .fund_logo("zoo")
            .await
            .expect("logo");
        assert_eq!(logo, source_logo);
    });
}

async fn services(db: &str) -> vulyk_core::service::Vulyk {
    let store = vulyk_core::store::open(db).await.expect("store");
    let plugins =
        vulyk_core::plugins::PluginRegistry::load(Path::new(&fixture("plugins"))).expect("plugins");
    vulyk_core::service::Vulyk::new(store, Arc::new(plugins))
}

fn a_copy_killed_half_way_goes_on_with_resume_and_ends_the_same(backend: Backend) {
    let env = Env::new();
    let to = target(&env, backend);
    env.init();
    const TASKS: u32 = 20_000;
    let tasks = env.write("tasks.jsonl", numbered_lines(0..TASKS).as_bytes());
    env.run(&["db", "load", "tagging_task", &tasks]).ok();
    common::volunteers_answer(&env, "tagging_task", &["ann", "bob"], 50);
    // A row per page: tens of thousands of steps, so that the kill lands in the middle of
    // the tasks however fast the machine. The target is opened (made, and empty) first, so
    // that watching it waits for nothing.
    let copy_args = ["db", "copy", "--to", &to, "--page-rows", "1"];
    let (mut child, copied) = copy_until_tasks_stored(&to, || {
        env.command(&copy_args).spawn().expect("start the copy")
    });
    child.kill().expect("kill -9 the copy");
    child.wait().expect("the killed copy");
    assert!(
        copied > 0 && copied < u64::from(TASKS),
        "the copy was not killed half way: {copied} tasks"
    );
    // Without --resume the half-made target is refused, and it is left as it is.
    env.run(&["db", "copy", "--to", &to])
        .fails_with(4, "--resume goes on with it");
    // From another source, too.
    let other = on(&env.path("other.db"));
    other.init();
    env.run(&["db", "copy", "--from", &other.db, "--to", &to, "--resume"])
        .fails_with(4, "resume it from there");
    let resumed = env
        .run(&["db", "copy", "--to", &to, "--resume", "--json"])
        .ok()
        .json();
    assert_eq!(resumed["resumed"], true);
    assert_eq!(resumed["areas"]["tasks"]["rows"], TASKS);
    let this_run = resumed["areas"]["tasks"]["this_run"]
        .as_u64()
        .expect("count");
    assert!(this_run < u64::from(TASKS), "{resumed}");
    assert_eq!(resumed["areas"]["answers"]["rows"], 100);
    let copy = on(&to);
    let export = ["db", "export", "tagging_task", "--include-open"];
    assert_eq!(copy.run(&export).ok().stdout, env.run(&export).ok().stdout);
    assert_eq!(
        copy.run(&["stats", "batch", "--json"]).ok().stdout,
        env.run(&["stats", "batch", "--json"]).ok().stdout
    );
    // Finished: a copy into it now is refused as into any store that holds data.
    env.run(&["db", "copy", "--to", &to, "--resume"])
        .fails_with(4, "the target is not empty");
}

/// Opens `target`, starts the copy (`start`), and says how many tasks it has stored once it
/// has stored some. One runtime for both: the MongoDB driver lives in the one it began in.
fn copy_until_tasks_stored(
    target: &str,
    start: impl FnOnce() -> std::process::Child,
) -> (std::process::Child, u64) {
    block_on(async {
        let watched = vulyk_core::store::open(target).await.expect("the target");
        let mut child = start();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Ok(marks) = watched.copy_marks().await
                && let Some(tasks) = marks.iter().find(|m| m.area == "tasks" && m.rows > 0)
            {
                return (child, tasks.rows);
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the copy stored no task within a minute");
    })
}

#[test]
fn what_a_copy_may_not_write_into_is_refused_before_anything_is_written() {
    let env = Env::new();
    env.init();
    env.run(&["db", "copy", "--to", &env.db])
        .fails_with(5, "cannot be copied into itself");
    env.run(&["db", "copy", "--from", "missing.db", "--to", "copy.db"])
        .fails_with(3, "database not found: missing.db");
    let full = on(&env.path("full.db"));
    full.init();
    env.run(&["db", "copy", "--to", &full.db])
        .fails_with(4, "the target is not empty");
    env.run(&[
        "db",
        "copy",
        "--from",
        "mongodb://127.0.0.1:1/vulyk",
        "--to",
        "copy.db",
    ])
    .fails_with(1, "cannot reach MongoDB at mongodb://127.0.0.1:1/vulyk");
    for name in ["copy.db", "missing.db"] {
        assert!(!Path::new(&env.path(name)).exists(), "{name} was made");
    }
}

#[test]
#[ignore = "needs the MongoDB test server"]
fn json_that_mongodb_would_read_as_its_own_is_refused_naming_the_row() {
    let env = Env::new();
    env.init();
    let tasks = env.write(
        "tasks.jsonl",
        b"{\"n\": 1}\n{\"n\": 2, \"link\": {\"$oid\": \"5f1d7f3e9a1b2c3d4e5f6a7b\"}}\n",
    );
    env.run(&["db", "load", "tagging_task", &tasks]).ok();
    let to = target(&env, Backend::Mongo);
    env.run(&["db", "copy", "--to", &to])
        .fails_with(5, "`tasks`.task_data: its key `$oid` begins with `$`");
}

/// Every row of every table, as text, the columns that are a backend's own left out.
fn tables(db: &str) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    vulyk_core::store::AREAS
        .iter()
        .map(|area| {
            let columns: Vec<String> = area
                .columns
                .iter()
                .filter(|c| !OWN_COLUMNS.contains(&(area.name, **c)))
                .map(|c| match (area.name, *c) {
                    // MongoDB keeps times to the millisecond.
                    ("users", "created_at") => "substr(created_at, 1, 23)".to_string(),
                    _ => format!("quote(\"{c}\")"),
                })
                .collect();
            // Each copy adds its own entry to its target's audit log.
            let own = if area.name == "audit_log" {
                " WHERE action != 'db copy'"
            } else {
                ""
            };
            let sql = format!(
                "SELECT {} FROM \"{}\"{own}",
                columns.join(" || '|' || "),
                area.name
            );
            let mut stmt = conn.prepare(&sql).expect("select");
            let mut rows: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .and_then(|rows| rows.collect())
                .expect("rows");
            rows.sort();
            (area.name.to_string(), rows)
        })
        .collect()
}

/// A row's number in SQLite: MongoDB has none, and the copy back numbers rows in the order
/// MongoDB reads them.
const OWN_COLUMNS: &[(&str, &str)] = &[
    ("answers", "seq"),
    ("tasks", "seq"),
    ("work_sessions", "id"),
    ("events", "seq"),
    ("gold_tasks", "seq"),
    ("audit_log", "seq"),
    ("webhook_deliveries", "id"),
];

#[test]
#[ignore = "needs the MongoDB test server"]
fn a_round_trip_through_mongodb_brings_back_every_row() {
    let env = Env::new();
    busy_store(&env);
    let mongo = target(&env, Backend::Mongo);
    env.run(&["db", "copy", "--to", &mongo]).ok();
    let back = env.path("back.db");
    env.run(&["db", "copy", "--from", &mongo, "--to", &back])
        .ok();
    let (before, after) = (tables(&env.db), tables(&back));
    for ((area, rows), (_, back_rows)) in before.iter().zip(&after) {
        assert_eq!(rows, back_rows, "{area}");
    }
    // Numbered in MongoDB's order, the tasks and answers come back in their order.
    let copy = on(&back);
    assert_eq!(readings(&copy), readings(&env));
}
