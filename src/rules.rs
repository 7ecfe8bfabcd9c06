//! The word lists of the extractors and the segmenter, read from `data/rules/*.txt`
//! (compiled in) and parsed once into typed structs: rules live in data, the code that
//! applies them in `people`, `numbers`, `dates` and `segment`.
//!
//! File format: `[section]` opens a section; every other non-blank line is one entry
//! (a word, or words separated by single spaces), NFC; lines starting with `#` are
//! comments. Unknown, repeated or missing sections, empty sections, repeated entries and
//! entries outside a section are errors that name the file and line.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::hash::{WordMap, WordSet};

pub const PEOPLE_TXT: &str = include_str!("../data/rules/people.txt");
pub const FIGURES_TXT: &str = include_str!("../data/rules/figures.txt");
pub const DATES_TXT: &str = include_str!("../data/rules/dates.txt");
pub const ABBREVIATIONS_TXT: &str = include_str!("../data/rules/abbreviations.txt");

/// The shipped lexicon files (`data/lexicon/*.tsv`), in the order the translator reads
/// them; the figure rules take their word boundaries from them too.
pub const LEXICON_TSV: &[(&str, &str)] = &[
    ("data/lexicon/core.tsv", include_str!("../data/lexicon/core.tsv")),
    ("data/lexicon/general.tsv", include_str!("../data/lexicon/general.tsv")),
    ("data/lexicon/gov.tsv", include_str!("../data/lexicon/gov.tsv")),
    ("data/lexicon/security.tsv", include_str!("../data/lexicon/security.tsv")),
    ("data/lexicon/phrases.tsv", include_str!("../data/lexicon/phrases.tsv")),
];

/// The lexicon's common words of two or three syllables (nouns, verbs, adjectives),
/// folded: where a word ends, for a rule that cuts a phrase at a length.
fn compound_words() -> List {
    let mut seen = WordSet::default();
    let mut out = Vec::new();
    for (_, text) in LEXICON_TSV {
        for line in text.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(vi), Some(_), Some(pos)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let syllables = vi.split(' ').count();
            if matches!(pos, "n" | "v" | "adj") && (2..=3).contains(&syllables) && !vi.chars().any(char::is_uppercase) {
                let folded = crate::text::fold(vi);
                if seen.insert(folded.clone()) {
                    out.push(folded);
                }
            }
        }
    }
    List::new(out)
}

/// A list of words or phrases, in the file's order (some rules take the first match),
/// indexed for the extractors' per-word lookups: a set of the entries, and the entries by
/// their first word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct List {
    entries: Vec<String>,
    set: WordSet<String>,
    by_first: WordMap<String, Vec<usize>>,
    /// The longest entry, in bytes and in chars: most words looked up are longer than
    /// any abbreviation or title word, and are turned away before hashing.
    longest_bytes: usize,
    longest_chars: usize,
}

impl List {
    fn new(entries: Vec<String>) -> List {
        let set = entries.iter().cloned().collect();
        let mut by_first: WordMap<String, Vec<usize>> = WordMap::default();
        for (k, e) in entries.iter().enumerate() {
            let first = e.split(' ').next().unwrap_or_default();
            by_first.entry(first.to_string()).or_default().push(k);
        }
        let longest_bytes = entries.iter().map(String::len).max().unwrap_or(0);
        let longest_chars = entries.iter().map(|e| e.chars().count()).max().unwrap_or(0);
        List { entries, set, by_first, longest_bytes, longest_chars }
    }

    pub fn contains(&self, word: &str) -> bool {
        word.len() <= self.longest_bytes && self.set.contains(word)
    }

    /// Whether `word` lower-cased is an entry; no String is made for a word whose
    /// lower case fits 32 bytes. A word without capitals is looked up as it is (the
    /// titlecase digraphs such as "ǅ", the only other letters lower-casing changes,
    /// are in no Vietnamese word list).
    pub fn contains_lowercased(&self, word: &str) -> bool {
        // Lower-casing never makes a word shorter in chars.
        if word.len() > self.longest_chars && word.chars().count() > self.longest_chars {
            return false;
        }
        if !word.chars().any(char::is_uppercase) {
            return self.contains(word);
        }
        // Lower-cased on the stack, unless longer than the buffer.
        let mut buf = [0u8; 32];
        let mut len = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            let Some(slot) = buf.get_mut(len..len + c.len_utf8()) else {
                return self.contains(&word.to_lowercase());
            };
            len += c.encode_utf8(slot).len();
        }
        std::str::from_utf8(&buf[..len]).is_ok_and(|w| self.contains(w))
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(String::as_str)
    }

    /// The entries whose first word is `word`, in the file's order.
    pub fn starting_with<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.by_first.get(word).into_iter().flatten().map(|&k| self.entries[k].as_str())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl FromIterator<String> for List {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        List::new(iter.into_iter().collect())
    }
}

