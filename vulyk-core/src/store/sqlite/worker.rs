//! The store's connection lives on one thread of its own; calls are closures sent to it.
//!
//! With `spawn_blocking` and a mutex, every concurrent call parked a blocking-pool thread on
//! the lock, and the hand-over between them cost more than many of the queries (64
//! volunteers at once on the site). One thread that takes jobs from a queue runs them back
//! to back with a warm cache and no lock.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread::JoinHandle;

use crossbeam_channel::{Sender, unbounded};
use rusqlite::Connection;

use crate::{Error, Result};

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

pub(super) struct Worker {
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    pub(super) fn start(mut conn: Connection) -> Result<Worker> {
        let (jobs, queue) = unbounded::<Job>();
        let thread = std::thread::Builder::new()
            .name("vulyk-sqlite".into())
            .spawn(move || {
                for job in queue {
                    // A panicking job drops its reply channel (the caller gets an error);
                    // the connection and the queue go on serving the others.
                    let _ = catch_unwind(AssertUnwindSafe(|| job(&mut conn)));
                }
            })
            .map_err(|e| Error::store("starting the SQLite thread", e))?;
        Ok(Worker {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Runs `f` on the connection's thread and waits for its result without blocking the
    /// async runtime.
    pub(super) async fn call<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let (reply, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let _ = reply.send(f(conn));
        });
        self.jobs
            .as_ref()
            .and_then(|jobs| jobs.send(job).ok())
            .ok_or_else(|| Error::store_msg("the SQLite thread has stopped"))?;
        result
            .await
            .map_err(|_| Error::store_msg("an SQLite call failed (it panicked)"))?
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
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_call_fails_alone_and_the_thread_goes_on() {
        let worker = Worker::start(Connection::open_in_memory().unwrap()).unwrap();
        worker
            .call(|c| {
                c.execute_batch("CREATE TABLE t (n INTEGER)")
                    .map_err(super::super::sql_err)
            })
            .await
            .unwrap();
        let failed = worker
            .call(|_| -> Result<()> { panic!("a bug in one call") })
            .await
            .unwrap_err();
        assert!(failed.to_string().contains("panicked"), "{failed}");
        let count: i64 = worker
            .call(|c| {
                c.query_row("SELECT COUNT(*) FROM t", [], |row| row.get(0))
                    .map_err(super::super::sql_err)
            })
            .await
            .unwrap();
        assert_eq!(count, 0, "same connection, same table");
    }
}
