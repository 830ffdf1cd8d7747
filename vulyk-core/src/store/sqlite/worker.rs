//! The store's connection lives on one thread of its own; calls are closures sent to it.
//!
//! With `spawn_blocking` and a mutex, every concurrent call parked a blocking-pool thread on
//! the lock, and the hand-over between them cost more than many of the queries (64
//! volunteers at once on the site). One thread that takes jobs from a queue runs them back
//! to back with a warm cache and no lock.
//!
//! **Group commit.** The volunteers' writes (hand-outs, answers, skips, activity) are small,
//! but every page a transaction changes is written whole to the WAL at its commit: an answer
//! alone wrote about twenty 16 KiB pages, and that was most of the writer's time under load.
//! Such writes are queued as *grouped* jobs: the thread takes every grouped job waiting in
//! the queue (never waiting for more), runs them one after another in one `BEGIN IMMEDIATE`
//! transaction and commits once, so pages the jobs share (the batch's row, the index pages
//! near the newest answers, the leases) are written once per group. Callers hear of their
//! result only after the commit, so nobody is told of a change that is not stored, and the
//! jobs run in queue order, each seeing the ones before it, exactly as without grouping.
//!
//! A job that fails must not leave its half-done changes in the group. Jobs check before
//! they write, so a failing job has almost always changed nothing (the connection's change
//! counter tells), and the group goes on. One that failed after a change (an SQL error
//! mid-way, a panic) makes the thread roll the transaction back and run the group again
//! without it — the jobs are `Fn` for that. A savepoint per job would undo one job alone,
//! but it copies every page the job touches into a statement journal first: a fifth of the
//! writer's time, measured with the bench (BENCHMARKS.md).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, unbounded};
use rusqlite::Connection;

use crate::{Error, Result};

/// The most grouped jobs one transaction takes: bounds the wait of the first one's caller.
const MAX_GROUP: usize = 64;

enum Job {
    /// Runs on the connection as it is, managing its own transaction.
    Alone(Box<dyn FnOnce(&mut Connection) + Send>),
    /// Runs inside the group's transaction; see the module's comment.
    Grouped(Box<dyn GroupedJob>),
}

/// How a grouped job's run went, for the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ran {
    /// Succeeded, or failed without changing anything: the group goes on.
    Fine,
    /// Failed (or panicked) after changing rows: the group is run again without it.
    FailedDirty,
}

trait GroupedJob: Send {
    /// Runs the job in the open transaction; may be called again after a rollback, and the
    /// last run's result is the one its caller gets.
    fn run(&mut self, conn: &Connection) -> Ran;
    /// Answers the caller; `not_stored` says why the group's changes were not kept, if so.
    fn finish(self: Box<Self>, not_stored: Option<&str>);
}

struct Pending<T, F> {
    work: F,
    result: Option<Result<T>>,
    reply: tokio::sync::oneshot::Sender<Result<T>>,
}

impl<T, F> GroupedJob for Pending<T, F>
where
    T: Send + 'static,
    F: Fn(&Connection) -> Result<T> + Send + 'static,
{
    fn run(&mut self, conn: &Connection) -> Ran {
        self.result = None;
        let changes = conn.total_changes();
        // A panic leaves `result` empty: the caller hears that the call panicked.
        let result = catch_unwind(AssertUnwindSafe(|| (self.work)(conn))).ok();
        let failed = !matches!(result, Some(Ok(_)));
        self.result = result;
        if failed && conn.total_changes() != changes {
            Ran::FailedDirty
        } else {
            Ran::Fine
        }
    }

    fn finish(self: Box<Self>, not_stored: Option<&str>) {
        let answer = match (self.result, not_stored) {
            (Some(Err(e)), _) => Err(e),
            (Some(Ok(value)), None) => Ok(value),
            (Some(Ok(_)) | None, Some(why)) => Err(Error::store_msg(format!(
                "SQLite: the transaction was not stored: {why}"
            ))),
            (None, None) => Err(Error::store_msg("an SQLite call failed (it panicked)")),
        };
        let _ = self.reply.send(answer);
    }
}

