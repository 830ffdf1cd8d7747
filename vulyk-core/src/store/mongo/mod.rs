//! The MongoDB backend, over the official driver. Collections and field names are those of
//! the original Vulyk (spec 2) so that its databases can be opened; atomic operations are
//! single conditional document updates, so a standalone `mongod` 6.0+ is enough (no
//! multi-document transactions).

mod answers;
mod audit;
mod backup;
mod batches;
mod copy;
mod copy_cells;
mod copy_documents;
mod copy_pages;
mod copy_rows;
mod cursors;
mod downgrade;
mod export;
mod funds;
mod gold;
mod groups;
mod layout;
mod leases;
mod load;
mod pause;
mod report;
mod rewards;
mod rewrite;
mod rules;
mod sign_in;
mod support;
mod users;
mod webhooks;
mod work;

use std::time::Duration;

use chrono::{DateTime, Utc};

use mongodb::bson::{Document, doc};
use mongodb::options::{ClientOptions, IndexOptions};
use mongodb::{Client, Database, IndexModel};

use super::{DowngradeReport, Layout, OriginalClasses, Store, UpgradeReport, url::redact};
use crate::{Error, Result};
use support::{ANSWER_COUNTS, mongo_err};

const DEFAULT_DATABASE: &str = "vulyk";
/// Fail fast when no server answers, instead of the driver's 30 s default.
const SERVER_SELECTION_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct MongoStore {
    db: Database,
    url: String,
    layout: Layout,
    /// Where a copy from this store is in the area it reads (`copy_pages.rs`).
    copy_cursor: copy_pages::HeldCursor,
    /// Holds this process's writes back while a backup pauses them (`pause.rs`).
    gate: std::sync::Arc<pause::WriteGate>,
    /// Where the gate beats.
    beat: pause::BeatPlace,
}

impl std::fmt::Debug for MongoStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may carry credentials: only its redacted form is ever shown.
        f.debug_struct("MongoStore")
            .field("url", &redact(&self.url))
            .field("database", &self.db.name())
            .finish()
    }
}

impl MongoStore {
    /// Connects (database from the URL path, default `vulyk`) and finds the layout: ours is
    /// migrated if older and gets its indexes; an original database is left as it is, read-only.
    pub async fn open(url: &str) -> Result<Self> {
        let mut store = Self::connect(url).await?;
        store.layout = layout::open(&store).await?;
        if store.layout == Layout::Current {
            store.create_indexes().await?;
        }
        Ok(store)
    }

    /// Moves an original database to our layout (`vulyk db upgrade`); one already ours is
    /// left as it is.
    pub async fn upgrade(url: &str) -> Result<UpgradeReport> {
        let store = Self::connect(url).await?;
        layout::upgrade(&store).await
    }

    /// Returns a database of ours to the original's shape (`vulyk db downgrade`).
    pub async fn downgrade(
        url: &str,
        declared: &OriginalClasses,
        now: DateTime<Utc>,
    ) -> Result<DowngradeReport> {
        let store = Self::connect(url).await?;
        downgrade::downgrade(&store, declared, now).await
    }

    async fn connect(url: &str) -> Result<Self> {
        let shown = redact(url);
        let mut options = ClientOptions::parse(url).await.map_err(|e| Error::Store {
            message: format!("bad MongoDB URL {shown}"),
            source: Some(Box::new(e)),
        })?;
        options
            .server_selection_timeout
            .get_or_insert(SERVER_SELECTION_TIMEOUT);
        options.app_name.get_or_insert_with(|| "vulyk".to_string());
        let database = options
            .default_database
            .clone()
            .unwrap_or_else(|| DEFAULT_DATABASE.to_string());
        let beat = pause::BeatPlace {
            options: options.clone(),
            database: database.clone(),
        };
        let client = Client::with_options(options).map_err(mongo_err)?;
        let store = MongoStore {
            db: client.database(&database),
            url: url.to_string(),
            layout: Layout::Current,
            copy_cursor: copy_pages::HeldCursor::default(),
            gate: std::sync::Arc::default(),
            beat,
        };
        store
            .db
            .run_command(doc! { "ping": 1 })
            .await
            .map_err(|e| Error::Store {
                message: format!("cannot reach MongoDB at {shown}"),
                source: Some(Box::new(e)),
            })?;
        Ok(store)
    }

