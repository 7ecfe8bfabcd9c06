//! Writing outputs so that an interrupted run never leaves a half-written file:
//! everything goes to a temporary file in the target folder, then is renamed. A
//! document's outputs are renamed onto free names ([`OutFolder::clear`] removes the old
//! ones first): renaming over a file costs ext4 a write-out on the spot.
//!
//! Per-document files are not synced one by one (a sync per file was 30% of a
//! rules-only run): a killed process cannot leave them half written, and `run` syncs the
//! whole file system once ([`sync_filesystem`]) before it writes `index.json` with
//! [`write_durable`], so a run whose index is on disk has every output on disk too.
//!
//! `run` and `merge` write through an [`OutFolder`]: the folder checked once (a folder,
//! writable), locked against a second writer, and its temporary files named after the
//! lock, so that a run killed mid-write has its leftovers removed by the next run with
//! the same lock, without touching the live temporary files of other shards.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, IoContext, Result};
use crate::lock::OutputLock;
use crate::timings::{Stage, Timings};

/// Writes `bytes` to `path` atomically (temp file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write(path, bytes, false, "")
}

/// As [`write_atomic`], and on disk before the rename (the file that commits a run).
pub fn write_durable(path: &Path, bytes: &[u8]) -> Result<()> {
    write(path, bytes, true, "")
}

/// An output folder this process writes: checked, locked (one writer per lock name),
/// cleared of the temporary files an earlier holder of the lock left when it was killed.
#[derive(Debug)]
pub struct OutFolder {
    pub root: PathBuf,
    /// The lock's name, also the prefix of this writer's temporary files.
    tag: String,
    _lock: OutputLock,
}

impl OutFolder {
    /// Opens `root` (created if missing) for the writer `tag` (`run`, `shard-2-of-7`).
    /// A file, an unwritable folder or a full disk is a usage error that says what to do.
    pub fn open(root: &Path, tag: &str) -> Result<OutFolder> {
        if root.exists() && !root.is_dir() {
            return Err(Error::Usage(format!(
                "--out {}: is a file, not a folder: give a folder (it is created when missing)",
                root.display()
            )));
        }
        std::fs::create_dir_all(root).map_err(|e| out_error(root, e))?;
        let lock = OutputLock::acquire(root, tag).map_err(|e| match e {
            Error::Io { path, source } => out_error(&path, source),
            other => other,
        })?;
        let folder = OutFolder { root: root.to_path_buf(), tag: tag.to_string(), _lock: lock };
        folder.remove_leftovers();
        Ok(folder)
    }

