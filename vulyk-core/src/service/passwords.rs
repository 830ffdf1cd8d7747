//! Password hashing with argon2id (PHC strings), for the volunteers' site.

use std::sync::Arc;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tokio::sync::Semaphore;

use crate::{Error, Result};

pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// How long a request waits for a turn at hashing before it is told to come back.
pub const HASHING_PATIENCE: Duration = Duration::from_secs(2);

/// Runs argon2id at most `at_once` times at a time. Each run holds ~19 MiB and a core for
/// tens of milliseconds, so without a bound a burst of anonymous sign-ins or sign-ups grows
/// the process by gigabytes (a hostile test measured 4.9 GB for 250 at once). Requests past
/// the bound wait briefly for a turn, then get `Throttled`: a burst costs time, never memory.
#[derive(Debug, Clone)]
pub struct HashingPool {
    turns: Arc<Semaphore>,
    patience: Duration,
}

impl Default for HashingPool {
    /// As many at once as there are cores.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        HashingPool::new(cores, HASHING_PATIENCE)
    }
}

impl HashingPool {
    pub fn new(at_once: usize, patience: Duration) -> Self {
        HashingPool {
            turns: Arc::new(Semaphore::new(at_once.max(1))),
            patience,
        }
    }

    /// Runs `work` (a hash or a check) on a blocking thread once a turn is free.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T> {
        let turn = tokio::time::timeout(self.patience, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| busy())?
            .map_err(|_| busy())?;
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            work()
        })
        .await
        .map_err(|e| Error::store("password hashing", e))
    }
}

fn busy() -> Error {
    Error::Throttled {
        message: "the server is busy checking passwords; try again in a moment".into(),
        retry_after_secs: 1,
    }
}

/// Refuses a password too short to keep or too long to hash, before any hashing is queued.
pub(crate) fn check_password_size(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::invalid(format!(
            "password: must be at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::invalid(format!(
            "password: must be at most {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    Ok(())
}

pub(crate) fn hash_password(password: &str) -> Result<String> {
    check_password_size(password)?;
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| Error::store_msg(format!("password salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::store_msg(format!("password hashing: {e}")))
}

/// Whether `password` matches a stored PHC hash. A malformed hash matches nothing.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong horse", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
        assert_ne!(hash, hash_password("correct horse").unwrap(), "salted");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_pool_runs_no_more_than_its_turns_and_refuses_past_its_patience() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let pool = HashingPool::new(2, Duration::from_millis(300));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let runs = (0..12).map(|_| {
            let (pool, running, most) = (pool.clone(), running.clone(), most.clone());
            tokio::spawn(async move {
                pool.run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(100));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
                .await
            })
        });
        let mut refused = 0;
        for run in runs.collect::<Vec<_>>() {
            if let Err(Error::Throttled { .. }) = run.await.unwrap() {
                refused += 1;
            }
        }
        assert_eq!(
            most.load(Ordering::SeqCst),
            2,
            "never more than two at once"
        );
        // 12 runs of 100 ms, two at a time, with 300 ms of patience: some wait too long.
        assert!((1..12).contains(&refused), "{refused} of 12 refused");
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(hash_password("short").is_err());
    }
}
