//! The English briefing, written from the extracted facts through the termbase
//! (data-to-text): faithful by construction, every line citing its sentence.
//!
//! What the termbase cannot render stays in Vietnamese, in `*italics*`, rather than
//! being guessed. Every number in the English text must come from an extracted figure
//! or date, or from the source text itself: [`check_numbers`] enforces it, and a line
//! that fails is dropped and reported in the document's warnings.

pub mod html;
pub mod markdown;

use serde::{Deserialize, Serialize};

use crate::document::{Document, Label};
use crate::extract::numbers::{Figure, Qualifier};
use crate::extract::{Facts, Resources};
use crate::termbase::Piece;
use crate::translate::RulesTranslator;
use crate::text::capitalise;

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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub text: String,
    /// How the summary was made: `data-to-text:termbase`, or `abstractive:<model>`.
    pub method: String,
}


/// Words that name the event, in order of preference, as the termbase knows them.
const EVENT_WORDS: &[&str] = &[
    "hội nghị tổng kết", "hội nghị sơ kết", "hội nghị trực tuyến", "phiên họp thường kỳ",
    "phiên chất vấn", "phiên giải trình", "kỳ họp", "hội nghị", "cuộc họp", "buổi làm việc",
    "hội đàm", "lễ ra quân", "lễ khai giảng", "lễ truy điệu", "diễn tập", "hội thảo", "buổi lễ",
];

/// Builds the briefing; returns it with warnings about dropped lines. `translator` names
/// the engine whose translations the sentences carry; titles and ranks are written
/// through the rules translator.
pub fn build(doc: &Document, facts: &Facts, res: &Resources, rules: &RulesTranslator, translator: &str) -> (Briefing, Vec<String>) {
    let sentences: Vec<&crate::document::Sentence> = doc.sentences().collect();
    let translated = sentences.iter().any(|s| s.translation.is_some());
    let allowed = allowed_numbers(doc, facts);
    let mut warnings = Vec::new();
    let mut keep = |line: Line, what: &str, out: &mut Vec<Line>| match check_numbers(&line.text, &allowed) {
        Ok(()) => out.push(line),
        Err(n) => warnings.push(format!(
            "{what} line for sentence {} dropped: the number {n} is not in the source",
            line.sentence + 1
        )),
    };

    let mut chaired_by = Vec::new();
    let mut attended_by = Vec::new();
    for p in &facts.people {
        let titles: Vec<String> = p.person.titles.iter().map(|t| rules.phrase(t)).collect();
        let rank = p.person.rank.as_deref().map(|r| rules.phrase(r));
        let mut text = match rank {
            Some(r) => format!("{r} {}", p.name_en),
            None => p.name_en.clone(),
        };
        if !titles.is_empty() {
            text = format!("{text} ({})", titles.join("; "));
        }
        let line = Line { text, sentence: p.sentence };
        match p.person.role {
            Some(crate::extract::people::Role::Chair) => keep(line, "chair", &mut chaired_by),
            Some(crate::extract::people::Role::Attendee) => keep(line, "attendee", &mut attended_by),
            _ => {}
        }
    }
    // Attendance sentences without a named person ("Dự hội nghị có lãnh đạo 17 huyện").
    for (i, s) in sentences.iter().enumerate() {
        if s.label == Some(Label::Attendance) && !facts.people.iter().any(|p| p.sentence == i) {
            keep(Line { text: render_sentence(s, i, facts, res), sentence: i }, "attendance", &mut attended_by);
        }
    }

    let mut key_figures = Vec::new();
    for f in &facts.figures {
        if f.label == Some(Label::Attendance) {
            continue; // counted with who attended
        }
        let s = sentences[f.sentence];
        let context = if f.figure.unit.as_deref() == Some("%") {
            term_after(&s.text, f.figure.end - s.start, res).or_else(|| phrase_before(&s.text, f.figure.start - s.start, res))
        } else {
            phrase_before(&s.text, f.figure.start - s.start, res)
        };
        let mut text = english_figure(&f.figure, res);
        if let Some(c) = context {
            text = format!("{text}: {c}");
        }
        keep(Line { text, sentence: f.sentence }, "figure", &mut key_figures);
    }

    let mut achievements = Vec::new();
    let mut directives = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let line = Line { text: render_sentence(s, i, facts, res), sentence: i };
        match s.label {
            Some(Label::Achievement) => keep(line, "achievement", &mut achievements),
            Some(Label::Directive) => keep(line, "directive", &mut directives),
            _ => {}
        }
    }

    let title = title(doc, facts, res);
    // The summary repeats checked lines only; checked once more as a whole.
    let mut summary = summary_text(&title, &chaired_by, &key_figures, &directives);
    if let Err(n) = check_numbers(&summary, &allowed) {
        warnings.push(format!("summary shortened: the number {n} is not in the source"));
        summary = summary_text(&title, &chaired_by, &[], &[]);
    }
    (
        Briefing {
            title,
            chaired_by,
            attended_by,
            key_figures,
            achievements,
            directives,
            summary: Summary {
                text: summary,
                method: if translated { METHOD_DATA_TO_TEXT_TRANSLATED } else { METHOD_DATA_TO_TEXT }.into(),
            },
            line_method: if translated { format!("translation:{translator}") } else { "termbase".into() },
        },
        warnings,
    )
}

