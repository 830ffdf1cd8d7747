//! Password hashing with argon2id (PHC strings), for the volunteers' site.
//!
//! argon2id is memory-hard on purpose: each hash or check fills ~19 MiB and takes a core for
//! tens of milliseconds. Run on whatever thread asks, a burst of anonymous sign-ins grows the
//! process by gigabytes (a hostile test measured 4.9 GB for 250 at once), and even bounded in
//! number, fresh 19 MiB buffers on changing threads stay behind in the allocator's per-thread
//! arenas (the hashing-burst bench measured 420–650 MB). So hashing has threads of its own,
//! as many as cores, each keeping one buffer that every hash it runs fills again: the memory
//! of hashing is that, whatever comes in.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{Semaphore, oneshot};

use crate::{Error, Result};

pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// How long a request waits for a turn at hashing before it is told to come back.
pub const HASHING_PATIENCE: Duration = Duration::from_secs(2);
/// The most a stored hash may ask of a check: memory (its `m`, in KiB) and passes (its `t`).
/// Ours ask for argon2's defaults (19 MiB, 2 passes); more is refused rather than run, so that
/// a hash written into the database by other means cannot hold a hashing thread.
const MAX_CHECK_KIB: u32 = 64 * 1024;
const MAX_CHECK_PASSES: u32 = 8;

/// A hashing thread's memory, filled again by each hash it runs.
pub(crate) type Memory = Vec<Block>;
type Job = Box<dyn FnOnce(&mut Memory) + Send>;

/// Runs argon2id on `at_once` threads of its own (started at the first hash), each with its
/// memory. Requests past them wait briefly for a turn, then get `Throttled`: a burst costs
/// time, never memory.
#[derive(Debug, Clone)]
pub struct HashingPool {
    turns: Arc<Semaphore>,
    patience: Duration,
    threads: usize,
    jobs: Arc<OnceLock<crossbeam_channel::Sender<Job>>>,
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
            threads: at_once.max(1),
            jobs: Arc::default(),
        }
    }

    /// Runs `work` (a hash or a check) on a hashing thread once a turn is free.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T> {
        let waiting = Waiting::start();
        let turn = tokio::time::timeout(self.patience, self.turns.clone().acquire_owned()).await;
        drop(waiting);
        let Ok(Ok(turn)) = turn else {
            super::monitoring::hashing_refused();
            return Err(busy());
        };
        let (done, result) = oneshot::channel();
        // The turn goes with the job, not with the caller: a caller that gives up (a client
        // gone, a request timed out) must not free a turn while its hash still runs, or the
        // queue would fill with hashes nobody waits for.
        let job: Job = Box::new(move |memory| {
            let _turn = turn;
            if !done.is_closed() {
                let _ = done.send(work(memory));
            }
        });
        self.sender()?
            .send(job)
            .map_err(|_| Error::store_msg("the password hashing threads are gone"))?;
        result
            .await
            .map_err(|_| Error::store_msg("a password hashing thread failed"))
    }

    /// The queue of the hashing threads, started on first use (most commands never hash).
    /// They end when the last clone of the pool is dropped.
    fn sender(&self) -> Result<&crossbeam_channel::Sender<Job>> {
        if let Some(sender) = self.jobs.get() {
            return Ok(sender);
        }
        let (sender, receiver) = crossbeam_channel::unbounded::<Job>();
        for n in 0..self.threads {
            let receiver = receiver.clone();
            std::thread::Builder::new()
                .name(format!("vulyk-hash-{n}"))
                .spawn(move || {
                    let mut memory = Memory::new();
                    for job in receiver {
                        // A job that panics fails its caller only; the thread goes on.
                        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            job(&mut memory);
                        }));
                        if ran.is_err() {
                            memory = Memory::new();
                        }
                    }
                })
                .map_err(|e| Error::store("starting a password hashing thread", e))?;
        }
        // A racing first use may have started threads too: its sender is dropped, and its
        // threads end at once.
        Ok(self.jobs.get_or_init(|| sender))
    }
}

/// One hash waiting for a turn, in the monitoring gauge while it waits (a caller that gives
/// up while waiting leaves it too).
struct Waiting;

impl Waiting {
    fn start() -> Waiting {
        super::monitoring::hashing_waiting(1.0);
        Waiting
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        super::monitoring::hashing_waiting(-1.0);
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

/// An argon2id PHC string for `password` with argon2's default parameters, computed in
/// `memory`.
pub(crate) fn hash_password(memory: &mut Memory, password: &str) -> Result<String> {
    check_password_size(password)?;
    let failed = |e: &dyn std::fmt::Display| Error::store_msg(format!("password hashing: {e}"));
    let params = Params::default();
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| failed(&e))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    fill(memory, &params);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password.as_bytes(), &salt_bytes, &mut out, &mut memory[..])
        .map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches a stored PHC hash, computed in `memory`. A malformed hash, or
/// one asking for more memory than ours ever do, matches nothing.
pub(crate) fn check_password(memory: &mut Memory, password: &str, phc: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    let (Ok(params), Ok(algorithm)) =
        (Params::try_from(&hash), Algorithm::try_from(hash.algorithm))
    else {
        return false;
    };
    let version = match hash.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let mut salt_buffer = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buffer) else {
        return false;
    };
    if params.m_cost() > MAX_CHECK_KIB || params.t_cost() > MAX_CHECK_PASSES {
        return false;
    }
    let mut out = vec![0u8; expected.len()];
    fill(memory, &params);
    let matches = Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..])
        .is_ok()
        // `Output`'s equality is constant-time: the comparison tells nothing of the hash.
        && Output::new(&out).is_ok_and(|out| out == expected);
    // A hash that asked for more than ours do leaves the thread no larger than ours need.
    let ours = Params::default().block_count();
    if memory.len() > ours {
        memory.truncate(ours);
        memory.shrink_to_fit();
    }
    matches
}

