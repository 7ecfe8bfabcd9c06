//! `vnbrief eval`: scores the pipeline against labeled samples.
//!
//! The JSON report's keys are a contract: later stages add keys, never rename them.

pub mod metrics;
pub mod text_metrics;

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::classify::{baseline, Classifier};
use crate::document::{Label, Span};
use crate::error::Result;
use crate::ingest;
use crate::samples::{Sample, SampleSet};
use crate::segment;
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

/// Evaluates everything the pipeline can be scored on; classification only with a model.
pub fn evaluate(set: &SampleSet, classifier: Option<&Classifier>) -> Result<Report> {
    let mut counts = metrics::Counts::default();
    let mut errors = Vec::new();
    for sample in &set.samples {
        let (c, err) = score_segmentation(sample);
        counts.add(c);
        errors.extend(err);
    }
    let classes = classification_report(set, classifier)?;
    let (figures, figure_errors) = score_figures(set);
    let (chairs, chair_errors) = score_chairs(set);
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
        segmentation_errors: errors,
        classification_errors: classes.errors,
        generation: GenerationReport::default(),
    })
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

pub fn classification_report(set: &SampleSet, classifier: Option<&Classifier>) -> Result<ClassificationReport> {
    let gold: Vec<(&str, &str, Label)> = set
        .samples
        .iter()
        .flat_map(|s| s.sentences.iter().map(|(g, _)| (s.id.as_str(), g.text.as_str(), g.label)))
        .collect();
    let baseline_pairs: Vec<(Label, Label)> =
        gold.iter().map(|&(_, text, label)| (label, baseline::classify(text))).collect();
    let mut errors = Vec::new();
    let (classification, truncated_sentences) = match classifier {
        Some(c) => {
            let out = c.classify(&crate::classify::train::sample_inputs(set))?;
            let pairs: Vec<(Label, Label)> =
                gold.iter().zip(&out.predictions).map(|(&(_, _, g), p)| (g, p.label)).collect();
            for (&(id, text, gold), p) in gold.iter().zip(&out.predictions) {
                if gold != p.label {
                    errors.push(ClassificationError {
                        id: id.to_string(),
                        text: text.to_string(),
                        gold,
                        predicted: p.label,
                    });
                }
            }
            (Some(ClassificationMetrics::from_pairs(&pairs)), Some(out.truncated))
        }
        None => (None, None),
    };
    Ok(ClassificationReport {
        classification,
        baseline: ClassificationMetrics::from_pairs(&baseline_pairs),
        truncated_sentences,
        errors,
    })
}

