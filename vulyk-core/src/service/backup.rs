//! `db backup`: the store's snapshot (see [`crate::store::BackupStore`]), compressed when the
//! file's name ends in `.gz` or `.bz2`, and put in place only when complete and checked.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Vulyk;
use crate::export::Output;
use crate::store::Snapshot;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub path: PathBuf,
    /// `"gzip"` or `"bzip2"`, when the file is compressed.
    pub compression: Option<&'static str>,
    /// What the snapshot holds, and its size before compression.
    pub snapshot: Snapshot,
    /// The size of the file written.
    pub bytes: u64,
    pub elapsed: Duration,
}

impl Vulyk {
    /// Writes a consistent snapshot of the store to `path`, which must not exist. Nothing
    /// is at `path` until the whole backup is written and checked.
    pub async fn backup(&self, path: &Path) -> Result<BackupSummary> {
        if path.as_os_str() == "-" {
            return Err(Error::invalid(
                "a backup is written to a file (PATH), not to standard output",
            ));
        }
        // In any letter case: file names are not case-sensitive everywhere.
        let name = path.to_string_lossy().to_lowercase();
        if let Some(suffix) = SQLITE_COMPANIONS
            .iter()
            .find(|suffix| name.ends_with(*suffix))
        {
            return Err(Error::invalid(format!(
                "{}: a name ending in {suffix} is SQLite's own name for a database's companion \
                 file, which SQLite deletes or overwrites; name another",
                path.display()
            )));
        }
        // Not `exists()`, which follows a link: a link to nowhere is a name taken too.
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(taken(path));
        }
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty())
            && !folder.is_dir()
        {
            return Err(Error::not_found(
                "folder for the backup",
                folder.display().to_string(),
            ));
        }
        let started = Instant::now();
        let compression = compression_of(path);
        // SQLite reads a relative name that begins with `file:` as a URI.
        let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        // The snapshot is written under a name of our own beside the backup, so that a
        // backup that stops half-way leaves nothing that looks finished.
        let partial = with_suffix(path, ".snapshot.partial");
        create_private(&partial)?;
        let snapshot = match self.snapshot(&partial).await {
            Ok(snapshot) => snapshot,
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        };
        let target = path.to_path_buf();
        let snapshot_file = partial.clone();
        let placed = tokio::task::spawn_blocking(move || place(&snapshot_file, &target))
            .await
            .map_err(|e| Error::store(format!("writing the backup {}", path.display()), e))
            .and_then(|placed| placed);
        let _ = std::fs::remove_file(&partial);
        placed?;
        let bytes = std::fs::metadata(path)
            .map_err(|e| Error::io(path, e))?
            .len();
        Ok(BackupSummary {
            path: path.to_path_buf(),
            compression,
            snapshot,
            bytes,
            elapsed: started.elapsed(),
        })
    }
}

impl Vulyk {
    /// The store's own snapshot (SQLite); or, for a store that reads no moment of itself
    /// (MongoDB), a copy into a new SQLite file made while every process's writes are
    /// paused, then that file's snapshot, compacted and checked as SQLite's is.
    async fn snapshot(&self, partial: &Path) -> Result<Snapshot> {
        let Some(paused) = self.store.pause_writers().await? else {
            return self.store.snapshot_into(partial).await;
        };
        let staging = with_suffix(partial, ".copy");
        let copied = match create_private(&staging) {
            Ok(()) => self.copy_into(&staging).await,
            // Not made by this backup: not this backup's to remove either.
            Err(e) => {
                let _ = self.store.resume_writers(paused).await;
                return Err(e);
            }
        };
        // The writers go on as soon as the copy is checked, before it is compacted.
        let resumed = self.store.resume_writers(paused).await;
        let snapshot = match (copied, resumed) {
            (Ok(copy), Ok(())) => copy.snapshot_into(partial).await,
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&staging, suffix));
        }
        snapshot
    }

    async fn copy_into(&self, file: &Path) -> Result<std::sync::Arc<dyn crate::store::Store>> {
        let url = file
            .to_str()
            .ok_or_else(|| Error::invalid(format!("{}: not a UTF-8 path", file.display())))?;
        let copy = crate::store::open(&format!("sqlite:{url}")).await?;
        let nothing_told = |_| {};
        super::copy_between(
            &*self.store,
            &*copy,
            "the store backed up",
            &super::CopyRequest::default(),
            None,
            &nothing_told,
        )
        .await?;
        Ok(copy)
    }
}

/// The endings of the files SQLite keeps beside a database (its rollback journal, its
/// write-ahead log and that log's index).
const SQLITE_COMPANIONS: [&str; 3] = ["-journal", "-wal", "-shm"];

fn taken(path: &Path) -> Error {
    Error::conflict(format!(
        "{} exists: a backup never replaces a file; name another",
        path.display()
    ))
}

fn compression_of(path: &Path) -> Option<&'static str> {
    let name = path.to_string_lossy();
    if name.ends_with(".gz") {
        Some("gzip")
    } else if name.ends_with(".bz2") {
        Some("bzip2")
    } else {
        None
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// The empty file the snapshot goes into (SQLite writes one only into a file that is not
/// there or is empty), readable by its owner alone: a backup holds e-mail addresses and
/// password hashes. Created new, so that two backups to one name do not mix.
fn create_private(partial: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(partial) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::conflict(format!(
            "{} exists: another backup to this name is running, or one was stopped (then \
             remove the file)",
            partial.display()
        ))),
        Err(e) => Err(Error::io(partial, e)),
    }
}

/// Compresses the snapshot into the backup (or links it there as it is), never over a file
/// made meanwhile.
fn place(snapshot: &Path, path: &Path) -> Result<()> {
    if compression_of(path).is_none() {
        std::fs::hard_link(snapshot, path).map_err(|e| match e.kind() {
            // Made meanwhile, by someone else.
            std::io::ErrorKind::AlreadyExists => taken(path),
            _ => Error::io(path, e),
        })?;
        return sync_folder_of(path);
    }
    let mut out = Output::create_private(path)?;
    let copied = std::fs::File::open(snapshot)
        .and_then(|mut file| std::io::copy(&mut file, &mut out))
        .map_err(|e| Error::io(path, e));
    if let Err(e) = copied {
        out.discard();
        return Err(e);
    }
    // On the disk before it has its name: an export's file is only flushed (`Output::seal`),
    // a backup must survive a power cut once it looks finished.
    let sealed = out.seal()?;
    if let Err(e) = sealed.make_durable() {
        sealed.discard();
        return Err(e);
    }
    sealed.place_new()?;
    sync_folder_of(path)
}

/// Makes the backup's name durable too, not only its content.
fn sync_folder_of(path: &Path) -> Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    std::fs::File::open(folder)
        .and_then(|folder| folder.sync_all())
        .map_err(|e| Error::io(folder, e))
}
