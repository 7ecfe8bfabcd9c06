//! The stage runner: every stage loaded once, and one path through them that both
//! `run` and `eval` take.
//!
//! A document is first read ([`read_document`]: ingest → segment); then
//! [`Stages::process`] takes a batch of documents through classify → extract →
//! translate → summarize → brief. Model-backed stages batch across the documents;
//! each stage's glue lives in its own module behind a small trait
//! ([`Labeller`], [`Translator`], [`Summarize`]), so tests can plug in stages of their own.

use rayon::prelude::*;

use crate::brief::render::Templates;
use crate::brief::{self, Generated};
use crate::classify::{Classifier, Labeller};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::{self, Resources};
use crate::ingest::{self, Source};
use crate::models::seq2seq::{Arch, Seq2SeqFolder};
use crate::segment;
use crate::settings::Settings;
use crate::summarize::{Summarize, Summarizer};
use crate::timings::{Stage, Timings};
use crate::translate::{Translator, Translators};

/// Version of what the stages write. Outputs made by another version are redone; bump
/// the number after the slash whenever a stage's output changes.
pub const PIPELINE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/32");

/// Documents processed together: enough sentences for full classifier batches, few
/// enough that a big directory never sits in memory at once.
pub const CHUNK: usize = 32;

/// Input bytes past which a chunk takes no further document: a document in memory is
/// about twelve times its file's size, so 32 reports of 20 MB would need gigabytes.
pub const CHUNK_BYTES: u64 = 8 << 20;

