//! `vnbrief run`: every document under a directory through the stages, in order:
//! ingest → segment → classify → per-document JSON, then `index.json`.
//!
//! Documents go through in chunks: each chunk is ingested and segmented, then all its
//! sentences are classified together (the encoder batches them by length), then written.
//! One bad document never stops the others: its failure is recorded in the index and
//! on stderr, and the run goes on.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::classify::encoder::EncoderOptions;
use crate::config::Config;
use crate::models::hub::Choice;
use crate::models::seq2seq::{Arch, Seq2SeqFolder};
use crate::summarize::Summarizer;
use crate::translate::{RulesTranslator, Translator, Translators};
use crate::classify::Classifier;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::ingest::{self, Source};
use crate::output;
use crate::segment;

/// Version of what `run` writes. Outputs made by another version are redone; bump the
/// number after the slash whenever a stage's output changes.
pub const PIPELINE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/4");

/// Output formats of `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub json: bool,
    pub markdown: bool,
    pub html: bool,
}

impl Formats {
    pub const ALL: Formats = Formats { json: true, markdown: true, html: true };

    /// "json,md,html" in any order and combination.
    pub fn parse(s: &str) -> std::result::Result<Formats, String> {
        let mut f = Formats { json: false, markdown: false, html: false };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "json" => f.json = true,
                "md" | "markdown" => f.markdown = true,
                "html" => f.html = true,
                other => return Err(format!("unknown format {other:?} (json, md, html)")),
            }
        }
        if f == (Formats { json: false, markdown: false, html: false }) {
            return Err("no format given (json, md, html)".into());
        }
        Ok(f)
    }
}

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub input: PathBuf,
    pub out: PathBuf,
    pub max_bytes: u64,
    /// Redo documents whose output is up to date.
    pub force: bool,
    /// No progress bar and no closing summary (failures are still reported).
    pub quiet: bool,
    pub models_dir: PathBuf,
    /// Run the classifier (it needs the installed models).
    pub classify: bool,
    pub encoder: EncoderOptions,
    pub formats: Formats,
    /// A termbase to use instead of the shipped one.
    pub termbase: Option<PathBuf>,
    /// A lexicon file whose entries win over the rules translator's shipped ones.
    pub lexicon: Option<PathBuf>,
    /// The translator and summarizer (see [`crate::models::hub::choose`]).
    pub translator: Choice,
    pub summarizer: Choice,
    /// Generation settings and the memory limit.
    pub config: Config,
}

/// Documents classified together: large enough for full batches, small enough that a
/// big directory never sits in memory at once.
const CHUNK: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Failed,
}

/// One line of `index.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: String,
    pub source: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The JSON output, relative to the output folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraphs: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentences: Option<usize>,
    /// True when the output was already up to date and was kept.
    #[serde(default)]
    pub cached: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Index {
    pub pipeline_version: String,
    pub input: String,
    pub documents: usize,
    pub ok: usize,
    pub failed: usize,
    pub cached: usize,
    pub entries: Vec<IndexEntry>,
    /// Files under the input that vnbrief does not read (by extension).
    pub ignored: Vec<String>,
    /// Things about the run worth knowing that failed nothing.
    pub warnings: Vec<String>,
}

