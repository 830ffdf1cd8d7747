//! The embedded backend: one SQLite file in WAL mode. The store writes through one connection
//! and reads through a second, each on a thread of its own (`worker.rs`), never on the async
//! workers; loads write on connections of their own.

mod batches;
mod checkpoint;
mod export;
mod funds;
mod game;
mod groups;
mod load;
mod report;
mod rules;
mod schema;
mod sign_in;
mod states;
mod users;
mod work;
mod worker;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use rusqlite::Connection;

use chrono::{DateTime, Utc};

use super::{
    AnswerOutcome, AnswerRequest, BatchCounters, BatchRemoval, ClaimRequest, ExportQuery,
    ExportedTask, InsertOutcome, Interrupted, LoadPlan, LoadTicket, RankInput, Store, TypeActivity,
    UnpaidAnswer,
};
use crate::domain::{
    Answer, ApiToken, Batch, Group, NewTask, NewUser, Task, TaskId, TaskTypeCounts, User, UserId,
    WebSession, WorkSession,
};
use crate::{Error, Result};

/// Page cache per connection. A load's random writes go to the unique index on task ids
/// (~40 MB per million tasks); keeping that index in cache is what keeps loading fast.
pub(super) const CACHE_KIB: i64 = 64 * 1024;
const STATEMENT_CACHE: usize = 256;
const BUSY_TIMEOUT_MS: u64 = 10_000;
/// Large pages make a bulk load's random writes to the id index cheaper (a sixth faster, and
/// what keeps bzip2 loads within 1.2× of decompression). Every page a transaction changes is
/// written whole to the WAL, so a hand-out + answer cycle pays for them: 4 KiB pages made it
/// 1.5× faster but loads a fifth slower (BENCHMARKS.md); the cycle stays well under its
/// millisecond target with 16 KiB.
const PAGE_SIZE: i64 = 16 * 1024;
/// A WAL that started over is cut back to this size by its next write. Without a limit the
/// file keeps the largest size it ever had: disk space, and a load (which restarts the WAL
/// past this size, `load.rs`) would find it too long at every commit after one large load.
/// The site's WAL restarts near 64 MiB, well below: cutting it back at every restart made the
/// writer free and allocate blocks all the time (p99 of the HTTP bench 22 → 45 ms).
pub(super) const WAL_KEEP_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Clone)]
pub struct SqliteStore {
    path: PathBuf,
    /// The connection that writes, on a thread of its own (see `worker.rs`).
    conn: Arc<worker::Worker>,
    /// A second connection, for reads: in WAL mode they see every committed write and never
    /// wait for the writer, so sign-in lookups and lists do not queue behind hand-outs.
    reader: Arc<worker::Worker>,
    /// Loads in progress, by run id, each on a connection of its own (see `load.rs`).
    loads: Arc<Mutex<HashMap<i64, Arc<Mutex<load::LoadSession>>>>>,
    /// Copies the WAL into the database file while `conn` goes on writing.
    _checkpointer: Arc<checkpoint::Checkpointer>,
    /// Tests make loads run out of room (`max_page_count`) and commit often.
    #[cfg(test)]
    load_tuning: Arc<Mutex<load::Tuning>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

pub(super) fn sql_err(e: rusqlite::Error) -> Error {
    Error::store("SQLite", e)
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self> {
        let owned = path.to_path_buf();
        let (conn, reader, checkpointer) = tokio::task::spawn_blocking(move || {
            // No automatic checkpoint inside the writer's commits: the checkpoint thread
            // copies the WAL and has the writer start it over (`checkpoint.rs`).
            let conn = open_connection(&owned)?;
            conn.pragma_update(None, "wal_autocheckpoint", 0)
                .map_err(sql_err)?;
            // Inside a group's transaction (`worker.rs`) a statement that may change several
            // rows keeps the pages it changes in a statement journal, to undo itself alone:
            // in memory, not a temporary file made and deleted each time (with savepoints
            // per job that file was a tenth of the writer's time).
            conn.pragma_update(None, "temp_store", "MEMORY")
                .map_err(sql_err)?;
            let conn = Arc::new(worker::Worker::start(conn)?);
            let reader = open_connection(&owned)?;
            let checkpointer =
                checkpoint::Checkpointer::start(open_connection(&owned)?, Arc::downgrade(&conn))?;
            Ok::<_, Error>((conn, reader, checkpointer))
        })
        .await
        .map_err(|e| Error::store("opening SQLite", e))??;
        Ok(SqliteStore {
            path: path.to_path_buf(),
            conn,
            reader: Arc::new(worker::Worker::start(reader)?),
            loads: Arc::default(),
            _checkpointer: Arc::new(checkpointer),
            #[cfg(test)]
            load_tuning: Arc::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the connection, on its thread.
    async fn call<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        self.conn.call(f).await
    }

    /// Runs `f`, which only reads, with the reading connection.
    async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        self.reader.call(f).await
    }

    fn load_session(&self, run: i64) -> Result<Arc<Mutex<load::LoadSession>>> {
        self.loads
            .lock()
            .map_err(|_| Error::store_msg("SQLite load registry lock poisoned"))?
            .get(&run)
            .cloned()
            .ok_or_else(|| Error::store_msg(format!("load run {run} was not begun on this store")))
    }

    fn take_load_session(&self, run: i64) -> Result<Option<Arc<Mutex<load::LoadSession>>>> {
        Ok(self
            .loads
            .lock()
            .map_err(|_| Error::store_msg("SQLite load registry lock poisoned"))?
            .remove(&run))
    }

    /// Runs `f` on a load's own connection, on the blocking pool.
    async fn with_session<T, F>(&self, session: Arc<Mutex<load::LoadSession>>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut load::LoadSession) -> Result<T> + Send + 'static,
    {
        tokio::task::spawn_blocking(move || {
            let mut guard = session
                .lock()
                .map_err(|_| Error::store_msg("SQLite load session lock poisoned"))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| Error::store("SQLite background call", e))?
    }
}

/// Waits while another connection holds a lock: short naps first, then longer ones, and
/// gives up after about [`BUSY_TIMEOUT_MS`]. SQLite's own timeout sleeps 1, 2, 5, 10, 15,
/// 20 ms…: a writer that met a checkpoint's restart of the WAL (a few milliseconds) slept
/// 53 ms, and every volunteer's request waited behind it.
pub(super) fn wait_for_lock(attempt: i32) -> bool {
    const SHORT_NAPS: u64 = 50;
    const SHORT: std::time::Duration = std::time::Duration::from_micros(200);
    const LONG: std::time::Duration = std::time::Duration::from_millis(5);
    let attempt = u64::try_from(attempt).unwrap_or(0);
    let waited = if attempt < SHORT_NAPS {
        SHORT * attempt as u32
    } else {
        SHORT * SHORT_NAPS as u32 + LONG * (attempt - SHORT_NAPS) as u32
    };
    if waited >= std::time::Duration::from_millis(BUSY_TIMEOUT_MS) {
        return false;
    }
    std::thread::sleep(if attempt < SHORT_NAPS { SHORT } else { LONG });
    true
}

pub(super) fn open_connection(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path).map_err(|e| Error::Store {
        message: format!("cannot open SQLite database {}", path.display()),
        source: Some(Box::new(e)),
    })?;
    conn.busy_handler(Some(wait_for_lock)).map_err(sql_err)?;
    // Takes effect only when the file is new (before the first table exists).
    conn.pragma_update(None, "page_size", PAGE_SIZE)
        .map_err(sql_err)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(sql_err)?;
    // NORMAL in WAL mode survives a process crash; only a power loss may drop the last commit.
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sql_err)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(sql_err)?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)
        .map_err(sql_err)?;
    conn.pragma_update(None, "journal_size_limit", WAL_KEEP_BYTES as i64)
        .map_err(sql_err)?;
    // rusqlite keeps 16 prepared statements by default; a hand-out and an answer alone use
    // more, and a statement pushed out is parsed again on its next use.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    schema::migrate(&mut conn)?;
    Ok(conn)
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn groups(&self) -> Result<Vec<Group>> {
        self.read(groups::all).await
    }