/// Consecutive runs of `items` processed together: at most [`CHUNK`] of them, and no
/// more once their sizes reach [`CHUNK_BYTES`] (a larger item is a chunk on its own).
pub fn chunks<T>(items: &[T], size: impl Fn(&T) -> u64) -> Vec<&[T]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, item) in items.iter().enumerate() {
        if i > start && (i - start == CHUNK || bytes + size(item) > CHUNK_BYTES) {
            out.push(&items[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size(item);
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

/// Ingest and segment one document's bytes, timing both.
pub fn read_document(source: &Source, id: &str, bytes: &[u8], sha256: String, timings: &Timings) -> Result<Document> {
    let ingested = timings
        .time(Stage::Ingest, || ingest::to_text(bytes, source.format))
        .map_err(|reason| Error::ingest(&source.path, reason))?;
    let paragraphs = timings.time(Stage::Segment, || segment::segment(&ingested.text, &ingested.paragraphs));
    Ok(Document {
        id: id.to_string(),
        source: source.rel.clone(),
        sha256,
        encoding: ingested.encoding,
        format: source.format,
        pipeline_version: PIPELINE_VERSION.to_string(),
        text: ingested.text,
        paragraphs,
        facts: None,
        briefing: None,
        warnings: ingested.warnings,
    })
}

/// Which model a stage runs and why, as `index.json` records it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ModelUse {
    pub stage: String,
    pub model: String,
    pub why: String,
}

impl ModelUse {
    fn new(stage: &str, model: impl Into<String>, why: impl Into<String>) -> ModelUse {
        let use_ = ModelUse { stage: stage.into(), model: model.into(), why: why.into() };
        tracing::info!("{}: {} ({})", use_.stage, use_.model, use_.why);
        use_
    }
}

/// The loaded stages.
pub struct Stages {
    labeller: Option<Box<dyn Labeller>>,
    pub resources: Resources,
    pub translators: Translators,
    summarizer: Option<Box<dyn Summarize>>,
    /// Things about the chosen stages worth telling the user once.
    pub notes: Vec<String>,
    /// The model each stage runs, and why.
    pub models: Vec<ModelUse>,
    /// The HTML and Markdown templates.
    pub templates: Templates,
    /// The classifier's tokens per sentence (longer sentences are cut).
    token_limit: usize,
    /// The generation settings of the translator and the summarizer, part of the version.
    settings: [String; 2],
    /// Seconds per stage since loading.
    pub timings: Timings,
}

/// What a batch left to report besides the documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct Processed {
    /// Sentences cut at the classifier's token limit.
    pub truncated: usize,
}

impl Stages {
    /// Loads every stage the settings ask for. A missing model stops here, before any
    /// document is read or written.
    pub fn load(settings: &Settings) -> Result<Stages> {
        let mut models = Vec::new();
        let labeller: Option<Box<dyn Labeller>> = if settings.classify {
            let classifier =
                Classifier::load(&settings.models_dir, settings.encoder.clone(), settings.precision)?.for_labelling_only();
            let precision = classifier.precision().name();
            let why = match settings.precision {
                Some(_) => format!("installed in the models folder; {precision} by --precision"),
                None => format!("installed in the models folder; {precision} as its int8 check decided"),
            };
            let model = format!("{} + {} ({precision})", crate::classify::ENCODER_DIR, crate::classify::CLASSIFIER_DIR);
            models.push(ModelUse::new("classifier", model, why));
            Some(Box::new(classifier))
        } else {
            models.push(ModelUse::new("classifier", "none", "--no-classify"));
            None
        };
        let resources = Resources::load(settings.termbase.as_deref())?;
        let translators =
            Translators::load(&settings.translator, settings.lexicon.as_deref(), &settings.translate, settings.memory_limit)?;
        let mut notes = Vec::new();
        // The summarizer reads a Marian model's English: without one it is not loaded.
        let summarizer: Option<Box<dyn Summarize>> = match settings.summarizer.path() {
            Some(dir) if translators.marian.is_some() => {
                Some(Box::new(Summarizer::load(&Seq2SeqFolder::open(dir, Arch::Bart)?, &settings.summarize, settings.memory_limit)?))
            }
            Some(_) => {
                notes.push("the summarizer reads a Marian model's English: with no Marian translator it was not loaded, and the data-to-text summaries stand".to_string());
                None
            }
            None => None,
        };
        let translator = match settings.translator.path() {
            Some(path) => format!("marian: {}", path.display()),
            None => "rules".into(),
        };
        models.push(ModelUse::new("translator", translator, settings.translator.why()));
        let (summary, why) = match (settings.summarizer.path(), &summarizer) {
            (Some(path), Some(_)) => (format!("bart: {}", path.display()), settings.summarizer.why()),
            (Some(_), None) => ("data-to-text".into(), "a BART model was found but reads a Marian model's English".into()),
            (None, _) => ("data-to-text".into(), settings.summarizer.why()),
        };
        models.push(ModelUse::new("summarizer", summary, why));
        Ok(Stages {
            labeller,
            resources,
            translators,
            summarizer,
            notes,
            models,
            templates: Templates::load(settings.templates.as_deref())?,
            token_limit: settings.encoder.max_tokens,
            settings: [format!("{:?}", settings.translate), format!("{:?}", settings.summarize)],
            timings: Timings::default(),
        })
    }

    /// Stages from parts (tests plug in their own labeller or summarizer).
    pub fn new(
        labeller: Option<Box<dyn Labeller>>,
        resources: Resources,
        translators: Translators,
        summarizer: Option<Box<dyn Summarize>>,
    ) -> Stages {
        Stages {
            labeller,
            resources,
            translators,
            summarizer,
            notes: Vec::new(),
            models: Vec::new(),
            templates: Templates::builtin(),
            token_limit: 0,
            settings: Default::default(),
            timings: Timings::default(),
        }
    }

    /// The engine that translates sentences.
    pub fn translator(&self) -> &dyn Translator {
        self.translators.sentences()
    }

    pub fn token_limit(&self) -> usize {
        self.token_limit
    }

    pub fn classifies(&self) -> bool {
        self.labeller.is_some()
    }

    pub fn summarizes(&self) -> bool {
        self.summarizer.is_some()
    }

    /// The version written into outputs: the code's version plus the models and settings
    /// that shaped them, so that installing or retraining a model redoes the documents.
    pub fn version(&self) -> String {
        let mut v = match &self.labeller {
            Some(l) => {
                let f = l.fingerprint();
                format!("{PIPELINE_VERSION}+head:{}", &f[..12.min(f.len())])
            }
            None => format!("{PIPELINE_VERSION}+unclassified"),
        };
        let t = self.translator();
        v.push_str(&format!("+{}@{}", t.name(), tag(&t.fingerprint(), &self.settings[0])));
        if let Some(s) = &self.summarizer {
            v.push_str(&format!("+bart:{}@{}", s.name(), tag(&s.fingerprint(), &self.settings[1])));
        }
        if let Some(hash) = self.templates.custom() {
            v.push_str(&format!("+templates@{hash}"));
        }
        v
    }

    /// Takes read documents through every stage: labels (unless no classifier is loaded:
    /// then labels already there, such as gold ones, stay), facts, English, a summary and
    /// the briefing. Warnings go into each document.
    pub fn process(&self, docs: &mut [Document]) -> Result<Processed> {
        let mut processed = Processed::default();
        let t = &self.timings;
        let mut refs: Vec<&mut Document> = docs.iter_mut().collect();
        if let Some(labeller) = &self.labeller {
            processed.truncated += t.time(Stage::Classify, || labeller.label_documents(&mut refs))?;
        }
        // The rules stages run across documents in parallel (rayon); each document's
        // result depends on it alone, so the output is the same as one by one.
        let (resources, rules) = (&self.resources, &self.translators.rules);
        t.time(Stage::Extract, || {
            refs.par_iter_mut().for_each(|doc| doc.facts = Some(extract::extract(doc, resources)));
        });
        t.time(Stage::Translate, || self.translator().translate_documents(&mut refs))?;
        let summaries = t.time(Stage::Summarize, || match &self.summarizer {
            Some(s) => s.summarize_documents(&refs.iter().map(|d| &**d).collect::<Vec<_>>()),
            None => Ok(vec![None; refs.len()]),
        })?;
        let briefing_start = std::time::Instant::now();
        let model = self.summarizer.as_ref().map(|s| s.name().to_string());
        let translator = self.translator().name().to_string();
        refs.into_par_iter().zip(summaries).for_each(|(doc, summary)| {
            let generated = match (&summary, &model) {
                (Some(text), Some(model)) => Some(Generated { text, model }),
                _ => None,
            };
            let facts = doc.facts.take().unwrap_or_default();
            let (briefing, warnings) = brief::build(doc, &facts, resources, rules, &translator, generated);
            doc.warnings.extend(warnings);
            doc.facts = Some(facts);
            doc.briefing = Some(briefing);
        });
        // The data-to-text summary and key figures are written here: summary work.
        t.add(Stage::Summarize, briefing_start.elapsed());
        Ok(processed)
    }
}

/// A short tag for a model's weights and the generation settings used with it.
fn tag(weights: &str, settings: &str) -> String {
    crate::hash::short_sha256_hex(format!("{weights}|{settings}").as_bytes(), 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_hold_at_most_32_documents_and_about_8_mib() {
        let small = vec![2_000u64; 70];
        let sizes: Vec<usize> = chunks(&small, |&b| b).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [32, 32, 6]);

        // Big documents go one by one; small ones after them fill a chunk up to the budget.
        let mb = 1u64 << 20;
        let mixed = [20 * mb, 20 * mb, 3 * mb, 3 * mb, 3 * mb, 1_000, 9 * mb];
        let got: Vec<Vec<u64>> = chunks(&mixed, |&b| b).iter().map(|c| c.to_vec()).collect();
        assert_eq!(got, [vec![20 * mb], vec![20 * mb], vec![3 * mb, 3 * mb], vec![3 * mb, 1_000], vec![9 * mb]]);
        assert!(chunks(&[] as &[u64], |&b| b).is_empty());
    }
}
