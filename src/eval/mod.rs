//! `vnbrief eval`: scores the pipeline against labeled samples.
//!
//! The JSON report's keys are a contract: later stages add keys, never rename them.

pub mod metrics;

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::document::Span;
use crate::ingest;
use crate::samples::{Sample, SampleSet};
use crate::segment;
use metrics::Prf;

#[derive(Debug, Serialize)]
pub struct Report {
    pub documents: usize,
    /// Gold sentences.
    pub sentences: usize,
    /// Lines of the samples files that broke the format and were skipped.
    pub skipped_lines: usize,
    pub segmentation: Prf,
    /// Per-document segmentation errors, for `--show-errors`; not part of the JSON.
    #[serde(skip)]
    pub segmentation_errors: Vec<SegmentationError>,
}

#[derive(Debug, Clone)]
pub struct SegmentationError {
    pub id: String,
    /// Gold sentences not predicted.
    pub missed: Vec<String>,
    /// Predicted sentences not in the gold.
    pub spurious: Vec<String>,
}

/// Evaluates everything the pipeline can be scored on.
pub fn evaluate(set: &SampleSet) -> Report {
    let mut counts = metrics::Counts::default();
    let mut errors = Vec::new();
    for sample in &set.samples {
        let (c, err) = score_segmentation(sample);
        counts.add(c);
        errors.extend(err);
    }
    Report {
        documents: set.samples.len(),
        sentences: set.samples.iter().map(|s| s.sentences.len()).sum(),
        skipped_lines: set.skipped.len(),
        segmentation: counts.prf(),
        segmentation_errors: errors,
    }
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
    if show_errors {
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
