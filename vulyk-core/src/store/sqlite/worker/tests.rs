use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::*;
use crate::store::sqlite::sql_err;

fn exec(c: &Connection, sql: &str) -> Result<()> {
    c.execute_batch(sql).map_err(sql_err)
}

async fn count(worker: &Worker, sql: &'static str) -> i64 {
    worker
        .call(move |c| c.query_row(sql, [], |row| row.get(0)).map_err(sql_err))
        .await
        .unwrap()
}

/// Holds the thread in a job until the returned sender is dropped, so that the
/// jobs queued meanwhile are waiting together when it comes back.
async fn hold(worker: &Worker) -> mpsc::Sender<()> {
    let (release, held) = mpsc::channel::<()>();
    let (started, on_thread) = tokio::sync::oneshot::channel();
    let _ = worker.send(Job::Alone(Box::new(move |_| {
        let _ = started.send(());
        let _ = held.recv();
    })));
    on_thread.await.unwrap();
    release
}

#[tokio::test]
async fn a_panicking_call_fails_alone_and_the_thread_goes_on() {
    let worker = Worker::start(Connection::open_in_memory().unwrap()).unwrap();
    worker
        .call(|c| exec(c, "CREATE TABLE t (n INTEGER)"))
        .await
        .unwrap();
    let failed = worker
        .call(|_| -> Result<()> { panic!("a bug in one call") })
        .await
        .unwrap_err();
    assert!(failed.to_string().contains("panicked"), "{failed}");
    assert_eq!(count(&worker, "SELECT COUNT(*) FROM t").await, 0);
}