/// Runs the pipeline over `opts.input`; returns the index it wrote.
pub fn run(opts: &RunOptions) -> Result<Index> {
    if !opts.input.is_dir() {
        return Err(Error::Usage(format!(
            "{}: input is not a directory",
            opts.input.display()
        )));
    }
    // Models load first: a missing model stops the run before anything is written.
    let classifier = if opts.classify {
        Some(Classifier::load(&opts.models_dir, opts.encoder.clone())?)
    } else {
        None
    };
    let translators = Translators::load(&opts.translator, opts.lexicon.as_deref(), &opts.config)?;
    let translator = translators.sentences();
    let marian = translators.marian.is_some();
    // A summarizer reads the model's translations: without a Marian model it is not loaded.
    let summarizer = match opts.summarizer.path() {
        Some(dir) if marian => Some(Summarizer::load(&Seq2SeqFolder::open(dir, Arch::Bart)?, &opts.config.summarize, opts.config.memory_limit())?),
        _ => None,
    };
    let version = pipeline_version(classifier.as_ref(), &opts.config, translator, summarizer.as_ref());
    let resources = match &opts.termbase {
        Some(path) => crate::extract::Resources::with_termbase(crate::termbase::Termbase::load(path)?),
        None => crate::extract::Resources::builtin()?,
    };

    std::fs::create_dir_all(&opts.out).map_err(|e| Error::io(&opts.out, e))?;
    let found = ingest::discover(&opts.input, Some(&opts.out))?;
    let ids = assign_ids(&found.sources);

    let progress = progress_bar(found.sources.len() as u64, opts.quiet);
    let report = |line: String| progress.suspend(|| eprintln!("vnbrief: {line}"));

    let mut entries = Vec::new();
    for failure in &found.failures {
        report(format!("{}: {} (skipped)", failure.rel, failure.reason));
        entries.push(IndexEntry::failed(failure.rel.clone(), failure.rel.clone(), failure.reason.clone()));
    }
    let mut truncated = 0usize;
    let mut briefed: Vec<Document> = Vec::new();
    let jobs: Vec<(&Source, String)> = found.sources.iter().zip(ids).collect();
    for chunk in jobs.chunks(CHUNK) {
        // Ingest and segment; up-to-date and failed documents are settled here.
        let mut pending: Vec<(Document, PathBuf)> = Vec::new();
        for (source, id) in chunk {
            progress.set_message(source.rel.clone());
            match prepare(source, id, opts, &version) {
                Prepared::Cached(doc, entry) => {
                    briefed.push(doc);
                    entries.push(entry);
                    progress.inc(1);
                }
                Prepared::Done(entry) => {
                    if let Some(reason) = &entry.reason {
                        report(format!("{}: {reason} (skipped)", source.rel));
                    }
                    entries.push(entry);
                    progress.inc(1);
                }
                Prepared::Todo(doc, out_path) => pending.push((doc, out_path)),
            }
        }
        if let Some(classifier) = &classifier {
            truncated += classify_all(classifier, pending.iter_mut().map(|(d, _)| d))?;
        }
        for (doc, _) in pending.iter_mut() {
            doc.facts = Some(crate::extract::extract(doc, &resources));
        }
        progress.set_message("translating");
        translator.translate_documents(&mut pending.iter_mut().map(|(d, _)| d).collect::<Vec<_>>())?;
        let summaries = match &summarizer {
            Some(s) => {
                progress.set_message("summarizing");
                summarize_all(s, pending.iter().map(|(d, _)| d))?
            }
            None => vec![None; pending.len()],
        };
        for ((mut doc, out_path), summary) in pending.into_iter().zip(summaries) {
            let facts = doc.facts.take().unwrap_or_default();
            let (mut briefing, warnings) =
                crate::brief::build(&doc, &facts, &resources, &translators.rules, translator.name());
            doc.warnings.extend(warnings);
            if let (Some(text), Some(s)) = (summary, &summarizer) {
                let (abstractive, warnings) = crate::brief::abstractive_summary(&doc, &facts, &text, &s.name);
                doc.warnings.extend(warnings);
                if let Some(a) = abstractive {
                    briefing.summary = a;
                }
            }
            doc.facts = Some(facts);
            doc.briefing = Some(briefing);
            let entry = match write_outputs(&doc, &out_path, opts.formats) {
                Ok(()) => IndexEntry::ok(&doc, format!("{}.json", doc.id), false),
                Err(err) => {
                    report(format!("{}: {err} (skipped)", doc.source));
                    IndexEntry::failed(doc.id.clone(), doc.source.clone(), err.to_string())
                }
            };
            if entry.status == Status::Ok {
                briefed.push(doc);
            }
            entries.push(entry);
            progress.inc(1);
        }
    }
    progress.finish_and_clear();

    entries.sort_by(|a, b| a.source.cmp(&b.source));
    let failed = entries.iter().filter(|e| e.status == Status::Failed).count();
    let mut warnings = Vec::new();
    if opts.summarizer.path().is_some() && !marian {
        warnings.push("the summarizer reads a Marian model's English: with no Marian translator it was not loaded, and the data-to-text summaries stand".to_string());
    }
    if truncated > 0 {
        let limit = opts.encoder.max_tokens;
        warnings.push(format!("{truncated} sentences were cut at {limit} tokens for the classifier"));
    }
    for w in &warnings {
        report(format!("warning: {w}"));
    }
    let index = Index {
        pipeline_version: version,
        input: opts.input.display().to_string(),
        documents: entries.len(),
        ok: entries.len() - failed,
        failed,
        cached: entries.iter().filter(|e| e.cached).count(),
        entries,
        ignored: found.ignored,
        warnings,
    };
    output::write_json(&opts.out.join("index.json"), &index)?;
    briefed.sort_by(|a, b| a.source.cmp(&b.source));
    let pairs: Vec<(&Document, &crate::brief::Briefing)> =
        briefed.iter().filter_map(|d| d.briefing.as_ref().map(|b| (d, b))).collect();
    if opts.formats.markdown {
        output::write_atomic(&opts.out.join("digest.md"), crate::brief::markdown::digest(&pairs).as_bytes())?;
    }
    if opts.formats.html {
        output::write_atomic(&opts.out.join("digest.html"), crate::brief::html::digest(&pairs).as_bytes())?;
    }
    if !opts.quiet {
        eprintln!(
            "vnbrief: {} documents: {} ok ({} up to date), {} failed; output in {}",
            index.documents,
            index.ok,
            index.cached,
            index.failed,
            opts.out.display()
        );
    }
    Ok(index)
}

