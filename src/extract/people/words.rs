//! The people finder's words: a sentence split into words with the punctuation around
//! them (a dash or an abbreviation's full stop kept apart from a clause's end), and the
//! predicates on single words that read `PeopleWords`.

use super::PeopleWords;
use crate::rules::List;

/// The most syllables of a name (one more for the Ê Đê prefixes).
const MAX_NAME: usize = 4;

pub(super) struct W {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
    pub(super) lower: String,
    /// Punctuation right after the word; a spaced dash or a joining hyphen counts.
    pub(super) after: Option<char>,
    /// An opening bracket or quote right before the word.
    pub(super) before: Option<char>,
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

const OPENERS: &[char] = &['(', '[', '“', '"', '‘', '\'', '«'];

const CLOSERS: &[char] = &[',', ';', ':', '.', ')', ']', '”', '"', '’', '\'', '…', '!', '?', '»'];

pub(super) fn is_cap(w: &W) -> bool {
    w.text.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_lower(w: &W) -> bool {
    w.text.chars().next().is_some_and(char::is_lowercase)
}

/// A capitalised word of letters (and the apostrophe of "H'Bin"), not an acronym.
pub(super) fn is_name_word(w: &W) -> bool {
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    is_cap(w)
        && w.text.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        && !(letters > 1 && w.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
}

/// The Ê Đê female prefix: "H'Yim", "H’Bin".
pub(super) fn is_h_prefix(w: &str) -> bool {
    w.starts_with("H'") || w.starts_with("H’")
}

/// How many syllables a name opening with `first` may have.
pub(super) fn max_name(first: &W) -> usize {
    if first.text == "Y" || is_h_prefix(&first.text) {
        MAX_NAME + 1
    } else {
        MAX_NAME
    }
}

/// The longest phrase of `list` (lower case) starting at word `i`, without punctuation
/// inside; its length in words.
pub(super) fn phrase_at(ws: &[W], i: usize, list: &List) -> Option<usize> {
    list.starting_with(&ws.get(i)?.lower)
        .filter_map(|p| {
            let mut n = 0;
            for part in p.split(' ') {
                let w = ws.get(i + n)?;
                if w.lower != part || (n > 0 && ws[i + n - 1].after.is_some()) {
                    return None;
                }
                n += 1;
            }
            Some(n)
        })
        .max()
}

/// Words `a..b` as written in the sentence (inner punctuation kept, spaces collapsed).
pub(super) fn text_of(chars: &[char], ws: &[W], a: usize, b: usize) -> String {
    let raw: String = chars[ws[a].start..ws[b - 1].end].iter().collect();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn text_words(ws: &[W], a: usize, b: usize) -> String {
    ws[a..b].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

impl PeopleWords {
    /// Splits a sentence into words with the punctuation around them.
    pub(super) fn words(&self, chars: &[char]) -> Vec<W> {
        let mut out: Vec<W> = Vec::new();
        for (start, run_end) in crate::phrases::runs(chars) {
            // A free-standing dash ("Niên - Ủy") is punctuation after the previous word.
            if chars[start..run_end].iter().all(|&c| is_dash(c)) {
                if let Some(last) = out.last_mut() {
                    last.after.get_or_insert('-');
                }
                continue;
            }
            // A dash glued to one side only ("Hùng- TUV", "Hùng -TUV") is punctuation between
            // the words, not part of either.
            let (mut i, mut end) = (start, run_end);
            while i < end && is_dash(chars[i]) {
                i += 1;
            }
            if i > start {
                if let Some(last) = out.last_mut() {
                    last.after.get_or_insert('-');
                }
            }
            while end > i && is_dash(chars[end - 1]) {
                end -= 1;
            }
            let dash_after = (end < run_end).then_some('-');
            // A hyphen before a capital ("Niên-Ủy", "QP-QS") separates two words.
            let mut k = i;
            while k < end {
                let mut e = k;
                while e < end && !(is_dash(chars[e]) && e > k && e + 1 < end && chars[e + 1].is_uppercase()) {
                    e += 1;
                }
                self.push_word(chars, k, e, if e < end { Some('-') } else { dash_after }, &mut out);
                k = e + 1;
            }
        }
        out
    }

    /// Pushes the word `chars[from..to]`, its brackets, quotes and punctuation taken off.
    fn push_word(&self, chars: &[char], from: usize, to: usize, hyphen: Option<char>, out: &mut Vec<W>) {
        let mut s = from;
        let mut before = None;
        while s < to && OPENERS.contains(&chars[s]) {
            before = Some(chars[s]);
            s += 1;
        }
        let mut t = to;
        let mut after = hyphen;
        while t > s && CLOSERS.contains(&chars[t - 1]) {
            // Keep the strongest mark: a clause end over a bracket over a comma.
            let c = chars[t - 1];
            let rank = |c: Option<char>| match c {
                Some('.' | ';' | ':' | '!' | '?' | '…') => 3,
                Some(')' | ']' | '»' | '”' | '’' | '"' | '\'') => 2,
                Some(',') => 1,
                _ => 0,
            };
            if rank(Some(c)) >= rank(after) {
                after = Some(c);
            }
            t -= 1;
        }
        if t <= s {
            // Punctuation standing alone: a closer ("A ,") or an opener ("A “ B") parts
            // the word before from the next one.
            if let (Some(p), Some(last)) = (after.or(before), out.last_mut()) {
                last.after.get_or_insert(p);
            }
            return;
        }
        // "TP." and "PGS.TS." keep their full stop: it abbreviates, it does not end a clause.
        if after == Some('.') && t < to && chars[t] == '.' && t + 1 == to {
            let word: String = chars[s..t].iter().collect::<String>().to_lowercase();
            if self.abbreviations.keeps_dot(&word) {
                t += 1;
                after = hyphen;
            }
        }
        let text: String = chars[s..t].iter().collect();
        let lower = crate::text::fold(&text);
        out.push(W { start: s, end: t, text, lower, after, before });
    }

    pub(super) fn is_surname(&self, w: &W) -> bool {
        self.surnames.contains(w.text.as_str()) || self.ethnic_first.contains(w.text.as_str()) || is_h_prefix(&w.text)
    }

    pub(super) fn is_ethnic_first(&self, w: &W) -> bool {
        self.ethnic_first.contains(w.text.as_str()) || is_h_prefix(&w.text)
    }

    pub(super) fn is_degree(&self, w: &W) -> bool {
        is_cap(w) && self.abbreviations.is_degree(&w.lower)
    }

    pub(super) fn is_admin(&self, w: &W) -> bool {
        self.admin.contains(w.lower.as_str())
    }
}
