//! Labeled samples: the JSON Lines format of `shared/spec/labeled-samples.md`, read for
//! evaluation and training. A malformed line is reported with its line number and
//! skipped; the other documents are still read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::document::{Label, Span};
use crate::error::{Error, IoContext, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    pub text: String,
    pub label: Label,
    /// Optional reference English translation (an extension of the format).
    #[serde(default)]
    pub translation: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct GoldFigure {
    pub text: String,
    pub value: f64,
    #[serde(default)]
    pub unit: Option<String>,
}

/// Gold facts; a missing list means "not annotated", an empty one "there are none".
#[derive(Debug, Clone, Deserialize, Default)]
pub struct GoldFacts {
    #[serde(default)]
    pub chairs: Option<Vec<String>>,
    #[serde(default)]
    pub figures: Option<Vec<GoldFigure>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RawSample {
    id: String,
    paragraphs: Vec<Vec<GoldSentence>>,
    #[serde(default)]
    facts: Option<GoldFacts>,
    #[serde(default)]
    summary_en: Option<String>,
}

/// One labeled document, with its text rebuilt as the spec says.
#[derive(Debug, Clone)]
pub struct Sample {
    pub id: String,
    /// Sentences of a paragraph joined by one space, paragraphs by a blank line; NFC.
    pub text: String,
    /// Gold sentences in order, with their (trimmed) spans in `text`.
    pub sentences: Vec<(GoldSentence, Span)>,
    /// How many of `sentences` each paragraph holds, in order.
    pub paragraph_lengths: Vec<usize>,
    pub facts: Option<GoldFacts>,
    pub summary_en: Option<String>,
}

#[derive(Debug, Default)]
pub struct SampleSet {
    pub samples: Vec<Sample>,
    /// Lines that broke the format, as errors naming file and line.
    pub skipped: Vec<Error>,
}

/// Reads every file (or every `.jsonl` under a directory) in order.
pub fn read_all(paths: &[PathBuf]) -> Result<SampleSet> {
    let mut set = SampleSet::default();
    for file in expand(paths)? {
        read_file(&file, &mut set)?;
    }
    Ok(set)
}

/// Files as given, with each directory replaced by the `.jsonl` files under it (sorted).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::io(path, e.into()))?;
                if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "jsonl") {
                    files.push(entry.into_path());
                }
            }
            out.extend(files);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Reads one JSONL file into `set`. Ids must be unique within the file.
pub fn read_file(path: &Path, set: &mut SampleSet) -> Result<()> {
    let content = std::fs::read(path).at(path)?;
    let content = String::from_utf8(content)
        .map_err(|e| Error::ingest(path, format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to())))?;
    let mut ids = HashSet::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let lineno = i + 1;
        match parse_line(line) {
            Ok(sample) if !ids.insert(sample.id.clone()) => set.skipped.push(Error::Line {
                path: path.to_path_buf(),
                line: lineno,
                reason: format!("duplicate id {:?}", sample.id),
            }),
            Ok(sample) => set.samples.push(sample),
            Err(reason) => set.skipped.push(Error::Line {
                path: path.to_path_buf(),
                line: lineno,
                reason,
            }),
        }
    }
    Ok(())
}

