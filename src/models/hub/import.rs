//! `vnbrief models import`: a model folder checked, copied beside its destination and
//! swapped in, so that a failed import leaves the previous model in place.

use std::path::{Path, PathBuf};

use super::cache::{installed_dir, Stage};
use super::HeadCheck;
use crate::error::{Error, IoContext, Result};
use crate::models::seq2seq::Seq2SeqFolder;

/// Installs the model folder `src` as `stage` under the models directory: checks it,
/// copies it beside the destination, then swaps it in, so that a failed import leaves
/// the previous model in place. Returns the installed folder.
pub fn import(src: &Path, stage: Stage, models_dir: &Path, check_head: HeadCheck<'_>) -> Result<PathBuf> {
    let files: Vec<PathBuf> = match stage.arch() {
        Some(arch) => {
            let folder = Seq2SeqFolder::open(src, arch)?;
            let mut f: Vec<PathBuf> = vec![src.join("config.json"), folder.weights.clone()];
            f.extend(arch.tokenizer_files().iter().map(|n| src.join(n)));
            f.extend(OPTIONAL_FILES.iter().map(|n| src.join(n)).filter(|p| p.is_file()));
            f
        }
        None => {
            check_head(src)?.files
        }
    };
    std::fs::create_dir_all(models_dir).at(models_dir)?;
    let dest = installed_dir(models_dir, stage);
    let staging = tempfile::Builder::new()
        .prefix(&format!(".import-{}-", stage.name()))
        .tempdir_in(models_dir)
        .at(models_dir)?;
    for f in &files {
        let name = f.file_name().ok_or_else(|| Error::model(f, "not a file"))?;
        std::fs::copy(f, staging.path().join(name)).at(f)?;
    }
    let provenance = serde_json::json!({
        "stage": stage.name(),
        "imported_from": src.canonicalize().unwrap_or_else(|_| src.to_path_buf()).display().to_string(),
        "sha256": super::checksum(&files[1..2])?,
    });
    crate::output::write_json(&staging.path().join(PROVENANCE_FILE), &provenance)?;
    let staged = staging.keep();
    let old = models_dir.join(format!(".old-{}", stage.name()));
    let _ = std::fs::remove_dir_all(&old);
    if dest.exists() {
        std::fs::rename(&dest, &old).at(&dest)?;
    }
    if let Err(e) = std::fs::rename(&staged, &dest) {
        let _ = std::fs::rename(&old, &dest);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(&dest, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(dest)
}

/// Written beside an imported model: where it came from.
pub const PROVENANCE_FILE: &str = "vnbrief-model.json";

/// Files copied along when present.
pub(super) const OPTIONAL_FILES: &[&str] = &["generation_config.json", "tokenizer_config.json", "special_tokens_map.json", "README.md"];
