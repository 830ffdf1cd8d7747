//! Cases that drive the `Store` trait directly.

use serde_json::json;
use vulyk_core::Error;
use vulyk_core::domain::{Group, NewTask, NewUser, TaskId, UserId};
use vulyk_core::fixture::Fixture;
use vulyk_core::import::{LineOutcome, parse_line};
use vulyk_core::store::{BatchStart, LoadPlan, LoadTicket, Store};

fn group(id: &str, types: &[&str]) -> Group {
    Group {
        id: id.to_string(),
        description: format!("{id} group"),
        allowed_types: types.iter().map(|t| t.to_string()).collect(),
    }
}

fn new_user(name: &str, groups: &[&str]) -> NewUser {
    NewUser {
        id: UserId::generate(),
        username: name.to_string(),
        email: format!("{name}@example.org"),
        name: format!("{name} name"),
        admin: false,
        groups: groups.iter().map(|g| g.to_string()).collect(),
        password_hash: None,
        created_at: chrono::Utc::now(),
    }
}

fn task(n: u64) -> NewTask {
    let line = json!({"n": n, "text": "Кіт спить"}).to_string();
    match parse_line(line.as_bytes()) {
        LineOutcome::Task(task) => task,
        other => panic!("{other:?}"),
    }
}

fn tasks(range: std::ops::Range<u64>) -> Vec<NewTask> {
    range.map(task).collect()
}

fn create_plan(batch: &str, task_type: &str) -> LoadPlan {
    LoadPlan {
        batch_id: batch.to_string(),
        task_type: task_type.to_string(),
        start: BatchStart::Create {
            meta: json!({"k": 1}).as_object().cloned().unwrap_or_default(),
        },
    }
}

fn reopen_plan(batch: &str, task_type: &str) -> LoadPlan {
    LoadPlan {
        start: BatchStart::Reopen,
        ..create_plan(batch, task_type)
    }
}

/// Loads `range` into a new batch and finishes the load.
async fn load_batch(
    store: &dyn Store,
    batch: &str,
    task_type: &str,
    range: std::ops::Range<u64>,
) -> LoadTicket {
    let ticket = store
        .begin_load(&create_plan(batch, task_type))
        .await
        .unwrap();
    store.insert_tasks(&ticket, tasks(range)).await.unwrap();
    store.finish_load(&ticket).await.unwrap();
    ticket
}

async fn assert_count_is_exact(store: &dyn Store, batch: &str) -> u64 {
    let stored = store
        .batch(batch)
        .await
        .unwrap()
        .expect("batch")
        .tasks_count;
    assert_eq!(
        stored,
        store.count_tasks_in_batch(batch).await.unwrap(),
        "batch {batch}"
    );
    stored
}

pub async fn groups_round_trip(f: &Fixture) {
    let store = &*f.store;
    assert!(store.groups().await.unwrap().is_empty());
    store.insert_group(&group("b", &["x", "a"])).await.unwrap();
    store.insert_group(&group("a", &[])).await.unwrap();
    let groups = store.groups().await.unwrap();
    assert_eq!(groups, vec![group("a", &[]), group("b", &["x", "a"])]);
    assert_eq!(
        store.group("b").await.unwrap(),
        Some(group("b", &["x", "a"]))
    );
    assert_eq!(store.group("c").await.unwrap(), None);
}

pub async fn duplicate_group_is_a_conflict(f: &Fixture) {
    let store = &*f.store;
    store.insert_group(&group("g", &["x"])).await.unwrap();
    let err = store.insert_group(&group("g", &[])).await.unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert_eq!(store.group("g").await.unwrap(), Some(group("g", &["x"])));
}

pub async fn upsert_group_replaces_its_types(f: &Fixture) {
    let store = &*f.store;
    store
        .upsert_group(&group("default", &["old"]))
        .await
        .unwrap();
    store
        .upsert_group(&group("default", &["foo", "old"]))
        .await
        .unwrap();
    assert_eq!(
        store.group("default").await.unwrap(),
        Some(group("default", &["foo", "old"]))
    );
}