/// Parses and checks one document line; the error is the reason.
pub fn parse_line(line: &str) -> std::result::Result<Sample, String> {
    let raw: RawSample = serde_json::from_str(line).map_err(|e| format!("invalid document: {e}"))?;
    if raw.id.trim().is_empty() {
        return Err("empty id".into());
    }
    if raw.paragraphs.is_empty() {
        return Err(format!("document {:?} has no paragraphs", raw.id));
    }
    let mut text = String::new();
    let mut pos = 0usize;
    let mut sentences = Vec::new();
    let paragraph_lengths = raw.paragraphs.iter().map(Vec::len).collect();
    for (p, para) in raw.paragraphs.into_iter().enumerate() {
        if para.is_empty() {
            return Err(format!("document {:?}: paragraph {} is empty", raw.id, p + 1));
        }
        if p > 0 {
            text.push_str("\n\n");
            pos += 2;
        }
        for (s, mut sentence) in para.into_iter().enumerate() {
            sentence.text = sentence.text.nfc().collect();
            if sentence.text.trim().is_empty() {
                return Err(format!(
                    "document {:?}: paragraph {}, sentence {} has no text",
                    raw.id,
                    p + 1,
                    s + 1
                ));
            }
            if s > 0 {
                text.push(' ');
                pos += 1;
            }
            let len = sentence.text.chars().count();
            let lead = sentence.text.chars().take_while(|c| c.is_whitespace()).count();
            let trail = sentence.text.chars().rev().take_while(|c| c.is_whitespace()).count();
            let span = Span {
                start: pos + lead,
                end: pos + len - trail,
            };
            text.push_str(&sentence.text);
            pos += len;
            sentences.push((sentence, span));
        }
    }
    Ok(Sample {
        id: raw.id,
        text,
        sentences,
        paragraph_lengths,
        facts: raw.facts,
        summary_en: raw.summary_en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_text_and_spans_as_the_spec_says() {
        let line = r#"{"id":"x","paragraphs":[[{"text":"Một.","label":"other"},{"text":"Hai.","label":"directive"}],[{"text":"Ba.","label":"achievement"}]]}"#;
        let s = parse_line(line).unwrap();
        assert_eq!(s.text, "Một. Hai.\n\nBa.");
        let spans: Vec<Span> = s.sentences.iter().map(|(_, sp)| *sp).collect();
        assert_eq!(
            spans,
            [Span { start: 0, end: 4 }, Span { start: 5, end: 9 }, Span { start: 11, end: 14 }]
        );
    }

    #[test]
    fn rejects_broken_documents_with_a_reason() {
        assert!(parse_line("{").unwrap_err().contains("invalid"));
        assert!(parse_line(r#"{"id":"x","paragraphs":[]}"#).unwrap_err().contains("no paragraphs"));
        assert!(parse_line(r#"{"id":"x","paragraphs":[[{"text":"A.","label":"news"}]]}"#)
            .unwrap_err()
            .contains("unknown variant"));
        assert!(parse_line(r#"{"id":"x","paragraphs":[[{"text":" ","label":"other"}]]}"#)
            .unwrap_err()
            .contains("no text"));
        assert!(parse_line(r#"{"paragraphs":[[{"text":"A.","label":"other"}]]}"#)
            .unwrap_err()
            .contains("missing field `id`"));
    }

    #[test]
    fn normalises_gold_text_to_nfc() {
        let nfd: String = "Hội nghị.".nfd().collect();
        let line = serde_json::json!({"id": "x", "paragraphs": [[{"text": nfd, "label": "other"}]]}).to_string();
        assert_eq!(parse_line(&line).unwrap().text, "Hội nghị.");
    }
}

/// A report of `data/summaries/docs.jsonl`: sentences with their English and label,
/// and a reference English summary. The fixture summarizer is trained on these.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryDoc {
    pub id: String,
    pub sentences: Vec<ParallelSentence>,
    pub summary_en: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParallelSentence {
    pub vi: String,
    pub en: String,
    pub label: Label,
}

impl SummaryDoc {
    /// What the summarizer is given for this report: every sentence (an unclassified
    /// document), and the attendance, achievement and directive ones (a classified one).
    pub fn summary_inputs(&self) -> Vec<Vec<String>> {
        let all: Vec<String> = self.sentences.iter().map(|s| s.en.clone()).collect();
        let picked: Vec<String> = self.sentences.iter().filter(|s| Label::summarised(Some(s.label))).map(|s| s.en.clone()).collect();
        let mut v = vec![all];
        if !picked.is_empty() && picked.len() != v[0].len() {
            v.push(picked);
        }
        v
    }
}

/// Reads `docs.jsonl`.
pub fn read_summary_docs(path: &Path) -> Result<Vec<SummaryDoc>> {
    let text = std::fs::read_to_string(path).at(path)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| Error::Line { path: path.to_path_buf(), line: i + 1, reason: e.to_string() })
        })
        .collect()
}

/// Every Vietnamese→English pair of the reports and of `dir/*.jsonl` (`{"vi", "en"}`
/// lines), unique by source; a report's own translation wins.
pub fn read_parallel(dir: &Path, docs: &[SummaryDoc]) -> Result<Vec<(String, String)>> {
    #[derive(Deserialize)]
    struct Pair {
        vi: String,
        en: String,
    }
    let mut seen = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for s in docs.iter().flat_map(|d| &d.sentences) {
        if seen.insert(s.vi.clone()) {
            pairs.push((s.vi.clone(), s.en.clone()));
        }
    }
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .at(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).at(&f)?;
        for (i, l) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let p: Pair = serde_json::from_str(l).map_err(|e| Error::Line { path: f.clone(), line: i + 1, reason: e.to_string() })?;
            if !p.vi.is_empty() && !p.en.is_empty() && seen.insert(p.vi.clone()) {
                pairs.push((p.vi, p.en));
            }
        }
    }
    Ok(pairs)
}

/// The files the fixture models are trained on, in a fixed order (for their checksum).
pub fn fixture_data_files(data_dir: &Path) -> Result<Vec<PathBuf>> {
    let parallel = data_dir.join("parallel");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&parallel)
        .at(&parallel)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files.insert(0, data_dir.join("summaries").join("docs.jsonl"));
    Ok(files)
}
