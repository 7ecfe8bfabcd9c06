//! The classifier head: a small network over frozen sentence embeddings, trained with
//! tch and stored as safetensors (weights) plus JSON (labels, provenance, dev metrics).
//!
//! `hidden == 0` is multinomial logistic regression; otherwise one hidden layer (GELU).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tch::{nn, nn::Module, nn::OptimizerConfig, Device, Kind, Tensor};

use crate::document::Label;
use crate::error::{Error, Result};
use crate::output;

pub const WEIGHTS_FILE: &str = "head.safetensors";
pub const META_FILE: &str = "classifier.json";
/// The activation ranges int8 layers are smoothed with (see `bert::Calibration`).
pub const CALIBRATION_FILE: &str = "int8-calibration.safetensors";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HeadConfig {
    /// Hidden units; 0 for logistic regression.
    pub hidden: usize,
    pub epochs: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    pub dropout: f64,
    pub seed: i64,
}

impl Default for HeadConfig {
    fn default() -> Self {
        HeadConfig {
            hidden: 256,
            epochs: 300,
            learning_rate: 2e-3,
            weight_decay: 1e-2,
            dropout: 0.2,
            seed: 20231128,
        }
    }
}

/// Everything written beside the weights.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeadMeta {
    /// Output order of the head.
    pub labels: Vec<Label>,
    pub input_dim: usize,
    pub config: HeadConfig,
    /// The encoder folder name the head was trained on.
    pub encoder: String,
    /// What the features are, so a changed feature set is caught at load time.
    pub features: String,
    /// sha256 over the training files, in the order given.
    pub training_data_sha256: String,
    pub training_files: Vec<String>,
    pub training_sentences: usize,
    /// Metrics on the dev split (never trained on), when one was given.
    #[serde(default)]
    pub dev_metrics: Option<serde_json::Value>,
    /// When the encoder's top layers were fine-tuned with the head: how. Their weights
    /// are stored beside the head (`encoder-top.safetensors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tuned: Option<crate::classify::tune::TuneConfig>,
    /// Whether int8 arithmetic keeps this classifier's dev labels (measured by `train`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub int8: Option<Int8Check>,
    /// How int8 layers are smoothed; the ranges are in [`CALIBRATION_FILE`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub int8_smoothing: Option<Int8Smoothing>,
    pub vnbrief_version: String,
}

/// The check that decides whether the encoder runs in int8 by default: on the dev split,
/// macro-F1 within [`INT8_MAX_F1_LOSS`] of f32 and at least [`INT8_MIN_AGREEMENT`] of
/// labels unchanged.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Int8Check {
    pub dev_sentences: usize,
    pub macro_f1_f32: f64,
    pub macro_f1_int8: f64,
    /// Share of dev sentences whose label is the same both ways.
    pub labels_unchanged: f64,
    pub passed: bool,
}

/// SmoothQuant's strength and what the activation ranges were measured on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Int8Smoothing {
    pub alpha: f64,
    /// Training sentences run through the encoder in f32 to measure the ranges.
    pub calibration_sentences: usize,
}

pub const INT8_MAX_F1_LOSS: f64 = 0.005;
pub const INT8_MIN_AGREEMENT: f64 = 0.99;

impl Int8Check {
    pub fn new(dev_sentences: usize, macro_f1_f32: f64, macro_f1_int8: f64, labels_unchanged: f64) -> Int8Check {
        let passed = macro_f1_f32 - macro_f1_int8 <= INT8_MAX_F1_LOSS && labels_unchanged >= INT8_MIN_AGREEMENT;
        Int8Check { dev_sentences, macro_f1_f32, macro_f1_int8, labels_unchanged, passed }
    }

    /// One line for `models list`.
    pub fn describe(&self) -> String {
        format!(
            "int8 {}: dev macro-F1 {:.3} (f32 {:.3}), {:.1}% of {} labels unchanged (needs ≤ {} loss, ≥ {:.0}%)",
            if self.passed { "on" } else { "off" },
            self.macro_f1_int8,
            self.macro_f1_f32,
            100.0 * self.labels_unchanged,
            self.dev_sentences,
            INT8_MAX_F1_LOSS,
            100.0 * INT8_MIN_AGREEMENT
        )
    }
}

impl HeadMeta {
    /// The int8 smoothing ranges saved beside the head in `dir`, when it has them.
    pub fn calibration(&self, dir: &Path) -> Result<Option<crate::classify::bert::Calibration>> {
        self.int8_smoothing
            .as_ref()
            .map(|s| crate::classify::bert::Calibration::load(&dir.join(CALIBRATION_FILE), s.alpha))
            .transpose()
    }

    /// int8 when the check passed; f32 when it failed or was never run (no dev split).
    pub fn default_precision(&self) -> crate::classify::bert::Precision {
        match &self.int8 {
            Some(check) if check.passed => crate::classify::bert::Precision::Int8,
            _ => crate::classify::bert::Precision::F32,
        }
    }
}

