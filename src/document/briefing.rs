//! The English briefing of a document (`crate::brief` writes it).

use serde::{Deserialize, Serialize};

pub const METHOD_DATA_TO_TEXT: &str = "data-to-text:termbase";
/// The data-to-text summary when its lines come from the translator.
pub const METHOD_DATA_TO_TEXT_TRANSLATED: &str = "data-to-text:translation";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Briefing {
    pub title: String,
    pub chaired_by: Vec<Line>,
    pub attended_by: Vec<Line>,
    pub key_figures: Vec<Line>,
    pub achievements: Vec<Line>,
    pub directives: Vec<Line>,
    pub summary: Summary,
    /// How sentence lines became English: `termbase`, or `translation:<model>`.
    pub line_method: String,
}

/// One statement of the briefing and the sentence it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// English, with Vietnamese the termbase could not render in `*italics*`.
    pub text: String,
    /// Index of the source sentence (0-based; shown 1-based).
    pub sentence: usize,
    /// Key-figure lines: the index of the figure in `facts.figures` the line states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<usize>,
}

impl Line {
    pub fn new(text: String, sentence: usize) -> Line {
        Line { text, sentence, figure: None }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub text: String,
    /// How the summary was made: `data-to-text:termbase`, or `abstractive:<model>`.
    pub method: String,
}
