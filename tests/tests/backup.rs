//! `vulyk db backup` end to end, on both backends: snapshots taken while volunteers race
//! through real `vulyk-server`s (two on one MongoDB) open, pass SQLite's integrity check and
//! are consistent; the last one is the store exactly; a backup never replaces a file and
//! leaves nothing behind when it fails.

mod common;

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use common::server::{add_racers, start_server, terminate, work_across};
use common::{Backend, Env};

const TASKS: u32 = 150;
/// MongoDB's backup holds the volunteers' writes while it copies, and the test server is
/// slow: fewer tasks, and time between backups for the work to go on.
const MONGO_TASKS: u32 = 60;
const MONGO_BACKUP_GAP: std::time::Duration = std::time::Duration::from_secs(3);
const RACERS: usize = 6;
const REDUNDANCY: usize = 3;

on_both_backends!(backups_taken_while_volunteers_race_are_consistent);

fn backups_taken_while_volunteers_race_are_consistent(env: &Env) {
    env.init();
    let mongo = env.backend == Backend::Mongo;
    let task_count = if mongo { MONGO_TASKS } else { TASKS };
    let tasks = env.write(
        "tasks.jsonl",
        common::numbered_lines(0..task_count).as_bytes(),
    );
    env.run(&["db", "load", "tagging_task", &tasks]).ok();
    let names: Vec<String> = (0..RACERS).map(|n| format!("racer{n}")).collect();
    add_racers(env, &names);
    let key = "the backup test's key";
    let (mut server, base) = start_server(env, key, "server.log");
    // MongoDB's backup pauses the writes of every process: two servers share the store.
    let mut bases = vec![base];
    let mut second = mongo.then(|| {
        let (server, base) = start_server(env, key, "second.log");
        bases.push(base);
        server
    });
    let racing = AtomicBool::new(true);
    let mut backups = Vec::new();
    std::thread::scope(|scope| {
        let racers = scope.spawn(|| {
            common::block_on(async {
                let mut racers = tokio::task::JoinSet::new();
                for name in &names {
                    let (bases, name) = (bases.clone(), name.clone());
                    racers.spawn(async move { work_across(&bases, &name).await });
                }
                racers.join_all().await
            });
            racing.store(false, Ordering::SeqCst);
        });
        // Backups one after another for as long as the volunteers work, in each format.
        while racing.load(Ordering::SeqCst) {
            let name = format!("during-{}.sqlite{}", backups.len(), suffix(backups.len()));
            env.run(&["db", "backup", &name]).ok();
            backups.push(name);
            if mongo {
                std::thread::sleep(MONGO_BACKUP_GAP);
            }
        }
        racers.join().expect("the volunteers' thread");
    });
    // Taken while the server still runs: what it wrote last may be only in SQLite's log yet.
    env.run(&["db", "backup", "after.sqlite.gz"]).ok();
    terminate(&mut server);
    if let Some(second) = &mut second {
        terminate(second);
    }
    let answers_seen: Vec<u64> = backups
        .iter()
        .map(|name| consistent_answers(env, name))
        .collect();
    assert!(
        answers_seen
            .iter()
            .any(|n| *n > 0 && *n < u64::from(task_count) * REDUNDANCY as u64),
        "no backup was taken in the middle of the work: {answers_seen:?}"
    );
    // After the work, the backup is the store: the same export, byte for byte.
    assert_eq!(
        consistent_answers(env, "after.sqlite.gz"),
        u64::from(task_count) * REDUNDANCY as u64
    );
    // Only its owner reads it: it holds e-mail addresses and password hashes.
    #[cfg(unix)]
    for name in ["after.sqlite.gz", "during-0.sqlite"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path(name))
            .expect("backup")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }
    let restored = restore(env, "after.sqlite.gz");
    let export = ["db", "export", "tagging_task", "--include-open"];
    assert_eq!(
        restored.run(&export).ok().stdout,
        env.run(&export).ok().stdout
    );
    let leftovers: Vec<String> = std::fs::read_dir(env.dir.path())
        .expect("scratch folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn suffix(n: usize) -> &'static str {
    ["", ".gz", ".bz2"][n % 3]
}

