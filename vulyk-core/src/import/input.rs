//! Which inputs a load reads, and how each is opened: compression is recognised by its magic
//! bytes, whatever the file is called.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::pausing::PausingReader;
use crate::{Error, Result};

/// How an input is compressed, as its first bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Bzip2,
}

/// One input of a load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// How the input is named in messages (`file:line:column`).
    pub fn display_name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }

    /// Size in bytes as stored (compressed), when known.
    pub fn size(&self) -> Option<u64> {
        match self {
            Input::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            Input::Stdin => None,
        }
    }

    /// Opens the input and returns its decoded bytes; `consumed` counts the raw bytes read.
    pub(crate) fn open(
        &self,
        consumed: Arc<AtomicU64>,
    ) -> Result<(Box<dyn BufRead + Send>, Compression)> {
        let raw: Box<dyn Read + Send> = match self {
            Input::File(path) => Box::new(File::open(path).map_err(|e| Error::io(path, e))?),
            Input::Stdin => Box::new(io::stdin()),
        };
        let mut raw = BufReader::with_capacity(
            256 * 1024,
            CountingReader {
                inner: raw,
                consumed,
            },
        );
        let magic = raw
            .fill_buf()
            .map_err(|e| Error::io(self.display_name(), e))?;
        const BUFFER: usize = 256 * 1024;
        let (decoded, compression): (Box<dyn BufRead + Send>, _) =
            if magic.starts_with(&[0x1f, 0x8b]) {
                let decoder = flate2::bufread::MultiGzDecoder::new(raw);
                (
                    Box::new(BufReader::with_capacity(BUFFER, decoder)),
                    Compression::Gzip,
                )
            } else if magic.starts_with(b"BZh") {
                let decoder = bzip2::bufread::MultiBzDecoder::new(raw);
                (
                    Box::new(BufReader::with_capacity(BUFFER, decoder)),
                    Compression::Bzip2,
                )
            } else {
                (Box::new(raw), Compression::None)
            };
        match self {
            Input::File(_) => Ok((decoded, compression)),
            // A pipe may pause; decoding goes on the feeder's thread, so that a pause never
            // interrupts a decoder half-way.
            Input::Stdin => {
                let pausing =
                    PausingReader::new(decoded).map_err(|e| Error::io(self.display_name(), e))?;
                Ok((Box::new(BufReader::new(pausing)), compression))
            }
        }
    }
}

struct CountingReader {
    inner: Box<dyn Read + Send>,
    consumed: Arc<AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Turns command-line arguments into inputs: `-` is standard input, a directory stands for
/// the files in it (sorted, hidden ones left out), and a quoted glob (`'data/*.jsonl.gz'`) is
/// expanded here, sorted. Every argument must name at least one file.
pub fn expand_inputs(args: &[String]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io(path, e))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !is_hidden(p))
                .collect();
            if files.is_empty() {
                return Err(Error::invalid(format!("{arg}: the folder holds no files")));
            }
            files.sort();
            inputs.extend(files.into_iter().map(Input::File));
        } else if path.exists() {
            inputs.push(Input::File(path.to_path_buf()));
        } else if arg.contains(['*', '?', '[']) {
            let pattern =
                glob::glob(arg).map_err(|e| Error::invalid(format!("{arg}: bad pattern: {e}")))?;
            let mut files: Vec<PathBuf> = pattern
                .filter_map(std::result::Result::ok)
                .filter(|p| p.is_file())
                .collect();
            if files.is_empty() {
                return Err(Error::not_found(
                    "file",
                    format!("{arg} (no file matches the pattern)"),
                ));
            }
            files.sort();
            inputs.extend(files.into_iter().map(Input::File));
        } else {
            return Err(Error::io(
                path,
                io::Error::new(io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
    }
    Ok(inputs)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(input: &Input) -> String {
        let mut out = String::new();
        input
            .open(Arc::new(AtomicU64::new(0)))
            .unwrap()
            .0
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn compression_is_sniffed_not_guessed_from_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let gz = dir.path().join("tasks.bz2"); // misleading name on purpose
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"{\"a\":1}\n").unwrap();
        let mut bytes = enc.finish().unwrap();
        // A second gzip member must be read too.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"{\"a\":2}\n").unwrap();
        bytes.extend(enc.finish().unwrap());
        std::fs::write(&gz, bytes).unwrap();
        assert_eq!(read_all(&Input::File(gz)), "{\"a\":1}\n{\"a\":2}\n");

        let bz = dir.path().join("tasks.gz");
        let mut bytes = Vec::new();
        for part in ["{\"b\":1}\n", "{\"b\":2}\n"] {
            let mut enc = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
            enc.write_all(part.as_bytes()).unwrap();
            bytes.extend(enc.finish().unwrap());
        }
        std::fs::write(&bz, bytes).unwrap();
        assert_eq!(read_all(&Input::File(bz)), "{\"b\":1}\n{\"b\":2}\n");

        let plain = dir.path().join("plain");
        std::fs::write(&plain, "{}\n").unwrap();
        assert_eq!(read_all(&Input::File(plain)), "{}\n");
    }

    #[test]
    fn arguments_expand_to_sorted_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.jsonl", "a.jsonl", ".hidden", "c.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let d = dir.path().display();
        let files = |inputs: Vec<Input>| -> Vec<String> {
            inputs
                .iter()
                .map(|i| match i {
                    Input::File(p) => p.file_name().unwrap().to_string_lossy().into_owned(),
                    Input::Stdin => "-".into(),
                })
                .collect()
        };
        assert_eq!(
            files(expand_inputs(&[format!("{d}")]).unwrap()),
            ["a.jsonl", "b.jsonl", "c.txt"]
        );
        assert_eq!(
            files(expand_inputs(&[format!("{d}/*.jsonl"), "-".into()]).unwrap()),
            ["a.jsonl", "b.jsonl", "-"]
        );
        assert!(expand_inputs(&[format!("{d}/*.gz")]).is_err());
        let err = expand_inputs(&[format!("{d}/missing.jsonl")]).unwrap_err();
        assert!(err.to_string().contains("missing.jsonl"), "{err}");
    }
}
