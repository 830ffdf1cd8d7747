//! Reading tasks from JSON-lines input: finding the inputs, decoding them (plain, gzip,
//! bzip2), splitting lines, parsing and hashing — streamed with constant memory on threads of
//! their own, so that the store's writes overlap with the parsing.

mod canonical;
mod input;
mod lines;
mod parse;
mod pausing;
mod pipeline;

pub use input::{Input, expand_inputs};
pub use parse::{LineOutcome, parse_line};
pub use pipeline::{ParsedChunk, Pipeline, PipelineOptions, Reject};
