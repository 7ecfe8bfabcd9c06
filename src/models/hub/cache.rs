//! Where a stage's model comes from: named, installed, or in the Hugging Face cache.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::models::seq2seq::Arch;

/// The pipeline's model-backed stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Classifier,
    Translator,
    Summarizer,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Classifier, Stage::Translator, Stage::Summarizer];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Classifier => "classifier",
            Stage::Translator => "translator",
            Stage::Summarizer => "summarizer",
        }
    }

    /// The architecture a seq2seq stage runs.
    pub fn arch(self) -> Option<Arch> {
        match self {
            Stage::Classifier => None,
            Stage::Translator => Some(Arch::Marian),
            Stage::Summarizer => Some(Arch::Bart),
        }
    }

    /// Hugging Face models looked for in the cache, best first.
    pub fn known_repos(self) -> &'static [&'static str] {
        match self {
            Stage::Classifier => &[],
            Stage::Translator => &["Helsinki-NLP/opus-mt-vi-en"],
            Stage::Summarizer => &["sshleifer/distilbart-cnn-12-6", "facebook/bart-large-cnn", "sshleifer/distilbart-cnn-6-6"],
        }
    }
}

/// How a stage's model was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Named explicitly (flag or config).
    Named(PathBuf),
    /// Installed under the models directory.
    Installed(PathBuf),
    /// Downloaded by `models pull` into the Hugging Face cache: the snapshot and
    /// "ORG/NAME@revision (commit …)".
    Pulled(PathBuf, String),
    /// Found in the Hugging Face cache.
    Cached(PathBuf),
    /// Switched off by name ("rules", "none").
    Off,
    /// Nothing named, installed or cached.
    None,
}

impl Choice {
    /// Why this model (or none) was chosen, for the log and index.json.
    pub fn why(&self) -> String {
        match self {
            Choice::Named(_) => "named by a flag or vnbrief.toml".into(),
            Choice::Installed(_) => "installed in the models folder".into(),
            Choice::Pulled(_, origin) => format!("pulled with `models pull` from {origin}"),
            Choice::Cached(_) => "found in the Hugging Face cache".into(),
            Choice::Off => "switched off by a flag or vnbrief.toml".into(),
            Choice::None => "none named, installed or cached".into(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Choice::Named(p) | Choice::Installed(p) | Choice::Pulled(p, _) | Choice::Cached(p) => Some(p),
            Choice::Off | Choice::None => None,
        }
    }
}

/// The Hugging Face hub cache folder.
pub fn hf_cache_dir() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(d) = var("HF_HUB_CACHE").or_else(|| var("HUGGINGFACE_HUB_CACHE")) {
        return Some(d);
    }
    if let Some(d) = var("HF_HOME") {
        return Some(d.join("hub"));
    }
    if let Some(d) = var("XDG_CACHE_HOME") {
        return Some(d.join("huggingface").join("hub"));
    }
    var("HOME").map(|h| h.join(".cache").join("huggingface").join("hub"))
}

/// The snapshot folder of `ORG/NAME` in the cache: the one `refs/main` points to, else
/// the most recently modified.
pub fn cached_snapshot(cache: &Path, repo: &str) -> Option<PathBuf> {
    let base = cache.join(format!("models--{}", repo.replace('/', "--")));
    let snapshots = base.join("snapshots");
    if let Ok(rev) = std::fs::read_to_string(base.join("refs").join("main")) {
        let dir = snapshots.join(rev.trim());
        if dir.is_dir() {
            return Some(dir);
        }
    }
    std::fs::read_dir(&snapshots)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.path())
}

/// `ORG/NAME` when `dir` is a snapshot in a Hugging Face cache.
pub fn cache_repo_id(dir: &Path) -> Option<String> {
    let snapshots = dir.parent()?;
    if snapshots.file_name()? != "snapshots" {
        return None;
    }
    let repo = snapshots.parent()?.file_name()?.to_str()?.strip_prefix("models--")?;
    Some(repo.replacen("--", "/", 1))
}

