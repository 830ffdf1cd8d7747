//! What the front ends may know of the database itself: its address (to check it, and to show
//! it without a password) and its layout (an original Vulyk's, moved by `vulyk db upgrade` and
//! `downgrade`). Everything else they reach through [`crate::service::Vulyk`]; the store is
//! private to the core.

pub use crate::store::{
    DOWNGRADE_UNFINISHED, DowngradeReport, Layout, ORIGINAL_READ_ONLY, OriginalClasses, StoreUrl,
    UpgradeReport, downgrade, parse_url, redact, upgrade,
};
