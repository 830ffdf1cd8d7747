//! The MongoDB backend, over the official driver. Collections and field names are those of
//! the original Vulyk (spec 2) so that its databases can be opened; atomic operations are
//! single conditional document updates, so a standalone `mongod` 6.0+ is enough (no
//! multi-document transactions).

mod accounts;
mod answers;
mod downgrade;
mod export;
mod funds;
mod game;
mod layout;
mod report;
mod rewrite;
mod rules;
mod sign_in;
mod states;
mod tasks;
mod work;

use std::time::Duration;

use async_trait::async_trait;
use mongodb::bson::{Document, doc};
use mongodb::error::{ErrorKind, WriteFailure};
use mongodb::options::{ClientOptions, IndexOptions};
use mongodb::{Client, Database, IndexModel};

use chrono::{DateTime, Utc};

use super::{
    AnswerOutcome, AnswerRequest, BatchCounters, BatchRemoval, ClaimRequest, DowngradeReport,
    ExportQuery, ExportedTask, InsertOutcome, Interrupted, Layout, LoadPlan, LoadTicket,
    OriginalClasses, RankInput, Store, TypeActivity, UnpaidAnswer, UpgradeReport, url::redact,
};
use crate::domain::{
    Answer, ApiToken, Batch, Group, NewTask, NewUser, Task, TaskId, TaskTypeCounts, User, UserId,
    WebSession, WorkSession,
};
use crate::{Error, Result};

const DEFAULT_DATABASE: &str = "vulyk";
/// Fail fast when no server answers, instead of the driver's 30 s default.
const SERVER_SELECTION_TIMEOUT: Duration = Duration::from_secs(5);
const DUPLICATE_KEY: i32 = 11000;
/// Our collection of answers per (task type, user), for leaderboards.
pub(super) const ANSWER_COUNTS: &str = "vulyk_answer_counts";
/// The batch field holding, per number of answers, the change in how many tasks have that many.
pub(super) const HISTOGRAM: &str = "usersCountHistogram";