pub(super) struct Worker {
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    pub(super) fn start(mut conn: Connection) -> Result<Worker> {
        let (jobs, queue) = unbounded::<Job>();
        let thread = std::thread::Builder::new()
            .name("vulyk-sqlite".into())
            .spawn(move || serve(&mut conn, &queue))
            .map_err(|e| Error::store("starting the SQLite thread", e))?;
        Ok(Worker {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Runs `f` on the connection's thread and waits for its result without blocking the
    /// async runtime. `f` manages its own transactions.
    pub(super) async fn call<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let (reply, result) = tokio::sync::oneshot::channel();
        self.send(Job::Alone(Box::new(move |conn| {
            let _ = reply.send(f(conn));
        })))?;
        result
            .await
            .map_err(|_| Error::store_msg("an SQLite call failed (it panicked)"))?
    }

    /// Runs `f` inside a write transaction, possibly shared with the writes queued beside it
    /// (group commit, see the module's comment). `f` changes rows only (`INSERT`, `UPDATE`,
    /// `DELETE`), never begins or ends transactions, and may be run again when another job
    /// of its group fails half-way. Its result arrives once its changes are committed; when
    /// it fails, none of its changes are.
    pub(super) async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: Fn(&Connection) -> Result<T> + Send + 'static,
    {
        let (reply, result) = tokio::sync::oneshot::channel();
        self.send(Job::Grouped(Box::new(Pending {
            work: f,
            result: None,
            reply,
        })))?;
        result
            .await
            .map_err(|_| Error::store_msg("an SQLite call failed (it panicked)"))?
    }

    /// Queues `f` to run on the connection's thread, alone, without waiting for it.
    pub(super) fn submit(&self, f: impl FnOnce(&mut Connection) + Send + 'static) {
        let _ = self.send(Job::Alone(Box::new(f)));
    }

    fn send(&self, job: Job) -> Result<()> {
        self.jobs
            .as_ref()
            .and_then(|jobs| jobs.send(job).ok())
            .ok_or_else(|| Error::store_msg("the SQLite thread has stopped"))
    }
}

/// The thread's loop: jobs in queue order, consecutive grouped jobs in one transaction.
fn serve(conn: &mut Connection, queue: &Receiver<Job>) {
    let mut group: Vec<Box<dyn GroupedJob>> = Vec::new();
    while let Ok(job) = queue.recv() {
        let mut next = Some(job);
        while let Some(job) = next.take() {
            match job {
                Job::Alone(job) => {
                    run_group(conn, std::mem::take(&mut group));
                    // A panicking job drops its reply channel (the caller gets an error);
                    // the connection and the queue go on serving the others.
                    let _ = catch_unwind(AssertUnwindSafe(|| job(conn)));
                }
                Job::Grouped(job) => group.push(job),
            }
            // Take what is already waiting, never wait for more.
            if group.len() < MAX_GROUP {
                next = queue.try_recv().ok();
            }
        }
        run_group(conn, std::mem::take(&mut group));
    }
}

fn run_group(conn: &mut Connection, mut group: Vec<Box<dyn GroupedJob>>) {
    while !group.is_empty() {
        if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
            return answer_all(group, Some(&e.to_string()));
        }
        let dirty = group
            .iter_mut()
            .position(|job| job.run(conn) == Ran::FailedDirty);
        let Some(failed) = dirty else {
            if let Err(e) = conn.execute_batch("COMMIT") {
                let _ = conn.execute_batch("ROLLBACK");
                return answer_all(group, Some(&e.to_string()));
            }
            return answer_all(group, None);
        };
        // Undo everything, answer the job that failed half-way with its own error, and run
        // the others again: each round leaves out one job, so this ends.
        if let Err(e) = conn.execute_batch("ROLLBACK") {
            return answer_all(group, Some(&e.to_string()));
        }
        group.remove(failed).finish(None);
    }
}

/// Answers every job of a group; `not_stored` says why none of its changes were kept.
fn answer_all(group: Vec<Box<dyn GroupedJob>>, not_stored: Option<&str>) {
    for job in group {
        job.finish(not_stored);
    }
}

impl Drop for Worker {
    /// Closes the queue and waits for the thread, so that the connection is closed when the
    /// store is gone (a test or a command may open the file again right away).
    fn drop(&mut self) {
        self.jobs.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests;
