//! The admin commands end to end (spec 11, test_cli.py and test_user_model.py cases).

mod common;

use common::{Backend, Env, numbered_lines, vulyk_bin};

on_both_backends!(
    init_creates_the_default_group_and_attaches_users,
    admin_flags_toggle,
    groups_are_managed_with_clear_errors,
    users_are_created_shown_and_deleted,
    batches_are_listed_shown_and_deleted,
    api_tokens_are_created_listed_and_revoked,
    the_audit_log_names_who_changed_what,
);

fn add_user(env: &Env, name: &str) {
    env.run(&["user", "add", name, "--email", &format!("{name}@email.com")])
        .ok();
}

#[test]
fn help_works_without_a_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        &["--help"][..],
        &["db", "load", "--help"],
        &["batch", "--help"],
        &["--version"],
    ] {
        let output = std::process::Command::new(vulyk_bin())
            .args(args)
            .current_dir(dir.path())
            .env_remove("VULYK_DB")
            .output()
            .expect("run vulyk");
        assert!(output.status.success(), "{args:?}");
        assert!(!output.stdout.is_empty());
    }
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "help wrote files"
    );
}

fn init_creates_the_default_group_and_attaches_users(env: &Env) {
    env.run(&["init"]).fails_with(2, "TYPE");
    env.run(&["init", "nope_task"]).fails_with(3, "nope_task");
    env.run(&["init", "tagging_task"]).ok();
    for name in ["a", "b", "c"] {
        add_user(env, name);
    }
    env.run(&["group", "add", "team"]).ok();
    env.run(&["group", "assign", "team", "a"]).ok();
    env.run(&["group", "resign", "default", "a"]).ok();
    let run = env
        .run(&["init", "tagging_task", "declaration_task", "--json"])
        .ok();
    let outcome = run.json();
    assert_eq!(outcome["users_added"], 1);
    assert_eq!(
        outcome["allowed_types"],
        serde_json::json!(["tagging_task", "declaration_task"])
    );
    let users = env.run(&["user", "list", "--json"]).ok().json();
    for user in users.as_array().expect("users") {
        assert!(
            user["groups"]
                .as_array()
                .expect("groups")
                .contains(&"default".into()),
            "{user}"
        );
    }
    // Leaving `default` never wipes a user's other groups (spec 13.6).
    let a = env.run(&["user", "show", "a", "--json"]).ok().json();
    assert_eq!(a["groups"], serde_json::json!(["team", "default"]));
}

fn admin_flags_toggle(env: &Env) {
    env.init();
    for name in ["1", "2", "3"] {
        add_user(env, name);
    }
    env.run(&["admin", "add", "3@email.com"]).ok();
    env.run(&["admin", "remove", "1@email.com"]).ok();
    env.run(&["admin", "add", "2@email.com"]).ok();
    let run = env.run(&["admin", "add", "3"]).ok();
    assert!(
        run.stdout.contains("was already an admin"),
        "{}",
        run.stdout
    );
    let users = env.run(&["user", "list", "--json"]).ok().json();
    let flags: Vec<bool> = users
        .as_array()
        .expect("users")
        .iter()
        .map(|u| u["admin"].as_bool().expect("admin"))
        .collect();
    assert_eq!(flags, [false, true, true]);
    let admins = env.run(&["admin", "list", "--json"]).ok().json();
    assert_eq!(admins.as_array().map(Vec::len), Some(2));
    env.run(&["admin", "add", "nobody@email.com"])
        .fails_with(3, "user not found: nobody@email.com");
}

