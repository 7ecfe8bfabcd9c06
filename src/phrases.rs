//! Longest-match lookup of multi-word phrases in text: whole words, case-insensitive,
//! NFC, left to right, non-overlapping. Shared by the termbase and the gazetteers.


use crate::hash::{WordMap, WordSet};

#[derive(Debug)]
pub struct PhraseIndex<T> {
    /// Lower-cased, NFC, single-spaced key → value.
    entries: WordMap<String, T>,
    /// Words in the longest key: bounds the search at each position.
    max_words: usize,
    /// Every key's proper word prefixes ("ủy ban" of "ủy ban nhân dân"): the search at
    /// a position stops as soon as no key goes on, usually after one or two words.
    prefixes: WordSet<String>,
    /// The keys written with punctuation inside ("Bộ Văn hóa, Thể thao và Du lịch"): bit
    /// j set where word j is followed by some. Only these may match across punctuation
    /// in the text, and only where they have it: "xã Hợp Thành, đoàn đã trao" holds no
    /// "Thành đoàn".
    inner_punct: WordMap<String, u64>,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex { entries: WordMap::default(), max_words: 0, prefixes: WordSet::default(), inner_punct: WordMap::default() }
    }
}

/// A phrase found in a text; offsets are character offsets into that text.
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

/// The form keys are compared in: NFC, lower case, one tone placement ([`fold`](crate::text::fold)), single spaces, and each word
/// without the punctuation that [`matches`](PhraseIndex::matches) strips from text words
/// ("khám bệnh, cấp phát thuốc" matches the text "khám bệnh, cấp phát thuốc").
pub fn normalise_key(s: &str) -> String {
    // Text from ingest is NFC already: only other text pays for the normalisation.
    let nfc = crate::text::nfc(s);
    let mut key = String::with_capacity(nfc.len());
    for (w, _) in key_words(&nfc) {
        if !key.is_empty() {
            key.push(' ');
        }
        crate::text::push_folded(&mut key, w);
    }
    key
}

/// A phrase's words as keys count them: each without its clinging punctuation, and
/// whether punctuation followed it. Words of punctuation alone are no words.
fn key_words(s: &str) -> impl Iterator<Item = (&str, bool)> {
    s.split_whitespace().filter_map(|w| {
        let bare = w.trim_matches(is_edge_punct);
        (!bare.is_empty()).then(|| (bare, w.ends_with(is_edge_punct)))
    })
}

/// The phrases a key's leading words make ("ủy ban", "ủy ban nhân" of "ủy ban nhân
/// dân"): what a search that grows a phrase word by word may still extend.
pub fn leading_phrases(key: &str) -> impl Iterator<Item = &str> {
    key.match_indices(' ').map(move |(at, _)| &key[..at])
}

impl<T> PhraseIndex<T> {
    /// Adds a phrase; returns the value it replaced, if the key was there already.
    pub fn insert(&mut self, phrase: &str, value: T) -> Option<T> {
        let key = normalise_key(phrase);
        self.max_words = self.max_words.max(key.split(' ').count());
        self.prefixes.extend(leading_phrases(&key).map(str::to_string));
        let mask = key_words(phrase).enumerate().filter(|(_, (_, punct))| *punct).fold(0u64, |m, (j, _)| m | 1 << j.min(63));
        if mask != 0 {
            self.inner_punct.insert(key.clone(), mask);
        }
        self.entries.insert(key, value)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, phrase: &str) -> Option<&T> {
        self.entries.get(&normalise_key(phrase))
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.entries.values()
    }

    /// Non-overlapping longest matches, left to right.
    pub fn matches(&self, text: &str) -> Vec<Match<'_, T>> {
        self.matches_in(&FoldedWords::new(text))
    }

    /// [`matches`](Self::matches) over a text folded once for several indexes.
    pub fn matches_in(&self, text: &FoldedWords) -> Vec<Match<'_, T>> {
        let words = &text.words;
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut longest = None;
            for n in 1..=self.max_words.min(words.len() - i) {
                let key = text.keys.phrase(i, n);
                if let Some(value) = self.entries.get(key).filter(|_| self.punctuation_agrees(key, &words[i..i + n])) {
                    longest = Some((n, value));
                }
                if !self.prefixes.contains(key) {
                    break;
                }
            }
            match longest {
                Some((n, value)) => {
                    out.push(Match { start: words[i].start, end: words[i + n - 1].end, value });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether the text's punctuation inside `span` is where the key has its own.
    fn punctuation_agrees(&self, key: &str, span: &[Word]) -> bool {
        let allowed = self.inner_punct.get(key).copied().unwrap_or(0);
        span[..span.len() - 1].iter().enumerate().all(|(j, w)| !w.trailing || allowed & 1 << j.min(63) != 0)
    }
}

/// Words' keys joined by single spaces: the key of words i..i+n is a slice of it, made
/// without copying.
#[derive(Default)]
pub struct JoinedKeys {
    joined: String,
    spans: Vec<(usize, usize)>,
}

impl JoinedKeys {
    /// Appends the next word's key, as `write` puts it onto the joined string.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        if !self.spans.is_empty() {
            self.joined.push(' ');
        }
        let start = self.joined.len();
        write(&mut self.joined);
        self.spans.push((start, self.joined.len()));
    }

    /// The key of `n` words from word `i`.
    pub fn phrase(&self, i: usize, n: usize) -> &str {
        &self.joined[self.spans[i].0..self.spans[i + n - 1].1]
    }
}

