//! A database written by the original Python Vulyk (spec 2: `_cls` discriminators, ObjectId
//! user references, int32 counters, decimals stored as doubles, the gamification timestamp
//! strings) opens with `vulyk` and reads correctly without a byte changed, refuses writes until
//! `vulyk db upgrade`, and works after it.

mod common;

use common::Env;
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{DateTime, doc};

/// Inserts documents as mongoengine wrote them, with the driver, into the env's database.
fn write_original_documents(env: &Env) -> ObjectId {
    common::block_on(async {
        let client = mongodb::Client::with_uri_str(&env.db)
            .await
            .expect("client");
        let db = client.default_database().expect("database in URL");
        let ivan = ObjectId::new();
        let olena = ObjectId::new();
        db.collection("groups")
            .insert_one(doc! { "_id": "default", "description": "default group",
            "allowed_types": ["declaration_task"] })
            .await
            .expect("group");
        db.collection("user")
            .insert_many([
                doc! { "_id": ivan, "username": "ivan@example.org", "password": "", "name": "Іван",
                    "email": "ivan@example.org", "active": true, "admin": false,
                    "groups": ["default"], "last_login": DateTime::now(), "processed": 2_i32 },
                doc! { "_id": olena, "username": "olena@example.org", "password": "", "name": "Олена",
                    "email": "Olena@Example.org", "active": true, "admin": true,
                    "groups": ["default"], "last_login": DateTime::now(), "processed": 1_i32 },
            ])
            .await
            .expect("users");
        // Signed in through Twitter, which gives no address: the field is absent, null or "".
        db.collection("user")
            .insert_many([
                doc! { "_id": ObjectId::new(), "username": "tw_one", "password": "", "name": "One",
                    "active": true, "admin": false, "groups": ["default"],
                    "last_login": DateTime::now(), "processed": 0_i32 },
                doc! { "_id": ObjectId::new(), "username": "tw_two", "password": "", "name": "Two",
                    "email": null, "active": true, "admin": false, "groups": ["default"],
                    "last_login": DateTime::now(), "processed": 0_i32 },
                doc! { "_id": ObjectId::new(), "username": "tw_three", "password": "", "name": "Three",
                    "email": null, "active": true, "admin": false, "groups": ["default"],
                    "last_login": DateTime::now(), "processed": 0_i32 },
                doc! { "_id": ObjectId::new(), "username": "tw_four", "password": "", "name": "Four",
                    "email": "", "active": true, "admin": false, "groups": ["default"],
                    "last_login": DateTime::now(), "processed": 0_i32 },
                doc! { "_id": ObjectId::new(), "username": "tw_five", "password": "", "name": "Five",
                    "email": "", "active": true, "admin": false, "groups": ["default"],
                    "last_login": DateTime::now(), "processed": 0_i32 },
            ])
            .await
            .expect("users without an address");
        db.collection("batches")
            .insert_many([
                doc! { "_id": "01_declarations", "_cls": "Batch",
                "taskType": "declaration_task", "tasksCount": 2_i32, "tasksProcessed": 1_i32,
                "closed": false,
                "batchMeta": { "points_per_task": 1.0, "coins_per_task": 1.0, "is_important": true } },
                // A later load into it failed half way: one task stored, never counted.
                doc! { "_id": "dups", "_cls": "Batch", "taskType": "declaration_task",
                "tasksCount": 1_i32, "tasksProcessed": 0_i32, "closed": false, "batchMeta": {} },
            ])
            .await
            .expect("batches");
        db.collection("tasks")
            .insert_many([
                doc! { "_id": "3a4f00aa11bb22cc33dd", "_cls": "AbstractTask.DeclarationTask",
                "taskType": "declaration_task", "batch": "01_declarations", "usersCount": 2_i32,
                "usersProcessed": [ivan, olena], "usersSkipped": [], "closed": true,
                "task_data": { "link": "https://example.org/decl/0001.pdf",
                    "full_name": "Петренко Петро Петрович" } },
                doc! { "_id": "9f8e7d6c5b4a39281706", "_cls": "AbstractTask.DeclarationTask",
                "taskType": "declaration_task", "batch": "01_declarations", "usersCount": 1_i32,
                "usersProcessed": [ivan], "usersSkipped": [olena], "closed": false,
                "task_data": { "link": "https://example.org/decl/0002.pdf" } },
                doc! { "_id": "00000000000000000001", "_cls": "AbstractTask.DeclarationTask",
                "taskType": "declaration_task", "batch": "dups", "usersCount": 0_i32,
                "usersProcessed": [], "usersSkipped": [], "closed": false,
                "task_data": { "link": "https://example.org/decl/0003.pdf" } },
                doc! { "_id": "00000000000000000002", "_cls": "AbstractTask.DeclarationTask",
                "taskType": "declaration_task", "batch": "dups", "usersCount": 0_i32,
                "usersProcessed": [], "usersSkipped": [], "closed": false,
                "task_data": { "link": "https://example.org/decl/0004.pdf" } },
            ])
            .await
            .expect("tasks");
        db.collection("reports")
            .insert_one(doc! { "_cls": "AbstractAnswer.DeclarationAnswer",
            "task": "3a4f00aa11bb22cc33dd", "createdBy": ivan, "createdAt": DateTime::now(),
            "taskType": "declaration_task", "result": { "intro": { "declaration_year": "2013" } } })
            .await
            .expect("answer");
        db.collection("gamification.userState")
            .insert_one(
                doc! { "_cls": "UserStateModel", "user": ivan, "level": 1_i32, "points": 2.1,
                "actualCoins": 0.0,
                "potentialCoins": 2.0, "achievements": [],
                "lastChanged": "2023,12,31,23,59,59,999999,UTC" },
            )
            .await
            .expect("state");
        ivan
    })
}