/// Figures found in each document's gold sentences against its gold figures: a
/// predicted figure is correct when its value equals a not yet matched gold value.
#[allow(clippy::type_complexity)]
fn score_figures(set: &SampleSet) -> (Option<Prf>, Vec<(String, Vec<String>, Vec<String>)>) {
    let mut counts = metrics::Counts::default();
    let mut any = false;
    let mut errors = Vec::new();
    for sample in &set.samples {
        let Some(gold) = sample.facts.as_ref().and_then(|f| f.figures.as_ref()) else {
            continue;
        };
        any = true;
        let predicted: Vec<crate::extract::numbers::Figure> = sample
            .sentences
            .iter()
            .flat_map(|(g, _)| crate::extract::numbers::find_figures(&g.text))
            .collect();
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

#[allow(clippy::type_complexity)]
fn score_chairs(set: &SampleSet) -> (Option<Prf>, Vec<(String, Vec<String>, Vec<String>)>) {
    use crate::extract::people;
    let mut counts = metrics::Counts::default();
    let mut any = false;
    let mut errors = Vec::new();
    for sample in &set.samples {
        let Some(gold) = sample.facts.as_ref().and_then(|f| f.chairs.as_ref()) else {
            continue;
        };
        any = true;
        let texts: Vec<&str> = sample.sentences.iter().map(|(g, _)| g.text.as_str()).collect();
        let predicted = people::chairs(&texts);
        let correct = predicted.iter().filter(|p| gold.iter().any(|g| people::same_name(g, p))).count();
        counts.add(metrics::Counts { predicted: predicted.len(), gold: gold.len(), correct });
        let missed: Vec<String> = gold.iter().filter(|g| !predicted.iter().any(|p| people::same_name(g, p))).cloned().collect();
        let spurious: Vec<String> = predicted.iter().filter(|p| !gold.iter().any(|g| people::same_name(g, p))).cloned().collect();
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
fn score_segmentation(sample: &Sample) -> (metrics::Counts, Option<SegmentationError>) {
    let paragraphs = ingest::text_paragraphs(&sample.text);
    let predicted: Vec<Span> = segment::segment(&sample.text, &paragraphs)
        .into_iter()
        .flat_map(|p| p.sentences)
        .map(|s| Span { start: s.start, end: s.end })
        .collect();
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
    (counts, error)
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

/// Runs the translator and summarizer over the samples as `run` would (gold
/// sentences, the classifier's labels, or the gold ones without a classifier) and
/// scores them where the samples carry references.
pub fn evaluate_generation(
    set: &SampleSet,
    classifier: Option<&Classifier>,
    translator: &dyn crate::translate::Translator,
    summarizer: Option<&crate::summarize::Summarizer>,
    res: &crate::extract::Resources,
) -> Result<GenerationReport> {
    // Translation: every gold sentence with a reference, translated as `run` would:
    // facts extracted, labels from the classifier (the gold ones without it).
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for sample in set.samples.iter().filter(|s| s.sentences.iter().any(|(g, _)| g.translation.is_some())) {
        let mut doc = labelled_document(sample, classifier)?;
        doc.facts = Some(crate::extract::extract(&doc, res));
        translator.translate_documents(&mut [&mut doc])?;
        for ((g, _), s) in sample.sentences.iter().zip(doc.sentences()) {
            if let Some(reference) = &g.translation {
                pairs.push((s.translation.clone().unwrap_or_default(), reference.clone()));
                sources.push(g.text.clone());
            }
        }
    }
    let translation = text_metrics::chrf(&pairs).map(|chrf| TranslationScore {
        chrf,
        sentences: pairs.len(),
        vietnamese_words: vietnamese_word_share(pairs.iter().map(|p| p.0.as_str())),
        lines: sources
            .into_iter()
            .zip(&pairs)
            .map(|(text, (hyp, reference))| TranslationLine {
                chrf: text_metrics::chrf(&[(hyp.clone(), reference.clone())]).unwrap_or(0.0),
                text,
                translation: hyp.clone(),
                reference: reference.clone(),
            })
            .collect(),
    });

    // Summaries: documents with a reference summary.
    let summary = match summarizer {
        None => None,
        Some(summarizer) => {
            let mut pairs = Vec::new();
            let mut fallbacks = 0;
            for sample in set.samples.iter().filter(|s| s.summary_en.is_some()) {
                let mut doc = labelled_document(sample, classifier)?;
                doc.facts = Some(crate::extract::extract(&doc, res));
                translator.translate_documents(&mut [&mut doc])?;
                let facts = doc.facts.take().unwrap_or_default();
                let Some(input) = crate::summarize::summary_input(&doc) else { continue };
                let text = summarizer.summarize(&[input])?.pop().unwrap_or_default();
                let (kept, _) = crate::brief::abstractive_summary(&doc, &facts, &text, &summarizer.name);
                match kept {
                    Some(s) => pairs.push((s.text, sample.summary_en.clone().unwrap_or_default())),
                    None => {
                        fallbacks += 1;
                        pairs.push((String::new(), sample.summary_en.clone().unwrap_or_default()));
                    }
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
    };
    Ok(GenerationReport { translation, summary })
}

/// A sample's document labelled as `run` would label it: by the classifier when there
/// is one, else with the gold labels.
fn labelled_document(sample: &Sample, classifier: Option<&Classifier>) -> Result<crate::Document> {
    let mut doc = sample_document(sample);
    if let Some(c) = classifier {
        let texts: Vec<&str> = sample.sentences.iter().map(|(g, _)| g.text.as_str()).collect();
        let out = c.classify(&crate::classify::document_inputs(&texts))?;
        for (s, p) in doc.paragraphs[0].sentences.iter_mut().zip(out.predictions) {
            s.label = Some(p.label);
        }
    }
    Ok(doc)
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

/// A sample as a one-paragraph document of its gold sentences, labelled with the gold.
pub fn sample_document(sample: &Sample) -> crate::Document {
    let sentences: Vec<crate::document::Sentence> = sample
        .sentences
        .iter()
        .map(|(g, span)| {
            let mut s = crate::document::Sentence::new(g.text.clone(), span.start, span.end);
            s.label = Some(g.label);
            s
        })
        .collect();
    crate::Document::one_paragraph(&sample.id, sample.text.clone(), sentences)
}
