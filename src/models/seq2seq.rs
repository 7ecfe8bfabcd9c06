//! Sequence-to-sequence model folders: Marian translators (the layout of
//! Helsinki-NLP/opus-mt-vi-en) and BART summarizers (sshleifer/distilbart-cnn-12-6,
//! facebook/bart-large-cnn), checked and loaded for rust-bert's generators.
//!
//! rust-bert loads weights itself, strictly by name, and panics on a config it cannot
//! parse. So a folder is checked here first (files, architecture, config, memory), its
//! weights are read by our own loader (safetensors, `.bin` or `.ot`; the sinusoidal
//! position tables that recent transformers no longer saves are computed), and the
//! generator is handed the finished tensors as an in-memory archive.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use rust_bert::bart::{BartConfig, BartForConditionalGeneration};
use rust_bert::marian::MarianForConditionalGeneration;
use rust_bert::resources::{BufferResource, LocalResource};
use serde_json::Value;
use tch::{nn, Device, Tensor};

use crate::error::{Error, IoContext, Result};

/// The architectures vnbrief can run, by the stage that uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    /// Marian translation (vi→en).
    Marian,
    /// BART summarization.
    Bart,
}

impl Arch {
    /// `model_type` in `config.json`.
    pub fn model_type(self) -> &'static str {
        match self {
            Arch::Marian => "marian",
            Arch::Bart => "bart",
        }
    }

    /// Tokenizer files besides `config.json` and the weights.
    pub fn tokenizer_files(self) -> &'static [&'static str] {
        match self {
            // rust-bert encodes with source.spm and decodes through vocab.json; target.spm
            // belongs to the standard layout and is what the target side was cut with.
            Arch::Marian => &["vocab.json", "source.spm", "target.spm"],
            Arch::Bart => &["vocab.json", "merges.txt"],
        }
    }
}

/// A checked model folder, ready to load.
#[derive(Debug, Clone)]
pub struct Seq2SeqFolder {
    pub dir: PathBuf,
    pub arch: Arch,
    pub config: BartConfig,
    /// `config.json` as written, for generation settings rust-bert's config type drops.
    pub raw_config: Value,
    /// `generation_config.json`, when the folder has one (newer models keep their
    /// generation defaults there rather than in `config.json`).
    pub generation: Option<Value>,
    pub weights: PathBuf,
}

/// Loaded parts for rust-bert's generator constructors.
pub struct Loaded {
    /// The weights as a libtorch archive in memory.
    pub weights: BufferResource,
    /// `config.json` as rust-bert needs it (a temporary file).
    pub config: LocalResource,
    pub vocab: LocalResource,
    /// `source.spm` (Marian) or `merges.txt` (BART).
    pub second: LocalResource,
    /// Keeps the temporary config alive until the generator is built.
    pub _config_file: tempfile::NamedTempFile,
}

impl Seq2SeqFolder {
    /// Checks that `dir` holds a complete model of `arch`, without reading the weights.
    pub fn open(dir: &Path, arch: Arch) -> Result<Seq2SeqFolder> {
        if !dir.is_dir() {
            return Err(Error::model(dir, "model folder not found"));
        }
        let config_path = super::require(dir, "config.json", "not a Hugging Face model folder")?;
        let bytes = std::fs::read(&config_path).at(&config_path)?;
        let raw_config: Value =
            serde_json::from_slice(&bytes).map_err(|source| Error::Json { path: config_path.clone(), source })?;
        let model_type = raw_config.get("model_type").and_then(Value::as_str).unwrap_or("(none)");
        if model_type != arch.model_type() {
            return Err(Error::model(
                &config_path,
                format!("unsupported architecture {model_type:?}: this stage runs {:?} models", arch.model_type()),
            ));
        }
        let weights = super::weights_file(dir, "the folder has config.json but no weights")?;
        for file in arch.tokenizer_files() {
            super::require(dir, file, "the tokenizer is incomplete")?;
        }
        let config = parse_config(&config_path, &raw_config, arch)?;
        let generation_path = dir.join("generation_config.json");
        let generation = match std::fs::read(&generation_path) {
            Ok(bytes) => Some(serde_json::from_slice(&bytes).map_err(|source| Error::Json { path: generation_path, source })?),
            Err(_) => None,
        };
        Ok(Seq2SeqFolder { dir: dir.to_path_buf(), arch, config, raw_config, generation, weights })
    }