/// Every cached repository of a seq2seq stage's architecture, known ones first, then
/// others that look meant for the stage (a Marian `…vi-en`, a BART with summarization
/// settings), by name.
fn cached_candidates(cache: &Path, stage: Stage) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = stage.known_repos().iter().filter_map(|r| cached_snapshot(cache, r)).collect();
    let Some(arch) = stage.arch() else { return out };
    let mut others: Vec<(String, PathBuf)> = std::fs::read_dir(cache)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.strip_prefix("models--")?.replacen("--", "/", 1);
            if stage.known_repos().contains(&name.as_str()) {
                return None;
            }
            let snap = cached_snapshot(cache, &name)?;
            let config: serde_json::Value = serde_json::from_slice(&std::fs::read(snap.join("config.json")).ok()?).ok()?;
            let fits = config.get("model_type").and_then(|t| t.as_str()) == Some(arch.model_type())
                && match stage {
                    Stage::Translator => name.to_lowercase().ends_with("vi-en"),
                    _ => config.pointer("/task_specific_params/summarization").is_some(),
                };
            fits.then_some((name, snap))
        })
        .collect();
    others.sort();
    out.extend(others.into_iter().map(|(_, p)| p));
    out
}

/// The folder a stage's model is installed in under the models directory.
pub fn installed_dir(models_dir: &Path, stage: Stage) -> PathBuf {
    match stage {
        Stage::Classifier => models_dir.join(crate::models::CLASSIFIER_DIR),
        _ => models_dir.join(stage.name()),
    }
}

/// Resolves a seq2seq stage's model. `named` is the flag or config value: a folder,
/// `ORG/NAME` in the Hugging Face cache, or `none`.
pub fn choose(stage: Stage, named: Option<&str>, models_dir: &Path) -> Result<Choice> {
    if let Some(spec) = named.map(str::trim).filter(|s| !s.is_empty()) {
        // "rules" names the built-in translator: no model.
        if spec == "none" || (matches!(stage, Stage::Translator) && spec == "rules") {
            return Ok(Choice::Off);
        }
        let path = PathBuf::from(spec);
        if path.is_dir() {
            return Ok(Choice::Named(path));
        }
        let looks_like_repo = spec.split('/').count() == 2 && !spec.starts_with('.') && !spec.starts_with('/');
        if looks_like_repo {
            if let Some(snap) = hf_cache_dir().and_then(|c| cached_snapshot(&c, spec)) {
                return Ok(Choice::Named(snap));
            }
            return Err(Error::Usage(format!(
                "{} {spec:?}: no such folder, and not in the Hugging Face cache; run `vnbrief models pull {spec} --as {}`",
                stage.name(),
                stage.name()
            )));
        }
        return Err(Error::model(&path, format!("{} model folder not found", stage.name())));
    }
    let installed = installed_dir(models_dir, stage);
    if installed.join("config.json").is_file() {
        return Ok(Choice::Installed(installed));
    }
    if let Some(p) = super::download::pulled(models_dir, stage) {
        let origin = format!("{}@{} (commit {})", p.repo, p.revision, &p.commit[..p.commit.len().min(12)]);
        return Ok(Choice::Pulled(p.snapshot, origin));
    }
    if let Some(cache) = hf_cache_dir() {
        if let Some(first) = cached_candidates(&cache, stage).into_iter().next() {
            return Ok(Choice::Cached(first));
        }
    }
    Ok(Choice::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_follows_refs_main_and_names_the_repo() {
        let cache = tempfile::tempdir().unwrap();
        let base = cache.path().join("models--Helsinki-NLP--opus-mt-vi-en");
        std::fs::create_dir_all(base.join("snapshots/aaa")).unwrap();
        std::fs::create_dir_all(base.join("snapshots/bbb")).unwrap();
        std::fs::create_dir_all(base.join("refs")).unwrap();
        std::fs::write(base.join("refs/main"), "aaa\n").unwrap();
        let snap = cached_snapshot(cache.path(), "Helsinki-NLP/opus-mt-vi-en").unwrap();
        assert_eq!(snap, base.join("snapshots/aaa"));
        assert_eq!(cache_repo_id(&snap).as_deref(), Some("Helsinki-NLP/opus-mt-vi-en"));
        assert_eq!(cached_snapshot(cache.path(), "other/model"), None);
    }
}
