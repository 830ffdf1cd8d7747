//! `vulyk db load` end to end: formats, ids, errors, idempotence, kill -9 and resume.

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::{Backend, Env, fixture, numbered_lines};

on_both_backends!(
    fixtures_load_in_all_three_formats,
    ids_are_the_original_content_hashes,
    a_bad_line_is_located_and_changes_nothing,
    skip_invalid_sends_bad_lines_to_the_rejects_file,
    loading_the_same_input_twice_is_a_no_op,
    standard_input_and_quoted_globs_are_read,
    batches_grow_only_when_allowed,
    meta_overrides_are_typed_and_named,
    a_killed_load_resumes_exactly,
    a_load_whose_input_pauses_shows_what_it_has,
);

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

fn bzip2(bytes: &[u8]) -> Vec<u8> {
    let mut enc = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    enc.write_all(bytes).expect("bzip2");
    enc.finish().expect("bzip2")
}

fn fixtures_load_in_all_three_formats(env: &Env) {
    env.init();
    let run = env.run(&[
        "db",
        "load",
        "tagging_task",
        &fixture("tasks/tagging_task"),
        "--batch",
        "01_tagging",
        "--json",
    ]);
    let summary = run.ok().json();
    assert_eq!(summary["inputs"], 3);
    assert_eq!(summary["loaded"], 120 + 80 + 60);
    assert_eq!(summary["duplicates"], 0);
    assert_eq!(summary["batch_status"], "open");
    assert_eq!(env.batches()["01_tagging"]["tasks"], 260);

    // The same content compressed another way has the same ids: all duplicates.
    let plain = std::fs::read(fixture("tasks/tagging_task/part-1.jsonl")).expect("fixture");
    for (name, bytes) in [
        ("copy.gz", gzip(&plain)),
        ("copy.bz2", bzip2(&plain)),
        ("copy", plain.clone()),
    ] {
        let path = env.write(name, &bytes);
        let summary = env
            .run(&[
                "db",
                "load",
                "tagging_task",
                &path,
                "--batch",
                "01_tagging",
                "--extend",
                "--json",
            ])
            .ok()
            .json();
        assert_eq!(
            (summary["loaded"].as_u64(), summary["duplicates"].as_u64()),
            (Some(0), Some(120)),
            "{name}"
        );
    }
    let decl = env
        .run(&[
            "db",
            "load",
            "declaration_task",
            &fixture("tasks/declaration_task/*.jsonl*"),
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(decl["loaded"], 260);
    assert_eq!(env.batches()["default"]["meta"]["points_per_task"], 1.0);
}

fn ids_are_the_original_content_hashes(env: &Env) {
    env.init();
    let input = env.write(
        "ids.jsonl",
        "{\"sentence\": \"Кіт спить\"}\n{ \"link\": \"https://example.org/decl/0001.pdf\", \"year\": 2015, \"ratio\": 0.5 }\n{\"a\": 1e2, \"b\": [true, null], \"c\": \"\\u0457\\\"\\\\\"}\n"
            .as_bytes(),
    );
    env.run(&["db", "load", "tagging_task", &input]).ok();
    // First 20 hex digits of `sha1sum` over the compact JSON, computed outside Vulyk.
    for id in [
        "13aa93ad088d134b02d9",
        "cb6acd2681818239e323",
        "d93d3cb7f624696ca87f",
    ] {
        assert_eq!(env.batch_of_task(id).as_deref(), Some("default"), "{id}");
    }
}

fn a_bad_line_is_located_and_changes_nothing(env: &Env) {
    env.init();
    env.run(&[
        "db",
        "load",
        "tagging_task",
        &fixture("tasks/tagging_task/part-1.jsonl"),
    ])
    .ok();
    let before = env.batches();
    let bad = env.write(
        "bad.jsonl",
        format!(
            "{}{{\"n\": 1,, }}\n{}",
            numbered_lines(0..5000),
            numbered_lines(5000..5010)
        )
        .as_bytes(),
    );
    for batch in ["default", "fresh"] {
        let run = env.run(&[
            "db",
            "load",
            "tagging_task",
            &bad,
            "--batch",
            batch,
            "--chunk-lines",
            "100",
        ]);
        run.fails_with(5, &format!("{bad}:5001:9: key must be a string"));
        assert_eq!(env.batches(), before, "after a failed load into {batch}");
    }
    let not_object = env.write("array.jsonl", b"{\"a\": 1}\n  [1, 2]\n");
    env.run(&[
        "db",
        "load",
        "tagging_task",
        &not_object,
        "--batch",
        "fresh",
    ])
    .fails_with(
        5,
        &format!("{not_object}:2:3: each task must be a JSON object, not an array"),
    );
    assert_eq!(env.batches(), before);
}

fn skip_invalid_sends_bad_lines_to_the_rejects_file(env: &Env) {
    env.init();
    let input = env.write(
        "mixed.jsonl",
        format!(
            "{}not json\n\n{{}}\n{}\"text\"\n",
            numbered_lines(0..3),
            numbered_lines(3..5)
        )
        .as_bytes(),
    );
    let rejects = env.path("rejects.jsonl");
    let run = env.run(&[
        "db",
        "load",
        "tagging_task",
        &input,
        "--skip-invalid",
        "--rejects",
        &rejects,
        "--json",
    ]);
    let run = run.ok();
    let summary = run.json();
    assert_eq!(summary["loaded"], 5);
    assert_eq!(summary["rejected"], 2);
    assert_eq!(summary["skipped_empty"], 2);
    assert_eq!(summary["rejects"][0]["location"], format!("{input}:4:2"));
    assert!(
        run.stderr.contains(&format!("skipped {input}:9:1")),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&rejects).expect("rejects"),
        "not json\n\"text\"\n"
    );
    // --skip-invalid without a rejects file would lose the lines: refused as a usage error.
    env.run(&["db", "load", "tagging_task", &input, "--skip-invalid"])
        .fails_with(2, "--rejects");
}

fn loading_the_same_input_twice_is_a_no_op(env: &Env) {
    env.init();
    let input = env.write("tasks.jsonl", numbered_lines(0..500).as_bytes());
    let first = env
        .run(&["db", "load", "tagging_task", &input, "--json"])
        .ok()
        .json();
    assert_eq!(first["loaded"], 500);
    let second = env
        .run(&["db", "load", "tagging_task", &input, "--json"])
        .ok()
        .json();
    assert_eq!(
        (second["loaded"].as_u64(), second["duplicates"].as_u64()),
        (Some(0), Some(500))
    );
    assert_eq!(env.batches()["default"]["tasks"], 500);
}

fn standard_input_and_quoted_globs_are_read(env: &Env) {
    env.init();
    let run = env.run_with_stdin(
        &[
            "db",
            "load",
            "tagging_task",
            "-",
            "--batch",
            "piped",
            "--json",
        ],
        &gzip(numbered_lines(0..40).as_bytes()),
    );
    assert_eq!(run.ok().json()["loaded"], 40);
    env.write("a.jsonl", numbered_lines(100..110).as_bytes());
    env.write("b.jsonl", numbered_lines(110..125).as_bytes());
    let pattern = env.path("*.jsonl");
    let summary = env
        .run(&["db", "load", "tagging_task", &pattern, "--json"])
        .ok()
        .json();
    assert_eq!(
        (summary["inputs"].as_u64(), summary["loaded"].as_u64()),
        (Some(2), Some(25))
    );
    env.run(&["db", "load", "tagging_task", &env.path("*.none")])
        .fails_with(3, "no file matches");
    env.run(&["db", "load", "tagging_task", &env.path("missing.jsonl")])
        .fails_with(3, "missing.jsonl");
}

fn batches_grow_only_when_allowed(env: &Env) {
    env.init();
    let first = env.write("1.jsonl", numbered_lines(0..10).as_bytes());
    let second = env.write("2.jsonl", numbered_lines(10..30).as_bytes());
    env.run(&["db", "load", "tagging_task", &first, "--batch", "named"])
        .ok();
    env.run(&["db", "load", "tagging_task", &second, "--batch", "named"])
        .fails_with(4, "batch `named` already exists; pass --extend");
    env.run(&[
        "db",
        "load",
        "declaration_task",
        &second,
        "--batch",
        "named",
        "--extend",
    ])
    .fails_with(4, "holds tasks of type tagging_task");
    env.run(&["db", "load", "nope_task", &second])
        .fails_with(3, "task type not found: nope_task");
    assert_eq!(env.batches()["named"]["tasks"], 10);
    env.run(&[
        "db",
        "load",
        "tagging_task",
        &second,
        "--batch",
        "named",
        "--extend",
    ])
    .ok();
    assert_eq!(env.batches()["named"]["tasks"], 30);
    // The default batch always grows.
    let run = env.run(&["db", "load", "tagging_task", &first]).ok(); // all duplicates
    assert!(
        run.stdout.contains("batch default was not created"),
        "{}",
        run.stdout
    );
    assert!(!env.batches().contains_key("default"));
    let third = env.write("3.jsonl", numbered_lines(30..35).as_bytes());
    env.run(&["db", "load", "tagging_task", &third]).ok();
    let fourth = env.write("4.jsonl", numbered_lines(35..37).as_bytes());
    env.run(&["db", "load", "tagging_task", &fourth]).ok();
    assert_eq!(env.batches()["default"]["tasks"], 7);
}

fn meta_overrides_are_typed_and_named(env: &Env) {
    env.init();
    let input = env.write("d.jsonl", numbered_lines(0..3).as_bytes());
    let args = |meta: &'static str| {
        vec![
            "db",
            "load",
            "declaration_task",
            input.as_str(),
            "--batch",
            "d1",
            "--meta",
            meta,
        ]
    };
    env.run(&args("newshit=1"))
        .fails_with(5, "meta key `newshit` doesn't exist");
    env.run(&args("points_per_task=lots"))
        .fails_with(5, "cannot be converted to a number");
    env.run(&args("no-equals-sign")).fails_with(2, "KEY=VALUE");
    assert!(env.batches().is_empty());
    env.run(&args("is_important=false")).ok();
    assert_eq!(env.batches()["d1"]["meta"]["is_important"], false);
}

