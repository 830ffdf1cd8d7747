//! Where an export goes: standard output, or a file — gzip or bzip2 compressed when its name
//! ends in `.gz` or `.bz2`. A file is written under a temporary name next to it and renamed
//! only when complete, so an interrupted export never leaves a file that looks finished.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

const BUFFER: usize = 256 * 1024;

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    Plain(BufWriter<File>),
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
    Bzip2(bzip2::write::BzEncoder<BufWriter<File>>),
}

pub struct Output {
    sink: Sink,
    /// (temporary, final) paths of a file output.
    paths: Option<(PathBuf, PathBuf)>,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("path", &self.paths.as_ref().map(|(_, path)| path))
            .finish()
    }
}

impl Output {
    /// `None` or `-` is standard output.
    pub fn create(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output {
                sink: Sink::Stdout(BufWriter::with_capacity(BUFFER, io::stdout())),
                paths: None,
            });
        };
        let temporary = Output::temporary(path);
        let file = File::create(&temporary).map_err(|e| Error::io(&temporary, e))?;
        Ok(Output::into_file(file, temporary, path))
    }

    /// A file output whose temporary file is new (an existing one is an error, `Conflict`)
    /// and readable by its owner alone from the start: a backup's.
    pub fn create_private(path: &Path) -> Result<Output> {
        let temporary = Output::temporary(path);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&temporary).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                Error::conflict(format!(
                    "{} exists: another run is writing it, or one was stopped (then remove it)",
                    temporary.display()
                ))
            } else {
                Error::io(&temporary, e)
            }
        })?;
        Ok(Output::into_file(file, temporary, path))
    }

    fn temporary(path: &Path) -> PathBuf {
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".partial");
        PathBuf::from(temporary)
    }

    fn into_file(file: File, temporary: PathBuf, path: &Path) -> Output {
        let file = BufWriter::with_capacity(BUFFER, file);
        let name = path.to_string_lossy();
        let sink = if name.ends_with(".gz") {
            Sink::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            ))
        } else if name.ends_with(".bz2") {
            Sink::Bzip2(bzip2::write::BzEncoder::new(
                file,
                bzip2::Compression::default(),
            ))
        } else {
            Sink::Plain(file)
        };
        Output {
            sink,
            paths: Some((temporary, path.to_path_buf())),
        }
    }

    /// How the output is named in messages.
    pub fn name(&self) -> String {
        match &self.paths {
            Some((_, path)) => path.display().to_string(),
            None => "standard output".to_string(),
        }
    }

    /// Flushes and ends the compressed stream: everything is written, and the file (still
    /// under its temporary name) only waits to be put in place.
    pub fn seal(self) -> Result<Sealed> {
        let name = self.name();
        let temporary = self.paths.as_ref().map(|(temporary, _)| temporary.clone());
        let failed = |e: io::Error| {
            if let Some(temporary) = &temporary {
                let _ = std::fs::remove_file(temporary);
            }
            Error::io(&name, e)
        };
        let file = match self.sink {
            Sink::Stdout(mut out) => {
                out.flush().map_err(failed)?;
                return Ok(Sealed { paths: None });
            }
            Sink::Plain(file) => file,
            Sink::Gzip(encoder) => encoder.finish().map_err(failed)?,
            Sink::Bzip2(encoder) => encoder.finish().map_err(failed)?,
        };
        // Flushed, not fsynced: the rename marks an export that ran to its end (an interrupted
        // one leaves only the .partial file); waiting for the disk would add seconds per
        // gigabyte and guard only against a power cut, which the operator would notice.
        file.into_inner().map_err(|e| failed(e.into_error()))?;
        Ok(Sealed { paths: self.paths })
    }

    /// Removes the unfinished file of a failed export.
    pub fn discard(self) {
        if let Some((temporary, _)) = &self.paths {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

/// A complete output not yet in place: an export that moves a cursor does so in between, so
/// that nothing but a rename can fail after the cursor moved.
#[derive(Debug)]
pub struct Sealed {
    paths: Option<(PathBuf, PathBuf)>,
}

impl Sealed {
    /// Puts the file in place (nothing to do for standard output); a file that cannot be
    /// is removed.
    pub fn place(self) -> Result<()> {
        if let Some((temporary, path)) = self.paths
            && let Err(e) = std::fs::rename(&temporary, &path)
        {
            let _ = std::fs::remove_file(&temporary);
            return Err(Error::io(&path, e));
        }
        Ok(())
    }

    /// Puts the file in place only where no file is: an export that moved a cursor must not
    /// replace the file of an earlier one (its window is gone from the cursor). A link then
    /// an unlink, so that a file made meanwhile is not replaced either.
    pub fn place_new(self) -> Result<()> {
        let Some((temporary, path)) = self.paths else {
            return Ok(());
        };
        let linked = std::fs::hard_link(&temporary, &path);
        let _ = std::fs::remove_file(&temporary);
        linked.map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::conflict(format!(
                "{} exists: it appeared while this was written, and is not replaced",
                path.display()
            )),
            _ => Error::io(&path, e),
        })
    }

    /// Syncs the file to the disk (a backup's).
    pub fn make_durable(&self) -> Result<()> {
        let Some((temporary, _)) = &self.paths else {
            return Ok(());
        };
        File::open(temporary)
            .and_then(|file| file.sync_all())
            .map_err(|e| Error::io(temporary, e))
    }

    /// Removes the file of an export that is not to count.
    pub fn discard(self) {
        if let Some((temporary, _)) = &self.paths {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(out) => out.write(buf),
            Sink::Plain(out) => out.write(buf),
            Sink::Gzip(out) => out.write(buf),
            Sink::Bzip2(out) => out.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(out) => out.write_all(buf),
            Sink::Plain(out) => out.write_all(buf),
            Sink::Gzip(out) => out.write_all(buf),
            Sink::Bzip2(out) => out.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(out) => out.flush(),
            Sink::Plain(out) => out.flush(),
            Sink::Gzip(out) => out.flush(),
            Sink::Bzip2(out) => out.flush(),
        }
    }
}
