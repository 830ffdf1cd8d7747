//! The services both front ends call. Validation and invariants live here, once
//! (ARCHITECTURE.md, invariant 3); front ends never reach the store directly.

mod batches;
mod groups;
mod load;
mod passwords;
mod task_types;
mod users;

use std::sync::Arc;

use crate::plugins::PluginRegistry;
use crate::store::Store;

pub use groups::{GroupView, InitOutcome};
pub use load::{DEFAULT_CHUNK_LINES, LoadProgress, LoadRequest, LoadSummary};
pub use passwords::{MIN_PASSWORD_CHARS, verify_password};
pub use task_types::TaskTypeView;
pub use users::UserRef;

/// The platform as the front ends see it: a store and the task types it serves.
#[derive(Debug, Clone)]
pub struct Vulyk {
    store: Arc<dyn Store>,
    plugins: Arc<PluginRegistry>,
}

impl Vulyk {
    pub fn new(store: Arc<dyn Store>, plugins: Arc<PluginRegistry>) -> Self {
        Vulyk { store, plugins }
    }

    pub fn plugins(&self) -> &PluginRegistry {
        &self.plugins
    }

    /// Which backend serves this instance (`sqlite`, `mongodb`), for messages.
    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }
}
