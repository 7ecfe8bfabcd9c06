//! Analysis: a sentence into tokens. The facts stage's people, figures, dates,
//! organisations and places are fixed units (their English is already known); the
//! rest is cut by longest match over the lexicon, compounds first. A capitalised word
//! the lexicon lacks is a name; any other unknown word is kept as unknown.

use super::english::{ordinal, plain, title_case};
use super::lexicon::{Entry, Lexicon, Pos};
use crate::phrases::normalise_key;

/// What the facts stage found in the sentence, as sentence-local character spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub kind: UnitKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum UnitKind {
    /// A person's name (Vietnamese form; written plain in English).
    Person(String),
    /// A figure's number in English ("nearly 200 million", "100%"), and whether what it
    /// counts is plural. `whole` when the unit is part of the English (money, percent).
    Number { en: String, plural: bool },
    /// A date: the English preposition it takes alone ("on", "in") and its body.
    Date { prep: &'static str, en: String },
    /// An organisation or place from the gazetteers.
    Entity { en: String, org: bool },
    /// A quoted stretch, translated on its own: its English with the quotes.
    Quote(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'a> {
    /// A lexicon word or phrase with its readings, one per part of speech.
    Word(&'a [Entry]),
    Unit(UnitKind),
    /// A capitalised word or run of words the lexicon lacks: a name, written plain.
    Name(String),
    /// A number that is not a figure (a year, a number inside a name).
    Digits(String),
    Punct(char),
    /// An ordinal that goes before its noun: "kỳ họp thứ 20" → "20th", "khóa XIII" →
    /// "13th-tenure".
    Ordinal(String),
    /// A time of day in English ("22:15").
    Clock(String),
    /// A stretch of the calendar in English ("the first quarter of 2025").
    Period(String),
    /// A word the lexicon lacks.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    /// The Vietnamese as written.
    pub src: String,
    /// `src` as the rules compare it (`normalise_key`), made once per token.
    pub key: String,
    pub start: usize,
    pub end: usize,
    pub kind: Kind<'a>,
}

impl<'a> Token<'a> {
    pub fn new(src: String, start: usize, end: usize, kind: Kind<'a>) -> Token<'a> {
        Token { key: normalise_key(&src), src, start, end, kind }
    }

    /// The reading for a part of speech, if the lexicon has one.
    pub fn entry(&self, pos: Pos) -> Option<&Entry> {
        match &self.kind {
            Kind::Word(es) => es.iter().find(|e| e.pos == pos),
            _ => None,
        }
    }

    pub fn is_word(&self, key: &str) -> bool {
        matches!(self.kind, Kind::Word(_)) && self.key == key
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Punctuation that stands as its own token.
fn is_punct(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '“' | '”' | '"' | '‘' | '’' | '…')
}

/// A raw word: a run of non-space, non-punctuation characters (a hyphen inside a word
/// stays, and so do the separators inside a number: "1.170", "280,7", "14/14").
#[derive(Debug, Clone)]
struct Raw {
    start: usize,
    end: usize,
    text: String,
}

fn raw_words(chars: &[char]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // A slash between a counted word and a number ("vụ/13.400 đối tượng") is a word of
        // its own.
        if is_punct(c) || c == '/' {
            out.push(Raw { start: i, end: i + 1, text: c.to_string() });
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            // So is one after a lower-case word and before a number or another lower-case
            // word ("vụ/13.400", "học sinh/lớp", "tạ/ha": a count per a unit); "NQ/TW" and
            // "quý I/2025" stay whole.
            let after = chars.get(i + 1).is_some_and(|&c| c.is_ascii_digit() || c.is_lowercase());
            if chars[i] == '/' && i > start && chars[i - 1].is_lowercase() && after {
                break;
            }
            // A separator between digits belongs to the number.
            let inner_sep = matches!(chars[i], '.' | ',')
                && i > start
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if is_punct(chars[i]) && !inner_sep {
                // "TP." keeps its dot out as a token; the translator drops inner dots.
                break;
            }
            i += 1;
        }
        out.push(Raw { start, end: i, text: chars[start..i].iter().collect() });
    }
    join_code_names(out)
}

/// "COVID- 19", "COVID - 19": a capitalised code, a dash and a number written apart are
/// one name ("COVID-19"), not a name and a count.
fn join_code_names(raws: Vec<Raw>) -> Vec<Raw> {
    if !raws.iter().any(|r| r.text.ends_with('-')) {
        return raws;
    }
    let is_code = |t: &str| t.chars().count() >= 2 && t.chars().all(|c| c.is_ascii_uppercase());
    let is_number = |r: Option<&Raw>| r.is_some_and(|r| r.text.chars().all(|c| c.is_ascii_digit()));
    let mut out: Vec<Raw> = Vec::with_capacity(raws.len());
    let mut i = 0;
    while i < raws.len() {
        let r = &raws[i];
        // The dash glued to the code, or standing alone after it.
        let dash_words = match r.text.strip_suffix('-') {
            Some(code) if is_code(code) => Some(1),
            None if is_code(&r.text) && raws.get(i + 1).is_some_and(|d| d.text == "-") => Some(2),
            _ => None,
        };
        if let Some(n) = dash_words.filter(|&n| is_number(raws.get(i + n))) {
            let digits = &raws[i + n];
            let text = format!("{}-{}", r.text.trim_end_matches('-'), digits.text);
            out.push(Raw { start: r.start, end: digits.end, text });
            i += n + 1;
            continue;
        }
        out.push(Raw { start: r.start, end: r.end, text: r.text.clone() });
        i += 1;
    }
    out
}

/// A fact that ends inside a word ("Hồ Văn Niên-Ủy viên …": the name ends before the
/// dash) splits it there, so the rest is read on its own; a dash it starts with is a
/// word of its own.
fn split_at_units(raws: Vec<Raw>, units: &[Unit], chars: &[char]) -> Vec<Raw> {
    let mut out = Vec::with_capacity(raws.len());
    let mut ends = units.iter().map(|u| u.end).peekable();
    for r in raws {
        while ends.peek().is_some_and(|&e| e <= r.start) {
            ends.next();
        }
        match ends.peek().copied().filter(|&e| e > r.start && e < r.end && matches!(chars[e], '-' | '–')) {
            Some(e) => {
                let piece = |a: usize, b: usize| Raw { start: a, end: b, text: chars[a..b].iter().collect() };
                out.push(piece(r.start, e));
                out.push(piece(e, e + 1));
                if e + 1 < r.end {
                    out.push(piece(e + 1, r.end));
                }
            }
            None => out.push(r),
        }
    }
    out
}

/// The longest lexicon phrase with commas inside ("phòng, chống tham nhũng, tiêu cực") at
/// the start of `raws`: its length in words (commas counted) and its entries. Commas
/// are left out of the key, as the lexicon's keys leave them out; only entries written
/// with a comma match, and never past the start of a fact (`unit`).
fn comma_phrase<'a>(raws: &[Raw], keys: &[&str], lex: &'a Lexicon, unit: Option<usize>) -> Option<(usize, &'a [Entry])> {
    // The comma may follow any word of the phrase ("các sở, ngành liên quan"); most
    // words have none within a phrase's reach, and pay only this scan.
    if !lex.goes_on(keys[0]) || !raws.iter().skip(1).take(lex.max_words()).any(|w| w.text == ",") {
        return None;
    }
    let mut key = keys[0].to_string();
    let mut best = None;
    let mut words = 1;
    for m in 1..raws.len() {
        let w = &raws[m];
        if unit.is_some_and(|u| w.end > u) {
            break;
        }
        if w.text == "," {
            continue;
        }
        if w.text.chars().all(is_punct) {
            break;
        }
        key.push(' ');
        key.push_str(keys[m]);
        words += 1;
        if words > lex.max_words() {
            break;
        }
        if let Some(es) = lex.get(&key).filter(|es| es.iter().any(|e| e.vi.contains(','))) {
            best = Some((m + 1, es));
        }
        if !lex.goes_on(&key) {
            break;
        }
    }
    best
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// "TP", "UBND", "ThS", "PGS.TS": two or more capitals.
fn is_abbreviation(s: &str) -> bool {
    s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A time of day: "20h", "8h30", "22 giờ 15 (phút)": its English ("20:00", "22:15") and
/// length in words.
fn clock_at(keys: &[&str], i: usize) -> Option<(usize, String)> {
    let k = keys[i];
    let hm = |h: &str, m: &str| -> Option<String> {
        let h: u32 = h.parse().ok().filter(|h| *h < 24)?;
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok().filter(|m| *m < 60)? };
        Some(format!("{h}:{m:02}"))
    };
    if let Some((h, m)) = k.split_once('h') {
        if !h.is_empty() && h.len() <= 2 && h.chars().all(|c| c.is_ascii_digit()) && m.chars().all(|c| c.is_ascii_digit()) {
            return hm(h, m).map(|t| (1, t));
        }
    }
    if k.len() <= 2 && k.chars().all(|c| c.is_ascii_digit()) && keys.get(i + 1) == Some(&"giờ") {
        let minutes = keys.get(i + 2).filter(|m| m.len() <= 2 && m.chars().all(|c| c.is_ascii_digit()));
        return match minutes {
            Some(m) => {
                let n = if keys.get(i + 3) == Some(&"phút") { 4 } else { 3 };
                hm(k, m).map(|t| (n, t))
            }
            None => hm(k, "").map(|t| (2, t)),
        };
    }
    None
}

/// A quarter of a year at word `i`: "quý" + Roman numeral or digit, with its year after
/// a slash or not ("quý I/2025" → "the first quarter of 2025"); its length in words and
/// English.
fn quarter_at(keys: &[&str], raws: &[Raw], i: usize) -> Option<(usize, String)> {
    if keys[i] != "quý" {
        return None;
    }
    let text = raws.get(i + 1)?.text.as_str();
    let (q, year) = text.split_once('/').map_or((text, None), |(q, y)| (q, Some(y)));
    let n = q.parse::<u32>().ok().or_else(|| crate::extract::numbers::roman(q)).filter(|n| (1..=4).contains(n))?;
    let name = ["first", "second", "third", "fourth"][n as usize - 1];
    let is_year = |y: &str| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit());
    match year {
        // "quý I năm 2025".
        None if keys.get(i + 2) == Some(&"năm") && raws.get(i + 3).is_some_and(|y| is_year(&y.text)) => {
            Some((4, format!("the {name} quarter of {}", raws[i + 3].text)))
        }
        None => Some((2, format!("the {name} quarter"))),
        Some(y) if is_year(y) => Some((2, format!("the {name} quarter of {y}"))),
        Some(_) => None,
    }
}

/// Nouns that a place name follows ("huyện Bát Xát", "bản Hin Pén").
const PLACE_NOUNS: &[&str] = &[
    "tỉnh", "thành phố", "tp", "tx", "tt", "p", "q", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "thôn", "bản", "ấp", "làng",
    "buôn", "sóc", "tổ dân phố", "khu phố", "tiểu khu", "sông", "suối", "núi", "đèo", "đảo", "cửa khẩu", "đồn",
    "quốc lộ", "tỉnh lộ", "đường", "đại lộ", "cầu", "hồ", "biển", "vịnh", "cảng", "bệnh viện", "trường", "biên giới",
];

/// An ordinal at word `i`: ("thứ" | "lần thứ") + number, or "khóa" + Roman numeral or
/// number; its length in words and English.
fn ordinal_at(keys: &[&str], raws: &[Raw], i: usize) -> Option<(usize, String)> {
    let value = |k: usize| -> Option<u32> {
        let w = raws.get(k)?.text.as_str();
        w.parse::<u32>().ok().filter(|v| *v < 1000).or_else(|| crate::extract::numbers::roman(w))
    };
    match keys[i] {
        "thứ" => value(i + 1).map(|v| (2, ordinal(v))),
        "lần" if keys.get(i + 1) == Some(&"thứ") => value(i + 2).map(|v| (3, ordinal(v))),
        "khóa" | "khoá" => value(i + 1).map(|v| (2, format!("{}-tenure", ordinal(v)))),
        _ => None,
    }
}

/// Tokens of a sentence, given the facts' units (non-overlapping, sorted by start).
pub fn analyse<'a>(sentence: &str, units: &[Unit], lex: &'a Lexicon) -> Vec<Token<'a>> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut raws = split_at_units(raw_words(&chars), units, &chars);
    // A dot inside the sentence ends an abbreviation ("TP.", "PGS.TS.") or an ellipsis:
    // it does not break a phrase.
    let last = raws.len().saturating_sub(1);
    raws = raws.into_iter().enumerate().filter(|(k, r)| r.text != "." || *k == last).map(|(_, r)| r).collect();
    let mut joined = crate::phrases::JoinedKeys::default();
    for r in &raws {
        joined.push_with(|out| out.push_str(&normalise_key(&r.text)));
    }
    let phrase = |i: usize, n: usize| joined.phrase(i, n);
    // Each word's key, a slice of the joined keys.
    let keys: Vec<&str> = (0..raws.len()).map(|i| phrase(i, 1)).collect();
    let mut out: Vec<Token<'a>> = Vec::new();
    let mut i = 0;
    let mut unit_iter = units.iter().peekable();
    while i < raws.len() {
        let r = &raws[i];
        // Units that start before this word were overlapped by a longer match: skip them.
        while unit_iter.peek().is_some_and(|u| u.start < r.start) {
            unit_iter.next();
        }
        // The longest lexicon match here, never running into punctuation nor into a fact
        // that starts later ("Phó Chính ủy | Quân khu 5").
        // A lexicon phrase may take in a whole organisation or place ("Phó Bí thư Thường
        // trực Tỉnh ủy"), never part of one nor any part of a person, figure or date.
        let next_unit = unit_iter.peek().filter(|u| u.start > r.start);
        // The phrase grows a word at a time while some key goes on; the longest that
        // passes the checks wins.
        let longest = |i: usize| {
            let mut found = None;
            for n in 1..=lex.max_words().min(raws.len() - i) {
                let key = phrase(i, n);
                let span = &raws[i..i + n];
                let across_punct = n > 1 && span.iter().any(|w| w.text.chars().all(is_punct));
                let cuts_unit = next_unit.is_some_and(|u| {
                    let end = span[n - 1].end;
                    let swallows_entity = matches!(u.kind, UnitKind::Entity { .. }) && end >= u.end;
                    end > u.start && !swallows_entity
                });
                // "trên địa bàn tỉnh | Hà Tĩnh": before a name, a place's own noun goes with
                // it ("Ha Tinh province"), not with the phrase before it.
                let name_follows = raws.get(i + n).is_some_and(|w| is_capitalised(&w.text) && !is_abbreviation(&w.text));
                let takes_place_noun = |es: &[Entry]| {
                    name_follows
                        && PLACE_NOUNS.iter().any(|p| key.strip_suffix(p).is_some_and(|rest| rest.ends_with(' ')))
                        && es.iter().all(|e| matches!(e.pos, Pos::Phrase | Pos::Prep))
                };
                if !across_punct && !cuts_unit {
                    if let Some(es) = lex.get(key).filter(|es| !takes_place_noun(es)) {
                        found = Some((n, es));
                    }
                }
                if !lex.goes_on(key) {
                    break;
                }
            }
            found
        };
        // "phòng, chống thiên tai": a lexicon phrase written with its commas, when longer.
        let comma = |i: usize| comma_phrase(&raws[i..], &keys[i..], lex, next_unit.map(|u| u.start));
        let is = |es: &[Entry], pos: Pos| es.iter().any(|e| e.pos == pos);
        // After "đã", "chưa", "cần" … a verb is due: a longer noun with commas does not
        // take its place ("đã siêu âm, điện tim" is not "ultrasounds and ECGs").
        let verb_due = |i: usize| i > 0 && matches!(keys[i - 1], "đã" | "chưa" | "đang" | "sẽ" | "không" | "vẫn" | "cần" | "phải");
        let best = |i: usize| match (longest(i), comma(i)) {
            (Some(a), Some(b)) if b.0 > a.0 && !(verb_due(i) && is(a.1, Pos::Verb) && !is(b.1, Pos::Verb)) => Some(b),
            (a, b) => a.or(b),
        };
        let mut lexical = best(i);
        // "chủ trì buổi lễ | phát động": a phrase whose last words start a longer one
        // ("buổi lễ phát động") gives them up, when what is left of it is a phrase too
        // ("chủ trì | buổi lễ phát động").
        // Only a verb's phrase with a noun object gives way, and only to a noun of three
        // words or more: "tổ chức lễ ra quân | huấn luyện" → "tổ chức | lễ ra quân huấn
        // luyện"; two-word nouns too often read across a nominaliser ("hoàn thành việc |
        // làm sạch": not "việc làm", a job).
        if let Some((n, _)) = lexical.filter(|&(n, es)| n > 1 && es.iter().all(|e| e.pos == Pos::Verb)) {
            // The words it gives up are its object, a noun of their own ("buổi lễ"), maybe
            // after "các"/"những" ("đề nghị các đơn vị | liên quan"); commas are left out
            // of a key, as the lexicon's keys leave them out.
            // Only a span with a comma is joined anew; any other is a slice of the joined keys.
            let key = |a: usize, b: usize| -> std::borrow::Cow<str> {
                if keys[a..b].iter().any(|k| k.is_empty()) {
                    keys[a..b].iter().filter(|k| !k.is_empty()).copied().collect::<Vec<_>>().join(" ").into()
                } else {
                    phrase(a, b - a).into()
                }
            };
            let noun = |a: usize, b: usize| a < b && lex.get(&key(a, b)).is_some_and(|es| is(es, Pos::Noun));
            let object = |j: usize| noun(j, i + n) || (matches!(keys[j], "các" | "những") && noun(j + 1, i + n));
            // A phrase with commas takes the words only when it is nothing but a noun
            // ("tổ chức khám bệnh | , cấp thuốc miễn phí": that one also reads as a verb).
            let noun_only = |es: &[Entry]| es.iter().all(|e| e.pos == Pos::Noun);
            let longer_noun = |j: usize| {
                longest(j).filter(|&(_, es)| is(es, Pos::Noun)).or(comma(j).filter(|&(_, es)| noun_only(es)))
            };
            let overlapped =
                (i + 1..i + n).find(|&j| object(j) && longer_noun(j).is_some_and(|(m, _)| m > 2 && j + m > i + n));
            if let Some((j, es)) = overlapped.and_then(|j| Some((j, lex.get(&key(i, j))?))).filter(|(_, es)| is(es, Pos::Verb)) {
                lexical = Some((j - i, es));
            }
        }
        if let Some(u) = unit_iter.peek().filter(|u| u.start >= r.start && u.start < r.end.max(r.start + 1)) {
            // The words the unit covers.
            let n = raws[i..].iter().take_while(|w| w.start < u.end).count().max(1);
            // People, figures and dates always stand; a longer lexicon phrase may take in
            // an organisation or place.
            let entity = matches!(u.kind, UnitKind::Entity { .. });
            if !entity || lexical.is_none_or(|(m, _)| n >= m) {
                let end = raws[i + n - 1].end.max(u.end.min(chars.len()));
                out.push(Token::new(chars[r.start..end].iter().collect(), r.start, end, Kind::Unit(u.kind.clone())));
                i += n;
                unit_iter.next();
                continue;
            }
        }
        // "từ ngày 12 đến 14/10": the day is a bare number ("from 12 to 14 October").
        if keys[i] == "ngày"
            && i > 0
            && keys[i - 1] == "từ"
            && raws.get(i + 1).is_some_and(|w| w.text.len() <= 2 && w.text.chars().all(|c| c.is_ascii_digit()))
            && keys.get(i + 2).is_some_and(|k| matches!(*k, "đến" | "tới"))
        {
            i += 1;
            continue;
        }
        // "bão số 3", "Quyết định số 123/QĐ-UBND": a number that names follows its noun
        // ("storm No. 3", "Decision No. 123/QD-UBND"), never counts.
        if keys[i] == "số"
            && lexical.is_none_or(|(n, _)| n == 1)
            && out.last().is_some_and(|t| !matches!(t.kind, Kind::Punct(_) | Kind::Digits(_) | Kind::Unit(_)))
            && raws.get(i + 1).is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
        {
            let number = &raws[i + 1];
            out.push(Token::new(chars[r.start..number.end].iter().collect(), r.start, number.end, Kind::Digits(format!("No. {}", plain(&number.text)))));
            i += 2;
            continue;
        }
        if let Some((n, en)) = quarter_at(&keys, &raws, i) {
            let end = raws[i + n - 1].end;
            out.push(Token::new(chars[r.start..end].iter().collect(), r.start, end, Kind::Period(en)));
            i += n;
            continue;
        }
        if let Some((n, en)) = clock_at(&keys, i) {
            let end = raws[i + n - 1].end;
            out.push(Token::new(chars[r.start..end].iter().collect(), r.start, end, Kind::Clock(en)));
            i += n;
            continue;
        }
        // "thứ 20", "lần thứ 25", "khóa XIII": an ordinal.
        if let Some((n, en)) = ordinal_at(&keys, &raws, i) {
            let end = raws[i + n - 1].end;
            out.push(Token::new(chars[r.start..end].iter().collect(), r.start, end, Kind::Ordinal(en)));
            i += n;
            continue;
        }
        // A run of capitalised words the lexicon does not hold as a name is a name
        // ("Đất Mũi", "Minh Hóa", "Sông Mã"), even where its syllables are common words;
        // so is a capitalised word after a place noun ("huyện Lệ Thủy").
        // The run stops at a fact (a person's name) and never takes an abbreviation ("TP", "TS").
        let next_unit = unit_iter.peek().map_or(usize::MAX, |u| u.start);
        let run = raws[i..]
            .iter()
            .take_while(|w| is_capitalised(&w.text) && !is_abbreviation(&w.text) && w.start < next_unit)
            .count();
        // Asked only where it decides (a single capitalised word): scanning the place
        // nouns at every word was a tenth of this function's profile, string compares.
        // So is one after a word that ends in a place noun ("bờ sông Tiền": "the Tien
        // riverbank", not "money").
        let after_place = || {
            out.last().is_some_and(|t| {
                let last = t.key.rsplit(' ').next().unwrap_or_default();
                PLACE_NOUNS.iter().any(|&p| p == last || t.key.strip_suffix(p).is_some_and(|rest| rest.is_empty() || rest.ends_with(' ')))
            })
        };
        // At a sentence's or a clause's start the first capital is the sentence's: a
        // lexicon phrase that covers the whole run is that phrase ("Sau Tết Nguyên Đán, …").
        let sentence_start = out.last().is_none_or(|t| matches!(t.kind, Kind::Punct(_)));
        let lexical_is_name =
            lexical.is_some_and(|(n, es)| n >= run && (sentence_start || es.iter().any(|e| is_capitalised(&e.vi))));
        // A run cut off inside a compound is no name: "Ngày Quốc tế" (quốc tế).
        let cut_compound = run > 0 && {
            let k = i + run - 1;
            (2..=lex.max_words().min(raws.len() - k)).any(|n| lex.get(phrase(k, n)).is_some())
        };
        // "Huyện Kỳ Anh" capitalised at the start of a headline is the district of Kỳ
        // Anh, not a name of three words: the admin noun goes alone, the name after it.
        let admin_noun = match (keys[i], keys.get(i + 1)) {
            ("thị", Some(&("xã" | "trấn"))) | ("thành", Some(&"phố")) => 2,
            ("tỉnh" | "huyện" | "quận" | "xã" | "phường" | "thôn" | "ấp", _) => 1,
            // "P. Cầu Kho", "TX. Sơn Tây": an abbreviated unit too.
            ("p" | "q" | "tx" | "tt", _) if r.text.chars().all(|c| c.is_uppercase()) => 1,
            _ => 0,
        };
        let run = if admin_noun > 0 && run > admin_noun { 0 } else { run };
        if run > 0 && (run >= 2 || after_place()) && !lexical_is_name && !cut_compound {
            let end = raws[i + run - 1].end;
            let src: String = chars[r.start..end].iter().collect();
            out.push(Token::new(src.clone(), r.start, end, Kind::Name(plain(&src))));
            i += run;
            continue;
        }
        if let Some((n, es)) = lexical {
            let end = raws[i + n - 1].end;
            // One word's key is already made; a phrase's spans what lies between its words.
            let src: String = chars[r.start..end].iter().collect();
            let key = if n == 1 && src == r.text { keys[i].to_string() } else { normalise_key(&src) };
            out.push(Token { src, key, start: r.start, end, kind: Kind::Word(es) });
            i += n;
            continue;
        }
        let c = r.text.chars().next().unwrap_or(' ');
        let kind = if r.text.chars().count() == 1 && (is_punct(c) || matches!(c, '-' | '–' | '/')) {
            Kind::Punct(c)
        } else if r.text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | '–')) && c.is_ascii_digit() {
            Kind::Digits(r.text.clone())
        } else if is_capitalised(&r.text) || r.text.chars().any(|c| c.is_ascii_digit()) {
            Kind::Name(plain(&r.text))
        } else {
            Kind::Unknown
        };
        // Consecutive unknown capitalised words are one name ("Bát Xát").
        if let (Kind::Name(n), Some(Token { kind: Kind::Name(prev), end, src, key, .. })) = (&kind, out.last_mut()) {
            if *end + 1 == r.start || *end == r.start {
                prev.push(' ');
                prev.push_str(n);
                src.push(' ');
                src.push_str(&r.text);
                *key = normalise_key(src);
                *end = r.end;
                i += 1;
                continue;
            }
        }
        out.push(Token { src: r.text.clone(), key: keys[i].to_string(), start: r.start, end: r.end, kind });
        i += 1;
    }
    join_numbered_names(join_dashed_names(out))
}

