//! The lexicon (`data/lexicon/*.tsv`, format in `data/lexicon/README.md`): Vietnamese
//! words and phrases with their English, part of speech and the features the transfer
//! rules read. Compiled into the binary; a user's file (`--lexicon`) is read last and
//! its entries replace the shipped ones for the same word and part of speech.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, IoContext, Result};
use crate::phrases::normalise_key;

/// The shipped lexicon files, in the order they are read.
pub use crate::rules::LEXICON_TSV as SHIPPED;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Noun,
    Name,
    Title,
    Rank,
    Verb,
    Adj,
    Adv,
    Prep,
    Conj,
    Det,
    Pron,
    Aux,
    Classifier,
    Num,
    Time,
    Phrase,
}

impl Pos {
    fn parse(s: &str) -> Option<Pos> {
        Some(match s {
            "n" => Pos::Noun,
            "name" => Pos::Name,
            "title" => Pos::Title,
            "rank" => Pos::Rank,
            "v" => Pos::Verb,
            "adj" => Pos::Adj,
            "adv" => Pos::Adv,
            "prep" => Pos::Prep,
            "conj" => Pos::Conj,
            "det" => Pos::Det,
            "pron" => Pos::Pron,
            "aux" => Pos::Aux,
            "cl" => Pos::Classifier,
            "num" => Pos::Num,
            "time" => Pos::Time,
            "phr" => Pos::Phrase,
            _ => return None,
        })
    }
}

/// What a verb wants when another verb follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comp {
    To,
    Ing,
    That,
    /// The bare infinitive: "let X do".
    Bare,
}

/// What an aspect or voice marker does to the verb after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    Past,
    Future,
    Progressive,
    Passive,
    Modal(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub mass: bool,
    pub singular_only: bool,
    pub the: bool,
    pub transitive: bool,
    /// A determiner that makes its noun plural.
    pub plural_det: bool,
    /// A head noun that takes its modifier with "of".
    pub of: bool,
    /// An event noun: a verb after it is its purpose.
    pub event: bool,
    /// A noun that states a quantity: a figure right after it takes "of" ("diện tích 65
    /// m²" → "an area of 65 square metres").
    pub amount: bool,
    /// A noun a quoted name follows ("chương trình “Tiếp sức mùa thi”"): the name is
    /// written in title case ("the "Exam Season Support" programme").
    pub named: bool,
    /// A place or unit that a number names when it follows ("Quận 1" → "District 1",
    /// "Quốc lộ 1A" → "National Highway 1A").
    pub numbered: bool,
    /// A verb of giving: "cho" after its object is "to" ("trao quà cho" → "presented gifts to").
    pub give: bool,
    pub plural: Option<String>,
    pub past: Option<String>,
    pub participle: Option<String>,
    pub comp: Option<Comp>,
    /// With no object, the word a verb after it takes, in -ing ("tham mưu rà soát": "advise
    /// on reviewing", where "advise X to review" has one).
    pub alone: Option<String>,
    /// A passive verb's active reading when a count is its object: "bị thương 64 người"
    /// injured 64 people, where "3 người bị thương" is "3 people were injured".
    pub active: Option<Box<Entry>>,
    /// Aspect, voice and modal markers, in the order written ("chưa được": not yet, passive).
    pub markers: Vec<Marker>,
    pub value: Option<f64>,
}