    /// A generation setting: the stage's `task_specific_params` entry in `config.json`
    /// first (BART summarizers keep theirs under "summarization"), then
    /// `generation_config.json`, then the top level of `config.json`.
    pub fn generation_setting(&self, task: &str, key: &str) -> Option<&Value> {
        self.raw_config
            .get("task_specific_params")
            .and_then(|t| t.get(task))
            .and_then(|t| t.get(key))
            .filter(|v| !v.is_null())
            .or_else(|| self.generation.as_ref().and_then(|g| g.get(key)).filter(|v| !v.is_null()))
            .or_else(|| self.raw_config.get(key))
            .filter(|v| !v.is_null())
    }

    /// Bytes of the model's parameters in f32, which is how it is held in memory.
    pub fn parameter_bytes(&self) -> Result<u64> {
        if self.weights.extension().is_some_and(|e| e == "safetensors") {
            let header = super::safetensors_header(&self.weights)?;
            Ok(header.iter().map(|(_, e)| e.shape.iter().product::<i64>().max(1) as u64 * 4).sum())
        } else {
            Ok(std::fs::metadata(&self.weights).at(&self.weights)?.len())
        }
    }

    /// Refuses, with the numbers, a model that would not fit in the memory available.
    /// Loading holds about three copies of the parameters at its peak (our tensors'
    /// archive, rust-bert's reading of it, and the model).
    pub fn check_memory(&self, available: u64) -> Result<()> {
        let params = self.parameter_bytes()?;
        let needed = params.saturating_mul(3);
        if needed > available {
            return Err(Error::model(
                &self.dir,
                format!(
                    "model too large for the free memory: loading needs about {} MiB ({} MiB of parameters), {} MiB available",
                    needed >> 20,
                    params >> 20,
                    available >> 20
                ),
            ));
        }
        Ok(())
    }

    /// Checks that the folder holds an `expected` model that fits in `memory_limit`,
    /// reads the weights into a fresh model and returns what rust-bert's generators
    /// load from.
    pub fn load(&self, expected: Arch, memory_limit: u64) -> Result<Loaded> {
        if self.arch != expected {
            return Err(Error::model(&self.dir, format!("expected a {} model", expected.model_type())));
        }
        self.check_memory(memory_limit)?;
        let mut vs = nn::VarStore::new(Device::Cpu);
        match self.arch {
            Arch::Marian => drop(MarianForConditionalGeneration::new(vs.root(), &self.config)),
            Arch::Bart => drop(BartForConditionalGeneration::new(vs.root(), &self.config)),
        }
        let d_model = self.config.d_model;
        let positions = |name: &str, shape: &[i64]| -> Option<Tensor> {
            // Static sinusoidal tables (Marian) are not saved by recent transformers.
            (self.arch == Arch::Marian && name.ends_with("embed_positions.weight") && shape.len() == 2 && shape[1] == d_model)
                .then(|| sinusoidal_positions(shape[0], shape[1]))
        };
        super::load_weights_with(&mut vs, &self.weights, &["model."], SHARED_ALIASES, &positions)?;
        let mut archive = Vec::new();
        vs.save_to_stream(&mut archive).map_err(|e| Error::model(&self.weights, format!("cannot stage weights: {e}")))?;
        drop(vs);

        let mut file = tempfile::Builder::new()
            .prefix("vnbrief-config-")
            .suffix(".json")
            .tempfile()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        serde_json::to_writer(file.as_file_mut(), &self.config)
            .map_err(|e| Error::model(file.path(), format!("cannot write the config: {e}")))?;
        let second = match self.arch {
            Arch::Marian => "source.spm",
            Arch::Bart => "merges.txt",
        };
        Ok(Loaded {
            weights: BufferResource { data: Arc::new(RwLock::new(archive)) },
            config: LocalResource::from(file.path().to_path_buf()),
            vocab: LocalResource::from(self.dir.join("vocab.json")),
            second: LocalResource::from(self.dir.join(second)),
            _config_file: file,
        })
    }

