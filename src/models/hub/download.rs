//! `vnbrief models pull`: downloads a model into the Hugging Face cache (hf-hub) and
//! records it for its stage.

use std::path::{Path, PathBuf};

use super::cache::Stage;
use super::HeadCheck;
use crate::error::{Error, IoContext, Result};

/// The hub's address: `$HF_ENDPOINT`, else huggingface.co.
pub fn hub_endpoint() -> String {
    std::env::var("HF_ENDPOINT")
        .ok()
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "https://huggingface.co".into())
        .trim_end_matches('/')
        .to_string()
}

/// `HF_HUB_OFFLINE` set to a true value, as huggingface_hub reads it.
pub fn offline() -> bool {
    std::env::var("HF_HUB_OFFLINE").is_ok_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"))
}

/// The hub token: `$HF_TOKEN`, else the token file `huggingface-cli login` writes
/// (`$HF_TOKEN_PATH`, else `$HF_HOME/token`, else `~/.cache/huggingface/token`).
pub fn hub_token() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    if let Some(t) = var("HF_TOKEN") {
        return Some(t.trim().to_string());
    }
    let file = var("HF_TOKEN_PATH").map(PathBuf::from).or_else(|| {
        var("HF_HOME")
            .map(|h| PathBuf::from(h).join("token"))
            .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache/huggingface/token")))
    })?;
    std::fs::read_to_string(file).ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// What `models pull` recorded for a stage: the repository, the revision asked for, the
/// commit it resolved to and the snapshot folder in the Hugging Face cache.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pulled {
    pub repo: String,
    pub revision: String,
    pub commit: String,
    pub snapshot: PathBuf,
}

/// The record of pulled models, per stage, in the models folder.
pub const PULLED_FILE: &str = "pulled.json";

/// The pulled model recorded for `stage`, when its snapshot is still in the cache.
pub fn pulled(models_dir: &Path, stage: Stage) -> Option<Pulled> {
    let all: std::collections::BTreeMap<String, Pulled> = serde_json::from_slice(&std::fs::read(models_dir.join(PULLED_FILE)).ok()?).ok()?;
    all.get(stage.name()).filter(|p| p.snapshot.join("config.json").is_file()).cloned()
}

