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
pub mod tokenizer;
pub mod tune;

use std::path::Path;

use serde::{Deserialize, Serialize};
use rayon::prelude::*;
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

/// Sentences of one document batched together at most (see
/// [`Classifier::classify_documents`]).
pub const STREAM: usize = 1024;

/// The head's input rows: each embedding with its position appended.
pub fn features(embeddings: &Tensor, inputs: &[Input]) -> Tensor {
    let pos: Vec<f32> = inputs.iter().map(|i| i.position).collect();
    let pos = Tensor::from_slice(&pos).view([-1, 1]);
    Tensor::cat(&[embeddings.shallow_clone(), pos], 1)
}

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
    pool: rayon::ThreadPool,
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
        let dir = models_dir.join(CLASSIFIER_DIR);
        // The fingerprint covers every file that shapes the labels.
        let mut fingerprinted = head.fingerprint.as_bytes().to_vec();
        if meta.tuned.is_some() {
            // The fine-tuned top layers replace the pretrained ones.
            let file = dir.join(tune::TUNED_FILE);
            encoder.load_tuned(&file)?;
            fingerprinted.extend(std::fs::read(&file).map_err(|e| Error::io(&file, e))?);
        }
        // Loaded whatever the precision: a later switch to int8 (the int8 check) uses it.
        if let Some(calibration) = meta.calibration(&dir)? {
            encoder.set_calibration(Some(calibration))?;
        }
        let precision = precision.unwrap_or_else(|| meta.default_precision());
        if precision != Precision::F32 {
            encoder.set_precision(precision)?;
            // The ranges shape int8 labels only; f32 labels keep the head's fingerprint.
            if meta.int8_smoothing.is_some() {
                let file = dir.join(head::CALIBRATION_FILE);
                fingerprinted.extend(std::fs::read(&file).map_err(|e| Error::io(&file, e))?);
            }
            fingerprinted.extend(precision.name().as_bytes());
        }
        let fingerprint = if fingerprinted == head.fingerprint.as_bytes() {
            head.fingerprint.clone()
        } else {
            crate::hash::sha256_hex(&fingerprinted)
        };
        Ok(Classifier { encoder, head, meta, fingerprint, pool: encoder_pool()? })
    }

    /// A classifier from a loaded encoder (fine-tuned or not) and a head just trained
    /// (`vnbrief train`).
    pub fn new(encoder: Encoder, head: Head, meta: HeadMeta) -> Result<Classifier> {
        let fingerprint = head.fingerprint.clone();
        Ok(Classifier { encoder, head, meta, fingerprint, pool: encoder_pool()? })
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

    /// Frees what only switching precision or training needs (see
    /// [`Encoder::release_reference`]): for a classifier that only labels.
    pub fn for_labelling_only(mut self) -> Classifier {
        self.encoder.release_reference();
        self
    }

    pub fn encoder_mut(&mut self) -> &mut Encoder {
        &mut self.encoder
    }

    /// Changes whenever the head's files (tuned layers included) change.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Classifies documents' sentences (one `Vec` of inputs per document). Each document
    /// is tokenized and cut into batches on its own, so its predictions depend on its
    /// text alone, never on the documents beside it. The batches of all the documents
    /// then run side by side, one whole batch per thread: a report's batches are too
    /// small to split across threads without the threads mostly waiting on each other.
    /// Only token ids and predictions outlive a batch, never its vectors.
    pub fn classify_documents(&self, docs: &[Vec<Input>]) -> Result<Vec<Classified>> {
        let mut out: Vec<Classified> =
            docs.iter().map(|d| Classified { predictions: Vec::with_capacity(d.len()), truncated: 0 }).collect();
        // A long document is cut into slices of STREAM sentences, and slices run in rounds
        // of about STREAM sentences in all: one document of any size never holds more
        // than a round's token ids and batches (peak memory).
        let slices: Vec<(usize, &[Input])> =
            docs.iter().enumerate().flat_map(|(d, inputs)| inputs.chunks(STREAM).map(move |c| (d, c))).collect();
        let mut round: Vec<(usize, &[Input])> = Vec::new();
        let mut round_size = 0;
        for (k, &slice) in slices.iter().enumerate() {
            round.push(slice);
            round_size += slice.1.len();
            if round_size >= STREAM || k + 1 == slices.len() {
                round_size = 0;
                let inputs: Vec<&[Input]> = round.iter().map(|&(_, s)| s).collect();
                for ((d, _), c) in round.drain(..).zip(self.classify_slices(&inputs)?) {
                    out[d].predictions.extend(c.predictions);
                    out[d].truncated += c.truncated;
                }
                // The pool threads' heaps keep what a round's growing batches freed.
                encoder::release_free_memory();
            }
        }
        Ok(out)
    }

    /// [`Classifier::classify_documents`] for one round of slices.
    fn classify_slices(&self, docs: &[&[Input]]) -> Result<Vec<Classified>> {
        let batch_size = self.encoder.batch_size();
        let this = Shared(self);
        let this = &this;
        self.pool.install(|| {
            let prepared = docs
                .par_iter()
                .map(|inputs| {
                    let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
                    let (ids, truncated) = this.get().encoder.token_ids(&texts)?;
                    let batches = encoder::batches(&ids, batch_size);
                    Ok((ids, truncated, batches))
                })
                .collect::<Result<Vec<_>>>()?;
            let work: Vec<(usize, &[usize])> = prepared
                .iter()
                .enumerate()
                .flat_map(|(d, (_, _, batches))| batches.iter().map(move |b| (d, b.as_slice())))
                .collect();
            let predicted = work
                .par_iter()
                .map(|&(d, batch)| {
                    let ids: Vec<&[i64]> = batch.iter().map(|&i| prepared[d].0[i].as_slice()).collect();
                    let inputs: Vec<Input> = batch.iter().map(|&i| docs[d][i]).collect();
                    this.get().predict(&this.get().encoder.embed_batch(&ids)?, &inputs)
                })
                .collect::<Result<Vec<_>>>()?;
            let mut slots: Vec<Vec<Option<Prediction>>> = docs.iter().map(|d| vec![None; d.len()]).collect();
            for (&(d, batch), predictions) in work.iter().zip(predicted) {
                for (&i, p) in batch.iter().zip(predictions) {
                    slots[d][i] = Some(p);
                }
            }
            Ok(slots
                .into_iter()
                .zip(&prepared)
                .map(|(slots, (_, truncated, _))| Classified {
                    predictions: slots.into_iter().flatten().collect(),
                    truncated: *truncated,
                })
                .collect())
        })
    }

    /// The head's predictions for embedded sentences.
    fn predict(&self, vectors: &Tensor, inputs: &[Input]) -> Result<Vec<Prediction>> {
        let probs = self.head.predict(&features(vectors, inputs)).to_kind(Kind::Float);
        let flat = Vec::<f32>::try_from(probs.flatten(0, -1))?;
        Ok(flat.chunks_exact(4).map(|c| Prediction::from_probs([c[0], c[1], c[2], c[3]])).collect())
    }
}

