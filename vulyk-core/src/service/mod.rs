//! The services both front ends call. Validation and invariants live here, once
//! (ARCHITECTURE.md, invariant 3); front ends never reach the store directly.

mod accounts;
mod audit;
mod backup;
mod batches;
mod clock;
mod copy;
mod export;
mod funds;
mod game;
mod gold;
mod groups;
mod leaders;
mod load;
mod monitoring;
mod passwords;
mod quality;
mod rules;
mod stats;
mod task_types;
mod users;
mod webhooks;
mod work;

use std::sync::Arc;

use chrono::Duration;

use crate::config::Config;
use crate::database::Layout;
use crate::plugins::PluginRegistry;
use crate::store::Store;

pub use crate::domain::MAX_ANSWER_BYTES;
pub use crate::store::PageLimit;
/// What incremental exports and the audit log are asked and answer with.
pub use crate::store::{AuditQuery, ExportCursor, ExportWindow, Snapshot};
pub use accounts::{
    AccountLimits, ExternalIdentity, MAX_ATTEMPTS_PER_ACCOUNT,
    MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, MAX_ATTEMPTS_PER_ADDRESS, MAX_LOGIN_CHARS, MAX_SIGN_UPS,
    MAX_SIGN_UPS_PER_ADDRESS, SESSION_DAYS, SIGN_IN_WINDOW_MINUTES, TOKEN_PREFIX,
};
pub use audit::{DEFAULT_AUDIT_LIMIT, Operator};
pub use backup::BackupSummary;
pub use clock::{Clock, ManualClock, SystemClock};
pub(crate) use copy::copy_between;
pub use copy::{AreaCopied, CopyProgress, CopyRequest, CopySummary, copy_store};
pub use export::{EXPORT_SETTLE, ExportProgress, ExportRequest, ExportSummary, Increment};
pub use game::{BatchRewards, GameNumbers, GameSettings, PersonalNumbers};
pub use gold::{GoldLoadSummary, MAX_GOLD_LINES, judge};
pub use leaders::{DEFAULT_LEADERBOARD, LeaderRow, UserStats, dense_ranks};
pub use rules::{ImportSummary, RuleHolder};
pub use webhooks::DELIVERED_KEPT;
pub use work::{DEFAULT_LEASE, SweepReport};

pub use groups::{GroupView, InitOutcome};
pub use load::{CancelFlag, DEFAULT_CHUNK_LINES, LoadProgress, LoadRequest, LoadSummary};
pub use passwords::{HASHING_PATIENCE, HashingPool, MIN_PASSWORD_CHARS, verify_password};
pub use stats::{BatchOverview, BatchStats, Overview, TypeOverview, percent, percentile};
pub use task_types::{TaskTypeView, VolunteerTaskType};
pub use users::UserRef;

/// The platform as the front ends see it: a store and the task types it serves.
#[derive(Debug, Clone)]
pub struct Vulyk {
    store: Arc<dyn Store>,
    plugins: Arc<PluginRegistry>,
    clock: Arc<dyn Clock>,
    lease: Duration,
    game: Arc<GameSettings>,
    hashing: HashingPool,
    limits: AccountLimits,
    /// Who makes changes through this instance, for the audit log (none on the site).
    operator: Option<Arc<audit::Operator>>,
    /// Told of what happens (`[[webhooks]]`).
    webhooks: Arc<[crate::domain::Webhook]>,
}

impl Vulyk {
    /// The platform a configuration describes, serving the task types in `plugins`: its store
    /// opened (created or migrated), hand-outs held for the configured lease, achievements'
    /// days in its time zone and levels by its table. Start-up is wired here once for both
    /// binaries.
    pub async fn open(config: &Config, plugins: PluginRegistry) -> crate::Result<Vulyk> {
        let store = crate::store::open(&config.db).await?;
        Ok(Vulyk::new(store, Arc::new(plugins))
            .with_lease(Duration::minutes(i64::from(config.lease_minutes)))
            .with_game(GameSettings {
                zone: config.time_zone.clone(),
                levels: config.levels.clone(),
            })
            .with_webhooks(config.webhooks.clone()))
    }

    pub fn new(store: Arc<dyn Store>, plugins: Arc<PluginRegistry>) -> Self {
        Vulyk {
            store,
            plugins,
            clock: Arc::new(SystemClock),
            lease: DEFAULT_LEASE,
            game: Arc::default(),
            hashing: HashingPool::default(),
            limits: AccountLimits::default(),
            operator: None,
            webhooks: Arc::new([]),
        }
    }

    /// The same platform reading the time from `clock`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The same platform with hand-outs held for `lease` (at least a second).
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease.max(Duration::seconds(1));
        self
    }

    /// The same platform counting achievements' days in `settings.zone` and levels by
    /// `settings.levels`.
    pub fn with_game(mut self, settings: GameSettings) -> Self {
        self.game = Arc::new(settings);
        self
    }

    /// The same platform hashing passwords in `pool` (shared by all clones).
    pub fn with_hashing(mut self, pool: HashingPool) -> Self {
        self.hashing = pool;
        self
    }

    /// The same platform with other limits on sign-ins and sign-ups.
    pub fn with_account_limits(mut self, limits: AccountLimits) -> Self {
        self.limits = limits;
        self
    }

    pub fn lease(&self) -> Duration {
        self.lease
    }

    pub fn plugins(&self) -> &PluginRegistry {
        &self.plugins
    }

    /// Which backend serves this instance (`sqlite`, `mongodb`), for messages.
    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }

    /// Whether the data is in this version's layout, or an original Vulyk's that is only read.
    pub fn layout(&self) -> Layout {
        self.store.layout()
    }
}