impl Features {
    fn parse(s: &str) -> std::result::Result<Features, String> {
        let mut f = Features::default();
        for feat in s.split(',').map(str::trim).filter(|x| !x.is_empty()) {
            match feat.split_once('=') {
                None => match feat {
                    "mass" => f.mass = true,
                    "sg" => f.singular_only = true,
                    "the" => f.the = true,
                    "obj" => f.transitive = true,
                    "pl" => f.plural_det = true,
                    "of" => f.of = true,
                    "event" => f.event = true,
                    "amount" => f.amount = true,
                    "named" => f.named = true,
                    "numbered" => f.numbered = true,
                    "give" => f.give = true,
                    _ => return Err(format!("unknown feature {feat:?}")),
                },
                Some((k, v)) => {
                    let v = v.trim().to_string();
                    match k {
                        "pl" => f.plural = Some(v),
                        "past" => f.past = Some(v),
                        "pp" => f.participle = Some(v),
                        "alone" => f.alone = Some(v),
                        "active" => {
                            let feats = Features { transitive: true, ..Features::default() };
                            f.active = Some(Box::new(Entry { vi: String::new(), en: v, pos: Pos::Verb, feats }))
                        }
                        "comp" => {
                            f.comp = Some(match v.as_str() {
                                "to" => Comp::To,
                                "ing" => Comp::Ing,
                                "that" => Comp::That,
                                "bare" => Comp::Bare,
                                _ => return Err(format!("unknown complement {v:?} (to, ing, that, bare)")),
                            })
                        }
                        "tense" => {
                            f.markers.push(match v.as_str() {
                                "past" => Marker::Past,
                                "future" => Marker::Future,
                                "progressive" => Marker::Progressive,
                                _ => return Err(format!("unknown tense {v:?}")),
                            })
                        }
                        "voice" if v == "passive" => f.markers.push(Marker::Passive),
                        "modal" => f.markers.push(Marker::Modal(v)),
                        "value" => f.value = Some(v.parse().map_err(|_| format!("bad value {v:?}"))?),
                        _ => return Err(format!("unknown feature {feat:?}")),
                    }
                }
            }
        }
        Ok(f)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub vi: String,
    /// English; empty for words with no English of their own (`-`).
    pub en: String,
    pub pos: Pos,
    pub feats: Features,
}

/// Every entry by its normalised key; a key holds one entry per part of speech.
#[derive(Debug, Default)]
pub struct Lexicon {
    entries: crate::hash::WordMap<String, Vec<Entry>>,
    /// Every key's leading words ("ủy ban", "ủy ban nhân" of "ủy ban nhân dân"): a
    /// search that grows a phrase word by word stops when no key goes on.
    prefixes: crate::hash::WordSet<String>,
    max_words: usize,
    len: usize,
    /// sha256 over the files read: names the lexicon in the pipeline version.
    pub fingerprint: String,
    /// Entries of a shipped file that another shipped file already had (ignored).
    pub repeated: Vec<String>,
}

impl Lexicon {
    /// The shipped files, then the user's (whose entries win).
    pub fn load(user: Option<&Path>) -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        for (name, text) in SHIPPED {
            lex.add(text, Path::new(name), false)?;
            hasher.update(text.as_bytes());
        }
        if let Some(path) = user {
            let text = std::fs::read_to_string(path).at(path)?;
            lex.add(&text, path, true)?;
            hasher.update(text.as_bytes());
        }
        lex.fingerprint = hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
        lex.promote_verbal_phrases();
        lex.inflect_joined_verbs();
        Ok(lex)
    }

    /// "attend and direct", "detect and arrest": both verbs take the tense, so the
    /// phrase's past and participle are worked out once here, whole.
    fn inflect_joined_verbs(&mut self) {
        let verbs: std::collections::HashSet<String> = self
            .entries()
            .filter(|e| e.pos == Pos::Verb && !e.en.contains(' '))
            .map(|e| e.en.to_lowercase())
            .collect();
        for e in self.entries.values_mut().flatten().filter(|e| e.pos == Pos::Verb && e.en.contains(" and ")) {
            let parts: Vec<&str> = e.en.split(" and ").collect();
            let joined = parts[1..].iter().all(|p| p.split(' ').next().is_some_and(|w| verbs.contains(&w.to_lowercase())));
            if !joined {
                continue;
            }
            let form = |f: fn(&str, Option<&str>) -> String| parts.iter().map(|p| f(p, None)).collect::<Vec<_>>().join(" and ");
            if e.feats.past.is_none() {
                e.feats.past = Some(form(super::english::past));
            }
            if e.feats.participle.is_none() {
                e.feats.participle = Some(form(super::english::participle));
            }
        }
    }