#[derive(Clone)]
pub struct MongoStore {
    db: Database,
    url: String,
    layout: Layout,
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

pub(super) fn mongo_err(e: mongodb::error::Error) -> Error {
    Error::store("MongoDB", e)
}

/// Whether a driver error is a duplicate-key violation (of a unique index or `_id`).
pub(super) fn is_duplicate_key(e: &mongodb::error::Error) -> bool {
    match e.kind.as_ref() {
        ErrorKind::Write(WriteFailure::WriteError(w)) => w.code == DUPLICATE_KEY,
        ErrorKind::InsertMany(m) => m
            .write_errors
            .as_ref()
            .is_some_and(|errors| errors.iter().all(|w| w.code == DUPLICATE_KEY)),
        _ => false,
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
    pub async fn downgrade(url: &str, declared: &OriginalClasses) -> Result<DowngradeReport> {
        let store = Self::connect(url).await?;
        downgrade::downgrade(&store, declared).await
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
        let client = Client::with_options(options).map_err(mongo_err)?;
        let store = MongoStore {
            db: client.database(&database),
            url: url.to_string(),
            layout: Layout::Current,
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

    /// Refuses a write to an original database that has not been upgraded.
    pub(super) fn writable(&self) -> Result<()> {
        match self.layout.refusal() {
            None => Ok(()),
            Some(why) => Err(Error::conflict(why)),
        }
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
        let expire = |after: u64| {
            IndexOptions::builder()
                .expire_after(Duration::from_secs(after))
                .build()
        };
        let indexes: [(&str, Document, Option<IndexOptions>); 29] = [
            ("user", doc! { "username": 1 }, Some(unique())),
            ("user", doc! { "email": 1 }, Some(unique_address())),
            ("batches", doc! { "taskType": 1 }, None),
            // The hand-out seeks into a batch's open tasks at a random id.
            ("tasks", doc! { "batch": 1, "closed": 1, "_id": 1 }, None),
            ("tasks", doc! { "taskType": 1 }, None),
            // Only tasks ever handed out have leases; sparse keeps the load from paying.
            ("tasks", doc! { "leases.user": 1 }, Some(sparse())),
            ("tasks", doc! { "leases.until": 1 }, Some(sparse())),
            // Notes of answers being settled are few and short-lived; the sweep finds them.
            (
                "tasks",
                doc! { format!("{}.at", answers::PENDING): 1 },
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
            (states::STATES, doc! { "user": 1 }, Some(unique())),
            (states::STATES, doc! { "points": -1 }, None),
            (
                states::STATES,
                doc! { "batchCoins.batch": 1 },
                Some(sparse()),
            ),
            // At most one event per answer: what makes paying an answer idempotent.
            (states::EVENTS, doc! { "answer": 1 }, Some(unique_sparse())),
            (states::EVENTS, doc! { "user": 1, "viewed": 1 }, None),
            (states::EVENTS, doc! { "timestamp": -1 }, None),
            (states::EVENTS, doc! { "acceptorFund": 1 }, Some(sparse())),
            (sign_in::WEB_SESSIONS, doc! { "user": 1 }, None),
            (
                sign_in::WEB_SESSIONS,
                doc! { "expires": 1 },
                Some(expire(0)),
            ),
            (sign_in::API_TOKENS, doc! { "hash": 1 }, Some(unique())),
            (sign_in::API_TOKENS, doc! { "user": 1 }, None),
            (sign_in::IDENTITIES, doc! { "user": 1 }, None),
            // A window is a few minutes long; a day later its count is of no use.
            (
                sign_in::ATTEMPTS,
                doc! { "window": 1 },
                Some(expire(86_400)),
            ),
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

#[async_trait]
impl Store for MongoStore {
    fn backend(&self) -> &'static str {
        "mongodb"
    }
    fn layout(&self) -> Layout {
        self.layout
    }

    async fn groups(&self) -> Result<Vec<Group>> {
        accounts::groups(self).await
    }
    async fn insert_web_session(&self, session: &WebSession) -> Result<()> {
        self.writable()?;
        sign_in::insert_session(self, session).await
    }
    async fn web_session_user(&self, key_hash: &str, now: DateTime<Utc>) -> Result<Option<User>> {
        match sign_in::session(self, key_hash, now).await? {
            Some(session) => self.user_by_id(&session.user).await,
            None => Ok(None),
        }
    }
    async fn delete_web_session(&self, key_hash: &str) -> Result<bool> {
        self.writable()?;
        sign_in::delete_session(self, key_hash).await
    }
    async fn delete_user_web_sessions(&self, user: &UserId) -> Result<u64> {
        self.writable()?;
        sign_in::delete_user_sessions(self, user).await
    }
    async fn insert_api_token(&self, token: &ApiToken) -> Result<()> {
        self.writable()?;
        sign_in::insert_token(self, token).await
    }
    async fn api_tokens(&self, user: &UserId) -> Result<Vec<ApiToken>> {
        sign_in::tokens(self, user).await
    }
    async fn api_token_user(&self, hash: &str) -> Result<Option<User>> {
        match sign_in::token_by_hash(self, hash).await? {
            Some(token) => self.user_by_id(&token.user).await,
            None => Ok(None),
        }
    }
    async fn delete_api_token(&self, user: &UserId, id: &str) -> Result<bool> {
        self.writable()?;
        sign_in::delete_token(self, user, id).await
    }
    async fn count_attempt(&self, key: &str, window: DateTime<Utc>) -> Result<u64> {
        self.writable()?;
        sign_in::count_attempt(self, key, window).await
    }
    async fn attempts(&self, key: &str, window: DateTime<Utc>) -> Result<u64> {
        sign_in::attempts(self, key, window).await
    }
    async fn clear_attempts(&self, key: &str) -> Result<()> {
        self.writable()?;
        sign_in::clear_attempts(self, key).await
    }
    async fn user_by_identity(&self, provider: &str, subject: &str) -> Result<Option<User>> {
        sign_in::user_by_identity(self, provider, subject).await
    }
    async fn link_identity(&self, user: &UserId, provider: &str, subject: &str) -> Result<()> {
        self.writable()?;
        sign_in::link_identity(self, user, provider, subject).await
    }
    async fn group(&self, id: &str) -> Result<Option<Group>> {
        accounts::group(self, id).await
    }
    async fn insert_group(&self, group: &Group) -> Result<()> {
        self.writable()?;
        accounts::insert_group(self, group).await
    }
    async fn upsert_group(&self, group: &Group) -> Result<()> {
        self.writable()?;
        accounts::upsert_group(self, group).await
    }
    async fn delete_group(&self, id: &str) -> Result<bool> {
        self.writable()?;
        accounts::delete_group(self, id).await
    }
    async fn add_group_type(&self, id: &str, task_type: &str) -> Result<bool> {
        self.writable()?;
        accounts::change_group_type(
            self,
            id,
            doc! { "$addToSet": { "allowed_types": task_type } },
        )
        .await
    }
    async fn remove_group_type(&self, id: &str, task_type: &str) -> Result<bool> {
        self.writable()?;
        accounts::change_group_type(self, id, doc! { "$pull": { "allowed_types": task_type } })
            .await
    }
    async fn group_member_counts(&self) -> Result<Vec<(String, u64)>> {
        accounts::member_counts(self).await
    }
    async fn insert_user(&self, user: &NewUser) -> Result<User> {
        self.writable()?;
        accounts::insert_user(self, user).await
    }
    async fn users(&self) -> Result<Vec<User>> {
        accounts::users(self).await
    }
    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>> {
        match accounts::object_id(id) {
            Some(oid) => accounts::find_user(self, doc! { "_id": oid }).await,
            None => Ok(None),
        }
    }
    async fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        accounts::find_user(self, doc! { "username": username }).await
    }
    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        accounts::find_user(self, doc! { "email": email }).await
    }
    async fn delete_user(&self, id: &UserId) -> Result<bool> {
        self.writable()?;
        accounts::delete_user(self, id).await
    }
    async fn set_user_admin(&self, id: &UserId, admin: bool) -> Result<bool> {
        self.writable()?;
        accounts::update_user(self, id, doc! { "$set": { "admin": admin } }).await
    }
    async fn set_password_hash(&self, id: &UserId, hash: &str) -> Result<bool> {
        self.writable()?;
        accounts::update_user(self, id, doc! { "$set": { "password": hash } }).await
    }
    async fn add_user_to_group(&self, id: &UserId, group: &str) -> Result<bool> {
        self.writable()?;
        if accounts::group(self, group).await?.is_none() {
            if accounts::find_user_by_id(self, id).await?.is_none() {
                return Ok(false);
            }
            return Err(Error::not_found("group", group));
        }
        accounts::update_user(self, id, doc! { "$addToSet": { "groups": group } }).await
    }
    async fn remove_user_from_group(&self, id: &UserId, group: &str) -> Result<bool> {
        self.writable()?;
        accounts::update_user(self, id, doc! { "$pull": { "groups": group } }).await
    }
    async fn add_all_users_to_group(&self, group: &str) -> Result<u64> {
        self.writable()?;
        accounts::add_all_users_to_group(self, group).await
    }
    async fn batches(&self, task_type: Option<&str>) -> Result<Vec<Batch>> {
        tasks::batches(self, task_type).await
    }
    async fn batch(&self, id: &str) -> Result<Option<Batch>> {
        tasks::batch(self, id).await
    }
    async fn delete_batch(&self, id: &str, purge: bool) -> Result<BatchRemoval> {
        self.writable()?;
        tasks::delete_batch(self, id, purge).await
    }
    async fn task_counts(&self) -> Result<Vec<TaskTypeCounts>> {
        tasks::task_counts(self).await
    }
    async fn task(&self, id: &TaskId) -> Result<Option<Task>> {
        tasks::task(self, id).await
    }
    async fn count_tasks_in_batch(&self, batch_id: &str) -> Result<u64> {
        self.coll("tasks")
            .count_documents(doc! { "batch": batch_id })
            .await
            .map_err(mongo_err)
    }
    async fn begin_load(&self, plan: &LoadPlan) -> Result<LoadTicket> {
        self.writable()?;
        tasks::begin_load(self, plan).await
    }
    async fn insert_tasks(&self, ticket: &LoadTicket, new: Vec<NewTask>) -> Result<InsertOutcome> {
        self.writable()?;
        tasks::insert_tasks(self, ticket, new).await
    }
    async fn finish_load(&self, ticket: &LoadTicket) -> Result<Batch> {
        self.writable()?;
        tasks::finish_load(self, ticket).await
    }
    async fn abort_load(&self, ticket: &LoadTicket) -> Result<()> {
        self.writable()?;
        tasks::abort_load(self, ticket).await
    }
    async fn stop_load(&self, ticket: &LoadTicket) -> Result<()> {
        self.writable()?;
        tasks::stop_load(self, ticket).await
    }
    async fn claim_task(&self, request: &ClaimRequest) -> Result<Option<Task>> {
        self.writable()?;
        work::claim(self, request).await
    }
    async fn record_answer(&self, request: &AnswerRequest) -> Result<AnswerOutcome> {
        self.writable()?;
        answers::record_answer(self, request).await
    }
    async fn unpaid_answer(&self, user: &UserId, task: &TaskId) -> Result<Option<UnpaidAnswer>> {
        answers::unpaid_answer(self, user, task).await
    }
    async fn answer_paid(&self, user: &UserId, task: &TaskId) -> Result<()> {
        self.writable()?;
        answers::answer_paid(self, user, task).await
    }
    async fn interrupted_answers(&self, before: DateTime<Utc>) -> Result<Interrupted> {
        answers::interrupted_answers(self, before).await
    }
    async fn skip_task(&self, user: &UserId, task: &TaskId, task_type: &str) -> Result<()> {
        self.writable()?;
        work::skip(self, user, task, task_type).await
    }
    async fn add_activity(
        &self,
        user: &UserId,
        task: &TaskId,
        task_type: &str,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        self.writable()?;
        work::add_activity(self, user, task, task_type, seconds, now).await
    }
    async fn work_sessions(&self, user: &UserId, task: &TaskId) -> Result<Vec<WorkSession>> {
        work::sessions(self, user, task).await
    }
    async fn answers_for_task(&self, task: &TaskId) -> Result<Vec<Answer>> {
        work::answers_for_task(self, task).await
    }
    async fn has_skipped(&self, user: &UserId, task: &TaskId) -> Result<bool> {
        work::has_skipped(self, user, task).await
    }
    async fn leaders(&self, task_type: &str, distinct_counts: usize) -> Result<Vec<(UserId, u64)>> {
        report::leaders(self, task_type, distinct_counts).await
    }
    async fn rank_input(&self, task_type: &str, user: &UserId) -> Result<RankInput> {
        report::rank_input(self, task_type, user).await
    }
    async fn batch_counters(
        &self,
        task_type: Option<&str>,
        batch: Option<&str>,
    ) -> Result<Vec<BatchCounters>> {
        report::batch_counters(self, task_type, batch).await
    }
    async fn live_leases(&self, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
        report::live_leases(self, now).await
    }
    async fn type_activity(&self, task_type: &str, now: DateTime<Utc>) -> Result<TypeActivity> {
        report::type_activity(self, task_type, now).await
    }
    async fn recent_answers(&self, limit: usize) -> Result<Vec<super::RecentAnswer>> {
        report::recent_answers(self, limit).await
    }
    fn export(&self, query: ExportQuery) -> tokio::sync::mpsc::Receiver<Result<Vec<ExportedTask>>> {
        export::start(self, query)
    }
}

#[cfg(test)]
mod fault_tests;

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
        let url = crate::store::conformance::mongo_test_server();
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