/// The sections of one rules file, each taken exactly once by the struct built from it.
struct Sections {
    path: &'static str,
    lists: HashMap<String, (usize, Vec<String>)>,
}

impl Sections {
    /// Parses `text`; every section must be one of `known`, and every one of `known`
    /// must be present and non-empty.
    fn parse(text: &str, path: &'static str, known: &[&str]) -> Result<Sections> {
        let bad = |line: usize, reason: String| Error::Line { path: Path::new(path).to_path_buf(), line, reason };
        let mut lists: HashMap<String, (usize, Vec<String>)> = HashMap::new();
        let mut current: Option<String> = None;
        for (i, raw) in text.lines().enumerate() {
            let lineno = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                if !known.contains(&name) {
                    return Err(bad(lineno, format!("unknown section [{name}]; expected one of {}", known.join(", "))));
                }
                if let Some((first, _)) = lists.get(name) {
                    return Err(bad(lineno, format!("section [{name}] repeats line {first}")));
                }
                lists.insert(name.to_string(), (lineno, Vec::new()));
                current = Some(name.to_string());
                continue;
            }
            let Some((_, entries)) = current.as_ref().and_then(|c| lists.get_mut(c)) else {
                return Err(bad(lineno, format!("entry {line:?} before any [section]")));
            };
            if line.nfc().collect::<String>() != line {
                return Err(bad(lineno, format!("entry {line:?} is not in NFC")));
            }
            if line.split(' ').any(str::is_empty) {
                return Err(bad(lineno, format!("entry {line:?}: words must be separated by single spaces")));
            }
            if entries.iter().any(|e| e == line) {
                return Err(bad(lineno, format!("entry {line:?} repeats in this section")));
            }
            entries.push(line.to_string());
        }
        for name in known {
            match lists.get(*name) {
                None => return Err(bad(text.lines().count(), format!("section [{name}] is missing"))),
                Some((line, entries)) if entries.is_empty() => return Err(bad(*line, format!("section [{name}] is empty"))),
                Some(_) => {}
            }
        }
        Ok(Sections { path, lists })
    }

    fn take(&mut self, name: &str) -> List {
        // `parse` checked every known section is present. Entries are matched against
        // folded words, so they take the one tone placement too.
        let mut list: Vec<String> = Vec::new();
        for entry in self.lists.remove(name).map(|(_, v)| v).unwrap_or_default() {
            let entry = crate::text::unify_tones(&entry).into_owned();
            if !list.contains(&entry) {
                list.push(entry);
            }
        }
        List::new(list)
    }

    /// A section whose entries are all two words.
    fn take_pairs(&mut self, name: &str) -> Result<Vec<(String, String)>> {
        let (line, entries) = self.lists.remove(name).unwrap_or_default();
        entries
            .into_iter()
            .map(|e| match e.split_once(' ') {
                Some((a, b)) if !b.contains(' ') => Ok((a.to_string(), b.to_string())),
                _ => Err(Error::Line {
                    path: Path::new(self.path).to_path_buf(),
                    line,
                    reason: format!("[{name}]: {e:?} is not two words"),
                }),
            })
            .collect()
    }
}

/// Abbreviations whose full stop does not end a sentence (`data/rules/abbreviations.txt`).
#[derive(Debug, Clone, PartialEq)]
pub struct Abbreviations {
    /// Academic and medical titles ("pgs", "ts"): cue a name.
    pub degrees: List,
    /// "tp", "tx", "tt".
    pub units: List,
    /// "Q", "P", "H", "X": capitals.
    pub letters: List,
    /// Segmenter only: "mr", "đt", "đ/c", ….
    pub others: List,
    /// "v.v", "etc".
    pub continuation: List,
}