/// Downloads the files `stage` needs of `repo` at `revision` into the Hugging Face cache
/// (`$HF_HUB_CACHE`, `$HF_HOME/hub`, …; files already there are not fetched again),
/// checks the snapshot loads, and records it in `models_dir/pulled.json`, which `run`
/// then uses for the stage. Returns the snapshot folder.
pub fn pull(repo: &str, revision: &str, stage: Stage, models_dir: &Path, quiet: bool, check_head: HeadCheck<'_>) -> Result<PathBuf> {
    let _ = check_head; // the classifier is trained here, never pulled (files_to_pull says so)
    if repo.split('/').count() != 2 || repo.split('/').any(str::is_empty) {
        return Err(Error::Usage(format!("{repo:?} is not a Hugging Face model id (ORG/NAME)")));
    }
    if offline() {
        return Err(Error::Runtime(format!(
            "HF_HUB_OFFLINE is set: not downloading {repo}; unset it, or install a folder with `vnbrief models import DIR --as {}`",
            stage.name()
        )));
    }
    let cache = super::hf_cache_dir().ok_or_else(|| Error::Usage("no Hugging Face cache folder: set HF_HOME or HF_HUB_CACHE".into()))?;
    let endpoint = hub_endpoint();
    let progress = !quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let api = hf_hub::api::sync::ApiBuilder::new()
        .with_endpoint(endpoint.clone())
        .with_cache_dir(cache.clone())
        .with_token(hub_token())
        .with_progress(progress)
        .build()
        .map_err(|e| Error::Runtime(format!("cannot set up the hub client: {e}")))?;
    let remote = api.repo(hf_hub::Repo::with_revision(repo.to_string(), hf_hub::RepoType::Model, revision.to_string()));
    let hub_error = |what: &str, e: hf_hub::api::sync::ApiError| -> Error {
        use hf_hub::api::sync::ApiError;
        match e {
            ApiError::RequestError(e) => match *e {
                ureq::Error::Status(code, _) => {
                    Error::Runtime(format!("{endpoint}: {what}: the hub answered HTTP {code} (is {repo:?} a public model, and {revision:?} one of its revisions?)"))
                }
                ureq::Error::Transport(t) => Error::Runtime(format!(
                    "cannot reach the Hugging Face hub at {endpoint} ({}); download the folder elsewhere and run `vnbrief models import DIR --as {}`",
                    t.kind(),
                    stage.name()
                )),
            },
            other => Error::Runtime(format!("{endpoint}: {what}: {other}")),
        }
    };
    let info = remote.info().map_err(|e| hub_error(&format!("model info of {repo}"), e))?;
    let available: Vec<String> = info.siblings.iter().map(|s| s.rfilename.clone()).collect();
    let wanted = files_to_pull(stage, &available).map_err(|m| Error::Usage(format!("{repo}: {m}")))?;
    let mut snapshot = None;
    for name in &wanted {
        let path = remote.get(name).map_err(|e| hub_error(name, e))?;
        snapshot = path.parent().map(Path::to_path_buf);
    }
    let snapshot = snapshot.ok_or_else(|| Error::Runtime(format!("{repo}: nothing downloaded")))?;
    if let Some(arch) = stage.arch() {
        crate::models::seq2seq::Seq2SeqFolder::open(&snapshot, arch)?;
    }
    let commit = snapshot.file_name().map(|c| c.to_string_lossy().into_owned()).unwrap_or_default();
    record(models_dir, stage, Pulled { repo: repo.into(), revision: revision.into(), commit, snapshot: snapshot.clone() })?;
    Ok(snapshot)
}

/// Adds `pulled` to the models folder's record, replacing the stage's earlier one.
fn record(models_dir: &Path, stage: Stage, pulled: Pulled) -> Result<()> {
    std::fs::create_dir_all(models_dir).at(models_dir)?;
    let path = models_dir.join(PULLED_FILE);
    let mut all: std::collections::BTreeMap<String, Pulled> =
        std::fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    all.insert(stage.name().to_string(), pulled);
    crate::output::write_json(&path, &all)
}

/// The files of a hub repository a stage needs: config, the preferred weights, tokenizer.
fn files_to_pull(stage: Stage, available: &[String]) -> std::result::Result<Vec<String>, String> {
    let has = |f: &str| available.iter().any(|a| a == f);
    let mut out = vec!["config.json".to_string()];
    match stage.arch() {
        Some(arch) => {
            let weights = crate::models::WEIGHT_FILES
                .iter()
                .find(|w| has(w))
                .ok_or_else(|| format!("no weights file among {}", crate::models::WEIGHT_FILES.join(", ")))?;
            out.push(weights.to_string());
            out.extend(arch.tokenizer_files().iter().map(|s| s.to_string()));
            out.extend(super::import::OPTIONAL_FILES.iter().filter(|f| has(f)).map(|s| s.to_string()));
        }
        None => return Err("the classifier is trained here (`vnbrief train`), not pulled".into()),
    }
    if let Some(missing) = out.iter().find(|f| !has(f)) {
        return Err(format!("the repository has no {missing}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_picks_preferred_weights_and_names_what_is_missing() {
        let files: Vec<String> = ["config.json", "pytorch_model.bin", "model.safetensors", "vocab.json", "merges.txt", "README.md"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let got = files_to_pull(Stage::Summarizer, &files).unwrap();
        assert_eq!(got, ["config.json", "model.safetensors", "vocab.json", "merges.txt", "README.md"]);
        let err = files_to_pull(Stage::Translator, &files).unwrap_err();
        assert_eq!(err, "the repository has no source.spm");
    }
}
