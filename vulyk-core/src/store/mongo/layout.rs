//! Which layout a MongoDB database is in when it is opened, and the upgrade of an original
//! Vulyk database to ours. Opening an original database writes nothing (its strict models
//! reject fields they do not declare); only `vulyk db upgrade` changes it.

use std::collections::BTreeMap;

use mongodb::bson::{Bson, Document, doc};

use super::MongoStore;
use super::report;
use super::rewards::{EVENTS, STATES, original_time};
use super::rewrite::rewrite_each;
use super::support::{count, mongo_err};
use crate::gamification::Amount;
use crate::store::{DOWNGRADE_UNFINISHED, Layout, UpgradeReport};
use crate::{Error, Result};

/// Our collection of facts about the database: the layout version, the original's classes.
pub(super) const META: &str = "vulyk_meta";
/// The layout this build writes; a newer one is refused.
/// 2: answer counters (built from the stored answers when an older database is opened).
/// 3: e-mail addresses unique only where there is one (the original's users may have none);
///    the original's amounts and times in our form.
/// 5: every process that writes beats in `vulyk_writers` and keeps to a backup's pause
/// (`pause.rs`); a version before it would write through the pause, so it may not open this.
pub(super) const SCHEMA_VERSION: i64 = 5;
/// Collections the original's models write; one holding a document marks an original database.
const ORIGINAL_COLLECTIONS: [&str; 6] = [
    "tasks",
    "batches",
    "reports",
    "work_sessions",
    "user",
    "groups",
];

/// The layout of the database `store` is connected to. A database of ours at an older version
/// is migrated (it is ours to change); a new, empty one gets our layout.
pub(super) async fn open(store: &MongoStore) -> Result<Layout> {
    match stored(store).await? {
        Stored::Downgrading => Ok(Layout::Downgrading),
        Stored::Version(version) if version > SCHEMA_VERSION => Err(newer(version)),
        Stored::Version(SCHEMA_VERSION) => Ok(Layout::Current),
        Stored::Version(version) => {
            migrate(store, version).await?;
            Ok(Layout::Current)
        }
        Stored::Nothing if holds_original_data(store).await? => Ok(Layout::Original),
        Stored::Nothing => {
            record_version(store).await?;
            Ok(Layout::Current)
        }
    }
}

fn newer(version: i64) -> Error {
    Error::conflict(format!(
        "the database has schema version {version}, newer than this vulyk supports ({SCHEMA_VERSION}); upgrade vulyk"
    ))
}

/// What `vulyk_meta` says of the layout.
pub(super) enum Stored {
    Nothing,
    Version(i64),
    /// A downgrade began and has not finished.
    Downgrading,
}

pub(super) async fn stored(store: &MongoStore) -> Result<Stored> {
    let found = store
        .coll(META)
        .find_one(doc! { "_id": "schema" })
        .await
        .map_err(mongo_err)?;
    Ok(match found {
        None => Stored::Nothing,
        Some(d) if d.get_bool("downgrading").unwrap_or(false) => Stored::Downgrading,
        Some(d) => d
            .get_i64("version")
            .map_or(Stored::Nothing, Stored::Version),
    })
}

/// The layout version, refusing a newer one or a downgrade that has not finished: what a
/// move between layouts must know before it starts.
pub(super) async fn movable_version(store: &MongoStore) -> Result<Option<i64>> {
    match stored(store).await? {
        Stored::Downgrading => Err(Error::conflict(DOWNGRADE_UNFINISHED)),
        Stored::Version(version) if version > SCHEMA_VERSION => Err(newer(version)),
        Stored::Version(version) => Ok(Some(version)),
        Stored::Nothing => Ok(None),
    }
}

