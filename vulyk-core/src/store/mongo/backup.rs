//! The backup's side of the pause (`pause.rs`): it puts the pause in place, waits until every
//! process that writes has let its writes under way finish and holds new ones, then the
//! service copies the store into one SQLite file and lifts the pause.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use mongodb::bson::{self, Document, doc};
use tokio::time::Instant;

use super::MongoStore;
use super::pause::{ABANDONED, BEAT, GONE, PAUSE, PAUSE_ID, WRITERS, process_name};
use super::support::{is_duplicate_key, mongo_err, strings};
use crate::store::{BackupStore, CopyStore, Snapshot, WritersPaused};
use crate::{Error, Result};

/// How long the backup waits for the writers to pause before it gives up.
const PAUSING_PATIENCE: Duration = Duration::from_secs(30);
/// A write whose caller went away (a closed page, the site's timeout) may still be on its
/// way to the server when its process acknowledges; the copy begins this much later. A
/// bound taken on trust: nothing tells when such a write lands.
const SETTLE: Duration = Duration::from_secs(1);

#[async_trait]
impl BackupStore for MongoStore {
    async fn snapshot_into(&self, _file: &Path) -> Result<Snapshot> {
        Err(Error::invalid(
            "a MongoDB store writes no snapshot of itself: it is copied while its writers \
             pause (pause_writers)",
        ))
    }

    async fn pause_writers(&self) -> Result<Option<WritersPaused>> {
        // What the copy would refuse whatever the writers do is refused before any process
        // is held up, and an original database gets no pause written into it. Answers and
        // rewards half stored are the writes under way: the copy looks for them once those
        // are done.
        if let Some(why) = self.layout.refusal() {
            return Err(Error::conflict(why));
        }
        if let Some(why) = self.load_under_way().await? {
            return Err(Error::conflict(why));
        }
        if let Some(mark) = self.copy_marks().await?.first() {
            return Err(Error::conflict(format!(
                "the store is a copy from {} that did not finish; finish that copy first",
                mark.source
            )));
        }
        let token = format!("{:032x}", rand::random::<u128>());
        let since = self.put_pause(&token).await?;
        let beating = tokio::spawn(beat_pause(self.clone(), token.clone()));
        let paused = WritersPaused::new(token, beating.abort_handle());
        if let Err(e) = self.wait_for_writers(paused.token(), since).await {
            // The reason it gave up is the error; the pause goes in any case (or stops
            // beating, and the writers drop it).
            let _ = self.resume_writers(paused).await;
            return Err(e);
        }
        tokio::time::sleep(SETTLE).await;
        Ok(Some(paused))
    }

    async fn resume_writers(&self, paused: WritersPaused) -> Result<()> {
        let token = paused.token().to_string();
        drop(paused);
        let lift = doc! { "_id": PAUSE_ID, "token": token };
        let mut tries = 0;
        let lifted = loop {
            match self.coordinated(PAUSE).delete_one(lift.clone()).await {
                Ok(lifted) => break lifted,
                // A copy checked is not given up for one lost answer: the writers wait on.
                Err(_) if tries < 3 => {
                    tries += 1;
                    tokio::time::sleep(BEAT).await;
                }
                Err(e) => return Err(mongo_err(e)),
            }
        };
        if lifted.deleted_count == 0 {
            // The writers took it for a stopped backup's (its beat stood still) and went on.
            return Err(Error::conflict(
                "the writers' pause ended before the copy did (its beat could not reach \
                 MongoDB), so the copy is of no one moment; nothing was backed up",
            ));
        }
        Ok(())
    }
}

impl MongoStore {
    /// A collection of the pause's, read from the primary.
    fn coordinated(&self, name: &str) -> mongodb::Collection<Document> {
        super::pause::coordination(&self.db).collection(name)
    }

    /// Puts the pause in place and returns the server's time of it. One that is there
    /// already belongs to another backup, or to one that was stopped (its beat stands still).
    async fn put_pause(&self, token: &str) -> Result<bson::DateTime> {
        let pauses = self.coordinated(PAUSE);
        loop {
            let put = pauses
                .update_one(
                    doc! { "_id": PAUSE_ID, "token": token },
                    doc! {
                        "$setOnInsert": {
                            "holder": &self.gate.id,
                            "by": process_name(),
                            "beat": 0_i64,
                            "acks": [],
                        },
                        "$currentDate": { "since": true },
                    },
                )
                .upsert(true)
                .await;
            match put {
                Ok(_) => break,
                Err(e) if is_duplicate_key(&e) => self.drop_stopped_pause().await?,
                Err(e) => return Err(mongo_err(e)),
            }
        }
        let pause = pauses
            .find_one(doc! { "_id": PAUSE_ID, "token": token })
            .await
            .map_err(mongo_err)?
            .ok_or_else(|| Error::store_msg("the backup's pause vanished as it was put"))?;
        pause
            .get_datetime("since")
            .copied()
            .map_err(|e| Error::store("the backup's pause has no time", e))
    }

