//! `vnbrief.toml`: which models each stage uses and how they generate. Flags override it.
//!
//! ```toml
//! [models]
//! dir = "models"                             # installed models
//! translator = "Helsinki-NLP/opus-mt-vi-en"  # a folder, ORG/NAME in the HF cache, or "none"
//! summarizer = "models/my-bart"
//!
//! [translate]
//! beams = 4
//! max_length = 256
//! batch_size = 16
//!
//! [summarize]
//! beams = 4
//! min_length = 20
//! max_length = 142
//!
//! [memory]
//! limit_mb = 8000       # refuse models that need more to load (default: free memory)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, IoContext, Result};

/// The file read when no `--config` is given, from the working directory.
pub const DEFAULT_FILE: &str = "vnbrief.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub models: ModelsSection,
    #[serde(default)]
    pub translate: GenerateSection,
    #[serde(default)]
    pub summarize: GenerateSection,
    #[serde(default)]
    pub memory: MemorySection,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelsSection {
    pub dir: Option<PathBuf>,
    pub translator: Option<String>,
    pub summarizer: Option<String>,
}

/// Generation settings; unset ones come from the model's `config.json`, then defaults.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GenerateSection {
    pub beams: Option<i64>,
    pub min_length: Option<i64>,
    pub max_length: Option<i64>,
    /// Sentences per batch (translation).
    pub batch_size: Option<usize>,
    /// Input tokens per chunk (summarization; default: the model's position limit).
    pub max_input_tokens: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemorySection {
    pub limit_mb: Option<u64>,
}

impl Config {
    /// Reads `path`, or `./vnbrief.toml` when it exists, else the defaults.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None => {
                let p = PathBuf::from(DEFAULT_FILE);
                if !p.is_file() {
                    return Ok(Config::default());
                }
                p
            }
        };
        let text = std::fs::read_to_string(&path).at(&path)?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            // toml's message spans lines; the first names the problem.
            let msg = e.message().lines().next().unwrap_or("invalid").to_string();
            Error::Usage(format!("{}: {msg}", path.display()))
        })?;
        // Relative folders in the file are relative to the file.
        let base = path.parent().unwrap_or(Path::new("."));
        if let Some(d) = &config.models.dir {
            if d.is_relative() {
                config.models.dir = Some(base.join(d));
            }
        }
        for m in [&mut config.models.translator, &mut config.models.summarizer].into_iter().flatten() {
            let p = base.join(m.as_str());
            if Path::new(m.as_str()).is_relative() && p.is_dir() {
                *m = p.display().to_string();
            }
        }
        Ok(config)
    }

    /// The memory a model may take to load: the configured limit, else what is free.
    pub fn memory_limit(&self) -> u64 {
        match self.memory.limit_mb {
            Some(mb) => mb << 20,
            None => available_memory().unwrap_or(u64::MAX),
        }
    }
}

/// Free memory as the kernel estimates it (`MemAvailable`).
pub fn available_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sections_and_rejects_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vnbrief.toml");
        std::fs::create_dir(dir.path().join("mt")).unwrap();
        std::fs::write(&path, "[models]\ntranslator = \"mt\"\nsummarizer = \"none\"\n[translate]\nbeams = 2\n[memory]\nlimit_mb = 64\n").unwrap();
        let c = Config::load(Some(&path)).unwrap();
        assert_eq!(c.models.translator.as_deref(), Some(dir.path().join("mt").to_str().unwrap()));
        assert_eq!(c.models.summarizer.as_deref(), Some("none"));
        assert_eq!(c.translate.beams, Some(2));
        assert_eq!(c.memory_limit(), 64 << 20);

        std::fs::write(&path, "[translate]\nbeam = 2\n").unwrap();
        let err = Config::load(Some(&path)).unwrap_err().to_string();
        assert!(err.starts_with(&path.display().to_string()) && err.contains("beam"), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }
}