    async fn group(&self, id: &str) -> Result<Option<Group>> {
        let id = id.to_string();
        self.read(move |c| groups::get(c, &id)).await
    }

    async fn insert_group(&self, group: &Group) -> Result<()> {
        let group = group.clone();
        self.call(move |c| groups::insert(c, &group)).await
    }

    async fn upsert_group(&self, group: &Group) -> Result<()> {
        let group = group.clone();
        self.call(move |c| groups::upsert(c, &group)).await
    }

    async fn delete_group(&self, id: &str) -> Result<bool> {
        let id = id.to_string();
        self.call(move |c| groups::delete(c, &id)).await
    }

    async fn add_group_type(&self, id: &str, task_type: &str) -> Result<bool> {
        let (id, task_type) = (id.to_string(), task_type.to_string());
        self.call(move |c| groups::add_type(c, &id, &task_type))
            .await
    }

    async fn remove_group_type(&self, id: &str, task_type: &str) -> Result<bool> {
        let (id, task_type) = (id.to_string(), task_type.to_string());
        self.call(move |c| groups::remove_type(c, &id, &task_type))
            .await
    }

    async fn group_member_counts(&self) -> Result<Vec<(String, u64)>> {
        self.read(groups::member_counts).await
    }

    async fn insert_user(&self, user: &NewUser) -> Result<User> {
        let user = user.clone();
        self.call(move |c| users::insert(c, &user)).await
    }