/// The summarizer's text as the briefing's summary, each sentence held to the number
/// rule; `None` (keep the data-to-text summary) when no sentence survives. Returns the
/// warnings about dropped sentences.
pub fn abstractive_summary(doc: &Document, facts: &Facts, text: &str, model: &str) -> (Option<Summary>, Vec<String>) {
    let allowed = allowed_numbers(doc, facts);
    let mut kept = Vec::new();
    let mut warnings = Vec::new();
    for sentence in crate::summarize::sentences(text) {
        match check_numbers(sentence, &allowed) {
            Ok(()) => kept.push(sentence),
            Err(n) => warnings.push(format!("summary sentence dropped: the number {n} is not in the source: {sentence:?}")),
        }
    }
    if kept.is_empty() {
        warnings.push(format!("the summary of {model} was empty or dropped; the data-to-text summary stands"));
        return (None, warnings);
    }
    (Some(Summary { text: kept.join(" "), method: format!("abstractive:{model}") }), warnings)
}

/// A phrase in English as far as the termbase reaches; the rest in `*italics*`.
pub fn render(text: &str, res: &Resources) -> String {
    join_pieces(&res.termbase.render(text))
}

fn join_pieces(pieces: &[Piece]) -> String {
    let parts: Vec<String> = pieces
        .iter()
        .map(|p| match p {
            Piece::En(e) => e.clone(),
            Piece::Vi(v) => format!("*{}*", v.trim_matches(|c: char| c == ',' || c.is_whitespace())),
        })
        .filter(|p| p != "**")
        .collect();
    parts.join(" ")
}