/// A load killed with SIGKILL leaves its batch incomplete with an exact count; running the
/// same command again completes it exactly.
fn a_killed_load_resumes_exactly(env: &Env) {
    // Enough that the load is still running when it is killed, on either backend.
    let total: u32 = match env.backend {
        Backend::Sqlite => 200_000,
        Backend::Mongo => 20_000,
    };
    env.init();
    let input = env.write("big.jsonl", numbered_lines(0..total).as_bytes());
    let args = [
        "db",
        "load",
        "tagging_task",
        input.as_str(),
        "--batch",
        "big",
        "--chunk-lines",
        "500",
    ];
    // The first half arrives through a pipe that stays open, so the load is still waiting
    // for input when it is killed, however fast the machine (a file could be done first).
    let from_stdin = [&args[..3], &["-"], &args[4..]].concat();
    let mut child = env
        .command(&from_stdin)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("spawn load");
    let mut pipe = child.stdin.take().expect("stdin");
    let first_half = total / 2;
    let feeder = std::thread::spawn(move || {
        use std::io::Write as _;
        // In paced pieces: the SQLite load commits on an insert 2 s after the last commit,
        // so lines must keep arriving. Writes fail with a broken pipe once the load is
        // killed; that is expected.
        for start in (0..first_half).step_by(1000) {
            let piece = numbered_lines(start..(start + 1000).min(first_half));
            if pipe.write_all(piece.as_bytes()).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        pipe
    });
    let started = Instant::now();
    let mut seen = 0;
    while seen < 2_000 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the load never got going"
        );
        std::thread::sleep(Duration::from_millis(20));
        seen = env
            .batches()
            .get("big")
            .and_then(|b| b["tasks"].as_u64())
            .unwrap_or(0);
    }
    child.kill().expect("kill -9");
    child.wait().expect("reap");
    drop(feeder.join().expect("feeder"));

    let killed = env.batches()["big"].clone();
    assert_eq!(killed["status"], "incomplete", "{killed}");
    let stored = env.count_tasks_in_batch("big");
    let counted = killed["tasks"].as_u64().expect("tasks");
    match env.backend {
        // Tasks and count change in one transaction.
        Backend::Sqlite => assert_eq!(counted, stored),
        // Two writes without a transaction, and up to two chunk inserts in flight: a kill
        // between them leaves the count up to two chunks behind, until the resumed load
        // recounts.
        Backend::Mongo => assert!(
            counted <= stored && stored - counted <= 2 * 500,
            "{counted} {stored}"
        ),
    }
    assert!(
        counted < u64::from(total),
        "killed after it finished: {counted}"
    );

    let summary = env.run(&[&args[..], &["--json"]].concat()).ok().json();
    assert_eq!(summary["batch_existed"], true);
    assert_eq!(
        summary["loaded"].as_u64().expect("loaded") + stored,
        u64::from(total)
    );
    assert_eq!(summary["duplicates"].as_u64(), Some(stored));
    let done = &env.batches()["big"];
    assert_eq!(
        (done["status"].as_str(), done["tasks"].as_u64()),
        (Some("open"), Some(u64::from(total)))
    );
    assert_eq!(env.count_tasks_in_batch("big"), u64::from(total));
}

