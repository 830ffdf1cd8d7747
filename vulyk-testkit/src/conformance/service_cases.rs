//! Cases that drive the services: their rules must hold whichever backend is underneath.

use std::io::Write;

use serde_json::json;
use vulyk_core::Error;
use vulyk_core::domain::{NewUser, TaskId, UserId};
use vulyk_core::fixture::Fixture;
use vulyk_core::service::{LoadRequest, LoadSummary, UserRef, verify_password};

pub(super) fn no_progress(_: &vulyk_core::service::LoadProgress) {}

pub(super) async fn load(f: &Fixture, request: LoadRequest) -> vulyk_core::Result<LoadSummary> {
    f.vulyk.load(request, &no_progress).await
}

pub(super) fn request(task_type: &str, inputs: &[&str], batch: Option<&str>) -> LoadRequest {
    LoadRequest {
        batch: batch.map(str::to_string),
        ..LoadRequest::new(task_type, inputs.iter().map(|s| s.to_string()).collect())
    }
}

pub(super) fn lines(range: std::ops::Range<u32>) -> String {
    range
        .map(|n| format!("{{\"n\": {n}, \"text\": \"речення {n}\"}}\n"))
        .collect()
}

pub(super) async fn init(f: &Fixture) {
    f.vulyk.init(&["fake_task".to_string()]).await.unwrap();
}

async fn assert_no_trace_of(f: &Fixture, batch: &str) {
    assert_eq!(f.store.batch(batch).await.unwrap(), None);
    assert_eq!(f.store.count_tasks_in_batch(batch).await.unwrap(), 0);
}

pub async fn init_creates_default_group_and_attaches_users(f: &Fixture) {
    f.store
        .insert_group(&vulyk_core::domain::Group {
            id: "other".into(),
            description: String::new(),
            allowed_types: vec![],
        })
        .await
        .unwrap();
    for name in ["a", "b", "c"] {
        f.store
            .insert_user(&NewUser {
                id: UserId::generate(),
                username: name.into(),
                email: format!("{name}@x.org"),
                name: String::new(),
                admin: false,
                groups: vec!["other".into()],
                password_hash: None,
                created_at: chrono::Utc::now(),
            })
            .await
            .unwrap();
    }
    let outcome = f.vulyk.init(&["fake_task".into()]).await.unwrap();
    assert!(outcome.created && outcome.changed);
    assert_eq!(outcome.users_added, 3);
    let outcome = f
        .vulyk
        .init(&["gamified_task".into(), "fake_task".into()])
        .await
        .unwrap();
    assert!(!outcome.created && outcome.changed);
    assert_eq!(outcome.users_added, 0);
    let group = f.vulyk.group("default").await.unwrap();
    assert_eq!(group.allowed_types, ["gamified_task", "fake_task"]);
    assert_eq!(group.description, "default group");
    for user in f.vulyk.users().await.unwrap() {
        assert_eq!(user.groups, ["other", "default"]);
    }
    let again = f
        .vulyk
        .init(&["fake_task".into(), "gamified_task".into()])
        .await
        .unwrap();
    assert!(!again.changed);
}

pub async fn init_refuses_unknown_or_no_types(f: &Fixture) {
    let err = f.vulyk.init(&[]).await.unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    let err = f
        .vulyk
        .init(&["fake_task".into(), "nope_task".into()])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { name, .. } if name.contains("nope_task")),
        "{err:?}"
    );
    assert_eq!(f.store.group("default").await.unwrap(), None);
}