    /// Identifies the weights cheaply (path, size, modification time): outputs made
    /// with other weights are redone.
    pub fn fingerprint(&self) -> String {
        let meta = std::fs::metadata(&self.weights).ok();
        let size = meta.as_ref().map_or(0, |m| m.len());
        let mtime = meta
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        format!("{}:{size}:{mtime}", self.weights.display())
    }

    /// A short name for outputs: `ORG/NAME` for a Hugging Face cache snapshot, else
    /// `_name_or_path` from the config, else the folder's name.
    pub fn name(&self) -> String {
        if let Some(id) = super::hub::cache_repo_id(&self.dir) {
            return id;
        }
        if let Some(n) = self.raw_config.get("_name_or_path").and_then(Value::as_str).filter(|n| !n.is_empty()) {
            if !n.starts_with('/') && !n.starts_with('.') {
                return n.to_string();
            }
        }
        self.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "model".into())
    }
}

/// The shape of a model to build (fixtures, benchmarks).
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub vocab: i64,
    pub d_model: i64,
    pub encoder_layers: i64,
    pub decoder_layers: i64,
    pub heads: i64,
    pub ffn: i64,
    pub positions: i64,
}

/// A config for a new model of `shape` with the architecture's conventions: Marian as
/// opus-mt (`</s>` 0, `<pad>` last and the decoder start, swish, static sinusoidal
/// positions, scaled embeddings), BART as bart-large-cnn (`<s>` 0, `<pad>` 1, `</s>` 2
/// and the decoder start, `<s>` forced first, gelu, learned positions, normalised
/// embeddings). No dropout: these models are built to memorise or to be timed.
pub fn new_config(arch: Arch, shape: Shape) -> BartConfig {
    let (pad, bos, eos, start, forced_bos, activation, static_positions, scale) = match arch {
        Arch::Marian => (shape.vocab - 1, 0, 0, shape.vocab - 1, None, "swish", true, true),
        Arch::Bart => (1, 0, 2, 2, Some(0), "gelu", false, false),
    };
    let v = serde_json::json!({
        "activation_function": activation, "activation_dropout": 0.0, "attention_dropout": 0.0, "dropout": 0.0,
        "d_model": shape.d_model, "encoder_layers": shape.encoder_layers, "decoder_layers": shape.decoder_layers,
        "num_hidden_layers": shape.encoder_layers, "encoder_attention_heads": shape.heads,
        "decoder_attention_heads": shape.heads, "encoder_ffn_dim": shape.ffn, "decoder_ffn_dim": shape.ffn,
        "encoder_layerdrop": 0.0, "decoder_layerdrop": 0.0, "init_std": 0.02, "is_encoder_decoder": true,
        "max_position_embeddings": shape.positions, "vocab_size": shape.vocab,
        "pad_token_id": pad, "bos_token_id": bos, "eos_token_id": eos, "decoder_start_token_id": start,
        "forced_bos_token_id": forced_bos, "forced_eos_token_id": eos,
        "static_position_embeddings": static_positions, "normalize_embedding": !static_positions,
        "scale_embedding": scale,
    });
    // Every key is one BartConfig has, with the right type.
    serde_json::from_value(v).unwrap_or_else(|e| unreachable!("a fixed BART config: {e}"))
}

