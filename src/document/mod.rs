//! The `Document` that flows through the pipeline. Each stage adds what it knows;
//! serialised as is, it is the per-document JSON output.
//!
//! All offsets are character (Unicode scalar value) offsets into `Document::text`,
//! which is NFC, so `text.chars().skip(start).take(end - start)` is the span.

pub mod briefing;
pub mod facts;

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use briefing::{Briefing, Line, Summary};
pub use facts::{of_sentence, DateFact, DateMention, EntityFact, Facts, Figure, FigureFact, Person, PersonFact, Qualifier, Role};

/// How the input bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte order mark.
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    #[serde(rename = "utf-16le")]
    Utf16le,
    #[serde(rename = "utf-16be")]
    Utf16be,
    /// UTF-16 LE recognised without a byte order mark.
    #[serde(rename = "utf-16le-no-bom")]
    Utf16leNoBom,
    /// The legacy Vietnamese Windows code page (tone marks as combining characters).
    #[serde(rename = "windows-1258")]
    Windows1258,
    /// TCVN 5712:1993 VN3 ("ABC", the .Vn fonts): precomposed letters in one byte.
    #[serde(rename = "tcvn3")]
    Tcvn3,
    /// VNI-Windows: a base letter and a byte for its marks.
    #[serde(rename = "vni")]
    Vni,
    /// VISCII (RFC 1456).
    #[serde(rename = "viscii")]
    Viscii,
    /// A PDF's text layer, decoded through its fonts' encodings.
    #[serde(rename = "pdf-text")]
    PdfText,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16le => "utf-16le",
            Encoding::Utf16be => "utf-16be",
            Encoding::Utf16leNoBom => "utf-16le-no-bom",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viscii => "viscii",
            Encoding::PdfText => "pdf-text",
        }
    }
}

/// The markup of the input file, which decides how paragraphs are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// Word 2007 and later.
    Docx,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The format for a file name, by extension (case-insensitive); `None` for files we do not read.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The classifier's label, its probability and every label's probability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Scores>,
    /// English from the translator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// What made the English: `rules`, or `marian:<model>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_method: Option<String>,
    /// Rules translator: the share of the sentence's words its lexicon and the facts knew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_coverage: Option<f32>,
    /// Rules translator: the words it did not know (left out of the English).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub untranslated: Vec<String>,
}

impl Sentence {
    pub fn new(text: String, start: usize, end: usize) -> Sentence {
        Sentence {
            text,
            start,
            end,
            label: None,
            confidence: None,
            scores: None,
            translation: None,
            translation_method: None,
            translation_coverage: None,
            untranslated: Vec::new(),
        }
    }
}

/// Probability of each label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub attendance: f32,
    pub achievement: f32,
    pub directive: f32,
    pub other: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub sentences: Vec<Sentence>,
}

/// A character span `[start, end)` in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Output name: the input's path relative to the input directory, without extension.
    pub id: String,
    /// The input's path relative to the input directory, `/`-separated.
    pub source: String,
    /// sha256 of the input bytes, hex.
    pub sha256: String,
    pub encoding: Encoding,
    pub format: Format,
    /// Version of the pipeline (and its settings) that produced this output.
    pub pipeline_version: String,
    /// The NFC text all offsets point into (line endings normalised to `\n`).
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    /// Extracted facts (absent in outputs of `--format` runs that skip them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<Facts>,
    /// The English briefing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub briefing: Option<Briefing>,
    /// Things worth knowing that did not stop the document (e.g. replaced characters).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Document {
    /// Reads a document's JSON output. Big files are parsed as they are read: a 20 MB
    /// report's JSON is about 200 MB, which held whole beside the parsed document was a
    /// run's peak memory.
    pub fn read_json(path: &Path) -> Result<Document> {
        const WHOLE: u64 = 16 << 20;
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
        let parsed = if size <= WHOLE {
            let mut bytes = Vec::with_capacity(size as usize);
            (&file).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
            serde_json::from_slice(&bytes)
        } else {
            serde_json::from_reader(std::io::BufReader::with_capacity(1 << 20, file))
        };
        parsed.map_err(|source| Error::Json { path: path.to_path_buf(), source })
    }

    /// A document of one paragraph made of the given sentences, with no input file behind
    /// it (a labeled sample, a test): UTF-8 text, no facts or briefing yet.
    pub fn one_paragraph(id: &str, text: String, sentences: Vec<Sentence>) -> Document {
        let end = text.chars().count();
        Document {
            id: id.to_string(),
            source: id.to_string(),
            sha256: String::new(),
            encoding: Encoding::Utf8,
            format: Format::Text,
            pipeline_version: String::new(),
            text,
            paragraphs: vec![Paragraph { start: 0, end, sentences }],
            facts: None,
            briefing: None,
            warnings: Vec::new(),
        }
    }

    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.paragraphs.iter().flat_map(|p| p.sentences.iter())
    }
}

/// What a sentence does in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Attendance,
    Achievement,
    Directive,
    Other,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Attendance, Label::Achievement, Label::Directive, Label::Other];

    /// Whether the summarizer reads a sentence with this label: every sentence but those
    /// labelled `other` (all of an unclassified document).
    pub fn summarised(label: Option<Label>) -> bool {
        label != Some(Label::Other)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Attendance => "attendance",
            Label::Achievement => "achievement",
            Label::Directive => "directive",
            Label::Other => "other",
        }
    }
}

impl std::str::FromStr for Label {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| format!("unknown label {s:?} (expected attendance, achievement, directive or other)"))
    }
}