fn groups_are_managed_with_clear_errors(env: &Env) {
    env.init();
    add_user(env, "ivan");
    env.run(&["group", "add", "_team"])
        .fails_with(5, "underscore can't go first");
    env.run(&["group", "add", "team-1"])
        .fails_with(5, "only letters, digits and underscores");
    env.run(&["group", "add", "team_1", "--description", "Перша команда"])
        .ok();
    env.run(&["group", "add", "team_1"])
        .fails_with(4, "group `team_1` already exists");
    env.run(&["group", "addtype", "team_1", "declaration_task"])
        .ok();
    env.run(&["group", "addtype", "team_1", "nope_task"])
        .fails_with(3, "nope_task");
    env.run(&["group", "addtype", "nogroup", "tagging_task"])
        .fails_with(3, "group not found: nogroup");
    env.run(&["group", "assign", "team_1", "ivan"]).ok();
    env.run(&["group", "assign", "team_1", "nobody"])
        .fails_with(3, "user not found: nobody");
    // The two names swapped: the error says which order works.
    env.run(&["group", "assign", "ivan", "team_1"]).fails_with(
        3,
        "the group comes first: `vulyk group assign team_1 ivan`: ",
    );
    env.run(&["group", "resign", "ivan", "team_1"])
        .fails_with(3, "`vulyk group resign team_1 ivan`");
    env.run(&["group", "addtype", "tagging_task", "team_1"])
        .fails_with(3, "`vulyk group addtype team_1 tagging_task`");
    let groups = env.run(&["group", "list", "--json"]).ok().json();
    let team = groups
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["id"] == "team_1")
        .expect("team_1")
        .clone();
    assert_eq!(team["members"], 1);
    assert_eq!(
        team["allowed_types"],
        serde_json::json!(["declaration_task"])
    );
    assert_eq!(team["description"], "Перша команда");
    env.run(&["group", "deltype", "team_1", "tagging_task"])
        .fails_with(3, "tagging_task");
    env.run(&["group", "deltype", "team_1", "declaration_task"])
        .ok();
    env.run(&["group", "del", "team_1"]).fails_with(2, "--yes");
    env.run(&["group", "del", "team_1", "--yes"]).ok();
    env.run(&["group", "del", "team_1", "--yes"])
        .fails_with(3, "group not found: team_1");
    let ivan = env.run(&["user", "show", "ivan", "--json"]).ok().json();
    assert_eq!(ivan["groups"], serde_json::json!(["default"]));
    let table = env.run(&["group", "list"]).ok().stdout;
    assert!(
        table.contains("default") && table.contains("tagging_task, declaration_task"),
        "{table}"
    );
}

fn users_are_created_shown_and_deleted(env: &Env) {
    // Before `init`: no database file at all, or (MongoDB) one without the default group.
    let early = env.run(&["user", "add", "early", "--email", "e@x.org"]);
    match env.backend {
        Backend::Sqlite => early.fails_with(3, "`vulyk init TYPE` creates it"),
        Backend::Mongo => early.fails_with(4, "run init"),
    };
    env.init();
    let run = env.run(&[
        "user",
        "add",
        "mutumba",
        "--email",
        "Mutumba@Email.com",
        "--name",
        "Мутумба",
        "--json",
    ]);
    let user = run.ok().json();
    assert_eq!(user["email"], "mutumba@email.com");
    assert_eq!(user["groups"], serde_json::json!(["default"]));
    assert_eq!(user["id"].as_str().map(str::len), Some(24));
    env.run(&["user", "add", "mutumba", "--email", "other@email.com"])
        .fails_with(4, "username `mutumba`");
    env.run(&["user", "add", "other", "--email", "MUTUMBA@email.com"])
        .fails_with(4, "email `mutumba@email.com`");
    env.run(&["user", "add", "bad name", "--email", "b@x.org"])
        .fails_with(5, "username");
    env.run(&["user", "add", "b", "--email", "not-an-address"])
        .fails_with(5, "email");

    env.run_with_stdin(
        &["user", "passwd", "mutumba", "--password-stdin"],
        b"short\n",
    )
    .fails_with(5, "at least 8 characters");
    env.run_with_stdin(
        &["user", "passwd", "mutumba", "--password-stdin"],
        "таємний пароль\n".as_bytes(),
    )
    .ok();
    env.run(&["user", "passwd", "mutumba"])
        .fails_with(2, "--password-stdin");
    let shown = env
        .run(&["user", "show", "mutumba@email.com", "--json"])
        .ok()
        .json();
    assert_eq!(shown["has_password"], true);
    let text = env.run(&["user", "show", "mutumba"]).ok().stdout;
    assert!(!text.contains("argon2"), "the hash is never shown:\n{text}");

    env.run(&["user", "del", "mutumba"]).fails_with(2, "--yes");
    env.run(&["user", "del", "mutumba", "--yes"]).ok();
    env.run(&["user", "show", "mutumba"])
        .fails_with(3, "user not found: mutumba");
}