/// Output ids: the relative path without extension, unless two inputs would share
/// one (`a.txt`, `a.md`), in which case both keep their extension.
fn assign_ids(sources: &[Source]) -> Vec<String> {
    let stem = |rel: &str| match rel.rfind('.') {
        Some(dot) if dot > rel.rfind('/').map_or(0, |s| s + 1) => rel[..dot].to_string(),
        _ => rel.to_string(),
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in sources {
        *counts.entry(stem(&s.rel)).or_default() += 1;
    }
    sources
        .iter()
        .map(|s| {
            let id = stem(&s.rel);
            if counts[&id] > 1 {
                s.rel.clone()
            } else {
                id
            }
        })
        .collect()
}

fn progress_bar(len: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

impl IndexEntry {
    fn failed(id: String, source: String, reason: String) -> Self {
        IndexEntry {
            id,
            source,
            status: Status::Failed,
            reason: Some(reason),
            output: None,
            encoding: None,
            paragraphs: None,
            sentences: None,
            cached: false,
        }
    }

    fn ok(doc: &Document, output: String, cached: bool) -> Self {
        IndexEntry {
            id: doc.id.clone(),
            source: doc.source.clone(),
            status: Status::Ok,
            reason: None,
            output: Some(output),
            encoding: Some(doc.encoding.name().to_string()),
            paragraphs: Some(doc.paragraphs.len()),
            sentences: Some(doc.sentences().count()),
            cached,
        }
    }
}

enum Prepared {
    /// Already up to date: kept, and read back for the digest.
    Cached(Document, IndexEntry),
    /// Failed.
    Done(IndexEntry),
    /// Ingested and segmented; to be classified and written to the path.
    Todo(Document, PathBuf),
}

/// Reads, checks the cache, ingests and segments one document. Never fails the run:
/// failures become index entries.
fn prepare(source: &Source, id: &str, opts: &RunOptions, version: &str) -> Prepared {
    let rel_out = format!("{id}.json");
    let out_path = opts.out.join(&rel_out);
    let result = (|| -> Result<Prepared> {
        let bytes = ingest::read_bytes(&source.path, opts.max_bytes)?;
        let sha256 = ingest::sha256_hex(&bytes);
        if !opts.force {
            if let Some(doc) = up_to_date(&out_path, &sha256, version, opts.formats) {
                let entry = IndexEntry::ok(&doc, rel_out.clone(), true);
                return Ok(Prepared::Cached(doc, entry));
            }
        }
        let mut doc = build_document(source, id, &bytes, sha256)?;
        doc.pipeline_version = version.to_string();
        Ok(Prepared::Todo(doc, out_path.clone()))
    })();
    result.unwrap_or_else(|err| {
        // Stale outputs from an earlier run must not pass for this run's result.
        for ext in ["json", "md", "html"] {
            let _ = std::fs::remove_file(out_path.with_extension(ext));
        }
        let reason = match err {
            Error::Ingest { reason, .. } => reason,
            other => other.to_string(),
        };
        Prepared::Done(IndexEntry::failed(id.to_string(), source.rel.clone(), reason))
    })
}

/// Labels every sentence of the documents in one call; returns the truncation count.
fn classify_all<'a>(classifier: &Classifier, docs: impl Iterator<Item = &'a mut Document>) -> Result<usize> {
    let docs: Vec<&mut Document> = docs.collect();
    let texts: Vec<Vec<String>> = docs.iter().map(|d| d.sentences().map(|s| s.text.clone()).collect()).collect();
    let inputs: Vec<crate::classify::Input> = texts
        .iter()
        .flat_map(|t| crate::classify::document_inputs(&t.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    let out = classifier.classify(&inputs)?;
    let mut sentences: Vec<&mut crate::document::Sentence> =
        docs.into_iter().flat_map(|d| d.paragraphs.iter_mut().flat_map(|p| p.sentences.iter_mut())).collect();
    for (sentence, p) in sentences.iter_mut().zip(out.predictions) {
        sentence.label = Some(p.label);
        sentence.confidence = Some(p.confidence);
        sentence.scores = Some(p.scores);
    }
    Ok(out.truncated)
}

/// The words the rules translator does not know over every report under `dir`, most
/// frequent first: (word, count, the first sentence it was seen in).
pub fn unknown_words(dir: &Path, rules: &RulesTranslator, res: &crate::extract::Resources) -> Result<Vec<(String, usize, String)>> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!("{}: not a directory", dir.display())));
    }
    let found = ingest::discover(dir, None)?;
    let mut counts: HashMap<String, (usize, String)> = HashMap::new();
    for source in &found.sources {
        let Ok(bytes) = ingest::read_bytes(&source.path, ingest::DEFAULT_MAX_BYTES) else { continue };
        let sha = ingest::sha256_hex(&bytes);
        let Ok(mut doc) = build_document(source, &source.rel, &bytes, sha) else { continue };
        doc.facts = Some(crate::extract::extract(&doc, res));
        rules.translate_document(&mut doc);
        for s in doc.sentences() {
            for w in &s.untranslated {
                let e = counts.entry(w.to_lowercase()).or_insert_with(|| (0, s.text.clone()));
                e.0 += 1;
            }
        }
    }
    let mut out: Vec<(String, usize, String)> = counts.into_iter().map(|(w, (n, ex))| (w, n, ex)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

/// One summary per document (`None` for a document with nothing to summarise).
fn summarize_all<'a>(summarizer: &Summarizer, docs: impl Iterator<Item = &'a Document>) -> Result<Vec<Option<String>>> {
    let inputs: Vec<Option<Vec<String>>> = docs.map(crate::summarize::summary_input).collect();
    let present: Vec<Vec<String>> = inputs.iter().flatten().cloned().collect();
    let mut out = summarizer.summarize(&present)?.into_iter();
    Ok(inputs.iter().map(|i| i.as_ref().and_then(|_| out.next())).collect())
}