pub async fn new_users_join_the_default_group(f: &Fixture) {
    let err = f
        .vulyk
        .add_user("ivan", "ivan@x.org", "", false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    init(f).await;
    let user = f
        .vulyk
        .add_user("ivan", " Ivan@X.org", "Іван", false)
        .await
        .unwrap();
    assert_eq!(user.groups, ["default"]);
    assert_eq!(user.email, "ivan@x.org");
    let err = f
        .vulyk
        .add_user("ivan2", "IVAN@x.org", "", false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    let err = f
        .vulyk
        .add_user("bad name", "b@x.org", "", false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    let err = f
        .vulyk
        .add_user("b", "not-an-email", "", false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert_eq!(f.vulyk.users().await.unwrap().len(), 1);
}

pub async fn user_is_found_by_username_or_email(f: &Fixture) {
    init(f).await;
    let user = f
        .vulyk
        .add_user("mutumba", "mutumba@email.com", "", false)
        .await
        .unwrap();
    assert_eq!(f.vulyk.user(&"mutumba".into()).await.unwrap(), user);
    assert_eq!(
        f.vulyk.user(&"Mutumba@Email.com".into()).await.unwrap(),
        user
    );
    assert_eq!(
        f.vulyk.user_by_id(user.id.as_str()).await.unwrap(),
        Some(user.clone())
    );
    assert_eq!(f.vulyk.user_by_id("mutumba").await.unwrap(), None);
    let err = f.vulyk.user(&"nobody".into()).await.unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { kind: "user", name } if name == "nobody"),
        "{err:?}"
    );
    let before = f.vulyk.set_admin(&"mutumba".into(), true).await.unwrap();
    assert!(!before.admin);
    assert!(f.vulyk.user(&"mutumba".into()).await.unwrap().admin);
    f.vulyk
        .delete_user(&"mutumba@email.com".into())
        .await
        .unwrap();
    assert!(f.vulyk.users().await.unwrap().is_empty());
}

pub async fn group_commands_name_what_is_unknown(f: &Fixture) {
    init(f).await;
    f.vulyk.add_user("u", "u@x.org", "", false).await.unwrap();
    let user = UserRef::from("u");
    let ghost = UserRef::from("ghost");
    let not_found = |err: Error, what: &str| {
        assert!(
            matches!(&err, Error::NotFound { .. }) && err.to_string().contains(what),
            "{err:?}"
        );
    };
    let sorted = |mut types: Vec<String>| {
        types.sort();
        types
    };
    not_found(
        f.vulyk.assign("nogroup", &user).await.unwrap_err(),
        "nogroup",
    );
    not_found(
        f.vulyk.assign("default", &ghost).await.unwrap_err(),
        "ghost",
    );
    not_found(
        f.vulyk.delete_group("nogroup").await.unwrap_err(),
        "nogroup",
    );
    not_found(
        f.vulyk
            .add_group_type("default", "nope_task")
            .await
            .unwrap_err(),
        "nope_task",
    );
    not_found(
        f.vulyk
            .add_group_type("nogroup", "fake_task")
            .await
            .unwrap_err(),
        "nogroup",
    );
    not_found(
        f.vulyk
            .remove_group_type("default", "gamified_task")
            .await
            .unwrap_err(),
        "gamified_task",
    );

    let err = f.vulyk.add_group("_bad", "").await.unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    f.vulyk.add_group("team_1", "Команда").await.unwrap();
    let err = f.vulyk.add_group("team_1", "").await.unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");

    f.vulyk.assign("team_1", &user).await.unwrap();
    f.vulyk
        .add_group_type("team_1", "gamified_task")
        .await
        .unwrap();
    // Setting the types replaces them; an unknown one among them changes nothing.
    let both = ["fake_task".to_string(), "gamified_task".to_string()];
    let group = f.vulyk.set_group_types("team_1", &both).await.unwrap();
    assert_eq!(sorted(group.allowed_types), both);
    let typo = ["fake_task".to_string(), "nope_task".to_string()];
    not_found(
        f.vulyk.set_group_types("team_1", &typo).await.unwrap_err(),
        "nope_task",
    );
    assert_eq!(
        sorted(f.vulyk.group("team_1").await.unwrap().allowed_types),
        both
    );
    let group = f.vulyk.set_group_types("team_1", &both[1..]).await.unwrap();
    assert_eq!(group.allowed_types, ["gamified_task"]);
    // A new group with its types: a typo among them makes no group.
    not_found(
        f.vulyk
            .add_group_allowing("team_2", &typo)
            .await
            .unwrap_err(),
        "nope_task",
    );
    not_found(f.vulyk.group("team_2").await.unwrap_err(), "team_2");
    let group = f.vulyk.add_group_allowing("team_2", &both).await.unwrap();
    assert_eq!(sorted(group.allowed_types), both);
    not_found(
        f.vulyk
            .resign("team_1", &UserRef::from("ghost"))
            .await
            .unwrap_err(),
        "ghost",
    );
    f.vulyk.resign("default", &user).await.unwrap();
    not_found(
        f.vulyk.resign("default", &user).await.unwrap_err(),
        "default",
    );
    assert_eq!(f.vulyk.user(&user).await.unwrap().groups, ["team_1"]);
    let views = f.vulyk.groups().await.unwrap();
    let team = views.iter().find(|v| v.group.id == "team_1").unwrap();
    assert_eq!(
        (team.members, team.group.allowed_types.clone()),
        (1, vec!["gamified_task".to_string()])
    );
    f.vulyk.delete_group("team_1").await.unwrap();
    assert!(f.vulyk.user(&user).await.unwrap().groups.is_empty());
}

pub async fn passwords_are_hashed(f: &Fixture) {
    init(f).await;
    f.vulyk.add_user("u", "u@x.org", "", false).await.unwrap();
    let err = f
        .vulyk
        .set_password(&"u".into(), "short")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    f.vulyk
        .set_password(&"u".into(), "довгий пароль")
        .await
        .unwrap();
    let hash = f
        .vulyk
        .user(&"u".into())
        .await
        .unwrap()
        .password_hash
        .unwrap();
    assert!(verify_password("довгий пароль", &hash));
    assert!(!hash.contains("довгий"));
}

pub async fn load_reads_all_formats_with_the_same_ids(f: &Fixture) {
    let plain = f.file(
        "tasks.jsonl",
        "{\"sentence\": \"Кіт спить\"}\n\n{}\n".as_bytes(),
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(
        b"{ \"link\": \"https://example.org/decl/0001.pdf\", \"year\": 2015, \"ratio\": 0.5 }\r\n",
    )
    .unwrap();
    let gz = f.file("tasks.gz", &gz.finish().unwrap());
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    bz.write_all(lines(0..3).as_bytes()).unwrap();
    let bz = f.file("data.bin", &bz.finish().unwrap());

    let summary = load(f, request("fake_task", &[&plain, &gz, &bz], Some("mixed")))
        .await
        .unwrap();
    assert_eq!(
        (summary.loaded, summary.duplicates, summary.skipped_empty),
        (5, 0, 2)
    );
    assert_eq!(summary.inputs, 3);
    assert!(!summary.batch_existed);
    assert_eq!(
        (summary.batch.tasks_count, summary.batch.loading),
        (5, false)
    );
    // Computed by hand: sha1sum of the compact JSON, first 20 hex digits.
    for id in ["13aa93ad088d134b02d9", "cb6acd2681818239e323"] {
        let task = f.store.task(&TaskId::from_stored(id.into())).await.unwrap();
        assert_eq!(task.expect(id).batch.as_deref(), Some("mixed"));
    }
    let task = f
        .store
        .task(&TaskId::from_stored("13aa93ad088d134b02d9".into()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(task.data, json!({"sentence": "Кіт спить"}));
}

pub async fn bad_line_leaves_the_store_as_it_was(f: &Fixture) {
    let good = f.file("good.jsonl", lines(100..103).as_bytes());
    load(f, request("fake_task", &[&good], None)).await.unwrap();
    let before = f.store.batch("default").await.unwrap();
    let bad = f.file(
        "bad.jsonl",
        format!("{}{{\"n\": 9,, }}\n{}", lines(0..4), lines(4..6)).as_bytes(),
    );
    let mut req = request("fake_task", &[&bad], Some("fresh"));
    req.chunk_lines = 2; // the first chunks are written before the bad line is seen
    let err = load(f, req).await.unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert_eq!(err.to_string(), format!("{bad}:5:9: key must be a string"));
    assert_no_trace_of(f, "fresh").await;
    assert_eq!(f.store.batch("default").await.unwrap(), before);
    assert_eq!(f.store.batches(None).await.unwrap().len(), 1);
}

pub async fn bad_line_in_extended_batch_restores_it(f: &Fixture) {
    let good = f.file("good.jsonl", lines(0..3).as_bytes());
    load(f, request("fake_task", &[&good], None)).await.unwrap();
    let before = f.store.batch("default").await.unwrap();
    let bad = f.file("bad.jsonl", format!("{}[1, 2]\n", lines(3..8)).as_bytes());
    let mut req = request("fake_task", &[&bad], None);
    req.chunk_lines = 2;
    let err = load(f, req).await.unwrap_err();
    assert!(
        err.to_string()
            .ends_with("bad.jsonl:6:1: each task must be a JSON object, not an array"),
        "{err}"
    );
    assert_eq!(f.store.batch("default").await.unwrap(), before);
    assert_eq!(f.store.count_tasks_in_batch("default").await.unwrap(), 3);
}

pub async fn skip_invalid_writes_rejects_and_loads_the_rest(f: &Fixture) {
    let input = f.file(
        "mixed.jsonl",
        format!("{}not json\n{}\"a string\"\n", lines(0..2), lines(2..4)).as_bytes(),
    );
    let mut req = request("fake_task", &[&input], Some("b"));
    req.rejects = Some(f.path("rejects.jsonl"));
    req.chunk_lines = 3;
    let summary = load(f, req).await.unwrap();
    assert_eq!((summary.loaded, summary.rejected), (4, 2));
    let locations: Vec<&str> = summary
        .rejects
        .iter()
        .map(|r| r.location.as_str())
        .collect();
    assert_eq!(locations, [format!("{input}:3:2"), format!("{input}:6:1")]);
    let rejects = std::fs::read_to_string(f.path("rejects.jsonl")).unwrap();
    assert_eq!(rejects, "not json\n\"a string\"\n");
    assert_eq!(f.store.batch("b").await.unwrap().unwrap().tasks_count, 4);
}

pub async fn second_load_is_a_no_op(f: &Fixture) {
    let input = f.file(
        "tasks.jsonl",
        format!("{}{}", lines(0..5), lines(2..4)).as_bytes(),
    );
    let first = load(f, request("fake_task", &[&input], None))
        .await
        .unwrap();
    assert_eq!((first.loaded, first.duplicates), (5, 2));
    let second = load(f, request("fake_task", &[&input], None))
        .await
        .unwrap();
    assert_eq!((second.loaded, second.duplicates), (0, 7));
    assert!(second.batch_existed);
    let batch = f.store.batch("default").await.unwrap().unwrap();
    assert_eq!((batch.tasks_count, batch.loading), (5, false));
}

pub async fn batch_rules_are_checked_before_reading(f: &Fixture) {
    let input = f.file("tasks.jsonl", lines(0..2).as_bytes());
    load(f, request("fake_task", &[&input], Some("named")))
        .await
        .unwrap();
    let missing = f.path("missing.jsonl").to_string_lossy().into_owned();
    // Refused by the batch rules before the missing input is noticed.
    let err = load(f, request("fake_task", &[&missing], Some("named")))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Conflict(m) if m.contains("--extend")),
        "{err:?}"
    );
    let err = load(f, request("gamified_task", &[&missing], Some("named")))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Conflict(m) if m.contains("fake_task")),
        "{err:?}"
    );
    let err = load(f, request("nope_task", &[&missing], None))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let err = load(f, request("fake_task", &[&input], Some("bad id!")))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    let err = load(f, request("fake_task", &[&missing], Some("other")))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert_no_trace_of(f, "other").await;

    assert_eq!(f.vulyk.batches(Some("fake_task")).await.unwrap().len(), 1);
    assert!(
        f.vulyk
            .batches(Some("gamified_task"))
            .await
            .unwrap()
            .is_empty()
    );
    let err = f.vulyk.batches(Some("nope_task")).await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");

    let more = f.file("more.jsonl", lines(2..5).as_bytes());
    let mut req = request("fake_task", &[&more], Some("named"));
    req.extend = true;
    let summary = load(f, req).await.unwrap();
    assert_eq!((summary.loaded, summary.batch.tasks_count), (3, 5));
}

pub async fn meta_overrides_apply_to_new_batches(f: &Fixture) {
    let input = f.file("tasks.jsonl", lines(0..2).as_bytes());
    let mut req = request("gamified_task", &[&input], Some("g1"));
    req.meta = vec![
        ("foo".into(), "barbaz".into()),
        ("bool1".into(), "true".into()),
        ("bool2".into(), "false".into()),
        ("points_per_task".into(), "2.5".into()),
    ];
    let summary = load(f, req.clone()).await.unwrap();
    assert_eq!(
        serde_json::Value::Object(summary.batch.meta.clone()),
        json!({"points_per_task": 2.5, "coins_per_task": 1.0, "is_important": false,
               "foo": "barbaz", "int": 1, "float": 0.1, "bool1": true, "bool2": false})
    );
    // The same command again (as when resuming) is accepted; other meta is not.
    req.extend = true;
    load(f, req.clone()).await.unwrap();
    req.meta = vec![("int".into(), "2".into())];
    let err = load(f, req).await.unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");

    let mut req = request("gamified_task", &[&input], Some("g2"));
    req.meta = vec![("newshit".into(), "1".into())];
    let err = load(f, req).await.unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(m) if m.contains("newshit")),
        "{err:?}"
    );
    let mut req = request("gamified_task", &[&input], Some("g2"));
    req.meta = vec![("int".into(), "simplywrong".into())];
    assert!(matches!(load(f, req).await.unwrap_err(), Error::Invalid(_)));
    assert_no_trace_of(f, "g2").await;
}

