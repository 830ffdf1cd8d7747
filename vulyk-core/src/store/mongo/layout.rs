//! Which layout a MongoDB database is in when it is opened, and the upgrade of an original
//! Vulyk database to ours. Opening an original database writes nothing (its strict models
//! reject fields they do not declare); only `vulyk db upgrade` changes it.

use mongodb::bson::{Bson, Document, doc};

use super::{MongoStore, mongo_err, report};
use crate::store::{Layout, UpgradeReport};
use crate::{Error, Result};

/// Our collection of facts about the database: the layout version, the original's classes.
pub(super) const META: &str = "vulyk_meta";
/// The layout this build writes; a newer one is refused.
/// 2: answer counters (built from the stored answers when an older database is opened).
/// 3: e-mail addresses unique only where there is one (the original's users may have none).
pub(super) const SCHEMA_VERSION: i64 = 3;
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
    match stored_version(store).await? {
        Some(version) if version > SCHEMA_VERSION => Err(Error::conflict(format!(
            "the database has schema version {version}, newer than this vulyk supports ({SCHEMA_VERSION}); upgrade vulyk"
        ))),
        Some(SCHEMA_VERSION) => Ok(Layout::Current),
        Some(version) => {
            migrate(store, version).await?;
            Ok(Layout::Current)
        }
        None if holds_original_data(store).await? => Ok(Layout::Original),
        None => {
            record_version(store).await?;
            Ok(Layout::Current)
        }
    }
}

pub(super) async fn stored_version(store: &MongoStore) -> Result<Option<i64>> {
    let found = store
        .coll(META)
        .find_one(doc! { "_id": "schema" })
        .await
        .map_err(mongo_err)?;
    Ok(found.and_then(|d| d.get_i64("version").ok()))
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
            doc! { "$set": { "version": SCHEMA_VERSION } },
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
    }
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

/// Moves an original database to our layout: learns the classes its models wrote (a downgrade
/// writes them back), makes every batch's counts those of the tasks stored in it, builds our
/// counters, then records the version — last, so that an interrupted upgrade is run again
/// from the start, and each step is safe to repeat.
pub(super) async fn upgrade(store: &MongoStore) -> Result<UpgradeReport> {
    if stored_version(store).await?.is_some() {
        return Ok(UpgradeReport {
            already_current: true,
            ..UpgradeReport::default()
        });
    }
    let classes = learn_classes(store).await?;
    let recounted = recount_batches(store).await?;
    report::rebuild_counters(store).await?;
    record_version(store).await?;
    Ok(UpgradeReport {
        already_current: false,
        recounted,
        classes,
    })
}

/// Each task type's `_cls` on its tasks and answers, kept in `vulyk_meta` (merged with what an
/// earlier upgrade learned).
async fn learn_classes(store: &MongoStore) -> Result<Vec<(String, String, String)>> {
    let first_class = |collection: &'static str| async move {
        let cursor = store
            .coll(collection)
            .aggregate([
                doc! { "$match": { "_cls": { "$type": "string" } } },
                doc! { "$group": { "_id": "$taskType", "cls": { "$first": "$_cls" } } },
            ])
            .await
            .map_err(mongo_err)?;
        store
            .collect(cursor, |d| {
                Ok((
                    d.get_str("_id").unwrap_or_default().to_string(),
                    d.get_str("cls").unwrap_or_default().to_string(),
                ))
            })
            .await
    };
    let tasks = first_class("tasks").await?;
    let answers = first_class("reports").await?;
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
    let mut classes: Vec<(String, String, String)> = tasks
        .into_iter()
        .map(|(task_type, task_class)| {
            let answer_class = answers
                .iter()
                .find(|(t, _)| *t == task_type)
                .map(|(_, c)| c.clone())
                .unwrap_or_default();
            (task_type, task_class, answer_class)
        })
        .collect();
    classes.sort();
    Ok(classes)
}

/// The original counts a batch only after all its tasks are stored; a load that failed half
/// way left tasks in a batch that never counted them.
async fn recount_batches(store: &MongoStore) -> Result<Vec<(String, u64, u64)>> {
    let batches = store.coll("batches");
    let tasks = store.coll("tasks");
    let mut cursor = batches.find(doc! {}).await.map_err(mongo_err)?;
    let mut changed = Vec::new();
    while cursor.advance().await.map_err(mongo_err)? {
        let batch = cursor.deserialize_current().map_err(mongo_err)?;
        let Some(Bson::String(id)) = batch.get("_id").cloned() else {
            continue;
        };
        let stored = tasks
            .count_documents(doc! { "batch": &id })
            .await
            .map_err(mongo_err)?;
        let closed = tasks
            .count_documents(doc! { "batch": &id, "closed": true })
            .await
            .map_err(mongo_err)?;
        let counted = super::accounts::count(&batch, "tasksCount");
        let processed = super::accounts::count(&batch, "tasksProcessed");
        if counted != stored || processed != closed {
            batches
                .update_one(
                    doc! { "_id": &id },
                    doc! { "$set": { "tasksCount": stored as i64, "tasksProcessed": closed as i64 } },
                )
                .await
                .map_err(mongo_err)?;
            if counted != stored {
                changed.push((id, counted, stored));
            }
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use mongodb::IndexModel;
    use mongodb::options::IndexOptions;

    use super::*;

    /// A database of ours at version 2 had addresses unique everywhere, which an original
    /// database's users without one break; opening it moves it to the index on real addresses.
    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn version_2_gets_unique_addresses_only_where_there_is_one() {
        let store = crate::store::conformance::fresh_mongo_store("vulyk_v2").await;
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
        assert_eq!(
            stored_version(&reopened).await.unwrap(),
            Some(SCHEMA_VERSION)
        );
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
        assert!(super::super::is_duplicate_key(&taken), "{taken}");
    }
}