pub struct Head {
    /// sha256 of the saved weights and metadata (empty for a head not loaded from files).
    pub fingerprint: String,
    vs: nn::VarStore,
    hidden: Option<nn::Linear>,
    out: nn::Linear,
    dropout: f64,
}

impl Head {
    fn build(input_dim: usize, config: &HeadConfig) -> Head {
        let vs = nn::VarStore::new(Device::Cpu);
        let root = vs.root();
        let n_labels = Label::ALL.len() as i64;
        let (hidden, out) = if config.hidden == 0 {
            (None, nn::linear(&root / "out", input_dim as i64, n_labels, Default::default()))
        } else {
            let h = config.hidden as i64;
            (
                Some(nn::linear(&root / "hidden", input_dim as i64, h, Default::default())),
                nn::linear(&root / "out", h, n_labels, Default::default()),
            )
        };
        Head { fingerprint: String::new(), vs, hidden, out, dropout: config.dropout }
    }

    pub(crate) fn logits(&self, x: &Tensor, train: bool) -> Tensor {
        match &self.hidden {
            None => self.out.forward(x),
            Some(h) => {
                let z = h.forward(x).gelu("none").dropout(self.dropout, train);
                self.out.forward(&z)
            }
        }
    }

    /// Trains on `features` `[n, d]` with `targets` (indices into `Label::ALL`).
    /// Full-batch AdamW with class-balanced cross-entropy; deterministic for a seed.
    pub fn train(features: &Tensor, targets: &[usize], config: &HeadConfig) -> Result<Head> {
        tch::manual_seed(config.seed);
        let (n, d) = features.size2()?;
        if n as usize != targets.len() || n == 0 {
            return Err(Error::Runtime(format!("{} feature rows for {} labels", n, targets.len())));
        }
        let head = Head::build(d as usize, config);
        let y = Tensor::from_slice(&targets.iter().map(|&t| t as i64).collect::<Vec<_>>());
        let weights = class_weights(targets);
        let mut opt = nn::AdamW::default()
            .wd(config.weight_decay)
            .build(&head.vs, config.learning_rate)?;
        for _ in 0..config.epochs {
            let logits = head.logits(features, true);
            let loss = logits.log_softmax(-1, Kind::Float).g_nll_loss(
                &y,
                Some(&weights),
                tch::Reduction::Mean,
                -100,
            );
            opt.backward_step(&loss);
        }
        Ok(head)
    }

    /// The weights, for training further (fine-tuning with the encoder's top layers).
    pub(crate) fn var_store(&self) -> &nn::VarStore {
        &self.vs
    }

    /// Probabilities `[n, 4]` in `Label::ALL` order.
    pub fn predict(&self, features: &Tensor) -> Tensor {
        tch::no_grad(|| self.logits(features, false).softmax(-1, Kind::Float))
    }

    /// Writes the weights and the metadata, each atomically.
    pub fn save(&self, dir: &Path, meta: &HeadMeta) -> Result<()> {
        crate::models::write_safetensors(&dir.join(WEIGHTS_FILE), &self.vs.variables(), "")?;
        output::write_json(&dir.join(META_FILE), meta)
    }

    /// Loads a head saved by [`Head::save`]; every tensor's name and shape is checked.
    pub fn load(dir: &Path) -> Result<(Head, HeadMeta)> {
        let meta_path = dir.join(META_FILE);
        let meta_bytes = std::fs::read(&meta_path).map_err(|e| missing(&meta_path, e))?;
        let meta: HeadMeta = serde_json::from_slice(&meta_bytes).map_err(|source| Error::Json {
            path: meta_path.clone(),
            source,
        })?;
        if meta.labels != Label::ALL {
            return Err(Error::model(&meta_path, "labels differ from this version's label set"));
        }
        let weights_path = dir.join(WEIGHTS_FILE);
        let bytes = std::fs::read(&weights_path).map_err(|e| missing(&weights_path, e))?;
        let file = safetensors::SafeTensors::deserialize(&bytes)
            .map_err(|e| Error::model(&weights_path, format!("corrupt safetensors: {e}")))?;
        let mut head = Head::build(meta.input_dim, &meta.config);
        let mut stored: HashMap<String, Tensor> = HashMap::new();
        for (name, view) in file.tensors() {
            if view.dtype() != safetensors::Dtype::F32 {
                return Err(Error::model(&weights_path, format!("{name}: expected F32, found {:?}", view.dtype())));
            }
            let values: Vec<f32> = view
                .data()
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            let shape: Vec<i64> = view.shape().iter().map(|&s| s as i64).collect();
            stored.insert(name, Tensor::from_slice(&values).reshape(&shape));
        }
        tch::no_grad(|| -> Result<()> {
            for (name, mut var) in head.vs.variables() {
                let t = stored
                    .remove(&name)
                    .ok_or_else(|| Error::model(&weights_path, format!("missing tensor {name}")))?;
                if t.size() != var.size() {
                    return Err(Error::model(
                        &weights_path,
                        format!("{name}: shape {:?}, expected {:?}", t.size(), var.size()),
                    ));
                }
                var.copy_(&t);
            }
            Ok(())
        })?;
        if let Some(extra) = stored.keys().next() {
            return Err(Error::model(&weights_path, format!("unexpected tensor {extra}")));
        }
        head.vs.freeze();
        head.fingerprint = crate::hash::sha256_hex(&[meta_bytes, bytes].concat());
        Ok((head, meta))
    }
}