/// A classifier the pool's threads share.
struct Shared<'a>(&'a Classifier);

// SAFETY: the threads only run inference through `&Classifier`: they read the weights'
// tensors and create tensors of their own. libtorch ops on tensors no thread writes are
// thread-safe (PyTorch's inter-op threads rely on it; reference counts are atomic), and
// the classifier is borrowed immutably for the whole call, so nothing writes meanwhile.
unsafe impl Sync for Shared<'_> {}

impl Shared<'_> {
    // A method, so closures capture the wrapper and not the field inside it.
    fn get(&self) -> &Classifier {
        self.0
    }
}

/// The pool classification runs batches on: as many threads as libtorch was given
/// (`--threads`), each running its ops alone.
fn encoder_pool() -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(tch::get_num_threads().max(1) as usize)
        .thread_name(|i| format!("vnbrief-encoder-{i}"))
        .start_handler(|_| qlinear::use_one_thread())
        .build()
        .map_err(|e| Error::Runtime(format!("cannot start the encoder's threads: {e}")))
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

    /// Each document's labels and scores depend on its text alone, never on which
    /// documents share its chunk (see [`Classifier::classify_documents`]): a cached output
    /// stays what a fresh run would write, and shards merge into exactly a single run's
    /// output.
    fn label_documents(&self, docs: &mut [&mut Document]) -> Result<usize> {
        let texts: Vec<Vec<&str>> = docs.iter().map(|d| d.sentences().map(|s| s.text.as_str()).collect()).collect();
        let inputs: Vec<Vec<Input>> = texts.iter().map(|t| document_inputs(t)).collect();
        let classified = self.classify_documents(&inputs)?;
        let mut truncated = 0;
        for (doc, out) in docs.iter_mut().zip(classified) {
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
    if meta.int8_smoothing.is_some() {
        let ranges = dir.join(head::CALIBRATION_FILE);
        crate::models::safetensors_header(&ranges)?;
        files.push(ranges);
    }
    let note = match &meta.int8 {
        Some(check) => check.describe(),
        None => "int8 off: no dev check recorded (train with --dev to run it)".to_string(),
    };
    Ok(crate::models::hub::CheckedHead { files, notes: vec![note] })
}
