//! `vnbrief eval`: scores the pipeline against labeled samples.
//!
//! Each sample becomes a document of its gold sentences (so a segmentation error never
//! counts twice) and goes through the same [`Stages::process`] as `run`: the scores are
//! of what `run` writes. Without a classifier the gold labels stay on the sentences.
//! Segmentation is scored apart, by reading the sample's text as `run` reads a text file.
//!
//! The JSON report's keys are a contract: later stages add keys, never rename them.

pub mod text_metrics;

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::classify::{baseline, Labeller};
use crate::document::{Document, Format, Label, Paragraph, Sentence, Span};
use crate::error::Result;
use crate::ingest::Source;
use crate::samples::{Sample, SampleSet};
use crate::stages::{read_document, Stages, CHUNK};
use crate::timings::Timings;
pub use crate::metrics;
use metrics::{ClassificationMetrics, Prf};

#[derive(Debug, Serialize)]
pub struct Report {
    pub documents: usize,
    /// Gold sentences.
    pub sentences: usize,
    /// Lines of the samples files that broke the format and were skipped.
    pub skipped_lines: usize,
    pub segmentation: Prf,
    /// The transformer classifier on the gold sentences (absent when run without a model).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<ClassificationMetrics>,
    /// The keyword classifier on the same sentences: the yardstick.
    pub baseline: ClassificationMetrics,
    /// Extracted figures against `facts.figures`, matched by value within a document
    /// (documents without gold figures are left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<Prf>,
    /// The people found chairing against `facts.chairs` (names after NFC and case folding).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chairs: Option<Prf>,
    /// Gold sentences cut at the encoder's token limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated_sentences: Option<usize>,
    /// `translation: {chrf}` and `summary: {rouge1, rouge2, rougeL}`, when a translator
    /// (and a summarizer) is installed and the samples carry references.
    #[serde(flatten)]
    pub generation: GenerationReport,
    /// Per-document segmentation errors, for `--show-errors`; not part of the JSON.
    #[serde(skip)]
    pub segmentation_errors: Vec<SegmentationError>,
    /// Sentences the transformer labelled wrongly, for `--show-errors`.
    #[serde(skip)]
    pub classification_errors: Vec<ClassificationError>,
    /// Per document: gold figures not found, and found figures not in the gold.
    #[serde(skip)]
    pub figure_errors: Vec<(String, Vec<String>, Vec<String>)>,
    /// Per document: gold chairs not found, and chairs found that are not in the gold.
    #[serde(skip)]
    pub chair_errors: Vec<(String, Vec<String>, Vec<String>)>,
}

#[derive(Debug, Clone)]
pub struct ClassificationError {
    pub id: String,
    pub text: String,
    pub gold: Label,
    pub predicted: Label,
}

#[derive(Debug, Clone)]
pub struct SegmentationError {
    pub id: String,
    /// Gold sentences not predicted.
    pub missed: Vec<String>,
    /// Predicted sentences not in the gold.
    pub spurious: Vec<String>,
}

/// Evaluates everything the stages can be scored on; classification only with a
/// classifier, summaries only with a summarizer.
pub fn evaluate(set: &SampleSet, stages: &Stages) -> Result<Report> {
    let mut counts = metrics::Counts::default();
    let mut segmentation_errors = Vec::new();
    for sample in &set.samples {
        let (c, err) = score_segmentation(sample)?;
        counts.add(c);
        segmentation_errors.extend(err);
    }
    let (docs, truncated) = process_samples(set, stages)?;
    let classes = score_classification(set, &docs, stages.classifies().then_some(truncated));
    let (figures, figure_errors) = score_figures(set, &docs);
    let (chairs, chair_errors) = score_chairs(set, &docs);
    Ok(Report {
        figures,
        figure_errors,
        chairs,
        chair_errors,
        documents: set.samples.len(),
        sentences: set.samples.iter().map(|s| s.sentences.len()).sum(),
        skipped_lines: set.skipped.len(),
        segmentation: counts.prf(),
        classification: classes.classification,
        baseline: classes.baseline,
        truncated_sentences: classes.truncated_sentences,
        segmentation_errors,
        classification_errors: classes.errors,
        generation: GenerationReport {
            translation: score_translation(set, &docs),
            summary: stages.summarizes().then(|| score_summaries(set, &docs)).flatten(),
        },
    })
}

