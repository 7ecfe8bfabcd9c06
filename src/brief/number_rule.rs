//! The number rule: English that vnbrief writes never states a number the source lacks.
//! Every number in a briefing line or a summary sentence must be the value of an
//! extracted figure (as stated or as written), a range end, a date part, or a number in
//! the source text; a line that fails is dropped and reported, never repaired.

use crate::document::{Document, Facts};

/// The numbers one document allows, gathered once and used for every line of its briefing
/// and every sentence of its summary.
pub struct NumberRule {
    allowed: Vec<f64>,
}

impl NumberRule {
    pub fn for_document(doc: &Document, facts: &Facts) -> NumberRule {
        let mut allowed = allowed_numbers(doc, facts);
        allowed.retain(|v| v.is_finite());
        allowed.sort_by(f64::total_cmp);
        allowed.dedup();
        NumberRule { allowed }
    }

    /// `Err` with the first number in `text` the source does not allow.
    pub fn check(&self, text: &str) -> Result<(), String> {
        check_numbers(text, &self.allowed)
    }

    /// The sentences of a generated English text that pass, and a warning for each that
    /// does not.
    pub fn keep_sentences<'t>(&self, text: &'t str) -> (Vec<&'t str>, Vec<String>) {
        let mut kept = Vec::new();
        let mut warnings = Vec::new();
        for sentence in sentences(text) {
            match self.check(sentence) {
                Ok(()) => kept.push(sentence),
                Err(n) => warnings.push(format!("summary sentence dropped: the number {n} is not in the source: {sentence:?}")),
            }
        }
        (kept, warnings)
    }
}

/// Every value a number in the briefing may take: figures (as stated and as written),
/// their ranges, date parts, and every number in the source text.
fn allowed_numbers(doc: &Document, facts: &Facts) -> Vec<f64> {
    let mut v = Vec::new();
    for f in &facts.figures {
        v.push(f.figure.value);
        v.extend(crate::extract::numbers::parse_number(&f.figure.number));
        v.extend(f.figure.range_to);
    }
    for d in &facts.dates {
        v.extend(d.date.day.map(f64::from));
        v.extend(d.date.month.map(f64::from));
        v.extend(d.date.year.map(f64::from));
    }
    // Roman numerals of terms and congresses: the English writes them as ordinals ("13th").
    v.extend(doc.text.split(|c: char| !is_word_char(c)).filter_map(crate::extract::numbers::roman).map(f64::from));
    for token in number_tokens(&doc.text) {
        v.extend(crate::extract::numbers::parse_number(token));
        // Parts of compound tokens ("28/11", "8h30", "2021-2025").
        v.extend(token.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse::<f64>().ok()));
    }
    v
}

/// Runs of digits with the separators inside them ("1.170", "28/11", "8h30"), trailing
/// separators cut; slices of `text` (a long report has hundreds of thousands).
fn number_tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_ascii_digit() || (start.is_some() && matches!(c, '.' | ',' | '/' | '-' | 'h')) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(text[s..i].trim_end_matches(['.', ',', '/', '-', 'h']));
        }
    }
    out
}

/// `char::is_alphanumeric` without the general Unicode table for the letters Vietnamese is
/// written in (Latin-1, Latin Extended-A and -B, Latin Extended Additional): the roman
/// numeral scan asks it of every character of a report.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0x24F => !matches!(c, '×' | '÷'),
        0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// Checks that every number in an English line is an allowed value. Vietnamese quoted
/// in `*italics*` is read with Vietnamese number rules, the rest with English ones.
/// Returns the first offending number.
/// `allowed` is sorted (binary search: a document may allow hundreds of thousands).
fn check_numbers(text: &str, allowed: &[f64]) -> Result<(), String> {
    // Equal within 1e-9 of the allowed value's size. Every such value lies within twice
    // that of `v`'s size: binary search to there, then the exact test on the few near.
    let ok = |v: f64| {
        let reach = 2e-9 * v.abs().max(1.0);
        let near = &allowed[allowed.partition_point(|a| *a < v - reach)..];
        near.iter().take_while(|a| **a <= v + reach).any(|a| (a - v).abs() <= 1e-9 * a.abs().max(1.0))
    };
    // A clock time on the hour ("18:00", the source's "18h") carries only its hour.
    let text = text.replace(":00", "");
    for (i, segment) in text.split('*').enumerate() {
        let vietnamese = i % 2 == 1;
        for token in number_tokens(segment) {
            let value = if vietnamese {
                crate::extract::numbers::parse_number(token)
            } else {
                token.replace(',', "").parse::<f64>().ok()
            };
            let parts_ok = token
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .all(|p| p.parse::<f64>().is_ok_and(ok));
            if !(value.is_some_and(ok) || parts_ok) {
                return Err(token.to_string());
            }
        }
    }
    Ok(())
}

/// English sentences of a summary (split after . ! ? before a capital or a digit).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in 0..chars.len() {
        let (i, c) = chars[w];
        if matches!(c, '.' | '!' | '?') {
            let next = chars.get(w + 1).map(|x| x.1);
            let after = chars.get(w + 2).map(|x| x.1);
            if next == Some(' ') && after.is_some_and(|a| a.is_uppercase() || a.is_ascii_digit() || a == '"') {
                out.push(text[start..=i].trim());
                start = i + 1;
            }
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_the_alphanumeric_ones() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn number_check_rejects_numbers_not_in_the_source() {
        let allowed = [11.0, 28.0, 200.0, 1170.0, 2e8];
        assert!(check_numbers("1,170 residents; nearly 200 million dong", &allowed).is_ok());
        assert!(check_numbers("*khám cho 1.170 người* on 28/11", &allowed).is_ok());
        assert_eq!(check_numbers("1,200 residents", &allowed), Err("1,200".to_string()));
        assert_eq!(check_numbers("*1.171 người*", &allowed), Err("1.171".to_string()));
    }

    #[test]
    fn splits_summary_sentences() {
        assert_eq!(
            sentences("The province gave 1,170 check-ups. It spent VND 1.2 billion. Work goes on"),
            vec!["The province gave 1,170 check-ups.", "It spent VND 1.2 billion.", "Work goes on"]
        );
        assert_eq!(sentences("Rates rose 12.5% in Ha Noi."), vec!["Rates rose 12.5% in Ha Noi."]);
    }
}
