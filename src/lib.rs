//! vnbrief: English briefings and structured facts from Vietnamese provincial reports.
//!
//! The pipeline's stages, each its own module, over one [`document::Document`]:
//!
//! 1. [`ingest`]: files under a directory → decoded NFC text with paragraphs;
//! 2. [`segment`]: paragraphs → sentences with character offsets;
//! 3. [`pipeline`]: runs the stages over a directory and writes the outputs
//!    ([`output`] makes every write atomic);
//! 4. [`eval`]: scores the stages against labeled [`samples`].

pub mod brief;
pub mod classify;
pub mod config;
pub mod db;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod hash;
pub mod metrics;
pub mod ingest;
pub mod lock;
pub mod models;
pub mod output;
pub mod phrases;
pub mod pipeline;
pub mod rules;
pub mod runtime;
pub mod samples;
pub mod segment;
pub mod settings;
pub mod shard;
pub mod stages;
pub mod summarize;
pub mod termbase;
pub mod text;
pub mod timings;
pub mod train;
pub mod translate;

pub use document::Document;
pub use error::{Error, Result};

/// libtorch's random generator is process-global: unit tests that seed it or draw from
/// it (weight initialisation included) hold this lock so they never interleave.
#[cfg(test)]
pub(crate) static TORCH_RNG: std::sync::Mutex<()> = std::sync::Mutex::new(());