    async fn users(&self) -> Result<Vec<User>> {
        self.read(users::all).await
    }

    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>> {
        let id = id.to_string();
        self.read(move |c| users::find(c, "id", &id)).await
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        let username = username.to_string();
        self.read(move |c| users::find(c, "username", &username))
            .await
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let email = email.to_string();
        self.read(move |c| users::find(c, "email", &email)).await
    }

    async fn delete_user(&self, id: &UserId) -> Result<bool> {
        let id = id.clone();
        self.call(move |c| users::delete(c, &id)).await
    }

    async fn set_user_admin(&self, id: &UserId, admin: bool) -> Result<bool> {
        let id = id.clone();
        self.call(move |c| users::set_admin(c, &id, admin)).await
    }

    async fn set_password_hash(&self, id: &UserId, hash: &str) -> Result<bool> {
        let (id, hash) = (id.clone(), hash.to_string());
        self.call(move |c| users::set_password_hash(c, &id, &hash))
            .await
    }

    async fn insert_web_session(&self, session: &WebSession) -> Result<()> {
        let session = session.clone();
        self.call(move |c| sign_in::insert_session(c, &session))
            .await
    }

    async fn delete_web_session(&self, key_hash: &str) -> Result<bool> {
        let key_hash = key_hash.to_string();
        self.call(move |c| sign_in::delete_session(c, &key_hash))
            .await
    }

    async fn delete_user_web_sessions(&self, user: &UserId) -> Result<u64> {
        let user = user.clone();
        self.call(move |c| sign_in::delete_user_sessions(c, &user))
            .await
    }

    async fn insert_api_token(&self, token: &ApiToken) -> Result<()> {
        let token = token.clone();
        self.call(move |c| sign_in::insert_token(c, &token)).await
    }

    async fn api_tokens(&self, user: &UserId) -> Result<Vec<ApiToken>> {
        let user = user.clone();
        self.read(move |c| sign_in::tokens(c, &user)).await
    }