/// A sentence rendered through the termbase, its figures in English. `start` is the
/// sentence's offset in the document (fact offsets are document offsets).
fn render_sentence(s: &crate::document::Sentence, index: usize, facts: &Facts, res: &Resources) -> String {
    if let Some(t) = s.translation.as_deref().filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    let chars: Vec<char> = s.text.chars().collect();
    let mut out = Vec::new();
    let mut pos = 0;
    for f in facts.figures.iter().filter(|f| f.sentence == index).map(|f| &f.figure) {
        let (a, b) = (f.start - s.start, f.end - s.start);
        if a < pos || b > chars.len() {
            continue;
        }
        out.push(render(&chars[pos..a].iter().collect::<String>(), res));
        out.push(english_figure(f, res));
        pos = b;
    }
    out.push(render(&chars[pos..].iter().collect::<String>(), res));
    out.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The nearest termbase phrase before a figure in its clause ("khám bệnh, cấp phát thuốc").
fn phrase_before(sentence: &str, local_start: usize, res: &Resources) -> Option<String> {
    let chars: Vec<char> = sentence.chars().collect();
    let clause_start = chars[..local_start.min(chars.len())]
        .iter()
        .rposition(|&c| c == ';' || c == ':')
        .map_or(0, |p| p + 1);
    let clause: String = chars[clause_start..local_start.min(chars.len())].iter().collect();
    res.termbase
        .matches(&clause)
        .into_iter()
        .filter(|m| m.value.category == "phrase")
        .next_back()
        .map(|m| m.value.en.clone())
}

/// The termbase term right after a percentage ("100% chỉ tiêu giao quân").
fn term_after(sentence: &str, local_end: usize, res: &Resources) -> Option<String> {
    let rest: String = sentence.chars().skip(local_end).collect();
    let clause = rest.split([';', ',', ':']).next().unwrap_or("");
    res.termbase.matches(clause).first().filter(|m| m.start <= 1).map(|m| m.value.en.clone())
}

/// "nearly 200 million dong", "1,170 residents", "100%".
pub fn english_figure(f: &Figure, res: &Resources) -> String {
    let amount = english_amount_phrase(f);
    let unit = match f.unit.as_deref() {
        Some("%") => return format!("{amount}%"),
        Some("đồng") => "dong".to_string(),
        Some("USD") => "US dollars".to_string(),
        Some(u) => plural(&unit_in_english(u, res), f.value),
        None => String::new(),
    };
    format!("{amount} {unit}").trim().to_string()
}

/// A figure's amount without its unit: qualifier, value and range ("nearly 200 million",
/// "10–15"). A number written as a word stays a word ("hai ngày" → "two"): English never
/// shows a numeral the source does not.
pub fn english_amount_phrase(f: &Figure) -> String {
    let q = match f.qualifier {
        Some(Qualifier::Approximately) => "about ",
        Some(Qualifier::Nearly) => "nearly ",
        Some(Qualifier::MoreThan) => "more than ",
        Some(Qualifier::LessThan) => "fewer than ",
        Some(Qualifier::AtLeast) => "at least ",
        None => "",
    };
    let in_words = f.number.chars().next().is_some_and(char::is_alphabetic);
    let value = if in_words { english_words(f.value).unwrap_or_else(|| english_amount(f)) } else { english_amount(f) };
    let range = f.range_to.map(|r| format!("–{}", english_number(r))).unwrap_or_default();
    format!("{q}{value}{range}")
}

/// Small whole numbers in English words.
fn english_words(v: f64) -> Option<String> {
    const W: [&str; 21] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];
    (v.fract() == 0.0 && (0.0..=20.0).contains(&v)).then(|| W[v as usize].to_string())
}

/// "day" → "days" for counts other than one; leaves phrases and plurals alone.
fn plural(unit: &str, value: f64) -> String {
    const UNCOUNTABLE: &[&str] = &["people", "police", "staff", "rice", "equipment", "ha", "kg", "km", "dong"];
    let simple = !unit.is_empty() && unit.chars().all(|c| c.is_ascii_lowercase());
    if value != 1.0 && simple && !unit.ends_with('s') && !UNCOUNTABLE.contains(&unit) {
        format!("{unit}s")
    } else {
        unit.to_string()
    }
}

/// The counted noun in English: the termbase term the unit phrase starts with ("hộ gia
/// đình chính sách hộ nghèo" → "policy households"); otherwise the phrase in italics.
fn unit_in_english(unit: &str, res: &Resources) -> String {
    match res.termbase.matches(unit).first() {
        Some(m) if m.start == 0 => m.value.en.clone(),
        _ => format!("*{unit}*"),
    }
}