impl Abbreviations {
    const SECTIONS: [&str; 5] = ["degrees", "units", "letters", "others", "continuation"];

    pub fn parse(text: &str, path: &'static str) -> Result<Abbreviations> {
        let mut s = Sections::parse(text, path, &Self::SECTIONS)?;
        Ok(Abbreviations {
            degrees: s.take("degrees"),
            units: s.take("units"),
            letters: s.take("letters"),
            others: s.take("others"),
            continuation: s.take("continuation"),
        })
    }

    /// The bundled list, parsed on first use (the segmenter has no `Resources`).
    pub fn builtin() -> &'static Abbreviations {
        static BUILTIN: OnceLock<Abbreviations> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Abbreviations::parse(ABBREVIATIONS_TXT, "data/rules/abbreviations.txt")
                .unwrap_or_else(|e| panic!("the bundled abbreviations are checked by a unit test: {e}"))
        })
    }

    /// Whether every piece of a lower-case word ("pgs.ts") is a degree.
    pub fn is_degree(&self, lower: &str) -> bool {
        let mut pieces = lower.split('.').filter(|p| !p.is_empty()).peekable();
        pieces.peek().is_some() && pieces.all(|p| self.degrees.contains(p))
    }

    /// Whether a lower-case word before a full stop keeps it as part of the word
    /// ("tp.", "q.", "pgs.ts."), for the people finder.
    pub fn keeps_dot(&self, lower: &str) -> bool {
        self.units.contains(lower) || self.letters.iter().any(|l| l.to_lowercase() == lower) || self.is_degree(lower)
    }

    /// Whether one piece of a dotted token ("TP", "ThS", "Q") is an abbreviation before
    /// a name, for the segmenter: letters as written, the others in any case.
    pub fn before_name(&self, piece: &str) -> bool {
        [&self.degrees, &self.units, &self.others].iter().any(|l| l.contains_lowercased(piece)) || self.letters.contains(piece)
    }
}

/// The words of `data/rules/people.txt`, and the places a title may end with.
#[derive(Debug, Clone)]
pub struct PeopleWords {
    pub honorifics: List,
    pub ranks: List,
    pub title_heads: List,
    pub break_words: List,
    pub body_heads: List,
    pub not_first: List,
    pub surnames: List,
    pub ethnic_first: List,
    /// The gazetteer's provinces, regions and countries (less `ambiguous_places`) and the
    /// file's `[places]`.
    pub places: List,
    pub ambiguous_places: List,
    /// The file's `[admin]` and the abbreviated units ("tp.", "q.").
    pub admin: List,
    pub title_words: List,
    pub title_joiners: List,
    pub chair_verbs: List,
    pub attend_verbs: List,
    pub speak_open: List,
    pub speak_clause: List,
    pub title_stops: List,
    pub links: List,
    pub abbreviations: Abbreviations,
    /// The gazetteer's bodies, folded: a title runs through a known body's lowercase
    /// words ("Chủ tịch Hội Chữ thập đỏ tỉnh").
    pub bodies: List,
}

impl PeopleWords {
    const SECTIONS: [&str; 18] = [
        "honorifics", "title_heads", "break_words", "body_heads", "not_first", "surnames", "ethnic_first",
        "places", "ambiguous_places", "admin", "title_words", "title_joiners", "chair_verbs", "attend_verbs",
        "speak_open", "speak_clause", "title_stops", "links",
    ];

