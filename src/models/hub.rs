//! Where each stage's model comes from, and `vnbrief models list / import / pull`.
//!
//! A stage's model is, in order: the one named by a flag or `vnbrief.toml` (a folder,
//! or `ORG/NAME` looked up in the Hugging Face cache, or `none`); the one installed
//! under the models directory (`translator/`, `summarizer/`); a known model in the
//! Hugging Face cache (`$HF_HUB_CACHE`, `$HF_HOME/hub`, `~/.cache/huggingface/hub`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::seq2seq::{Arch, Seq2SeqFolder};
use crate::error::{Error, IoContext, Result};

/// The pipeline's model-backed stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

    pub fn parse(s: &str) -> std::result::Result<Stage, String> {
        Stage::ALL
            .into_iter()
            .find(|st| st.name() == s)
            .ok_or_else(|| format!("unknown stage {s:?} (classifier, translator, summarizer)"))
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
    /// Found in the Hugging Face cache.
    Cached(PathBuf),
    /// Switched off, or nothing found.
    None,
}

impl Choice {
    pub fn path(&self) -> Option<&Path> {
        match self {
            Choice::Named(p) | Choice::Installed(p) | Choice::Cached(p) => Some(p),
            Choice::None => None,
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
        Stage::Classifier => models_dir.join(crate::classify::CLASSIFIER_DIR),
        _ => models_dir.join(stage.name()),
    }
}

/// Resolves a seq2seq stage's model. `named` is the flag or config value: a folder,
/// `ORG/NAME` in the Hugging Face cache, or `none`.
pub fn choose(stage: Stage, named: Option<&str>, models_dir: &Path) -> Result<Choice> {
    if let Some(spec) = named.map(str::trim).filter(|s| !s.is_empty()) {
        // "rules" names the built-in translator: no model.
        if spec == "none" || (matches!(stage, Stage::Translator) && spec == "rules") {
            return Ok(Choice::None);
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
    if let Some(cache) = hf_cache_dir() {
        if let Some(first) = cached_candidates(&cache, stage).into_iter().next() {
            return Ok(Choice::Cached(first));
        }
    }
    Ok(Choice::None)
}

/// One line of `vnbrief models list`.
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    pub stage: Stage,
    pub installed: bool,
    /// "named", "installed", "hf-cache", or "none".
    pub source: String,
    pub model: Option<String>,
    pub path: Option<String>,
    pub bytes: Option<u64>,
    /// sha256 of the weights file(s).
    pub sha256: Option<String>,
    /// Why the stage is not usable, when it is not.
    pub problem: Option<String>,
}

/// Lists every stage: what would be used, from where, its size and checksum.
pub fn list(models_dir: &Path, named: &dyn Fn(Stage) -> Option<String>) -> Vec<Listing> {
    Stage::ALL
        .into_iter()
        .map(|stage| {
            let mut l = Listing {
                stage,
                installed: false,
                source: "none".into(),
                model: None,
                path: None,
                bytes: None,
                sha256: None,
                problem: None,
            };
            if stage == Stage::Classifier {
                let head = installed_dir(models_dir, stage);
                let encoder = models_dir.join(crate::classify::ENCODER_DIR);
                let weights = [encoder.join("model.safetensors"), head.join(crate::classify::head::WEIGHTS_FILE)];
                l.path = Some(format!("{} + {}", encoder.display(), head.display()));
                l.model = Some(format!("{} + vnbrief head", crate::classify::ENCODER_DIR));
                match crate::classify::Classifier::check_files(models_dir) {
                    Ok(()) => {
                        l.installed = true;
                        l.source = "installed".into();
                        l.bytes = Some(weights.iter().map(|w| dir_size(w.parent().unwrap_or(w))).sum());
                        l.sha256 = checksum(&weights).ok();
                    }
                    Err(e) => l.problem = Some(e.to_string()),
                }
                return l;
            }
            let choice = match choose(stage, named(stage).as_deref(), models_dir) {
                Ok(c) => c,
                Err(e) => {
                    l.problem = Some(e.to_string());
                    return l;
                }
            };
            l.source = match &choice {
                Choice::Named(_) => "named",
                Choice::Installed(_) => "installed",
                Choice::Cached(_) => "hf-cache",
                Choice::None => "none",
            }
            .into();
            let Some(dir) = choice.path() else { return l };
            l.path = Some(dir.display().to_string());
            l.bytes = Some(dir_size(dir));
            match Seq2SeqFolder::open(dir, stage.arch().unwrap_or(Arch::Marian)) {
                Ok(folder) => {
                    l.installed = true;
                    l.model = Some(folder.name());
                    l.sha256 = checksum(&[folder.weights.clone()]).ok();
                }
                Err(e) => l.problem = Some(e.to_string()),
            }
            l
        })
        .collect()
}

/// The table `vnbrief models list` prints.
pub fn render_list(rows: &[Listing]) -> String {
    let mut out = format!("{:<11} {:<13} {:<10} {:>9}  {:<16}  {}\n", "stage", "status", "source", "size", "sha256", "model (path)");
    for r in rows {
        let status = if r.installed { "installed" } else { "not installed" };
        let size = r.bytes.map(human_size).unwrap_or_else(|| "-".into());
        let sum = r.sha256.as_deref().map(|s| &s[..16.min(s.len())]).unwrap_or("-");
        let what = match (&r.model, &r.path) {
            (Some(m), Some(p)) => format!("{m} ({p})"),
            (None, Some(p)) => p.clone(),
            _ => fallback_note(r.stage).to_string(),
        };
        out.push_str(&format!("{:<11} {:<13} {:<10} {:>9}  {:<16}  {}\n", r.stage.name(), status, r.source, size, sum, what));
        if let Some(p) = &r.problem {
            out.push_str(&format!("{:<11} problem: {p}\n", ""));
        }
    }
    out
}

fn fallback_note(stage: Stage) -> &'static str {
    match stage {
        Stage::Classifier => "run scripts/setup.sh",
        Stage::Translator => "none: briefings are written through the termbase",
        Stage::Summarizer => "none: the summary is the data-to-text one",
    }
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

/// Total size of the files in a folder (following the cache's symlinks).
pub fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// sha256 over the files' contents in order.
pub fn checksum(files: &[PathBuf]) -> Result<String> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    for f in files {
        let mut file = std::fs::File::open(f).at(f)?;
        loop {
            let n = file.read(&mut buf).at(f)?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
        }
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Installs the model folder `src` as `stage` under the models directory: checks it,
/// copies it beside the destination, then swaps it in, so that a failed import leaves
/// the previous model in place. Returns the installed folder.
pub fn import(src: &Path, stage: Stage, models_dir: &Path) -> Result<PathBuf> {
    let files: Vec<PathBuf> = match stage.arch() {
        Some(arch) => {
            let folder = Seq2SeqFolder::open(src, arch)?;
            let mut f: Vec<PathBuf> = vec![src.join("config.json"), folder.weights.clone()];
            f.extend(arch.tokenizer_files().iter().map(|n| src.join(n)));
            f.extend(OPTIONAL_FILES.iter().map(|n| src.join(n)).filter(|p| p.is_file()));
            f
        }
        None => {
            crate::classify::head::Head::load(src)?;
            vec![src.join(crate::classify::head::META_FILE), src.join(crate::classify::head::WEIGHTS_FILE)]
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
        "sha256": checksum(&files[1..2])?,
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
const OPTIONAL_FILES: &[&str] = &["generation_config.json", "tokenizer_config.json", "special_tokens_map.json", "README.md"];

/// The hub's address: `$HF_ENDPOINT`, else huggingface.co.
pub fn hub_endpoint() -> String {
    std::env::var("HF_ENDPOINT")
        .ok()
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "https://huggingface.co".into())
        .trim_end_matches('/')
        .to_string()
}

/// Downloads `repo` (`ORG/NAME`) at `revision` from the hub into a temporary folder
/// under the models directory, with a progress bar, then imports it as `stage`.
pub fn pull(repo: &str, revision: &str, stage: Stage, models_dir: &Path, quiet: bool) -> Result<PathBuf> {
    if repo.split('/').count() != 2 || repo.split('/').any(str::is_empty) {
        return Err(Error::Usage(format!("{repo:?} is not a Hugging Face model id (ORG/NAME)")));
    }
    let endpoint = hub_endpoint();
    let agent = ureq::AgentBuilder::new().timeout_connect(std::time::Duration::from_secs(15)).build();
    let token = std::env::var("HF_TOKEN").ok().filter(|t| !t.is_empty());
    let get = |url: &str| {
        let mut req = agent.get(url);
        if let Some(t) = &token {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        req.call().map_err(|e| match e {
            ureq::Error::Status(code, _) => Error::Runtime(format!("{url}: the hub answered HTTP {code} (is {repo:?} a public model?)")),
            ureq::Error::Transport(t) => Error::Runtime(format!(
                "cannot reach the Hugging Face hub at {endpoint} ({}); download the folder elsewhere and run `vnbrief models import DIR --as {}`",
                t.kind(),
                stage.name()
            )),
        })
    };
    let info: serde_json::Value = get(&format!("{endpoint}/api/models/{repo}/revision/{revision}"))?
        .into_json()
        .map_err(|e| Error::Runtime(format!("{endpoint}: unreadable model info for {repo}: {e}")))?;
    let available: Vec<String> = info
        .get("siblings")
        .and_then(|s| s.as_array())
        .map(|a| a.iter().filter_map(|f| f.get("rfilename")?.as_str().map(String::from)).collect())
        .unwrap_or_default();
    let wanted = files_to_pull(stage, &available).map_err(|m| Error::Usage(format!("{repo}: {m}")))?;
    std::fs::create_dir_all(models_dir).at(models_dir)?;
    let tmp = tempfile::Builder::new().prefix(".pull-").tempdir_in(models_dir).at(models_dir)?;
    for name in &wanted {
        let url = format!("{endpoint}/{repo}/resolve/{revision}/{name}");
        let resp = get(&url)?;
        let total = resp.header("Content-Length").and_then(|l| l.parse::<u64>().ok());
        let bar = if quiet { indicatif::ProgressBar::hidden() } else { download_bar(total, name) };
        let path = tmp.path().join(name);
        let mut out = std::fs::File::create(&path).at(&path)?;
        let mut reader = bar.wrap_read(resp.into_reader());
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = reader.read(&mut buf).map_err(|e| Error::Runtime(format!("{url}: download interrupted: {e}")))?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n]).at(&path)?;
        }
        bar.finish_and_clear();
        if let Some(t) = total {
            let got = std::fs::metadata(&path).at(&path)?.len();
            if got != t {
                return Err(Error::Runtime(format!("{url}: got {got} of {t} bytes")));
            }
        }
    }
    import(tmp.path(), stage, models_dir)
}

/// The files of a hub repository a stage needs: config, the preferred weights, tokenizer.
fn files_to_pull(stage: Stage, available: &[String]) -> std::result::Result<Vec<String>, String> {
    let has = |f: &str| available.iter().any(|a| a == f);
    let mut out = vec!["config.json".to_string()];
    match stage.arch() {
        Some(arch) => {
            let weights = super::WEIGHT_FILES
                .iter()
                .find(|w| has(w))
                .ok_or_else(|| format!("no weights file among {}", super::WEIGHT_FILES.join(", ")))?;
            out.push(weights.to_string());
            out.extend(arch.tokenizer_files().iter().map(|s| s.to_string()));
            out.extend(OPTIONAL_FILES.iter().filter(|f| has(f)).map(|s| s.to_string()));
        }
        None => return Err("the classifier is trained here (`vnbrief train`), not pulled".into()),
    }
    if let Some(missing) = out.iter().find(|f| !has(f)) {
        return Err(format!("the repository has no {missing}"));
    }
    Ok(out)
}

fn download_bar(total: Option<u64>, name: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => indicatif::ProgressBar::new(t),
        None => indicatif::ProgressBar::new_spinner(),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg:24} {bar:30} {bytes}/{total_bytes} {bytes_per_sec}") {
        bar.set_style(style);
    }
    bar.set_message(name.to_string());
    bar
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