/// The samples as documents of their gold sentences, through the stages in chunks as
/// `run` takes them; returns them (in sample order) and the count of truncated sentences.
pub fn process_samples(set: &SampleSet, stages: &Stages) -> Result<(Vec<Document>, usize)> {
    let mut docs: Vec<Document> = set.samples.iter().map(sample_document).collect();
    let mut truncated = 0;
    for chunk in docs.chunks_mut(CHUNK) {
        truncated += stages.process(chunk)?.truncated;
    }
    Ok((docs, truncated))
}

/// Classification scores on the gold sentences themselves, so that a segmentation
/// error never counts twice.
#[derive(Debug, Serialize)]
pub struct ClassificationReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<ClassificationMetrics>,
    pub baseline: ClassificationMetrics,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated_sentences: Option<usize>,
    #[serde(skip)]
    pub errors: Vec<ClassificationError>,
}

/// The classifier alone on the samples (`vnbrief train` reports it on its dev split):
/// the samples' documents labelled by the same glue the stage runner calls.
pub fn classification_report(set: &SampleSet, labeller: &dyn Labeller) -> Result<ClassificationReport> {
    Ok(classification_labels(set, labeller)?.0)
}

/// [`classification_report`] and the predicted labels it scored, sentence by sentence.
pub fn classification_labels(set: &SampleSet, labeller: &dyn Labeller) -> Result<(ClassificationReport, Vec<Label>)> {
    let mut docs: Vec<Document> = set.samples.iter().map(sample_document).collect();
    let mut truncated = 0;
    for chunk in docs.chunks_mut(CHUNK) {
        truncated += labeller.label_documents(&mut chunk.iter_mut().collect::<Vec<_>>())?;
    }
    let labels = docs.iter().flat_map(|d| d.sentences().map(|s| s.label.unwrap_or(Label::Other))).collect();
    Ok((score_classification(set, &docs, Some(truncated)), labels))
}

/// The labels on `docs` (one per sample, in order) against the gold; `truncated` is
/// `None` when the labels are the gold ones (no classifier ran).
fn score_classification(set: &SampleSet, docs: &[Document], truncated: Option<usize>) -> ClassificationReport {
    let gold: Vec<(&str, &str, Label)> = set
        .samples
        .iter()
        .flat_map(|s| s.sentences.iter().map(|(g, _)| (s.id.as_str(), g.text.as_str(), g.label)))
        .collect();
    let baseline_pairs: Vec<(Label, Label)> =
        gold.iter().map(|&(_, text, label)| (label, baseline::classify(text))).collect();
    let mut errors = Vec::new();
    let classification = truncated.map(|_| {
        let predicted: Vec<Label> = docs.iter().flat_map(|d| d.sentences().map(|s| s.label.unwrap_or(Label::Other))).collect();
        let pairs: Vec<(Label, Label)> = gold.iter().zip(&predicted).map(|(&(_, _, g), &p)| (g, p)).collect();
        for (&(id, text, gold), &p) in gold.iter().zip(&predicted) {
            if gold != p {
                errors.push(ClassificationError { id: id.to_string(), text: text.to_string(), gold, predicted: p });
            }
        }
        ClassificationMetrics::from_pairs(&pairs)
    });
    ClassificationReport {
        classification,
        baseline: ClassificationMetrics::from_pairs(&baseline_pairs),
        truncated_sentences: truncated,
        errors,
    }
}