/// Whether a stored hash is one [`check_password`] runs argon2id for (a PHC string within
/// the bounds), rather than refusing at once.
pub(crate) fn is_checkable(phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Params::try_from(&hash).is_ok_and(|params| {
            params.m_cost() <= MAX_CHECK_KIB && params.t_cost() <= MAX_CHECK_PASSES
        }) && hash.salt.is_some()
            && hash.hash.is_some()
    })
}

/// `memory` sized for `params`: grown the first time, reused after.
fn fill(memory: &mut Memory, params: &Params) {
    memory.resize(params.block_count(), Block::default());
}

/// Whether `password` matches a stored PHC hash, in memory of its own (for operators' tools
/// and tests; the site checks in the hashing pool).
pub fn verify_password(password: &str, phc: &str) -> bool {
    check_password(&mut Memory::new(), password, phc)
}

#[cfg(test)]
mod tests {
    use argon2::PasswordVerifier;

    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let mut memory = Memory::new();
        let hash = hash_password(&mut memory, "correct horse").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong horse", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
        let again = hash_password(&mut memory, "correct horse").unwrap();
        assert_ne!(hash, again, "salted");
        // The argon2 crate's own check agrees, so hashes stored before stay good and ours
        // are standard PHC strings.
        let standard = PasswordHash::new(&again).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"correct horse", &standard)
                .is_ok()
        );
    }

    #[test]
    fn hashes_made_by_the_argon2_crate_verify() {
        use argon2::PasswordHasher;
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        let stored = Argon2::default()
            .hash_password(b"made elsewhere", &salt)
            .unwrap()
            .to_string();
        assert!(verify_password("made elsewhere", &stored));
        assert!(!verify_password("made elsewhere!", &stored));
        // Asking for more memory or passes than ours is refused before anything is allocated
        // or run (a 4 GiB check would take seconds and the memory with it).
        for greedy in [
            stored.replace("m=19456", "m=4194304"),
            stored.replace("m=19456", "m=65537"),
            stored.replace("t=2", "t=100000"),
        ] {
            let mut memory = Memory::new();
            assert!(
                !check_password(&mut memory, "made elsewhere", &greedy),
                "{greedy}"
            );
            assert_eq!(memory.capacity(), 0, "{greedy}");
        }
        // A bigger hash that is allowed is checked, and the memory goes back to our size.
        let bigger = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(40_000, 1, 1, None).unwrap(),
        )
        .hash_password(b"made elsewhere", &salt)
        .unwrap()
        .to_string();
        let mut memory = Memory::new();
        assert!(check_password(&mut memory, "made elsewhere", &bigger));
        assert_eq!(memory.len(), Params::default().block_count());
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
                pool.run(move |_| {
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_caller_that_gives_up_keeps_its_turn_until_its_hash_is_done() {
        let pool = HashingPool::new(1, Duration::from_millis(200));
        let slow = |_: &mut Memory| std::thread::sleep(Duration::from_millis(800));
        // A caller whose client went away while its hash runs...
        let gone = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(slow).await }
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        gone.abort();
        // ...has not freed its turn: the next caller waits its patience and is told to come
        // back, instead of queueing behind a hash nobody waits for.
        let next = pool.run(|_| ()).await;
        assert!(matches!(next, Err(Error::Throttled { .. })), "{next:?}");
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert!(pool.run(|_| ()).await.is_ok(), "the turn came back");
    }

    #[tokio::test]
    async fn a_job_that_panics_fails_its_caller_and_the_pool_goes_on() {
        let pool = HashingPool::new(1, Duration::from_secs(5));
        let failed = pool.run(|_| -> () { panic!("a bug") }).await;
        assert!(matches!(failed, Err(Error::Store { .. })), "{failed:?}");
        assert_eq!(pool.run(|_| 7).await.unwrap(), 7);
    }

    #[tokio::test]
    async fn each_hashing_thread_keeps_one_memory() {
        let pool = HashingPool::new(1, Duration::from_secs(60));
        let mut addresses = Vec::new();
        for _ in 0..3 {
            let (hash, address) = pool
                .run(|memory| {
                    let hash = hash_password(memory, "a good long password");
                    (hash, memory.as_ptr() as usize)
                })
                .await
                .unwrap();
            assert!(hash.is_ok());
            addresses.push(address);
        }
        assert!(addresses.windows(2).all(|w| w[0] == w[1]), "reallocated");
    }

    #[test]
    fn only_hashes_within_bounds_are_checkable() {
        let hash = hash_password(&mut Memory::new(), "a good long password").unwrap();
        assert!(is_checkable(&hash));
        for other in [
            "",
            "plain md5 of the original",
            &hash.replace("m=19456", "m=4194304"),
            &hash.replace("t=2", "t=100000"),
        ] {
            assert!(!is_checkable(other), "{other}");
        }
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(hash_password(&mut Memory::new(), "short").is_err());
    }
}