    /// Parses the people file; `places` are the gazetteer's names, added to `[places]`
    /// unless listed in `[ambiguous_places]`; `ranks` are the termbase's `rank` terms
    /// (kept there once, since they are translated too), matched in lower case and in
    /// both tone placements ("đại úy", "đại uý").
    pub fn parse(
        text: &str,
        path: &'static str,
        abbreviations: Abbreviations,
        places: &[&str],
        ranks: &[&str],
        bodies: &[&str],
    ) -> Result<PeopleWords> {
        let mut s = Sections::parse(text, path, &Self::SECTIONS)?;
        let ambiguous_places = s.take("ambiguous_places");
        let extra = s.take("places");
        let places = places
            .iter()
            .filter(|p| !ambiguous_places.contains(p))
            .map(|p| p.nfc().collect::<String>())
            .chain(extra.entries)
            .collect();
        Ok(PeopleWords {
            honorifics: s.take("honorifics"),
            ranks: {
                let mut all: Vec<String> = Vec::new();
                for rank in ranks {
                    let folded = crate::text::fold(&rank.nfc().collect::<String>());
                    if !all.contains(&folded) {
                        all.push(folded);
                    }
                }
                List::new(all)
            },
            title_heads: s.take("title_heads"),
            break_words: s.take("break_words"),
            body_heads: s.take("body_heads"),
            not_first: s.take("not_first"),
            surnames: s.take("surnames"),
            ethnic_first: s.take("ethnic_first"),
            places,
            ambiguous_places,
            admin: s
                .take("admin")
                .entries
                .into_iter()
                .chain(abbreviations.units.iter().chain(abbreviations.letters.iter()).map(|u| format!("{}.", u.to_lowercase())))
                .collect(),
            title_words: s.take("title_words"),
            title_joiners: s.take("title_joiners"),
            chair_verbs: s.take("chair_verbs"),
            attend_verbs: s.take("attend_verbs"),
            speak_open: s.take("speak_open"),
            speak_clause: s.take("speak_clause"),
            title_stops: s.take("title_stops"),
            links: s.take("links"),
            abbreviations,
            bodies: List::new(bodies.iter().map(|b| crate::text::fold(&b.nfc().collect::<String>())).collect()),
        })
    }
}

/// The words of `data/rules/figures.txt`.
#[derive(Debug, Clone)]
pub struct FigureWords {
    pub name_before: List,
    pub weak_name_before: List,
    pub calendar_before: List,
    pub phrase_stop: List,
    pub not_counted: List,
    pub five_of: List,
    pub year_before: List,
    pub fraction_of: List,
    pub money_words: List,
    pub dong_compounds: List,
    pub glued_units: List,
    pub verb_pairs: Vec<(String, String)>,
    /// Units that make a count the report's period ("6 tháng đầu năm"): figures, but
    /// not key figures.
    pub report_periods: List,
    /// Words of two or three syllables (from the lexicon): a counted noun's phrase never
    /// ends inside one ("vận chuyển trái phép", not "… trái").
    pub compounds: List,
}

impl FigureWords {
    const SECTIONS: [&str; 13] = [
        "name_before", "weak_name_before", "calendar_before", "phrase_stop", "not_counted", "five_of", "year_before",
        "fraction_of", "money_words", "dong_compounds", "glued_units", "verb_pairs", "report_periods",
    ];

    pub fn parse(text: &str, path: &'static str) -> Result<FigureWords> {
        let mut s = Sections::parse(text, path, &Self::SECTIONS)?;
        Ok(FigureWords {
            name_before: s.take("name_before"),
            weak_name_before: s.take("weak_name_before"),
            calendar_before: s.take("calendar_before"),
            phrase_stop: s.take("phrase_stop"),
            not_counted: s.take("not_counted"),
            five_of: s.take("five_of"),
            year_before: s.take("year_before"),
            fraction_of: s.take("fraction_of"),
            money_words: s.take("money_words"),
            dong_compounds: s.take("dong_compounds"),
            glued_units: s.take("glued_units"),
            verb_pairs: s.take_pairs("verb_pairs")?,
            report_periods: s.take("report_periods"),
            compounds: compound_words(),
        })
    }
}

/// The words of `data/rules/dates.txt`.
#[derive(Debug, Clone)]
pub struct DateWords {
    /// In the file's order: the first that matches wins ("rạng sáng" before "sáng").
    pub parts_of_day: List,
    pub date_before: List,
}

impl DateWords {
    const SECTIONS: [&str; 2] = ["parts_of_day", "date_before"];

