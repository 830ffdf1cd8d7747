//! The loading pipeline: a reader thread reads, decompresses and splits lines; each chunk of
//! lines is parsed and hashed either on that thread or by the caller, who then writes it to
//! the store. The channel between them is bounded, so memory stays constant, and a caller that
//! stops receiving stops the reader: its next send fails and it returns.
//!
//! Where parsing runs is chosen per input so that never more than two threads are busy on a
//! two-core machine: plain and gzip input decode cheaply, so the reader parses too and the
//! caller only writes; bzip2 decoding takes a core by itself, so the reader only decodes and
//! the caller parses before it writes. (A third busy thread made the scheduler share two cores
//! three ways, and bzip2 decoding — the critical path — ran a third slower.)

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::input::{Compression, Input};
use super::lines::{LineError, LineReader, MAX_LINE_BYTES, RawChunk};
use super::parse::{LineOutcome, parse_line};
use crate::domain::NewTask;
use crate::{Error, Result};

const CHUNK_BYTES: usize = 4 * 1024 * 1024;
const CHANNEL_CHUNKS: usize = 2;

#[derive(Debug, Clone)]
pub struct PipelineOptions {
    pub inputs: Vec<Input>,
    /// Where invalid lines go, verbatim, one per line. Without it an invalid line is an error
    /// that stops the pipeline.
    pub rejects: Option<PathBuf>,
    /// Lines per chunk; each chunk becomes one store write.
    pub chunk_lines: usize,
}

/// A line that was not a task, and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    /// `file:line:column`.
    pub location: String,
    pub reason: String,
}

/// The tasks of one chunk of lines, and what else those lines were.
#[derive(Debug, Default)]
pub struct ParsedChunk {
    pub tasks: Vec<NewTask>,
    pub blank: u64,
    pub empty: u64,
    pub rejected: Vec<Reject>,
    /// The rejected lines as they were, in the order of `rejected`.
    rejected_lines: Vec<Vec<u8>>,
}

/// What the reader sends: lines it parsed, or lines left for the caller to parse.
enum Chunk {
    Parsed(ParsedChunk),
    Raw(RawChunk),
}

#[derive(Debug)]
pub struct Pipeline {
    rx: tokio::sync::mpsc::Receiver<Result<Chunk>>,
    names: Arc<Vec<String>>,
    rejects: Option<(PathBuf, BufWriter<File>)>,
    consumed: Arc<AtomicU64>,
    total_bytes: Option<u64>,
}

impl std::fmt::Debug for Chunk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Chunk::Parsed(chunk) => write!(f, "Parsed({} tasks)", chunk.tasks.len()),
            Chunk::Raw(chunk) => write!(f, "Raw({} lines)", chunk.ends.len()),
        }
    }
}

impl Pipeline {
    /// Starts the reader. Fails before reading anything if the rejects file can't be created.
    pub fn start(options: PipelineOptions) -> Result<Pipeline> {
        let rejects = match &options.rejects {
            Some(path) => Some((
                path.clone(),
                BufWriter::new(File::create(path).map_err(|e| Error::io(path, e))?),
            )),
            None => None,
        };
        let total_bytes = options.inputs.iter().map(Input::size).sum::<Option<u64>>();
        let names: Arc<Vec<String>> =
            Arc::new(options.inputs.iter().map(Input::display_name).collect());
        let consumed = Arc::new(AtomicU64::new(0));
        let (tx, rx) = tokio::sync::mpsc::channel(CHANNEL_CHUNKS);
        let reader_consumed = Arc::clone(&consumed);
        let reader_names = Arc::clone(&names);
        let chunk_lines = options.chunk_lines.max(1);
        std::thread::Builder::new()
            .name("vulyk-load-read".into())
            .spawn(move || {
                read_inputs(
                    options.inputs,
                    &reader_names,
                    chunk_lines,
                    reader_consumed,
                    tx,
                )
            })
            .map_err(|e| Error::store("starting the reader thread", e))?;
        Ok(Pipeline {
            rx,
            names,
            rejects,
            consumed,
            total_bytes,
        })
    }

