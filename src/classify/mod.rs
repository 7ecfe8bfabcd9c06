//! Sentence classification: attendance, achievement, directive or other.
//!
//! A multilingual transformer encoder (multilingual-e5-small, or any BERT/XLM-R folder)
//! embeds each sentence; a small trained head maps the embedding to a label. The
//! keyword baseline is kept as the yardstick the transformer must beat.

pub mod baseline;
pub mod encoder;
pub mod head;
pub mod train;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tch::Kind;

use crate::document::{Label, Scores};
use crate::error::{Error, Result};
use encoder::{Encoder, EncoderOptions};
use head::{Head, HeadMeta};

/// Folder names under the models directory.
pub const ENCODER_DIR: &str = "multilingual-e5-small";
pub const CLASSIFIER_DIR: &str = "classifier";

/// What the head's input is; stored with the head so a mismatch is caught at load.
pub const FEATURES: &str = "mean-pooled L2-normalised sentence embedding";

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
}

/// Predictions plus what the run should warn about.
pub struct Classified {
    pub predictions: Vec<Prediction>,
    /// Sentences cut at the encoder's token limit.
    pub truncated: usize,
}

impl Classifier {
    /// Loads `models_dir/multilingual-e5-small` and `models_dir/classifier`.
    pub fn load(models_dir: &Path, options: EncoderOptions) -> Result<Classifier> {
        let (head, meta) = Head::load(&models_dir.join(CLASSIFIER_DIR))?;
        if meta.features != FEATURES {
            return Err(Error::model(
                models_dir.join(CLASSIFIER_DIR).join(head::META_FILE),
                format!("head was trained on {:?}, this version computes {FEATURES:?}; run `vnbrief train`", meta.features),
            ));
        }
        let encoder = Encoder::load(&models_dir.join(ENCODER_DIR), options)?;
        Ok(Classifier { encoder, head, meta })
    }

    /// Changes whenever the head's files change.
    pub fn fingerprint(&self) -> &str {
        &self.head.fingerprint
    }

    pub fn classify(&self, sentences: &[&str]) -> Result<Classified> {
        if sentences.is_empty() {
            return Ok(Classified { predictions: Vec::new(), truncated: 0 });
        }
        let embedded = self.encoder.embed(sentences)?;
        let probs = self.head.predict(&embedded.vectors).to_kind(Kind::Float);
        let flat = Vec::<f32>::try_from(probs.flatten(0, -1))?;
        let predictions = flat
            .chunks_exact(4)
            .map(|c| Prediction::from_probs([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(Classified { predictions, truncated: embedded.truncated })
    }
}

/// The models directory: the flag, else `$VNBRIEF_MODELS`, else `./models` when it
/// exists, else the `models/` of the source tree this binary was built from.
pub fn models_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("VNBRIEF_MODELS") {
        return PathBuf::from(dir);
    }
    let local = PathBuf::from("models");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}