/// Per-label loss weights: rare labels weigh more, so `attendance` is not drowned by
/// `achievement`.
pub(crate) fn class_weights(targets: &[usize]) -> Tensor {
    let mut counts = [0f64; 4];
    for &t in targets {
        counts[t] += 1.0;
    }
    let n = targets.len() as f64;
    let weights: Vec<f32> = counts.iter().map(|&c| if c == 0.0 { 0.0 } else { (n / (4.0 * c)) as f32 }).collect();
    Tensor::from_slice(&weights)
}

fn missing(path: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        Error::model(path, "missing; `vnbrief train` (or scripts/setup.sh) creates it")
    } else {
        Error::io(path, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TORCH_RNG as RNG;

    /// Four well separated clusters, one per label.
    fn toy() -> (Tensor, Vec<usize>) {
        tch::manual_seed(1);
        let centers = Tensor::eye(8, (Kind::Float, Device::Cpu)).narrow(0, 0, 4) * 3.0;
        let targets: Vec<usize> = (0..80).map(|i| i % 4).collect();
        let idx = Tensor::from_slice(&targets.iter().map(|&t| t as i64).collect::<Vec<_>>());
        let x = centers.index_select(0, &idx) + Tensor::randn([80, 8], (Kind::Float, Device::Cpu)) * 0.3;
        (x, targets)
    }

    fn toy_meta(config: &HeadConfig) -> HeadMeta {
        HeadMeta {
            labels: Label::ALL.to_vec(),
            input_dim: 8,
            config: config.clone(),
            encoder: "toy".into(),
            features: "toy".into(),
            training_data_sha256: String::new(),
            training_files: vec![],
            training_sentences: 80,
            dev_metrics: None,
            tuned: None,
            int8: None,
            int8_smoothing: None,
            vnbrief_version: "test".into(),
        }
    }

    #[test]
    fn learns_separable_data_and_round_trips_through_files() {
        let _rng = RNG.lock().unwrap_or_else(|e| e.into_inner());
        let (x, y) = toy();
        for hidden in [0, 16] {
            let config = HeadConfig { hidden, epochs: 200, learning_rate: 1e-2, ..Default::default() };
            let head = Head::train(&x, &y, &config).unwrap();
            let pred = head.predict(&x).argmax(-1, false);
            let got: Vec<i64> = Vec::try_from(pred).unwrap();
            assert!(got.iter().zip(&y).all(|(&p, &t)| p as usize == t), "hidden={hidden}");

            let dir = tempfile::tempdir().unwrap();
            let meta = toy_meta(&config);
            head.save(dir.path(), &meta).unwrap();
            let (loaded, _) = Head::load(dir.path()).unwrap();
            let diff = (loaded.predict(&x) - head.predict(&x)).abs().max().double_value(&[]);
            assert!(diff < 1e-6, "hidden={hidden}: {diff}");
        }
    }

    #[test]
    fn same_seed_same_head() {
        let _rng = RNG.lock().unwrap_or_else(|e| e.into_inner());
        let (x, y) = toy();
        let config = HeadConfig { hidden: 16, epochs: 20, ..Default::default() };
        let a = Head::train(&x, &y, &config).unwrap().predict(&x);
        let b = Head::train(&x, &y, &config).unwrap().predict(&x);
        assert_eq!((a - b).abs().max().double_value(&[]), 0.0);
    }

    #[test]
    fn missing_and_corrupt_files_are_errors() {
        let _rng = RNG.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let err = Head::load(dir.path()).err().expect("missing").to_string();
        assert!(err.contains(META_FILE) && err.contains("vnbrief train"), "{err}");

        let (x, y) = toy();
        let config = HeadConfig { hidden: 0, epochs: 1, ..Default::default() };
        let head = Head::train(&x, &y, &config).unwrap();
        let meta = toy_meta(&config);
        head.save(dir.path(), &meta).unwrap();
        let weights = dir.path().join(WEIGHTS_FILE);
        let bytes = std::fs::read(&weights).unwrap();
        std::fs::write(&weights, &bytes[..bytes.len() / 2]).unwrap();
        let err = Head::load(dir.path()).err().expect("truncated").to_string();
        assert!(err.contains("corrupt"), "{err}");
    }
}
