//! `vnbrief train`: fits the classifier head on frozen embeddings of labeled sentences,
//! then (unless told not to) fine-tunes the encoder's top layers together with it,
//! reproducibly (fixed seed), and records what it was trained on and how it scores on
//! a dev split it never saw.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::classify::encoder::{Encoder, EncoderOptions};
use crate::classify::bert::Precision;
use crate::classify::head::{self, Head, HeadConfig, HeadMeta, Int8Check, Int8Smoothing};
use crate::classify::tune::{self, TuneConfig};
use crate::classify::{sample_inputs, Classifier, ENCODER_DIR, FEATURES};
use crate::document::Label;
use crate::error::{Error, Result};
use crate::eval;
use crate::samples::{self, SampleSet};

pub struct TrainOptions {
    pub samples: Vec<PathBuf>,
    /// Dev split to report metrics on; never trained on.
    pub dev: Vec<PathBuf>,
    pub out: PathBuf,
    pub models_dir: PathBuf,
    pub config: HeadConfig,
    pub encoder: EncoderOptions,
    /// Fine-tuning of the encoder's top layers; `layers: 0` keeps the encoder frozen.
    pub tune: TuneConfig,
}

/// Trains, saves and returns the head's metadata (with dev metrics when a dev split is given).
pub fn train(opts: &TrainOptions) -> Result<HeadMeta> {
    let mut files = samples::expand(&opts.samples)?;
    files.sort();
    let set = read_strict(&files)?;
    let inputs = sample_inputs(&set);
    let sentences: Vec<&str> = inputs.iter().map(|i| i.text).collect();
    let targets: Vec<usize> = set
        .samples
        .iter()
        .flat_map(|s| s.sentences.iter().map(|(g, _)| label_index(g.label)))
        .collect();
    if sentences.is_empty() {
        return Err(Error::Usage("no training sentences in the given samples".into()));
    }

    let encoder_dir = opts.models_dir.join(ENCODER_DIR);
    let tuning = opts.tune.layers > 0;
    // Trained in f32, always: int8 is checked afterwards against it.
    let options = EncoderOptions { hidden_states: tuning, precision: Precision::F32, ..opts.encoder.clone() };
    let mut encoder = Encoder::load(&encoder_dir, options)?;
    let embedded = encoder.embed(&sentences)?;
    let x = crate::classify::features(&embedded.vectors, &inputs);
    let head = Head::train(&x, &targets, &opts.config)?;
    let tuned_file = opts.out.join(tune::TUNED_FILE);
    if tuning {
        let seed = opts.config.seed as u64;
        let tuned = tune::fine_tune(&mut encoder, &head, &inputs, &targets, &opts.tune, seed)?;
        tune::save(&tuned_file, &tuned)?;
    } else if tuned_file.exists() {
        // A frozen-encoder head must not be loaded with layers tuned for another.
        std::fs::remove_file(&tuned_file).map_err(|e| Error::io(&tuned_file, e))?;
    }

    let mut meta = HeadMeta {
        labels: Label::ALL.to_vec(),
        input_dim: x.size()[1] as usize,
        config: opts.config.clone(),
        encoder: ENCODER_DIR.to_string(),
        features: FEATURES.to_string(),
        training_data_sha256: data_hash(&files)?,
        training_files: files.iter().map(|f| display_path(f)).collect(),
        training_sentences: sentences.len(),
        dev_metrics: None,
        tuned: tuning.then(|| opts.tune.clone()),
        int8: None,
        int8_smoothing: None,
        vnbrief_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    meta.int8_smoothing = Some(calibrate(&mut encoder, &sentences, &opts.out)?);
    if !opts.dev.is_empty() {
        let dev = read_strict(&samples::expand(&opts.dev)?)?;
        let mut classifier = Classifier::new(encoder, head, meta.clone())?;
        let (report, check) = int8_check(&dev, &mut classifier)?;
        meta.dev_metrics = Some(serde_json::to_value(&report).map_err(|e| Error::Runtime(e.to_string()))?);
        meta.int8 = Some(check);
        classifier.head().save(&opts.out, &meta)?;
    } else {
        head.save(&opts.out, &meta)?;
    }
    Ok(meta)
}

/// Measures the ranges int8 layers are smoothed with on `sentences` (the final weights,
/// in f32), saves them in the classifier folder `dir` and puts them into `encoder`.
pub fn calibrate(encoder: &mut Encoder, sentences: &[&str], dir: &Path) -> Result<Int8Smoothing> {
    let calibration = encoder.calibrate(sentences)?;
    calibration.save(&dir.join(head::CALIBRATION_FILE))?;
    let smoothing = Int8Smoothing { alpha: calibration.alpha, calibration_sentences: sentences.len() };
    encoder.set_calibration(Some(calibration))?;
    Ok(smoothing)
}

/// Scores `classifier` on `dev` in f32 (the report), then in int8, and compares: int8
/// becomes the default only if it keeps the labels (see [`Int8Check`]). Leaves the
/// classifier in f32.
pub fn int8_check(dev: &SampleSet, classifier: &mut Classifier) -> Result<(eval::ClassificationReport, Int8Check)> {
    classifier.set_precision(Precision::F32)?;
    let (report, f32_labels) = eval::classification_labels(dev, classifier)?;
    classifier.set_precision(Precision::Int8)?;
    let (int8_report, int8_labels) = eval::classification_labels(dev, classifier)?;
    classifier.set_precision(Precision::F32)?;
    let same = f32_labels.iter().zip(&int8_labels).filter(|(a, b)| a == b).count();
    let f1 = |r: &eval::ClassificationReport| r.classification.as_ref().map_or(0.0, |c| c.macro_f1);
    let share = same as f64 / f32_labels.len().max(1) as f64;
    let check = Int8Check::new(f32_labels.len(), f1(&report), f1(&int8_report), share);
    Ok((report, check))
}

/// Training data must be clean: a malformed line is an error, not a skip.
fn read_strict(files: &[PathBuf]) -> Result<SampleSet> {
    let set = samples::read_all(files)?;
    if let Some(first) = set.skipped.first() {
        return Err(Error::Usage(format!(
            "{first} ({} malformed line(s) in the training data; fix them first)",
            set.skipped.len()
        )));
    }
    Ok(set)
}

fn label_index(label: Label) -> usize {
    Label::ALL.iter().position(|&l| l == label).unwrap_or(3)
}

/// sha256 over what the head learns from: every sentence's document id, text and
/// label, files in sorted order. Edits elsewhere (facts, summaries) leave it unchanged.
pub fn data_hash(files: &[PathBuf]) -> Result<String> {
    let mut sorted = files.to_vec();
    sorted.sort();
    let set = samples::read_all(&sorted)?;
    let mut hasher = Sha256::new();
    for sample in &set.samples {
        for (g, _) in &sample.sentences {
            hasher.update(format!("{}\t{}\t{}\n", sample.id, g.text, g.label.as_str()).as_bytes());
        }
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
