//! Answers you can trust: what in an answer is the label, how much volunteers agree
//! (Krippendorff's alpha), and the consensus label with each volunteer's reliability
//! (Dawid–Skene). The estimators work on compact votes ([`Crowd`]), never on answers' JSON.

mod alpha;
mod consensus;
mod crowd;
mod dawid_skene;
mod labels;
mod report;

pub use alpha::alpha;
pub use consensus::{Consensus, ItemConsensus};
pub use crowd::{BatchTally, Crowd, GOLD, MAX_LABELS, Vote};
pub use dawid_skene::{DawidSkene, MAX_CELLS, Model, most_probable};
pub use labels::{Interner, ItemLabel, LabelRule, canonical};
pub use report::{BatchQuality, QualityReport, VolunteerQuality, report};
