//! Sentence classification: attendance, achievement, directive or other.
//!
//! A multilingual transformer encoder (multilingual-e5-small, or any BERT/XLM-R folder)
//! embeds each sentence; a small trained head maps the embedding to a label. The
//! keyword baseline is kept as the yardstick the transformer must beat.

pub mod baseline;
pub mod bert;
pub mod encoder;
pub mod head;
pub mod qlinear;
pub mod tune;

use std::path::Path;

use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use crate::document::{Document, Label, Scores};
use crate::error::{Error, Result};
use crate::samples::SampleSet;
use bert::Precision;
use encoder::{Encoder, EncoderOptions};
use head::{Head, HeadMeta};

pub use crate::models::{CLASSIFIER_DIR, ENCODER_DIR};

/// What the head's input is; stored with the head so a mismatch is caught at load.
pub const FEATURES: &str = "mean-pooled L2-normalised sentence embedding + relative position in the document";

/// A sentence to classify, with where it stands in its document: reports put who
/// attended first and what was ordered last, and the head may use that.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub text: &'a str,
    /// 0.0 for a document's first sentence, 1.0 for its last.
    pub position: f32,
}

/// The inputs for one document's sentences, in order.
pub fn document_inputs<'a>(sentences: &[&'a str]) -> Vec<Input<'a>> {
    let last = sentences.len().saturating_sub(1).max(1) as f32;
    sentences.iter().enumerate().map(|(i, &text)| Input { text, position: i as f32 / last }).collect()
}

/// The head's input rows: each embedding with its position appended.
pub fn features(embeddings: &Tensor, inputs: &[Input]) -> Tensor {
    let pos: Vec<f32> = inputs.iter().map(|i| i.position).collect();
    let pos = Tensor::from_slice(&pos).view([-1, 1]);
    Tensor::cat(&[embeddings.shallow_clone(), pos], 1)
}

/// Sentences embedded at once (sorted by length and batched within): enough that
/// batches are full and padding small, few enough that their vectors stay a few MB.
pub const STREAM: usize = 4096;

/// One sentence's classification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub label: Label,
    pub confidence: f32,
    pub scores: Scores,
}

impl Prediction {
    /// From probabilities in `Label::ALL` order.
    fn from_probs(p: [f32; 4]) -> Prediction {
        let (best, confidence) = p
            .iter()
            .enumerate()
            .fold((0, f32::MIN), |acc, (i, &v)| if v > acc.1 { (i, v) } else { acc });
        Prediction {
            label: Label::ALL[best],
            confidence,
            scores: Scores { attendance: p[0], achievement: p[1], directive: p[2], other: p[3] },
        }
    }
}

/// The transformer classifier: encoder + trained head.
pub struct Classifier {
    encoder: Encoder,
    head: Head,
    pub meta: HeadMeta,
    fingerprint: String,
}

/// Predictions plus what the run should warn about.
pub struct Classified {
    pub predictions: Vec<Prediction>,
    /// Sentences cut at the encoder's token limit.
    pub truncated: usize,
}

impl Classifier {
    /// Loads `models_dir/multilingual-e5-small` and `models_dir/classifier`; the encoder
    /// runs in `precision`, else in the one the head's int8 check chose.
    pub fn load(models_dir: &Path, options: EncoderOptions, precision: Option<Precision>) -> Result<Classifier> {
        let (head, meta) = Head::load(&models_dir.join(CLASSIFIER_DIR))?;
        if meta.features != FEATURES {
            return Err(Error::model(
                models_dir.join(CLASSIFIER_DIR).join(head::META_FILE),
                format!("head was trained on {:?}, this version computes {FEATURES:?}; run `vnbrief train`", meta.features),
            ));
        }
        // Loaded in f32 and switched once the final weights are in: int8 layers are
        // quantized copies, made once.
        let mut encoder = Encoder::load(&models_dir.join(ENCODER_DIR), EncoderOptions { precision: Precision::F32, ..options })?;
        let fingerprint = match &meta.tuned {
            None => head.fingerprint.clone(),
            Some(_) => {
                // The fine-tuned top layers replace the pretrained ones.
                let file = models_dir.join(CLASSIFIER_DIR).join(tune::TUNED_FILE);
                encoder.load_tuned(&file)?;
                let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
                crate::hash::sha256_hex(&[head.fingerprint.as_bytes(), &bytes].concat())
            }
        };
        let precision = precision.unwrap_or_else(|| meta.default_precision());
        if precision != Precision::F32 {
            encoder.set_precision(precision)?;
        }
        Ok(Classifier { encoder, head, meta, fingerprint })
    }

