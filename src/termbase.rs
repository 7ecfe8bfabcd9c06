//! The Vietnamese → English termbase (`data/termbase.tsv`): titles, bodies, ranks,
//! abbreviations, units and the recurring phrases of the genre.
//!
//! Lookup is longest match over whole words, case-insensitive, left to right: at each
//! word the longest key that starts there wins, so "Bí thư Tỉnh ủy" beats "Bí thư".

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, IoContext, Result};
use crate::phrases::{normalise_key, Match, PhraseIndex};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub vi: String,
    pub en: String,
    pub category: String,
}

#[derive(Debug, Default)]
pub struct Termbase {
    phrases: PhraseIndex<Term>,
}

impl Termbase {
    pub fn load(path: &Path) -> Result<Termbase> {
        let text = std::fs::read_to_string(path).at(path)?;
        Termbase::parse(&text, path)
    }

    /// Parses the TSV (`vi<TAB>en<TAB>category`, header first). Any malformed line or
    /// repeated key is an error naming the line.
    pub fn parse(text: &str, path: &Path) -> Result<Termbase> {
        let mut tb = Termbase::default();
        let bad = |line: usize, reason: String| Error::Line { path: path.to_path_buf(), line, reason };
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, header)) if header.trim_end() == "vi\ten\tcategory" => {}
            _ => return Err(bad(1, "the first line must be the header `vi<TAB>en<TAB>category`".into())),
        }
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for (i, line) in lines {
            let lineno = i + 1;
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 3 {
                return Err(bad(lineno, format!("expected 3 tab-separated columns, found {}", cols.len())));
            }
            let (vi, en, category) = (cols[0].trim(), cols[1].trim(), cols[2].trim());
            if vi.is_empty() || en.is_empty() || category.is_empty() {
                return Err(bad(lineno, "empty column".into()));
            }
            let term = Term { vi: vi.nfc().collect(), en: en.to_string(), category: category.to_string() };
            if tb.phrases.insert(vi, term).is_some() {
                let prev = first_line.get(&normalise_key(vi)).copied().unwrap_or(0);
                return Err(bad(lineno, format!("key {vi:?} repeats line {prev}")));
            }
            first_line.insert(normalise_key(vi), lineno);
        }
        Ok(tb)
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.len() == 0
    }

    /// The term for exactly this phrase (case-insensitive).
    pub fn get(&self, phrase: &str) -> Option<&Term> {
        self.phrases.get(phrase)
    }

    /// Non-overlapping longest matches, left to right.
    pub fn matches(&self, text: &str) -> Vec<Match<'_, Term>> {
        self.phrases.matches(text)
    }

    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.phrases.values()
    }

    /// Renders `text` in English as far as the termbase reaches: every matched key is
    /// replaced by its English; what remains stays Vietnamese, marked as such.
    pub fn render(&self, text: &str) -> Vec<Piece> {
        let chars: Vec<char> = text.chars().collect();
        let mut pieces = Vec::new();
        let mut pos = 0;
        for m in self.matches(text) {
            push_vi(&mut pieces, &chars[pos..m.start]);
            pieces.push(Piece::En(m.value.en.clone()));
            pos = m.end;
        }
        push_vi(&mut pieces, &chars[pos..]);
        pieces
    }
}

/// Part of a rendering: English from the termbase, or Vietnamese it could not render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    En(String),
    Vi(String),
}

fn push_vi(pieces: &mut Vec<Piece>, chars: &[char]) {
    let s: String = chars.iter().collect();
    let s = s.trim();
    if !s.is_empty() && s.chars().any(char::is_alphanumeric) {
        pieces.push(Piece::Vi(s.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "vi\ten\tcategory\n\
        Bí thư\tSecretary\ttitle\n\
        Bí thư Tỉnh ủy\tSecretary of the Provincial Party Committee\ttitle\n\
        Tỉnh ủy\tProvincial Party Committee\tbody\n\
        UBND\tPeople's Committee\tabbr\n\
        chủ trì\tchaired\tword\n\
        hội nghị\tthe conference\tword\n";

    fn tb() -> Termbase {
        Termbase::parse(TSV, Path::new("t.tsv")).unwrap()
    }

    #[test]
    fn longest_match_wins() {
        let tb = tb();
        let got: Vec<(&str, usize, usize)> = tb
            .matches("Đồng chí Hồ Văn Niên, Bí thư Tỉnh ủy chủ trì hội nghị.")
            .iter()
            .map(|m| (m.value.en.as_str(), m.start, m.end))
            .collect();
        assert_eq!(
            got,
            [
                ("Secretary of the Provincial Party Committee", 22, 36),
                ("chaired", 37, 44),
                ("the conference", 45, 53)
            ]
        );
    }

    #[test]
    fn case_insensitive_and_punctuation_stripped() {
        let tb = tb();
        assert_eq!(tb.get("bí THƯ tỉnh ỦY").map(|t| t.category.as_str()), Some("title"));
        let m = tb.matches("(UBND)");
        assert_eq!((m[0].start, m[0].end), (1, 5));
    }

    #[test]
    fn render_keeps_what_it_cannot_translate() {
        let pieces = tb().render("Bí thư Tỉnh ủy chủ trì buổi làm việc.");
        assert_eq!(
            pieces,
            [
                Piece::En("Secretary of the Provincial Party Committee".into()),
                Piece::En("chaired".into()),
                Piece::Vi("buổi làm việc.".into())
            ]
        );
    }

    #[test]
    fn malformed_lines_and_repeated_keys_are_errors() {
        let p = Path::new("t.tsv");
        assert!(Termbase::parse("vi\ten\n", p).unwrap_err().to_string().contains(":1:"));
        let err = Termbase::parse("vi\ten\tcategory\na\tb\n", p).unwrap_err().to_string();
        assert!(err.contains("t.tsv:2:") && err.contains("3 tab-separated"), "{err}");
        let err = Termbase::parse("vi\ten\tcategory\nHội nghị\ta\tw\nhội  nghị\tb\tw\n", p).unwrap_err().to_string();
        assert!(err.contains(":3:") && err.contains("repeats line 2"), "{err}");
    }

    #[test]
    fn shipped_termbase_parses_with_unique_keys() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/termbase.tsv");
        let tb = Termbase::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(tb.len() >= 600, "{} entries", tb.len());
        // English never carries a number that the Vietnamese key lacks.
        for term in tb.terms() {
            for d in term.en.chars().filter(char::is_ascii_digit) {
                assert!(term.vi.contains(d), "{:?} → {:?}", term.vi, term.en);
            }
        }
    }
}
