//! Writing outputs so that an interrupted run never leaves a half-written file:
//! everything goes to a temporary file in the target folder, then is renamed.
//!
//! Per-document files are not synced one by one (a sync per file was 30% of a
//! rules-only run): a killed process cannot leave them half written, and `run` syncs the
//! whole file system once ([`sync_filesystem`]) before it writes `index.json` with
//! [`write_durable`], so a run whose index is on disk has every output on disk too.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, IoContext, Result};

/// Writes `bytes` to `path` atomically (temp file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write(path, bytes, false)
}

/// As [`write_atomic`], and on disk before the rename (the file that commits a run).
pub fn write_durable(path: &Path, bytes: &[u8]) -> Result<()> {
    write(path, bytes, true)
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

fn write(path: &Path, bytes: &[u8], durable: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).at(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".vnbrief-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .at(dir)?;
    tmp.write_all(bytes).at(tmp.path())?;
    if durable {
        tmp.as_file().sync_data().at(tmp.path())?;
    }
    #[cfg(unix)]
    {
        // tempfile creates 0600; outputs are ordinary files.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644)).at(tmp.path())?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
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
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|source| Error::Json {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}