/// The figures extracted from each document against its gold figures: a predicted
/// figure is correct when its value equals a not yet matched gold value.
#[allow(clippy::type_complexity)]
fn score_figures(set: &SampleSet, docs: &[Document]) -> (Option<Prf>, Vec<(String, Vec<String>, Vec<String>)>) {
    let mut counts = metrics::Counts::default();
    let mut any = false;
    let mut errors = Vec::new();
    for (sample, doc) in set.samples.iter().zip(docs) {
        let Some(gold) = sample.facts.as_ref().and_then(|f| f.figures.as_ref()) else {
            continue;
        };
        any = true;
        let predicted: Vec<&crate::document::Figure> = doc.facts.iter().flat_map(|f| f.figures.iter().map(|f| &f.figure)).collect();
        let mut unmatched: Vec<&crate::samples::GoldFigure> = gold.iter().collect();
        let mut spurious = Vec::new();
        for f in &predicted {
            match unmatched.iter().position(|g| same_value(g.value, f.value)) {
                Some(k) => {
                    unmatched.remove(k);
                }
                None => spurious.push(format!("{} ({})", f.text, f.value)),
            }
        }
        let correct = predicted.len() - spurious.len();
        counts.add(metrics::Counts { predicted: predicted.len(), gold: gold.len(), correct });
        if !unmatched.is_empty() || !spurious.is_empty() {
            let missed = unmatched.iter().map(|g| format!("{} ({})", g.text, g.value)).collect();
            errors.push((sample.id.clone(), missed, spurious));
        }
    }
    (any.then(|| counts.prf()), errors)
}