    /// A fixed phrase that opens with a verb in both languages ("hoàn thành chỉ tiêu giao
    /// quân" → "fulfil the conscription quota") is a verb: it takes tense and voice like one.
    fn promote_verbal_phrases(&mut self) {
        let verbs: std::collections::HashSet<String> = self
            .entries()
            .filter(|e| e.pos == Pos::Verb)
            .filter_map(|e| e.en.split(' ').next().map(str::to_lowercase))
            .collect();
        let keys: Vec<String> = self.entries.keys().cloned().collect();
        for key in keys {
            let words: Vec<&str> = key.split(' ').collect();
            let starts_with_verb = (1..words.len()).any(|n| {
                self.entries.get(&words[..n].join(" ")).is_some_and(|es| es.iter().any(|e| e.pos == Pos::Verb))
            });
            if !starts_with_verb {
                continue;
            }
            let Some(slot) = self.entries.get_mut(&key) else { continue };
            let has_verb = slot.iter().any(|e| e.pos == Pos::Verb);
            let verbal = |e: &Entry| e.pos == Pos::Phrase && verbs.contains(&e.en.split(' ').next().unwrap_or("").to_lowercase());
            let before = slot.len();
            if has_verb {
                // The verb reading already says it.
                slot.retain(|e| e.pos != Pos::Phrase);
            } else if let Some(e) = slot.iter_mut().find(|e| verbal(e)) {
                e.pos = Pos::Verb;
            }
            self.len -= before - slot.len();
        }
    }

    /// Adds a file's entries. Shipped files may not repeat a (word, part of speech);
    /// a user's file replaces shipped entries.
    pub fn add(&mut self, text: &str, path: &Path, replace: bool) -> Result<()> {
        let bad = |line: usize, reason: String| Error::Line { path: path.to_path_buf(), line, reason };
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h.trim_end() == "vi\ten\tpos\tfeatures" => {}
            _ => return Err(bad(1, "the first line must be the header `vi<TAB>en<TAB>pos<TAB>features`".into())),
        }
        let mut added: HashMap<(String, Pos), usize> = HashMap::new();
        for (i, line) in lines {
            let lineno = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(bad(lineno, format!("expected 4 tab-separated columns, found {}", cols.len())));
            }
            let (vi, en) = (cols[0].trim(), cols[1].trim());
            if vi.is_empty() || en.is_empty() {
                return Err(bad(lineno, "empty vi or en".into()));
            }
            let pos = Pos::parse(cols[2].trim()).ok_or_else(|| bad(lineno, format!("unknown part of speech {:?}", cols[2])))?;
            let feats = Features::parse(cols[3]).map_err(|r| bad(lineno, r))?;
            let key = normalise_key(vi);
            if key.is_empty() {
                return Err(bad(lineno, "the Vietnamese is only punctuation".into()));
            }
            if let Some(prev) = added.insert((key.clone(), pos), lineno) {
                if replace {
                    return Err(bad(lineno, format!("{vi:?} as {:?} repeats line {prev}", cols[2])));
                }
                self.repeated.push(format!("{}:{lineno}: {vi:?} as {:?} repeats line {prev}", path.display(), cols[2]));
                continue;
            }
            let entry = Entry { vi: vi.to_string(), en: if en == "-" { String::new() } else { en.to_string() }, pos, feats };
            let slot = self.entries.entry(key.clone()).or_default();
            match slot.iter_mut().find(|e| e.pos == pos) {
                Some(existing) if replace => *existing = entry,
                // A test keeps the shipped files free of these; the first file wins.
                Some(_) => self.repeated.push(format!("{}:{lineno}: {vi:?} as {:?}", path.display(), cols[2])),
                None => {
                    slot.push(entry);
                    self.len += 1;
                }
            }
            self.max_words = self.max_words.max(key.split(' ').count());
            self.prefixes.extend(crate::phrases::leading_phrases(&key).map(str::to_string));
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entries of a normalised key (lower case, single spaces).
    pub fn get(&self, key: &str) -> Option<&[Entry]> {
        self.entries.get(key).map(Vec::as_slice)
    }