pub async fn group_types_have_set_semantics(f: &Fixture) {
    let store = &*f.store;
    store.insert_group(&group("g", &[])).await.unwrap();
    store.add_group_type("g", "a").await.unwrap();
    store.add_group_type("g", "b").await.unwrap();
    store.add_group_type("g", "a").await.unwrap();
    assert_eq!(
        store.group("g").await.unwrap().unwrap().allowed_types,
        ["a", "b"]
    );
    store.remove_group_type("g", "a").await.unwrap();
    assert_eq!(
        store.group("g").await.unwrap().unwrap().allowed_types,
        ["b"]
    );
    assert!(matches!(
        store.add_group_type("nope", "a").await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.remove_group_type("nope", "a").await,
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.group("nope").await.unwrap(), None);
}

pub async fn deleting_a_group_removes_it_from_users(f: &Fixture) {
    let store = &*f.store;
    store.insert_group(&group("default", &[])).await.unwrap();
    store.insert_group(&group("team", &[])).await.unwrap();
    store
        .insert_user(&new_user("u", &["default", "team"]))
        .await
        .unwrap();
    store.delete_group("team").await.unwrap();
    assert!(matches!(
        store.delete_group("team").await,
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        store.user_by_username("u").await.unwrap().unwrap().groups,
        ["default"]
    );
    assert_eq!(store.groups().await.unwrap(), vec![group("default", &[])]);
}

pub async fn users_round_trip(f: &Fixture) {
    let store = &*f.store;
    store.insert_group(&group("default", &[])).await.unwrap();
    let new = new_user("mutumba", &["default"]);
    let user = store.insert_user(&new).await.unwrap();
    assert_eq!(user.id, new.id);
    assert_eq!(user.username, "mutumba");
    assert_eq!(user.email, "mutumba@example.org");
    assert_eq!(user.name, "mutumba name");
    assert!(user.active);
    assert!(!user.admin);
    assert_eq!(user.groups, ["default"]);
    assert_eq!(user.password_hash, None);
    assert_eq!(user.processed, 0);
    assert_eq!(
        store.user_by_username("mutumba").await.unwrap(),
        Some(user.clone())
    );
    assert_eq!(
        store.user_by_email("mutumba@example.org").await.unwrap(),
        Some(user.clone())
    );
    assert_eq!(store.user_by_username("nobody").await.unwrap(), None);
    assert_eq!(store.user_by_id(&new.id).await.unwrap(), Some(user.clone()));
    assert_eq!(store.user_by_id(&UserId::generate()).await.unwrap(), None);
    store.insert_user(&new_user("abc", &[])).await.unwrap();
    let names: Vec<String> = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(names, ["abc", "mutumba"]);
}

pub async fn duplicate_username_or_email_is_a_conflict(f: &Fixture) {
    let store = &*f.store;
    store.insert_user(&new_user("ivan", &[])).await.unwrap();
    let err = store.insert_user(&new_user("ivan", &[])).await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict(m) if m.contains("username")),
        "{err:?}"
    );
    let mut other = new_user("petro", &[]);
    other.email = "ivan@example.org".into();
    let err = store.insert_user(&other).await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict(m) if m.contains("email")),
        "{err:?}"
    );
    assert_eq!(store.users().await.unwrap().len(), 1);
}

