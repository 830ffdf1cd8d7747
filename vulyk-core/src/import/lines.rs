//! Splitting decoded input into chunks of lines, with a bound on a line's length so that
//! memory stays constant whatever the input.

use std::io::{BufRead, Read};

use super::pausing::paused;

/// The longest line a load accepts. A longer one stops the load: it cannot be a sensible task,
/// and buffering it would break the memory bound.
pub(crate) const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;

/// Consecutive lines of one input: `data[ends[i-1]..ends[i]]` is line `first_line + i`.
#[derive(Debug, Default)]
pub(crate) struct RawChunk {
    pub input: usize,
    pub first_line: u64,
    pub data: Vec<u8>,
    pub ends: Vec<usize>,
}

impl RawChunk {
    pub fn lines(&self) -> impl Iterator<Item = (u64, &[u8])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .enumerate()
            .map(|(i, (start, end))| (self.first_line + i as u64, &self.data[start..end]))
    }
}

#[derive(Debug)]
pub(crate) enum LineError {
    Io(std::io::Error),
    TooLong { line: u64 },
}

pub(crate) struct LineReader {
    reader: Box<dyn BufRead + Send>,
    input: usize,
    next_line: u64,
    /// The start of a line that a pause of the input cut; the next chunk begins with it.
    carry: Vec<u8>,
}

impl LineReader {
    pub fn new(reader: Box<dyn BufRead + Send>, input: usize) -> Self {
        LineReader {
            reader,
            input,
            next_line: 1,
            carry: Vec::new(),
        }
    }

    /// The next chunk of at most `max_lines` lines (or about `max_bytes`), `None` at the end.
    /// When the input pauses (`pausing::paused`) with whole lines read, the chunk ends there,
    /// so that a slow pipe's lines reach the store while it waits.
    pub fn next_chunk(
        &mut self,
        max_lines: usize,
        max_bytes: usize,
    ) -> Result<Option<RawChunk>, LineError> {
        let mut data = std::mem::take(&mut self.carry);
        data.reserve(max_bytes.min(1 << 20));
        let mut chunk = RawChunk {
            input: self.input,
            first_line: self.next_line,
            data,
            ends: Vec::with_capacity(max_lines),
        };
        // Where the line being read starts in `chunk.data`.
        let mut start = 0;
        while chunk.ends.len() < max_lines && chunk.data.len() < max_bytes {
            let so_far = (chunk.data.len() - start) as u64;
            let read = match (&mut self.reader)
                .take(MAX_LINE_BYTES + 1 - so_far)
                .read_until(b'\n', &mut chunk.data)
            {
                Ok(read) => read,
                Err(e) if paused(&e) && chunk.ends.is_empty() => continue,
                Err(e) if paused(&e) => {
                    self.carry = chunk.data.split_off(start);
                    return Ok(Some(chunk));
                }
                Err(e) => return Err(LineError::Io(e)),
            };
            if read == 0 && chunk.data.len() == start {
                break;
            }
            let mut end = chunk.data.len();
            if chunk.data[end - 1] == b'\n' {
                end -= 1;
            } else if (end - start) as u64 > MAX_LINE_BYTES {
                return Err(LineError::TooLong {
                    line: self.next_line,
                });
            }
            if end > start && chunk.data[end - 1] == b'\r' {
                end -= 1;
            }
            if self.next_line == 1 && chunk.data[start..end].starts_with(b"\xEF\xBB\xBF") {
                chunk.data.drain(start..start + 3);
                end -= 3;
            }
            chunk.data.truncate(end);
            chunk.ends.push(end);
            start = end;
            self.next_line += 1;
        }
        Ok((!chunk.ends.is_empty()).then_some(chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(text: &'static [u8], max_lines: usize) -> Vec<Vec<(u64, String)>> {
        let mut reader = LineReader::new(Box::new(text), 0);
        let mut out = Vec::new();
        while let Some(chunk) = reader.next_chunk(max_lines, 1 << 20).unwrap() {
            out.push(
                chunk
                    .lines()
                    .map(|(n, l)| (n, String::from_utf8_lossy(l).into_owned()))
                    .collect(),
            );
        }
        out
    }

    #[test]
    fn lines_are_numbered_across_chunks() {
        let got = chunks(b"\xEF\xBB\xBFa\r\nb\n\nc", 2);
        assert_eq!(
            got,
            vec![
                vec![(1, "a".to_string()), (2, "b".to_string())],
                vec![(3, String::new()), (4, "c".to_string())],
            ]
        );
        assert!(chunks(b"", 2).is_empty());
    }

    /// Yields its pieces in turn; `None` is a pause.
    struct Pausing(std::collections::VecDeque<Option<&'static [u8]>>);

    impl Read for Pausing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.pop_front() {
                None => Ok(0),
                Some(None) => Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "paused")),
                Some(Some(piece)) => {
                    buf[..piece.len()].copy_from_slice(piece);
                    Ok(piece.len())
                }
            }
        }
    }

    #[test]
    fn a_pause_hands_over_the_whole_lines_read_and_keeps_the_cut_one() {
        let pieces = [
            None,
            Some(&b"a\nb\npart"[..]),
            None,
            None,
            Some(b"ial\nc"),
            None,
        ];
        let reader = Pausing(pieces.into_iter().collect());
        let mut lines = LineReader::new(Box::new(std::io::BufReader::new(reader)), 0);
        let mut got = Vec::new();
        while let Some(chunk) = lines.next_chunk(100, 1 << 20).unwrap() {
            got.push(
                chunk
                    .lines()
                    .map(|(n, l)| (n, String::from_utf8_lossy(l).into_owned()))
                    .collect::<Vec<_>>(),
            );
        }
        assert_eq!(
            got,
            vec![
                vec![(1, "a".to_string()), (2, "b".to_string())],
                vec![(3, "partial".to_string())],
                vec![(4, "c".to_string())],
            ]
        );
    }
}
