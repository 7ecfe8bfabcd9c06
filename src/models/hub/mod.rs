//! Where each stage's model comes from, and `vnbrief models list / import / pull`.
//!
//! A stage's model is, in order: the one named by a flag or `vnbrief.toml` (a folder,
//! or `ORG/NAME` looked up in the Hugging Face cache, or `none`); the one installed
//! under the models directory (`translator/`, `summarizer/`); the one `models pull`
//! downloaded into the cache (recorded in `pulled.json`); a known model in the
//! Hugging Face cache (`$HF_HUB_CACHE`, `$HF_HOME/hub`, `~/.cache/huggingface/hub`).
//!
//! - [`cache`]: the stages, the Hugging Face cache lookup and the choice of a model;
//! - [`list`]: `models list`;
//! - [`import`]: `models import`, which installs a folder atomically;
//! - [`download`]: `models pull`, which downloads into the Hugging Face cache (hf-hub).

pub mod cache;
pub mod download;
pub mod import;
pub mod list;

pub use cache::{cache_repo_id, cached_snapshot, choose, hf_cache_dir, installed_dir, Choice, Stage};
pub use download::{hub_endpoint, pull, pulled, Pulled};
pub use import::{import, PROVENANCE_FILE};
pub use list::{checksum, dir_size, list, render_list, Listing};

/// Checks a classifier head folder and returns its files and what `models list` should
/// say about it. `models` stores and lists the classifier but does not know the head's
/// format (that is `classify`'s), so the caller passes the check in.
pub type HeadCheck<'a> = &'a dyn Fn(&std::path::Path) -> crate::error::Result<CheckedHead>;

/// What a [`HeadCheck`] found.
pub struct CheckedHead {
    pub files: Vec<std::path::PathBuf>,
    /// Facts about the head worth a line in `models list` (its int8 check).
    pub notes: Vec<String>,
}
