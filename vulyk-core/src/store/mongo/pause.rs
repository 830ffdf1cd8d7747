//! The writers' side of a backup's pause. A standalone `mongod` reads no moment of itself
//! across documents, so a backup (`backup.rs`) stops every process's writes instead, copies
//! the store, and lets them go on.
//!
//! Each process that writes beats in `vulyk_writers` every [`BEAT`] and, in the same beat,
//! reads `vulyk_pause`. A write goes ahead only while the last beat that found no pause began
//! less than [`PERMIT`] ago. A process that finds a pause lets its writes under way finish,
//! holds new ones back, and acknowledges in the pause's `acks`; the backup waits for every
//! process that beat lately. A write held back longer than [`PATIENCE`] is refused as
//! `Unavailable` (503 with `Retry-After` on the site). A pause whose backup stops beating
//! (killed) is dropped after [`ABANDONED`].

use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use mongodb::bson::{Document, doc};
use mongodb::options::{ClientOptions, ReadPreference, SelectionCriteria};
use mongodb::{Client, Database};
use tokio::sync::{OwnedRwLockReadGuard, RwLock, oneshot, watch};
use tokio::time::Instant;

use super::support::mongo_err;
use crate::{Error, Result};

/// One document per process that writes: its beat count and the server's time of its last
/// beat. A TTL index drops those of processes long gone.
pub(super) const WRITERS: &str = "vulyk_writers";
/// At most one document, [`PAUSE_ID`]: the backup under way.
pub(super) const PAUSE: &str = "vulyk_pause";
pub(super) const PAUSE_ID: &str = "backup";
pub(super) const BEAT: Duration = Duration::from_secs(1);
/// How long a beat that found no pause lets a process write.
const PERMIT: Duration = Duration::from_secs(3);
/// A writer whose beat stood still this long is taken for gone: its permit ran out long
/// before (the beat has a connection of its own, so writes waiting for the connection pool do
/// not hold it up), and a write it began before is taken to have landed.
pub(super) const GONE: Duration = Duration::from_secs(10);
/// A pause whose beat stood still this long belongs to a backup that was stopped.
pub(super) const ABANDONED: Duration = Duration::from_secs(10);
/// How long a write waits for a pause to end before it is refused.
pub(super) const PATIENCE: Duration = Duration::from_secs(10);
/// What a refused write tells its caller to wait.
const RETRY_AFTER_SECS: u64 = 30;

/// Holds a write open: the process's pause waits until every permit is dropped.
pub(super) struct WritePermit {
    _held: OwnedRwLockReadGuard<()>,
}

/// A process's gate for its writes to one store (shared by the store's clones).
pub(super) struct WriteGate {
    /// This process's name among the writers (random: processes on many machines share one
    /// store).
    pub(super) id: String,
    writes: Arc<RwLock<()>>,
    state: Mutex<GateState>,
    /// Counts beats, so that a held-back write wakes at each one.
    beats: watch::Sender<u64>,
    watching: OnceLock<()>,
}

#[derive(Default)]
struct GateState {
    /// When the last beat that found no pause began.
    clear_since: Option<Instant>,
    held: Option<Held>,
}

/// A pause this process keeps to: its writes are held until `release` goes.
struct Held {
    token: String,
    /// The pause's beat, and when this process saw it change last.
    beat: i64,
    beat_seen: Instant,
    /// Dropped, it lets the hold go.
    _release: oneshot::Sender<()>,
}

impl Default for WriteGate {
    fn default() -> Self {
        WriteGate {
            id: format!("{:032x}", rand::random::<u128>()),
            writes: Arc::default(),
            state: Mutex::default(),
            beats: watch::Sender::new(0),
            watching: OnceLock::new(),
        }
    }
}

impl WriteGate {
    /// Waits for a permit to write: until a beat has found no pause, for [`PATIENCE`] at most.
    pub(super) async fn enter(self: &Arc<Self>, beat: &BeatPlace) -> Result<WritePermit> {
        self.enter_within(beat, PATIENCE).await
    }

    /// A permit, unless a pause holds the writes (or none comes within two beats).
    pub(super) async fn enter_if_free(self: &Arc<Self>, beat: &BeatPlace) -> Option<WritePermit> {
        if self.held() {
            return None;
        }
        self.enter_within(beat, 2 * BEAT).await.ok()
    }

    async fn enter_within(
        self: &Arc<Self>,
        beat: &BeatPlace,
        patience: Duration,
    ) -> Result<WritePermit> {
        self.watch(beat);
        let deadline = Instant::now() + patience;
        let mut beats = self.beats.subscribe();
        loop {
            let permit = tokio::time::timeout_at(deadline, self.writes.clone().read_owned())
                .await
                .map_err(|_| self.refusal())?;
            if self.clear() {
                return Ok(WritePermit { _held: permit });
            }
            drop(permit);
            // The gate keeps the sender, so the only error is the deadline.
            let _ = tokio::time::timeout_at(deadline, beats.changed())
                .await
                .map_err(|_| self.refusal())?;
        }
    }

    fn watch(self: &Arc<Self>, beat: &BeatPlace) {
        self.watching.get_or_init(|| {
            tokio::spawn(watch(beat.clone(), Arc::downgrade(self)));
        });
    }

    fn held(&self) -> bool {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .held
            .is_some()
    }

