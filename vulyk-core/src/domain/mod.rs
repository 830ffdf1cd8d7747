//! Domain types: plain data with the rules that belong to the data itself.
//!
//! They are not a wire format: the console's `--json` output, HTTP bodies and stored documents
//! each have their own types (ARCHITECTURE.md, invariant 13).

mod account;
mod answer;
mod audit;
mod batch;
mod gold;
mod group;
mod ids;
mod meta;
mod task;
mod user;
mod webhook;

pub use account::{ApiToken, WebSession};
pub use answer::{Answer, MAX_ANSWER_BYTES, WorkSession};
pub use audit::{AUDIT_TEXT_CHARS, AuditEntry, audit_text};
pub use batch::{Batch, BatchStatus, DEFAULT_BATCH, validate_batch_id};
pub use gold::{DEFAULT_GOLD_BATCH, GoldAnswer, GoldFeedback, GoldScore, GoldTask};
pub use group::{DEFAULT_GROUP, Group, validate_group_id};
pub use ids::{TaskId, UserId, new_object_id};
pub use meta::{BatchMeta, apply_meta_overrides};
pub use task::{NewTask, Task, TaskTypeCounts};
pub use user::{
    NewUser, User, acts_on_text, display_name_from_provider, normalize_email,
    validate_display_name, validate_username,
};
pub(crate) use webhook::host_and_port;
pub use webhook::{Delivery, DeliveryStatus, EventKind, Webhook, WebhookEvent, WebhookSecret};