    /// The next chunk, an error that ended the pipeline (an invalid line without a rejects
    /// file among them), or `None` when all input is read.
    pub async fn next(&mut self) -> Option<Result<ParsedChunk>> {
        let chunk = match self.rx.recv().await? {
            Ok(Chunk::Parsed(chunk)) => chunk,
            Ok(Chunk::Raw(raw)) => {
                let names = Arc::clone(&self.names);
                match tokio::task::spawn_blocking(move || parse_chunk(&raw, &names)).await {
                    Ok(chunk) => chunk,
                    Err(e) => return Some(Err(Error::store("parsing a chunk", e))),
                }
            }
            Err(e) => return Some(Err(e)),
        };
        Some(self.handle_rejects(chunk))
    }

    fn handle_rejects(&mut self, mut chunk: ParsedChunk) -> Result<ParsedChunk> {
        if chunk.rejected.is_empty() {
            return Ok(chunk);
        }
        let Some((path, writer)) = &mut self.rejects else {
            let first = &chunk.rejected[0];
            return Err(Error::invalid(format!(
                "{}: {}",
                first.location, first.reason
            )));
        };
        for line in chunk.rejected_lines.drain(..) {
            writer
                .write_all(&line)
                .and_then(|()| writer.write_all(b"\n"))
                .map_err(|e| Error::io(path.clone(), e))?;
        }
        Ok(chunk)
    }

    /// Writes out what is buffered for the rejects file; call it when all input is read.
    pub fn finish(&mut self) -> Result<()> {
        match &mut self.rejects {
            Some((path, writer)) => writer.flush().map_err(|e| Error::io(path.clone(), e)),
            None => Ok(()),
        }
    }

    /// Raw (compressed) input bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.consumed.load(Ordering::Relaxed)
    }

    /// Raw size of all inputs, unless one is standard input.
    pub fn bytes_total(&self) -> Option<u64> {
        self.total_bytes
    }
}

fn read_inputs(
    inputs: Vec<Input>,
    names: &[String],
    chunk_lines: usize,
    consumed: Arc<AtomicU64>,
    tx: tokio::sync::mpsc::Sender<Result<Chunk>>,
) {
    for (index, input) in inputs.iter().enumerate() {
        let (reader, compression) = match input.open(Arc::clone(&consumed)) {
            Ok(opened) => opened,
            Err(e) => {
                let _ = tx.blocking_send(Err(e));
                return;
            }
        };
        let parse_here = compression != Compression::Bzip2;
        let mut lines = LineReader::new(reader, index);
        loop {
            let chunk = match lines.next_chunk(chunk_lines, CHUNK_BYTES) {
                Ok(Some(raw)) if parse_here => Ok(Chunk::Parsed(parse_chunk(&raw, names))),
                Ok(Some(raw)) => Ok(Chunk::Raw(raw)),
                Ok(None) => break,
                Err(LineError::Io(e)) => Err(Error::io(&names[index], e)),
                Err(LineError::TooLong { line }) => Err(Error::invalid(format!(
                    "{}:{line}:1: line longer than {} MiB",
                    names[index],
                    MAX_LINE_BYTES >> 20
                ))),
            };
            let stop = chunk.is_err();
            if tx.blocking_send(chunk).is_err() || stop {
                return;
            }
        }
    }
}

fn parse_chunk(raw: &RawChunk, names: &[String]) -> ParsedChunk {
    let mut parsed = ParsedChunk {
        tasks: Vec::with_capacity(raw.ends.len()),
        ..ParsedChunk::default()
    };
    for (line_number, line) in raw.lines() {
        match parse_line(line) {
            LineOutcome::Task(task) => parsed.tasks.push(task),
            LineOutcome::Blank => parsed.blank += 1,
            LineOutcome::Empty => parsed.empty += 1,
            LineOutcome::Invalid { column, reason } => {
                parsed.rejected.push(Reject {
                    location: format!("{}:{line_number}:{column}", names[raw.input]),
                    reason,
                });
                parsed.rejected_lines.push(line.to_vec());
            }
        }
    }
    parsed
}