    pub fn parse(text: &str, path: &'static str) -> Result<DateWords> {
        let mut s = Sections::parse(text, path, &Self::SECTIONS)?;
        Ok(DateWords { parts_of_day: s.take("parts_of_day"), date_before: s.take("date_before") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match DateWords::parse(text, "test.txt") {
            Ok(_) => panic!("{text:?} parsed"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn bundled_files_parse_with_every_section_filled() {
        let res = crate::extract::test_resources();
        let p = &res.people;
        for list in [
            &p.honorifics, &p.ranks, &p.title_heads, &p.break_words, &p.body_heads, &p.not_first, &p.surnames,
            &p.ethnic_first, &p.places, &p.ambiguous_places, &p.admin, &p.title_words, &p.title_joiners,
            &p.chair_verbs, &p.attend_verbs, &p.speak_open, &p.speak_clause, &p.title_stops, &p.links,
        ] {
            assert!(!list.is_empty());
        }
        let f = &res.figures;
        for list in [
            &f.name_before, &f.weak_name_before, &f.calendar_before, &f.phrase_stop, &f.not_counted, &f.five_of,
            &f.year_before, &f.fraction_of, &f.money_words, &f.dong_compounds, &f.glued_units, &f.report_periods,
        ] {
            assert!(!list.is_empty());
        }
        assert!(!f.verb_pairs.is_empty());
        assert!(!res.dates.parts_of_day.is_empty() && !res.dates.date_before.is_empty());
        let a = Abbreviations::builtin();
        for list in [&a.degrees, &a.units, &a.letters, &a.others, &a.continuation] {
            assert!(!list.is_empty());
        }
        assert_eq!(&p.abbreviations, a);
    }

    #[test]
    fn people_places_come_from_the_gazetteer_and_the_rules_file() {
        let p = &crate::extract::test_resources().people;
        for place in ["Gia Lai", "Lâm Đồng", "Campuchia", "Tây Nguyên", "Hồ Chí Minh", "Bà Rịa", "Vũng Tàu"] {
            assert!(p.places.contains(place), "{place}");
        }
        for name in ["Nga", "Anh", "Mỹ"] {
            assert!(!p.places.contains(name), "{name}");
        }
    }

    #[test]
    fn malformed_files_name_the_line() {
        let ok = "[parts_of_day]\nsáng\n[date_before]\ntừ\n";
        assert!(DateWords::parse(ok, "test.txt").is_ok());
        assert_eq!(err("# c\n\n[parts_of_dya]\nsáng\n"), "test.txt:3: unknown section [parts_of_dya]; expected one of parts_of_day, date_before");
        assert_eq!(err("sáng\n[parts_of_day]\n"), "test.txt:1: entry \"sáng\" before any [section]");
        assert_eq!(err("[parts_of_day]\nsáng\nsáng\n"), "test.txt:3: entry \"sáng\" repeats in this section");
        assert_eq!(err("[parts_of_day]\nsáng\n[parts_of_day]\n"), "test.txt:3: section [parts_of_day] repeats line 1");
        assert_eq!(err("[parts_of_day]\nsáng\n[date_before]\n"), "test.txt:3: section [date_before] is empty");
        assert_eq!(err("[parts_of_day]\nsáng\n"), "test.txt:2: section [date_before] is missing");
        assert_eq!(err("[parts_of_day]\nra\u{323}ng  sáng\n[date_before]\ntừ\n").split(':').nth(1), Some("2"));
        let nfd: String = "sáng".nfd().collect();
        assert!(err(&format!("[parts_of_day]\n{nfd}\n[date_before]\ntừ\n")).ends_with("is not in NFC"));
    }

    #[test]
    fn ranks_come_from_the_termbase() {
        let ranks = &crate::extract::test_resources().people.ranks;
        for rank in ["đại tá", "thiếu úy", "thượng sĩ"] {
            assert!(ranks.contains(rank), "{rank}");
        }
    }

    #[test]
    fn pairs_must_be_two_words() {
        let mut s = Sections::parse("[verb_pairs]\nthực hiện\nchủ\n", "test.txt", &["verb_pairs"]).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.take_pairs("verb_pairs").is_err());
    }

    #[test]
    fn abbreviations_serve_both_the_segmenter_and_the_people_finder() {
        let a = Abbreviations::builtin();
        assert!(a.is_degree("pgs.ts") && !a.is_degree("pgs.tp"));
        assert!(a.keeps_dot("tp") && a.keeps_dot("q") && a.keeps_dot("ths.bs"));
        assert!(a.before_name("ThS") && a.before_name("Q") && !a.before_name("q") && a.before_name("Mr"));
        assert!(a.continuation.contains("v.v"));
        let admin = &crate::extract::test_resources().people.admin;
        assert!(admin.contains("huyện") && admin.contains("tp.") && admin.contains("q."));
    }
}