    /// True when some key is longer than `key` and starts with its words.
    pub fn goes_on(&self, key: &str) -> bool {
        self.prefixes.contains(key)
    }

    /// The longest key, in words: bounds the search at each position.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_features() {
        let mut lex = Lexicon::default();
        let tsv = "vi\ten\tpos\tfeatures\n\
            tổ chức\torganise\tv\tobj\n\
            tổ chức\torganisation\tn\t\n\
            người\tperson\tn\tpl=people\n\
            đã\t-\taux\ttense=past\n\
            chưa được\tnot yet\taux\tmodal=not yet,voice=passive\n\
            tiếp tục\tcontinue\tv\tcomp=to\n";
        lex.add(tsv, Path::new("t.tsv"), false).unwrap();
        assert_eq!(lex.len(), 6);
        let e = lex.get("tổ chức").unwrap();
        assert_eq!(e.len(), 2);
        assert!(e.iter().any(|e| e.pos == Pos::Verb && e.feats.transitive));
        assert_eq!(lex.get("người").unwrap()[0].feats.plural.as_deref(), Some("people"));
        assert_eq!(lex.get("đã").unwrap()[0].en, "");
        assert_eq!(lex.get("đã").unwrap()[0].feats.markers, [Marker::Past]);
        // Both markers of "chưa được" are kept: the negation and the passive.
        assert_eq!(lex.get("chưa được").unwrap()[0].feats.markers, [Marker::Modal("not yet".into()), Marker::Passive]);
        assert_eq!(lex.get("tiếp tục").unwrap()[0].feats.comp, Some(Comp::To));
    }

    #[test]
    fn errors_name_the_line() {
        let p = Path::new("t.tsv");
        let err = Lexicon::default().add("vi\ten\tpos\tfeatures\na\tb\tzz\t\n", p, false).unwrap_err().to_string();
        assert!(err.contains("t.tsv:2") && err.contains("part of speech"), "{err}");
        let err = Lexicon::default().add("vi\ten\tpos\tfeatures\na\tb\tn\tfoo\n", p, false).unwrap_err().to_string();
        assert!(err.contains("unknown feature"), "{err}");
        let err = Lexicon::default().add("vi\ten\tpos\tfeatures\na\tb\tn\t\nA\tc\tn\t\n", p, true).unwrap_err().to_string();
        assert!(err.contains(":3") && err.contains("repeats line 2"), "{err}");
    }

    #[test]
    fn a_users_entries_win() {
        let mut lex = Lexicon::default();
        lex.add("vi\ten\tpos\tfeatures\nhội nghị\tconference\tn\t\n", Path::new("a"), false).unwrap();
        lex.add("vi\ten\tpos\tfeatures\nhội nghị\tmeeting\tn\t\n", Path::new("b"), false).unwrap();
        assert_eq!(lex.get("hội nghị").unwrap()[0].en, "conference");
        assert_eq!(lex.repeated.len(), 1);
        lex.add("vi\ten\tpos\tfeatures\nhội nghị\tmeeting\tn\t\n", Path::new("u"), true).unwrap();
        assert_eq!(lex.get("hội nghị").unwrap()[0].en, "meeting");
        assert_eq!(lex.len(), 1);
    }

    #[test]
    fn shipped_lexicon_loads_and_is_large() {
        let lex = Lexicon::load(None).unwrap_or_else(|e| panic!("{e}"));
        assert!(lex.len() >= 8000, "{} entries", lex.len());
        assert!(lex.repeated.is_empty(), "entries in two shipped files:\n{}", lex.repeated.join("\n"));
        // English never carries a digit the Vietnamese lacks (the number rule).
        for e in lex.entries() {
            for d in e.en.chars().filter(char::is_ascii_digit) {
                assert!(e.vi.contains(d), "{:?} → {:?}", e.vi, e.en);
            }
        }
    }
}