/// A text's words ([`words`]), each folded once: for several indexes to match in.
pub struct FoldedWords {
    words: Vec<Word>,
    keys: JoinedKeys,
}

impl FoldedWords {
    pub fn new(text: &str) -> FoldedWords {
        let chars: Vec<char> = text.chars().collect();
        let words = words(&chars);
        let mut keys = JoinedKeys::default();
        for w in &words {
            keys.push_with(|out| crate::text::push_folded(out, &w.text));
        }
        FoldedWords { words, keys }
    }
}

/// A word of a text with the punctuation clinging to it stripped: its character span,
/// its text, and whether punctuation followed it (a phrase boundary).
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub trailing: bool,
}

/// Punctuation that may cling to a word without being part of a key.
fn is_edge_punct(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '“' | '”' | '"' | '‘' | '’' | '…')
}

/// The `[start, end)` char ranges of the whitespace-separated runs of `chars`: the one
/// word splitter the phrase index and the people extractor share.
pub(crate) fn runs(chars: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i == chars.len() {
            return None;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        Some((start, i))
    })
}

/// Whitespace-separated words with clinging punctuation stripped.
pub(crate) fn words(chars: &[char]) -> Vec<Word> {
    let mut out = Vec::new();
    for (i, end) in runs(chars) {
        let (mut s, mut e) = (i, end);
        while s < e && is_edge_punct(chars[s]) {
            s += 1;
        }
        while e > s && is_edge_punct(chars[e - 1]) {
            e -= 1;
        }
        if e > s {
            out.push(Word { start: s, end: e, text: chars[s..e].iter().collect(), trailing: e < end });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_non_overlapping_matches() {
        let mut idx = PhraseIndex::default();
        idx.insert("Gia Lai", 1);
        idx.insert("tỉnh Gia Lai", 2);
        idx.insert("Lai", 3);
        let got: Vec<(i32, usize, usize)> =
            idx.matches("Tại tỉnh Gia  Lai, Lai Châu.").iter().map(|m| (*m.value, m.start, m.end)).collect();
        assert_eq!(got, [(2, 4, 17), (3, 19, 22)]);
    }

    #[test]
    fn keys_with_commas_match_text_with_commas() {
        let mut idx = PhraseIndex::default();
        idx.insert("khám bệnh, cấp phát thuốc", 1);
        let m = idx.matches("đã khám bệnh, cấp phát thuốc cho dân");
        assert_eq!((m.len(), m[0].start, m[0].end), (1, 3, 28));
        // Written without its comma, the phrase still matches.
        assert_eq!(idx.matches("khám bệnh cấp phát thuốc").len(), 1);
    }

    /// Punctuation in the text ends a phrase that has none there: a list boundary is no
    /// part of a name ("xã Hợp Thành, đoàn đã trao …" holds no "Thành đoàn").
    #[test]
    fn text_punctuation_a_key_lacks_ends_the_phrase() {
        let mut idx = PhraseIndex::default();
        idx.insert("Thành đoàn", 1);
        idx.insert("Bộ Văn hóa, Thể thao và Du lịch", 2);
        assert!(idx.matches("Tại xã Hợp Thành, đoàn đã trao quà").is_empty());
        assert_eq!(idx.matches("Thành đoàn tổ chức").len(), 1);
        let m = idx.matches("Bộ Văn hóa, Thể thao và Du lịch chủ trì");
        assert_eq!(m.iter().map(|m| *m.value).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn keys_are_case_and_space_insensitive() {
        let mut idx = PhraseIndex::default();
        assert!(idx.insert("UBND  tỉnh", ()).is_none());
        assert!(idx.insert("ubnd tỉnh", ()).is_some());
        assert!(idx.get("UBND TỈNH").is_some());
    }
}