/// Spec 13.6: the original's save hook wiped a user's groups when `default` was missing.
pub async fn leaving_a_group_keeps_the_others(f: &Fixture) {
    let store = &*f.store;
    for id in ["default", "a", "b"] {
        store.insert_group(&group(id, &[])).await.unwrap();
    }
    let user = store
        .insert_user(&new_user("u", &["default"]))
        .await
        .unwrap();
    store.add_user_to_group(&user.id, "a").await.unwrap();
    store.add_user_to_group(&user.id, "b").await.unwrap();
    store.add_user_to_group(&user.id, "a").await.unwrap();
    store
        .remove_user_from_group(&user.id, "default")
        .await
        .unwrap();
    store.set_user_admin(&user.id, true).await.unwrap();
    assert_eq!(
        store.user_by_username("u").await.unwrap().unwrap().groups,
        ["a", "b"]
    );
    let ghost = UserId::generate();
    assert!(matches!(
        store.add_user_to_group(&ghost, "a").await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.remove_user_from_group(&ghost, "a").await,
        Err(Error::NotFound { .. })
    ));
    let err = store
        .add_user_to_group(&user.id, "missing")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

pub async fn all_users_join_a_group_once(f: &Fixture) {
    let store = &*f.store;
    store.insert_group(&group("default", &[])).await.unwrap();
    store.insert_group(&group("other", &[])).await.unwrap();
    store
        .insert_user(&new_user("a", &["default"]))
        .await
        .unwrap();
    store.insert_user(&new_user("b", &["other"])).await.unwrap();
    store.insert_user(&new_user("c", &[])).await.unwrap();
    assert_eq!(store.add_all_users_to_group("default").await.unwrap(), 2);
    assert_eq!(store.add_all_users_to_group("default").await.unwrap(), 0);
    for user in store.users().await.unwrap() {
        assert!(user.groups.contains(&"default".to_string()), "{user:?}");
    }
    assert_eq!(
        store.user_by_username("b").await.unwrap().unwrap().groups,
        ["other", "default"]
    );
}

pub async fn admin_flag_and_password_hash_are_stored(f: &Fixture) {
    let store = &*f.store;
    let user = store.insert_user(&new_user("u", &[])).await.unwrap();
    store.set_user_admin(&user.id, true).await.unwrap();
    store
        .set_password_hash(&user.id, "$argon2id$v=19$x")
        .await
        .unwrap();
    let stored = store.user_by_username("u").await.unwrap().unwrap();
    assert!(stored.admin);
    assert_eq!(stored.password_hash.as_deref(), Some("$argon2id$v=19$x"));
    store.set_user_admin(&user.id, false).await.unwrap();
    assert!(!store.user_by_username("u").await.unwrap().unwrap().admin);
    assert!(matches!(
        store.set_user_admin(&UserId::generate(), true).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.set_password_hash(&UserId::generate(), "x").await,
        Err(Error::NotFound { .. })
    ));
}

pub async fn deleting_a_user_keeps_nothing_behind(f: &Fixture) {
    let store = &*f.store;
    store.insert_group(&group("default", &[])).await.unwrap();
    let user = store
        .insert_user(&new_user("u", &["default"]))
        .await
        .unwrap();
    store.delete_user(&user.id).await.unwrap();
    assert!(matches!(
        store.delete_user(&user.id).await,
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.user_by_username("u").await.unwrap(), None);
    assert!(store.group_member_counts().await.unwrap().is_empty());
    // The username and e-mail are free again.
    store.insert_user(&new_user("u", &[])).await.unwrap();
}

pub async fn member_counts_per_group(f: &Fixture) {
    let store = &*f.store;
    store.insert_group(&group("default", &[])).await.unwrap();
    store.insert_group(&group("team", &[])).await.unwrap();
    store.insert_group(&group("empty", &[])).await.unwrap();
    store
        .insert_user(&new_user("a", &["default", "team"]))
        .await
        .unwrap();
    store
        .insert_user(&new_user("b", &["default"]))
        .await
        .unwrap();
    assert_eq!(
        store.group_member_counts().await.unwrap(),
        vec![("default".to_string(), 2), ("team".to_string(), 1)]
    );
}

pub async fn load_creates_a_batch_and_counts_exactly(f: &Fixture) {
    let store = &*f.store;
    let ticket = store
        .begin_load(&create_plan("b1", "fake_task"))
        .await
        .unwrap();
    assert!(ticket.created_batch);
    let loading = store.batch("b1").await.unwrap().unwrap();
    assert!(loading.loading);
    assert_eq!(loading.meta, *json!({"k": 1}).as_object().unwrap());
    let outcome = store.insert_tasks(&ticket, tasks(0..10)).await.unwrap();
    assert_eq!((outcome.inserted, outcome.duplicates), (10, 0));
    // Mid-load the backend may not have committed yet; whatever it shows is exact.
    assert_count_is_exact(store, "b1").await;
    let batch = store.finish_load(&ticket).await.unwrap();
    assert!(!batch.loading && !batch.closed);
    assert_eq!((batch.tasks_count, batch.tasks_processed), (10, 0));
    let stored = store.task(&task(3).id).await.unwrap().unwrap();
    assert_eq!(stored.batch.as_deref(), Some("b1"));
    assert_eq!(stored.task_type, "fake_task");
    assert_eq!((stored.users_count, stored.closed), (0, false));
}

pub async fn load_skips_duplicates_within_and_across_chunks(f: &Fixture) {
    let store = &*f.store;
    load_batch(store, "first", "fake_task", 0..5).await;
    let ticket = store
        .begin_load(&create_plan("second", "fake_task"))
        .await
        .unwrap();
    let mut chunk = tasks(3..8);
    chunk.push(task(7));
    let outcome = store.insert_tasks(&ticket, chunk).await.unwrap();
    assert_eq!((outcome.inserted, outcome.duplicates), (3, 3));
    store.finish_load(&ticket).await.unwrap();
    assert_eq!(assert_count_is_exact(store, "first").await, 5);
    assert_eq!(assert_count_is_exact(store, "second").await, 3);
    // A duplicate stays where it was first loaded.
    let kept = store.task(&task(3).id).await.unwrap().unwrap();
    assert_eq!(kept.batch.as_deref(), Some("first"));
}

pub async fn abort_removes_only_what_the_run_inserted(f: &Fixture) {
    let store = &*f.store;
    load_batch(store, "kept", "fake_task", 0..5).await;
    let ticket = store
        .begin_load(&create_plan("new", "fake_task"))
        .await
        .unwrap();
    store.insert_tasks(&ticket, tasks(3..9)).await.unwrap();
    store.abort_load(&ticket).await.unwrap();
    assert_eq!(store.batch("new").await.unwrap(), None);
    assert_eq!(store.count_tasks_in_batch("new").await.unwrap(), 0);
    assert_eq!(assert_count_is_exact(store, "kept").await, 5);
    assert!(store.task(&task(4).id).await.unwrap().is_some());
    assert!(store.task(&task(6).id).await.unwrap().is_none());
}

pub async fn abort_restores_a_reopened_batch(f: &Fixture) {
    let store = &*f.store;
    load_batch(store, "default", "fake_task", 0..4).await;
    let before = store.batch("default").await.unwrap();
    let ticket = store
        .begin_load(&reopen_plan("default", "fake_task"))
        .await
        .unwrap();
    assert!(!ticket.created_batch && !ticket.was_loading);
    store.insert_tasks(&ticket, tasks(2..7)).await.unwrap();
    store.abort_load(&ticket).await.unwrap();
    assert_eq!(store.batch("default").await.unwrap(), before);
    assert_eq!(assert_count_is_exact(store, "default").await, 4);
}

pub async fn begin_load_checks_the_batch(f: &Fixture) {
    let store = &*f.store;
    load_batch(store, "b", "fake_task", 0..1).await;
    let err = store
        .begin_load(&create_plan("b", "fake_task"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    let err = store
        .begin_load(&reopen_plan("b", "other_task"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let err = store
        .begin_load(&reopen_plan("none", "fake_task"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let batch = store.batch("b").await.unwrap().unwrap();
    assert!(!batch.loading);
    assert_eq!(batch.tasks_count, 1);
}

pub async fn killed_load_stays_incomplete_and_resumes(f: &mut Fixture) {
    // A run that inserted a chunk and then died: no finish, no abort, the process gone.
    let killed = f
        .store
        .begin_load(&create_plan("b", "fake_task"))
        .await
        .unwrap();
    f.store.insert_tasks(&killed, tasks(0..6)).await.unwrap();
    f.reopen().await;
    let store = &*f.store;
    let batch = store.batch("b").await.unwrap().unwrap();
    assert!(batch.loading);
    let survived = assert_count_is_exact(store, "b").await;
    assert!(survived <= 6);
    // The same load again: stored tasks are skipped, the rest inserted, the batch completes.
    let resumed = store
        .begin_load(&reopen_plan("b", "fake_task"))
        .await
        .unwrap();
    assert!(resumed.was_loading);
    let outcome = store.insert_tasks(&resumed, tasks(0..10)).await.unwrap();
    assert_eq!(
        (outcome.inserted, outcome.duplicates),
        (10 - survived, survived)
    );
    let batch = store.finish_load(&resumed).await.unwrap();
    assert!(!batch.loading);
    assert_eq!(assert_count_is_exact(store, "b").await, 10);
}

pub async fn batches_are_listed_by_id_and_type(f: &Fixture) {
    let store = &*f.store;
    load_batch(store, "b2", "fake_task", 0..1).await;
    load_batch(store, "a1", "other_task", 1..2).await;
    load_batch(store, "b1", "fake_task", 2..3).await;
    let ids = |batches: Vec<vulyk_core::domain::Batch>| {
        batches.into_iter().map(|b| b.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(store.batches(None).await.unwrap()), ["a1", "b1", "b2"]);
    assert_eq!(
        ids(store.batches(Some("fake_task")).await.unwrap()),
        ["b1", "b2"]
    );
    assert!(store.batches(Some("none")).await.unwrap().is_empty());
}

pub async fn deleting_a_batch_removes_its_tasks(f: &Fixture) {
    let store = &*f.store;
    load_batch(store, "gone", "fake_task", 0..3).await;
    load_batch(store, "kept", "fake_task", 3..5).await;
    let removed = store.delete_batch("gone", false).await.unwrap();
    assert_eq!(
        (removed.tasks, removed.answers, removed.sessions),
        (3, 0, 0)
    );
    assert_eq!(store.batch("gone").await.unwrap(), None);
    assert!(store.task(&task(0).id).await.unwrap().is_none());
    assert_eq!(assert_count_is_exact(store, "kept").await, 2);
    let err = store.delete_batch("gone", true).await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

pub async fn task_counts_per_type(f: &Fixture) {
    let store = &*f.store;
    assert!(store.task_counts().await.unwrap().is_empty());
    load_batch(store, "a", "fake_task", 0..3).await;
    load_batch(store, "b", "fake_task", 3..5).await;
    load_batch(store, "c", "other_task", 5..6).await;
    let counts: Vec<(String, u64, u64)> = store
        .task_counts()
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.task_type, c.total, c.closed))
        .collect();
    assert_eq!(
        counts,
        [
            ("fake_task".to_string(), 5, 0),
            ("other_task".to_string(), 1, 0)
        ]
    );
}

pub async fn task_data_keeps_key_order(f: &Fixture) {
    let store = &*f.store;
    let line = r#"{"z": 1, "a": {"y": [1.5, "ї"], "b": null}}"#;
    let LineOutcome::Task(new) = parse_line(line.as_bytes()) else {
        panic!()
    };
    let ticket = store
        .begin_load(&create_plan("b", "fake_task"))
        .await
        .unwrap();
    store
        .insert_tasks(&ticket, vec![new.clone()])
        .await
        .unwrap();
    store.finish_load(&ticket).await.unwrap();
    let stored = store.task(&new.id).await.unwrap().unwrap();
    assert_eq!(stored.data.to_string(), new.data_json);
    assert_eq!(new.data_json, r#"{"z":1,"a":{"y":[1.5,"ї"],"b":null}}"#);
    assert_eq!(
        store
            .task(&TaskId::from_stored("0".repeat(20)))
            .await
            .unwrap(),
        None
    );
}