/// The chairs extracted from each document against its gold chairs (names after NFC
/// and case folding).
#[allow(clippy::type_complexity)]
fn score_chairs(set: &SampleSet, docs: &[Document]) -> (Option<Prf>, Vec<(String, Vec<String>, Vec<String>)>) {
    use crate::extract::people::same_name;
    let mut counts = metrics::Counts::default();
    let mut any = false;
    let mut errors = Vec::new();
    for (sample, doc) in set.samples.iter().zip(docs) {
        let Some(gold) = sample.facts.as_ref().and_then(|f| f.chairs.as_ref()) else {
            continue;
        };
        any = true;
        let predicted: &[String] = doc.facts.as_ref().map_or(&[], |f| f.chairs.as_slice());
        let correct = predicted.iter().filter(|p| gold.iter().any(|g| same_name(g, p))).count();
        counts.add(metrics::Counts { predicted: predicted.len(), gold: gold.len(), correct });
        let missed: Vec<String> = gold.iter().filter(|g| !predicted.iter().any(|p| same_name(g, p))).cloned().collect();
        let spurious: Vec<String> = predicted.iter().filter(|p| !gold.iter().any(|g| same_name(g, p))).cloned().collect();
        if !missed.is_empty() || !spurious.is_empty() {
            errors.push((sample.id.clone(), missed, spurious));
        }
    }
    (any.then(|| counts.prf()), errors)
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Segments the sample's rebuilt text as `run` would a plain-text file and compares
/// sentence spans: a predicted sentence is correct when its position (and so its
/// trimmed text) equals a gold sentence's.
fn score_segmentation(sample: &Sample) -> Result<(metrics::Counts, Option<SegmentationError>)> {
    let source = Source { path: sample.id.clone().into(), rel: sample.id.clone(), format: Format::Text };
    let doc = read_document(&source, &sample.id, sample.text.as_bytes(), String::new(), &Timings::default())?;
    let predicted: Vec<Span> = doc.sentences().map(|s| Span { start: s.start, end: s.end }).collect();
    let gold: HashSet<Span> = sample.sentences.iter().map(|(_, span)| *span).collect();
    let pred: HashSet<Span> = predicted.iter().copied().collect();
    let correct = pred.intersection(&gold).count();
    let counts = metrics::Counts {
        predicted: pred.len(),
        gold: gold.len(),
        correct,
    };
    let error = (correct != gold.len() || correct != pred.len()).then(|| {
        let chars: Vec<char> = sample.text.chars().collect();
        let text = |s: &Span| chars[s.start..s.end].iter().collect::<String>();
        SegmentationError {
            id: sample.id.clone(),
            missed: sample
                .sentences
                .iter()
                .filter(|(_, s)| !pred.contains(s))
                .map(|(_, s)| text(s))
                .collect(),
            spurious: predicted.iter().filter(|s| !gold.contains(s)).map(text).collect(),
        }
    });
    Ok((counts, error))
}

/// The report as a readable table.
pub fn render_table(report: &Report, show_errors: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} documents, {} gold sentences{}",
        report.documents,
        report.sentences,
        if report.skipped_lines > 0 {
            format!(", {} malformed lines skipped", report.skipped_lines)
        } else {
            String::new()
        }
    );
    let _ = writeln!(out, "\n{:<16} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}", "task", "precision", "recall", "f1", "correct", "predicted", "gold");
    let row = |out: &mut String, name: &str, m: &Prf| {
        let _ = writeln!(
            out,
            "{:<16} {:>9.4} {:>9.4} {:>9.4} {:>9} {:>9} {:>9}",
            name, m.precision, m.recall, m.f1, m.correct, m.predicted, m.gold
        );
    };
    row(&mut out, "segmentation", &report.segmentation);
    if let Some(f) = &report.figures {
        row(&mut out, "figures", f);
    }
    if let Some(c) = &report.chairs {
        row(&mut out, "chairs", c);
    }
    if let Some(t) = &report.generation.translation {
        let _ = writeln!(
            out,
            "{:<16} chrF {:.2} over {} sentences; {:.2}% of English words with Vietnamese letters",
            "translation",
            t.chrf,
            t.sentences,
            t.vietnamese_words * 100.0
        );
    }
    if let Some(s) = &report.generation.summary {
        let _ = writeln!(
            out,
            "{:<16} ROUGE-1 {:.4}  ROUGE-2 {:.4}  ROUGE-L {:.4} over {} documents ({} not abstractive)",
            "summary", s.rouge1, s.rouge2, s.rouge_l, s.documents, s.fallbacks
        );
    }
    let _ = writeln!(out, "\n{:<16} {:>9} {:>9}   per-label f1 (attendance achievement directive other)", "classifier", "accuracy", "macro-f1");
    let class_row = |out: &mut String, name: &str, m: &ClassificationMetrics| {
        let f1s: Vec<String> = Label::ALL.iter().map(|l| format!("{:.3}", m.per_label[l.as_str()].f1)).collect();
        let _ = writeln!(out, "{:<16} {:>9.4} {:>9.4}   {}", name, m.accuracy, m.macro_f1, f1s.join("  "));
    };
    if let Some(m) = &report.classification {
        class_row(&mut out, "transformer", m);
    }
    class_row(&mut out, "keyword baseline", &report.baseline);
    if show_errors {
        if !report.classification_errors.is_empty() {
            let _ = writeln!(out, "\nmisclassified (gold → predicted):");
        }
        for e in &report.classification_errors {
            let _ = writeln!(out, "  {}: {} → {}: {}", e.id, e.gold.as_str(), e.predicted.as_str(), e.text);
        }
        let listed = report.figure_errors.iter().map(|e| ("figures", e)).chain(report.chair_errors.iter().map(|e| ("chairs", e)));
        for (what, (id, missed, spurious)) in listed {
            let _ = writeln!(out, "\n{what} in {id}:");
            for m in missed {
                let _ = writeln!(out, "  - missed:   {m}");
            }
            for m in spurious {
                let _ = writeln!(out, "  + spurious: {m}");
            }
        }
        for e in &report.segmentation_errors {
            let _ = writeln!(out, "\n{}:", e.id);
            for s in &e.missed {
                let _ = writeln!(out, "  - missed:   {s}");
            }
            for s in &e.spurious {
                let _ = writeln!(out, "  + spurious: {s}");
            }
        }
    }
    out
}

/// Scores of the translator and the summarizer.
#[derive(Debug, Default, Serialize)]
pub struct GenerationReport {
    /// chrF of the translator on gold sentences that carry a reference `translation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<TranslationScore>,
    /// ROUGE of the abstractive summary against `summary_en`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<SummaryScore>,
}

#[derive(Debug, Serialize)]
pub struct TranslationScore {
    pub chrf: f64,
    pub sentences: usize,
    /// Share of English words carrying Vietnamese letters (the target is at most 0.01).
    pub vietnamese_words: f64,
    /// Every scored sentence (`eval --translations FILE` writes them).
    #[serde(skip)]
    pub lines: Vec<TranslationLine>,
}