/// A load from a pipe that goes quiet (a slow download, say): what has arrived is stored and
/// counted while the load waits for more, not only when the input ends.
/// "What has been read is stored at least every 2 seconds, and within a second once the input
/// pauses": far fewer lines than a chunk holds, then the pipe pauses — they show within 3 s
/// (the margin is for the binary's start on a busy machine).
fn a_load_whose_input_pauses_shows_what_it_has(env: &Env) {
    use std::io::Write as _;
    env.init();
    let mut child = env
        .command(&["db", "load", "tagging_task", "-", "--batch", "slow"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("spawn load");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(numbered_lines(0..1000).as_bytes())
        .expect("write");
    pipe.flush().expect("flush");
    // The pipe stays open: the load is waiting for more.
    let written = Instant::now();
    loop {
        let shown = env
            .batches()
            .get("slow")
            .and_then(|b| b["tasks"].as_u64())
            .unwrap_or(0);
        if shown == 1000 {
            break;
        }
        assert!(
            written.elapsed() < Duration::from_secs(3),
            "the waiting load shows {shown} of the 1000 tasks it read"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        child.try_wait().expect("wait").is_none(),
        "still waiting for input"
    );
    assert_eq!(env.batches()["slow"]["status"], "incomplete");
    pipe.write_all(numbered_lines(1000..1500).as_bytes())
        .expect("write");
    drop(pipe);
    assert!(child.wait().expect("wait").success());
    let done = &env.batches()["slow"];
    assert_eq!(
        (done["status"].as_str(), done["tasks"].as_u64()),
        (Some("open"), Some(1500))
    );
}
