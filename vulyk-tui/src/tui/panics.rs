//! A panic anywhere in the console (a background job's included) ends it. ratatui's panic
//! hook gives the terminal back to the shell at once, so a console that kept running would
//! draw over a cooked terminal and echo the keys it should handle.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Notes that the process panicked, through a panic hook put before the hooks already set.
#[derive(Debug, Clone)]
pub struct PanicWatch {
    panicked: Arc<AtomicBool>,
}

impl PanicWatch {
    pub fn install() -> PanicWatch {
        let panicked = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&panicked);
        let earlier = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            flag.store(true, Ordering::SeqCst);
            earlier(info);
        }));
        PanicWatch { panicked }
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

    #[test]
    fn a_panic_on_another_thread_is_noticed() {
        let watch = PanicWatch::install();
        assert!(watch.check().is_ok());
        let job = std::thread::spawn(|| panic!("a background job fails"));
        assert!(job.join().is_err());
        let error = watch.check().unwrap_err().to_string();
        assert!(error.contains("the console stopped"), "{error}");
    }
}