    async fn api_token_user(&self, hash: &str) -> Result<Option<User>> {
        let hash = hash.to_string();
        // Both lookups in one trip to the reading thread: this runs on every API request.
        self.read(move |c| match sign_in::token_by_hash(c, &hash)? {
            Some(token) => users::find(c, "id", token.user.as_str()),
            None => Ok(None),
        })
        .await
    }

    async fn web_session_user(&self, key_hash: &str, now: DateTime<Utc>) -> Result<Option<User>> {
        let key_hash = key_hash.to_string();
        self.read(move |c| match sign_in::session(c, &key_hash, now)? {
            Some(session) => users::find(c, "id", session.user.as_str()),
            None => Ok(None),
        })
        .await
    }

    async fn delete_api_token(&self, user: &UserId, id: &str) -> Result<bool> {
        let (user, id) = (user.clone(), id.to_string());
        self.call(move |c| sign_in::delete_token(c, &user, &id))
            .await
    }

    async fn count_attempt(&self, key: &str, window: DateTime<Utc>) -> Result<u64> {
        let key = key.to_string();
        self.call(move |c| sign_in::count_attempt(c, &key, window))
            .await
    }

    async fn attempts(&self, key: &str, window: DateTime<Utc>) -> Result<u64> {
        let key = key.to_string();
        self.read(move |c| sign_in::attempts(c, &key, window)).await
    }

    async fn clear_attempts(&self, key: &str) -> Result<()> {
        let key = key.to_string();
        self.call(move |c| sign_in::clear_attempts(c, &key)).await
    }

    async fn user_by_identity(&self, provider: &str, subject: &str) -> Result<Option<User>> {
        let (provider, subject) = (provider.to_string(), subject.to_string());
        self.read(move |c| sign_in::user_by_identity(c, &provider, &subject))
            .await
    }

    async fn link_identity(&self, user: &UserId, provider: &str, subject: &str) -> Result<()> {
        let (user, provider, subject) = (user.clone(), provider.to_string(), subject.to_string());
        self.call(move |c| sign_in::link_identity(c, &user, &provider, &subject))
            .await
    }

    async fn add_user_to_group(&self, id: &UserId, group: &str) -> Result<bool> {
        let (id, group) = (id.clone(), group.to_string());
        self.call(move |c| users::add_group(c, &id, &group)).await
    }

    async fn remove_user_from_group(&self, id: &UserId, group: &str) -> Result<bool> {
        let (id, group) = (id.clone(), group.to_string());
        self.call(move |c| users::remove_group(c, &id, &group))
            .await
    }

    async fn add_all_users_to_group(&self, group: &str) -> Result<u64> {
        let group = group.to_string();
        self.call(move |c| users::add_all_to_group(c, &group)).await
    }

    async fn batches(&self, task_type: Option<&str>) -> Result<Vec<Batch>> {
        let task_type = task_type.map(str::to_string);
        self.read(move |c| batches::all(c, task_type.as_deref()))
            .await
    }

    async fn batch(&self, id: &str) -> Result<Option<Batch>> {
        let id = id.to_string();
        self.read(move |c| batches::get(c, &id)).await
    }

    async fn delete_batch(&self, id: &str, purge: bool) -> Result<BatchRemoval> {
        let id = id.to_string();
        self.call(move |c| batches::delete(c, &id, purge)).await
    }

    async fn task_counts(&self) -> Result<Vec<TaskTypeCounts>> {
        self.read(batches::task_counts).await
    }

    async fn task(&self, id: &TaskId) -> Result<Option<Task>> {
        let id = id.clone();
        self.read(move |c| batches::task(c, &id)).await
    }

    async fn count_tasks_in_batch(&self, batch_id: &str) -> Result<u64> {
        let batch_id = batch_id.to_string();
        self.read(move |c| batches::count_tasks(c, &batch_id)).await
    }

