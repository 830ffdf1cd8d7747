//! Export files: formats and outputs. The service that streams tasks into them is
//! `Vulyk::export` (service/export.rs).

mod majority;
mod output;
mod render;

pub use majority::{Majority, majority};
pub use output::{Output, Sealed};
pub use render::{Extras, csv_header, csv_rows, csv_writer, iso_naive, jsonl};

/// What an export adds to each task's answers: the consensus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// The most frequent answer and its share of the answers.
    Majority,
    /// Also Dawid–Skene's label, from volunteers' estimated reliability, with its probability.
    DawidSkene,
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExportFormat {
    /// The original's: per task, one line with the JSON array of its answers.
    #[default]
    Jsonl,
    /// One row per answer, the answer as JSON in a column.
    Csv,
}