/// The value in English: magnitude words kept ("200 million"), digits grouped with commas.
fn english_amount(f: &Figure) -> String {
    let written = crate::extract::numbers::parse_number(&f.number).unwrap_or(f.value);
    let ratio = if written != 0.0 { f.value / written } else { 1.0 };
    let magnitude = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")]
        .iter()
        .find(|(m, _)| (ratio - m).abs() < 1e-6 * m)
        .map(|(_, w)| *w);
    match magnitude {
        Some(w) => format!("{} {w}", english_number(written)),
        None => english_number(f.value),
    }
}

/// 1170 → "1,170"; 2.5 → "2.5".
pub fn english_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn title(doc: &Document, facts: &Facts, res: &Resources) -> String {
    let first: Vec<&crate::document::Sentence> = doc.sentences().take(4).collect();
    let event = EVENT_WORDS.iter().find_map(|w| {
        first.iter().find(|s| s.text.to_lowercase().contains(w)).and_then(|_| res.termbase.get(w)).map(|t| t.en.clone())
    });
    // The organisation named most often is the report's subject (the first one is often
    // part of a chair's titles).
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for o in &facts.organisations {
        match counts.iter_mut().find(|(e, _)| *e == o.english) {
            Some(c) => c.1 += 1,
            None => counts.push((&o.english, 1)),
        }
    }
    let org = counts.iter().max_by_key(|(_, n)| *n).map(|(e, _)| e.to_string());
    let place = facts.places.iter().find(|p| p.sentence < 4 && p.kind != "country").map(|p| p.english.clone());
    let date = facts.dates.iter().find(|d| d.sentence < 4).map(|d| english_date(&d.date));
    let mut parts = Vec::new();
    let head = match (event, org) {
        (Some(e), Some(o)) => format!("{} of the {o}", capitalise(&e)),
        (Some(e), None) => capitalise(&e),
        (None, Some(o)) => o,
        (None, None) => "Report".to_string(),
    };
    parts.push(head);
    if let Some(p) = place {
        parts.push(p);
    }
    if let Some(d) = date {
        parts.push(d);
    }
    parts.join(", ")
}


fn english_date(d: &crate::extract::dates::DateMention) -> String {
    let month = d.month.and_then(crate::text::month_name);
    match (d.day, month, d.year) {
        (Some(day), Some(m), Some(y)) => format!("{day} {m} {y}"),
        (Some(day), Some(m), None) => format!("{day} {m}"),
        (None, Some(m), Some(y)) => format!("{m} {y}"),
        (None, None, Some(y)) => format!("{y}"),
        _ => d.text.clone(),
    }
}

/// Title, chair, the first key figures and the first directive, all already checked.
fn summary_text(title: &str, chairs: &[Line], figures: &[Line], directives: &[Line]) -> String {
    let mut s = format!("{title}.");
    if let Some(c) = chairs.first() {
        s.push_str(&format!(" Chaired by {}.", c.text));
    }
    if !figures.is_empty() {
        let top: Vec<&str> = figures.iter().take(4).map(|l| l.text.as_str()).collect();
        s.push_str(&format!(" Key figures: {}.", top.join("; ")));
    }
    if let Some(d) = directives.first() {
        s.push_str(&format!(" For the coming period: {}.", d.text));
    }
    s
}

/// Every value a number in the briefing may take: figures (as stated and as written),
/// their ranges, date parts, and every number in the source text.
pub fn allowed_numbers(doc: &Document, facts: &Facts) -> Vec<f64> {
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
    v.extend(doc.text.split(|c: char| !c.is_alphanumeric()).filter_map(crate::extract::numbers::roman).map(f64::from));
    for token in number_tokens(&doc.text) {
        v.extend(crate::extract::numbers::parse_number(&token));
        // Parts of compound tokens ("28/11", "8h30", "2021-2025").
        v.extend(token.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse::<f64>().ok()));
    }
    v
}

fn number_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (!cur.is_empty() && matches!(c, '.' | ',' | '/' | '-' | 'h')) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(cur.trim_end_matches(['.', ',', '/', '-', 'h']).to_string());
            cur.clear();
        }
    }
    out
}