    /// Refuses a write to an original database that has not been upgraded; otherwise waits
    /// while a backup pauses the writers. The write holds the permit until it is done.
    async fn writable(&self) -> Result<pause::WritePermit> {
        if let Some(why) = self.layout.refusal() {
            return Err(Error::conflict(why));
        }
        self.gate.enter(&self.beat).await
    }

    /// A permit to write unless a backup holds the writes: for reads that finish off what a
    /// write left (an outbox), which can wait for the next read.
    async fn writable_if_free(&self) -> Option<pause::WritePermit> {
        if self.layout.refusal().is_some() {
            return None;
        }
        self.gate.enter_if_free(&self.beat).await
    }

    pub(super) fn coll(&self, name: &str) -> mongodb::Collection<Document> {
        self.db.collection(name)
    }

    async fn create_indexes(&self) -> Result<()> {
        let unique = || IndexOptions::builder().unique(true).build();
        let sparse = || IndexOptions::builder().sparse(true).build();
        let unique_sparse = || IndexOptions::builder().unique(true).sparse(true).build();
        // The original's users may have no address (null, or ""), many of them.
        let unique_address = || {
            IndexOptions::builder()
                .unique(true)
                .name("email_1_when_set".to_string())
                .partial_filter_expression(doc! { "email": { "$type": "string", "$gt": "" } })
                .build()
        };
        let closed_at = || {
            IndexOptions::builder()
                .name(export::CLOSED_AT_INDEX.to_string())
                .partial_filter_expression(doc! { "closedAt": { "$type": "date" } })
                .build()
        };
        let expire = |after: u64| {
            IndexOptions::builder()
                .expire_after(Duration::from_secs(after))
                .build()
        };
        let due = || {
            IndexOptions::builder()
                .name(webhooks::DUE_INDEX.to_string())
                .partial_filter_expression(doc! { "status": "pending" })
                .build()
        };
        let indexes: [(&str, Document, Option<IndexOptions>); 39] = [
            ("user", doc! { "username": 1 }, Some(unique())),
            (audit::AUDIT_LOG, doc! { "at": -1, "_id": -1 }, None),
            // An event is queued once per webhook, however often it is told of.
            (
                webhooks::DELIVERIES,
                doc! { "hook": 1, "eventId": 1 },
                Some(unique()),
            ),
            // A webhook's due deliveries, in the order they are claimed.
            (
                webhooks::DELIVERIES,
                doc! { "hook": 1, "nextAttemptAt": 1, "_id": 1 },
                Some(due()),
            ),
            (
                webhooks::DELIVERIES,
                doc! { "deliveredAt": 1 },
                Some(sparse()),
            ),
            // `webhooks deliveries --failed`, newest first.
            (webhooks::DELIVERIES, doc! { "status": 1, "_id": -1 }, None),
            ("user", doc! { "email": 1 }, Some(unique_address())),
            ("batches", doc! { "taskType": 1 }, None),
            // The hand-out seeks into a batch's open tasks at a random id.
            ("tasks", doc! { "batch": 1, "closed": 1, "_id": 1 }, None),
            ("tasks", doc! { "taskType": 1 }, None),
            // Incremental exports find the tasks closed in their window; only closed tasks
            // have a time, so a load pays nothing for it.
            (
                "tasks",
                doc! { "taskType": 1, "closedAt": 1 },
                Some(closed_at()),
            ),
            // Only tasks ever handed out have leases; sparse keeps the load from paying.
            ("tasks", doc! { "leases.user": 1 }, Some(sparse())),
            ("tasks", doc! { "leases.until": 1 }, Some(sparse())),
            // Notes of answers being settled are few and short-lived; the sweep finds them.
            (
                "tasks",
                doc! { format!("{}.at", support::PENDING): 1 },
                Some(sparse()),
            ),
            (
                "reports",
                doc! { "createdBy": 1, "task": 1 },
                Some(unique()),
            ),
            ("reports", doc! { "task": 1 }, None),
            ("reports", doc! { "taskType": 1, "createdAt": 1 }, None),
            ("work_sessions", doc! { "task": 1 }, None),
            ("work_sessions", doc! { "taskType": 1, "end_time": 1 }, None),
            (ANSWER_COUNTS, doc! { "taskType": 1, "answers": 1 }, None),
            // Achievements count a volunteer's finished sessions by time.
            ("work_sessions", doc! { "user": 1, "end_time": 1 }, None),
            (rules::RULES, doc! { "name": 1 }, Some(unique())),
            (rewards::STATES, doc! { "user": 1 }, Some(unique())),
            (rewards::STATES, doc! { "points": -1 }, None),
            (
                rewards::STATES,
                doc! { "batchCoins.batch": 1 },
                Some(sparse()),
            ),
            // At most one event per answer: what makes paying an answer idempotent.
            (rewards::EVENTS, doc! { "answer": 1 }, Some(unique_sparse())),
            (rewards::EVENTS, doc! { "user": 1, "viewed": 1 }, None),
            (rewards::EVENTS, doc! { "timestamp": -1 }, None),
            (rewards::EVENTS, doc! { "acceptorFund": 1 }, Some(sparse())),
            (support::WEB_SESSIONS, doc! { "user": 1 }, None),
            (
                support::WEB_SESSIONS,
                doc! { "expires": 1 },
                Some(expire(0)),
            ),
            // A volunteer answers a gold task once; a hand-out skips those they answered.
            (
                gold::GOLD_ANSWERS,
                doc! { "taskType": 1, "user": 1, "gold": 1 },
                Some(unique()),
            ),
            (gold::GOLD_ANSWERS, doc! { "gold": 1 }, None),
            (gold::GOLD_TASKS, doc! { "taskType": 1, "batch": 1 }, None),
            (support::API_TOKENS, doc! { "hash": 1 }, Some(unique())),
            (support::API_TOKENS, doc! { "user": 1 }, None),
            (support::IDENTITIES, doc! { "user": 1 }, None),
            // A window is a few minutes long; a day later its count is of no use.
            (
                support::ATTEMPTS,
                doc! { "window": 1 },
                Some(expire(86_400)),
            ),
            // A process that has not beaten for an hour is long gone.
            (pause::WRITERS, doc! { "seen": 1 }, Some(expire(3_600))),
        ];
        for (collection, keys, options) in indexes {
            let model = IndexModel::builder().keys(keys).options(options).build();
            self.coll(collection)
                .create_index(model)
                .await
                .map_err(mongo_err)?;
        }
        Ok(())
    }