pub async fn load_of_nothing_new_leaves_no_empty_batch(f: &Fixture) {
    let empty = f.file("empty.jsonl", b"\n  \n{}\nnull\n");
    let summary = load(f, request("fake_task", &[&empty], Some("b")))
        .await
        .unwrap();
    assert_eq!((summary.loaded, summary.skipped_empty), (0, 4));
    assert_no_trace_of(f, "b").await;
}

pub async fn a_cancelled_load_leaves_nothing(f: &Fixture) {
    init(f).await;
    let input = f.file("tasks.jsonl", lines(0..50).as_bytes());
    load(f, request("fake_task", &[&input], Some("kept")))
        .await
        .unwrap();
    let more = f.file("more.jsonl", lines(50..5000).as_bytes());
    let flag = vulyk_core::service::CancelFlag::default();
    let mut req = request("fake_task", &[&more], Some("kept"));
    req.extend = true;
    req.chunk_lines = 100;
    req.cancel = Some(flag.clone());
    flag.cancel();
    let err = load(f, req).await.unwrap_err();
    assert!(matches!(err, Error::Cancelled(_)), "{err:?}");
    // The extended batch is as it was: its 50 tasks, complete.
    let batch = f.store.batch("kept").await.unwrap().unwrap();
    assert_eq!((batch.tasks_count, batch.loading), (50, false));
    assert_eq!(f.store.count_tasks_in_batch("kept").await.unwrap(), 50);
}