    /// Drops a pause whose beat stands still for [`ABANDONED`]; refuses while it beats.
    async fn drop_stopped_pause(&self) -> Result<()> {
        let pauses = self.coordinated(PAUSE);
        let watched = Instant::now();
        let mut last: Option<Document> = None;
        loop {
            let Some(pause) = pauses
                .find_one(doc! { "_id": PAUSE_ID })
                .await
                .map_err(mongo_err)?
            else {
                return Ok(());
            };
            if let Some(before) = &last
                && pause_beat(before) != pause_beat(&pause)
            {
                return Err(Error::conflict(format!(
                    "another backup is under way (by {}, since {}); try again when it is done",
                    pause.get_str("by").unwrap_or("an unknown process"),
                    pause
                        .get_datetime("since")
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                )));
            }
            if watched.elapsed() > ABANDONED {
                let (beat, token) = pause_beat(&pause);
                let stopped = doc! { "_id": PAUSE_ID, "token": token, "beat": beat };
                pauses.delete_one(stopped).await.map_err(mongo_err)?;
                return Ok(());
            }
            last = Some(pause);
            tokio::time::sleep(BEAT).await;
        }
    }

    /// Waits until every process that beat since [`GONE`] before the pause has acknowledged
    /// it, or stopped beating (then its permit has run out).
    async fn wait_for_writers(&self, token: &str, since: bson::DateTime) -> Result<()> {
        let deadline = Instant::now() + PAUSING_PATIENCE;
        let recent =
            bson::DateTime::from_millis(since.timestamp_millis() - GONE.as_millis() as i64);
        // Each writer's beat, and when it was first seen at it.
        let mut beats: HashMap<String, (i64, Instant)> = HashMap::new();
        loop {
            let pause = self
                .coordinated(PAUSE)
                .find_one(doc! { "_id": PAUSE_ID, "token": token })
                .await
                .map_err(mongo_err)?
                .ok_or_else(|| {
                    Error::conflict(
                        "the backup's pause was dropped meanwhile; nothing was backed up",
                    )
                })?;
            let acks = strings(&pause, "acks");
            let cursor = self
                .coordinated(WRITERS)
                .find(doc! { "_id": { "$ne": &self.gate.id }, "seen": { "$gte": recent } })
                .await
                .map_err(mongo_err)?;
            let writers = self.collect(cursor, Ok).await?;
            let mut waiting = None;
            for writer in &writers {
                let id = writer.get_str("_id").unwrap_or_default();
                if acks.iter().any(|ack| ack == id) {
                    continue;
                }
                let beat = writer.get_i64("beat").unwrap_or_default();
                let seen = beats
                    .entry(id.to_string())
                    .or_insert((beat, Instant::now()));
                if seen.0 != beat {
                    *seen = (beat, Instant::now());
                }
                if seen.1.elapsed() <= GONE {
                    waiting = Some(writer.get_str("process").unwrap_or("a process").to_string());
                }
            }
            let Some(process) = waiting else {
                return Ok(());
            };
            if Instant::now() >= deadline {
                return Err(Error::Unavailable {
                    message: format!(
                        "{process} writes to the store and did not pause within {} s; \
                         nothing was backed up",
                        PAUSING_PATIENCE.as_secs()
                    ),
                    retry_after_secs: 60,
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn pause_beat(pause: &Document) -> (Option<i64>, Option<&str>) {
    (pause.get_i64("beat").ok(), pause.get_str("token").ok())
}

/// Beats the pause while the backup runs, so that writers know it is alive.
async fn beat_pause(store: MongoStore, token: String) {
    let mut every = tokio::time::interval(BEAT);
    loop {
        every.tick().await;
        let _ = store
            .coordinated(PAUSE)
            .update_one(
                doc! { "_id": PAUSE_ID, "token": &token },
                doc! { "$inc": { "beat": 1_i64 } },
            )
            .await;
    }
}