/// Checks that every number in an English line is an allowed value. Vietnamese quoted
/// in `*italics*` is read with Vietnamese number rules, the rest with English ones.
/// Returns the first offending number.
pub fn check_numbers(text: &str, allowed: &[f64]) -> Result<(), String> {
    let ok = |v: f64| allowed.iter().any(|a| (a - v).abs() <= 1e-9 * a.abs().max(1.0));
    // A clock time on the hour ("18:00", the source's "18h") carries only its hour.
    let text = text.replace(":00", "");
    for (i, segment) in text.split('*').enumerate() {
        let vietnamese = i % 2 == 1;
        for token in number_tokens(segment) {
            let value = if vietnamese {
                crate::extract::numbers::parse_number(&token)
            } else {
                token.replace(',', "").parse::<f64>().ok()
            };
            let parts_ok = token
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .all(|p| p.parse::<f64>().is_ok_and(ok));
            if !(value.is_some_and(ok) || parts_ok) {
                return Err(token);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_numbers() {
        assert_eq!(english_number(1170.0), "1,170");
        assert_eq!(english_number(12345678.0), "12,345,678");
        assert_eq!(english_number(2.5), "2.5");
        assert_eq!(english_number(100.0), "100");
    }

    #[test]
    fn figures_in_english() {
        let res = Resources::builtin().unwrap();
        let f = &crate::extract::numbers::find_figures("với tổng kinh phí gần 200 triệu đồng")[0];
        assert_eq!(english_figure(f, &res), "nearly 200 million dong");
        let f = &crate::extract::numbers::find_figures("cho 1.170 người dân")[0];
        assert_eq!(english_figure(f, &res), "1,170 residents");
        let f = &crate::extract::numbers::find_figures("hoàn thành 100% chỉ tiêu")[0];
        assert_eq!(english_figure(f, &res), "100%");
        let f = &crate::extract::numbers::find_figures("trong hai ngày 6 và 7/12")[0];
        assert_eq!(english_figure(f, &res), "two days");
    }

    #[test]
    fn number_check_rejects_numbers_not_in_the_source() {
        let allowed = [1170.0, 200.0, 2e8, 28.0, 11.0];
        assert!(check_numbers("1,170 residents; nearly 200 million dong", &allowed).is_ok());
        assert!(check_numbers("*khám cho 1.170 người* on 28/11", &allowed).is_ok());
        assert_eq!(check_numbers("1,200 residents", &allowed), Err("1,200".to_string()));
        assert_eq!(check_numbers("*1.171 người*", &allowed), Err("1.171".to_string()));
    }

    #[test]
    fn abstractive_summary_drops_sentences_with_numbers_not_in_the_source() {
        let text = "Sáng 12/3, tỉnh tổ chức khám bệnh cho 1.170 người dân. Tổng kinh phí gần 200 triệu đồng.";
        let source = crate::ingest::Source {
            path: "a.txt".into(),
            rel: "a.txt".into(),
            format: crate::document::Format::Text,
        };
        let doc = crate::pipeline::build_document(&source, "a", text.as_bytes(), String::new()).unwrap();
        let res = Resources::builtin().unwrap();
        let facts = crate::extract::extract(&doc, &res);
        let summary = "On March 12 the province examined 1,170 residents. It spent VND 300 million. The cost was nearly VND 200 million.";
        let (kept, warnings) = abstractive_summary(&doc, &facts, summary, "m");
        let kept = kept.unwrap();
        assert_eq!(kept.text, "On March 12 the province examined 1,170 residents. The cost was nearly VND 200 million.");
        assert_eq!(kept.method, "abstractive:m");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("300"), "{warnings:?}");
        // Nothing left: no abstractive summary, and a warning says the data-to-text one stands.
        let (kept, warnings) = abstractive_summary(&doc, &facts, "It spent VND 300 million.", "m");
        assert!(kept.is_none());
        assert_eq!(warnings.len(), 2);
    }
}