    async fn begin_load(&self, plan: &LoadPlan) -> Result<LoadTicket> {
        let plan = plan.clone();
        let path = self.path.clone();
        #[cfg(test)]
        let tuning = *self
            .load_tuning
            .lock()
            .map_err(|_| Error::store_msg("load tuning lock poisoned"))?;
        let (ticket, session) = self
            .call(move |c| {
                let ticket = load::begin(c, &plan)?;
                #[allow(unused_mut)]
                let mut session = load::LoadSession::new(open_connection(&path)?, &path)?;
                #[cfg(test)]
                session.tune(tuning)?;
                Ok((ticket, session))
            })
            .await?;
        self.loads
            .lock()
            .map_err(|_| Error::store_msg("SQLite load registry lock poisoned"))?
            .insert(ticket.run, Arc::new(Mutex::new(session)));
        Ok(ticket)
    }

    async fn insert_tasks(
        &self,
        ticket: &LoadTicket,
        tasks: Vec<NewTask>,
    ) -> Result<InsertOutcome> {
        let session = self.load_session(ticket.run)?;
        let ticket = ticket.clone();
        self.with_session(session, move |s| s.insert(&ticket, &tasks))
            .await
    }

    async fn load_idle(&self, ticket: &LoadTicket) -> Result<()> {
        let session = self.load_session(ticket.run)?;
        self.with_session(session, load::LoadSession::commit_if_due)
            .await
    }

    async fn finish_load(&self, ticket: &LoadTicket) -> Result<Batch> {
        if let Some(session) = self.take_load_session(ticket.run)? {
            self.with_session(session, load::LoadSession::commit)
                .await?;
        }
        let ticket = ticket.clone();
        self.call(move |c| load::finish(c, &ticket)).await
    }

    async fn stop_load(&self, ticket: &LoadTicket) -> Result<()> {
        // Tasks and the count change in the same transactions: what is committed agrees, and
        // what is not goes with the transaction.
        if let Some(session) = self.take_load_session(ticket.run)? {
            self.with_session(session, load::LoadSession::rollback)
                .await?;
        }
        Ok(())
    }

    async fn abort_load(&self, ticket: &LoadTicket) -> Result<()> {
        if let Some(session) = self.take_load_session(ticket.run)? {
            self.with_session(session, load::LoadSession::rollback)
                .await?;
        }
        let ticket = ticket.clone();
        self.call(move |c| load::abort(c, &ticket)).await
    }

    async fn claim_task(&self, request: &ClaimRequest) -> Result<Option<Task>> {
        let request = request.clone();
        self.conn.write(move |c| work::claim(c, &request)).await
    }

    async fn record_answer(&self, request: &AnswerRequest) -> Result<AnswerOutcome> {
        let request = request.clone();
        self.conn
            .write(move |c| work::record_answer(c, &request))
            .await
    }

    async fn unpaid_answer(&self, user: &UserId, task: &TaskId) -> Result<Option<UnpaidAnswer>> {
        let (user, task) = (user.clone(), task.clone());
        self.read(move |c| work::unpaid_answer(c, &user, &task))
            .await
    }

    async fn answer_paid(&self, user: &UserId, task: &TaskId) -> Result<()> {
        let (user, task) = (user.clone(), task.clone());
        self.conn
            .write(move |c| work::answer_paid(c, &user, &task))
            .await
    }

    async fn interrupted_answers(&self, before: DateTime<Utc>) -> Result<Interrupted> {
        self.read(move |c| work::interrupted_answers(c, before))
            .await
    }

    async fn skip_task(&self, user: &UserId, task: &TaskId, task_type: &str) -> Result<()> {
        let (user, task, task_type) = (user.clone(), task.clone(), task_type.to_string());
        self.conn
            .write(move |c| work::skip(c, &user, &task, &task_type))
            .await
    }

    async fn add_activity(
        &self,
        user: &UserId,
        task: &TaskId,
        task_type: &str,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let (user, task, task_type) = (user.clone(), task.clone(), task_type.to_string());
        self.conn
            .write(move |c| work::add_activity(c, &user, &task, &task_type, seconds, now))
            .await
    }

