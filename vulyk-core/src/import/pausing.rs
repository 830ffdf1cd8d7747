//! Standard input read on a thread of its own, so that a pipe that pauses can be noticed: the
//! reader then gets `TimedOut` instead of waiting, and the lines read so far go on to the
//! store (`LineReader` hands over a partial chunk) instead of waiting for a full chunk.

use std::io::{self, BufRead, Read};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::Duration;

/// How long input may pause before what was read is handed on.
pub(crate) const PAUSE: Duration = Duration::from_millis(250);
const BLOCK_BYTES: usize = 64 * 1024;
/// Blocks in flight: the memory bound of a fast pipe is this many blocks.
const BLOCKS: usize = 4;

/// A reader of blocks that a feeder thread reads from `source`.
pub(crate) struct PausingReader {
    blocks: Receiver<io::Result<Vec<u8>>>,
    block: Vec<u8>,
    at: usize,
    done: bool,
}

impl PausingReader {
    pub fn new(source: Box<dyn BufRead + Send>) -> io::Result<PausingReader> {
        let (tx, blocks) = sync_channel(BLOCKS);
        std::thread::Builder::new()
            .name("vulyk-load-stdin".into())
            .spawn(move || feed(source, &tx))?;
        Ok(PausingReader {
            blocks,
            block: Vec::new(),
            at: 0,
            done: false,
        })
    }
}

/// Reads until the end, an error, or a reader that is gone.
fn feed(mut source: Box<dyn BufRead + Send>, tx: &SyncSender<io::Result<Vec<u8>>>) {
    loop {
        let mut block = vec![0; BLOCK_BYTES];
        let read = match source.read(&mut block) {
            Ok(0) => return,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        };
        block.truncate(read);
        if tx.send(Ok(block)).is_err() {
            return;
        }
    }
}

impl Read for PausingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.block.len() {
            if self.done {
                return Ok(0);
            }
            match self.blocks.recv_timeout(PAUSE) {
                Ok(Ok(block)) => {
                    self.block = block;
                    self.at = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(RecvTimeoutError::Timeout) => {
                    return Err(io::Error::new(io::ErrorKind::TimedOut, "the input paused"));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.done = true;
                    return Ok(0);
                }
            }
        }
        let n = buf.len().min(self.block.len() - self.at);
        buf[..n].copy_from_slice(&self.block[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Whether an error only says that the input paused.
pub(crate) fn paused(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::TimedOut
}