/// "Quyết định số 123/QĐ-UBND": a document type the lexicon gives with its "No." and the
/// code after it are one name ("Decision No. 123/QD-UBND"), so that nothing comes
/// between them nor reorders them.
fn join_numbered_names(tokens: Vec<Token<'_>>) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        let code = match &t.kind {
            Kind::Name(c) | Kind::Digits(c) if c.starts_with(|c: char| c.is_ascii_digit()) => Some(c),
            // "cơn bão số 3": the number written with its "No." ("Storm No. 3").
            Kind::Digits(c) if c.starts_with("No. ") => Some(c),
            _ => None,
        };
        if let (Some(code), Some(prev)) = (code, out.last()) {
            // Not "Decision No." twice.
            let en = numbered_type(prev).filter(|en| !(en.ends_with(" No.") && code.starts_with("No. ")));
            if let Some(en) = en {
                let (src, start) = (format!("{} {}", prev.src, t.src), prev.start);
                let name = Kind::Name(format!("{en} {code}"));
                out.pop();
                out.push(Token::new(src, start, t.end, name));
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// The English that a number after this word completes: a document type the lexicon
/// writes with "No." ("Decision No.", "storm No."), or a place or unit a number names
/// ("Quận" → "District", "quốc lộ" → "National Highway").
fn numbered_type(t: &Token) -> Option<String> {
    let Kind::Word(es) = &t.kind else { return None };
    if let Some(e) = es.iter().find(|e| e.pos == Pos::Noun && e.en.ends_with(" No.")) {
        return Some(e.en.clone());
    }
    es.iter().find(|e| e.feats.numbered).map(|e| title_case(&e.en))
}

/// "Việt Nam - Lào", "Tây Trang - Sốp Hùn": two names joined by a dash are one
/// ("Vietnam-Laos"), so that a noun before them takes them whole.
fn join_dashed_names(tokens: Vec<Token<'_>>) -> Vec<Token<'_>> {
    let name_en = |t: &Token| match &t.kind {
        Kind::Name(n) => Some(n.clone()),
        Kind::Unit(UnitKind::Entity { en, org: false }) => Some(en.clone()),
        _ => None,
    };
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut it = tokens.into_iter().peekable();
    while let Some(t) = it.next() {
        let dash = matches!(t.kind, Kind::Punct('-' | '–'));
        if dash && out.last().is_some_and(|p| name_en(p).is_some()) && it.peek().is_some_and(|n| name_en(n).is_some()) {
            let (Some(prev), Some(next)) = (out.pop(), it.next()) else { continue };
            // "Việt - Lào", "Việt - Trung": a country's short name is its English name.
            let country = |n: String| match n.as_str() {
                "Viet" => "Vietnam".to_string(),
                "Trung" => "China".to_string(),
                _ => n,
            };
            let en = format!("{}-{}", country(name_en(&prev).unwrap_or_default()), country(name_en(&next).unwrap_or_default()));
            out.push(Token::new(format!("{} - {}", prev.src, next.src), prev.start, next.end, Kind::Name(en)));
            continue;
        }
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn lex() -> Lexicon {
        let mut l = Lexicon::default();
        l.add(
            "vi\ten\tpos\tfeatures\nhội nghị\tconference\tn\t\nhội nghị tổng kết\treview conference\tn\t\n\
             chủ trì\tchair\tv\tobj\ntỉnh\tprovince\tn\t\ntỉnh\tprovincial\tadj\t\nTP.\tcity\tn\t\n",
            Path::new("t"),
            false,
        )
        .unwrap();
        l
    }

    fn kinds(tokens: &[Token]) -> Vec<String> {
        tokens
            .iter()
            .map(|t| match &t.kind {
                Kind::Word(es) => format!("w:{}", es[0].en),
                Kind::Unit(UnitKind::Person(n)) => format!("person:{n}"),
                Kind::Unit(u) => format!("unit:{u:?}"),
                Kind::Name(n) => format!("name:{n}"),
                Kind::Digits(d) => format!("digits:{d}"),
                Kind::Punct(c) => format!("p:{c}"),
                Kind::Ordinal(o) => format!("ord:{o}"),
                Kind::Clock(c) => format!("clock:{c}"),
                Kind::Period(p) => format!("period:{p}"),
                Kind::Unknown => format!("?:{}", t.src),
            })
            .collect()
    }

    #[test]
    fn longest_match_units_names_and_unknowns() {
        let lex = lex();
        let s = "Đồng chí Hồ Văn Niên chủ trì hội nghị tổng kết tại huyện Bát Xát, tỉnh Lào Cai năm 2024.";
        let units = [Unit { start: 9, end: 20, kind: UnitKind::Person("Hồ Văn Niên".into()) }];
        let got = kinds(&analyse(s, &units, &lex));
        assert_eq!(
            got,
            [
                "name:Dong", // "Đồng chí" is not in this lexicon: a capitalised unknown is a name
                "?:chí",
                "person:Hồ Văn Niên",
                "w:chair",
                "w:review conference",
                "?:tại",
                "?:huyện",
                "name:Bat Xat",
                "p:,",
                "w:province",
                "name:Lao Cai",
                "?:năm",
                "digits:2024",
                "p:."
            ]
        );
    }

    #[test]
    fn numbers_keep_their_separators_and_inner_dots_go() {
        let lex = lex();
        let got = kinds(&analyse("TP. Kon Tum có 1.170 hộ, 280,7 km.", &[], &lex));
        // The abbreviation's dot does not split "TP. Kon Tum"; the final one stays.
        assert_eq!(got[..2], ["w:city", "name:Kon Tum"]);
        assert_eq!(got.last().map(String::as_str), Some("p:."));
        assert!(got.contains(&"digits:1.170".to_string()) && got.contains(&"digits:280,7".to_string()), "{got:?}");
    }

    #[test]
    fn a_capitalised_admin_noun_goes_alone_before_the_name() {
        let mut lex = lex();
        lex.add("vi\ten\tpos\tfeatures\nhuyện\tdistrict\tn\t\nthị xã\ttown\tn\t\n", Path::new("t"), false).unwrap();
        let got = kinds(&analyse("Tỉnh Lào Cai và Huyện Bát Xát, Thị Xã Sa Pa.", &[], &lex));
        assert_eq!(
            got,
            ["w:province", "name:Lao Cai", "?:và", "w:district", "name:Bat Xat", "p:,", "w:town", "name:Sa Pa", "p:."]
        );
        // A run that is only the noun and a word the lexicon lacks stays one name.
        assert_eq!(kinds(&analyse("Đất Mũi", &[], &lex)), ["name:Dat Mui"]);
    }

    #[test]
    fn a_verbs_phrase_gives_its_object_to_a_longer_noun() {
        let mut lex = lex();
        lex.add(
            "vi\ten\tpos\tfeatures\nchủ trì buổi lễ\tpreside over the ceremony\tv\t\n\
             buổi lễ\tceremony\tn\t\nbuổi lễ phát động\tlaunching ceremony\tn\t\nviệc\ttask\tn\t\nhoàn thành việc\tcomplete\tv\t\n\
             hoàn thành\tcomplete\tv\t\nviệc làm\tjob\tn\t\n",
            Path::new("t"),
            false,
        )
        .unwrap();
        assert_eq!(kinds(&analyse("chủ trì buổi lễ phát động", &[], &lex)), ["w:chair", "w:launching ceremony"]);
        // Nothing longer after it: the verb's phrase stands.
        assert_eq!(kinds(&analyse("chủ trì buổi lễ", &[], &lex)), ["w:preside over the ceremony"]);
        // A two-word noun does not take it apart ("việc làm sạch" is no job).
        assert_eq!(kinds(&analyse("hoàn thành việc làm sạch", &[], &lex))[0], "w:complete");
        assert_eq!(kinds(&analyse("hoàn thành việc làm sạch", &[], &lex)).len(), 3);
    }

    #[test]
    fn a_code_and_its_number_written_apart_are_one_name() {
        let lex = lex();
        for s in ["COVID-19", "COVID- 19", "COVID - 19"] {
            assert_eq!(kinds(&analyse(s, &[], &lex)), ["name:COVID-19"], "{s}");
        }
        // A dash between a name with a number and a count is left alone.
        let got = kinds(&analyse("Quân khu 4 - 19 đơn vị", &[], &lex));
        assert!(got.contains(&"digits:19".to_string()), "{got:?}");
    }
}
