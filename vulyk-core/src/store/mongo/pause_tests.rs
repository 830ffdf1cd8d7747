//! A backup's pause across processes. Stores opened apart on one database stand for
//! processes: each has a gate, a beat and a name among the writers of its own.

use std::time::Duration;

use mongodb::bson::doc;

use super::pause::{PAUSE, PAUSE_ID, WRITERS};
use super::*;
use crate::domain::Group;
use crate::store::{BackupStore, GroupStore};

async fn stores(n: usize) -> Vec<MongoStore> {
    let url = vulyk_testkit::mongo_database("vulyk_pause");
    let mut stores = Vec::new();
    for _ in 0..n {
        stores.push(MongoStore::open(&url).await.expect("open MongoDB"));
    }
    stores
}

/// A write: a group made.
async fn write(store: &MongoStore, id: &str) -> Result<()> {
    store
        .insert_group(&Group {
            id: id.to_string(),
            description: String::new(),
            allowed_types: Vec::new(),
        })
        .await
}

async fn groups(store: &MongoStore) -> usize {
    store.groups().await.expect("groups").len()
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_backup_waits_for_the_writes_under_way_and_holds_new_ones_until_it_resumes() {
    let [writer, backup]: [MongoStore; 2] = stores(2).await.try_into().unwrap();
    write(&writer, "before")
        .await
        .expect("a write before the backup");
    let under_way = writer.writable().await.expect("a write under way");
    let pausing = tokio::spawn({
        let backup = backup.clone();
        async move { backup.pause_writers().await }
    });
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        !pausing.is_finished(),
        "the pause did not wait for the write"
    );
    drop(under_way);
    let paused = tokio::time::timeout(Duration::from_secs(10), pausing)
        .await
        .expect("the pause is in place once the write is done")
        .unwrap()
        .expect("paused")
        .expect("MongoDB pauses its writers");
    let held = tokio::spawn({
        let writer = writer.clone();
        async move { write(&writer, "during").await }
    });
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(!held.is_finished(), "a write went ahead during the pause");
    assert_eq!(groups(&backup).await, 1);
    backup.resume_writers(paused).await.expect("resumed");
    tokio::time::timeout(Duration::from_secs(5), held)
        .await
        .expect("the held write goes on once the pause ends")
        .unwrap()
        .expect("written");
    assert_eq!(groups(&backup).await, 2);
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_write_held_longer_than_its_patience_is_refused_as_unavailable() {
    let [writer, backup]: [MongoStore; 2] = stores(2).await.try_into().unwrap();
    write(&writer, "before")
        .await
        .expect("a write before the backup");
    let paused = backup.pause_writers().await.unwrap().unwrap();
    let refused = write(&writer, "during").await;
    let Err(Error::Unavailable {
        message,
        retry_after_secs,
    }) = refused
    else {
        panic!("{refused:?}");
    };
    assert!(message.contains("while it is backed up"), "{message}");
    assert!(retry_after_secs > 0);
    backup.resume_writers(paused).await.expect("resumed");
    assert_eq!(groups(&backup).await, 1);
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn writes_go_on_after_a_backup_that_stopped_without_resuming() {
    let [writer, backup, next]: [MongoStore; 3] = stores(3).await.try_into().unwrap();
    write(&writer, "before")
        .await
        .expect("a write before the backup");
    let paused = backup.pause_writers().await.unwrap().unwrap();
    // Killed: its pause beats no more.
    drop(paused);
    let started = std::time::Instant::now();
    loop {
        match write(&writer, "after").await {
            Ok(()) => break,
            Err(Error::Unavailable { .. }) if started.elapsed() < Duration::from_secs(30) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    // The next backup is not refused for the stopped one's pause either.
    let paused = next.pause_writers().await.unwrap().unwrap();
    next.resume_writers(paused).await.expect("resumed");
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_second_backup_is_refused_while_one_runs() {
    let [first, second]: [MongoStore; 2] = stores(2).await.try_into().unwrap();
    let paused = first.pause_writers().await.unwrap().unwrap();
    let refused = second.pause_writers().await;
    assert!(
        matches!(&refused, Err(Error::Conflict(m)) if m.contains("another backup is under way")),
        "{refused:?}"
    );
    first.resume_writers(paused).await.expect("resumed");
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_writer_that_stopped_beating_is_not_waited_for_and_one_that_beats_unpaused_is_named() {
    let [backup]: [MongoStore; 1] = stores(1).await.try_into().unwrap();
    let writers = backup.coll(WRITERS);
    let ghost = doc! { "$inc": { "beat": 1_i64 }, "$currentDate": { "seen": true }, "$set": { "process": "host h, process 7" } };
    writers
        .update_one(doc! { "_id": "stopped" }, ghost.clone())
        .upsert(true)
        .await
        .unwrap();
    let paused = tokio::time::timeout(Duration::from_secs(25), backup.pause_writers())
        .await
        .expect("a writer that beats no more is not waited for")
        .unwrap()
        .unwrap();
    backup.resume_writers(paused).await.expect("resumed");
    // One that goes on beating and never pauses (a process of an older version).
    let beating = tokio::spawn(async move {
        loop {
            let _ = writers
                .update_one(doc! { "_id": "deaf" }, ghost.clone())
                .upsert(true)
                .await;
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    });
    let refused = backup.pause_writers().await;
    beating.abort();
    assert!(
        matches!(&refused, Err(Error::Unavailable { message, .. })
            if message.contains("host h, process 7") && message.contains("did not pause")),
        "{refused:?}"
    );
    let left = backup
        .coll(PAUSE)
        .find_one(doc! { "_id": PAUSE_ID })
        .await
        .unwrap();
    assert_eq!(left, None, "a backup that gives up lifts its pause");
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_backup_whose_pause_was_dropped_meanwhile_is_refused() {
    let [backup]: [MongoStore; 1] = stores(1).await.try_into().unwrap();
    let paused = backup.pause_writers().await.unwrap().unwrap();
    backup
        .coll(PAUSE)
        .delete_one(doc! { "_id": PAUSE_ID })
        .await
        .unwrap();
    let refused = backup.resume_writers(paused).await;
    assert!(
        matches!(&refused, Err(Error::Conflict(m)) if m.contains("nothing was backed up")),
        "{refused:?}"
    );
}

#[tokio::test]
#[ignore = "needs the MongoDB test server"]
async fn a_store_the_copy_would_refuse_is_refused_before_any_writer_is_held() {
    let [writer, backup]: [MongoStore; 2] = stores(2).await.try_into().unwrap();
    backup
        .coll("batches")
        .insert_one(doc! { "_id": "half", "taskType": "tagging_task", "loading": true })
        .await
        .unwrap();
    let refused = backup.pause_writers().await;
    assert!(
        matches!(&refused, Err(Error::Conflict(m)) if m.contains("a load into batch `half`")),
        "{refused:?}"
    );
    let pause = backup.coll(PAUSE).find_one(doc! {}).await.unwrap();
    assert_eq!(pause, None);
    write(&writer, "after").await.expect("nothing was held");
}