/// Restores `name` to a file of its own (decompressed, as an operator would), checks it with
/// SQLite's integrity check, and returns an environment on it.
fn restore(env: &Env, name: &str) -> Env {
    let mut raw = Vec::new();
    let file = std::fs::File::open(env.path(name)).expect("backup file");
    if name.ends_with(".gz") {
        flate2::read::GzDecoder::new(file).read_to_end(&mut raw)
    } else if name.ends_with(".bz2") {
        bzip2::read::BzDecoder::new(file).read_to_end(&mut raw)
    } else {
        std::io::BufReader::new(file).read_to_end(&mut raw)
    }
    .expect("read the backup");
    let restored = Env::new();
    std::fs::write(&restored.db, raw).expect("write the restored file");
    let conn = rusqlite::Connection::open(&restored.db).expect("the backup opens");
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(verdict, "ok", "{name}");
    restored
}

/// The answers in backup `name`, checked to be consistent: no task over its redundancy, and
/// the batch's counters (kept with every answer) equal to the answers stored.
fn consistent_answers(env: &Env, name: &str) -> u64 {
    let restored = restore(env, name);
    let export = restored
        .run(&["db", "export", "tagging_task", "--include-open"])
        .ok()
        .stdout;
    let mut answers = 0;
    let mut closed = 0;
    for line in export.lines() {
        let task: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let n = task.as_array().expect("a task's answers").len();
        assert!(n <= REDUNDANCY, "{name}: a task with {n} answers: {line}");
        answers += n as u64;
        closed += u64::from(n == REDUNDANCY);
    }
    let stats = restored.run(&["stats", "batch", "--json"]).ok().json();
    let batch = &stats[0];
    assert_eq!(
        (&batch["answers"], &batch["completed"]),
        (&serde_json::json!(answers), &serde_json::json!(closed)),
        "{name}: {stats}"
    );
    answers
}

#[test]
fn a_backup_never_replaces_a_file_and_leaves_nothing_when_it_fails() {
    let env = Env::new();
    env.init();
    env.write("taken.sqlite", b"an earlier backup");
    env.run(&["db", "backup", "taken.sqlite"])
        .fails_with(4, "taken.sqlite exists: a backup never replaces a file");
    assert_eq!(
        std::fs::read(env.path("taken.sqlite")).expect("file"),
        b"an earlier backup"
    );
    env.run(&["db", "backup", "-"])
        .fails_with(5, "a backup is written to a file");
    // Another backup to the same name is under way (or was stopped half-way).
    env.write("busy.sqlite.snapshot.partial", b"");
    env.run(&["db", "backup", "busy.sqlite"])
        .fails_with(4, "another backup to this name is running");
    assert!(!env.dir.path().join("busy.sqlite").exists());
    std::fs::remove_file(env.path("busy.sqlite.snapshot.partial")).expect("remove");
    env.run(&["db", "backup", "no-such-folder/backup.sqlite.gz"])
        .fails_with(3, "folder for the backup not found: no-such-folder");
    // A link to nowhere is a name taken too (writing through it would land elsewhere).
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(env.path("nowhere"), env.path("dangling.sqlite"))
            .expect("symlink");
        env.run(&["db", "backup", "dangling.sqlite"])
            .fails_with(4, "dangling.sqlite exists: a backup never replaces a file");
        std::fs::remove_file(env.path("dangling.sqlite")).expect("remove");
        assert!(!env.dir.path().join("nowhere").exists());
    }
    // SQLite's names for a database's companion files: SQLite would delete or overwrite it.
    for name in ["vulyk.db-journal", "backup-wal", "other.sqlite-SHM"] {
        env.run(&["db", "backup", name])
            .fails_with(5, "SQLite's own name");
        assert!(!env.dir.path().join(name).exists(), "{name}");
    }
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .expect("scratch folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("vulyk.db") && name != "taken.sqlite")
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
