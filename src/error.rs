//! One error type for the whole crate. Every variant carries the context a user needs
//! to act: which file, which line, what to run next.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A document could not be turned into text; the run skips it and goes on.
    #[error("{}: {reason}", path.display())]
    Ingest { path: PathBuf, reason: String },

    /// A line of a line-oriented file (labeled samples, termbase) breaks its format.
    #[error("{}:{line}: {reason}", path.display())]
    Line {
        path: PathBuf,
        line: usize,
        reason: String,
    },

    /// A JSON file we read or write is not what we expect.
    #[error("{}: invalid JSON: {source}", path.display())]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },

    /// A model file is missing or unusable.
    #[error("{}: {reason}", path.display())]
    Model { path: PathBuf, reason: String },

    /// libtorch reported an error.
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),

    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),

    /// Something failed while running (a model's forward pass, the network, a write of
    /// a report): exit code 1, where `Usage` is 2.
    #[error("{0}")]
    Runtime(String),
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    pub fn ingest(path: impl AsRef<Path>, reason: impl Into<String>) -> Self {
        Error::Ingest {
            path: path.as_ref().to_path_buf(),
            reason: reason.into(),
        }
    }

    pub fn model(path: impl AsRef<Path>, reason: impl Into<String>) -> Self {
        Error::Model {
            path: path.as_ref().to_path_buf(),
            reason: reason.into(),
        }
    }

    /// The process exit code for this error when it ends a command.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// Adds a path to `std::io::Result`s: `fs::read(p).at(p)?`.
pub trait IoContext<T> {
    fn at(self, path: impl AsRef<Path>) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at(self, path: impl AsRef<Path>) -> Result<T> {
        self.map_err(|e| Error::io(path, e))
    }
}