fn batches_are_listed_shown_and_deleted(env: &Env) {
    env.init();
    let a = env.write("a.jsonl", numbered_lines(0..2).as_bytes());
    let b = env.write("b.jsonl", numbered_lines(2..5).as_bytes());
    env.run(&["db", "load", "tagging_task", &a, "--batch", "batch_a"])
        .ok();
    env.run(&["db", "load", "declaration_task", &b, "--batch", "batch_b"])
        .ok();
    let table = env.run(&["batch", "list"]).ok().stdout;
    assert!(
        table.contains("batch_a") && table.contains("batch_b"),
        "{table}"
    );
    let only = env
        .run(&["batch", "list", "--type", "declaration_task", "--json"])
        .ok()
        .json();
    assert_eq!(only.as_array().map(Vec::len), Some(1));
    env.run(&["batch", "list", "--type", "nope_task"])
        .fails_with(3, "nope_task");
    let shown = env.run(&["batch", "show", "batch_b", "--json"]).ok().json();
    assert_eq!(shown["tasks"], 3);
    assert_eq!(shown["meta"]["coins_per_task"], 1.0);
    let table = env.run(&["batch", "show", "batch_b"]).ok().stdout;
    assert!(table.contains("meta.points_per_task"), "{table}");

    env.run(&["batch", "del", "batch_a"]).fails_with(2, "--yes");
    assert!(env.batches().contains_key("batch_a"));
    let removed = env
        .run(&["batch", "del", "batch_a", "--yes", "--json"])
        .ok()
        .json();
    assert_eq!(removed["tasks"], 2);
    assert!(!env.batches().contains_key("batch_a"));
    env.run(&["batch", "del", "batch_a", "--yes"])
        .fails_with(3, "batch not found: batch_a");
    // Its tasks are gone: loading them again stores them again.
    let summary = env
        .run(&[
            "db",
            "load",
            "tagging_task",
            &a,
            "--batch",
            "batch_a",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(summary["loaded"], 2);
}

#[test]
fn a_malformed_plugin_is_named_with_its_line() {
    let env = Env::new();
    let plugins = env.dir.path().join("plugins/broken");
    std::fs::create_dir_all(&plugins).expect("plugin dir");
    std::fs::write(
        plugins.join("plugin.toml"),
        "type = \"broken\"\nredundancy = \"three\"\n",
    )
    .expect("write");
    let run = std::process::Command::new(vulyk_bin())
        .args(["--db", &env.db, "task-type", "list"])
        .current_dir(env.dir.path())
        .env_remove("VULYK_PLUGINS")
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("broken/plugin.toml:2:14: field `redundancy`"),
        "{stderr}"
    );
}

#[test]
fn configuration_comes_from_file_then_environment_then_flags() {
    let env = Env::new();
    let dir = env.dir.path();
    std::fs::write(
        dir.join("vulyk.toml"),
        format!(
            "db = \"from-file.db\"\nplugins = \"{}\"\n",
            common::fixture("plugins")
        ),
    )
    .expect("config");
    let run = |extra_env: Option<(&str, &str)>, args: &[&str]| {
        let mut command = std::process::Command::new(vulyk_bin());
        command
            .args(args)
            .current_dir(dir)
            .env_remove("VULYK_DB")
            .env_remove("VULYK_PLUGINS");
        if let Some((k, v)) = extra_env {
            command.env(k, v);
        }
        let output = command.output().expect("run");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run(None, &["init", "tagging_task"]);
    assert!(dir.join("from-file.db").exists());
    run(Some(("VULYK_DB", "from-env.db")), &["init", "tagging_task"]);
    assert!(dir.join("from-env.db").exists());
    run(
        Some(("VULYK_DB", "from-env.db")),
        &["--db", "from-flag.db", "init", "tagging_task"],
    );
    assert!(dir.join("from-flag.db").exists());
    std::fs::write(dir.join("vulyk.toml"), "database = \"typo.db\"\n").expect("config");
    let output = std::process::Command::new(vulyk_bin())
        .args(["batch", "list"])
        .current_dir(dir)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&output.stderr).contains("vulyk.toml:1:"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    env.init();
    let input = env.write("some.jsonl", numbered_lines(0..20).as_bytes());
    env.run(&["db", "load", "tagging_task", &input]).ok();
    // Every writer of standard output, the generated completion script among them (it
    // panicked in clap_complete before).
    for args in [
        &["batch", "list"][..],
        &["completions", "bash"],
        &["db", "export", "tagging_task", "--include-open"],
        &["--help"],
    ] {
        let mut child = env
            .command(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take()); // the reader goes away before we write
        let output = child.wait_with_output().expect("wait");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn errors_are_said_once_with_the_documented_exit_codes() {
    let env = Env::new();
    env.init();
    let truncated = env.write("cut.jsonl.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00");
    let garbage = env.write("garbage.jsonl.gz", b"not gzip at all\n");
    for (args, code, said) in [
        (
            vec!["db", "load", "tagging_task", "missing.jsonl"],
            3,
            "vulyk: error: missing.jsonl: no such file or folder\n",
        ),
        (
            vec!["db", "load", "tagging_task", &truncated],
            5,
            "cut.jsonl.gz: unexpected end of file\n",
        ),
        (
            vec!["db", "load", "tagging_task", &garbage],
            5,
            "garbage.jsonl.gz:1:",
        ),
    ] {
        let run = env.run(&args).fails_with(code, said);
        let repeated = run
            .stderr
            .split(": ")
            .collect::<Vec<_>>()
            .windows(2)
            .any(|pair| pair[0] == pair[1]);
        assert!(!repeated, "said twice: {}", run.stderr);
    }
}

#[test]
fn an_unreachable_mongodb_is_a_clear_error_within_seconds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = std::time::Instant::now();
    let output = std::process::Command::new(vulyk_bin())
        .args([
            "--db",
            "mongodb://ops:s3cret@127.0.0.1:1/vulyk",
            "batch",
            "list",
        ])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot reach MongoDB at mongodb://ops:***@127.0.0.1:1/vulyk"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
}

fn api_tokens_are_created_listed_and_revoked(env: &Env) {
    env.init();
    add_user(env, "script");
    env.run(&["user", "token", "create", "nobody"])
        .fails_with(3, "nobody");
    let created = env
        .run(&[
            "user",
            "token",
            "create",
            "script",
            "--name",
            "nightly export",
        ])
        .ok();
    // stdout is the token alone, so that `TOKEN=$(vulyk user token create …)` works.
    let token = created.stdout.trim_end();
    assert!(
        token.starts_with("vlk_") && !token.contains(char::is_whitespace),
        "{token:?}"
    );
    assert!(
        created.stderr.contains("not shown again"),
        "{}",
        created.stderr
    );

    let listed = env
        .run(&["user", "token", "list", "script", "--json"])
        .ok()
        .json();
    let listed = listed.as_array().expect("array");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "nightly export");
    assert!(listed[0].get("token").is_none(), "secrets are not listed");
    let id = listed[0]["id"].as_str().expect("id").to_string();
    assert!(!token.contains(&id));

    env.run(&["user", "token", "revoke", "script", &id]).ok();
    env.run(&["user", "token", "revoke", "script", &id])
        .fails_with(3, &id);
    // An id of the old base64 kind that starts with `-` is an id, not a flag.
    env.run(&["user", "token", "revoke", "script", "-xAb_9Z0"])
        .fails_with(3, "-xAb_9Z0");
    let listed = env.run(&["user", "token", "list", "script"]).ok();
    assert!(listed.stdout.contains("no API tokens"), "{}", listed.stdout);
}

#[test]
fn reading_a_database_that_is_not_there_says_so_and_creates_nothing() {
    let env = Env::new();
    let db = std::path::Path::new(&env.db);
    for args in [
        &["task-type", "list"][..],
        &["batch", "list"],
        &["stats", "overview"],
        &["user", "del", "nobody", "--yes"],
        &["user", "add", "olena", "--email", "olena@example.org"],
    ] {
        env.run(args)
            .fails_with(3, "database not found")
            .fails_with(3, "`vulyk init TYPE` creates it");
        assert!(!db.exists(), "{args:?} created {}", db.display());
    }
    // `init` and loading tasks start one.
    env.init();
    assert!(db.exists());
    env.run(&["user", "list"]).ok();
}

fn the_audit_log_names_who_changed_what(env: &Env) {
    env.init();
    add_user(env, "ann");
    env.run(&["group", "add", "editors", "--description", "Editors"])
        .ok();
    env.run(&["group", "add", "editors"])
        .fails_with(4, "editors");
    let password = "a long enough secret";
    env.run_with_stdin(
        &["user", "passwd", "ann", "--password-stdin"],
        password.as_bytes(),
    )
    .ok();
    let token = env.run(&["user", "token", "create", "ann"]).ok().stdout;
    env.run(&["batch", "list"]).ok(); // reads change nothing and are not recorded
    let log = env.run(&["audit", "list", "--json"]).ok();
    assert!(!log.stdout.contains(password) && !log.stdout.contains(token.trim()));
    let log = log.json();
    let entries = log.as_array().expect("array");
    let actions: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["target"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("user token create", "ann"),
            ("user passwd", "ann"),
            ("group add", "editors"),
            ("user add", "ann"),
            ("init", "default"),
        ],
        "newest first; the refused second `group add` is not there"
    );
    let who = entries[0]["user"].as_str().unwrap().to_string();
    assert!(!who.is_empty());
    assert_eq!(entries[0]["via"], "cli");
    assert_eq!(entries[2]["change"], "description: Editors");
    let mine = env
        .run(&["audit", "list", "--user", &who, "--limit", "2", "--json"])
        .ok();
    assert_eq!(mine.json().as_array().map(Vec::len), Some(2));
    let nobody = env
        .run(&["audit", "list", "--user", "nobody-here", "--json"])
        .ok();
    assert_eq!(nobody.json(), serde_json::json!([]));
    let future = env
        .run(&["audit", "list", "--since", "2999-01-01", "--json"])
        .ok();
    assert_eq!(future.json(), serde_json::json!([]));
    env.run(&["audit", "list", "--since", "last week"])
        .fails_with(2, "`last week` is not a time");
    let table = env.run(&["audit", "list"]).ok().stdout;
    assert!(
        table.contains("user passwd") && table.contains("(cli)"),
        "{table}"
    );
}