    /// The documents a query finds, decoded one by one.
    pub(super) async fn collect<T>(
        &self,
        mut cursor: mongodb::Cursor<Document>,
        decode: impl Fn(Document) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        while cursor.advance().await.map_err(mongo_err)? {
            let document = cursor.deserialize_current().map_err(mongo_err)?;
            out.push(decode(document)?);
        }
        Ok(out)
    }
}

impl Store for MongoStore {
    fn backend(&self) -> &'static str {
        "mongodb"
    }
    fn layout(&self) -> Layout {
        self.layout
    }
}

/// A store on a database of its own on the test server, for this backend's tests.
#[cfg(test)]
async fn test_store(prefix: &str) -> MongoStore {
    let url = vulyk_testkit::mongo_database(prefix);
    MongoStore::open(&url).await.expect("open MongoDB")
}

#[cfg(test)]
mod fault_tests;
#[cfg(test)]
mod pause_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_unreachable_server_is_a_clear_error_within_seconds() {
        let started = std::time::Instant::now();
        // Port 1 on loopback: nothing listens there.
        let err = MongoStore::open("mongodb://vulyk:secret@127.0.0.1:1/vulyk")
            .await
            .unwrap_err();
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "{:?}",
            started.elapsed()
        );
        let shown = format!("{err} {err:?}");
        assert!(
            shown.contains("cannot reach MongoDB at mongodb://vulyk:***@127.0.0.1:1/vulyk"),
            "{shown}"
        );
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn debug_output_hides_credentials() {
        let url = vulyk_testkit::mongo_server();
        let store = MongoStore::open(&url).await.unwrap();
        let with_password = MongoStore {
            url: "mongodb://admin:hunter2@db.example/vulyk".into(),
            ..store
        };
        let shown = format!("{with_password:?}");
        assert!(
            !shown.contains("hunter2") && shown.contains("admin:***"),
            "{shown}"
        );
    }
}