    /// Writes `bytes` to `path` (inside the folder) atomically.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.write_file(path, bytes, false)
    }

    /// As [`OutFolder::write`], on disk before the rename.
    pub fn write_durable(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.write_file(path, bytes, true)
    }

    pub fn write_json_durable<T: serde::Serialize>(&self, path: &Path, value: &T) -> Result<()> {
        self.write_durable(path, &json_bytes(path, value)?)
    }

    /// `value` as [`json_bytes`] writes it, streamed (see [`OutFolder::write_streamed`]).
    pub fn write_json_streamed<T: serde::Serialize>(&self, path: &Path, value: &T, timings: &Timings) -> Result<()> {
        self.write_streamed(path, timings, |w| write_json_to(w, value).map_err(std::io::Error::from))
    }

    /// Writes what `fill` produces to `path` atomically, streamed: a 20 MB report's JSON
    /// is some 200 MB, its HTML 60 MB, never held whole. Time `fill` spends producing
    /// bytes counts as render; creating, writing and renaming the file as write.
    pub fn write_streamed(
        &self,
        path: &Path,
        timings: &Timings,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let start = Instant::now();
        let own = write_with(path, false, &self.tag, fill).map_err(|e| match e {
            Error::Io { path, source } => out_error(&path, source),
            other => other,
        })?;
        let total = start.elapsed();
        timings.add(Stage::Render, own.min(total));
        timings.add(Stage::Write, total.saturating_sub(own));
        Ok(())
    }

    fn write_file(&self, path: &Path, bytes: &[u8], durable: bool) -> Result<()> {
        write(path, bytes, durable, &self.tag).map_err(|e| match e {
            Error::Io { path, source } => out_error(&path, source),
            other => other,
        })
    }

    /// Removes the files at `paths` that exist, in order, timed as write. A file about to
    /// be rewritten goes first: renaming over an existing file makes ext4
    /// (`auto_da_alloc`) write the new file's data out there and then, which made a
    /// re-run's write stage about twice a first run's (1.9 s against 0.9 s for 13,860
    /// files on a RAM-backed ext4); a rename onto a free name does not.
    pub fn clear(&self, paths: &[&Path], timings: &Timings) -> Result<()> {
        let start = Instant::now();
        for path in paths {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(out_error(path, e)),
                _ => {}
            }
        }
        timings.add(Stage::Write, start.elapsed());
        Ok(())
    }

    /// Temporary files of this writer's tag anywhere under the folder: a killed run's.
    fn remove_leftovers(&self) {
        let prefix = format!(".vnbrief-{}.", self.tag);
        let leftovers = walkdir::WalkDir::new(&self.root)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".tmp")));
        for entry in leftovers {
            tracing::info!("removing {}, left by a run that was stopped", entry.path().display());
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An I/O failure on the output folder, as the user can act on it: a full disk, a
/// read-only file system and a permission refusal are usage errors (exit 2) that say
/// what to do; anything else stays an I/O error.
fn out_error(path: &Path, e: std::io::Error) -> Error {
    use std::io::ErrorKind as K;
    // By kind, not errno: tempfile wraps its errors with the path, keeping only the kind.
    let fix = match e.kind() {
        K::StorageFull | K::QuotaExceeded => "the disk is full: free some space or choose another --out",
        K::ReadOnlyFilesystem => "read-only file system: choose a folder you can write to with --out",
        K::PermissionDenied => "permission denied: choose a folder you can write to with --out",
        K::NotADirectory => "a file is in the way: give --out a folder",
        _ => return Error::io(path, e),
    };
    Error::Usage(format!("{}: {fix} (nothing half written)", path.display()))
}

/// Flushes every file written under `dir` to disk: one `syncfs` for the file system
/// that holds it (a no-op where there is none).
pub fn sync_filesystem(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let handle = std::fs::File::open(dir).at(dir)?;
        // SAFETY: syncfs takes any open descriptor on the file system; `handle` is open.
        if unsafe { libc::syncfs(handle.as_raw_fd()) } != 0 {
            return Err(Error::io(dir, std::io::Error::last_os_error()));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

fn write(path: &Path, bytes: &[u8], durable: bool, tag: &str) -> Result<()> {
    write_with(path, durable, tag, |w| w.write_all(bytes)).map(|_| ())
}

/// As [`write_atomic`], the bytes streamed by `fill` (for outputs too large to hold).
pub fn write_atomic_streamed(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    write_with(path, false, "", fill).map(|_| ())
}

/// Writes what `fill` produces to a temporary file, then renames it to `path`. Returns
/// the time `fill` spent on its own, not waiting on the file system.
fn write_with(
    path: &Path,
    durable: bool,
    tag: &str,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Duration> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).at(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&if tag.is_empty() { ".vnbrief-".to_string() } else { format!(".vnbrief-{tag}.") })
        .suffix(".tmp")
        .tempfile_in(dir)
        .at(dir)?;
    let own = {
        let start = Instant::now();
        let mut w = std::io::BufWriter::with_capacity(1 << 16, Timed { inner: tmp.as_file_mut(), spent: Duration::ZERO });
        fill(&mut w).and_then(|()| w.flush()).at(path)?;
        start.elapsed().saturating_sub(w.get_ref().spent)
    };
    if durable {
        tmp.as_file().sync_data().at(path)?;
    }
    #[cfg(unix)]
    {
        // tempfile creates 0600; outputs are ordinary files.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644)).at(tmp.path())?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(own)
}

/// A writer that adds up the time its inner writer takes.
struct Timed<W> {
    inner: W,
    spent: Duration,
}

impl<W: Write> Write for Timed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let start = Instant::now();
        let n = self.inner.write(buf);
        self.spent += start.elapsed();
        n
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let start = Instant::now();
        let r = self.inner.flush();
        self.spent += start.elapsed();
        r
    }
}

/// Pretty JSON with a final newline, written atomically.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    write_atomic(path, &json_bytes(path, value)?)
}

/// As [`write_json`], synced before the rename.
pub fn write_json_durable<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    write_durable(path, &json_bytes(path, value)?)
}

/// What [`write_json`] writes to `path`.
pub fn json_bytes<T: serde::Serialize>(path: &Path, value: &T) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_json_to(&mut bytes, value).map_err(|source| Error::Json { path: path.to_path_buf(), source })?;
    Ok(bytes)
}

/// The one JSON form of every file vnbrief writes: pretty, with a final newline.
fn write_json_to<T: serde::Serialize>(w: &mut dyn Write, value: &T) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    w.write_all(b"\n").map_err(serde_json::Error::io)
}
