//! A panic anywhere in the console ends it, a background job's included, and also one the
//! code catches and recovers from (a blocking job's `JoinError`): ratatui's panic hook has
//! given the terminal back to the shell by then, and a console that kept running would draw
//! over a cooked terminal and echo the keys it should handle.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// Notes that the process panicked, through a panic hook put before the hooks already set,
/// and wakes whoever waits for it.
#[derive(Debug)]
pub struct PanicWatch {
    panicked: Arc<AtomicBool>,
    woken: Arc<Notify>,
}

impl PanicWatch {
    pub fn install() -> PanicWatch {
        let panicked = Arc::new(AtomicBool::new(false));
        let woken = Arc::new(Notify::new());
        let (flag, wake) = (Arc::clone(&panicked), Arc::clone(&woken));
        let earlier = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            flag.store(true, Ordering::SeqCst);
            earlier(info);
            // A permit is stored if nobody waits yet: the wake is never lost.
            wake.notify_one();
        }));
        PanicWatch { panicked, woken }
    }

    /// Returns once something has panicked (at once if it has already).
    pub async fn panicked(&self) {
        while !self.panicked.load(Ordering::SeqCst) {
            self.woken.notified().await;
        }
    }

    /// An error once anything has panicked: the console must stop.
    pub fn check(&self) -> anyhow::Result<()> {
        if self.panicked.load(Ordering::SeqCst) {
            anyhow::bail!(
                "the console stopped: a part of it failed unexpectedly (the message above \
                 says where; please report it)"
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_on_another_thread_wakes_the_watch() {
        let watch = PanicWatch::install();
        let job = std::thread::spawn(|| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            panic!("a background job fails");
        });
        // Waits for the panic rather than polling for it.
        tokio::time::timeout(std::time::Duration::from_secs(10), watch.panicked())
            .await
            .expect("woken by the panic");
        assert!(job.join().is_err());
        let error = watch.check().unwrap_err().to_string();
        assert!(error.contains("the console stopped"), "{error}");
    }
}