async fn holds_original_data(store: &MongoStore) -> Result<bool> {
    for name in ORIGINAL_COLLECTIONS {
        let any = store
            .coll(name)
            .find_one(doc! {})
            .projection(doc! { "_id": 1 })
            .await
            .map_err(mongo_err)?;
        if any.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

async fn record_version(store: &MongoStore) -> Result<()> {
    store
        .coll(META)
        .update_one(
            doc! { "_id": "schema" },
            doc! { "$set": { "version": SCHEMA_VERSION }, "$unset": { "downgrading": "" } },
        )
        .upsert(true)
        .await
        .map(|_| ())
        .map_err(mongo_err)
}

/// Marks the database as being downgraded: until the downgrade ends, it is only read.
pub(super) async fn mark_downgrading(store: &MongoStore) -> Result<()> {
    store
        .coll(META)
        .update_one(
            doc! { "_id": "schema" },
            doc! { "$set": { "downgrading": true } },
        )
        .upsert(true)
        .await
        .map(|_| ())
        .map_err(mongo_err)
}

async fn migrate(store: &MongoStore, from: i64) -> Result<()> {
    if from < 2 {
        report::rebuild_counters(store).await?;
    }
    if from < 3 {
        drop_index(store, "user", "email_1").await?;
        refuse_shared_names(store).await?;
        lower_case_addresses(store).await?;
        // An original database the version before opened took layout 2 as it was.
        learn_classes(store).await?;
        recount_batches(store).await?;
        ours_from_original_rewards(store).await?;
    }
    if from < 4 {
        super::export::closing_times(store).await?;
    }
    // 5 changes no document: `vulyk_writers` gets its index with the others.
    record_version(store).await
}

/// Drops an index by name; one that is not there is no error.
pub(super) async fn drop_index(store: &MongoStore, collection: &str, name: &str) -> Result<()> {
    const INDEX_NOT_FOUND: i32 = 27;
    const NAMESPACE_NOT_FOUND: i32 = 26;
    match store.coll(collection).drop_index(name).await {
        Ok(()) => Ok(()),
        Err(e) if matches!(server_code(&e), Some(INDEX_NOT_FOUND | NAMESPACE_NOT_FOUND)) => Ok(()),
        Err(e) => Err(mongo_err(e)),
    }
}

fn server_code(e: &mongodb::error::Error) -> Option<i32> {
    match e.kind.as_ref() {
        mongodb::error::ErrorKind::Command(command) => Some(command.code),
        _ => None,
    }
}

/// Moves an original database to our layout: checks that our unique indexes can be made,
/// learns the classes its models wrote (a downgrade writes them back), makes every batch's
/// counts those of the tasks stored in it, puts its rewards' amounts and times in our form,
/// builds our counters and indexes, then records the version — last, so that an interrupted
/// upgrade is run again from the start, and each step is safe to repeat.
pub(super) async fn upgrade(store: &MongoStore) -> Result<UpgradeReport> {
    if movable_version(store).await?.is_some() || !holds_original_data(store).await? {
        // Ours already (migrated if older), or new: nothing of the original's to move.
        open(store).await?;
        store.create_indexes().await?;
        return Ok(UpgradeReport {
            already_current: true,
            ..UpgradeReport::default()
        });
    }
    refuse_shared_names(store).await?;
    lower_case_addresses(store).await?;
    let (classes, warnings) = learn_classes(store).await?;
    let recounted = recount_batches(store).await?;
    ours_from_original_rewards(store).await?;
    report::rebuild_counters(store).await?;
    super::export::closing_times(store).await?;
    store.create_indexes().await?;
    record_version(store).await?;
    Ok(UpgradeReport {
        already_current: false,
        recounted,
        classes,
        warnings,
    })
}

/// Our indexes keep usernames and e-mail addresses unique (addresses case-insensitively, as
/// we store them lower-cased); the original's sign-ins may have made two users of one. They
/// are named, for the operator to merge or rename, before anything is changed.
async fn refuse_shared_names(store: &MongoStore) -> Result<()> {
    let mut shared = Vec::new();
    for (field, what) in [("username", "username"), ("email", "address")] {
        // Addresses are the same whatever their case; usernames are compared as they are.
        let key = if field == "email" {
            doc! { "$toLower": "$email" }
        } else {
            doc! { "$concat": ["$username"] }
        };
        let cursor = store
            .coll("user")
            .aggregate([
                doc! { "$match": { field: { "$type": "string", "$gt": "" } } },
                doc! { "$group": { "_id": key, "users": { "$sum": 1 } } },
                doc! { "$match": { "users": { "$gt": 1 } } },
                doc! { "$sort": { "_id": 1 } },
                doc! { "$limit": 20 },
            ])
            .await
            .map_err(mongo_err)?;
        let found = store
            .collect(cursor, |d| {
                Ok(format!(
                    "{what} `{}` ({} users)",
                    d.get_str("_id").unwrap_or_default(),
                    count(&d, "users")
                ))
            })
            .await?;
        shared.extend(found);
    }
    if shared.is_empty() {
        return Ok(());
    }
    Err(Error::conflict(format!(
        "users share what must be theirs alone: {}; merge them or change one before the upgrade (nothing was changed)",
        shared.join(", ")
    )))
}

/// Addresses as we keep them, lower-cased, so that finding a user by address and the unique
/// index ignore case as the address does.
async fn lower_case_addresses(store: &MongoStore) -> Result<()> {
    rewrite_each(store, "user", |d| {
        if let Some(Bson::String(email)) = d.get("email") {
            let lower = email.to_lowercase();
            if lower != *email {
                d.insert("email", lower);
            }
        }
        Ok(())
    })
    .await
    .map(|_| ())
}

/// Each task type's `_cls` on its tasks and answers, kept in `vulyk_meta` (merged with what an
/// earlier upgrade learned). A type whose documents carry several classes keeps the most
/// common one, with a warning.
async fn learn_classes(store: &MongoStore) -> Result<(Vec<(String, String, String)>, Vec<String>)> {
    let mut warnings = Vec::new();
    let tasks = classes_on_documents(store, "tasks", &mut warnings).await?;
    let answers = classes_on_documents(store, "reports", &mut warnings).await?;
    let mut set = Document::new();
    for (task_type, class) in &tasks {
        set.insert(format!("taskClasses.{task_type}"), class);
    }
    for (task_type, class) in &answers {
        set.insert(format!("answerClasses.{task_type}"), class);
    }
    if !set.is_empty() {
        store
            .coll(META)
            .update_one(doc! { "_id": "original" }, doc! { "$set": set })
            .upsert(true)
            .await
            .map_err(mongo_err)?;
    }
    let classes = tasks
        .into_iter()
        .map(|(task_type, task_class)| {
            let answer_class = answers.get(&task_type).cloned().unwrap_or_default();
            (task_type, task_class, answer_class)
        })
        .collect();
    Ok((classes, warnings))
}

/// The most common `_cls` of each task type's documents in a collection.
pub(super) async fn classes_on_documents(
    store: &MongoStore,
    collection: &str,
    warnings: &mut Vec<String>,
) -> Result<BTreeMap<String, String>> {
    let cursor = store
        .coll(collection)
        .aggregate([
            doc! { "$match": { "_cls": { "$type": "string" } } },
            doc! { "$group": { "_id": { "type": "$taskType", "cls": "$_cls" }, "n": { "$sum": 1 } } },
            doc! { "$sort": { "n": -1, "_id.cls": 1 } },
        ])
        .await
        .map_err(mongo_err)?;
    let found = store
        .collect(cursor, |d| {
            let key = d.get_document("_id").cloned().unwrap_or_default();
            Ok((
                key.get_str("type").unwrap_or_default().to_string(),
                key.get_str("cls").unwrap_or_default().to_string(),
            ))
        })
        .await?;
    let mut classes: BTreeMap<String, String> = BTreeMap::new();
    for (task_type, class) in found {
        match classes.get(&task_type) {
            None => {
                classes.insert(task_type, class);
            }
            Some(kept) => warnings.push(format!(
                "{collection} of {task_type} carry the classes {kept} and {class}: {kept}, the more common, is kept for a downgrade"
            )),
        }
    }
    Ok(classes)
}

/// The original counts a batch only after all its tasks are stored; a load that failed half
/// way left tasks in a batch that never counted them. One pass over the tasks.
async fn recount_batches(store: &MongoStore) -> Result<Vec<(String, u64, u64)>> {
    let cursor = store
        .coll("tasks")
        .aggregate([doc! { "$group": {
            "_id": "$batch",
            "stored": { "$sum": 1 },
            "closed": { "$sum": { "$cond": [{ "$eq": ["$closed", true] }, 1, 0] } },
        } }])
        .await
        .map_err(mongo_err)?;
    let stored: BTreeMap<String, (u64, u64)> = store
        .collect(cursor, |d| {
            Ok((
                d.get_str("_id").unwrap_or_default().to_string(),
                (count(&d, "stored"), count(&d, "closed")),
            ))
        })
        .await?
        .into_iter()
        .collect();
    let batches = store.coll("batches");
    let mut cursor = batches.find(doc! {}).await.map_err(mongo_err)?;
    let mut changed = Vec::new();
    while cursor.advance().await.map_err(mongo_err)? {
        let batch = cursor.deserialize_current().map_err(mongo_err)?;
        let Some(Bson::String(id)) = batch.get("_id").cloned() else {
            continue;
        };
        let (tasks, closed) = stored.get(&id).copied().unwrap_or_default();
        let counted = count(&batch, "tasksCount");
        let processed = count(&batch, "tasksProcessed");
        if counted != tasks || processed != closed {
            batches
                .update_one(
                    doc! { "_id": &id },
                    doc! { "$set": { "tasksCount": tasks as i64, "tasksProcessed": closed as i64 } },
                )
                .await
                .map_err(mongo_err)?;
            if counted != tasks {
                changed.push((id, counted, tasks));
            }
        }
    }
    Ok(changed)
}

/// The original's rewards in our form: amounts from two-decimal doubles to units, times from
/// its strings to dates — before anything of ours adds units to them.
async fn ours_from_original_rewards(store: &MongoStore) -> Result<()> {
    rewrite_each(store, STATES, |d| {
        for field in ["points", "actualCoins", "potentialCoins"] {
            units_from_double(d, field);
        }
        date_from_string(d, "lastChanged");
        Ok(())
    })
    .await?;
    rewrite_each(store, EVENTS, |d| {
        for field in ["points", "coins"] {
            units_from_double(d, field);
        }
        date_from_string(d, "timestamp");
        Ok(())
    })
    .await?;
    Ok(())
}

fn units_from_double(d: &mut Document, field: &str) {
    if let Some(Bson::Double(value)) = d.get(field)
        && let Some(amount) = Amount::from_original_double(*value)
    {
        d.insert(field, amount.units());
    }
}

fn date_from_string(d: &mut Document, field: &str) {
    if let Some(Bson::String(text)) = d.get(field)
        && let Some(time) = original_time(text)
    {
        d.insert(
            field,
            mongodb::bson::DateTime::from_millis(time.timestamp_millis()),
        );
    }
}

#[cfg(test)]
mod tests {
    use mongodb::IndexModel;
    use mongodb::options::IndexOptions;

    use super::*;

    /// A database of ours at version 3 kept no closing times: opening it gives each closed
    /// task the time of its newest answer, which incremental exports go by.
    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn version_3_gets_closing_times_from_the_newest_answers() {
        use mongodb::bson::oid::ObjectId;
        let store = crate::store::mongo::test_store("vulyk_v3").await;
        let at = mongodb::bson::DateTime::from_millis;
        store
            .coll("tasks")
            .insert_many([
                doc! { "_id": "closed", "taskType": "t", "closed": true },
                doc! { "_id": "open", "taskType": "t", "closed": false },
            ])
            .await
            .unwrap();
        let report = |task: &str, ms: i64| {
            doc! { "task": task, "createdBy": ObjectId::new(), "createdAt": at(ms) }
        };
        store
            .coll("reports")
            .insert_many([
                report("closed", 1000),
                report("closed", 3000),
                report("open", 2000),
            ])
            .await
            .unwrap();
        store
            .coll(META)
            .update_one(
                doc! { "_id": "schema" },
                doc! { "$set": { "version": 3_i64 } },
            )
            .await
            .unwrap();
        let reopened = MongoStore::open(&store.url).await.unwrap();
        let task = |id: &'static str| {
            let tasks = reopened.coll("tasks");
            async move { tasks.find_one(doc! { "_id": id }).await.unwrap().unwrap() }
        };
        assert_eq!(
            task("closed").await.get_datetime("closedAt").ok(),
            Some(&at(3000))
        );
        assert!(task("open").await.get("closedAt").is_none());
    }

    /// A database of ours at version 2 had addresses unique everywhere, which an original
    /// database's users without one break; opening it moves it to the index on real addresses.
    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn version_2_gets_unique_addresses_only_where_there_is_one() {
        let store = crate::store::mongo::test_store("vulyk_v2").await;
        let users = store.coll("user");
        users.drop_index("email_1_when_set").await.unwrap();
        users
            .create_index(
                IndexModel::builder()
                    .keys(doc! { "email": 1 })
                    .options(IndexOptions::builder().unique(true).build())
                    .build(),
            )
            .await
            .unwrap();
        store
            .coll(META)
            .update_one(
                doc! { "_id": "schema" },
                doc! { "$set": { "version": 2_i64 } },
            )
            .await
            .unwrap();

        let reopened = MongoStore::open(&store.url).await.unwrap();
        let mut names = reopened.coll("user").list_index_names().await.unwrap();
        names.sort();
        assert_eq!(names, ["_id_", "email_1_when_set", "username_1"]);
        assert!(matches!(
            stored(&reopened).await.unwrap(),
            Stored::Version(SCHEMA_VERSION)
        ));
        for (username, email) in [
            ("a", Bson::Null),
            ("b", Bson::Null),
            ("c", "".into()),
            ("d", "".into()),
        ] {
            users
                .insert_one(doc! { "username": username, "email": email })
                .await
                .unwrap();
        }
        users
            .insert_one(doc! { "username": "e", "email": "e@example.org" })
            .await
            .unwrap();
        let taken = users
            .insert_one(doc! { "username": "f", "email": "e@example.org" })
            .await
            .unwrap_err();
        assert!(super::super::support::is_duplicate_key(&taken), "{taken}");
    }
}