/// Frees the staged archive once the generator has copied it.
pub fn release(buffer: &Arc<RwLock<Vec<u8>>>) {
    if let Ok(mut data) = buffer.write() {
        *data = Vec::new();
    }
}

/// Where tied embeddings may be stored instead of `model.shared.weight`.
const SHARED_ALIASES: &[(&str, &str)] = &[
    ("model.shared.weight", "model.encoder.embed_tokens.weight"),
    ("model.shared.weight", "model.decoder.embed_tokens.weight"),
    ("model.shared.weight", "lm_head.weight"),
];

/// Parses the config into rust-bert's type, with a one-line error instead of its panic,
/// and with the settings rust-bert's Marian needs that some configs leave implicit.
fn parse_config(path: &Path, raw: &Value, arch: Arch) -> Result<BartConfig> {
    let mut v = raw.clone();
    if let Some(obj) = v.as_object_mut() {
        // transformers' defaults for keys newer configs omit.
        for (key, default) in [
            ("activation_dropout", Value::from(0.0)),
            ("attention_dropout", Value::from(0.0)),
            ("decoder_layerdrop", Value::from(0.0)),
            ("encoder_layerdrop", Value::from(0.0)),
            ("dropout", Value::from(0.1)),
            ("init_std", Value::from(0.02)),
        ] {
            obj.entry(key).or_insert(default);
        }
        if !obj.contains_key("num_hidden_layers") {
            if let Some(n) = obj.get("encoder_layers").cloned() {
                obj.insert("num_hidden_layers".into(), n);
            }
        }
        if arch == Arch::Marian {
            obj.insert("static_position_embeddings".into(), Value::Bool(true));
            obj.entry("normalize_embedding").or_insert(Value::Bool(false));
            obj.entry("scale_embedding").or_insert(Value::Bool(true));
        }
        // A classification head's label map is irrelevant here and sometimes malformed.
        obj.remove("id2label");
        obj.remove("label2id");
    }
    let config: BartConfig =
        serde_json::from_value(v).map_err(|e| Error::model(path, format!("config.json does not describe a {} model: {e}", arch.model_type())))?;
    if config.d_model <= 0 || config.vocab_size <= 0 || config.max_position_embeddings <= 0 {
        return Err(Error::model(path, "config.json: d_model, vocab_size and max_position_embeddings must be positive"));
    }
    if config.encoder_attention_heads <= 0
        || config.d_model % config.encoder_attention_heads != 0
        || config.decoder_attention_heads <= 0
        || config.d_model % config.decoder_attention_heads != 0
    {
        return Err(Error::model(path, "config.json: d_model is not divisible by the number of attention heads"));
    }
    Ok(config)
}