pub async fn loads_racing_to_create_a_batch_they_may_grow_both_land(f: &Fixture) {
    for round in 0..3 {
        // Tasks are unique across batches: each round brings new ones.
        let base = round * 100;
        let first = f.file("first.jsonl", lines(base..base + 40).as_bytes());
        let second = f.file("second.jsonl", lines(base + 30..base + 70).as_bytes());
        // A named batch with --extend, and the default batch, which may always grow.
        let batch = if round != 1 {
            format!("raced{round}")
        } else {
            "default".to_string()
        };
        let racers: Vec<_> = [&first, &second]
            .into_iter()
            .map(|input| {
                let mut request = request("fake_task", &[input], Some(&batch));
                request.extend = true;
                let vulyk = f.vulyk.clone();
                tokio::spawn(async move { vulyk.load(request, &no_progress).await })
            })
            .collect();
        for racer in racers {
            racer
                .await
                .unwrap()
                .unwrap_or_else(|e| panic!("{batch}: {e}"));
        }
        let stored = f.store.batch(&batch).await.unwrap().unwrap();
        assert_eq!(stored.tasks_count, 70, "{batch}");
        assert!(!stored.loading, "{batch}");
        assert_eq!(f.store.count_tasks_in_batch(&batch).await.unwrap(), 70);
    }
}
