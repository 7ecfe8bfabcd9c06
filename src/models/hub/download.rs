//! `vnbrief models pull`: downloads a model from the Hugging Face hub and imports it.

use std::io::{Read, Write};
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

/// Downloads `repo` (`ORG/NAME`) at `revision` from the hub into a temporary folder
/// under the models directory, with a progress bar, then imports it as `stage`.
pub fn pull(repo: &str, revision: &str, stage: Stage, models_dir: &Path, quiet: bool, check_head: HeadCheck<'_>) -> Result<PathBuf> {
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
    super::import(tmp.path(), stage, models_dir, check_head)
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