#[tokio::test]
async fn queued_writes_share_one_commit_and_a_failing_one_is_undone_alone() {
    let runs_of_first = std::sync::Arc::new(AtomicUsize::new(0));
    let dir = tempfile::tempdir().unwrap();
    let conn = Connection::open(dir.path().join("group.db")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    let worker = std::sync::Arc::new(Worker::start(conn).unwrap());
    worker
        .call(|c| exec(c, "CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB)"))
        .await
        .unwrap();

    let release = hold(&worker).await;
    let mut writes = Vec::new();
    for n in 0..40_i64 {
        let worker = std::sync::Arc::clone(&worker);
        let runs_of_first = std::sync::Arc::clone(&runs_of_first);
        writes.push(tokio::spawn(async move {
            worker
                .write(move |c| {
                    if n == 0 {
                        runs_of_first.fetch_add(1, Ordering::Relaxed);
                    }
                    if n == 9 {
                        return Err(Error::invalid("job 9 fails before writing"));
                    }
                    exec(c, &format!("INSERT INTO t VALUES ({n}, zeroblob(100))"))?;
                    if n == 7 {
                        return Err(Error::invalid("job 7 fails after its insert"));
                    }
                    if n == 8 {
                        panic!("job 8 panics after its insert");
                    }
                    Ok(n)
                })
                .await
        }));
    }
    // Let every write reach the queue before the thread comes back.
    while worker_queue_len(&worker) < 40 {
        tokio::task::yield_now().await;
    }
    drop(release);
    let mut ok = 0;
    for (n, write) in writes.into_iter().enumerate() {
        match write.await.unwrap() {
            Ok(value) => {
                assert_eq!(value, n as i64);
                ok += 1;
            }
            Err(e) if n == 7 => assert!(e.to_string().contains("job 7"), "{e}"),
            Err(e) if n == 8 => assert!(e.to_string().contains("panicked"), "{e}"),
            Err(e) if n == 9 => assert!(e.to_string().contains("job 9"), "{e}"),
            Err(e) => panic!("write {n} failed: {e}"),
        }
    }
    assert_eq!(ok, 37);
    assert_eq!(count(&worker, "SELECT COUNT(*) FROM t").await, 37);
    assert_eq!(
        count(&worker, "SELECT COUNT(*) FROM t WHERE n IN (7, 8, 9)").await,
        0,
        "the failed jobs' inserts are undone"
    );
    // Jobs 7 and 8 failed after their insert: the group ran again without each of them.
    // Job 9 changed nothing before it failed and cost no run.
    assert_eq!(runs_of_first.load(Ordering::Relaxed), 3);
    // One commit of one table's pages (and the table's creation), not 37 commits: each
    // commit writes at least one frame, and nothing checkpoints the WAL here.
    let frames = wal_frames(&worker).await;
    assert!(frames < 10, "{frames} WAL frames for 37 grouped inserts");
}

#[tokio::test]
async fn nobody_hears_of_success_when_the_group_does_not_commit() {
    let conn = Connection::open_in_memory().unwrap();
    let worker = std::sync::Arc::new(Worker::start(conn).unwrap());
    worker
        .call(|c| {
            exec(
                c,
                "PRAGMA foreign_keys = ON;
                 CREATE TABLE parent (id INTEGER PRIMARY KEY);
                 CREATE TABLE child (parent INTEGER
                     REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);",
            )
        })
        .await
        .unwrap();
    let release = hold(&worker).await;
    let good = tokio::spawn({
        let worker = std::sync::Arc::clone(&worker);
        async move {
            worker
                .write(|c| exec(c, "INSERT INTO parent VALUES (1)"))
                .await
        }
    });
    // A deferred foreign key is checked at COMMIT: this job succeeds, its group cannot commit.
    let dangling = tokio::spawn({
        let worker = std::sync::Arc::clone(&worker);
        async move {
            worker
                .write(|c| exec(c, "INSERT INTO child VALUES (99)"))
                .await
        }
    });
    while worker_queue_len(&worker) < 2 {
        tokio::task::yield_now().await;
    }
    drop(release);
    let good = good.await.unwrap().unwrap_err();
    assert!(good.to_string().contains("not stored"), "{good}");
    assert!(dangling.await.unwrap().is_err());
    assert_eq!(count(&worker, "SELECT COUNT(*) FROM parent").await, 0);
    // The connection is usable again, and a write alone commits.
    worker
        .write(|c| exec(c, "INSERT INTO parent VALUES (2)"))
        .await
        .unwrap();
    assert_eq!(count(&worker, "SELECT COUNT(*) FROM parent").await, 1);
}

#[tokio::test]
async fn grouped_and_alone_jobs_run_in_queue_order() {
    let worker = std::sync::Arc::new(Worker::start(Connection::open_in_memory().unwrap()).unwrap());
    worker
        .call(|c| exec(c, "CREATE TABLE log (n INTEGER)"))
        .await
        .unwrap();
    let release = hold(&worker).await;
    let mut jobs = Vec::new();
    for n in 0..12_i64 {
        let handle = std::sync::Arc::clone(&worker);
        let insert = format!("INSERT INTO log VALUES ({n})");
        // Every third job manages its own transaction; the others are grouped around it.
        jobs.push(tokio::spawn(async move {
            if n % 3 == 0 {
                handle.call(move |c| exec(c, &insert)).await
            } else {
                handle.write(move |c| exec(c, &insert)).await
            }
        }));
        while worker_queue_len(&worker) < n as usize + 1 {
            tokio::task::yield_now().await;
        }
    }
    drop(release);
    for job in jobs {
        job.await.unwrap().unwrap();
    }
    let order: Vec<i64> = worker
        .call(|c| {
            let mut stmt = c
                .prepare("SELECT n FROM log ORDER BY rowid")
                .map_err(sql_err)?;
            stmt.query_map([], |row| row.get(0))
                .map_err(sql_err)?
                .collect::<std::result::Result<_, _>>()
                .map_err(sql_err)
        })
        .await
        .unwrap();
    assert_eq!(order, (0..12).collect::<Vec<_>>());
}

fn worker_queue_len(worker: &Worker) -> usize {
    worker.jobs.as_ref().map_or(0, Sender::len)
}

/// Frames in the WAL file: a passive checkpoint reports them without waiting for anyone.
async fn wal_frames(worker: &Worker) -> i64 {
    worker
        .call(|c| {
            c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get(1))
                .map_err(sql_err)
        })
        .await
        .unwrap()
}