    /// A classifier from a loaded encoder (fine-tuned or not) and a head just trained
    /// (`vnbrief train`).
    pub fn new(encoder: Encoder, head: Head, meta: HeadMeta) -> Classifier {
        let fingerprint = head.fingerprint.clone();
        Classifier { encoder, head, meta, fingerprint }
    }

    pub fn head(&self) -> &Head {
        &self.head
    }

    pub fn precision(&self) -> Precision {
        self.encoder.precision()
    }

    pub fn set_precision(&mut self, precision: Precision) -> Result<()> {
        self.encoder.set_precision(precision)
    }

    /// Changes whenever the head's files (tuned layers included) change.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    pub fn classify(&self, inputs: &[Input]) -> Result<Classified> {
        if inputs.is_empty() {
            return Ok(Classified { predictions: Vec::new(), truncated: 0 });
        }
        // In slices of STREAM sentences: memory stays bounded for a document of any size,
        // since only the labels of a slice outlive it, never its vectors.
        let mut predictions = Vec::with_capacity(inputs.len());
        let mut truncated = 0;
        for slice in inputs.chunks(STREAM) {
            let texts: Vec<&str> = slice.iter().map(|i| i.text).collect();
            let embedded = self.encoder.embed(&texts)?;
            truncated += embedded.truncated;
            let probs = self.head.predict(&features(&embedded.vectors, slice)).to_kind(Kind::Float);
            let flat = Vec::<f32>::try_from(probs.flatten(0, -1))?;
            predictions.extend(flat.chunks_exact(4).map(|c| Prediction::from_probs([c[0], c[1], c[2], c[3]])));
        }
        Ok(Classified { predictions, truncated })
    }
}

/// Every gold sentence of every sample, in document order, with its position.
pub fn sample_inputs(set: &SampleSet) -> Vec<Input<'_>> {
    set.samples
        .iter()
        .flat_map(|s| {
            let texts: Vec<&str> = s.sentences.iter().map(|(g, _)| g.text.as_str()).collect();
            document_inputs(&texts)
        })
        .collect()
}

/// The classify stage as the stage runner sees it: labels every sentence of a batch of
/// documents. Tests can put a labeller of their own in the classifier's place.
pub trait Labeller {
    /// Names the model in the pipeline version, so that a retrained head redoes the documents.
    fn fingerprint(&self) -> String;
    /// Labels every sentence; returns how many were cut at the token limit.
    fn label_documents(&self, docs: &mut [&mut Document]) -> Result<usize>;
}

impl Labeller for Classifier {
    fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    /// Each document's sentences go through the encoder on their own (sorted by length
    /// and batched within the document), so a document's labels and scores depend on its
    /// text alone, never on which documents share its chunk: a cached output stays what a
    /// fresh run would write, and shards merge into exactly a single run's output.
    fn label_documents(&self, docs: &mut [&mut Document]) -> Result<usize> {
        let mut truncated = 0;
        for doc in docs.iter_mut() {
            let texts: Vec<String> = doc.sentences().map(|s| s.text.clone()).collect();
            let out = self.classify(&document_inputs(&texts.iter().map(String::as_str).collect::<Vec<_>>()))?;
            let sentences = doc.paragraphs.iter_mut().flat_map(|p| p.sentences.iter_mut());
            for (sentence, p) in sentences.zip(out.predictions) {
                sentence.label = Some(p.label);
                sentence.confidence = Some(p.confidence);
                sentence.scores = Some(p.scores);
            }
            truncated += out.truncated;
        }
        Ok(truncated)
    }
}

/// Checks a head folder (by loading it) and returns its files and its int8 check: what
/// `models list` and `models import` are given to check the classifier with.
pub fn check_head(dir: &Path) -> Result<crate::models::hub::CheckedHead> {
    let (_, meta) = Head::load(dir)?;
    let mut files = vec![dir.join(head::META_FILE), dir.join(head::WEIGHTS_FILE)];
    if meta.tuned.is_some() {
        let tuned = dir.join(tune::TUNED_FILE);
        crate::models::safetensors_header(&tuned)?;
        files.push(tuned);
    }
    let note = match &meta.int8 {
        Some(check) => check.describe(),
        None => "int8 off: no dev check recorded (train with --dev to run it)".to_string(),
    };
    Ok(crate::models::hub::CheckedHead { files, notes: vec![note] })
}