/// The version written into outputs: the code's version plus the models and settings
/// that shaped them, so that installing or retraining a model redoes the documents.
fn pipeline_version(
    classifier: Option<&Classifier>,
    config: &Config,
    translator: &dyn Translator,
    summarizer: Option<&Summarizer>,
) -> String {
    let mut v = match classifier {
        Some(c) => format!("{PIPELINE_VERSION}+head:{}", &c.fingerprint()[..12.min(c.fingerprint().len())]),
        None => format!("{PIPELINE_VERSION}+unclassified"),
    };
    v.push_str(&format!("+{}@{}", translator.name(), settings_tag(&config.translate, &translator.fingerprint())));
    if let Some(s) = summarizer {
        v.push_str(&format!("+bart:{}@{}", s.name, settings_tag(&config.summarize, &s.fingerprint)));
    }
    v
}

/// A short tag for a model's weights and the generation settings used with it.
fn settings_tag(settings: &crate::config::GenerateSection, weights: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{weights}|{settings:?}").as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Ingest and segment one document's bytes.
pub fn build_document(source: &Source, id: &str, bytes: &[u8], sha256: String) -> Result<Document> {
    let ingested =
        ingest::to_text(bytes, source.format).map_err(|reason| Error::ingest(&source.path, reason))?;
    let paragraphs = segment::segment(&ingested.text, &ingested.paragraphs);
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

/// The existing output at `path` when it was made from the same bytes by this pipeline
/// version and every requested format is there.
fn up_to_date(path: &Path, sha256: &str, version: &str, formats: Formats) -> Option<Document> {
    let bytes = std::fs::read(path).ok()?;
    let doc: Document = serde_json::from_slice(&bytes).ok()?;
    let present = (!formats.markdown || path.with_extension("md").is_file())
        && (!formats.html || path.with_extension("html").is_file());
    (doc.sha256 == sha256 && doc.pipeline_version == version && present && doc.briefing.is_some()).then_some(doc)
}

/// The document's JSON (always: it is what re-runs compare against) and the chosen
/// Markdown and HTML briefings, each written atomically.
fn write_outputs(doc: &Document, json_path: &Path, formats: Formats) -> Result<()> {
    output::write_json(json_path, doc)?;
    if let (Some(b), Some(f)) = (&doc.briefing, &doc.facts) {
        if formats.markdown {
            output::write_atomic(&json_path.with_extension("md"), crate::brief::markdown::document(doc, b).as_bytes())?;
        }
        if formats.html {
            output::write_atomic(&json_path.with_extension("html"), crate::brief::html::document(doc, f, b).as_bytes())?;
        }
    }
    Ok(())
}
