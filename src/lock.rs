//! One writer per output folder (per shard): a lock file in the folder, held with
//! `flock(2)` for the life of the process and naming its holder (pid, host, start).
//!
//! The kernel releases a `flock` when its process dies, however it dies, so a lock left
//! behind by a killed run is simply taken over: the file's text is only there to tell a
//! second run who holds the folder. On NFS, Linux maps `flock` to NFS locks, which the
//! server releases when the client's lease ends. A file system without locks (some FUSE
//! mounts of buckets) is reported with a warning and the run goes on unguarded.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A held lock; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
    /// Keeps the `flock`; `None` where the file system has no locks.
    file: Option<File>,
}

/// Why a lock was not taken.
#[derive(Debug)]
pub enum Refused {
    /// Another live process holds it; the text says who.
    Held { holder: String },
    Io(std::io::Error),
}

impl OutputLock {
    /// Takes the lock `name` (e.g. `run`, `shard-2-of-7`) in `dir`, or fails at once
    /// with a message that names the holder.
    pub fn acquire(dir: &Path, name: &str) -> Result<OutputLock> {
        let path = lock_path(dir, name);
        match OutputLock::try_acquire(&path) {
            Ok(lock) => Ok(lock),
            Err(Refused::Held { holder }) => Err(Error::Runtime(format!(
                "{}: another vnbrief is writing here ({holder}; lock {}): wait for it to finish, or use another --out",
                dir.display(),
                path.display()
            ))),
            Err(Refused::Io(e)) => Err(Error::io(&path, e)),
        }
    }

    /// Is the lock `name` in `dir` held by a live process? Its holder if so.
    pub fn holder(dir: &Path, name: &str) -> Option<String> {
        match OutputLock::try_acquire(&lock_path(dir, name)) {
            Err(Refused::Held { holder }) => Some(holder),
            _ => None,
        }
    }

    fn try_acquire(path: &Path) -> std::result::Result<OutputLock, Refused> {
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(Refused::Io)?;
            match flock_exclusive(&file) {
                Ok(true) => {}
                Ok(false) => {
                    let mut text = String::new();
                    let _ = file.read_to_string(&mut text);
                    let holder = match text.trim() {
                        "" => "a process that is starting".to_string(),
                        t => t.to_string(),
                    };
                    return Err(Refused::Held { holder });
                }
                Err(e) if locks_unsupported(&e) => {
                    tracing::warn!(
                        "{}: this file system has no file locks; make sure no other vnbrief writes here",
                        path.display()
                    );
                    write_holder(&mut file).map_err(Refused::Io)?;
                    return Ok(OutputLock { path: path.to_path_buf(), file: None });
                }
                Err(e) => return Err(Refused::Io(e)),
            }
            // The holder we waited on may have removed the file between our open and our
            // lock: then we hold a lock on a deleted file and must start again.
            if !same_file(&file, path) {
                continue;
            }
            write_holder(&mut file).map_err(Refused::Io)?;
            return Ok(OutputLock { path: path.to_path_buf(), file: Some(file) });
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so no one can take the lock on the file we remove.
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

fn lock_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".vnbrief-{name}.lock"))
}

/// "pid 1234 on host node-7, since 2026-12-04 15:02:11 UTC"
fn write_holder(file: &mut File) -> std::io::Result<()> {
    let text = format!("pid {} on host {}, since {}\n", std::process::id(), hostname(), utc_now());
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(text.as_bytes())?;
    file.flush()
}

pub fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most buf.len() bytes into buf.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "unknown".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// The current time as "YYYY-MM-DD HH:MM:SS UTC" (civil-from-days, no date crate).
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// `Ok(false)` when another process holds the lock.
fn flock_exclusive(file: &File) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on an open descriptor.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(true);
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EWOULDBLOCK) => Ok(false),
        _ => Err(err),
    }
}

fn locks_unsupported(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ENOLCK) | Some(libc::EOPNOTSUPP) | Some(libc::ENOSYS))
}

fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_and_told_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputLock::acquire(dir.path(), "run").unwrap();
        let err = OutputLock::acquire(dir.path(), "run").unwrap_err().to_string();
        assert!(err.contains(&format!("pid {}", std::process::id())), "{err}");
        assert!(err.contains(&hostname()), "{err}");
        // Another shard's lock is another lock.
        let other = OutputLock::acquire(dir.path(), "shard-1-of-3").unwrap();
        assert!(OutputLock::holder(dir.path(), "shard-1-of-3").is_some());
        drop(other);
        assert!(OutputLock::holder(dir.path(), "shard-1-of-3").is_none());
        drop(first);
        assert!(!dir.path().join(".vnbrief-run.lock").exists());
        OutputLock::acquire(dir.path(), "run").unwrap();
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".vnbrief-run.lock"), "pid 999999 on host gone, since 2020-01-01 00:00:00 UTC\n").unwrap();
        let _lock = OutputLock::acquire(dir.path(), "run").unwrap();
        let text = std::fs::read_to_string(dir.path().join(".vnbrief-run.lock")).unwrap();
        assert!(text.starts_with(&format!("pid {} on host", std::process::id())), "{text}");
    }

    #[test]
    fn utc_dates() {
        let now = utc_now();
        assert_eq!(now.len(), "2026-12-04 15:02:11 UTC".len(), "{now}");
        assert!(now.starts_with("20"), "{now}");
    }
}