/// The sinusoidal position table of transformers' Marian: sines of the even
/// frequencies in the first half of the columns, cosines in the second.
pub fn sinusoidal_positions(n_positions: i64, dim: i64) -> Tensor {
    // Columns [0, sentinel) hold sin of the even-indexed angles, the rest cos of the odd ones.
    let sentinel = (dim + 1) / 2;
    let mut out = vec![0f32; (n_positions * dim) as usize];
    for pos in 0..n_positions {
        for j in 0..dim {
            let angle = pos as f64 / 10000f64.powf((2 * (j / 2)) as f64 / dim as f64);
            let (col, value) = if j % 2 == 0 { (j / 2, angle.sin()) } else { (sentinel + j / 2, angle.cos()) };
            out[(pos * dim + col) as usize] = value as f32;
        }
    }
    Tensor::from_slice(&out).view([n_positions, dim])
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sinusoidal_table_matches_transformers_layout() {
        let t = sinusoidal_positions(4, 6);
        let v = Vec::<f32>::try_from(t.flatten(0, -1)).unwrap();
        // Position 0: sin(0) = 0 in the first half, cos(0) = 1 in the second.
        assert_eq!(&v[0..6], &[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
        // Position 2, column 1 is sin(2 / 10000^(2/6)); column 4 its cosine.
        let angle = 2.0f64 / 10000f64.powf(2.0 / 6.0);
        assert!((v[2 * 6 + 1] as f64 - angle.sin()).abs() < 1e-6);
        assert!((v[2 * 6 + 4] as f64 - angle.cos()).abs() < 1e-6);
    }

    #[test]
    fn new_configs_follow_each_architectures_conventions() {
        let shape = Shape { vocab: 100, d_model: 16, encoder_layers: 1, decoder_layers: 1, heads: 2, ffn: 32, positions: 64 };
        let m = new_config(Arch::Marian, shape);
        assert_eq!((m.pad_token_id, m.decoder_start_token_id, m.eos_token_id), (Some(99), Some(99), Some(0)));
        assert_eq!((m.static_position_embeddings, m.scale_embedding, m.forced_bos_token_id), (Some(true), Some(true), None));
        let b = new_config(Arch::Bart, shape);
        assert_eq!((b.pad_token_id, b.decoder_start_token_id, b.forced_bos_token_id), (Some(1), Some(2), Some(0)));
        assert_eq!(b.normalize_embedding, Some(true));
    }

    fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in files {
            std::fs::write(dir.path().join(name), body).unwrap();
        }
        dir
    }

    /// generation_config.json sets generation defaults over config.json's top level; the
    /// task's own entry in config.json still wins.
    #[test]
    fn generation_config_gives_the_defaults() {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models/translator");
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(&fixture).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
        let mut config: Value = serde_json::from_slice(&std::fs::read(dir.path().join("config.json")).unwrap()).unwrap();
        config["num_beams"] = 2.into();
        config["max_length"] = 64.into();
        config["task_specific_params"] = serde_json::json!({"translation": {"max_length": 77}});
        std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();
        std::fs::write(dir.path().join("generation_config.json"), r#"{"num_beams": 6, "max_length": 300, "bos_token_id": null}"#).unwrap();
        let folder = Seq2SeqFolder::open(dir.path(), Arch::Marian).unwrap();
        assert_eq!(folder.generation_setting("translation", "num_beams"), Some(&Value::from(6)));
        assert_eq!(folder.generation_setting("translation", "max_length"), Some(&Value::from(77)));
        std::fs::write(dir.path().join("generation_config.json"), "{not json").unwrap();
        let err = Seq2SeqFolder::open(dir.path(), Arch::Marian).err().unwrap().to_string();
        assert!(err.contains("generation_config.json"), "{err}");
    }

    #[test]
    fn missing_files_and_wrong_architectures_are_named() {
        let dir = folder_with(&[("config.json", r#"{"model_type": "t5"}"#)]);
        let err = Seq2SeqFolder::open(dir.path(), Arch::Marian).unwrap_err().to_string();
        assert!(err.contains("unsupported architecture \"t5\""), "{err}");

        let dir = folder_with(&[("config.json", r#"{"model_type": "marian"}"#), ("model.safetensors", "")]);
        let err = Seq2SeqFolder::open(dir.path(), Arch::Marian).unwrap_err().to_string();
        assert!(err.contains("vocab.json: missing"), "{err}");

        let dir = folder_with(&[("config.json", r#"{"model_type": "bart"}"#), ("vocab.json", "{}"), ("merges.txt", "")]);
        let err = Seq2SeqFolder::open(dir.path(), Arch::Bart).unwrap_err().to_string();
        assert!(err.contains("no weights file"), "{err}");

        let dir = folder_with(&[
            ("config.json", r#"{"model_type": "bart", "d_model": 8}"#),
            ("vocab.json", "{}"),
            ("merges.txt", ""),
            ("model.safetensors", ""),
        ]);
        let err = Seq2SeqFolder::open(dir.path(), Arch::Bart).unwrap_err().to_string();
        assert!(err.contains("config.json does not describe a bart model"), "{err}");
    }
}
