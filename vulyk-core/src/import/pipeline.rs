//! The loading pipeline: a reader thread (read + decompress + split lines) feeds a parser
//! thread (parse + hash), which feeds the caller, who writes to the store. Channels between
//! the stages are bounded, so memory stays constant, and a caller that stops receiving stops
//! the threads: their next send fails and they return.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::input::Input;
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
}

#[derive(Debug)]
pub struct Pipeline {
    rx: tokio::sync::mpsc::Receiver<Result<ParsedChunk>>,
    consumed: Arc<AtomicU64>,
    total_bytes: Option<u64>,
}

impl Pipeline {
    /// Starts the threads. Fails before reading anything if the rejects file can't be created.
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
        let (raw_tx, raw_rx) = crossbeam_channel::bounded::<Result<RawChunk>>(CHANNEL_CHUNKS);
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
                    raw_tx,
                )
            })
            .map_err(|e| Error::store("starting the reader thread", e))?;
        std::thread::Builder::new()
            .name("vulyk-load-parse".into())
            .spawn(move || parse_chunks(raw_rx, &names, rejects, tx))
            .map_err(|e| Error::store("starting the parser thread", e))?;

        Ok(Pipeline {
            rx,
            consumed,
            total_bytes,
        })
    }

    /// The next chunk, an error that ended the pipeline, or `None` when all input is read.
    pub async fn next(&mut self) -> Option<Result<ParsedChunk>> {
        self.rx.recv().await
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
    tx: crossbeam_channel::Sender<Result<RawChunk>>,
) {
    for (index, input) in inputs.iter().enumerate() {
        let reader = match input.open(Arc::clone(&consumed)) {
            Ok(reader) => reader,
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        };
        let mut lines = LineReader::new(reader, index);
        loop {
            let chunk = match lines.next_chunk(chunk_lines, CHUNK_BYTES) {
                Ok(Some(chunk)) => Ok(chunk),
                Ok(None) => break,
                Err(LineError::Io(e)) => Err(Error::io(&names[index], e)),
                Err(LineError::TooLong { line }) => Err(Error::invalid(format!(
                    "{}:{line}:1: line longer than {} MiB",
                    names[index],
                    MAX_LINE_BYTES >> 20
                ))),
            };
            let stop = chunk.is_err();
            if tx.send(chunk).is_err() || stop {
                return;
            }
        }
    }
}

fn parse_chunks(
    rx: crossbeam_channel::Receiver<Result<RawChunk>>,
    names: &[String],
    mut rejects: Option<(PathBuf, BufWriter<File>)>,
    tx: tokio::sync::mpsc::Sender<Result<ParsedChunk>>,
) {
    for raw in rx {
        let parsed = raw.and_then(|raw| parse_chunk(&raw, names, rejects.as_mut()));
        let stop = parsed.is_err();
        if tx.blocking_send(parsed).is_err() || stop {
            return;
        }
    }
    if let Some((path, mut writer)) = rejects
        && let Err(e) = writer.flush()
    {
        let _ = tx.blocking_send(Err(Error::io(path, e)));
    }
}

fn parse_chunk(
    raw: &RawChunk,
    names: &[String],
    mut rejects: Option<&mut (PathBuf, BufWriter<File>)>,
) -> Result<ParsedChunk> {
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
                let location = format!("{}:{line_number}:{column}", names[raw.input]);
                let Some((path, writer)) = rejects.as_deref_mut() else {
                    return Err(Error::invalid(format!("{location}: {reason}")));
                };
                writer
                    .write_all(line)
                    .and_then(|()| writer.write_all(b"\n"))
                    .map_err(|e| Error::io(path.clone(), e))?;
                parsed.rejected.push(Reject { location, reason });
            }
        }
    }
    Ok(parsed)
}