    async fn work_sessions(&self, user: &UserId, task: &TaskId) -> Result<Vec<WorkSession>> {
        let (user, task) = (user.clone(), task.clone());
        self.read(move |c| work::sessions(c, &user, &task)).await
    }

    async fn answers_for_task(&self, task: &TaskId) -> Result<Vec<Answer>> {
        let task = task.clone();
        self.read(move |c| work::answers_for_task(c, &task)).await
    }

    async fn has_skipped(&self, user: &UserId, task: &TaskId) -> Result<bool> {
        let (user, task) = (user.clone(), task.clone());
        self.read(move |c| work::has_skipped(c, &user, &task)).await
    }

    async fn leaders(&self, task_type: &str, distinct_counts: usize) -> Result<Vec<(UserId, u64)>> {
        let task_type = task_type.to_string();
        self.read(move |c| report::leaders(c, &task_type, distinct_counts))
            .await
    }

    async fn rank_input(&self, task_type: &str, user: &UserId) -> Result<RankInput> {
        let (task_type, user) = (task_type.to_string(), user.clone());
        self.read(move |c| report::rank_input(c, &task_type, &user))
            .await
    }

    async fn batch_counters(
        &self,
        task_type: Option<&str>,
        batch: Option<&str>,
    ) -> Result<Vec<BatchCounters>> {
        let task_type = task_type.map(str::to_string);
        let batch = batch.map(str::to_string);
        self.read(move |c| report::batch_counters(c, task_type.as_deref(), batch.as_deref()))
            .await
    }

    async fn live_leases(&self, now: DateTime<Utc>) -> Result<Vec<(String, u64)>> {
        self.read(move |c| report::live_leases(c, now)).await
    }

    async fn type_activity(&self, task_type: &str, now: DateTime<Utc>) -> Result<TypeActivity> {
        let task_type = task_type.to_string();
        self.read(move |c| report::type_activity(c, &task_type, now))
            .await
    }
    async fn recent_answers(&self, limit: usize) -> Result<Vec<super::RecentAnswer>> {
        self.read(move |c| report::recent_answers(c, limit)).await
    }

    fn export(&self, query: ExportQuery) -> tokio::sync::mpsc::Receiver<Result<Vec<ExportedTask>>> {
        export::start(&self.path, query)
    }
}

#[cfg(test)]
mod full_disk_tests;

#[cfg(test)]
impl SqliteStore {
    /// Loads begun from now on run with `tuning`.
    pub(crate) fn tune_loads(&self, tuning: load::Tuning) {
        if let Ok(mut current) = self.load_tuning.lock() {
            *current = tuning;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_waits_for_another_ones_lock_and_gives_up_after_the_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locks.db");
        let holder = open_connection(&path).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let released = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(30));
            holder.execute_batch("COMMIT").unwrap();
        });
        let waiter = open_connection(&path).unwrap();
        waiter
            .execute_batch("BEGIN IMMEDIATE; COMMIT;")
            .expect("waited for the lock instead of failing at once");
        released.join().unwrap();
        // 50 naps of 0.2 ms, then 5 ms each: the 2,048th attempt is past the 10 s.
        assert!(wait_for_lock(2_047));
        assert!(!wait_for_lock(2_048));
    }

    #[tokio::test]
    async fn a_database_from_a_newer_vulyk_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db");
        SqliteStore::open(&path).await.unwrap();
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = SqliteStore::open(&path).await.unwrap_err();
        assert!(
            matches!(&err, Error::Conflict(m) if m.contains("schema version 99")),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn an_unwritable_path_is_a_clear_error() {
        let err = SqliteStore::open(Path::new("/nonexistent/dir/v.db"))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("/nonexistent/dir/v.db"), "{err}");
    }
}
