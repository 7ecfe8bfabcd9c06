//! The rules-based transfer translator: English for every sentence with no model
//! weights, in the manner of Apertium's pipeline:
//!
//! - [`words`] (analysis): the sentence into tokens: the facts stage's people, figures,
//!   dates, organisations and places as fixed units, the rest by longest match over the
//!   [`lexicon`];
//! - [`transfer`]: readings, noun phrases and verb groups, English order and forms, the
//!   genre's frames;
//! - [`english`] (generation): morphology and the house style.
//!
//! Deterministic and fast (no model): the same sentence always gives the same English.

pub mod english;
pub mod lexicon;
pub mod transfer;
pub mod words;

use std::path::Path;

use crate::document::{Document, Label, Sentence};
use crate::error::Result;
use crate::extract::numbers::Figure;
use crate::extract::Facts;
use lexicon::Lexicon;
use words::{Unit, UnitKind};

pub const METHOD: &str = "rules";

/// The rules translator with its loaded lexicon.
pub struct RulesTranslator {
    pub lexicon: Lexicon,
}

/// One sentence's English and what the lexicon did not know.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub text: String,
    /// Share of the sentence's words (punctuation aside) the lexicon or the facts covered.
    pub coverage: f32,
    pub untranslated: Vec<String>,
}

impl RulesTranslator {
    /// The shipped lexicon, plus a user's file whose entries win.
    pub fn load(user_lexicon: Option<&Path>) -> Result<RulesTranslator> {
        Ok(RulesTranslator { lexicon: Lexicon::load(user_lexicon)? })
    }

    /// Translates one sentence, given the facts found in it (sentence-local units).
    pub fn translate_sentence(&self, text: &str, units: &[Unit], label: Option<Label>) -> Translation {
        let tokens = words::analyse(text, units, &self.lexicon);
        let out = transfer::translate(&tokens, label);
        let mut untranslated = out.unknown;
        untranslated.dedup();
        Translation {
            text: out.text,
            coverage: if out.total == 0 { 1.0 } else { out.known as f32 / out.total as f32 },
            untranslated,
        }
    }

    /// Every sentence of a document, with its facts as fixed units.
    pub fn translate_document(&self, doc: &mut Document) {
        let facts = doc.facts.clone().unwrap_or_default();
        let mut index = 0;
        for p in doc.paragraphs.iter_mut() {
            for s in p.sentences.iter_mut() {
                let units = sentence_units(&facts, index, s);
                let t = self.translate_sentence(&s.text, &units, s.label);
                s.translation = Some(t.text);
                s.translation_method = Some(METHOD.to_string());
                s.translation_coverage = Some((t.coverage * 1000.0).round() / 1000.0);
                s.untranslated = t.untranslated;
                index += 1;
            }
        }
    }
}

/// The facts of sentence `index` as units local to the sentence, sorted and without overlaps
/// (the first and longest wins).
pub fn sentence_units(facts: &Facts, index: usize, s: &Sentence) -> Vec<Unit> {
    let local = |start: usize, end: usize| (start.saturating_sub(s.start), end.saturating_sub(s.start));
    let mut units = Vec::new();
    for p in facts.people.iter().filter(|p| p.sentence == index) {
        let (start, end) = local(p.person.start, p.person.end);
        units.push(Unit { start, end, kind: UnitKind::Person(p.person.name.clone()) });
    }
    for f in facts.figures.iter().filter(|f| f.sentence == index) {
        let (start, end) = local(f.figure.start, f.figure.end);
        let (end, en) = number_part(&s.text, start, end, &f.figure);
        units.push(Unit { start, end, kind: UnitKind::Number { en, plural: f.figure.value != 1.0 } });
    }
    for d in facts.dates.iter().filter(|d| d.sentence == index) {
        let (start, end) = local(d.date.start, d.date.end);
        let (prep, en) = english::date(d.date.day, d.date.month, d.date.year, d.date.part_of_day.as_deref());
        units.push(Unit { start, end, kind: UnitKind::Date { prep, en } });
    }
    for e in facts.organisations.iter().filter(|e| e.sentence == index) {
        let (start, end) = local(e.start, e.end);
        units.push(Unit { start, end, kind: UnitKind::Entity { en: e.english.clone(), org: true } });
    }
    for e in facts.places.iter().filter(|e| e.sentence == index) {
        let (start, end) = local(e.start, e.end);
        units.push(Unit { start, end, kind: UnitKind::Entity { en: english::plain(&e.english), org: false } });
    }
    units.sort_by_key(|u| (u.start, std::cmp::Reverse(u.end)));
    let mut kept: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units {
        if kept.last().is_none_or(|k| u.start >= k.end) && u.end > u.start {
            kept.push(u);
        }
    }
    kept
}

/// Magnitude words that belong to the number before them.
const MAGNITUDES: &[&str] = &["nghìn", "ngàn", "triệu", "tỷ", "tỉ", "trăm", "vạn", "chục"];

/// Where a figure's number ends in the sentence (its counted noun stays for the lexicon),
/// and its English. Money and percentages keep their unit in the number.
fn number_part(sentence: &str, start: usize, end: usize, f: &Figure) -> (usize, String) {
    let amount = crate::brief::english_amount_phrase(f);
    match f.unit.as_deref() {
        Some("%") | Some("‰") => return (end, format!("{amount}{}", f.unit.as_deref().unwrap_or(""))),
        Some("đồng") => return (end, format!("{amount} dong")),
        Some("USD") => return (end, format!("{amount} US dollars")),
        _ => {}
    }
    let chars: Vec<char> = sentence.chars().collect();
    let end = end.min(chars.len());
    let text: String = chars[start..end].iter().collect();
    // The last number word of the figure (the upper end of a range), then magnitudes.
    let words: Vec<(usize, &str)> = text.split(' ').scan(0usize, |pos, w| {
        let at = *pos;
        *pos += w.chars().count() + 1;
        Some((at, w))
    }).collect();
    let is_number = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit()) || crate::extract::numbers::parse_number(w).is_some();
    let number_words = if f.range_to.is_some() { 2 } else { 1 };
    let mut seen = 0;
    let mut cut = text.chars().count();
    let mut k = 0;
    while k < words.len() {
        let (at, w) = words[k];
        if is_number(w) && !MAGNITUDES.contains(&w) {
            seen += 1;
            if seen == number_words {
                let mut last = k;
                while words.get(last + 1).is_some_and(|(_, m)| MAGNITUDES.contains(m)) {
                    last += 1;
                }
                cut = words[last].0 + words[last].1.chars().count();
                break;
            }
        }
        k += 1;
        let _ = at;
    }
    (start + cut, amount)
}