/// One scored sentence: the source, the translation, the reference and its chrF.
#[derive(Debug, Serialize)]
pub struct TranslationLine {
    pub text: String,
    pub translation: String,
    pub reference: String,
    pub chrf: f64,
}

#[derive(Debug, Serialize)]
pub struct SummaryScore {
    pub rouge1: f64,
    pub rouge2: f64,
    #[serde(rename = "rougeL")]
    pub rouge_l: f64,
    pub documents: usize,
    /// Documents whose summary was not abstractive (nothing survived the number rule).
    pub fallbacks: usize,
}

/// chrF of each document's English against the reference translations, where the
/// samples carry them.
fn score_translation(set: &SampleSet, docs: &[Document]) -> Option<TranslationScore> {
    let mut lines = Vec::new();
    for (sample, doc) in set.samples.iter().zip(docs) {
        for ((g, _), s) in sample.sentences.iter().zip(doc.sentences()) {
            if let Some(reference) = &g.translation {
                let translation = s.translation.clone().unwrap_or_default();
                let chrf = text_metrics::chrf(&[(translation.clone(), reference.clone())]).unwrap_or(0.0);
                lines.push(TranslationLine { text: g.text.clone(), translation, reference: reference.clone(), chrf });
            }
        }
    }
    let pairs: Vec<(String, String)> = lines.iter().map(|l| (l.translation.clone(), l.reference.clone())).collect();
    text_metrics::chrf(&pairs).map(|chrf| TranslationScore {
        chrf,
        sentences: pairs.len(),
        vietnamese_words: vietnamese_word_share(pairs.iter().map(|p| p.0.as_str())),
        lines,
    })
}

/// ROUGE of the abstractive summaries against `summary_en`; a document whose summary
/// fell back to data-to-text scores as an empty summary.
fn score_summaries(set: &SampleSet, docs: &[Document]) -> Option<SummaryScore> {
    let mut pairs = Vec::new();
    let mut fallbacks = 0;
    for (sample, doc) in set.samples.iter().zip(docs) {
        let Some(reference) = &sample.summary_en else { continue };
        let Some(b) = &doc.briefing else { continue };
        if crate::summarize::summary_input(doc).is_none() {
            continue; // nothing to summarise
        }
        if b.summary.method.starts_with("abstractive:") {
            pairs.push((b.summary.text.clone(), reference.clone()));
        } else {
            fallbacks += 1;
            pairs.push((String::new(), reference.clone()));
        }
    }
    text_metrics::mean_rouge(&pairs).map(|r| SummaryScore {
        rouge1: r.rouge1,
        rouge2: r.rouge2,
        rouge_l: r.rouge_l,
        documents: pairs.len(),
        fallbacks,
    })
}

/// The share of English words that carry a Vietnamese letter (a diacritic or đ).
fn vietnamese_word_share<'a>(texts: impl Iterator<Item = &'a str>) -> f64 {
    let (mut vi, mut all) = (0usize, 0usize);
    for w in texts.flat_map(str::split_whitespace) {
        all += 1;
        vi += crate::translate::rules::english::has_vietnamese_letters(w) as usize;
    }
    if all == 0 { 0.0 } else { vi as f64 / all as f64 }
}

/// A sample as a document of its gold paragraphs and sentences, labelled with the gold.
pub fn sample_document(sample: &Sample) -> Document {
    let mut sentences = sample.sentences.iter().map(|(g, span)| {
        let mut s = Sentence::new(g.text.clone(), span.start, span.end);
        s.label = Some(g.label);
        s
    });
    let paragraphs = sample
        .paragraph_lengths
        .iter()
        .map(|&n| {
            let sentences: Vec<Sentence> = sentences.by_ref().take(n).collect();
            let start = sentences.first().map_or(0, |s| s.start);
            let end = sentences.last().map_or(start, |s| s.end);
            Paragraph { start, end, sentences }
        })
        .collect();
    Document { paragraphs, ..Document::one_paragraph(&sample.id, sample.text.clone(), Vec::new()) }
}
