//! `vnbrief models list`: every stage's model, where it is, its size and checksum.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::cache::{choose, installed_dir, Choice, Stage};
use super::HeadCheck;
use crate::error::{IoContext, Result};
use crate::models::seq2seq::{Arch, Seq2SeqFolder};

/// One line of `vnbrief models list`.
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    pub stage: Stage,
    pub installed: bool,
    /// "named", "installed", "pulled", "hf-cache", "off" (switched off by name) or "none".
    pub source: String,
    pub model: Option<String>,
    pub path: Option<String>,
    pub bytes: Option<u64>,
    /// sha256 of the weights file(s).
    pub sha256: Option<String>,
    /// Why the stage is not usable, when it is not.
    pub problem: Option<String>,
    /// Other facts about the model (the classifier's int8 check).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Lists every stage: what would be used, from where, its size and checksum.
pub fn list(models_dir: &Path, named: &dyn Fn(Stage) -> Option<String>, check_head: HeadCheck<'_>) -> Vec<Listing> {
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
                notes: Vec::new(),
            };
            if stage == Stage::Classifier {
                let head = installed_dir(models_dir, stage);
                let encoder = models_dir.join(crate::models::ENCODER_DIR);
                l.path = Some(format!("{} + {}", encoder.display(), head.display()));
                l.model = Some(format!("{} + vnbrief head", crate::models::ENCODER_DIR));
                let checked = check_head(&head).and_then(|checked| {
                    crate::models::require(&encoder, "config.json", "run scripts/setup.sh")?;
                    crate::models::require(&encoder, "tokenizer.json", "run scripts/setup.sh")?;
                    let weights = crate::models::weights_file(&encoder, "run scripts/setup.sh")?;
                    Ok((weights, checked))
                });
                match checked {
                    Ok((encoder_weights, checked)) => {
                        l.notes = checked.notes;
                        let head_files = checked.files;
                        // The checksum covers the encoder's weights and the head's weights.
                        let weights: Vec<PathBuf> =
                            std::iter::once(encoder_weights).chain(head_files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "safetensors"))).collect();
                        l.installed = true;
                        l.source = "installed".into();
                        l.bytes = Some(dir_size(&encoder) + dir_size(&head));
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
                Choice::Pulled(..) => "pulled",
                Choice::Cached(_) => "hf-cache",
                Choice::Off => "off",
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
                    l.sha256 = checksum(std::slice::from_ref(&folder.weights)).ok();
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
        for note in &r.notes {
            out.push_str(&format!("{:<11} {note}\n", ""));
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