#[test]
#[ignore = "needs the MongoDB test server"]
fn an_original_vulyk_database_opens_and_reads() {
    let env = Env::mongo();
    let ivan = write_original_documents(&env);

    let batches = env.run(&["batch", "list", "--json"]).ok().json();
    assert_eq!(
        batches[0],
        serde_json::json!({
            "id": "01_declarations", "task_type": "declaration_task", "status": "open",
            "tasks": 2, "closed_tasks": 1, "open_tasks": 1,
            "meta": { "points_per_task": 1.0, "coins_per_task": 1.0, "is_important": true }
        })
    );
    let types = env.run(&["task-type", "list", "--json"]).ok().json();
    let declaration = types
        .as_array()
        .expect("types")
        .iter()
        .find(|t| t["type"] == "declaration_task")
        .expect("declaration_task")
        .clone();
    assert_eq!(
        (
            declaration["tasks"].as_u64(),
            declaration["closed_tasks"].as_u64()
        ),
        // The batches' own counts: `dups` counts 1 of its 2 tasks until the upgrade.
        (Some(3), Some(1))
    );

    let user = env
        .run(&["user", "show", "ivan@example.org", "--json"])
        .ok()
        .json();
    assert_eq!(user["id"], ivan.to_hex());
    assert_eq!(user["processed"], 2);
    assert_eq!(user["has_password"], false);
    assert_eq!(user["groups"], serde_json::json!(["default"]));
    // The original's amounts are doubles and its times strings.
    let state = env
        .run(&["state", "show", "ivan@example.org", "--json"])
        .ok()
        .json();
    assert_eq!(
        (&state["level"], &state["points"], &state["potential_coins"]),
        (
            &serde_json::json!(1),
            &serde_json::json!(2.1),
            &serde_json::json!(2)
        ),
        "{state}"
    );
    assert_eq!(state["last_changed"], "2023-12-31 23:59:59", "{state}");
    let admins = env.run(&["admin", "list", "--json"]).ok().json();
    assert_eq!(admins[0]["username"], "olena@example.org");

    // Stats come from counters built from the original's documents when it was first opened.
    let stats = env.run(&["stats", "batch", "--json"]).ok().json();
    assert_eq!(
        (
            stats[0]["total"].as_u64(),
            stats[0]["completed"].as_u64(),
            stats[0]["answers"].as_u64()
        ),
        (Some(2), Some(1), Some(3))
    );
    assert_eq!(
        stats[0]["breakdown"],
        serde_json::json!([{ "answers": 1, "tasks": 1 }, { "answers": 2, "tasks": 1 }])
    );
    let leaders = env
        .run(&["stats", "leaders", "declaration_task", "--json"])
        .ok()
        .json();
    assert_eq!(leaders[0]["username"], "ivan@example.org");
    assert_eq!(leaders[0]["answers"], 1);
    // The closed task's answer comes out in the original's export format.
    let exported = env.run(&["db", "export", "declaration_task"]).ok().stdout;
    let line: serde_json::Value = serde_json::from_str(exported.trim()).expect("one JSON line");
    assert_eq!(
        line,
        serde_json::json!([{
            "task": { "id": "3a4f00aa11bb22cc33dd", "closed": true, "data": {
                "link": "https://example.org/decl/0001.pdf",
                "full_name": "Петренко Петро Петрович" } },
            "answer": { "intro": { "declaration_year": "2013" } },
            "user": { "username": "ivan@example.org", "email": "ivan@example.org" }
        }])
    );

    // Nothing is written before the upgrade; after it, a batch counts what it holds.
    env.run(&["batch", "del", "01_declarations", "--yes", "--purge"])
        .fails_with(4, "`vulyk db upgrade`");
    env.run(&["db", "upgrade"]).fails_with(2, "pass --yes");
    let upgraded = env.run(&["db", "upgrade", "--yes", "--json"]).ok().json();
    assert_eq!(
        upgraded,
        serde_json::json!({
            "already_current": false,
            "recounted": [{ "batch": "dups", "counted": 1, "stored": 2 }],
            "classes": [{ "task_type": "declaration_task",
                "task_class": "AbstractTask.DeclarationTask",
                "answer_class": "AbstractAnswer.DeclarationAnswer" }],
            "warnings": [],
        })
    );
    assert_eq!(env.batches()["dups"]["tasks"], 2);
    let types = env.run(&["task-type", "list", "--json"]).ok().json();
    assert!(
        types
            .as_array()
            .expect("types")
            .iter()
            .any(|t| t["type"] == "declaration_task" && t["tasks"] == 4),
        "{types}"
    );
    let again = env.run(&["db", "upgrade", "--yes", "--json"]).ok().json();
    assert_eq!(again["already_current"], true);
    // Addresses are kept lower-cased, so a user is found by theirs whatever its case.
    let olena = env
        .run(&["user", "show", "OLENA@example.ORG", "--json"])
        .ok()
        .json();
    assert_eq!(olena["username"], "olena@example.org", "{olena}");

    // Users without an address are listed, get tokens, and new users still need a unique one.
    let users = env.run(&["user", "list", "--json"]).ok().json();
    assert_eq!(users.as_array().map(Vec::len), Some(7), "{users}");
    env.run(&["user", "token", "create", "tw_two", "--name", "script"])
        .ok();
    env.run(&["user", "add", "newcomer", "--email", "new@example.org"])
        .ok();
    env.run(&["user", "add", "other", "--email", "NEW@example.org"])
        .fails_with(4, "already taken");

    // Collected answers are protected: the batch is refused without --purge.
    env.run(&["batch", "del", "01_declarations", "--yes"])
        .fails_with(4, "has 1 answers");
    let removed = env
        .run(&[
            "batch",
            "del",
            "01_declarations",
            "--yes",
            "--purge",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (removed["tasks"].as_u64(), removed["answers"].as_u64()),
        (Some(2), Some(1))
    );
}

/// Every collection's documents (in `_id` order, as canonical extended JSON) and indexes.
fn snapshot(env: &Env) -> Vec<(String, Vec<String>, Vec<String>)> {
    common::block_on(async {
        let client = mongodb::Client::with_uri_str(&env.db)
            .await
            .expect("client");
        let db = client.default_database().expect("database in URL");
        let mut names = db.list_collection_names().await.expect("collections");
        names.sort();
        let mut out = Vec::new();
        for name in names {
            let collection = db.collection::<mongodb::bson::Document>(&name);
            let mut cursor = collection
                .find(doc! {})
                .sort(doc! { "_id": 1 })
                .await
                .expect("find");
            let mut documents = Vec::new();
            while cursor.advance().await.expect("next") {
                let document = cursor.deserialize_current().expect("document");
                documents.push(
                    mongodb::bson::Bson::Document(document)
                        .into_canonical_extjson()
                        .to_string(),
                );
            }
            let mut indexes = collection.list_index_names().await.expect("indexes");
            indexes.sort();
            out.push((name, documents, indexes));
        }
        out
    })
}

#[test]
#[ignore = "needs the MongoDB test server"]
fn reading_an_original_database_changes_not_a_byte() {
    let env = Env::mongo();
    write_original_documents(&env);
    let before = snapshot(&env);
    for read in [
        &["batch", "list"][..],
        &["batch", "list", "--json"],
        &["task-type", "list"],
        &["user", "list"],
        &["user", "show", "ivan@example.org"],
        &["admin", "list"],
        &["group", "list"],
        &["stats", "batch"],
        &["stats", "leaders", "declaration_task"],
        &[
            "db",
            "export",
            "declaration_task",
            "--include-open",
            "--with-sessions",
        ],
        &["rules", "list"],
        &["funds", "list"],
    ] {
        env.run(read).ok();
        assert_eq!(snapshot(&env), before, "after vulyk {}", read.join(" "));
    }
    // A write is refused, naming the command that makes it possible; nothing is left half done.
    for write in [
        &["group", "add", "reviewers"][..],
        &["user", "add", "someone", "--email", "someone@example.org"],
        &["batch", "del", "dups", "--yes"],
    ] {
        env.run(write).fails_with(4, "`vulyk db upgrade`");
        assert_eq!(snapshot(&env), before, "after vulyk {}", write.join(" "));
    }
    let tasks = env.write("more.jsonl", b"{\"link\": \"https://example.org/5.pdf\"}\n");
    env.run(&["db", "load", "declaration_task", &tasks])
        .fails_with(4, "`vulyk db upgrade`");
    assert_eq!(snapshot(&env), before, "after a refused load");

    // The server would write on every request: it does not start.
    let refused = std::process::Command::new(common::server_bin())
        .args(["--db", &env.db, "--plugins", &common::fixture("plugins")])
        .args(["--listen", "127.0.0.1:0"])
        .current_dir(env.dir.path())
        .env_remove("VULYK_DB")
        .output()
        .expect("run vulyk-server");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{stderr}");
    assert!(stderr.contains("`vulyk db upgrade`"), "{stderr}");
    assert_eq!(snapshot(&env), before, "after vulyk-server");
}

/// The way back: an original database upgraded, worked on (answers, skips, rewards, rules,
/// funds with logos, tokens, sessions), then downgraded: every document has exactly the
/// shape the original's models read (`fixtures/original-models.toml`), nothing of ours is
/// left, the counts agree, and the database is an original one again.
#[test]
#[ignore = "needs the MongoDB test server"]
fn a_downgrade_gives_back_the_originals_shape() {
    let env = Env::mongo();
    write_original_documents(&env);
    env.run(&["db", "upgrade", "--yes"]).ok();
    work_on(&env);
    // Ivan's rewards came from the original (2.1 points as a double); his answer here added
    // one point and the first-steps rule's five to them, in our form.
    let ivan = env
        .run(&["state", "show", "ivan@example.org", "--json"])
        .ok()
        .json();
    assert_eq!(ivan["points"], serde_json::json!(8.1), "{ivan}");
    let before = counts(&env);

    // A downgrade stopped half way (here: right after it marked the database) leaves it read
    // only, the server refusing it, until the downgrade is run again.
    common::block_on(async {
        let client = mongodb::Client::with_uri_str(&env.db)
            .await
            .expect("client");
        client
            .default_database()
            .expect("database")
            .collection::<mongodb::bson::Document>("vulyk_meta")
            .update_one(
                doc! { "_id": "schema" },
                doc! { "$set": { "downgrading": true } },
            )
            .await
            .expect("mark");
    });
    env.run(&["group", "add", "late"])
        .fails_with(4, "did not finish; `vulyk db downgrade` finishes it");
    env.run(&["db", "upgrade", "--yes"])
        .fails_with(4, "did not finish");

    let downgraded = env.run(&["db", "downgrade", "--yes", "--json"]).ok().json();
    assert_eq!(downgraded["already_original"], false, "{downgraded}");
    assert_eq!(
        downgraded["dropped"],
        // The audit log too: the original has no place for it (the four changes made above).
        serde_json::json!([
            "1 API tokens",
            "2 signed-in sessions",
            "4 audit log entries"
        ]),
        "{downgraded}"
    );
    check_shapes(&env);
    assert_eq!(counts(&env), before);

    // It is an original database again: read, not written, until the next upgrade.
    env.run(&["batch", "list"]).ok();
    env.run(&["group", "add", "late"])
        .fails_with(4, "`vulyk db upgrade`");
    let again = env.run(&["db", "downgrade", "--yes", "--json"]).ok().json();
    assert_eq!(again["already_original"], true);
    env.run(&["db", "upgrade", "--yes"]).ok();
    assert_eq!(env.batches()["dups"]["tasks"], 2);
}

/// What the site and the operator do on an upgraded database.
fn work_on(env: &Env) {
    env.run(&[
        "rules",
        "add",
        "--name",
        "First steps",
        "--badge",
        "/b/1.png",
        "--description",
        "Your first task",
        "--tasks",
        "1",
        "--bonus",
        "5",
    ])
    .ok();
    env.run(&[
        "funds",
        "add",
        "redcross",
        "--name",
        "Red Cross",
        "--description",
        "Helps",
        "--donatable",
        "--logo",
        &common::fixture("fund-logo.png"),
    ])
    .ok();
    env.run(&["user", "token", "create", "ivan@example.org"])
        .ok();
    let tasks = env.write(
        "more.jsonl",
        b"{\"link\": \"https://example.org/5.pdf\", \"n\": 5}\n{\"link\": \"https://example.org/6.pdf\", \"n\": 6}\n",
    );
    env.run(&[
        "db",
        "load",
        "declaration_task",
        &tasks,
        "--batch",
        "02_more",
    ])
    .ok();
    common::block_on(async {
        let store = vulyk_core::store::open(&env.db).await.expect("store");
        let plugins = vulyk_core::plugins::PluginRegistry::load(std::path::Path::new(
            &common::fixture("plugins"),
        ))
        .expect("plugins");
        let vulyk = vulyk_core::service::Vulyk::new(store, std::sync::Arc::new(plugins));
        for name in ["maria", "petro"] {
            let user = vulyk
                .add_user(name, &format!("{name}@example.org"), "", false)
                .await
                .expect("user");
            vulyk.start_session(&user).await.expect("session");
            let task = vulyk
                .next_task(&user, "declaration_task")
                .await
                .expect("next")
                .expect("a task");
            vulyk
                .skip(&user, "declaration_task", &task.id)
                .await
                .expect("skip");
            while let Some(task) = vulyk
                .next_task(&user, "declaration_task")
                .await
                .expect("next")
            {
                vulyk
                    .answer(
                        &user,
                        "declaration_task",
                        &task.id,
                        &serde_json::json!({"n": 1, "big": 5_000_000_000_i64}),
                    )
                    .await
                    .expect("answer");
            }
        }
        // A volunteer of the original's answers too.
        let ivan = vulyk
            .user(&vulyk_core::service::UserRef("ivan@example.org".into()))
            .await
            .expect("ivan");
        let task = vulyk
            .next_task(&ivan, "declaration_task")
            .await
            .expect("next")
            .expect("a task for ivan");
        vulyk
            .answer(
                &ivan,
                "declaration_task",
                &task.id,
                &serde_json::json!({"n": 2}),
            )
            .await
            .expect("ivan's answer");
        // Signed-in sessions of the site: one stays.
        let petro = vulyk
            .user(&vulyk_core::service::UserRef("petro".into()))
            .await
            .expect("petro");
        let secret = vulyk.start_session(&petro).await.expect("session");
        vulyk.end_session(&secret).await.expect("end");
    });
}

/// Documents per collection of the original's, and whether each batch counts what it holds.
fn counts(env: &Env) -> Vec<(String, u64)> {
    common::block_on(async {
        let client = mongodb::Client::with_uri_str(&env.db)
            .await
            .expect("client");
        let db = client.default_database().expect("database");
        let mut out = Vec::new();
        for name in [
            "user",
            "groups",
            "batches",
            "tasks",
            "reports",
            "work_sessions",
        ] {
            let n = db
                .collection::<mongodb::bson::Document>(name)
                .count_documents(doc! {})
                .await
                .expect("count");
            out.push((name.to_string(), n));
        }
        out
    })
}

/// Every document of every collection against the original's models.
fn check_shapes(env: &Env) {
    let models: toml::Table = toml::from_str(
        &std::fs::read_to_string(common::fixture("original-models.toml")).expect("fixture"),
    )
    .expect("models");
    let list = |model: &toml::Value, key: &str| -> Vec<String> {
        model
            .get(key)
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    common::block_on(async {
        let client = mongodb::Client::with_uri_str(&env.db)
            .await
            .expect("client");
        let db = client.default_database().expect("database");
        for name in db.list_collection_names().await.expect("collections") {
            let model = models
                .get(&name)
                .unwrap_or_else(|| panic!("collection `{name}` is not the original's"));
            let fields = list(model, "fields");
            let cls = model
                .get("cls")
                .and_then(toml::Value::as_str)
                .unwrap_or_default();
            let prefix = model
                .get("cls_prefix")
                .and_then(toml::Value::as_str)
                .unwrap_or_default();
            let mut cursor = db
                .collection::<mongodb::bson::Document>(&name)
                .find(doc! {})
                .await
                .expect("find");
            while cursor.advance().await.expect("next") {
                let d = cursor.deserialize_current().expect("document");
                for key in d.keys() {
                    assert!(
                        fields.contains(key),
                        "{name}: `{key}` is not the original's: {d}"
                    );
                }
                match (cls, d.get_str("_cls")) {
                    ("", found) => assert!(found.is_err(), "{name}: no _cls expected: {d}"),
                    ("per task type", found) => {
                        assert!(
                            found.is_ok_and(|c| c.starts_with(prefix) && c.len() > prefix.len()),
                            "{name}: {d}"
                        );
                    }
                    (class, found) => assert_eq!(found.ok(), Some(class), "{name}: {d}"),
                }
                let typed = |key: &str, ok: &dyn Fn(&mongodb::bson::Bson) -> bool| {
                    for field in list(model, key) {
                        if let Some(value) = d.get(&field) {
                            assert!(ok(value), "{name}.{field} is not {key}: {d}");
                        }
                    }
                };
                use mongodb::bson::Bson;
                typed("int32", &|v| matches!(v, Bson::Int32(_)));
                typed("double", &|v| matches!(v, Bson::Double(_)));
                typed(
                    "string_time",
                    &|v| matches!(v, Bson::String(s) if s.split(',').count() == 8),
                );
                typed("date", &|v| matches!(v, Bson::DateTime(_)));
                typed("object_ids", &|v| match v {
                    Bson::ObjectId(_) => true,
                    Bson::Array(items) => items.iter().all(|i| matches!(i, Bson::ObjectId(_))),
                    _ => false,
                });
                typed("json_ints", &|v| !has_narrow_int64(v));
            }
        }
    });
}

/// Whether a JSON value holds an integer stored in 64 bits that 32 would hold.
fn has_narrow_int64(value: &mongodb::bson::Bson) -> bool {
    use mongodb::bson::Bson;
    match value {
        Bson::Int64(n) => i32::try_from(*n).is_ok(),
        Bson::Document(d) => d.values().any(has_narrow_int64),
        Bson::Array(items) => items.iter().any(has_narrow_int64),
        _ => false,
    }
}

/// Our indexes keep usernames and addresses unique; an original database whose sign-ins made
/// two users of one address is refused before anything is changed, naming them.
#[test]
#[ignore = "needs the MongoDB test server"]
fn an_upgrade_names_users_sharing_an_address_and_changes_nothing() {
    let env = Env::mongo();
    write_original_documents(&env);
    common::block_on(async {
        let client = mongodb::Client::with_uri_str(&env.db)
            .await
            .expect("client");
        let users = client
            .default_database()
            .expect("database")
            .collection::<mongodb::bson::Document>("user");
        for (username, email) in [
            ("google_olha", "olha@example.org"),
            ("facebook_olha", "Olha@Example.org"),
        ] {
            users
                .insert_one(doc! { "_id": ObjectId::new(), "username": username,
                "email": email, "password": "", "name": "Ольга", "active": true,
                "admin": false, "groups": ["default"], "processed": 0_i32 })
                .await
                .expect("user");
        }
    });
    let before = snapshot(&env);
    env.run(&["db", "upgrade", "--yes"])
        .fails_with(4, "address `olha@example.org` (2 users)");
    assert_eq!(snapshot(&env), before);
}