    fn clear(&self) -> bool {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.held.is_none() && state.clear_since.is_some_and(|t| t.elapsed() < PERMIT)
    }

    fn refusal(&self) -> Error {
        let message = if self.held() {
            "the store takes no changes while it is backed up; try again in a minute"
        } else {
            "the store takes no changes now: MongoDB did not answer this process's beat \
             (vulyk_writers); try again in a minute"
        };
        Error::Unavailable {
            message: message.to_string(),
            retry_after_secs: RETRY_AFTER_SECS,
        }
    }

    /// Takes in what a beat that began at `began` found in `vulyk_pause`.
    fn found(self: &Arc<Self>, pause: Option<Document>, began: Instant, db: &Database) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let pause = pause.filter(|p| p.get_str("holder").ok() != Some(self.id.as_str()));
        let Some(pause) = pause else {
            // No pause, or this process's own backup, which writes nothing meanwhile.
            state.held = None;
            state.clear_since = Some(began);
            return;
        };
        let token = pause.get_str("token").unwrap_or_default().to_string();
        let beat = pause.get_i64("beat").unwrap_or_default();
        state.clear_since = None;
        match &mut state.held {
            Some(held) if held.token == token => {
                if held.beat != beat {
                    held.beat = beat;
                    held.beat_seen = Instant::now();
                } else if held.beat_seen.elapsed() > ABANDONED {
                    // Its backup was stopped: the pause goes, unless it beat meanwhile.
                    tokio::spawn(drop_abandoned(db.clone(), token, beat));
                    state.held = None;
                }
            }
            _ => {
                let (release, released) = oneshot::channel();
                tokio::spawn(hold(
                    self.writes.clone(),
                    db.clone(),
                    self.id.clone(),
                    token.clone(),
                    released,
                ));
                state.held = Some(Held {
                    token,
                    beat,
                    beat_seen: Instant::now(),
                    _release: release,
                });
            }
        }
    }
}

/// Where a process beats: its store's database, through a client of its own.
#[derive(Clone)]
pub(super) struct BeatPlace {
    pub(super) options: ClientOptions,
    pub(super) database: String,
}

/// Beats while the gate is alive: the process's document in `vulyk_writers`, then a look
/// at `vulyk_pause`. A beat that fails grants nothing, so writes stop when MongoDB cannot
/// be reached to tell of a pause.
async fn watch(place: BeatPlace, gate: Weak<WriteGate>) {
    let Ok(client) = Client::with_options(place.options) else {
        return;
    };
    let db = coordination(&client.database(&place.database));
    let mut every = tokio::time::interval(BEAT);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let Some(gate) = gate.upgrade() else { return };
        let began = Instant::now();
        if let Ok(pause) = beat(&db, &gate.id).await {
            gate.found(pause, began, &db);
        }
        gate.beats.send_modify(|n| *n += 1);
    }
}

/// The database as a pause's readers see it: from the primary always, as a secondary may not
/// have the pause or the beats yet.
pub(super) fn coordination(db: &Database) -> Database {
    let primary = SelectionCriteria::ReadPreference(ReadPreference::Primary);
    db.client().database_with_options(
        db.name(),
        mongodb::options::DatabaseOptions::builder()
            .selection_criteria(primary)
            .build(),
    )
}

/// One beat: the writer's document first, then the pause, so that a backup that has not
/// seen this writer yet was begun before the look and is found by it.
pub(super) async fn beat(db: &Database, id: &str) -> Result<Option<Document>> {
    db.collection::<Document>(WRITERS)
        .update_one(
            doc! { "_id": id },
            doc! {
                "$inc": { "beat": 1_i64 },
                "$currentDate": { "seen": true },
                "$setOnInsert": { "process": process_name() },
            },
        )
        .upsert(true)
        .await
        .map_err(mongo_err)?;
    db.collection::<Document>(PAUSE)
        .find_one(doc! { "_id": PAUSE_ID })
        .await
        .map_err(mongo_err)
}

/// Holds the process's writes for a pause: takes the gate once the writes under way are
/// done (new ones wait behind it), tells the backup so, and lets go when released.
async fn hold(
    writes: Arc<RwLock<()>>,
    db: Database,
    id: String,
    token: String,
    mut released: oneshot::Receiver<()>,
) {
    let all_writes = tokio::select! {
        taken = writes.write_owned() => taken,
        _ = &mut released => return,
    };
    let pauses = db.collection::<Document>(PAUSE);
    loop {
        let acknowledged = pauses
            .update_one(
                doc! { "_id": PAUSE_ID, "token": &token },
                doc! { "$addToSet": { "acks": &id } },
            )
            .await;
        if acknowledged.is_ok() {
            break;
        }
        tokio::select! {
            _ = tokio::time::sleep(BEAT) => {}
            _ = &mut released => return,
        }
    }
    let _ = released.await;
    drop(all_writes);
}

async fn drop_abandoned(db: Database, token: String, beat: i64) {
    let _ = db
        .collection::<Document>(PAUSE)
        .delete_one(doc! { "_id": PAUSE_ID, "token": token, "beat": beat })
        .await;
}

/// The process as a backup names it when it does not pause: host and process id.
pub(super) fn process_name() -> String {
    let host = whoami::fallible::hostname().unwrap_or_else(|_| "unknown host".to_string());
    format!("{host}, process {}", std::process::id())
}
